using Ballast.Engine.Ensembles;
using Ballast.Runs;
using Ballast.Runs.Comparison;

namespace Ballast.Reports.Adapters;

/// <summary>Reports for results folders written by <see cref="ResultsFolder"/> (<c>ballast run</c>, <c>ballast compare</c>, the web app).</summary>
public static class RunReports
{
    /// <summary>The report model of a finished run, with its paired difference from the baseline when <paramref name="baseline"/> is given.</summary>
    public static ReportModel Model(PreparedScenario prepared, RunManifest manifest, EnsembleResult result, PairedComparison? baseline = null) =>
        ReportModelBuilder.Build(prepared.Scenario, prepared.Inputs, result, ManifestEntries(manifest), baseline: baseline is null ? null : Differences(baseline)) with
        {
            History = Ballast.Runs.Validation.HistoryCheck.Rows(prepared, result) is { Count: > 0 } rows
                ? rows.Select(r => new HistoryPoint(r.Country, r.Year, r.Realised, r.P5, r.Median, r.P95)).ToList()
                : null,
        };

    /// <summary>The manifest as report entries (the parameter snapshot is summarised: the registry table lists it in full).</summary>
    public static IReadOnlyList<ManifestEntry> ManifestEntries(RunManifest manifest) =>
        ReportModelBuilder.ManifestEntries(JsonSerializer.Serialize(manifest, RunManifest.Json));

    /// <summary>
    /// Writes report-data.json, report.html (and charts/ when asked) into a run's results folder; returns the report's path. With
    /// <paramref name="baseline"/> (<see cref="BaselineComparison"/>) the report shows the difference from the baseline.
    /// </summary>
    public static string Write(string directory, PreparedScenario prepared, RunManifest manifest, EnsembleResult result, ChartFormat? charts = null, PairedComparison? baseline = null) =>
        ReportWriter.WriteAll(Model(prepared, manifest, result, baseline), directory, charts);

    /// <summary>
    /// The report model of a results folder: from the engine's files (manifest.json, kpis.json, percentiles.csv and the saved
    /// scenario.yaml, recompiled) when present, otherwise from a saved report-data.json.
    /// </summary>
    public static ReportModel FromFolder(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new BallastInputException($"results folder '{directory}' does not exist", file: directory);
        }

        if (!File.Exists(Path.Combine(directory, ResultsFolder.ManifestFile)) && File.Exists(Path.Combine(directory, ReportModelStore.FileName)))
        {
            return ReportModelStore.Load(Path.Combine(directory, ReportModelStore.FileName));
        }

        var saved = ResultsFolder.Read(directory);
        string scenarioPath = Path.Combine(directory, ResultsFolder.ScenarioFile);
        if (saved.ScenarioYaml is null)
        {
            throw new BallastInputException($"the results folder has no {ResultsFolder.ScenarioFile}, so the scenario's levers and missiles cannot be shown", file: scenarioPath);
        }

        var prepared = PreparedScenario.FromText(saved.ScenarioYaml, scenarioPath);
        return Model(prepared, saved.Manifest, saved.Result, BaselineComparison.Load(directory, prepared.Scenario.Name));
    }

    /// <summary>
    /// Writes a comparison's reports: each scenario's report into its results folder, and <c>comparison.html</c> (with
    /// charts/ when asked) into <paramref name="directory"/>, with the paired differences. Returns the comparison report's path.
    /// </summary>
    public static string WriteComparison(string directory, ComparisonOutcome outcome, ChartFormat? charts = null)
    {
        var models = new List<ReportModel>();
        foreach (var run in outcome.Scenarios)
        {
            var model = Model(run.Prepared, run.Manifest, run.Result);
            if (run.OutputDirectory is { } folder)
            {
                ReportWriter.WriteAll(model, folder, charts);
            }

            models.Add(model);
        }

        var comparison = new ComparisonModel(models, Differences(outcome.Paired));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ComparisonReportWriter.FileName);
        ComparisonReportWriter.Write(comparison, path);
        if (charts is ChartFormat f)
        {
            ChartExporter.WriteComparisonCharts(comparison, directory, f);
        }

        return path;
    }

    /// <summary>The paired differences as the comparison report lists them: per KPI, each scenario against the first.</summary>
    public static IReadOnlyList<KpiDifference> Differences(PairedComparison paired) =>
        paired.Kpis.SelectMany(k => Enumerable.Range(1, paired.Scenarios.Count - 1)
            .Select(s => k.Differences[s] is { } d ? new KpiDifference(k.Name, k.Unit, paired.Scenarios[s], paired.Scenarios[0], d.P5 ?? double.NaN, d.P50 ?? double.NaN, d.P95 ?? double.NaN) : null)
            .OfType<KpiDifference>())
        .ToList();

    /// <summary>Rebuilds report.html (and charts/ when asked) in a results folder; returns the report's path.</summary>
    public static string Rebuild(string directory, ChartFormat? charts = null) =>
        ReportWriter.WriteAll(FromFolder(directory), directory, charts);
}
