namespace Ballast.Core.Scenarios;

/// <summary>
/// A probability distribution of an uncertain parameter. Sampling goes through <see cref="Quantile"/> so that the
/// caller owns the random stream (pass a uniform draw, or a Latin-hypercube stratum).
/// </summary>
public abstract record Distribution
{
    /// <summary>The distribution's name as written in scenario files (uniform, normal, triangular, lognormal).</summary>
    public abstract string Kind { get; }

    /// <summary>The mean.</summary>
    public abstract double Mean { get; }

    /// <summary>The inverse cumulative distribution function at <paramref name="p"/> in (0, 1).</summary>
    public abstract double Quantile(double p);
}

/// <summary>Uniform on [<paramref name="Min"/>, <paramref name="Max"/>].</summary>
/// <param name="Min">Lower bound.</param>
/// <param name="Max">Upper bound (&gt; <paramref name="Min"/>).</param>
public sealed record UniformDistribution(double Min, double Max) : Distribution
{
    /// <inheritdoc/>
    public override string Kind => "uniform";

    /// <inheritdoc/>
    public override double Mean => (Min + Max) / 2;

    /// <inheritdoc/>
    public override double Quantile(double p) => Min + (p * (Max - Min));
}

/// <summary>Normal with mean <paramref name="Mu"/> and standard deviation <paramref name="Sd"/>.</summary>
/// <param name="Mu">Mean.</param>
/// <param name="Sd">Standard deviation (&gt; 0).</param>
public sealed record NormalDistribution(double Mu, double Sd) : Distribution
{
    /// <inheritdoc/>
    public override string Kind => "normal";

    /// <inheritdoc/>
    public override double Mean => Mu;

    /// <inheritdoc/>
    public override double Quantile(double p) => Mu + (Sd * StandardNormal.Quantile(p));
}

/// <summary>Triangular on [<paramref name="Min"/>, <paramref name="Max"/>] with mode <paramref name="Mode"/>.</summary>
/// <param name="Min">Lower bound.</param>
/// <param name="Mode">Mode, in [<paramref name="Min"/>, <paramref name="Max"/>].</param>
/// <param name="Max">Upper bound (&gt; <paramref name="Min"/>).</param>
public sealed record TriangularDistribution(double Min, double Mode, double Max) : Distribution
{
    /// <inheritdoc/>
    public override string Kind => "triangular";

    /// <inheritdoc/>
    public override double Mean => (Min + Mode + Max) / 3;

    /// <inheritdoc/>
    public override double Quantile(double p)
    {
        var f = (Mode - Min) / (Max - Min);
        return p < f
            ? Min + Math.Sqrt(p * (Max - Min) * (Mode - Min))
            : Max - Math.Sqrt((1 - p) * (Max - Min) * (Max - Mode));
    }
}

/// <summary>Log-normal: the logarithm is normal with mean <paramref name="Mu"/> and standard deviation <paramref name="Sigma"/>.</summary>
/// <param name="Mu">Mean of the logarithm.</param>
/// <param name="Sigma">Standard deviation of the logarithm (&gt; 0).</param>
public sealed record LogNormalDistribution(double Mu, double Sigma) : Distribution
{
    /// <inheritdoc/>
    public override string Kind => "lognormal";

    /// <inheritdoc/>
    public override double Mean => Math.Exp(Mu + (Sigma * Sigma / 2));

    /// <inheritdoc/>
    public override double Quantile(double p) => Math.Exp(Mu + (Sigma * StandardNormal.Quantile(p)));
}

/// <summary>The standard normal inverse CDF (Acklam's rational approximation, relative error below 1.2e-9).</summary>
public static class StandardNormal
{
    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    /// <summary>The z with Φ(z) = p, for p in (0, 1); ±∞ at the ends.</summary>
    public static double Quantile(double p)
    {
        if (p <= 0)
        {
            return double.NegativeInfinity;
        }

        if (p >= 1)
        {
            return double.PositiveInfinity;
        }

        const double low = 0.02425;
        double x;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((((C[0] * q) + C[1]) * q) + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((((D[0] * q) + D[1]) * q) + D[2]) * q + D[3]) * q + 1);
        }
        else if (p <= 1 - low)
        {
            var q = p - 0.5;
            var r = q * q;
            x = (((((((A[0] * r) + A[1]) * r) + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q / (((((((B[0] * r) + B[1]) * r) + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        }
        else
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((((C[0] * q) + C[1]) * q) + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((((D[0] * q) + D[1]) * q) + D[2]) * q + D[3]) * q + 1);
        }

        return x;
    }
}
