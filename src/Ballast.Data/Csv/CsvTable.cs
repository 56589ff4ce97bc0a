using System.Buffers;

namespace Ballast.Data.Csv;

/// <summary>
/// The one CSV reader for Ballast's data files and for users' files: RFC 4180 quoting (a field in double quotes may hold
/// commas, doubled quotes and line breaks), a header row, and each record's line number, so every error names file,
/// line, column and value. The rules every loader gets from it:
/// <list type="bullet">
/// <item>header names are trimmed and matched ignoring case (the first of two equal names wins); a byte-order mark is dropped;</item>
/// <item>blank lines are skipped; a record with more or fewer fields than the header is an error;</item>
/// <item>a number is missing when its trimmed field is empty, <c>NA</c> or <c>..</c> (the World Bank's marker); text is
/// missing only when empty, since <c>NA</c> is also Namibia's ISO code.</item>
/// </list>
/// </summary>
public sealed class CsvTable
{
    private readonly CsvColumns _columns;

    private CsvTable(CsvColumns columns, List<CsvRecord> records)
    {
        _columns = columns;
        Records = records;
    }

    /// <summary>The file name shown in errors.</summary>
    public string Name => _columns.File;

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header => _columns.Names;

    /// <summary>The data records (header excluded).</summary>
    public IReadOnlyList<CsvRecord> Records { get; }

    /// <summary>True if the table has the column.</summary>
    public bool Has(string column) => _columns.Has(column);

    /// <summary>Index of a column; throws naming the file when it is missing.</summary>
    public int Column(string column) => _columns.Index(column);

    /// <summary>Throws when any required column is missing.</summary>
    public void Require(params string[] columns)
    {
        foreach (var c in columns)
        {
            Column(c);
        }
    }

    /// <summary>True when a trimmed numeric field means "no value": empty, <c>NA</c> or <c>..</c>.</summary>
    public static bool IsMissingNumber(string trimmed) => trimmed is "" or "NA" or "..";

    /// <summary>
    /// Reads a CSV from text. Text longer than <see cref="InputLimits.CsvBytes"/> characters, more than
    /// <see cref="InputLimits.CsvRows"/> data rows, a field over <see cref="InputLimits.CsvFieldChars"/> characters and a
    /// control or invisible character in a field (which would otherwise vanish when a name is matched) are errors.
    /// </summary>
    public static CsvTable Parse(string name, TextReader reader)
    {
        var text = ReadBounded(name, reader);
        var records = new List<CsvRecord>();
        CsvColumns? columns = null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        i++;
                        Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (PlainRun(text, i, QuotedPlain) is > 1 and var run)
                {
                    AppendPlain(text.AsSpan(i, run));
                    i += run - 1;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    Append(c);
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
                    EndField();
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
                    if (PlainRun(text, i, Plain) is > 1 and var run)
                    {
                        AppendPlain(text.AsSpan(i, run));
                        i += run - 1;
                    }
                    else
                    {
                        Append(c);
                    }

                    any = true;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new BallastInputException("unterminated quoted field", name, recordLine);
        }

        EndRecord();
        if (columns is null)
        {
            throw new BallastInputException("the file is empty (no header row)", name, 1);
        }

        return new CsvTable(columns, records);

        void Append(char c)
        {
            if (field.Length == InputLimits.CsvFieldChars)
            {
                throw new BallastInputException($"the field is longer than {InputLimits.CsvFieldChars} characters", name, recordLine, FieldName());
            }

            if (Names.IsInvisible(c) && !(columns is null && fields.Count == 0 && field.Length == 0 && c == '\uFEFF'))
            {
                throw new BallastInputException($"contains the control or invisible character U+{(int)c:X4}", name, recordLine, FieldName());
            }

            field.Append(c);
        }

        // A run of characters that are neither special to the parser nor invisible, appended at once (the same limit as Append's).
        void AppendPlain(ReadOnlySpan<char> run)
        {
            if (field.Length + run.Length > InputLimits.CsvFieldChars)
            {
                throw new BallastInputException($"the field is longer than {InputLimits.CsvFieldChars} characters", name, recordLine, FieldName());
            }

            field.Append(run);
        }

        string FieldName() =>
            columns is not null && fields.Count < columns.Names.Length ? columns.Names[fields.Count] : $"#{fields.Count + 1}";

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
        }

