using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Ballast.Core.Model;
using Ballast.Engine.Model;
using Ballast.Engine.Random;

namespace Ballast.Bench;

/// <summary>`--lanemath`: nanoseconds per vector call of the model's exp/log/normal against the runtime's and Box–Muller (best of 5).</summary>
internal static class LaneMathQuick
{
    public static int Run(int n)
    {
        Console.WriteLine($"Vector<double>.Count {Vector<double>.Count}, FMA {System.Runtime.Intrinsics.X86.Fma.IsSupported}, AVX2 {System.Runtime.Intrinsics.X86.Avx2.IsSupported}");
        var x = new Vector<double>(0.3);
        var keys = new Vector<ulong>(12345);
        Time("LaneMath.Exp", n, () => Loop(n, x, LaneMath.Exp));
        Time("Vector.Exp", n, () => Loop(n, x, Vector.Exp));
        Time("LaneMath.Log", n, () => Loop(n, x + Vector<double>.One, LaneMath.Log));
        Time("Vector.Log", n, () => Loop(n, x + Vector<double>.One, Vector.Log));
        Time("CounterRng.Normal (AS241)", n, () =>
        {
            var s = Vector<double>.Zero;
            for (int i = 0; i < n; i++)
            {
                s += CounterRng.Normal(keys, (ulong)i);
            }

            return s[0];
        });
        Time("Box–Muller (log+sincos)", n, () =>
        {
            var s = Vector<double>.Zero;
            for (int i = 0; i < n; i++)
            {
                var u1 = CounterRng.Uniform(keys, (ulong)i);
                var u2 = CounterRng.Uniform(keys, (ulong)(uint)i | CounterRng.NormalTag);
                var (_, cos) = Vector.SinCos(u2 * new Vector<double>(2 * Math.PI));
                s += Vector.SquareRoot(new Vector<double>(-2) * Vector.Log(u1)) * cos;
            }

            return s[0];
        });
        return 0;
    }

    // Independent calls (the argument does not depend on the previous result), so this measures throughput.
    private static double Loop(int n, Vector<double> x, Func<Vector<double>, Vector<double>> f)
    {
        var s = Vector<double>.Zero;
        var step = new Vector<double>(1e-7);
        for (int i = 0; i < n; i++)
        {
            s += f(x);
            x += step;
        }

        return s[0];
    }

    private static void Time(string name, int n, Func<double> body)
    {
        double best = double.MaxValue, check = 0;
        for (int k = 0; k < 5; k++)
        {
            var sw = Stopwatch.StartNew();
            check = body();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28} {best / n * 1e9,6:F2} ns per {Vector<double>.Count}-lane call [{check:G6}]"));
    }
}
