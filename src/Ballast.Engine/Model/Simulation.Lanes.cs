using System.Runtime.InteropServices;

namespace Ballast.Engine.Model;

// Lane helpers: raw loads and stores of a lane group (no bounds checks: every offset is a multiple of the vector width
// inside the buffer), broadcast constants, and the vector logistic and clamps the equations share.
public sealed partial class Simulation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double D(double[] a) => ref MemoryMarshal.GetArrayDataReference(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double D(ArraySegment<double> a) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a.Array!), a.Offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> L(ref double a, int offset) => Vector.LoadUnsafe(ref a, (nuint)(uint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void S(ref double a, int offset, Vector<double> v) => v.StoreUnsafe(ref a, (nuint)(uint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ulong> Keys(ulong[] keys, int r0) => Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(keys), (nuint)(uint)r0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Logistic(Vector<double> z) =>
        Vector<double>.One / (Vector<double>.One + LaneMath.Exp(-Vector.MinNative(Vector.MaxNative(z, new Vector<double>(-700)), new Vector<double>(700))));

    /// <summary>
    /// <see cref="LaneMath.Log"/> of every vector of <paramref name="v"/>[0, <paramref name="count"/>) in place: a loop of
    /// nothing else, so consecutive logarithms (independent) overlap in the processor.
    /// </summary>
    private static void LogInPlace(ref double v, int count)
    {
        for (int o = 0; o < count; o += W)
        {
            S(ref v, o, LaneMath.Log(L(ref v, o)));
        }
    }

    /// <summary><see cref="Logistic"/> of every vector of <paramref name="v"/>[0, <paramref name="count"/>) in place, like <see cref="LogInPlace"/>.</summary>
    private static void LogisticInPlace(ref double v, int count)
    {
        for (int o = 0; o < count; o += W)
        {
            S(ref v, o, Logistic(L(ref v, o)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Clamp01(Vector<double> v) => Vector.MinNative(Vector.MaxNative(v, Vector<double>.Zero), Vector<double>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> V(double s) => new(s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> AlignedOne(Vector<double> state) =>
        Vector.ConditionalSelect(Vector.Equals(state, Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero);

    /// <summary>e^x of each lane with <see cref="Math.Exp"/> (one call when the lanes agree): set-up values the scalar model computed so.</summary>
    private static Vector<double> ExpLanes(Vector<double> x)
    {
        double x0 = x[0];
        if (Vector.EqualsAll(x, new Vector<double>(x0)))
        {
            return new Vector<double>(Math.Exp(x0));
        }

        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (int l = 0; l < lanes.Length; l++)
        {
            lanes[l] = Math.Exp(x[l]);
        }

        return new Vector<double>(lanes);
    }

    private static Vector<double> Or(double v, Vector<double> fallback) => double.IsNaN(v) ? fallback : new Vector<double>(v);
}
