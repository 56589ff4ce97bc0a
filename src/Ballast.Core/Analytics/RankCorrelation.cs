namespace Ballast.Core.Analytics;

/// <summary>The result of a rank-correlation test.</summary>
/// <param name="Method">"Spearman rho" or "Kendall tau-b".</param>
/// <param name="Coefficient">The coefficient, between −1 and 1; null when it is undefined (n &lt; 2, or a variable is constant).</param>
/// <param name="N">Number of pairs used.</param>
/// <param name="Statistic">The test statistic (t for Spearman, z for Kendall), or null when undefined.</param>
/// <param name="PValue">Two-sided p-value, or null when undefined (Spearman needs n ≥ 3).</param>
/// <param name="Approximation">How the p-value was obtained, for reports.</param>
public sealed record CorrelationResult(
    string Method,
    double? Coefficient,
    int N,
    double? Statistic,
    double? PValue,
    string Approximation);

/// <summary>
/// Rank statistics: average ranks with ties, Spearman's rho and Kendall's tau-b with two-sided p-values.
/// </summary>
public static class RankCorrelation
{
    /// <summary>Ranks from 1 (smallest) to n; tied values share the average of the ranks they span.</summary>
    /// <param name="values">The values; NaN is not allowed.</param>
    /// <returns>The rank of each value, in input order.</returns>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        if (values.Any(double.IsNaN))
        {
            throw new ArgumentException("ranks cannot be computed for NaN.", nameof(values));
        }

        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            // Positions start..end (0-based) hold ranks start+1..end+1; their average is (start+end)/2 + 1.
            var average = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = average;
            }

            start = end + 1;
        }

        return ranks;
    }

    /// <summary>
    /// Spearman's rank correlation (Pearson correlation of average ranks) with a two-sided p-value from the
    /// t-approximation t = ρ√((n−2)/(1−ρ²)) on n−2 degrees of freedom.
    /// </summary>
    /// <param name="x">First variable.</param>
    /// <param name="y">Second variable, same length.</param>
    /// <returns>The result; the coefficient is null when n &lt; 2 or either variable is constant.</returns>
    public static CorrelationResult Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Test(x, y, "Spearman rho", "t-approximation, n-2 df", SpearmanTest);

    private static Outcome SpearmanTest(IReadOnlyList<double> x, IReadOnlyList<double> y, int n)
    {
        var rx = Ranks(x);
        var ry = Ranks(y);
        var rho = Pearson(rx, ry);
        if (rho is not double r)
        {
            return new(null, null, null);
        }

        if (n < 3)
        {
            return new(r, null, null);
        }

        var oneMinus = 1 - (r * r);
        if (oneMinus <= 0)
        {
            return new(r, r > 0 ? double.PositiveInfinity : double.NegativeInfinity, 0);
        }

        var t = r * Math.Sqrt((n - 2) / oneMinus);
        return new(r, t, Distributions.StudentTTwoSidedP(t, n - 2));
    }

    /// <summary>
    /// Kendall's tau-b, τ_b = (C − D)/√((n₀ − n₁)(n₀ − n₂)), with a two-sided p-value from the normal approximation
    /// to S = C − D using the tie-corrected variance
    /// Var(S) = [n(n−1)(2n+5) − Σt(t−1)(2t+5) − Σu(u−1)(2u+5)]/18 + Σt(t−1)·Σu(u−1)/(2n(n−1))
    /// + Σt(t−1)(t−2)·Σu(u−1)(u−2)/(9n(n−1)(n−2)), where t and u are the sizes of tied groups in x and y.
    /// </summary>
    /// <param name="x">First variable.</param>
    /// <param name="y">Second variable, same length.</param>
    /// <returns>The result; the coefficient is null when n &lt; 2 or either variable is constant.</returns>
    public static CorrelationResult KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Test(x, y, "Kendall tau-b", "normal approximation, tie-corrected variance", KendallTest);

    private static Outcome KendallTest(IReadOnlyList<double> x, IReadOnlyList<double> y, int n)
    {
        long s = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                s += Math.Sign(x[j] - x[i]) * Math.Sign(y[j] - y[i]);
            }
        }

        var n0 = n * (n - 1) / 2.0;
        var tiesX = TieGroups(x);
        var tiesY = TieGroups(y);
        var n1 = tiesX.Sum(t => t * (t - 1) / 2.0);
        var n2 = tiesY.Sum(u => u * (u - 1) / 2.0);
        var denominator = Math.Sqrt((n0 - n1) * (n0 - n2));
        if (denominator == 0)
        {
            return new(null, null, null);
        }

        var tau = s / denominator;
        double nn = n;
        var v0 = nn * (nn - 1) * ((2 * nn) + 5);
        var vt = tiesX.Sum(t => (double)t * (t - 1) * ((2.0 * t) + 5));
        var vu = tiesY.Sum(u => (double)u * (u - 1) * ((2.0 * u) + 5));
        var v1 = tiesX.Sum(t => (double)t * (t - 1)) * tiesY.Sum(u => (double)u * (u - 1));
        var v2 = tiesX.Sum(t => (double)t * (t - 1) * (t - 2)) * tiesY.Sum(u => (double)u * (u - 1) * (u - 2));
        var variance = ((v0 - vt - vu) / 18) + (v1 / (2 * nn * (nn - 1)));
        if (n > 2)
        {
            variance += v2 / (9 * nn * (nn - 1) * (nn - 2));
        }

        if (variance <= 0)
        {
            return new(tau, null, null);
        }

        var z = s / Math.Sqrt(variance);
        return new(tau, z, Distributions.NormalTwoSidedP(z));
    }

    /// <summary>
    /// What both tests share: the pairs are checked, fewer than two pairs leave everything undefined, and the
    /// result carries the method and approximation names.
    /// </summary>
    private static CorrelationResult Test(
        IReadOnlyList<double> x, IReadOnlyList<double> y, string method, string approximation, Func<IReadOnlyList<double>, IReadOnlyList<double>, int, Outcome> test)
    {
        CheckPairs(x, y);
        var n = x.Count;
        var (coefficient, statistic, p) = n < 2 ? new Outcome(null, null, null) : test(x, y, n);
        return new(method, coefficient, n, statistic, p, approximation);
    }

    private static double? Pearson(double[] a, double[] b)
    {
        var ma = a.Average();
        var mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var da = a[i] - ma;
            var db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        if (saa == 0 || sbb == 0)
        {
            return null;
        }

        return Math.Clamp(sab / Math.Sqrt(saa * sbb), -1, 1);
    }

    private readonly record struct Outcome(double? Coefficient, double? Statistic, double? PValue);

    private static List<int> TieGroups(IReadOnlyList<double> values) =>
        values.GroupBy(v => v).Select(g => g.Count()).Where(c => c > 1).ToList();

    private static void CheckPairs(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.", nameof(y));
        }

        if (x.Any(double.IsNaN) || y.Any(double.IsNaN))
        {
            throw new ArgumentException("rank correlation cannot use NaN; drop missing pairs first.", nameof(x));
        }
    }
}
