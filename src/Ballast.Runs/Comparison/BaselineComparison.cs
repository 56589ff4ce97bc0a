namespace Ballast.Runs.Comparison;

/// <summary>
/// A run paired with the baseline scenario: the scenario runs into its results folder exactly as alone, and the baseline
/// runs with the same runs and seed (common random numbers) into no folder, so the report can show the scenario's
/// difference from the baseline run by run. Used by <c>ballast run</c> and the web app's run jobs.
/// </summary>
public static class BaselineComparison
{
    /// <summary>The name of the reference scenario (<c>scenarios/baseline.yaml</c>).</summary>
    public const string ScenarioName = "baseline";

    /// <summary>
    /// Above this many runs the pairing is left out: it runs the baseline as well, doubling the work of a large run (its memory
    /// is bounded: the pairing keeps the KPIs of the percentile sample's runs only).
    /// </summary>
    public const int MaxRuns = 100_000;

    /// <summary>
    /// The baseline to pair a run of <paramref name="scenario"/> with, or null: when the scenario is the baseline, when there is
    /// no results folder, when the runs exceed <see cref="MaxRuns"/>, or when the two do not cover the same years.
    /// </summary>
    public static PreparedScenario? For(PreparedScenario scenario, RunRequest request)
    {
        if (request.OutputDirectory is null || request.Runs > MaxRuns || scenario.Scenario.Name == ScenarioName)
        {
            return null;
        }

        var baseline = Baseline.Value;
        return baseline.Scenario.StartYear == scenario.Scenario.StartYear && baseline.Scenario.HorizonYear == scenario.Scenario.HorizonYear ? baseline : null;
    }

    /// <summary>
    /// The embedded <c>scenarios/baseline.yaml</c>, compiled once per process: every paired run then uses the same inputs, so
    /// the engine keeps their tables, simulations and trajectory pages from one run to the next (the web app's run jobs)
    /// instead of compiling the baseline and building them again each time.
    /// </summary>
    private static readonly Lazy<PreparedScenario> Baseline = new(() =>
    {
        using var stream = typeof(BaselineComparison).Assembly.GetManifestResourceStream("Ballast.Runs.Baseline.yaml")!;
        using var reader = new StreamReader(stream);
        return PreparedScenario.FromText(reader.ReadToEnd(), ScenarioName + ".yaml");
    });

    /// <summary>
    /// Runs <paramref name="baseline"/> (no folder) then <paramref name="scenario"/> (into the request's folder) with the same runs and
    /// seed, and saves the pairing as <see cref="ScenarioComparison.FileName"/> in the scenario's folder; the scenario's outcome is
    /// <c>Scenarios[1]</c>.
    /// </summary>
    public static ComparisonOutcome Run(PreparedScenario scenario, PreparedScenario baseline, RunRequest request, ComparisonStep step, CancellationToken cancellationToken = default) =>
        ScenarioComparison.Run([baseline, scenario], request, i => i == 1 ? request.OutputDirectory : null, step, cancellationToken);

    /// <summary>The pairing saved in a run's folder, when it pairs that scenario with the baseline; otherwise null.</summary>
    public static PairedComparison? Load(string directory, string scenarioName) =>
        ScenarioComparison.Load(directory) is { Scenarios: [ScenarioName, var name] } paired && name == scenarioName ? paired : null;
}
