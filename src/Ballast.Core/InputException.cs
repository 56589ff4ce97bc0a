namespace Ballast.Core;

/// <summary>
/// Bad input from a user or a data file: carries where it was found (file, line, column/field, value)
/// so the message a user sees can point at the exact place. Commands turn it into a non-zero exit code.
/// </summary>
public class BallastInputException : Exception
{
    /// <summary>Creates an input error with an optional location.</summary>
    public BallastInputException(string message, string? file = null, int? line = null, string? field = null, string? value = null)
        : base(Compose(message, file, line, field, value))
    {
        Reason = message;
        File = file;
        Line = line;
        Field = field;
        Value = value;
    }

    /// <summary>The reason without the location prefix.</summary>
    public string Reason { get; }

    /// <summary>File (or source name) the bad input came from, if any.</summary>
    public string? File { get; }

    /// <summary>1-based line number in <see cref="File"/>, if known.</summary>
    public int? Line { get; }

    /// <summary>Column or field name, if known.</summary>
    public string? Field { get; }

    /// <summary>The offending value as written, if any.</summary>
    public string? Value { get; }

    private static string Compose(string message, string? file, int? line, string? field, string? value)
    {
        var where = new List<string>();
        if (file is not null)
        {
            where.Add(line is null ? file : $"{file}:{line}");
        }

        if (field is not null)
        {
            where.Add($"field '{field}'");
        }

        if (value is not null)
        {
            where.Add($"value '{value}'");
        }

        return where.Count == 0 ? message : $"{string.Join(", ", where)}: {message}";
    }
}
