namespace Ballast.Runs;

/// <summary>How the per-run rows of an ensemble are saved.</summary>
public enum RunsFormat
{
    /// <summary><c>runs.csv</c>: one text line per run.</summary>
    Csv,

    /// <summary><c>runs.parquet</c>: compressed columns (a tenth of the CSV's bytes, written faster).</summary>
    Parquet,

    /// <summary>No per-run file; percentiles and KPIs only.</summary>
    None,
}

/// <summary>Choosing and naming the per-run file.</summary>
public static class RunsFormats
{
    /// <summary>Largest ensemble whose rows are saved as CSV unless another format is asked for; larger ones get Parquet.</summary>
    public const int CsvUpTo = 10_000;

    /// <summary>The format used: the one asked for, else CSV up to <see cref="CsvUpTo"/> runs and Parquet above.</summary>
    public static RunsFormat Resolve(RunsFormat? requested, int runs) =>
        requested ?? (runs <= CsvUpTo ? RunsFormat.Csv : RunsFormat.Parquet);

    /// <summary>The file name of a format (null for <see cref="RunsFormat.None"/>).</summary>
    public static string? FileName(RunsFormat format) => format switch
    {
        RunsFormat.Csv => ResultsFolder.RunsFile,
        RunsFormat.Parquet => ResultsFolder.RunsParquetFile,
        _ => null,
    };

    /// <summary>Parses <c>csv</c>, <c>parquet</c> or <c>none</c> (case-insensitive).</summary>
    public static RunsFormat Parse(string text) => text.ToLowerInvariant() switch
    {
        "csv" => RunsFormat.Csv,
        "parquet" => RunsFormat.Parquet,
        "none" => RunsFormat.None,
        _ => throw new BallastInputException("the per-run format must be csv, parquet or none", field: "--runs-format", value: text),
    };
}
