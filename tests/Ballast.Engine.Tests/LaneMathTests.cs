using System.Numerics;
using Ballast.Core.Model;
using Ballast.Engine.Random;

namespace Ballast.Engine.Tests;

public class LaneMathTests
{
    private static double Lane(Func<Vector<double>, Vector<double>> f, double x) => f(new Vector<double>(x))[0];

    private static double RelativeError(double got, double want) => want == 0 ? Math.Abs(got) : Math.Abs((got - want) / want);

    [Fact]
    public void Exp_is_within_1e_14_of_Math_Exp_over_the_whole_normal_range()
    {
        var rng = new System.Random(11);
        double worst = 0;
        for (int k = 0; k < 200_000; k++)
        {
            // Half the points span the full range, half the [-5, 5] band the model mostly uses.
            double x = k % 2 == 0 ? (rng.NextDouble() * 1416) - 708 : (rng.NextDouble() * 10) - 5;
            worst = Math.Max(worst, RelativeError(Lane(LaneMath.Exp, x), Math.Exp(x)));
        }

        Assert.True(worst <= 1e-14, $"worst relative error {worst:E3}");
        Assert.Equal(1.0, Lane(LaneMath.Exp, 0));
    }

    [Fact]
    public void Exp_handles_the_edges_of_the_range()
    {
        Assert.Equal(double.PositiveInfinity, Lane(LaneMath.Exp, 710));
        Assert.Equal(double.PositiveInfinity, Lane(LaneMath.Exp, double.PositiveInfinity));
        Assert.Equal(0.0, Lane(LaneMath.Exp, -746));
        Assert.Equal(0.0, Lane(LaneMath.Exp, double.NegativeInfinity));
        Assert.True(double.IsNaN(Lane(LaneMath.Exp, double.NaN)));
        Assert.True(RelativeError(Lane(LaneMath.Exp, 709.7), Math.Exp(709.7)) <= 1e-14);
        Assert.True(RelativeError(Lane(LaneMath.Exp, -708.3), Math.Exp(-708.3)) <= 1e-14);
        Assert.True(RelativeError(Lane(LaneMath.Exp, -740), Math.Exp(-740)) <= 1e-3); // subnormal: 2^-1074 resolution

        // A lane outside ±708 must not change the other lanes' values.
        var xs = new double[Vector<double>.Count];
        for (int l = 0; l < xs.Length; l++)
        {
            xs[l] = l == 0 ? 800 : l - 1.5;
        }

        var e = LaneMath.Exp(new Vector<double>(xs));
        for (int l = 1; l < xs.Length; l++)
        {
            Assert.Equal(Lane(LaneMath.Exp, xs[l]), e[l]);
        }
    }

    [Fact]
    public void Log_is_within_1e_14_of_Math_Log_including_near_one()
    {
        var rng = new System.Random(12);
        double worst = 0;
        for (int k = 0; k < 200_000; k++)
        {
            double x = (k % 3) switch
            {
                0 => Math.Exp((rng.NextDouble() * 1400) - 700),
                1 => rng.NextDouble() * 4,
                _ => 1 + ((rng.NextDouble() - 0.5) * Math.Pow(10, -rng.Next(1, 12))),
            };
            worst = Math.Max(worst, RelativeError(Lane(LaneMath.Log, x), Math.Log(x)));
        }

        Assert.True(worst <= 1e-14, $"worst relative error {worst:E3}");
        Assert.Equal(0.0, Lane(LaneMath.Log, 1));
    }

