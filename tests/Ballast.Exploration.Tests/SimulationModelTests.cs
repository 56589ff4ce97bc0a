using Ballast.Core.Model;
using Ballast.Core.Parameters;
using Ballast.Data.Parameters;
using Ballast.Testing;

namespace Ballast.Exploration.Tests;

public class SimulationModelTests
{
    private static ModelInputs Inputs() => SyntheticInputs.Baseline(ParameterRegistryLoader.Default, b =>
    {
        b.Uncertain.Add(new UncertainParameter("lambda", new Distribution(DistributionKind.Uniform, 0.1, 0.6)));
        b.Uncertain.Add(new UncertainParameter("eta", new Distribution(DistributionKind.Normal, 0.3, 0.05)));
    });

    private sealed class MemorySink : IRunSink
    {
        public SortedDictionary<int, double[]> Rows { get; } = [];

        public IReadOnlySet<int> CompletedRuns() => Rows.Keys.ToHashSet();

        public void Write(RunBatch batch)
        {
            for (int k = 0; k < batch.Count; k++)
            {
                Rows.Add(batch.Runs[k], batch.Outcomes.AsSpan(k * batch.OutcomesPerRun, batch.OutcomesPerRun).ToArray());
            }
        }
    }

    [Fact]
    public void Explored_runs_are_identical_for_any_thread_count_block_and_batch_size()
    {
        var inputs = Inputs();
        var parameters = SimulationModel.ParametersOf(inputs);
        Assert.Equal(["lambda", "eta"], parameters.Select(p => p.Name));
        var design = Design.Create(new DesignSpec(DesignKind.LatinHypercube, 40, 3), parameters.Count);
        var one = new MemorySink();
        var two = new MemorySink();
        ExperimentRunner.Run(new SimulationModel(inputs, 11, blockSize: 8), design, parameters, one, new RunOptions(1, 40));
        ExperimentRunner.Run(new SimulationModel(inputs, 11, blockSize: 4), design, parameters, two, new RunOptions(2, 7));
        Assert.Equal(40, one.Rows.Count);
        foreach (var (run, row) in one.Rows)
        {
            Assert.Equal(row, two.Rows[run]);
        }

        // The design's values reach the model: different parameter values give different balance ratios.
        Assert.True(one.Rows.Values.Select(r => r[0]).Distinct().Count() > 30);
        Assert.All(one.Rows.Values, r => Assert.InRange(r[7], 0, 1));
    }

    /// <summary>Records the first run of each batch it is given and fails on the batch numbered <c>failOn</c>.</summary>
    private sealed class FailingSink(int failOn) : IRunSink
    {
        public List<int> FirstRuns { get; } = [];

        public IReadOnlySet<int> CompletedRuns() => new HashSet<int>();

        public void Write(RunBatch batch)
        {
            if (FirstRuns.Count == failOn)
            {
                throw new IOException("disk full");
            }

            FirstRuns.Add(batch.Runs[0]);
        }
    }

    [Fact]
    public void Batches_reach_the_sink_in_design_order_and_a_store_failure_stops_the_experiment()
    {
        var inputs = Inputs();
        var parameters = SimulationModel.ParametersOf(inputs);
        var design = Design.Create(new DesignSpec(DesignKind.LatinHypercube, 40, 3), parameters.Count);
        var all = new FailingSink(failOn: -1);
        ExperimentRunner.Run(new SimulationModel(inputs, 11, blockSize: 4), design, parameters, all, new RunOptions(2, 7));
        Assert.Equal([0, 7, 14, 21, 28, 35], all.FirstRuns);

        // The store writes on a background thread while the next batch simulates; its failure is the one reported.
        var failing = new FailingSink(failOn: 2);
        var error = Assert.Throws<IOException>(() =>
            ExperimentRunner.Run(new SimulationModel(inputs, 11, blockSize: 4), design, parameters, failing, new RunOptions(2, 7)));
        Assert.Equal("disk full", error.Message);
        Assert.Equal([0, 7], failing.FirstRuns);
    }

    /// <summary>Records the size of each batch it is given and asks for batches of <c>preferred</c> runs.</summary>
    private sealed class SizesSink(int preferred) : IRunSink
    {
        public List<int> Sizes { get; } = [];

        public int PreferredBatchSize => preferred;

        public IReadOnlySet<int> CompletedRuns() => new HashSet<int>();

        public void Write(RunBatch batch) => Sizes.Add(batch.Count);
    }

    [Fact]
    public void Without_a_batch_size_the_runner_takes_the_sink_s_preferred_size()
    {
        var inputs = Inputs();
        var parameters = SimulationModel.ParametersOf(inputs);
        var design = Design.Create(new DesignSpec(DesignKind.LatinHypercube, 40, 3), parameters.Count);
        var preferred = new SizesSink(12);
        ExperimentRunner.Run(new SimulationModel(inputs, 11, blockSize: 4), design, parameters, preferred, new RunOptions(2));
        Assert.Equal([12, 12, 12, 4], preferred.Sizes);

        var given = new SizesSink(12);
        ExperimentRunner.Run(new SimulationModel(inputs, 11, blockSize: 4), design, parameters, given, new RunOptions(2, 15));
        Assert.Equal([15, 15, 10], given.Sizes);
    }

    [Fact]
    public void Quantile_mapping_follows_each_distribution()
    {
        var u = SimulationModel.Quantile(new Distribution(DistributionKind.Uniform, 2, 4));
        Assert.Equal(3.0, u(0.5), 12);
        var n = SimulationModel.Quantile(new Distribution(DistributionKind.Normal, 1, 2));
        Assert.Equal(1 + (2 * 1.959963984540054), n(0.975), 7);
        Assert.Equal("normal(1, 2)", SimulationModel.Describe(new Distribution(DistributionKind.Normal, 1, 2)));
    }
}
