using System.Globalization;
using Ballast.Core;
using Ballast.Data.Embedded;

namespace Ballast.Data.Facts;

/// <summary>A parsed CSV file: header and rows, each row with its 1-based line number, for precise errors.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string file, string[] header, List<CsvRow> rows)
    {
        File = file;
        Header = header;
        Rows = rows;
        _columns = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        foreach (var r in rows)
        {
            r.Table = this;
        }
    }

    public string File { get; }

    public string[] Header { get; }

    public List<CsvRow> Rows { get; }

    /// <summary>Reads an embedded data file (resource <c>Ballast.Data.&lt;name&gt;</c>), named <c>data/&lt;name&gt;</c> in errors.</summary>
    public static CsvTable Embedded(string fileName) => From(EmbeddedData.Csv(fileName));

    /// <summary>Parses CSV text with the project's one CSV reader (<see cref="Csv.CsvTable"/>) and keeps this loader's typed accessors.</summary>
    public static CsvTable Parse(TextReader reader, string file) => From(Csv.CsvTable.Parse(file, reader));

    private static CsvTable From(Csv.CsvTable t) =>
        new(t.Name, [.. t.Header], t.Records.Select(r => new CsvRow(Enumerable.Range(0, t.Header.Count).Select(i => r[i]).ToArray(), r.Line)).ToList());

    public void Require(params string[] columns)
    {
        foreach (var c in columns)
        {
            if (!_columns.ContainsKey(c))
            {
                throw new BallastInputException($"missing column '{c}'; the header has: {string.Join(", ", Header)}", File, 1, c);
            }
        }
    }

    internal int Index(string column) =>
        _columns.TryGetValue(column, out var i) ? i : throw new BallastInputException($"missing column '{column}'", File, 1, column);
}

/// <summary>One CSV record.</summary>
internal sealed class CsvRow(string[] fields, int line)
{
    public CsvTable Table { get; set; } = null!;

    public int Line { get; } = line;

    public string this[string column] => fields[Table.Index(column)].Trim();

    public string Text(string column)
    {
        var v = this[column];
        return v.Length == 0 ? throw Error(column, v, "a value is required") : v;
    }

    public double? OptionalDouble(string column)
    {
        var v = this[column];
        if (v.Length == 0 || v == "NA")
        {
            return null;
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : throw Error(column, v, "not a number");
    }

    public double Double(string column) => OptionalDouble(column) ?? throw Error(column, string.Empty, "a number is required");

    public int? OptionalInt(string column)
    {
        var d = OptionalDouble(column);
        return d is null ? null : d == Math.Floor(d.Value) && Math.Abs(d.Value) < int.MaxValue ? (int)d.Value : throw Error(column, this[column], "not a whole number");
    }

    public int Int(string column) => OptionalInt(column) ?? throw Error(column, string.Empty, "a whole number is required");

    public BallastInputException Error(string column, string value, string reason) =>
        new(reason, Table.File, Line, column, value);
}
