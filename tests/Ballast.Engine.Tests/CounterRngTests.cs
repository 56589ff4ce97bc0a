using System.Numerics;
using Ballast.Engine.Random;

namespace Ballast.Engine.Tests;

public class CounterRngTests
{
    [Fact]
    public void Vector_and_scalar_draws_are_bit_identical()
    {
        var keys = new ulong[Vector<ulong>.Count];
        for (int l = 0; l < keys.Length; l++)
        {
            keys[l] = CounterRng.RunKey(42, l);
        }

        var kv = new Vector<ulong>(keys);
        for (ulong c = 0; c < 100; c++)
        {
            var u = CounterRng.Uniform(kv, c);
            for (int l = 0; l < keys.Length; l++)
            {
                Assert.Equal(CounterRng.Uniform(keys[l], c), u[l]);
            }
        }
    }

    [Fact]
    public void Uniforms_and_normals_have_the_right_moments()
    {
        ulong key = CounterRng.RunKey(1, 2);
        const int n = 200_000;
        double su = 0, sz = 0, sz2 = 0;
        var bins = new int[10];
        for (int k = 0; k < n; k++)
        {
            double u = CounterRng.Uniform(key, (ulong)k);
            Assert.InRange(u, double.Epsilon, 1 - 1e-17);
            bins[(int)(u * 10)]++;
            su += u;
            double z = CounterRng.Normal(key, (ulong)(k + n));
            sz += z;
            sz2 += z * z;
        }

        Assert.InRange(su / n, 0.497, 0.503);
        Assert.InRange(sz / n, -0.01, 0.01);
        Assert.InRange(sz2 / n, 0.98, 1.02);
        double chi2 = bins.Sum(b => Math.Pow(b - (n / 10.0), 2) / (n / 10.0));
        Assert.True(chi2 < 27.9, $"chi-square {chi2} (9 df, p = 0.001)");
    }

    [Fact]
    public void Run_keys_differ_by_seed_and_run()
    {
        Assert.NotEqual(CounterRng.RunKey(1, 0), CounterRng.RunKey(1, 1));
        Assert.NotEqual(CounterRng.RunKey(1, 0), CounterRng.RunKey(2, 0));
        Assert.Equal(CounterRng.RunKey(7, 123), CounterRng.RunKey(7, 123));
    }
}
