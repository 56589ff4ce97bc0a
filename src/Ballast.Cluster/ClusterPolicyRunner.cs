using Ballast.Core.Scenarios;
using Ballast.Data.Scenarios;
using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Ballast.Runs.Search;
using Orleans;

namespace Ballast.Cluster;

/// <summary>
/// Runs a policy search's evaluations on a cluster: each policy's futures become one job, the policy's scenario sent
/// as YAML, which a silo loads, widens and compiles exactly as the search does in one process (the same model, the
/// same Latin hypercube from the same seed), so the scores are bit-identical to a local search.
/// </summary>
/// <param name="grains">The cluster client.</param>
public sealed class ClusterPolicyRunner(IGrainFactory grains) : IPolicyRunner
{
    private readonly string _session = Guid.NewGuid().ToString("N");
    private int _jobs;

    /// <summary>Jobs sent so far (one per policy and design evaluated).</summary>
    public int Jobs => _jobs;

    /// <inheritdoc/>
    public void Run(Scenario scenario, SimulationModel model, Design design, IReadOnlyList<ExplorationParameter> parameters, ulong seed, IRunSink sink, CancellationToken cancel)
    {
        int n = Interlocked.Increment(ref _jobs);
        var job = new ExperimentJob($"{_session}-{n}", ScenarioWriter.ToYaml(scenario), $"search policy {n}", seed, design.Spec.Describe());

        ClusterExperiment.RunAsync(grains, job, design, model.Outcomes.Count, model.Years.Count * model.YearlyIndicators.Count, sink,
            ClusterExperiment.PolicyRangeSize(design.Rows), cancel: cancel).GetAwaiter().GetResult();
    }
}
