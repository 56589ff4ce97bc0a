using Ballast.Core.Scenarios;

namespace Ballast.Runs;

/// <summary>What to run: how many runs, which seed, how many threads, where to save.</summary>
/// <param name="Runs">Number of runs.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="Threads">Worker threads (results do not depend on it).</param>
/// <param name="OutputDirectory">Results folder, or null to keep results in memory only.</param>
/// <param name="RunsFormat">How per-run rows are saved; null: CSV up to <see cref="RunsFormats.CsvUpTo"/> runs, Parquet above.</param>
public sealed record RunRequest(int Runs, ulong Seed, int Threads, string? OutputDirectory, RunsFormat? RunsFormat = null);

/// <summary>A finished run: its manifest, result and (if saved) folder.</summary>
public sealed record RunOutcome(PreparedScenario Prepared, RunManifest Manifest, EnsembleResult Result, string? OutputDirectory);

/// <summary>Runs a prepared scenario as an ensemble and saves the results folder.</summary>
public static class ScenarioRunner
{
    /// <summary>Default number of runs when neither the command nor the scenario says.</summary>
    public const int DefaultRuns = 1000;

    /// <summary>The scenario and its overrides as an error names them: <c>scenario 'x' with delta = -5</c>.</summary>
    public static string ParameterSet(Scenario scenario)
    {
        var overrides = scenario.Parameters.Overrides.OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => $"{o.Key} = {o.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}").ToList();
        return overrides.Count == 0 ? $"scenario '{scenario.Name}' with the registry's values" : $"scenario '{scenario.Name}' with {string.Join(", ", overrides)}";
    }

    /// <summary>Default master seed when neither the command nor the scenario says.</summary>
    public const ulong DefaultSeed = 20261123;

    /// <summary>
    /// Runs the ensemble; per-run rows stream to <c>runs.csv</c> or <c>runs.parquet</c> (<see cref="RunRequest.RunsFormat"/>)
    /// and every other file is written at the end.
    /// On cancellation the partial files are removed and <see cref="OperationCanceledException"/> propagates.
    /// </summary>
    public static RunOutcome Run(PreparedScenario prepared, RunRequest request, Action<EnsembleProgress>? progress = null, Action<RunSummary>? sink = null, CancellationToken cancellationToken = default)
    {
        var options = new EnsembleOptions(request.Runs, request.Seed, request.Threads);
        string? runsFile = RunsFormats.FileName(RunsFormats.Resolve(request.RunsFormat, request.Runs));
        var manifest = RunManifest.For(prepared, request.Seed, request.Runs, request.Threads) with
        {
            RunsFile = request.OutputDirectory is null ? null : runsFile,
            PercentileBasis = RunManifest.PercentileBasisOf(request.Runs, options.SampleSize),
        };
        IRunRowWriter? rows = null;
        string? partialRuns = null;
        if (request.OutputDirectory is string dir)
        {
            Directory.CreateDirectory(dir);
            if (runsFile is not null)
            {
                partialRuns = Path.Combine(dir, runsFile + ResultsFolder.PartialSuffix);
                var (codes, targets) = (prepared.Inputs.Codes, prepared.Scenario.TargetsPercent);
                rows = runsFile == ResultsFolder.RunsFile ? new RunSummaryCsv(partialRuns, codes, targets) : new RunSummaryParquet(partialRuns, codes, targets);
            }
        }

        try
        {
            // Summary rows are only built when something consumes them (the engine counts KPIs straight from the lanes).
            // runs.csv lines are formatted on the worker threads and appended in run order; Parquet columns are filled in run order.
            var observers = new EnsembleObservers(RunSink: sink, Progress: progress, RowWriter: rows);
            var result = EnsembleRunner.Run(prepared.Inputs, options, observers, cancellationToken);
            if (rows is not null)
            {
                ((IDisposable)rows).Dispose();
                rows = null;
                File.Move(partialRuns!, Path.Combine(request.OutputDirectory!, runsFile!), overwrite: true);
            }

            if (request.OutputDirectory is { } folder)
            {
                // A per-run file of an earlier run in another format would no longer match the folder's results.
                foreach (var stale in new[] { ResultsFolder.RunsFile, ResultsFolder.RunsParquetFile }.Where(f => f != runsFile))
                {
                    File.Delete(Path.Combine(folder, stale));
                }

                ResultsFolder.Write(folder, prepared, manifest, result);
            }

            return new RunOutcome(prepared, manifest, result, request.OutputDirectory);
        }
        catch (NonFiniteResultException e)
        {
            throw new BallastInputException($"{e.Reason} (the parameter set: {ParameterSet(prepared.Scenario)})", field: "scenario", value: prepared.Scenario.Name);
        }
        finally
        {
            (rows as IDisposable)?.Dispose();
            if (partialRuns is not null && File.Exists(partialRuns))
            {
                File.Delete(partialRuns);
            }
        }
    }
}
