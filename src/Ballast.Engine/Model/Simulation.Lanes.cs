using System.Runtime.InteropServices;
using Ballast.Engine.Memory;

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
        Vector<double>.One / (Vector<double>.One + LaneMath.ExpInRange(-Vector.MinNative(Vector.MaxNative(z, new Vector<double>(-700)), new Vector<double>(700))));

    /// <summary>
    /// <typeparamref name="TFunction"/> of every vector of <paramref name="v"/>[0, <paramref name="count"/>) in place: a loop
    /// of nothing else, so consecutive calls (independent) overlap in the processor.
    /// </summary>
    private static void InPlace<TFunction>(ref double v, int count)
        where TFunction : struct, ILaneFunction
    {
        for (int o = 0; o < count; o += W)
        {
            S(ref v, o, TFunction.Of(L(ref v, o)));
        }
    }

    /// <summary>A lane-wise function the batched passes apply in place (<see cref="InPlace{TFunction}"/>, <see cref="MemoInPlace{TFunction}"/>).</summary>
    private interface ILaneFunction
    {
        static abstract Vector<double> Of(Vector<double> x);
    }

    /// <summary>
    /// <typeparamref name="TFunction"/> of every vector of <paramref name="v"/>[0, <paramref name="count"/>) in place, each
    /// looked up first in <paramref name="memo"/>, which holds for every position the last argument seen there and its
    /// result ([2·o] and [2·o + W]): an argument whose bits equal the remembered one takes the remembered result, the bits
    /// the function gives. Where the argument does not vary by run (beliefs and credibility targets while no threat is
    /// executed, in a block without uncertain parameters), the next lane groups and often the next years find it.
    /// </summary>
    /// <returns>How many vectors found their argument in the memo.</returns>
    private static int MemoInPlace<TFunction>(ref double v, int count, ref double memo)
        where TFunction : struct, ILaneFunction
    {
        int hits = 0;
        for (int o = 0; o < count; o += W)
        {
            var x = L(ref v, o);
            if (Vector.EqualsAll(Vector.AsVectorInt64(x), Vector.AsVectorInt64(L(ref memo, 2 * o))))
            {
                S(ref v, o, L(ref memo, (2 * o) + W));
                hits++;
                continue;
            }

            var y = TFunction.Of(x);
            S(ref memo, 2 * o, x);
            S(ref memo, (2 * o) + W, y);
            S(ref v, o, y);
        }

        return hits;
    }

    /// <summary>
    /// <typeparamref name="TFunction"/> of every vector of <paramref name="v"/>[0, <paramref name="count"/>) in place: through
    /// the memo while it pays, else a plain loop (the same bits either way). Runs whose arguments vary by lane (designed or
    /// drawn parameters, as in <c>explore</c>) rarely hit, and there the compare, the branch and the memo's stores cost
    /// about 7 % of the kernel; so a block whose previous year found fewer than half its vectors in the memo stops asking it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Batched<TFunction>(ref double v, int count, ref double memo)
        where TFunction : struct, ILaneFunction
    {
        if (Now.MemoOn)
        {
            Now.MemoHits += MemoInPlace<TFunction>(ref v, count, ref memo);
            Now.MemoVectors += count / W;
            return;
        }

        InPlace<TFunction>(ref v, count);
    }

    /// <summary>At the end of a year: keep the memo on for the next year only if at least half of this year's lookups hit.</summary>
    private void JudgeMemo()
    {
        Now.MemoOn &= 2 * Now.MemoHits >= Now.MemoVectors;
        Now.MemoHits = 0;
        Now.MemoVectors = 0;
    }

    /// <summary>The logistic memo of pass <paramref name="pass"/> (0 beliefs, 1 duplication, 2 credibility, 3 hedging).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref double MemoOf(int pass) => ref Unsafe.Add(ref D(_logisticMemo), pass * _allies.Length * 2 * W);

    /// <summary>
    /// A memo for the batched functions of <paramref name="passes"/> passes of up to <paramref name="slots"/> vectors each
    /// (<see cref="MemoInPlace{TFunction}"/>), every entry starting as (x, f(x)) for a valid x.
    /// </summary>
    private static ArraySegment<double> Memo(int passes, int slots, double x, double fx)
    {
        var memo = CacheLines.Allocate<double>(passes * slots * 2 * W);
        for (int o = 0; o < memo.Count; o += 2 * W)
        {
            memo.AsSpan(o, W).Fill(x);
            memo.AsSpan(o + W, W).Fill(fx);
        }

        return memo;
    }

    /// <summary>
    /// max(0, x) with the bits of the IEEE maximum (Vector.Max) for every x an operation
    /// can produce, in two instructions instead of three: the native maximum returns its second operand when x is NaN or a
    /// zero, and adding +0 turns −0 into +0 (it would quiet a signalling NaN, which arithmetic never yields).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Positive(Vector<double> x) => Vector.MaxNative(Vector<double>.Zero, x) + Vector<double>.Zero;

    /// <summary>
    /// max(x, floor) for a positive constant floor, with the IEEE maximum's bits for every x an operation can produce: the
    /// native maximum returns its second operand, x, when x is NaN, and equal operands are the same number.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> AtLeast(Vector<double> x, Vector<double> floor) => Vector.MaxNative(floor, x);

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

    /// <summary>The logistic, for <see cref="InPlace{TFunction}"/> and <see cref="MemoInPlace{TFunction}"/>.</summary>
    private readonly struct LogisticOf : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> Of(Vector<double> x) => Logistic(x);
    }

    /// <summary>The exponential, for <see cref="InPlace{TFunction}"/>.</summary>
    private readonly struct ExpOf : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> Of(Vector<double> x) => LaneMath.Exp(x);
    }

    /// <summary>The natural logarithm, for <see cref="InPlace{TFunction}"/> and <see cref="MemoInPlace{TFunction}"/>.</summary>
    private readonly struct LogOf : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> Of(Vector<double> x) => LaneMath.Log(x);
    }
}
