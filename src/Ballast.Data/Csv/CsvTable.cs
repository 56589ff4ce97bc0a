using System.Globalization;
using Ballast.Core;

namespace Ballast.Data.Csv;

/// <summary>
/// A parsed CSV file (RFC 4180 quoting) that remembers each record's line number, so every
/// error can name file, line, column and value.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string name, string[] header, List<CsvRecord> records)
    {
        Name = name;
        Header = header;
        Records = records;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            _columns.TryAdd(header[i], i);
        }
    }

    /// <summary>The file name shown in errors.</summary>
    public string Name { get; }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data records (header excluded).</summary>
    public IReadOnlyList<CsvRecord> Records { get; }

    /// <summary>True if the table has the column.</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>Index of a column; throws naming the file when it is missing.</summary>
    public int Column(string column) =>
        _columns.TryGetValue(column, out var i)
            ? i
            : throw new BallastInputException(
                $"missing column '{column}' (columns present: {string.Join(", ", Header)})", Name, 1, column);

    /// <summary>Throws when any required column is missing.</summary>
    public void Require(params string[] columns)
    {
        foreach (var c in columns)
        {
            Column(c);
        }
    }

    /// <summary>Reads a CSV from text.</summary>
    public static CsvTable Parse(string name, TextReader reader)
    {
        var records = new List<CsvRecord>();
        string[]? header = null;
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var any = false;
        int ch;
        while ((ch = reader.Read()) != -1)
        {
            var c = (char)ch;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new BallastInputException("unterminated quoted field", name, recordLine);
        }

        EndRecord();
        if (header is null)
        {
            throw new BallastInputException("the file is empty (no header row)", name, 1);
        }

        return new CsvTable(name, header, records);

        void EndRecord()
        {
            if (!any && field.Length == 0 && fields.Count == 0)
            {
                return; // blank line
            }

            fields.Add(field.ToString());
            field.Clear();
            any = false;
            var arr = fields.ToArray();
            fields.Clear();
            if (header is null)
            {
                arr[0] = arr[0].TrimStart('\uFEFF');
                header = arr.Select(h => h.Trim()).ToArray();
                return;
            }

            if (arr.Length != header.Length)
            {
                throw new BallastInputException(
                    $"expected {header.Length} fields as in the header, found {arr.Length}", name, recordLine);
            }

            records.Add(new CsvRecord(name, recordLine, arr, header));
        }
    }

    /// <summary>Reads a CSV file from disk; a missing file is an input error.</summary>
    public static CsvTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BallastInputException("file not found", path);
        }

        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return Parse(path, reader);
    }
}

/// <summary>One CSV record with typed accessors that report file, line, column and value on failure.</summary>
public sealed class CsvRecord
{
    private readonly string[] _fields;
    private readonly string[] _header;

    internal CsvRecord(string file, int line, string[] fields, string[] header)
    {
        File = file;
        Line = line;
        _fields = fields;
        _header = header;
    }

    /// <summary>File name.</summary>
    public string File { get; }

    /// <summary>1-based line where the record starts.</summary>
    public int Line { get; }

    /// <summary>Raw text of a field.</summary>
    public string this[int column] => _fields[column];

    /// <summary>Trimmed text, or null when empty.</summary>
    public string? Text(int column)
    {
        var s = _fields[column].Trim();
        return s.Length == 0 ? null : s;
    }

    /// <summary>A required non-empty text field.</summary>
    public string RequiredText(int column) =>
        Text(column) ?? throw Error(column, "is empty");

    /// <summary>A number, or null when the field is empty or "NA".</summary>
    public double? Number(int column)
    {
        var s = _fields[column].Trim();
        if (s.Length == 0 || s == "NA" || s == "..")
        {
            return null;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
        {
            return v;
        }

        throw Error(column, "is not a number");
    }

    /// <summary>A required integer.</summary>
    public int Integer(int column)
    {
        var s = _fields[column].Trim();
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        throw Error(column, s.Length == 0 ? "is empty" : "is not a whole number");
    }

    /// <summary>An optional integer.</summary>
    public int? OptionalInteger(int column)
    {
        var s = _fields[column].Trim();
        return s.Length == 0 || s == "NA" ? null : Integer(column);
    }

    /// <summary>An input error located at this record and column.</summary>
    public BallastInputException Error(int column, string reason) =>
        new(reason, File, Line, _header[column], _fields[column]);
}
