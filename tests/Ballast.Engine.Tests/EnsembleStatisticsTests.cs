namespace Ballast.Engine.Tests;

public class EnsembleStatisticsTests
{
    [Fact]
    public void Selected_percentiles_equal_sorted_percentiles_bit_for_bit()
    {
        var rng = new System.Random(7);
        foreach (int n in new[] { 1, 2, 3, 5, 20, 101, 4096 })
        {
            for (int rep = 0; rep < 5; rep++)
            {
                var v = new double[n];
                for (int i = 0; i < n; i++)
                {
                    // Many ties (rounded values) and an occasional NaN, as trajectories can have.
                    v[i] = rep % 2 == 0 ? Math.Round(rng.NextDouble() * 10) : rng.NextDouble();
                    if (rep == 4 && i % 7 == 3)
                    {
                        v[i] = double.NaN;
                    }
                }

                AssertSelectedAsSorted(v);
            }
        }

        // Shapes that trouble quickselect: constant, already sorted, reversed, organ-pipe, mostly NaN.
        foreach (int n in new[] { 23, 24, 25, 1000, 4096 })
        {
            var shapes = new[]
            {
                Enumerable.Repeat(1.5, n).ToArray(),
                Enumerable.Range(0, n).Select(i => (double)i).ToArray(),
                Enumerable.Range(0, n).Select(i => (double)(n - i)).ToArray(),
                Enumerable.Range(0, n).Select(i => (double)Math.Min(i, n - i)).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 10 == 0 ? i : double.NaN).ToArray(),
                // Shapes that trouble equal-width buckets: values spread over many orders of magnitude (most fall in the
                // first bucket, again and again), mostly zeros with rare outliers, infinities, a denormal range.
                Enumerable.Range(0, n).Select(i => Math.Pow(2, (i * 37 % 200) - 100)).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 97 == 0 ? 1e300 : 0).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 13 == 0 ? double.PositiveInfinity : i % 11 == 0 ? double.NegativeInfinity : i).ToArray(),
                Enumerable.Range(0, n).Select(i => (i % 5) * double.Epsilon).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 3 == 0 ? -1e308 : 1e308).ToArray(),
                // Shapes for buckets bounded by a sample: nearly one value (every wanted rank among its copies, or p95 past
                // them), and a spread bulk with a tenth of far outliers, so that p5 falls into the bucket below the sample.
                Enumerable.Range(0, n).Select(i => i % 50 == 1 ? -1e6 - i : i % 50 == 2 ? 1e6 + i : 3.25).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 16 == 5 ? i : 7.0).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 20 < 2 ? -1000.0 * i : i * 0.001).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 29 == 0 ? 1e9 * i : Math.Sin(i)).ToArray(),
                // One value wherever the 64 values that bound the buckets are read (index k · n / 64), and just fewer or just
                // more than p5's rank of other values below it elsewhere.
                OneValueAtSample(n, (n / 20) - 3),
                OneValueAtSample(n, (n / 20) + 3),
                // Shapes of single precision's limits (the sample's values): its denormals, and a range whose width overflows it.
                Enumerable.Range(0, n).Select(i => (i % 5) * (double)float.Epsilon).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 3 == 0 ? -3e38 : i % 3 == 1 ? 3e38 : i).ToArray(),
            };
            foreach (var v in shapes)
            {
                AssertSelectedAsSorted(v);
            }
        }
    }

    [Fact]
    public void Selected_percentiles_equal_sorted_percentiles_where_a_bucket_holds_one_value_or_nearly()
    {
        // Buckets holding many copies of one value (resolved without gathering them), next to buckets holding many values
        // that differ in their last bit or only in the sign of zero (gathered), at lengths that leave a tail after whole
        // vectors of 16, and with NaNs before them.
        var rng = new System.Random(11);
        foreach (int n in new[] { 64, 65, 333, 1000, 1003, 4096, 5000 })
        {
            float next = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(2.5f) + 1);
            var shapes = new[]
            {
                Enumerable.Range(0, n).Select(i => i % 5 < 3 ? 2.5 : rng.NextDouble() * 10).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 5 < 3 ? (i % 2 == 0 ? 2.5 : next) : rng.NextDouble() * 10).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 4 == 0 ? 0.0 : i % 4 == 1 ? -0.0 : i % 4 == 2 ? 1.0 : -1.0).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 3 == 0 ? 0.0 : i % 3 == 1 ? 1.0 : rng.NextDouble()).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 10 == 0 ? 4.0 : i % 10 == 1 ? 5.0 : i % 10 == 2 ? double.NaN : i % 10 < 6 ? 6.0 : rng.NextDouble() * 9).ToArray(),
                Enumerable.Range(0, n).Select(i => i < n / 2 ? 1.0 : 1.0 + (i * 1e-7)).ToArray(),
                Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 40) / 4).ToArray(),
            };
            foreach (var v in shapes)
            {
                AssertSelectedAsSorted(v);
            }
        }
    }

    [Fact]
    public void Selected_percentiles_equal_sorted_percentiles_where_many_runs_share_a_value()
    {
        // A value half to nearly all of the runs share (a state), the others spread below and above it or next to it in the
        // last bits (as trajectories have them): set apart before any buckets, with ranks among its copies, below and above.
        var rng = new System.Random(13);
        foreach (int n in new[] { 256, 300, 1000, 1001, 4096, 5000 })
        {
            foreach (double share in new[] { 0.5, 0.69, 0.9, 0.97, 0.995 })
            {
                float shared = 3891.688f;
                float nextUp = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(shared) + 1);
                var spread = Enumerable.Range(0, n).Select(i => rng.NextDouble() < share ? shared : rng.NextDouble() < 0.5 ? 3800 + (rng.NextDouble() * 200) : nextUp).ToArray();
                var below = Enumerable.Range(0, n).Select(i => rng.NextDouble() < share ? shared : shared - (rng.NextDouble() * 50)).ToArray();
                var above = Enumerable.Range(0, n).Select(i => rng.NextDouble() < share ? shared : i % 3 == 0 ? double.PositiveInfinity : shared + (rng.NextDouble() * 50)).ToArray();
                AssertSelectedAsSorted(spread);
                AssertSelectedAsSorted(below);
                AssertSelectedAsSorted(above);
            }
        }
    }

    [Fact]
    public void Selected_percentiles_equal_sorted_percentiles_where_gathered_buckets_hold_up_to_64_values()
    {
        // Clusters of values a bucket wide or narrower, each of a few bit patterns (so no bucket is one value), of sizes on
        // either side of 8, 16, 32 and 64 values (the register widths of the ranking), with ties, zeros of both signs and
        // infinities among the largest; and clusters past 64, bucketed again.
        var rng = new System.Random(17);
        foreach (int size in new[] { 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 90 })
        {
            foreach (int n in new[] { 1000, 4096 })
            {
                int clusters = Math.Max(1, n / size);
                var v = new double[n];
                for (int i = 0; i < n; i++)
                {
                    int c = i % clusters;
                    float centre = (float)(c * 10.0);
                    int bits = BitConverter.SingleToInt32Bits(centre == 0 ? 1f : centre);
                    v[i] = rng.Next(3) switch
                    {
                        0 => centre,
                        1 => BitConverter.Int32BitsToSingle(bits + 1 + rng.Next(2)),
                        _ => centre == 0 ? (rng.Next(2) == 0 ? 0.0 : -0.0) : BitConverter.Int32BitsToSingle(bits - 1),
                    };
                }

                AssertSelectedAsSorted(v);
                AssertSelectedAsSorted([.. v.Select((x, i) => i % 17 == 0 ? double.PositiveInfinity : x)]);
                AssertSelectedAsSorted([.. v.Select((x, i) => i % 23 == 0 ? double.NegativeInfinity : x)]);
            }
        }
    }

    [Fact]
    public void Percentiles_of_a_cell_count_the_values_after_its_last_whole_vector()
    {
        // Twenty runs offered in run order: each cell is copied out of its page and scanned for its range as it is copied, 16
        // values a vector (or 8) and four after them. Where only those four differ, p95 is theirs.
        var inputs = SyntheticInputs.Baseline(TestKit.Registry);
        var partial = new EnsemblePartial(inputs, 3, 4096);
        int years = inputs.Steps + 1;
        var trajectory = new float[partial.Layout.Count * years];
        for (int run = 0; run < 20; run++)
        {
            trajectory.AsSpan().Fill(run);
            trajectory[0] = run < 16 ? 1f : 9f;       // indicator 0, first year: the largest values last
            trajectory[years] = run < 16 ? 2f : -7f;  // indicator 1, first year: the smallest values last
            trajectory[2 * years] = run < 16 ? 3f : float.NaN; // indicator 2, first year: NaN only last (ordered first)
            partial.Offer(run, trajectory);
        }

        var result = partial.ToResult();
        var first = result.Percentiles[0];
        var second = result.Percentiles[years];
        Assert.Equal(EnsemblePartial.Percentiles(first.Indicator, first.Year, [.. Enumerable.Range(0, 20).Select(r => r < 16 ? 1.0 : 9.0)]), first);
        Assert.Equal(EnsemblePartial.Percentiles(second.Indicator, second.Year, [.. Enumerable.Range(0, 20).Select(r => r < 16 ? 2.0 : -7.0)]), second);
        Assert.Equal(EnsemblePartial.Percentiles("x", 0, [.. Enumerable.Range(0, 20).Select(r => r < 16 ? 3.0 : double.NaN)]) with { Indicator = result.Percentiles[2 * years].Indicator, Year = result.Percentiles[2 * years].Year }, result.Percentiles[2 * years]);
        Assert.Equal(9.0, first.P95);
        Assert.Equal(-7.0, second.P5);
        Assert.True(double.IsNaN(result.Percentiles[2 * years].P5));
    }

    /// <summary>Selection equals a sort, of the values and of the values rounded to single precision (as the sample holds them).</summary>
    private static void AssertSelectedAsSorted(double[] v)
    {
        float[] single = [.. v.Select(x => (float)x)];
        Assert.Equal(EnsemblePartial.Percentiles("x", 2030, [.. single.Select(x => (double)x)]), EnsemblePartial.SelectPercentiles("x", 2030, single));
        Assert.Equal(EnsemblePartial.Percentiles("x", 2030, (double[])v.Clone()), EnsemblePartial.SelectPercentiles("x", 2030, v));
    }

    private static double[] OneValueAtSample(int n, int below)
    {
        var v = Enumerable.Repeat(7.0, n).ToArray();
        var sampled = Enumerable.Range(0, 64).Select(k => (int)((long)k * n / 64)).ToHashSet();
        foreach (int i in Enumerable.Range(0, n).Where(i => !sampled.Contains(i)).Take(below))
        {
            v[i] = -1.0 - i;
        }

        return v;
    }

    [Fact]
    public void Counters_read_from_the_lanes_equal_counters_from_summary_rows()
    {
        var inputs = SyntheticInputs.Baseline(TestKit.Registry, b =>
        {
            b.Uncertain.Add(new UncertainParameter("beta_s", new Distribution(DistributionKind.Uniform, -0.3, 0)));
            b.StancePaths.Add(new StancePath("reassure", 0.5, [.. Enumerable.Repeat(new StanceYear(StanceKind.Reassure, 0, 0, 0), 12)]));
            b.StancePaths.Add(new StancePath("conditional", 0.5, [.. Enumerable.Repeat(new StanceYear(StanceKind.Conditional, 0.035, 2030, 0.9), 12)]));
            b.Overrides["crisis_alpha0"] = -1;
        });
        var options = new EnsembleOptions(200, 3, SampleSize: 50);
        var withRows = EnsembleRunner.Run(inputs, options, new EnsembleObservers(RunSink: _ => { }));
        var without = EnsembleRunner.Run(inputs, options);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(withRows.Kpis), System.Text.Json.JsonSerializer.Serialize(without.Kpis));
        var differing = Enumerable.Range(0, withRows.Percentiles.Length).Where(k => withRows.Percentiles[k] != without.Percentiles[k]).Select(k => $"{withRows.Percentiles[k]} vs {without.Percentiles[k]}").Take(3);
        Assert.Empty(differing);
    }
}
