using CsCheck;

namespace Ballast.Exploration.Tests;

public class SobolSequenceTests
{
    [Fact]
    public void First_points_of_the_two_dimensional_sequence_match_the_published_ones()
    {
        // Unscrambled Sobol points in 2-D (Bratley & Fox; the same as scipy.stats.qmc.Sobol(2, scramble=False)).
        double[] expected = [0, 0, 0.5, 0.5, 0.75, 0.25, 0.25, 0.75, 0.375, 0.375, 0.875, 0.875, 0.625, 0.125, 0.125, 0.625];
        var points = new SobolSequence(2).Points(8, null);
        Assert.Equal(expected, points);
    }

    [Fact]
    public void Direction_numbers_are_odd_multiples_of_their_bit_and_follow_the_file()
    {
        // Dimension 7 of new-joe-kuo-6.21201: s = 4, a = 4, m = 1 3 5 13.
        var v = SobolSequence.Directions(6);
        Assert.Equal(1u << 31, v[0]);
        Assert.Equal(3u << 30, v[1]);
        Assert.Equal(5u << 29, v[2]);
        Assert.Equal(13u << 28, v[3]);
        for (int dim = 0; dim < 64; dim++)
        {
            var d = SobolSequence.Directions(dim);
            for (int i = 0; i < 32; i++)
            {
                // m_i = v_i >> (31 - i) must be odd and below 2^(i+1).
                uint m = d[i] >> (31 - i);
                Assert.True((m & 1) == 1, $"dimension {dim + 1}, m_{i + 1} = {m} is even");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_one_dimensional_projection_of_2_to_the_m_points_is_stratified(bool scrambled)
    {
        const int m = 10;
        var points = new SobolSequence(64).Points(1 << m, scrambled ? 42UL : null);
        for (int d = 0; d < 64; d++)
        {
            var seen = new bool[1 << m];
            for (int i = 0; i < 1 << m; i++)
            {
                double x = points[(i * 64) + d];
                Assert.InRange(x, scrambled ? double.Epsilon : 0, 1 - 1e-12);
                int cell = (int)(x * (1 << m));
                Assert.False(seen[cell], $"dimension {d}: two points in cell {cell}");
                seen[cell] = true;
            }
        }
    }

    [Fact]
    public void Owen_scrambling_keeps_the_first_two_dimensions_a_0_m_2_net()
    {
        const int m = 8;
        var points = new SobolSequence(2).Points(1 << m, 7UL);
        for (int a = 0; a <= m; a++)
        {
            var count = new int[1 << m];
            for (int i = 0; i < 1 << m; i++)
            {
                int cx = (int)(points[2 * i] * (1 << a));
                int cy = (int)(points[(2 * i) + 1] * (1 << (m - a)));
                count[(cx << (m - a)) + cy]++;
            }

            Assert.All(count, c => Assert.Equal(1, c));
        }
    }

    [Fact]
    public void Different_seeds_scramble_differently_and_the_same_seed_reproduces()
    {
        var a = new SobolSequence(3).Points(64, 1UL);
        var b = new SobolSequence(3).Points(64, 1UL);
        var c = new SobolSequence(3).Points(64, 2UL);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void More_than_64_dimensions_is_a_clear_error()
    {
        var e = Assert.Throws<Ballast.Core.BallastInputException>(() => new SobolSequence(65));
        Assert.Contains("1 to 64 dimensions", e.Message, StringComparison.Ordinal);
    }
}

public class DesignTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 3)]
    [InlineData(1000, 7)]
    [InlineData(257, 12)]
    public void Latin_hypercube_has_exactly_one_point_in_each_stratum_of_every_dimension(int n, int dims)
    {
        var design = Design.Create(new DesignSpec(DesignKind.LatinHypercube, n, 99), dims);
        Assert.Equal(n, design.Rows);
        for (int d = 0; d < dims; d++)
        {
            var hits = new int[n];
            for (int i = 0; i < n; i++)
            {
                double x = design.Points[(i * dims) + d];
                Assert.InRange(x, double.Epsilon, 1 - 1e-15);
                hits[(int)Math.Floor(x * n)]++;
            }

            Assert.All(hits, h => Assert.Equal(1, h));
        }
    }

    [Fact]
    public void Latin_hypercube_property_holds_for_random_sizes_and_seeds()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Int[1, 6], Gen.ULong).Sample((n, d, seed) =>
        {
            var design = Design.LatinHypercube(n, d, seed);
            for (int j = 0; j < d; j++)
            {
                var strata = Enumerable.Range(0, n).Select(i => (int)Math.Floor(design[(i * d) + j] * n)).Order().ToArray();
                if (!strata.SequenceEqual(Enumerable.Range(0, n)))
                {
                    return false;
                }
            }

            return true;
        }, iter: 200);
    }

    [Fact]
    public void Saltelli_design_has_the_published_row_counts_and_layout()
    {
        var without = Design.Create(new DesignSpec(DesignKind.Sobol, 16, 1), 3);
        var with = Design.Create(new DesignSpec(DesignKind.Sobol, 16, 1, SecondOrder: true), 3);
        Assert.Equal(16 * (3 + 2), without.Rows);
        Assert.Equal(16 * ((2 * 3) + 2), with.Rows);

        // Block i: A, AB_1..AB_3, B: AB_j equals A except column j, which comes from B.
        var a = without.Row(0).ToArray();
        var b = without.Row(4).ToArray();
        for (int j = 0; j < 3; j++)
        {
            var ab = without.Row(1 + j).ToArray();
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(k == j ? b[k] : a[k], ab[k]);
            }
        }

        // Second-order blocks add BA_j: B except column j from A.
        var a2 = with.Row(0).ToArray();
        var b2 = with.Row(7).ToArray();
        var ba1 = with.Row(5).ToArray();
        Assert.Equal([b2[0], a2[1], b2[2]], ba1);
    }

    [Fact]
    public void Morris_trajectories_move_one_factor_by_delta_per_step()
    {
        const int d = 5;
        const int p = 4;
        var design = Design.Create(new DesignSpec(DesignKind.Morris, 20, 3, Levels: p), d);
        Assert.Equal(20 * (d + 1), design.Rows);
        double delta = p / (2.0 * (p - 1));
        double step = Design.MorrisProbability(delta, p) - Design.MorrisProbability(0, p);
        var grid = Enumerable.Range(0, p).Select(k => (k + 0.5) / p).ToArray();
        for (int t = 0; t < 20; t++)
        {
            var moved = new HashSet<int>();
            for (int k = 0; k < d; k++)
            {
                var r0 = design.Row((t * (d + 1)) + k).ToArray();
                var r1 = design.Row((t * (d + 1)) + k + 1).ToArray();
                var changed = Enumerable.Range(0, d).Where(j => r0[j] != r1[j]).ToArray();
                Assert.Single(changed);
                Assert.Equal(step, Math.Abs(r1[changed[0]] - r0[changed[0]]), 12);
                Assert.True(moved.Add(changed[0]));
                Assert.All(r1, x => Assert.Contains(grid, g => Math.Abs(g - x) < 1e-12));
            }
        }
    }

    [Fact]
    public void Factorial_grid_takes_every_combination_of_levels()
    {
        var design = Design.Create(new DesignSpec(DesignKind.FullFactorial, 30, 0), 3);
        Assert.Equal(3, design.Levels);
        Assert.Equal(27, design.Rows);
        var rows = Enumerable.Range(0, 27).Select(i => string.Join(",", design.Row(i).ToArray())).Distinct().Count();
        Assert.Equal(27, rows);
    }

    [Fact]
    public void Monte_carlo_is_reproducible_and_inside_the_unit_cube()
    {
        var a = Design.Create(new DesignSpec(DesignKind.MonteCarlo, 500, 5), 4);
        var b = Design.Create(new DesignSpec(DesignKind.MonteCarlo, 500, 5), 4);
        Assert.Equal(a.Points, b.Points);
        Assert.All(a.Points, x => Assert.InRange(x, double.Epsilon, 1 - 1e-16));
        Assert.InRange(a.Points.Average(), 0.47, 0.53);
    }

    [Fact]
    public void Design_descriptions_round_trip()
    {
        var spec = new DesignSpec(DesignKind.Sobol, 1024, 77, 0, true);
        Assert.Equal(spec, DesignSpec.FromDescription(spec.Describe()));
    }

    [Fact]
    public void Unknown_design_names_list_the_allowed_ones()
    {
        var e = Assert.Throws<Ballast.Core.BallastInputException>(() => DesignSpec.Parse("latin-square"));
        Assert.Equal("field '--design', value 'latin-square': unknown design 'latin-square'; allowed: lhs, sobol, morris, factorial, montecarlo", e.Message);
    }
}
