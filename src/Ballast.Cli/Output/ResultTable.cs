using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Ballast.Cli.Output;

/// <summary>How a command prints its result.</summary>
public enum OutputFormat
{
    /// <summary>A readable table for people.</summary>
    Table,

    /// <summary>Comma-separated values, invariant culture, raw numbers.</summary>
    Csv,

    /// <summary>JSON for machines.</summary>
    Json,
}

/// <summary>A column of a result table: name for machines, header for people, and how to format numbers.</summary>
/// <remarks>Tables show <c>value / DisplayScale</c> (e.g. 1e9 for billions); CSV and JSON always carry the raw value.</remarks>
public sealed record ResultColumn(string Name, string Header, string Format = "N2", bool RightAlign = true, double DisplayScale = 1);

/// <summary>A number cell with its own display format, for tables whose rows are different quantities (a KPI per row).</summary>
/// <param name="Value">The value, or null when missing.</param>
/// <param name="Format">.NET number format for the table; CSV and JSON carry the raw value.</param>
public sealed record FormattedNumber(double? Value, string Format);

/// <summary>
/// A command's tabular result, rendered as a table, CSV or JSON by one exporter (so every command prints the
/// same way). Cells are strings, doubles, ints or null (missing, shown as "–" and written empty/null).
/// </summary>
public sealed class ResultTable
{
    /// <summary>Creates a result.</summary>
    public ResultTable(string title, IReadOnlyList<ResultColumn> columns)
    {
        Title = title;
        Columns = columns;
    }

    /// <summary>Title printed above the table.</summary>
    public string Title { get; }

    /// <summary>The columns.</summary>
    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>The rows.</summary>
    public List<object?[]> Rows { get; } = [];

    /// <summary>Lines printed under the table (interpretation, warnings).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Source citations for the figures shown.</summary>
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

    /// <summary>Writes the result in a format.</summary>
    public void Write(OutputFormat format, IAnsiConsole console, TextWriter writer)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                WriteCsv(writer);
                break;
            case OutputFormat.Json:
                WriteJson(writer);
                break;
            default:
                WriteTable(console);
                break;
        }
    }

    private void WriteTable(IAnsiConsole console)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(Title)), Border = TableBorder.Rounded };
        foreach (var c in Columns)
        {
            var col = new TableColumn(Markup.Escape(c.Header));
            if (c.RightAlign)
            {
                col.RightAligned();
            }

            table.AddColumn(col);
        }

        foreach (var r in Rows)
        {
            table.AddRow(r.Select((cell, i) => new Text(FormatCell(cell, Columns[i]))).ToArray());
        }

        console.Write(table);
        foreach (var n in Notes)
        {
            console.WriteLine(n);
        }

        foreach (var s in Sources.Distinct())
        {
            console.WriteLine(s);
        }
    }

    /// <summary>Human formatting of one cell.</summary>
    public static string FormatCell(object? cell, ResultColumn column) => cell switch
    {
        null => "–",
        double d when double.IsNaN(d) => "–",
        double d => (d / column.DisplayScale).ToString(column.Format, CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        FormattedNumber f => f.Value is double v && !double.IsNaN(v) ? v.ToString(f.Format, CultureInfo.InvariantCulture) : "–",
        _ => cell.ToString() ?? string.Empty,
    };

    private void WriteCsv(TextWriter w)
    {
        w.WriteLine(string.Join(',', Columns.Select(c => Escape(c.Name))));
        foreach (var r in Rows)
        {
            w.WriteLine(string.Join(',', r.Select(Raw)));
        }
    }

    private static string Raw(object? cell) => cell switch
    {
        null => string.Empty,
        FormattedNumber f => Raw(f.Value),
        double d when double.IsNaN(d) => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => Escape(cell.ToString() ?? string.Empty),
    };

    private static string Escape(string s) =>
        s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private void WriteJson(TextWriter w)
    {
        var sb = new StringBuilder();
        using (var stream = new MemoryStream())
        {
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("title", Title);
                json.WriteStartArray("rows");
                foreach (var r in Rows)
                {
                    json.WriteStartObject();
                    for (var i = 0; i < Columns.Count; i++)
                    {
                        json.WritePropertyName(Columns[i].Name);
                        switch (r[i] is FormattedNumber f ? f.Value : r[i])
                        {
                            case null:
                                json.WriteNullValue();
                                break;
                            case double d when !double.IsFinite(d):
                                json.WriteNullValue();
                                break;
                            case double d:
                                json.WriteNumberValue(d);
                                break;
                            case int n:
                                json.WriteNumberValue(n);
                                break;
                            case bool b:
                                json.WriteBooleanValue(b);
                                break;
                            default:
                                json.WriteStringValue(r[i]!.ToString());
                                break;
                        }
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("notes");
                foreach (var n in Notes)
                {
                    json.WriteStringValue(n);
                }

                json.WriteEndArray();
                json.WriteStartArray("sources");
                foreach (var s in Sources.Distinct())
                {
                    json.WriteStringValue(s);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            sb.Append(Encoding.UTF8.GetString(stream.ToArray()));
        }

        w.WriteLine(sb.ToString());
    }
}
