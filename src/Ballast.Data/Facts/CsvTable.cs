using System.Globalization;
using System.Reflection;
using Ballast.Core;

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

    /// <summary>Reads an embedded data file (resource <c>Ballast.Data.&lt;name&gt;</c>).</summary>
    public static CsvTable Embedded(string fileName)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ballast.Data." + fileName)
            ?? throw new BallastInputException($"embedded data file '{fileName}' is missing from the build", fileName);
        using var r = new StreamReader(s);
        return Parse(r, "data/" + fileName);
    }

    public static CsvTable Parse(TextReader reader, string file)
    {
        string[]? header = null;
        var rows = new List<CsvRow>();
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            var startLine = lineNo;
            var fields = new List<string>();
            var sb = new System.Text.StringBuilder();
            var inQuotes = false;
            var i = 0;
            while (true)
            {
                if (i >= line.Length)
                {
                    if (inQuotes)
                    {
                        var next = reader.ReadLine() ?? throw new BallastInputException("unterminated quoted field", file, startLine);
                        lineNo++;
                        sb.Append('\n');
                        line = next;
                        i = 0;
                        continue;
                    }

                    fields.Add(sb.ToString());
                    break;
                }

                var ch = line[i];
                if (inQuotes)
                {
                    if (ch == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i++;
                        }
                        else
                        {
                            inQuotes = false;
                        }
                    }
                    else
                    {
                        sb.Append(ch);
                    }
                }
                else if (ch == '"')
                {
                    inQuotes = true;
                }
                else if (ch == ',')
                {
                    fields.Add(sb.ToString());
                    sb.Clear();
                }
                else
                {
                    sb.Append(ch);
                }

                i++;
            }

            if (header is null)
            {
                header = fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToArray();
                continue;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count != header.Length)
            {
                throw new BallastInputException($"expected {header.Length} fields, found {fields.Count}", file, startLine);
            }

            rows.Add(new CsvRow(fields.ToArray(), startLine));
        }

        if (header is null)
        {
            throw new BallastInputException("the file is empty (no header row)", file);
        }

        return new CsvTable(file, header, rows);
    }

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
