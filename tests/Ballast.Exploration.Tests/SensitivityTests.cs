namespace Ballast.Exploration.Tests;

public class SobolAnalysisTests
{
    private static readonly string[] Names = ["x1", "x2", "x3"];

    /// <summary>Ishigami (1990) function on [−π, π]^3, evaluated over the whole design in one loop.</summary>
    private static double[] Ishigami(Design design, double a = 7, double b = 0.1)
    {
        var y = new double[design.Rows];
        var p = design.Points;
        for (int i = 0; i < y.Length; i++)
        {
            double x1 = (p[3 * i] * 2 * Math.PI) - Math.PI;
            double x2 = (p[(3 * i) + 1] * 2 * Math.PI) - Math.PI;
            double x3 = (p[(3 * i) + 2] * 2 * Math.PI) - Math.PI;
            double s2 = Math.Sin(x2);
            y[i] = Math.Sin(x1) + (a * s2 * s2) + (b * x3 * x3 * x3 * x3 * Math.Sin(x1));
        }

        return y;
    }

    [Fact]
    public void Ishigami_first_and_total_order_indices_are_recovered_within_their_intervals()
    {
        // Analytic values for a = 7, b = 0.1 (Ishigami and Homma 1990; Saltelli et al. 2008, Global Sensitivity Analysis, §4.9).
        double[] first = [0.3139, 0.4424, 0];
        double[] total = [0.5576, 0.4424, 0.2437];
        var design = Design.Create(new DesignSpec(DesignKind.Sobol, 1 << 13, 2024), 3);
        var result = SobolAnalysis.Analyze(Ishigami(design), Names, secondOrder: false, resamples: 500, seed: 1);
        for (int j = 0; j < 3; j++)
        {
            Assert.True(result.First[j].Covers(first[j]), $"S{j + 1} = {result.First[j]} does not cover {first[j]}");
            Assert.True(result.Total[j].Covers(total[j]), $"ST{j + 1} = {result.Total[j]} does not cover {total[j]}");
            Assert.InRange(result.First[j].HalfWidth, 1e-4, 0.05);
        }
    }

    [Fact]
    public void Ishigami_second_order_shows_only_the_x1_x3_interaction()
    {
        var design = Design.Create(new DesignSpec(DesignKind.Sobol, 1 << 12, 7, SecondOrder: true), 3);
        var result = SobolAnalysis.Analyze(Ishigami(design), Names, secondOrder: true, resamples: 300, seed: 2);
        var s = result.Second!;

        // S13 = ST1 − S1 = 0.2437; S12 = S23 = 0.
        Assert.True(s[(0 * 3) + 2].Covers(0.2437), $"S13 = {s[2]}");
        Assert.True(s[(0 * 3) + 1].Covers(0), $"S12 = {s[1]}");
        Assert.True(s[(1 * 3) + 2].Covers(0), $"S23 = {s[5]}");
    }