    [Fact]
    public void Log_handles_zero_negatives_infinity_nan_and_subnormals()
    {
        Assert.Equal(double.NegativeInfinity, Lane(LaneMath.Log, 0));
        Assert.True(double.IsNaN(Lane(LaneMath.Log, -1)));
        Assert.True(double.IsNaN(Lane(LaneMath.Log, double.NaN)));
        Assert.Equal(double.PositiveInfinity, Lane(LaneMath.Log, double.PositiveInfinity));
        Assert.True(RelativeError(Lane(LaneMath.Log, double.Epsilon), Math.Log(double.Epsilon)) <= 1e-14);
        Assert.True(RelativeError(Lane(LaneMath.Log, 1e-310), Math.Log(1e-310)) <= 1e-14);
        Assert.True(RelativeError(Lane(LaneMath.Log, double.MaxValue), Math.Log(double.MaxValue)) <= 1e-14);
    }

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.8413447460685429, 1.0)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.9999, 3.719016485455709)]
    [InlineData(0.05, -1.644853626951472)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(1e-20, -9.262340089798408)]
    public void Normal_quantile_matches_published_values(double p, double z) =>
        Assert.True(RelativeError(Lane(LaneMath.NormalQuantile, p), z) <= 1e-12, $"Φ⁻¹({p}) = {Lane(LaneMath.NormalQuantile, p):R}, expected {z:R}");

    [Fact]
    public void Normal_quantile_matches_scalar_AS241_and_is_antisymmetric()
    {
        var rng = new System.Random(13);
        for (int k = 0; k < 100_000; k++)
        {
            // Uniforms on the same grid as CounterRng, including deep tails.
            double p = k % 4 == 0 ? (Math.Floor(Math.Pow(2, -rng.Next(1, 53)) * 9007199254740992.0 * rng.NextDouble()) + 0.5) / 9007199254740992.0
                : (Math.Floor(rng.NextDouble() * 9007199254740992.0) + 0.5) / 9007199254740992.0;
            double got = Lane(LaneMath.NormalQuantile, p);
            Assert.True(RelativeError(got, ScalarAs241(p)) <= 1e-14, $"p = {p:R}: {got:R} vs {ScalarAs241(p):R}");
            if (1 - (1 - p) == p)
            {
                Assert.Equal(-got, Lane(LaneMath.NormalQuantile, 1 - p));
            }
        }
    }

    [Fact]
    public void Normals_have_standard_moments_and_tail_frequencies()
    {
        ulong key = CounterRng.RunKey(5, 9);
        const int n = 400_000;
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        int below196 = 0, above309 = 0;
        for (int k = 0; k < n; k++)
        {
            double z = CounterRng.Normal(key, (ulong)k);
            s1 += z;
            s2 += z * z;
            s3 += z * z * z;
            s4 += z * z * z * z;
            below196 += z < -1.959963984540054 ? 1 : 0;
            above309 += z > 3.090232306167813 ? 1 : 0;
        }

        // Tolerances are about 4 standard errors of each statistic for n = 400,000.
        Assert.InRange(s1 / n, -0.0065, 0.0065);
        Assert.InRange(s2 / n, 0.991, 1.009);
        Assert.InRange(s3 / n, -0.016, 0.016);
        Assert.InRange(s4 / n, 2.95, 3.05);
        Assert.InRange(below196 / (double)n, 0.025 - 0.001, 0.025 + 0.001);
        Assert.InRange(above309 / (double)n, 0.001 - 0.0002, 0.001 + 0.0002);
    }

    [Fact]
    public void Vector_and_scalar_normals_are_bit_identical()
    {
        var keys = new ulong[Vector<ulong>.Count];
        for (int l = 0; l < keys.Length; l++)
        {
            keys[l] = CounterRng.RunKey(42, l);
        }

        var kv = new Vector<ulong>(keys);
        for (ulong c = 0; c < 2000; c++)
        {
            var z = CounterRng.Normal(kv, c);
            for (int l = 0; l < keys.Length; l++)
            {
                Assert.Equal(CounterRng.Normal(keys[l], c), z[l]);
            }
        }
    }

    private static readonly double[] A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
    private static readonly double[] B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
    private static readonly double[] C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
    private static readonly double[] D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
    private static readonly double[] E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
    private static readonly double[] F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

    private static double Horner(double[] c, double r)
    {
        double v = c[^1];
        for (int k = c.Length - 2; k >= 0; k--)
        {
            v = (v * r) + c[k];
        }

        return v;
    }

    /// <summary>AS241 PPND16 transcribed in scalar code with Math.Log and Math.Sqrt (Wichura 1988, coefficients as printed).</summary>
    private static double ScalarAs241(double p)
    {
        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - (q * q);
            return q * Horner(A, r) / Horner(B, r);
        }

        double rr = Math.Sqrt(-Math.Log(q < 0 ? p : 1 - p));
        double x = rr <= 5 ? Horner(C, rr - 1.6) / Horner(D, rr - 1.6) : Horner(E, rr - 5) / Horner(F, rr - 5);
        return q < 0 ? -x : x;
    }
}
