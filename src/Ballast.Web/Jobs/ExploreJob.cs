using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Ballast.Runs.Exploration;
using Ballast.Store;

namespace Ballast.Web.Jobs;

/// <summary>
/// An explore job: the scenario's designed experiment (the same setup as <c>ballast explore</c>) into
/// <c>results.duckdb</c> in the job's folder, which the sensitivity and discovery endpoints then read.
/// </summary>
public static class ExploreJob
{
    /// <summary>The store's file name inside the job's results folder.</summary>
    public const string StoreFile = "results.duckdb";

    /// <summary>The design of a spec over <paramref name="dimensions"/> explored parameters.</summary>
    public static Design Design(ExploreSpec spec, ulong seed, int dimensions) =>
        Ballast.Exploration.Sampling.Design.Create(new DesignSpec(DesignSpec.Parse(spec.Design, "design"), spec.Samples, seed, spec.Levels, spec.SecondOrder), dimensions);

    /// <summary>
    /// Runs the experiment into <paramref name="folder"/>, reporting runs stored: in this process on
    /// <paramref name="threads"/> threads, or on <paramref name="cluster"/>'s silos (the same numbers, bit for bit) while
    /// this process stores them. Returns the cluster's note on how the work went, or null.
    /// </summary>
    public static string? Execute(JobRecord job, string folder, int threads, Ballast.Cluster.ClusterTarget? cluster, Action<long> progress, CancellationToken cancellationToken)
    {
        var spec = job.Spec.Explore ?? throw new InvalidOperationException("an explore job without a design");
        var s = job.Spec.Scenarios[0];
        var (scenario, model, parameters, hash) = ExplorationSetup.LoadText(s.Yaml, s.Name + ".yaml", job.Spec.Seed);
        var design = Design(spec, job.Spec.Seed, parameters.Count);
        var layout = ExplorationSetup.Layout(scenario, hash, design, job.Spec.Seed, model, parameters);
        using var store = ResultStore.OpenOrCreate(Path.Combine(folder, StoreFile), layout, design);
        if (cluster is not null)
        {
            // A web job is small (MaxRunsPerJob): ranges of a sixteenth of it give every silo a share, up to the CLI's default range.
            int rangeSize = Math.Min(RunOptions.DefaultBatchSize, Ballast.Cluster.ClusterExperiment.PolicyRangeSize(design.Rows));
            return Ballast.Cluster.ClusterExploration.Run(cluster, s.Yaml, s.Name + ".yaml", job.Spec.Seed, design, model, store, rangeSize,
                progress: new Progress(progress), cancel: cancellationToken).Note;
        }

        ExperimentRunner.Run(model, design, parameters, store, new RunOptions(threads), new Progress(progress), cancellationToken);
        return null;
    }

    /// <summary>Forwards progress synchronously (Progress&lt;T&gt; would post to the thread pool and reorder reports).</summary>
    private sealed class Progress(Action<long> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value.Done);
    }
}
