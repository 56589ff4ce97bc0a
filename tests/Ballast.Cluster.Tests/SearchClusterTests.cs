using Ballast.Cluster;
using Ballast.Data.Scenarios;
using Ballast.Runs.Search;

namespace Ballast.Cluster.Tests;

/// <summary>A policy search's evaluations on the cluster score every policy bit for bit as in one process.</summary>
[Collection("cluster")]
public sealed class SearchClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public Task Policies_scored_on_the_cluster_equal_the_local_scores_bit_for_bit_on_search_and_fresh_futures() =>
        // The search blocks on the cluster as the command does; off the test framework's synchronisation context, as there.
        Task.Run(Check);

    private void Check()
    {
        var scenario = ScenarioLoader.Default.LoadFile(Experiments.ScenarioFile("baseline"));
        SearchLever[] levers = [SearchLever.Parse("us.theatre-share=0.2:0.6"), SearchLever.Parse("spending.JPN.change-pct=0:40"), SearchLever.Parse("posture.KOR.troops=10000:40000")];
        PolicyObjective[] objectives = [PolicyObjective.Parse("p10:balance_ratio:max"), PolicyObjective.Parse("p50:us_cost_net:min")];
        PolicyConstraint[] constraints = [PolicyConstraint.Parse("p90:allied_mean_burden<=5")];
        const int futures = 96;
        var local = new PolicySearch(scenario, levers, objectives, constraints, futures, 11, threads: 2);
        var runner = new ClusterPolicyRunner(fixture.Cluster.Client);
        // A job a silo cannot run would never finish: fail instead of waiting for ever.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var remote = new PolicySearch(scenario, levers, objectives, constraints, futures, 11, threads: 2, runner, patience.Token);
        double[][] policies = [[0.3, 10, 15000], [0.5, 35, 30000], [0.45, 0, 10000]];

        var scores = new List<double[]>();
        foreach (var x in policies)
        {
            var a = local.ScoreOnSearchFutures(x);
            var b = remote.ScoreOnSearchFutures(x);
            var fa = local.ScoreOnFreshFutures(x, 48, 99);
            var fb = remote.ScoreOnFreshFutures(x, 48, 99);
            Assert.Null(a.Error);
            Assert.Equal(Bits(a.Objectives.Concat(a.Constraints).Concat(fa.Objectives)), Bits(b.Objectives.Concat(b.Constraints).Concat(fb.Objectives)));
            scores.Add(a.Objectives);
        }

        // Two jobs per policy (search and fresh futures) reached the cluster, and the policies' scores differ.
        Assert.Equal(2 * policies.Length, runner.Jobs);
        Assert.NotEqual(Bits(scores[0]), Bits(scores[1]));
    }

    private static long[] Bits(IEnumerable<double> values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
