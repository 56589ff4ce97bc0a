using System.Text.Json;
using System.Text.Json.Serialization;
using Ballast.Core.Analytics;
using Ballast.Runs.Kpis;

namespace Ballast.Runs.Comparison;

/// <summary>One KPI of a paired comparison: its median in each scenario and the run-by-run difference to the first.</summary>
/// <param name="Id">Machine name (<c>balance</c>, <c>credibility.JPN</c>).</param>
/// <param name="Name">Label people read (as in the KPI tables).</param>
/// <param name="Unit">Unit of the values.</param>
/// <param name="Direction">Which way is better for the coalition.</param>
/// <param name="Medians">Median over runs in each scenario.</param>
/// <param name="Differences">Per scenario, the 5th percentile, median and 95th percentile over runs of (scenario − first); null for the first.</param>
public sealed record PairedKpi(string Id, string Name, string Unit, KpiDirection Direction, IReadOnlyList<double> Medians, IReadOnlyList<KpiValue?> Differences);

/// <summary>A paired comparison: scenarios run with the same seed and run indices (common random numbers), KPI by KPI.</summary>
/// <param name="Runs">Runs per scenario.</param>
/// <param name="Seed">The common master seed.</param>
/// <param name="Scenarios">Scenario names; the first is the reference.</param>
/// <param name="Kpis">The paired KPIs.</param>
/// <param name="PercentileBasis">
/// When the medians and percentiles come from a sample of the runs (more runs than the ensembles' percentile sample): which
/// runs and the rank error, as in each run's manifest; null (and left out of <c>paired.json</c>) when they are exact over all runs.
/// </param>
public sealed record PairedComparison(
    int Runs,
    ulong Seed,
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<PairedKpi> Kpis,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PercentileBasis = null);

/// <summary>A finished comparison: each scenario's run and the paired differences.</summary>
/// <param name="Scenarios">The scenarios' runs, in order.</param>
/// <param name="Paired">The paired KPIs.</param>
public sealed record ComparisonOutcome(IReadOnlyList<RunOutcome> Scenarios, PairedComparison Paired);

/// <summary>Runs one scenario of a comparison (the CLI adds its progress bar; the web app its job progress).</summary>
/// <param name="index">The scenario's position.</param>
/// <param name="prepared">The scenario.</param>
/// <param name="request">Its run request (the common runs and seed, its own results folder).</param>
/// <param name="sink">Receives every run's summary; pass it to <see cref="ScenarioRunner.Run"/>.</param>
/// <returns>The finished run.</returns>
public delegate RunOutcome ComparisonStep(int index, PreparedScenario prepared, RunRequest request, Action<RunSummary> sink);

/// <summary>
/// <c>compare</c> as the CLI and the web app run it: every scenario with the same seed and run indices, so run r
/// faces the same shocks in each, and the KPIs compared run by run (median and 5–95 % range of the differences).
/// The differences are taken over the runs the ensembles' percentiles come from (all runs up to
/// <see cref="EnsembleOptions.DefaultSampleSize"/>, else the same hash-chosen sample in every scenario), so a comparison keeps a
/// bounded number of values per scenario whatever its runs: per-run rows stream to each scenario's folder and nothing else per run stays.
/// </summary>
public static class ScenarioComparison
{
    /// <summary>The paired comparison's file in the comparison's folder.</summary>
    public const string FileName = "paired.json";

    /// <summary>
    /// Runs the scenarios with <paramref name="request"/>'s runs, seed and threads, scenario i into <paramref name="folder"/>(i),
    /// and pairs their runs; saves <see cref="FileName"/> into the request's output directory when it has one.
    /// </summary>
    public static ComparisonOutcome Run(IReadOnlyList<PreparedScenario> scenarios, RunRequest request, Func<int, string?> folder, ComparisonStep? step = null, CancellationToken cancellationToken = default)
    {
        if (scenarios.Count < 2)
        {
            throw new BallastInputException($"a comparison needs at least two scenarios, got {scenarios.Count}");
        }

        step ??= (_, prepared, r, sink) => ScenarioRunner.Run(prepared, r, null, sink, cancellationToken);
        var codes = scenarios.Skip(1).Aggregate(scenarios[0].Inputs.Codes.AsEnumerable(), (acc, x) => acc.Intersect(x.Inputs.Codes)).ToList();
        var outcomes = new List<RunOutcome>();
        var runs = new List<PairedRuns>();
        for (var s = 0; s < scenarios.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var collector = new PairedRuns(scenarios[s], codes, request.Runs, request.Seed);
            outcomes.Add(step(s, scenarios[s], request with { OutputDirectory = folder(s) }, collector.Add));
            runs.Add(collector);
        }

        var basis = request.Runs > runs[0].SampleSize ? RunManifest.PercentileBasisOf(request.Runs, runs[0].SampleSize) : null;
        var paired = new PairedComparison(request.Runs, request.Seed, scenarios.Select(p => p.Scenario.Name).ToList(), Pair(runs), basis);
        if (request.OutputDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            ResultsFolder.WriteAtomically(Path.Combine(dir, FileName), w => w.Write(JsonSerializer.Serialize(paired, RunManifest.Json)));
        }

        return new ComparisonOutcome(outcomes, paired);
    }

    /// <summary>The paired KPIs of scenarios collected with the same run indices and seed; the first is the reference.</summary>
    public static IReadOnlyList<PairedKpi> Pair(IReadOnlyList<PairedRuns> runs)
    {
        if (runs.Skip(1).FirstOrDefault(r => !r.RunIndices.SequenceEqual(runs[0].RunIndices)) is { } mismatched)
        {
            throw new ArgumentException($"scenario '{mismatched.Prepared.Scenario.Name}' kept other runs than '{runs[0].Prepared.Scenario.Name}': pair scenarios run with the same runs and seed", nameof(runs));
        }

        var list = new List<PairedKpi>();
        foreach (var (kpi, country) in runs[0].Kpis)
        {
            var id = KpiCatalogue.Id(kpi, country);
            var reference = runs[0].Values(id);
            var differences = new List<KpiValue?> { null };
            for (var s = 1; s < runs.Count; s++)
            {
                var other = runs[s].Values(id);
                var d = new double[reference.Length];
                for (var i = 0; i < d.Length; i++)
                {
                    d[i] = other[i] - reference[i];
                }

                Array.Sort(d);
                differences.Add(new KpiValue(Quantiles.Type7(d, 0.05), Quantiles.Type7(d, 0.5), Quantiles.Type7(d, 0.95)));
            }

            list.Add(new PairedKpi(id, KpiCatalogue.Name(kpi, country), kpi.Unit, kpi.Direction, runs.Select(r => Median(r.Values(id))).ToList(), differences));
        }

        return list;
    }

    /// <summary>The paired comparison saved in a folder, or null when there is none (a comparison run before it was saved).</summary>
    public static PairedComparison? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PairedComparison>(File.ReadAllText(path), RunManifest.Json)
                ?? throw new BallastInputException("the file holds no comparison (JSON null)", file: path);
        }
        catch (JsonException e)
        {
            throw new BallastInputException($"cannot read the paired comparison: {e.Message}", file: path, field: e.Path);
        }
    }

    private static double Median(double[] v)
    {
        var c = (double[])v.Clone();
        Array.Sort(c);
        return Quantiles.Type7(c, 0.5);
    }
}
