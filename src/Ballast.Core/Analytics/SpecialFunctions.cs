namespace Ballast.Core.Analytics;

/// <summary>
/// Special functions behind the distributions Ballast needs (log-gamma, regularized incomplete beta and gamma,
/// the complementary error function). Implemented here so the model core stays dependency-free; accuracy is
/// close to double precision (continued fractions iterated to a relative change below 1e-15).
/// </summary>
public static class SpecialFunctions
{
    private const double Epsilon = 1e-15;
    private const double TinyNumber = 1e-300;
    private const int MaxIterations = 1000;

    // Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients); relative error about 1e-15.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>The natural logarithm of the gamma function, ln Γ(x), for x &gt; 0.</summary>
    /// <param name="x">Argument, greater than zero.</param>
    /// <returns>ln Γ(x).</returns>
    public static double LogGamma(double x)
    {
        if (x <= 0 || double.IsNaN(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma needs x > 0.");
        }

        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var a = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < Lanczos.Length; i++)
        {
            a += Lanczos[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    /// <summary>The regularized incomplete beta function I_x(a, b), for a, b &gt; 0 and 0 ≤ x ≤ 1.</summary>
    /// <param name="a">First shape parameter, greater than zero.</param>
    /// <param name="b">Second shape parameter, greater than zero.</param>
    /// <param name="x">Upper limit of integration, in [0, 1].</param>
    /// <returns>I_x(a, b), between 0 and 1.</returns>
    public static double RegularizedBeta(double a, double b, double x)
    {
        if (a <= 0 || b <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), "RegularizedBeta needs a > 0 and b > 0.");
        }

        if (x < 0 || x > 1 || double.IsNaN(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "RegularizedBeta needs 0 ≤ x ≤ 1.");
        }

        if (x == 0 || x == 1)
        {
            return x;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));

        // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) otherwise.
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(a, b, x) / a
            : 1 - (front * BetaContinuedFraction(b, a, 1 - x) / b);
    }

    /// <summary>The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), for a &gt; 0 and x ≥ 0.</summary>
    /// <param name="a">Shape, greater than zero.</param>
    /// <param name="x">Upper limit, zero or more.</param>
    /// <returns>P(a, x), between 0 and 1.</returns>
    public static double RegularizedGammaP(double a, double x) => 1 - RegularizedGammaQ(a, x);

    /// <summary>The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a), for a &gt; 0 and x ≥ 0.</summary>
    /// <param name="a">Shape, greater than zero.</param>
    /// <param name="x">Lower limit, zero or more.</param>
    /// <returns>Q(a, x), between 0 and 1 (computed directly, so small tails keep their relative accuracy).</returns>
    public static double RegularizedGammaQ(double a, double x)
    {
        if (a <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, "RegularizedGammaQ needs a > 0.");
        }

        if (x < 0 || double.IsNaN(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "RegularizedGammaQ needs x ≥ 0.");
        }

        if (x == 0)
        {
            return 1;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0;
        }

        var logFront = (a * Math.Log(x)) - x - LogGamma(a);
        if (x < a + 1)
        {
            // Series for P.
            var ap = a;
            var sum = 1 / a;
            var del = sum;
            for (var n = 0; n < MaxIterations; n++)
            {
                ap += 1;
                del *= x / ap;
                sum += del;
                if (Math.Abs(del) < Math.Abs(sum) * Epsilon)
                {
                    break;
                }
            }

            return 1 - (sum * Math.Exp(logFront));
        }

        // Continued fraction for Q (modified Lentz).
        var bb = x + 1 - a;
        var c = 1 / TinyNumber;
        var d = 1 / bb;
        var h = d;
        for (var i = 1; i <= MaxIterations; i++)
        {
            var an = -i * (i - a);
            bb += 2;
            d = (an * d) + bb;
            if (Math.Abs(d) < TinyNumber)
            {
                d = TinyNumber;
            }

            c = bb + (an / c);
            if (Math.Abs(c) < TinyNumber)
            {
                c = TinyNumber;
            }

            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return Math.Exp(logFront) * h;
    }

    /// <summary>The complementary error function erfc(x) = 1 − erf(x), accurate in both tails.</summary>
    /// <param name="x">Any real number.</param>
    /// <returns>erfc(x), between 0 and 2.</returns>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        // erfc(x) = Q(1/2, x²) for x ≥ 0; erfc(−x) = 2 − erfc(x).
        var q = RegularizedGammaQ(0.5, x * x);
        return x >= 0 ? q : 2 - q;
    }

    /// <summary>The error function erf(x).</summary>
    /// <param name="x">Any real number.</param>
    /// <returns>erf(x), between −1 and 1.</returns>
    public static double Erf(double x) => 1 - Erfc(x);

    // Continued fraction for the incomplete beta (modified Lentz), as in Numerical Recipes §6.4.
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - (qab * x / qap);
        if (Math.Abs(d) < TinyNumber)
        {
            d = TinyNumber;
        }

        d = 1 / d;
        var h = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < TinyNumber ? TinyNumber : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < TinyNumber ? TinyNumber : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < TinyNumber ? TinyNumber : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < TinyNumber ? TinyNumber : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return h;
    }
}