        void EndRecord()
        {
            if (!any && field.Length == 0 && fields.Count == 0)
            {
                return; // blank line
            }

            EndField();
            any = false;
            var arr = fields.ToArray();
            fields.Clear();
            if (columns is null)
            {
                arr[0] = arr[0].TrimStart('\uFEFF');
                columns = new CsvColumns(name, arr.Select(h => h.Trim()).ToArray());
                return;
            }

            if (arr.Length != columns.Names.Length)
            {
                throw new BallastInputException(
                    $"expected {columns.Names.Length} fields as in the header, found {arr.Length}", name, recordLine);
            }

            if (records.Count == InputLimits.CsvRows)
            {
                throw new BallastInputException($"the file has more than {InputLimits.CsvRows} data rows", name, recordLine);
            }

            records.Add(new CsvRecord(recordLine, arr, columns));
        }
    }

    // Printable ASCII and the tab, but for the quote and the comma: characters the parser appends to a field as they are,
    // none of them invisible (Names.IsInvisible), so a run of them is found by one vector search instead of char by char.
    private static readonly SearchValues<char> Plain = SearchValues.Create(PlainChars(withComma: false));

    // Inside quotes the comma is plain too.
    private static readonly SearchValues<char> QuotedPlain = SearchValues.Create(PlainChars(withComma: true));

    private static string PlainChars(bool withComma)
    {
        var chars = new StringBuilder("\t");
        for (var c = ' '; c <= '~'; c++)
        {
            if (c != '"' && (withComma || c != ','))
            {
                chars.Append(c);
            }
        }

        return chars.ToString();
    }

    // Length of the run of plain characters starting at text[at] (0 when text[at] is not plain).
    private static int PlainRun(string text, int at, SearchValues<char> plain)
    {
        var run = text.AsSpan(at).IndexOfAnyExcept(plain);
        return run < 0 ? text.Length - at : run;
    }

    private static string ReadBounded(string name, TextReader reader)
    {
        var buffer = new char[1 << 16];
        var text = new StringBuilder();
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + n > InputLimits.CsvBytes)
            {
                throw TooLarge(name);
            }

            text.Append(buffer, 0, n);
        }

        return text.ToString();
    }

    private static BallastInputException TooLarge(string name) =>
        new($"the file is larger than {InputLimits.CsvBytes} bytes", name);

    /// <summary>Reads a CSV file from disk; a missing file is an input error.</summary>
    public static CsvTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BallastInputException("file not found", path);
        }

        // Count bytes, not characters, and never trust the reported length: a device such as /dev/zero reports 0 and never ends.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var bytes = new MemoryStream();
        var buffer = new byte[1 << 16];
        int n;
        while ((n = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (bytes.Length + n > InputLimits.CsvBytes)
            {
                throw TooLarge(path);
            }

            bytes.Write(buffer, 0, n);
        }

        bytes.Position = 0;
        using var reader = new StreamReader(bytes, Encoding.UTF8);
        return Parse(path, reader);
    }
}

/// <summary>
/// The header of a <see cref="CsvTable"/>: names in file order and their indices, matched ignoring case, and the file
/// name that the table's and its records' errors show.
/// </summary>
internal sealed class CsvColumns
{
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);

    public CsvColumns(string file, string[] names)
    {
        File = file;
        Names = names;
        for (var i = 0; i < names.Length; i++)
        {
            _index.TryAdd(names[i], i);
        }
    }

    public string File { get; }

    public string[] Names { get; }

    public bool Has(string column) => _index.ContainsKey(column);

    public int Index(string column) =>
        _index.TryGetValue(column, out var i)
            ? i
            : throw new BallastInputException(
                $"missing column '{column}' (columns present: {string.Join(", ", Names)})", File, 1, column);
}

