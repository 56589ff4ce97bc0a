using System.Net;
using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Ballast.Cluster;

/// <summary>
/// A cluster as its clients name it: the cluster's id and some of its silos' gateways (the CLI's <c>--cluster</c> and
/// <c>--cluster-id</c>, the web app's settings <c>Cluster</c> and <c>ClusterId</c>).
/// </summary>
/// <param name="ClusterId">The cluster's name; silos and clients must agree.</param>
/// <param name="Gateways">Gateways of its silos.</param>
/// <param name="Field">The setting that named it, for errors.</param>
public sealed record ClusterTarget(string ClusterId, IReadOnlyList<IPEndPoint> Gateways, string Field = "--cluster")
{
    /// <summary>Parses a gateway list (<c>HOST:PORT[,HOST:PORT…]</c> or <c>localhost</c>), with errors naming <paramref name="field"/>.</summary>
    public static ClusterTarget Parse(string gateways, string clusterId, string field = "--cluster") =>
        new(clusterId, ClusterHosting.Gateways(gateways, field), field);
}

/// <summary>
/// An exploration (<c>ballast explore --cluster</c>, a web explore job on a cluster) from start to end: connects to the
/// cluster, runs the design's rows that the store lacks on its silos, stores them here as they come back, disconnects.
/// </summary>
public static class ClusterExploration
{
    /// <summary>Runs the rows of <paramref name="design"/> that <paramref name="sink"/> lacks on the cluster.</summary>
    /// <param name="target">The cluster.</param>
    /// <param name="scenarioYaml">The scenario's text (the silos compile it as <c>ExplorationSetup.LoadText</c> does here).</param>
    /// <param name="scenarioLabel">The scenario's file name (messages only).</param>
    /// <param name="seed">The runs' master seed.</param>
    /// <param name="design">The design (its description travels with the job).</param>
    /// <param name="model">The model compiled here, for the layout of the results.</param>
    /// <param name="sink">The results store.</param>
    /// <param name="rangeSize">Rows per range.</param>
    /// <param name="rows">Only these rows, or all.</param>
    /// <param name="progress">Stored and total runs.</param>
    /// <param name="cancel">Stops and withdraws the job from the cluster.</param>
    public static ClusterSummary Run(ClusterTarget target, string scenarioYaml, string scenarioLabel, ulong seed, Design design, SimulationModel model, IRunSink sink,
        int rangeSize, RunRange? rows = null, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancel = default) =>
        RunAsync(target, scenarioYaml, scenarioLabel, seed, design, model, sink, rangeSize, rows, progress, cancel).GetAwaiter().GetResult();

    private static async Task<ClusterSummary> RunAsync(ClusterTarget target, string scenarioYaml, string scenarioLabel, ulong seed, Design design, SimulationModel model,
        IRunSink sink, int rangeSize, RunRange? rows, IProgress<(int Done, int Total)>? progress, CancellationToken cancel)
    {
        await using var connection = await ClusterHosting.ConnectAsync(target, cancel).ConfigureAwait(false);
        // A new id per session, so that no result of an earlier, crashed session is taken for this one's.
        var job = new ExperimentJob(Guid.NewGuid().ToString("N"), scenarioYaml, scenarioLabel, seed, design.Spec.Describe());
        return await ClusterExperiment.RunAsync(connection.Client, job, design, model.Outcomes.Count,
            model.Years.Count * model.YearlyIndicators.Count, sink, Math.Max(1, rangeSize), rows, progress, target.Field, cancel: cancel).ConfigureAwait(false);
    }
}
