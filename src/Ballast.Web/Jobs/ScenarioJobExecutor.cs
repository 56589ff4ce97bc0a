using Ballast.Runs;
using Ballast.Web.Hosting;

namespace Ballast.Web.Jobs;

/// <summary>
/// Executes jobs with the application service the CLI uses (<see cref="ScenarioRunner"/>): each scenario is prepared
/// (loaded, validated, compiled) and run into its own results folder; a comparison runs every scenario with the same
/// seed (common random numbers) into <c>NN-name/</c> sub-folders; an exploration runs its design into a results store
/// (<see cref="ExploreJob"/>).
/// </summary>
public sealed class ScenarioJobExecutor(IOptions<BallastWebOptions> options) : IJobExecutor
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
                    ExploreJob.Execute(job, folder, threads, progress, cancellationToken);
                    return;
                }

                long before = 0;
                for (var i = 0; i < job.Spec.Scenarios.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var s = job.Spec.Scenarios[i];
                    var prepared = PreparedScenario.FromText(s.Yaml, s.Name + ".yaml");
                    var dir = job.Kind == JobKind.Run ? folder : Path.Combine(folder, CompareFolder(i, s.Name));
                    var offset = before;
                    ScenarioRunner.Run(prepared, new RunRequest(job.Spec.Runs, job.Spec.Seed, threads, dir), p => progress(offset + p.Completed), cancellationToken: cancellationToken);
                    before += job.Spec.Runs;
                }
            },
            cancellationToken);
}