    [Fact]
    public void Negative_estimates_are_explained()
    {
        var design = Design.Create(new DesignSpec(DesignKind.Sobol, 256, 11), 3);
        var y = Ishigami(design);
        var result = SobolAnalysis.Analyze(y, Names, false, 200, seed: 3);
        var negative = result.First.Select((e, j) => (e, j)).Where(t => t.e.Value < 0).ToList();
        foreach (var (e, j) in negative)
        {
            Assert.Contains(result.Notes, n => n.StartsWith($"x{j + 1}: the first-order estimate", StringComparison.Ordinal) && n.Contains("negative", StringComparison.Ordinal));
        }

        Assert.Contains(result.Notes, n => n.StartsWith("First-order indices sum to", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_inputs_and_seed_give_identical_intervals()
    {
        var design = Design.Create(new DesignSpec(DesignKind.Sobol, 512, 5), 3);
        var y = Ishigami(design);
        var a = SobolAnalysis.Analyze(y, Names, false, 100, seed: 9);
        var b = SobolAnalysis.Analyze(y, Names, false, 100, seed: 9);
        Assert.Equal(a.First, b.First);
        Assert.Equal(a.Total, b.Total);
    }

    [Theory]
    [InlineData(false, 37)]
    [InlineData(false, 1029)]
    [InlineData(true, 300)]
    public void Bootstrap_replicates_are_identical_at_every_vector_width_and_thread_count(bool secondOrder, int n)
    {
        // 8 lanes (two resamples per 512-bit vector), 4 (one per 256-bit vector) and 1 (scalar) must sum in one order,
        // on one thread or many: n = 1029 spans several tiles and ends in a partial group of four.
        const int d = 4;
        var (a, b, ab, ba) = RandomDesign(n, d, secondOrder, seed: 11, halfWidth: 3);
        const int resamples = 45;
        int per = SobolAnalysis.Width(d, secondOrder);
        var reference = new double[resamples * per];
        SobolAnalysis.Bootstrap(a, b, ab, ba, resamples, 8, reference, lanes: 1, threads: 1);
        foreach (var (lanes, threads) in new[] { (8, 1), (8, 2), (4, 1), (4, 2), (1, 2) })
        {
            var replicates = new double[resamples * per];
            SobolAnalysis.Bootstrap(a, b, ab, ba, resamples, 8, replicates, lanes, threads);
            for (int k = 0; k < replicates.Length; k++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(reference[k]) == BitConverter.DoubleToInt64Bits(replicates[k]),
                    $"replicate {k / per}, index {k % per}: {replicates[k]:R} at {lanes} lanes and {threads} threads, {reference[k]:R} scalar on one thread");
            }
        }
    }

    [Fact]
    public void Intervals_keep_their_exact_values()
    {
        // Pins the draws and the summation order (the intervals of the weighted-sum bootstrap since it was introduced):
        // a change to either shows here before it shows in the golden sensitivity output.
        var design = Design.Create(new DesignSpec(DesignKind.Sobol, 512, 5), 3);
        var result = SobolAnalysis.Analyze(Ishigami(design), Names, false, 100, seed: 9);
        Assert.Equal([0.07907590568479551, 0.08090122192185237, 0.08678443417911869], result.First.Select(e => e.HalfWidth));
        Assert.Equal([0.12784661624439314, 0.0667841401729235, 0.03575111822334702], result.Total.Select(e => e.HalfWidth));
    }

    [Fact]
    public void Missing_outcomes_and_wrong_row_counts_are_clear_errors()
    {
        var y = new double[5 * 10];
        y[7] = double.NaN;
        var e = Assert.Throws<Ballast.Core.BallastInputException>(() => SobolAnalysis.Analyze(y, Names, false));
        Assert.Contains("missing or not finite in 1 of 50 runs", e.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<Ballast.Core.BallastInputException>(() => SobolAnalysis.Analyze(new double[51], Names, false));
        Assert.Contains("need a multiple of 5 rows", e2.Message, StringComparison.Ordinal);
        var e3 = Assert.Throws<Ballast.Core.BallastInputException>(() => SobolAnalysis.Analyze(new double[50], Names, false));
        Assert.Contains("zero variance", e3.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 37)]
    [InlineData(true, 64)]
    public void Weighted_bootstrap_equals_the_resample_of_indices(bool secondOrder, int n)
    {
        // The block/vector bootstrap must give, replicate by replicate, what averaging over the drawn indices gives.
        const int d = 3;
        var (a, b, ab, ba) = RandomDesign(n, d, secondOrder, seed: 5, halfWidth: 2);
        int per = SobolAnalysis.Width(d, secondOrder);
        const int resamples = 19; // two full blocks of eight and a partial one
        var fast = new double[resamples * per];
        SobolAnalysis.Bootstrap(a, b, ab, ba, resamples, 42, fast);
        var idx = new int[n];
        var reference = new double[per];
        for (int r = 0; r < resamples; r++)
        {
            ulong key = Ballast.Exploration.Sampling.CounterHash.Bits(42, 0x534F_0000UL, (ulong)r);
            for (int i = 0; i < n; i++)
            {
                idx[i] = (int)(((UInt128)Ballast.Exploration.Sampling.CounterHash.Mix(key + ((ulong)i * Ballast.Engine.Random.CounterRng.Gamma)) * (ulong)n) >> 64);
            }

            // The reference: the point estimator on the resampled base samples themselves.
            double[] Pick(double[] column) => [.. idx.Select(i => column[i])];
            SobolAnalysis.Estimate(Pick(a), Pick(b), [.. ab.Select(Pick)], ba?.Select(Pick).ToArray(), reference);
            for (int k = 0; k < per; k++)
            {
                Assert.Equal(reference[k], fast[(r * per) + k], 1e-12);
            }
        }
    }

    /// <summary>
    /// Model outputs of a Saltelli design drawn uniformly from [−halfWidth, halfWidth]: f(A), f(B), f(A_B^i) for d inputs and,
    /// for second order, f(B_A^i), in that order of draws from one seeded stream.
    /// </summary>
    private static (double[] A, double[] B, double[][] AB, double[][]? BA) RandomDesign(int n, int d, bool secondOrder, int seed, double halfWidth)
    {
        var rng = new System.Random(seed);
        double[] Column() => Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2 * halfWidth) - halfWidth).ToArray();
        var a = Column();
        var b = Column();
        var ab = Enumerable.Range(0, d).Select(_ => Column()).ToArray();
        var ba = secondOrder ? Enumerable.Range(0, d).Select(_ => Column()).ToArray() : null;
        return (a, b, ab, ba);
    }
}

public class MorrisAnalysisTests
{
    [Fact]
    public void Morris_ranks_a_linear_models_inputs_by_their_coefficients()
    {
        double[] c = [0.1, 8, -3, 0, 1.5];
        string[] names = ["a", "b", "c", "d", "e"];
        var design = Design.Create(new DesignSpec(DesignKind.Morris, 30, 17), c.Length);
        var y = new double[design.Rows];
        for (int i = 0; i < y.Length; i++)
        {
            var x = design.Row(i);
            for (int j = 0; j < c.Length; j++)
            {
                y[i] += c[j] * x[j];
            }
        }

        var result = MorrisAnalysis.Analyze(design.Points, y, names, 200);
        var ranked = result.OrderByDescending(r => r.MuStar).Select(r => r.Parameter).ToArray();
        Assert.Equal(["b", "c", "e", "a", "d"], ranked);
        for (int j = 0; j < c.Length; j++)
        {
            // A linear model's elementary effects are its coefficients exactly: μ = c, μ* = |c|, σ = 0.
            Assert.Equal(c[j], result[j].Mu, 9);
            Assert.Equal(Math.Abs(c[j]), result[j].MuStar, 9);
            Assert.Equal(0, result[j].Sigma, 9);
        }
    }

    [Fact]
    public void Rows_that_are_not_trajectories_are_rejected_with_the_row()
    {
        var x = new double[] { 0, 0, 1, 1, 1, 1 };
        var e = Assert.Throws<Ballast.Core.BallastInputException>(() => MorrisAnalysis.Analyze(x, new double[3], ["p", "q"]));
        Assert.Contains("rows 1 and 2 (trajectory 1) are not a Morris step: more than one parameter changes", e.Message, StringComparison.Ordinal);
    }
}
