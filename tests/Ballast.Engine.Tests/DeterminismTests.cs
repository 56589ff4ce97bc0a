namespace Ballast.Engine.Tests;

public class DeterminismTests
{
    private static ModelInputs Inputs() => SyntheticInputs.Baseline(TestKit.Registry, b =>
    {
        b.Uncertain.Add(new UncertainParameter("beta_s", new Distribution(DistributionKind.Uniform, -0.3, 0)));
        b.Uncertain.Add(new UncertainParameter("g_c", new Distribution(DistributionKind.Normal, 0.072, 0.01)));
        b.Uncertain.Add(new UncertainParameter("delta", new Distribution(DistributionKind.Triangular, 0.05, 0.07, 0.1)));
        b.Uncertain.Add(new UncertainParameter("pressure_rho", new Distribution(DistributionKind.LogNormal, 3, 0.3)));
        b.StancePaths.Add(new StancePath("reassure", 0.6, [.. Enumerable.Repeat(new StanceYear(StanceKind.Reassure, 0, 0, 0), 12)]));
        b.StancePaths.Add(new StancePath("conditional", 0.4, [.. Enumerable.Repeat(new StanceYear(StanceKind.Conditional, 0.035, 2030, 0.9), 12)]));
        b.Overrides["crisis_alpha0"] = -1;
    });

    private static (EnsembleResult Result, List<RunSummary> Rows) Run(ModelInputs inputs, EnsembleOptions options)
    {
        var rows = new List<RunSummary>();
        var result = EnsembleRunner.Run(inputs, options, new EnsembleObservers(RunSink: rows.Add));
        return (result, rows);
    }

