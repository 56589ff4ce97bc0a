namespace Ballast.Core.Analytics;

/// <summary>
/// Sample quantiles by linear interpolation between order statistics (Hyndman and Fan's type 7, the default of R and
/// NumPy): the p-quantile of n sorted values lies at 0-based position h = (n − 1)·p, between the order statistics at
/// ⌊h⌋ and ⌊h⌋ + 1. Every quantile Ballast reports comes from here, so percentile tables, back-test intervals and regret
/// summaries agree to the bit.
/// </summary>
public static class Quantiles
{
    /// <summary>The type-7 p-quantile of ascending values; NaN when there are none.</summary>
    /// <param name="sorted">Values in ascending order.</param>
    /// <param name="p">Probability in [0, 1].</param>
    /// <returns>The interpolated quantile.</returns>
    public static double Type7(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var (lo, hi, fraction) = Ranks(sorted.Length, p);
        return Interpolate(sorted[lo], sorted[hi], fraction);
    }

    /// <summary>
    /// Where the type-7 p-quantile of n values lies: the 0-based ranks of the two order statistics it interpolates
    /// between and the fraction of the way from the lower to the upper. Selection algorithms use it to know which
    /// order statistics to place.
    /// </summary>
    /// <param name="n">Number of values, at least 1.</param>
    /// <param name="p">Probability in [0, 1].</param>
    /// <returns>Lower rank, upper rank (equal at the top) and the interpolation fraction.</returns>
    public static (int Lo, int Hi, double Fraction) Ranks(int n, double p)
    {
        double h = (n - 1) * p;
        int lo = (int)Math.Floor(h);
        return (lo, Math.Min(lo + 1, n - 1), h - lo);
    }

    /// <summary>The value a fraction of the way from the lower order statistic to the upper one.</summary>
    /// <param name="lower">Order statistic at the lower rank.</param>
    /// <param name="upper">Order statistic at the upper rank.</param>
    /// <param name="fraction">Fraction from <see cref="Ranks"/>.</param>
    /// <returns>lower + fraction · (upper − lower).</returns>
    public static double Interpolate(double lower, double upper, double fraction) => lower + (fraction * (upper - lower));
}
