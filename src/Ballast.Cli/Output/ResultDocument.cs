using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Ballast.Cli.Output;

/// <summary>
/// Everything one command prints, written by one exporter so every command keeps the same contract
/// (docs/outputs.md): the terminal shows its tables with sources and sends notes to standard error; CSV is one
/// rectangular table (<c>--table NAME</c> picks which); JSON is one object with the command's typed fields, its data
/// tables, and <c>notes</c> and <c>sources</c> arrays.
/// </summary>
public sealed class ResultDocument
{
    /// <summary>Creates a document of tables in printing order; table names must be unique.</summary>
    public ResultDocument(string command, params ResultTable[] tables)
    {
        Command = command;
        Tables = tables;
        if (tables.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != tables.Length)
        {
            throw new ArgumentException("table names must be unique", nameof(tables));
        }
    }

    /// <summary>The command (the <c>command</c> member of the JSON).</summary>
    public string Command { get; }

    /// <summary>The tables in printing order.</summary>
    public IReadOnlyList<ResultTable> Tables { get; }

    /// <summary>Typed members written into the JSON object before the tables (statistics, years, counts).</summary>
    public JsonObject Fields { get; } = [];

    /// <summary>Notes of the whole result (besides each table's).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The table CSV prints without <c>--table</c> (default: the first that is data).</summary>
    public string? CsvDefault { get; init; }

    /// <summary>
    /// Adds typed fields from an object's properties, in order, each named by the one naming rule (docs/outputs.md;
    /// the web API's <c>ApiJson</c> applies the same policy): <c>new { m.StartYear, FreshFutures = n }</c> gives
    /// <c>start_year</c> and <c>fresh_futures</c>. A name with the unit in it says so (<c>BudgetSharePct</c>); a
    /// non-finite number is written null.
    /// </summary>
    public ResultDocument With(object fields)
    {
        foreach (var property in fields.GetType().GetProperties())
        {
            Fields[JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)] = Node(property.GetValue(fields));
        }

        return this;
    }

    private static JsonNode? Node(object? value) => value switch
    {
        null => null,
        JsonNode node => node,
        double d => Number(d),
        string text => JsonValue.Create(text),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        ulong u => JsonValue.Create(u),
        _ => throw new ArgumentException($"a typed field cannot hold a {value.GetType().Name}", nameof(value)),
    };

    /// <summary>A finite number as a JSON value, null otherwise.</summary>
    public static JsonNode? Number(double? value) => value is double v && double.IsFinite(v) ? JsonValue.Create(v) : null;

    /// <summary>Every note, in order, once: the document's, then each table's.</summary>
    public IReadOnlyList<string> AllNotes => [.. Notes.Concat(Tables.SelectMany(t => t.Notes)).Distinct(StringComparer.Ordinal)];

    /// <summary>Every source, in order, once.</summary>
    public IReadOnlyList<string> AllSources => [.. Tables.SelectMany(t => t.Sources).Distinct(StringComparer.Ordinal)];

    /// <summary>Writes the document; <paramref name="table"/> (a name from <see cref="Tables"/>) limits the terminal and CSV output to one table.</summary>
    public void Write(OutputFormat format, CliContext ctx, string? table = null)
    {
        var chosen = table is null ? null : Tables.FirstOrDefault(t => t.Name == table)
            ?? throw new BallastInputException($"unknown table; tables: {string.Join(", ", Tables.Select(t => t.Name))}", field: "--table", value: table);
        switch (format)
        {
            case OutputFormat.Csv:
                (chosen ?? Tables.FirstOrDefault(t => t.Name == CsvDefault) ?? Tables.First(t => t.Use != TableUse.Display)).WriteCsv(ctx.Out);
                break;
            case OutputFormat.Json:
                ctx.Out.WriteLine(Json());
                break;
            default:
                WriteTerminal(ctx, chosen);
                break;
        }
    }

    private void WriteTerminal(CliContext ctx, ResultTable? only)
    {
        var shown = only is null ? Tables.Where(t => t.Use != TableUse.Data).ToList() : [only];
        for (int i = 0; i < shown.Count; i++)
        {
            if (i > 0)
            {
                ctx.Out.WriteLine();
            }

            shown[i].WriteTerminal(ctx.Console, ctx.Err);
            foreach (var s in shown[i].Sources.Distinct(StringComparer.Ordinal))
            {
                ctx.Console.WriteLine(s);
            }
        }

        // Notes go to standard error, so standard output in table mode is only the tables and their sources.
        foreach (var n in Notes.Concat(shown.SelectMany(t => t.Notes.Concat(t.TerminalNotes))).Distinct(StringComparer.Ordinal))
        {
            ctx.Err.WriteLine("note: " + n);
        }
    }

    /// <summary>The JSON object (indented).</summary>
    public string Json()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("command", Command);
            foreach (var (key, value) in Fields)
            {
                json.WritePropertyName(key);
                WriteNode(json, value);
            }

            var data = Tables.Where(t => t.Use != TableUse.Display).ToList();
            if (data.Count == 1)
            {
                WriteTableMembers(json, data[0]);
            }
            else
            {
                json.WriteStartObject("tables");
                foreach (var t in data)
                {
                    json.WriteStartObject(t.Name);
                    WriteTableMembers(json, t);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            WriteStrings(json, "notes", AllNotes);
            WriteStrings(json, "sources", AllSources);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNode(Utf8JsonWriter json, JsonNode? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            value.WriteTo(json);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    private static void WriteTableMembers(Utf8JsonWriter json, ResultTable t)
    {
        var cols = t.DataColumns.ToList();
        json.WriteString("title", t.Title);
        json.WriteStartArray("columns");
        foreach (var c in cols)
        {
            json.WriteStartObject();
            json.WriteString("name", t.Columns[c].Name);
            json.WriteString("header", t.Columns[c].Header);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (var r in t.Rows)
        {
            json.WriteStartObject();
            foreach (var c in cols)
            {
                json.WritePropertyName(t.Columns[c].Name);
                switch (ResultTable.DataValue(r[c], t.Columns[c]))
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case double d:
                        json.WriteNumberValue(d);
                        break;
                    case int n:
                        json.WriteNumberValue(n);
                        break;
                    case long n:
                        json.WriteNumberValue(n);
                        break;
                    case bool b:
                        json.WriteBooleanValue(b);
                        break;
                    case var other:
                        json.WriteStringValue(other.ToString());
                        break;
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