/// <summary>
/// One CSV record with typed accessors, by column index or by column name, that report file, line, column and value on
/// failure. Text is trimmed; see <see cref="CsvTable"/> for what counts as missing.
/// </summary>
public sealed class CsvRecord
{
    private readonly string[] _fields;
    private readonly CsvColumns _columns;

    internal CsvRecord(int line, string[] fields, CsvColumns columns)
    {
        Line = line;
        _fields = fields;
        _columns = columns;
    }

    /// <summary>File name.</summary>
    public string File => _columns.File;

    /// <summary>1-based line where the record starts.</summary>
    public int Line { get; }

    /// <summary>Raw text of a field.</summary>
    public string this[int column] => _fields[column];

    /// <summary>Raw text of a field by column name.</summary>
    public string this[string column] => _fields[_columns.Index(column)];

    /// <summary>Trimmed text, or null when empty.</summary>
    public string? Text(int column)
    {
        var s = _fields[column].Trim();
        return s.Length == 0 ? null : s;
    }

    /// <summary>Trimmed text by column name, or null when empty.</summary>
    public string? Text(string column) => Text(_columns.Index(column));

    /// <summary>A required non-empty text field.</summary>
    public string RequiredText(int column) =>
        Text(column) ?? throw Error(column, "is empty");

    /// <summary>A required non-empty text field by column name.</summary>
    public string RequiredText(string column) => RequiredText(_columns.Index(column));

    /// <summary>A number, or null when the field is missing (empty, NA or ..).</summary>
    public double? Number(int column)
    {
        var s = _fields[column].Trim();
        if (CsvTable.IsMissingNumber(s))
        {
            return null;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
        {
            return v;
        }

        throw Error(column, "is not a number");
    }

    /// <summary>A number by column name, or null when the field is missing.</summary>
    public double? Number(string column) => Number(_columns.Index(column));

    /// <summary>A required number.</summary>
    public double RequiredNumber(int column) => Number(column) ?? throw Missing(column);

    /// <summary>A required number by column name.</summary>
    public double RequiredNumber(string column) => RequiredNumber(_columns.Index(column));

    /// <summary>A required integer.</summary>
    public int Integer(int column)
    {
        var s = _fields[column].Trim();
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        throw CsvTable.IsMissingNumber(s) ? Missing(column) : Error(column, "is not a whole number");
    }

    /// <summary>A required integer by column name.</summary>
    public int Integer(string column) => Integer(_columns.Index(column));

    /// <summary>An integer, or null when the field is missing (empty, NA or ..).</summary>
    public int? OptionalInteger(int column) => CsvTable.IsMissingNumber(_fields[column].Trim()) ? null : Integer(column);

    /// <summary>An integer by column name, or null when the field is missing.</summary>
    public int? OptionalInteger(string column) => OptionalInteger(_columns.Index(column));

    /// <summary>A required 0/1 flag.</summary>
    public bool Flag(int column) => _fields[column].Trim() switch
    {
        "1" => true,
        "0" => false,
        _ => throw Error(column, "is not 0 or 1"),
    };

    /// <summary>A required 0/1 flag by column name.</summary>
    public bool Flag(string column) => Flag(_columns.Index(column));

    /// <summary>An input error located at this record and column.</summary>
    public BallastInputException Error(int column, string reason) =>
        new(reason, File, Line, _columns.Names[column], InputLimits.Echo(_fields[column]));

    /// <summary>An input error located at this record and the named column.</summary>
    public BallastInputException Error(string column, string reason) => Error(_columns.Index(column), reason);

    private BallastInputException Missing(int column) =>
        Error(column, _fields[column].Trim().Length == 0 ? "is empty" : "is missing");
}
