using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;

namespace Ballast.Runs.Exploration;

/// <summary>One policy's experiment over the shared futures: its model, the futures' design in its own parameters, and those parameters.</summary>
/// <param name="Model">The policy's compiled model (its runs' streams keyed by the shared seed).</param>
/// <param name="Design">The shared futures projected onto the policy's uncertain parameters.</param>
/// <param name="Parameters">The policy's uncertain parameters, with the union's distributions.</param>
public sealed record PolicyExperiment(SimulationModel Model, Design Design, IReadOnlyList<ExplorationParameter> Parameters);

/// <summary>
/// The futures of a robustness comparison (<c>ballast robust</c>), built in one place so that a cluster's silos, given
/// the same policy texts, futures and seed, build exactly the experiments the local command runs.
/// </summary>
public static class RobustFutures
{
    /// <summary>
    /// Each policy's uncertain parameters are its scenario's plus every registry parameter with a default distribution
    /// (as in <c>explore</c>); the futures are a Latin hypercube over their union, so a parameter shared by two policies
    /// takes the same value in the same future, and future k uses random stream k in every policy.
    /// </summary>
    /// <param name="policies">Each policy's scenario text and a label for messages.</param>
    /// <param name="futures">Number of futures.</param>
    /// <param name="seed">Seed of the futures and of the runs' streams.</param>
    public static (IReadOnlyList<PolicyExperiment> Policies, IReadOnlyList<string> Parameters) Prepare(IReadOnlyList<(string Yaml, string Label)> policies, int futures, ulong seed)
    {
        var setups = policies.Select(p => ExplorationSetup.LoadText(p.Yaml, p.Label, seed)).ToList();
        var union = new List<ExplorationParameter>();
        foreach (var u in setups.SelectMany(s => s.Parameters))
        {
            if (!union.Any(x => x.Name == u.Name))
            {
                union.Add(u);
            }
        }

        var design = Design.Create(new DesignSpec(DesignKind.LatinHypercube, futures, seed), Math.Max(1, union.Count));
        var experiments = setups.Select(s =>
        {
            var columns = s.Parameters.Select(u => union.FindIndex(x => x.Name == u.Name)).ToArray();
            return new PolicyExperiment(s.Model, design.Project(columns), [.. columns.Select(c => union[c])]);
        }).ToList();
        return (experiments, union.Select(u => u.Name).ToList());
    }
}
