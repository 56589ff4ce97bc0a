using System.Globalization;
using System.Text;
using Ballast.Core;

namespace Ballast.Data.Alliances;

/// <summary>
/// A small RFC 4180 reader for the alliance, grouping and capability files: a header row, comma-separated fields,
/// double quotes around fields that contain commas or quotes (no line breaks inside fields). Every error names the
/// file, the 1-based line and the field.
/// </summary>
internal sealed class DelimitedText
{
    private readonly Dictionary<string, int> _columns;

    private DelimitedText(string file, Dictionary<string, int> columns, List<(int Line, string[] Fields)> rows)
    {
        File = file;
        _columns = columns;
        Rows = rows;
    }

    public string File { get; }

    public List<(int Line, string[] Fields)> Rows { get; }

    public static DelimitedText Read(TextReader reader, string file, params string[] requiredColumns)
    {
        var header = reader.ReadLine() ?? throw new BallastInputException("the file is empty; expected a header row.", file, 1);
        var names = Split(header.TrimStart('\uFEFF'), file, 1);
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            columns.TryAdd(names[i].Trim(), i);
        }

        foreach (var c in requiredColumns)
        {
            if (!columns.ContainsKey(c))
            {
                throw new BallastInputException($"missing column '{c}'; the header must include {string.Join(", ", requiredColumns)}.", file, 1, c);
            }
        }

        var rows = new List<(int, string[])>();
        var lineNo = 1;
        while (reader.ReadLine() is string line)
        {
            lineNo++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = Split(line, file, lineNo);
            if (fields.Length != names.Length)
            {
                throw new BallastInputException($"expected {names.Length} fields as in the header, found {fields.Length}.", file, lineNo);
            }

            rows.Add((lineNo, fields));
        }

        return new DelimitedText(file, columns, rows);
    }

    public string Text(string[] row, string column) => row[_columns[column]].Trim();

    public int Int(string[] row, int line, string column)
    {
        var s = Text(row, column);
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new BallastInputException("expected a whole number.", File, line, column, s);
    }

    public int? OptionalInt(string[] row, int line, string column)
    {
        var s = Text(row, column);
        return s.Length == 0 || s == "NA" ? null : Int(row, line, column);
    }

    public double? OptionalDouble(string[] row, int line, string column)
    {
        var s = Text(row, column);
        if (s.Length == 0 || s == "NA")
        {
            return null;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new BallastInputException("expected a number (or empty for missing).", File, line, column, s);
    }

    public bool Flag(string[] row, int line, string column) => Text(row, column) switch
    {
        "1" => true,
        "0" => false,
        var s => throw new BallastInputException("expected 0 or 1.", File, line, column, s),
    };

    private static string[] Split(string line, string file, int lineNo)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new BallastInputException("a quoted field is not closed.", file, lineNo);
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    throw new BallastInputException("unexpected text after a closing quote.", file, lineNo);
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    sb.Append(line[i++]);
                }
            }

            fields.Add(sb.ToString());
            if (i >= line.Length)
            {
                break;
            }

            i++; // the comma
        }

        return fields.ToArray();
    }
}
