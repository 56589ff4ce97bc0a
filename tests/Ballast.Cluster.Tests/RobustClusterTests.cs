using Ballast.Cluster;
using Ballast.Exploration.Experiments;
using Ballast.Runs.Exploration;

namespace Ballast.Cluster.Tests;

/// <summary>A robustness comparison's policies run on the cluster give the same outcomes, future by future, as in one process.</summary>
[Collection("cluster")]
public sealed class RobustClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Every_policy_s_futures_on_the_cluster_equal_the_local_ones_bit_for_bit()
    {
        string[] names = ["baseline", "us-reassure"];
        var texts = names.Select(n => (File.ReadAllText(Experiments.ScenarioFile(n)), n + ".yaml")).ToList();
        const int futures = 400;
        const ulong seed = 17;
        var (policies, _) = RobustFutures.Prepare(texts, futures, seed);
        string session = Guid.NewGuid().ToString("N");
        var locals = new List<double[]>();
        for (int i = 0; i < policies.Count; i++)
        {
            var (model, design, parameters) = policies[i];
            var local = new Collect(futures, model.Outcomes.Count);
            ExperimentRunner.Run(model, design, parameters, local, new RunOptions(Threads: 2));
            var remote = new Collect(futures, model.Outcomes.Count);
            var job = new ExperimentJob($"{session}-{i}", texts[i].Item1, texts[i].Item2, seed, design.Spec.Describe(), [.. texts.Select(t => t.Item1)], i);

            var summary = await ClusterExperiment.RunAsync(fixture.Cluster.Client, job, design, model.Outcomes.Count, model.Years.Count * model.YearlyIndicators.Count, remote, rangeSize: 25);

            Assert.Equal(16, summary.Ranges);
            Assert.Equal(futures, remote.Stored);
            // The client gathers whole ranges into batches of at least the sink's preferred size (the last one may hold less).
            Assert.All(remote.Batches, count => Assert.Equal(0, count % 25));
            Assert.All(remote.Batches.SkipLast(1), count => Assert.True(count >= Collect.Preferred, $"a batch of {count} runs"));
            Assert.True(remote.Batches.Count >= 2, "a collect hands over at most 8 of the 16 ranges, so 100 runs are reached before the end");
            Assert.Equal(local.Outcomes.Select(BitConverter.DoubleToInt64Bits), remote.Outcomes.Select(BitConverter.DoubleToInt64Bits));
            locals.Add(local.Outcomes);
        }

        // The policies' outcomes differ, so the equality above also shows that each job ran its own policy.
        Assert.NotEqual(locals[0], locals[1]);
    }

    /// <summary>Every outcome of every future, how many runs arrived (a run twice would overcount) and in batches of how many.</summary>
    private sealed class Collect(int futures, int outcomes) : IRunSink
    {
        public const int Preferred = 100;

        public double[] Outcomes { get; } = new double[futures * outcomes];

        public int Stored { get; private set; }

        public List<int> Batches { get; } = [];

        public int PreferredBatchSize => Preferred;

        public IReadOnlySet<int> CompletedRuns() => new HashSet<int>();

        public void Write(RunBatch batch)
        {
            // A batch from the cluster holds whole ranges in the order they arrived, not necessarily consecutive runs.
            for (int k = 0; k < batch.Count; k++)
            {
                batch.Outcomes.AsSpan(k * outcomes, outcomes).CopyTo(Outcomes.AsSpan(batch.Runs[k] * outcomes));
            }

            Stored += batch.Count;
            Batches.Add(batch.Count);
        }
    }
}
