using Ballast.Core.Analytics;

namespace Ballast.Exploration.Sensitivity;

/// <summary>Small numerical helpers shared by the analyses.</summary>
internal static class Statistics
{
    /// <summary>The standard normal quantile (Acklam's rational approximation; relative error below 1.15e-9).</summary>
    public static double NormalQuantile(double p)
    {
        if (p <= 0 || p >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p));
        }

        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        double x;
        if (p < 0.02425)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((((c[0] * q) + c[1]) * q) + c[2]) * q) + c[3]) * q + c[4]) * q + c[5];
            x /= ((((((d[0] * q) + d[1]) * q) + d[2]) * q) + d[3]) * q + 1;
        }
        else if (p > 1 - 0.02425)
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -((((((((c[0] * q) + c[1]) * q) + c[2]) * q) + c[3]) * q + c[4]) * q + c[5]);
            x /= ((((((d[0] * q) + d[1]) * q) + d[2]) * q) + d[3]) * q + 1;
        }
        else
        {
            double q = p - 0.5;
            double r = q * q;
            x = ((((((((a[0] * r) + a[1]) * r) + a[2]) * r) + a[3]) * r + a[4]) * r + a[5]) * q;
            x /= (((((((b[0] * r) + b[1]) * r) + b[2]) * r) + b[3]) * r + b[4]) * r + 1;
        }

        return x;
    }

    /// <summary>Sample standard deviation (ddof = 1) of a span.</summary>
    public static double StdDev(ReadOnlySpan<double> x)
    {
        if (x.Length < 2)
        {
            return double.NaN;
        }

        double mean = 0;
        foreach (var v in x)
        {
            mean += v;
        }

        mean /= x.Length;
        double ss = 0;
        foreach (var v in x)
        {
            ss += (v - mean) * (v - mean);
        }

        return Math.Sqrt(ss / (x.Length - 1));
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, p): the one-sided upper tail, summed in log space from k upwards.</summary>
    public static double BinomialUpperTail(int k, int n, double p)
    {
        if (k <= 0)
        {
            return 1;
        }

        if (k > n || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return 1;
        }

        double logPmf = SpecialFunctions.LogGamma(n + 1) - SpecialFunctions.LogGamma(k + 1) - SpecialFunctions.LogGamma(n - k + 1) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));
        double ratio = p / (1 - p);
        double sum = 0;
        double term = Math.Exp(logPmf);
        for (int i = k; i <= n; i++)
        {
            sum += term;
            if (term < sum * 1e-17 && i > n * p)
            {
                break;
            }

            term *= (n - i) / (double)(i + 1) * ratio;
        }

        return Math.Min(1, sum);
    }
}
