using MathNet.Numerics.LinearAlgebra;

namespace Ballast.Calibration.Estimation;

/// <summary>
/// The fixed-effects ("within") estimate of <c>y_it = a_i + x_it·b + u_it</c>: coefficients, their cluster-robust
/// covariance (clusters = groups), residuals and fit statistics.
/// </summary>
/// <param name="Coefficients">Slope coefficients b, in regressor order.</param>
/// <param name="Covariance">Cluster-robust covariance of b (row-major p×p) with the small-sample correction.</param>
/// <param name="FixedEffects">a_i per group: mean(y) − mean(x)·b.</param>
/// <param name="Residuals">Residuals u_it in input order.</param>
/// <param name="N">Observations.</param>
/// <param name="Groups">Number of groups (clusters).</param>
/// <param name="WithinRSquared">1 − SSR / Σ(y − ȳ_i)².</param>
/// <param name="ResidualSd">√(SSR / (N − G − p)): the residual standard deviation net of the fixed effects.</param>
public sealed record WithinFit(
    double[] Coefficients,
    double[] Covariance,
    IReadOnlyDictionary<string, double> FixedEffects,
    double[] Residuals,
    int N,
    int Groups,
    double WithinRSquared,
    double ResidualSd)
{
    /// <summary>Number of slope coefficients.</summary>
    public int P => Coefficients.Length;

    /// <summary>Cluster-robust standard error of coefficient <paramref name="k"/>.</summary>
    public double StdError(int k) => Math.Sqrt(Covariance[(k * P) + k]);

    /// <summary>Covariance of coefficients <paramref name="k"/> and <paramref name="l"/>.</summary>
    public double Cov(int k, int l) => Covariance[(k * P) + l];
}

/// <summary>
/// Fixed-effects (within) regression with standard errors clustered by group. The small-sample factor is
/// <c>G/(G−1) · (N−1)/(N−K)</c> with K = slopes + 1, as in Stata's <c>xtreg, fe vce(cluster)</c> (the fixed effects are
/// nested in the clusters, so they are not counted).
/// </summary>
public static class WithinRegression
{
    /// <summary>Fits <c>y = a_group + X·b</c>; <paramref name="x"/> is one row per observation.</summary>
    public static WithinFit Fit(IReadOnlyList<string> groups, IReadOnlyList<double> y, IReadOnlyList<double[]> x)
    {
        int n = y.Count;
        if (n == 0 || groups.Count != n || x.Count != n)
        {
            throw new ArgumentException("groups, y and x must have the same, non-zero length");
        }

        int p = x[0].Length;
        var index = groups.Distinct(StringComparer.Ordinal).Select((g, i) => (g, i)).ToDictionary(t => t.g, t => t.i, StringComparer.Ordinal);
        int gCount = index.Count;
        var count = new int[gCount];
        var meanY = new double[gCount];
        var meanX = new double[gCount, p];
        for (int r = 0; r < n; r++)
        {
            int g = index[groups[r]];
            count[g]++;
            meanY[g] += y[r];
            for (int k = 0; k < p; k++)
            {
                meanX[g, k] += x[r][k];
            }
        }

        for (int g = 0; g < gCount; g++)
        {
            meanY[g] /= count[g];
            for (int k = 0; k < p; k++)
            {
                meanX[g, k] /= count[g];
            }
        }

        var xd = Matrix<double>.Build.Dense(n, p);
        var yd = Vector<double>.Build.Dense(n);
        for (int r = 0; r < n; r++)
        {
            int g = index[groups[r]];
            yd[r] = y[r] - meanY[g];
            for (int k = 0; k < p; k++)
            {
                xd[r, k] = x[r][k] - meanX[g, k];
            }
        }

        if (n - gCount - p <= 0)
        {
            throw new InvalidOperationException($"too few observations ({n}) for {gCount} fixed effects and {p} slopes");
        }

        var xtx = xd.TransposeThisAndMultiply(xd);
        var xtxInv = xtx.Inverse();
        var b = xtxInv * xd.TransposeThisAndMultiply(yd);
        var u = yd - (xd * b);
        double ssr = u.DotProduct(u);
        double sst = yd.DotProduct(yd);

        var meat = Matrix<double>.Build.Dense(p, p);
        var score = new double[gCount, p];
        for (int r = 0; r < n; r++)
        {
            int g = index[groups[r]];
            for (int k = 0; k < p; k++)
            {
                score[g, k] += xd[r, k] * u[r];
            }
        }

        for (int g = 0; g < gCount; g++)
        {
            for (int k = 0; k < p; k++)
            {
                for (int l = 0; l < p; l++)
                {
                    meat[k, l] += score[g, k] * score[g, l];
                }
            }
        }

        double correction = gCount > 1 ? gCount / (gCount - 1.0) * ((n - 1.0) / (n - (p + 1.0))) : double.NaN;
        var v = xtxInv * meat * xtxInv * correction;
        var fe = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (g, i) in index)
        {
            double a = meanY[i];
            for (int k = 0; k < p; k++)
            {
                a -= meanX[i, k] * b[k];
            }

            fe[g] = a;
        }

        var cov = new double[p * p];
        for (int k = 0; k < p; k++)
        {
            for (int l = 0; l < p; l++)
            {
                cov[(k * p) + l] = v[k, l];
            }
        }

        return new WithinFit(b.ToArray(), cov, fe, u.ToArray(), n, gCount, sst > 0 ? 1 - (ssr / sst) : double.NaN, Math.Sqrt(ssr / (n - gCount - p)));
    }
}
