using Ballast.Engine.Ensembles;
using Ballast.Runs;
using Ballast.Runs.Comparison;
using Ballast.Runs.Kpis;

namespace Ballast.Cli.Tests;

public class PairedRunsTests
{
    private static readonly PreparedScenario Baseline = PreparedScenario.FromFile(RepoPaths.Scenario("baseline"));

    private static List<RunSummary> Rows(int runs, ulong seed)
    {
        var rows = new List<RunSummary>();
        EnsembleRunner.Run(Baseline.Inputs, new EnsembleOptions(runs, seed, 2), new EnsembleObservers(RunSink: rows.Add));
        return rows;
    }

    [Fact]
    public void Up_to_the_sample_size_every_run_is_kept_in_run_order()
    {
        var rows = Rows(40, 3);
        var paired = new PairedRuns(Baseline, Baseline.Inputs.Codes, 40, 3, sampleSize: 40);
        rows.ForEach(paired.Add);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), paired.RunIndices);
        Assert.Equal(rows.Select(r => r.FinalBalance), paired.Values("balance"));
    }

    [Fact]
    public void Above_the_sample_size_the_runs_with_the_smallest_hashes_are_kept_whatever_the_order_they_arrive_in()
    {
        var rows = Rows(300, 3);
        var kept = rows.OrderBy(r => (EnsemblePartial.SampleHash(3, r.RunIndex), r.RunIndex)).Take(50).OrderBy(r => r.RunIndex).ToList();
        var inOrder = new PairedRuns(Baseline, Baseline.Inputs.Codes, 300, 3, sampleSize: 50);
        var reversed = new PairedRuns(Baseline, Baseline.Inputs.Codes, 300, 3, sampleSize: 50);
        rows.ForEach(inOrder.Add);
        Enumerable.Reverse(rows).ToList().ForEach(reversed.Add);
        Assert.Equal(kept.Select(r => r.RunIndex), inOrder.RunIndices);
        Assert.Equal(kept.Select(r => r.FinalBalance), inOrder.Values("balance"));
        Assert.Equal(inOrder.Values("credibility.JPN"), reversed.Values("credibility.JPN"));

        // Paired with itself: every difference is zero; with another seed's runs the pairing is refused.
        Assert.All(ScenarioComparison.Pair([inOrder, reversed]), k => Assert.Equal(new KpiValue(0, 0, 0), k.Differences[1]));
        var otherSeed = new PairedRuns(Baseline, Baseline.Inputs.Codes, 300, 4, sampleSize: 50);
        Rows(300, 4).ForEach(otherSeed.Add);
        var e = Assert.Throws<ArgumentException>(() => ScenarioComparison.Pair([inOrder, otherSeed]));
        Assert.StartsWith("scenario 'baseline' kept other runs than 'baseline': pair scenarios run with the same runs and seed", e.Message, StringComparison.Ordinal);
    }
}
