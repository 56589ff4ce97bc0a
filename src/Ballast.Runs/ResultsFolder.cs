using System.Text.Json;

namespace Ballast.Runs;

/// <summary>
/// The saved results of a run, one folder: <c>manifest.json</c>, <c>kpis.json</c>, <c>percentiles.csv</c>
/// (variable, country — empty for coalition indicators —, year, p5, p25, p50, p75, p95), <c>runs.csv</c> or <c>runs.parquet</c> (one row per run), <c>scenario.yaml</c>,
/// and for a historical run <c>history.csv</c> (the model's burden band against the data, per ally and year).
/// Files are written under a temporary name and renamed when complete, so an interrupted run leaves no
/// half-written file that looks final.
/// </summary>
public static class ResultsFolder
{
    /// <summary>Manifest file name.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>KPI summary file name.</summary>
    public const string KpiFile = "kpis.json";

    /// <summary>Per-year percentiles file name.</summary>
    public const string PercentilesFile = "percentiles.csv";

    /// <summary>Per-run summary file name (CSV).</summary>
    public const string RunsFile = "runs.csv";

    /// <summary>Per-run summary file name (Parquet, the default above <see cref="RunsFormats.CsvUpTo"/> runs).</summary>
    public const string RunsParquetFile = "runs.parquet";

    /// <summary>Model burden against the data, per ally and year, for runs whose horizon has data (<see cref="Validation.HistoryCheck"/>).</summary>
    public const string HistoryFile = "history.csv";

    /// <summary>Copy of the scenario file name.</summary>
    public const string ScenarioFile = "scenario.yaml";

    /// <summary>Suffix of files still being written.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>Writes the summary files of a finished ensemble (runs.csv is streamed separately) and the manifest last.</summary>
    public static void Write(string dir, PreparedScenario prepared, RunManifest manifest, EnsembleResult result)
    {
        Directory.CreateDirectory(dir);
        WriteAtomically(Path.Combine(dir, ScenarioFile), w => w.Write(prepared.Yaml));
        WriteAtomically(Path.Combine(dir, PercentilesFile), w => WritePercentiles(w, result));
        WriteAtomically(Path.Combine(dir, KpiFile), w => w.Write(JsonSerializer.Serialize(result.Kpis, RunManifest.Json)));
        if (Validation.HistoryCheck.Rows(prepared, result) is { Count: > 0 } history)
        {
            WriteAtomically(Path.Combine(dir, HistoryFile), w => Validation.HistoryCheck.WriteCsv(w, history));
        }
        WriteAtomically(Path.Combine(dir, ManifestFile), w => w.Write(JsonSerializer.Serialize(manifest, RunManifest.Json)));
    }

    /// <summary>Writes a text file under a temporary name, then renames it into place.</summary>
    public static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var tmp = path + PartialSuffix;
        using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            write(w);
        }

        File.Move(tmp, path, overwrite: true);
    }

    private static void WritePercentiles(TextWriter w, EnsembleResult r)
    {
        // Tidy: the engine's indicator id "spending.USA" is two variables, the indicator and the country.
        w.WriteLine("variable,country,year,p5,p25,p50,p75,p95");
        foreach (var p in r.Percentiles)
        {
            var (variable, country) = SplitIndicator(p.Indicator);
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variable},{country},{p.Year},{p.P5:R},{p.P25:R},{p.P50:R},{p.P75:R},{p.P95:R}"));
        }
    }

    /// <summary>An indicator id's variable and country (<c>spending.USA</c> → spending, USA; <c>balance</c> → balance, empty).</summary>
    public static (string Variable, string Country) SplitIndicator(string indicator)
    {
        int dot = indicator.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (indicator, string.Empty) : (indicator[..dot], indicator[(dot + 1)..]);
    }

    /// <summary>Reads a results folder back (for <c>ballast report DIR</c> and the web app).</summary>
    public static SavedRun Read(string dir)
    {
        var manifestPath = Path.Combine(dir, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new BallastInputException($"not a Ballast results folder (no {ManifestFile}; was the run interrupted?)", dir);
        }

        var manifest = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(manifestPath), RunManifest.Json)
            ?? throw new BallastInputException("empty manifest", manifestPath);
        var kpis = JsonSerializer.Deserialize<KpiSummary>(File.ReadAllText(Path.Combine(dir, KpiFile)), RunManifest.Json)
            ?? throw new BallastInputException("empty KPI file", Path.Combine(dir, KpiFile));
        var rows = new List<PercentileRow>();
        var pPath = Path.Combine(dir, PercentilesFile);
        var table = Ballast.Data.Csv.CsvTable.Load(pPath);
        // Folders written before the tidy layout have one "indicator" column (spending.USA); both are read.
        bool tidy = table.Has("variable");
        table.Require(tidy ? ["variable", "country", "year", "p5", "p25", "p50", "p75", "p95"] : ["indicator", "year", "p5", "p25", "p50", "p75", "p95"]);
        int first = tidy ? 3 : 2;
        foreach (var rec in table.Records)
        {
            var country = tidy ? rec.Text(table.Column("country")) : null;
            var indicator = string.IsNullOrEmpty(country) ? rec.RequiredText(0) : $"{rec.RequiredText(0)}.{country}";
            rows.Add(new PercentileRow(indicator, rec.Integer(first - 1), N(rec, first), N(rec, first + 1), N(rec, first + 2), N(rec, first + 3), N(rec, first + 4)));
        }

        var indicators = rows.Select(r => r.Indicator).Distinct().ToList();
        var years = rows.Select(r => r.Year).Distinct().Order().ToList();
        var result = new EnsembleResult([.. indicators], [.. years], [.. rows], kpis);
        var yaml = File.Exists(Path.Combine(dir, ScenarioFile)) ? File.ReadAllText(Path.Combine(dir, ScenarioFile)) : null;
        return new SavedRun(dir, manifest, result, yaml);
    }

    private static double N(Ballast.Data.Csv.CsvRecord r, int c) => r.Number(c) ?? double.NaN;
}

/// <summary>A results folder read back from disk.</summary>
/// <param name="Directory">The folder.</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="Result">Percentiles and KPIs.</param>
/// <param name="ScenarioYaml">The scenario text, if saved.</param>
public sealed record SavedRun(string Directory, RunManifest Manifest, EnsembleResult Result, string? ScenarioYaml);
