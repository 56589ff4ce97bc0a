using Ballast.Reports.Adapters;
using Ballast.Runs;
using Ballast.Runs.Comparison;
using Ballast.Web.Api;

namespace Ballast.Web.Jobs;

/// <summary>
/// Executes jobs with the application services the CLI uses: a run goes through <see cref="ScenarioRunner"/> into the
/// job's results folder with its report (<see cref="RunReports"/>), as <c>ballast run</c>; a comparison goes through
/// <see cref="ScenarioComparison"/> (common random numbers, paired differences) into <c>NN-name/</c> sub-folders with
/// every scenario's report and the comparison report, as <c>ballast compare</c>; an exploration runs its design into a
/// results store (<see cref="ExploreJob"/>), on the cluster of <see cref="BallastWebOptions.Cluster"/> when one is set.
/// Runs and comparisons stay in this process: their reports need every run's whole trajectory, which the cluster's
/// range results (outcomes and yearly indicators) do not carry.
/// </summary>
public sealed class ScenarioJobExecutor(IOptions<BallastWebOptions> options, ILogger<ScenarioJobExecutor> log) : IJobExecutor
{
    /// <summary>The results sub-folder of scenario <paramref name="index"/> in a comparison.</summary>
    public static string CompareFolder(int index, string name) => $"{index + 1:00}-{JobResults.Slug(name)}";

    /// <inheritdoc/>
    public Task ExecuteAsync(JobRecord job, string folder, Action<long> progress, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                var threads = options.Value.Threads;
                if (job.Kind == JobKind.Explore)
                {
                    if (ExploreJob.Execute(job, folder, threads, options.Value.ClusterTarget, progress, cancellationToken) is { } note && log.IsEnabled(LogLevel.Information))
                    {
                        log.LogInformation("Job {Id} ran on the cluster. {Note}", job.Id, note);
                    }

                    return;
                }

                var prepared = job.Spec.Scenarios.Select(s => PreparedScenario.FromText(s.Yaml, s.Name + ".yaml")).ToList();
                if (job.Kind == JobKind.Run)
                {
                    // As `ballast run`: a scenario other than the baseline is paired with it (same runs and seed) for the report.
                    var request = new RunRequest(job.Spec.Runs, job.Spec.Seed, threads, folder);
                    var baseline = BaselineComparison.For(prepared[0], request);
                    if (baseline is null)
                    {
                        var outcome = ScenarioRunner.Run(prepared[0], request, p => progress(p.Completed), cancellationToken: cancellationToken);
                        RunReports.Write(folder, outcome.Prepared, outcome.Manifest, outcome.Result);
                        return;
                    }

                    // Progress counts both runs as one job of Runs: half for the baseline, half for the scenario.
                    var paired = BaselineComparison.Run(
                        prepared[0],
                        baseline,
                        request,
                        (i, scenario, r, sink) => ScenarioRunner.Run(scenario, r, p => progress(((long)i * job.Spec.Runs + p.Completed) / 2), sink, cancellationToken),
                        cancellationToken);
                    var run = paired.Scenarios[1];
                    RunReports.Write(folder, run.Prepared, run.Manifest, run.Result, baseline: paired.Paired);
                    return;
                }

                // Progress counts the runs of every scenario so far.
                var comparison = ScenarioComparison.Run(
                    prepared,
                    new RunRequest(job.Spec.Runs, job.Spec.Seed, threads, folder),
                    i => Path.Combine(folder, CompareFolder(i, job.Spec.Scenarios[i].Name)),
                    (i, scenario, request, sink) => ScenarioRunner.Run(scenario, request, p => progress(((long)i * job.Spec.Runs) + p.Completed), sink, cancellationToken),
                    cancellationToken);
                RunReports.WriteComparison(folder, comparison);
            },
            cancellationToken);
}
