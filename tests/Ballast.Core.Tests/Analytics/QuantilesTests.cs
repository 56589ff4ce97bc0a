using Ballast.Core.Analytics;
using CsCheck;

namespace Ballast.Core.Tests.Analytics;

public class QuantilesTests
{
    // Hand-computed: for 1..5, h = 4p; p = 0.1 → h = 0.4 → 1 + 0.4·(2 − 1) = 1.4; p = 0.95 → h = 3.8 → 4 + 0.8·(5 − 4) = 4.8.
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.1, 1.4)]
    [InlineData(0.25, 2.0)]
    [InlineData(0.5, 3.0)]
    [InlineData(0.95, 4.8)]
    [InlineData(1.0, 5.0)]
    public void Type7_interpolates_between_order_statistics(double p, double expected) =>
        Assert.Equal(expected, Quantiles.Type7([1, 2, 3, 4, 5], p), 12);

    [Fact]
    public void Type7_of_an_even_sample_matches_R_and_NumPy()
    {
        // R: quantile(c(10, 20, 40, 80), c(.05, .5, .9), type = 7) = 11.5, 30, 68.
        double[] x = [10, 20, 40, 80];
        Assert.Equal((11.5, 30.0, 68.0), (Quantiles.Type7(x, 0.05), Quantiles.Type7(x, 0.5), Quantiles.Type7(x, 0.9)));
    }

    [Fact]
    public void Type7_of_nothing_is_NaN_and_of_one_value_is_that_value()
    {
        Assert.True(double.IsNaN(Quantiles.Type7([], 0.5)));
        Assert.Equal(7.0, Quantiles.Type7([7], 0.95));
    }

    [Fact]
    public void Ranks_name_the_two_order_statistics_and_the_fraction()
    {
        Assert.Equal((3, 4, 0.8), Round(Quantiles.Ranks(5, 0.95)));
        Assert.Equal((4, 4, 0.0), Round(Quantiles.Ranks(5, 1.0)));
        Assert.Equal((0, 0, 0.0), Round(Quantiles.Ranks(1, 0.5)));

        static (int, int, double) Round((int Lo, int Hi, double Fraction) r) => (r.Lo, r.Hi, Math.Round(r.Fraction, 12));
    }

    [Fact]
    public void Type7_is_monotone_in_p_and_within_the_sample() =>
        (from x in Gen.Double[-1e6, 1e6].Array[1, 50]
         from a in Gen.Double[0, 1]
         from b in Gen.Double[0, 1]
         select (x, Math.Min(a, b), Math.Max(a, b)))
        .Sample(t =>
        {
            var (x, lo, hi) = t;
            Array.Sort(x);
            var qLo = Quantiles.Type7(x, lo);
            var qHi = Quantiles.Type7(x, hi);
            return qLo <= qHi && qLo >= x[0] - 1e-6 && qHi <= x[^1] + 1e-6; // within rounding of the extremes
        });
}
