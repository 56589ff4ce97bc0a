namespace Ballast.Cli.Output;

/// <summary>
/// <c>--format</c>, and <c>--table NAME</c> for commands with several tables: made together so every command offers
/// the same choices and writes through <see cref="ResultDocument"/>.
/// </summary>
internal sealed class OutputOptions
{
    /// <summary>Creates the options; <paramref name="tables"/> are the command's table names (two or more add <c>--table</c>).</summary>
    public OutputOptions(params string[] tables)
    {
        if (tables.Length > 1)
        {
            Table = new Option<string?>("--table")
            {
                Description = $"One table for csv (default {tables[0]}) or the terminal: {string.Join(", ", tables)}. JSON holds them all.",
                HelpName = string.Join('|', tables),
            };
            Table.AcceptOnlyFromAmong(tables);
        }
    }

    /// <summary><c>--format</c>.</summary>
    public Option<OutputFormat?> Format { get; } = CommonOptions.Format();

    /// <summary><c>--table</c>, for commands with several tables.</summary>
    public Option<string?>? Table { get; }

    /// <summary>The options to add to the command.</summary>
    public IEnumerable<Symbol> Symbols => Table is null ? [Format] : [Format, Table];

    /// <summary>The format asked for.</summary>
    public OutputFormat Value(ParseResult p) => p.GetValue(Format) ?? OutputFormat.Table;

    /// <summary>Writes the document in the format (and table) asked for.</summary>
    public void Write(ParseResult p, CliContext ctx, ResultDocument document) =>
        document.Write(Value(p), ctx, Table is null ? null : p.GetValue(Table));
}
