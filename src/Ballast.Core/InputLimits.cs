namespace Ballast.Core;

/// <summary>
/// Every bound Ballast puts on input, in one place (documented in <c>docs/limits.md</c>): the CLI, the web host and the
/// data readers all read them from here, so a limit is changed once and its test moves with it. The web settings of
/// the same name (<c>Ballast:MaxRequestBytes</c> ...) start at these values and may only be lowered or raised by an operator.
/// </summary>
public static class InputLimits
{
    /// <summary>Largest web request body, in bytes (default of <c>Ballast:MaxRequestBytes</c>).</summary>
    public const long RequestBytes = 1 << 20;

    /// <summary>Largest scenario YAML text, in characters.</summary>
    public const int YamlChars = 1_000_000;

    /// <summary>
    /// Deepest nesting of mappings and sequences in a YAML document. The example scenarios nest four deep; the parser
    /// builds nodes recursively, so a bound far below what a thread's stack holds keeps a deep file from ending the process.
    /// </summary>
    public const int YamlDepth = 64;

    /// <summary>Most nodes one YAML document may have, counting alias expansions (a guard against "billion laughs").</summary>
    public const int YamlNodes = 200_000;

    /// <summary>Largest CSV file, in bytes (a user panel of every country and year is under 2 MB; the largest embedded file is 6 MB).</summary>
    public const long CsvBytes = 16L << 20;

    /// <summary>Most data rows in one CSV file.</summary>
    public const int CsvRows = 1_000_000;

    /// <summary>Longest CSV field, in characters.</summary>
    public const int CsvFieldChars = 4096;

    /// <summary>Most runs one web job may ask for (default of <c>Ballast:MaxRunsPerJob</c>).</summary>
    public const int RunsPerJob = 20_000;

    /// <summary>Jobs the web host runs at once (default of <c>Ballast:MaxConcurrentJobs</c>).</summary>
    public const int ConcurrentJobs = 1;

    /// <summary>Longest input value repeated in an error message, in characters; longer values are cut (see <see cref="Echo"/>).</summary>
    public const int EchoChars = 80;

    /// <summary>
    /// A value as it may be repeated in an error message: itself when at most <see cref="EchoChars"/> long, else its
    /// start followed by "… (N characters)", so a huge input never makes a huge error.
    /// </summary>
    public static string Echo(string value) =>
        value.Length <= EchoChars ? value : $"{value[..(char.IsHighSurrogate(value[EchoChars - 1]) ? EchoChars - 1 : EchoChars)]}… ({value.Length} characters)";
}