    private static void SameBits(EnsembleResult a, EnsembleResult b)
    {
        Assert.Equal(a.Percentiles.Length, b.Percentiles.Length);
        for (int k = 0; k < a.Percentiles.Length; k++)
        {
            Assert.Equal(a.Percentiles[k], b.Percentiles[k]);
        }

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a.Kpis), System.Text.Json.JsonSerializer.Serialize(b.Kpis));
    }

    [Fact]
    public void Same_seed_gives_bit_identical_results_with_one_and_two_threads_and_any_block_size()
    {
        var inputs = Inputs();
        var one = Run(inputs, new EnsembleOptions(300, 99, Threads: 1, SampleSize: 100));
        var two = Run(inputs, new EnsembleOptions(300, 99, Threads: 2, BlockSize: 16, SampleSize: 100));
        SameBits(one.Result, two.Result);
        Assert.Equal(one.Rows.Select(r => r.RunIndex), Enumerable.Range(0, 300).Select(i => (long)i));
        Assert.Equal(one.Rows.Select(r => System.Text.Json.JsonSerializer.Serialize(r)), two.Rows.Select(r => System.Text.Json.JsonSerializer.Serialize(r)));
        Assert.Contains(one.Rows, r => r.StancePath == 1);
        Assert.Contains(one.Rows, r => r.StancePath == 0);
    }

    [Fact]
    public void Pages_written_line_by_line_past_the_caches_hold_the_same_percentiles_as_pages_written_value_by_value()
    {
        // Blocks of 16 into consecutive slots write each page row's line with non-temporal stores (EnsemblePartial.NarrowRows);
        // blocks of 24 straddle the page rows' lines and take the ordinary stores. Every indicator-year must agree.
        var inputs = Inputs();
        var lines = EnsembleRunner.Run(inputs, new EnsembleOptions(300, 21, Threads: 1, BlockSize: 16));
        var values = EnsembleRunner.Run(inputs, new EnsembleOptions(300, 21, Threads: 1, BlockSize: 24));
        SameBits(lines, values);
        Assert.True(lines.Percentiles.Length > 2000);
    }

    [Fact]
    public void Split_run_ranges_merge_to_the_same_result_as_one_run()
    {
        var inputs = Inputs();
        var whole = EnsembleRunner.Run(inputs, new EnsembleOptions(256, 5, Threads: 2, SampleSize: 64));
        var a = EnsembleRunner.RunPartial(inputs, new EnsembleOptions(100, 5, FirstRun: 0, BlockSize: 8, SampleSize: 64));
        var b = EnsembleRunner.RunPartial(inputs, new EnsembleOptions(156, 5, FirstRun: 100, BlockSize: 32, SampleSize: 64));
        SameBits(whole, EnsembleRunner.Merge([b, a]));
    }

    [Theory]
    [InlineData(300, 1, 16, 4096)] // every run sampled, each block into consecutive slots of a page
    [InlineData(300, 2, 24, 4096)] // blocks straddle pages, two workers merged
    [InlineData(300, 2, 16, 100)]  // a sample of 100 runs: slots freed and reused, rows displaced in the merge
    public void Horizon_percentiles_are_those_of_the_sampled_runs_final_values(int runs, int threads, int block, int sampleSize)
    {
        var inputs = Inputs();
        var (result, rows) = Run(inputs, new EnsembleOptions(runs, 11, threads, BlockSize: block, SampleSize: sampleSize));

        // The sample is the runs with the smallest run-index hashes; trajectories are kept in single precision.
        var kept = rows.OrderBy(r => (EnsemblePartial.SampleHash(11, r.RunIndex), r.RunIndex)).Take(sampleSize).ToList();
        var layout = new IndicatorLayout(inputs.Codes);
        int horizon = inputs.StartYear + inputs.Steps;
        var balance = layout.Names[layout.Of(CoalitionIndicator.Balance)];
        Assert.Equal(
            EnsemblePartial.Percentiles(balance, horizon, [.. kept.Select(r => (double)(float)r.FinalBalance)]),
            result.Get(balance, horizon));
        var share = layout.Names[layout.Of(ActorIndicator.Share, 1)];
        Assert.Equal(
            EnsemblePartial.Percentiles(share, horizon, [.. kept.Select(r => (double)(float)r.FinalShare[1])]),
            result.Get(share, horizon));
        Assert.Equal(Math.Min(runs, sampleSize), result.Kpis.PercentileSampleSize);
    }

    [Fact]
    public void Every_indicator_year_is_the_percentiles_of_every_runs_value_rounded_to_single_precision()
    {
        // One worker and blocks of 16: the cells are copied out of the pages in run order and scanned for their range as they
        // are copied, 1,003 runs leaving a tail after whole vectors on the last page. Each cell against a sort of the same
        // values taken from the simulation itself.
        var inputs = Inputs();
        const int runs = 1003;
        const ulong seed = 29;
        var result = EnsembleRunner.Run(inputs, new EnsembleOptions(runs, seed, Threads: 1, BlockSize: 16));
        var sim = new Simulation(inputs, 16);
        int indicators = sim.Layout.Count;
        int years = inputs.Steps + 1;
        var cells = new double[indicators * years][];
        for (int c = 0; c < cells.Length; c++)
        {
            cells[c] = new double[runs];
        }

        var index = new long[16];
        for (int first = 0; first < runs; first += 16)
        {
            int count = Math.Min(16, runs - first);
            for (int k = 0; k < count; k++)
            {
                index[k] = first + k;
            }

            sim.Reset(index.AsSpan(0, count), seed);
            sim.RunToHorizon();
            for (int i = 0; i < indicators; i++)
            {
                for (int t = 0; t < years; t++)
                {
                    for (int k = 0; k < count; k++)
                    {
                        cells[(i * years) + t][first + k] = (float)sim.Indicator(i, t, k);
                    }
                }
            }
        }

        for (int i = 0; i < indicators; i++)
        {
            for (int t = 0; t < years; t++)
            {
                string name = sim.Layout.Names[i];
                Assert.Equal(EnsemblePartial.Percentiles(name, inputs.StartYear + t, cells[(i * years) + t]), result.Get(name, inputs.StartYear + t));
            }
        }
    }

    [Fact]
    public void Different_seeds_give_different_results()
    {
        var inputs = Inputs();
        var a = EnsembleRunner.Run(inputs, new EnsembleOptions(64, 1));
        var b = EnsembleRunner.Run(inputs, new EnsembleOptions(64, 2));
        Assert.NotEqual(a.Get("share.JPN", 2035).P50, b.Get("share.JPN", 2035).P50);
    }

    [Fact]
    public void Cancellation_stops_the_ensemble()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => EnsembleRunner.Run(Inputs(), new EnsembleOptions(1000, 1), cancellationToken: cts.Token));
    }

    [Fact]
    public void Progress_reports_every_run()
    {
        long last = 0;
        EnsembleRunner.Run(Inputs(), new EnsembleOptions(130, 1, Threads: 2, BlockSize: 32), new EnsembleObservers(Progress: p => last = p.Completed));
        Assert.Equal(130, last);
    }
}
