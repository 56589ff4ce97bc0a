using Spectre.Console;

namespace Ballast.Cli.Output;

/// <summary>How a command prints its result.</summary>
public enum OutputFormat
{
    /// <summary>A readable table for people.</summary>
    Table,

    /// <summary>Comma-separated values, invariant culture, numbers in the unit the column name says.</summary>
    Csv,

    /// <summary>One JSON object for machines.</summary>
    Json,
}

/// <summary>Where a column appears: in every format, only in the terminal table, or only in CSV and JSON.</summary>
public enum ColumnUse
{
    /// <summary>Terminal, CSV and JSON.</summary>
    Both,

    /// <summary>Only the terminal table (a label people read, e.g. "met" or "▶").</summary>
    Display,

    /// <summary>Only CSV and JSON (a typed field behind a display label, e.g. a year and its status).</summary>
    Data,
}

/// <summary>A column of a result table: name for machines, header for people, and how to format numbers.</summary>
/// <param name="Name">The machine name (snake_case with the unit, docs/outputs.md).</param>
/// <param name="Header">The terminal header.</param>
/// <param name="Format">.NET number format of the terminal cell.</param>
/// <param name="RightAlign">Right-aligned in the terminal (numbers).</param>
/// <param name="DisplayScale">Cells hold <c>value × DisplayScale</c> in base units; tables, CSV and JSON all show <c>cell / DisplayScale</c>.</param>
/// <param name="Priority">0 keeps the column at every terminal width; higher numbers are left out first when the terminal is narrow.</param>
/// <param name="Use">Where the column appears.</param>
/// <param name="DataScale">When set, CSV and JSON carry <c>cell / DataScale</c> instead (the panel format of <c>series</c> keeps US$).</param>
public sealed record ResultColumn(string Name, string Header, string Format = "N2", bool RightAlign = true, double DisplayScale = 1, int Priority = 0, ColumnUse Use = ColumnUse.Both, double? DataScale = null);

/// <summary>A number cell with its own display format, for tables whose rows are different quantities (a KPI per row).</summary>
/// <param name="Value">The value, or null when missing.</param>
/// <param name="Format">.NET number format for the table; CSV and JSON carry the value.</param>
public sealed record FormattedNumber(double? Value, string Format);

/// <summary>Where a table appears: in the terminal and as data, only in the terminal, or only as data.</summary>
public enum TableUse
{
    /// <summary>Terminal, CSV and JSON.</summary>
    Both,

    /// <summary>Only in the terminal (a view of data another table carries), still selectable with <c>--table</c> for CSV.</summary>
    Display,

    /// <summary>Only in CSV and JSON (the tidy form of the terminal's views).</summary>
    Data,
}

/// <summary>
/// One table of a command's result. Cells are strings, doubles, ints, booleans, <see cref="FormattedNumber"/> or null
/// (missing, shown as "–" and written empty/null). A command's tables are printed together as a <see cref="ResultDocument"/>.
/// </summary>
/// <param name="title">Title printed above the table.</param>
/// <param name="columns">The columns.</param>
/// <param name="name">The table's key in JSON and for <c>--table</c>.</param>
/// <param name="use">Where the table appears.</param>
public sealed class ResultTable(string title, IReadOnlyList<ResultColumn> columns, string name = "rows", TableUse use = TableUse.Both)
{
    /// <summary>The table's key (<c>--table NAME</c>, the JSON member).</summary>
    public string Name => name;

    /// <summary>Where the table appears.</summary>
    public TableUse Use => use;

    /// <summary>Title printed above the table.</summary>
    public string Title => title;

    /// <summary>The columns.</summary>
    public IReadOnlyList<ResultColumn> Columns => columns;

    /// <summary>The rows.</summary>
    public List<object?[]> Rows { get; } = [];

    /// <summary>Interpretation and data caveats: standard error in table mode, the <c>notes</c> array in JSON.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Notes on how the terminal shows the table (what a bracket or mark means): standard error in table mode only.</summary>
    public List<string> TerminalNotes { get; } = [];

    /// <summary>Source citations for the figures shown (printed under the table; <c>sources</c> in JSON).</summary>
    public List<string> Sources { get; } = [];

    /// <summary>Adds a row; its length must match the columns.</summary>
    public void Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"row has {cells.Length} cells, table has {Columns.Count} columns");
        }

        Rows.Add(cells);
    }

    /// <summary>Writes this table alone as a one-table document (commands with a single table).</summary>
    public void Write(OutputFormat format, CliContext ctx, string command) => new ResultDocument(command, this).Write(format, ctx);

    /// <summary>Human formatting of one cell.</summary>
    public static string FormatCell(object? cell, ResultColumn column) => cell switch
    {
        null => "–",
        double d when double.IsNaN(d) => "–",
        double d => (d / column.DisplayScale).ToString(column.Format, CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString("N0", CultureInfo.InvariantCulture), // counts of rows
        bool b => b ? "yes" : "no",
        FormattedNumber f => f.Value is double v && !double.IsNaN(v) ? v.ToString(f.Format, CultureInfo.InvariantCulture) : "–",
        _ => cell.ToString() ?? string.Empty,
    };

    /// <summary>The machine value of a cell: numbers in the column's unit (scaled), null for missing, otherwise the cell.</summary>
    public static object? DataValue(object? cell, ResultColumn column) => cell switch
    {
        null => null,
        FormattedNumber f => f.Value is double v && double.IsFinite(v) ? v : null,
        double d when !double.IsFinite(d) => null,
        double d => d / (column.DataScale ?? column.DisplayScale),
        _ => cell,
    };

    /// <summary>The columns CSV and JSON carry.</summary>
    internal IEnumerable<int> DataColumns => Enumerable.Range(0, Columns.Count).Where(i => Columns[i].Use != ColumnUse.Display);

    /// <summary>The columns the terminal shows.</summary>
    internal IEnumerable<int> DisplayColumns => Enumerable.Range(0, Columns.Count).Where(i => Columns[i].Use != ColumnUse.Data);

    /// <summary>Writes the table as CSV: one header row and one row per record.</summary>
    internal void WriteCsv(TextWriter w)
    {
        var cols = DataColumns.ToList();
        w.WriteLine(string.Join(',', cols.Select(c => Escape(Columns[c].Name))));
        foreach (var r in Rows)
        {
            w.WriteLine(string.Join(',', cols.Select(c => Raw(DataValue(r[c], Columns[c])))));
        }
    }

    private static string Raw(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Escape(value.ToString() ?? string.Empty),
    };

    private static string Escape(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>Writes the table to the terminal within its width, leaving out low-priority columns first (<see cref="TableLayout"/>).</summary>
    internal void WriteTerminal(IAnsiConsole console, TextWriter err) => TableLayout.Write(this, console, err);
}
