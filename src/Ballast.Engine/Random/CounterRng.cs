namespace Ballast.Engine.Random;

/// <summary>
/// Counter-based random numbers: a SplitMix64 stream per run, addressed by counter. The value at
/// (key, counter) is <c>mix(key + (counter + 1)·γ)</c> with SplitMix64's golden gamma and finaliser, so any draw of any run
/// can be computed independently of every other draw: results do not depend on thread count, block partition or order.
/// Keys are derived from (master seed, run index). Scalar and vector forms give identical bits.
/// </summary>
public static class CounterRng
{
    /// <summary>SplitMix64 increment (golden ratio).</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private const ulong M1 = 0xBF58476D1CE4E5B9UL;
    private const ulong M2 = 0x94D049BB133111EBUL;
    private const double TwoPow53Inv = 1.0 / 9007199254740992.0;

    /// <summary>SplitMix64 finaliser (a bijective 64-bit mixer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * M1;
        z = (z ^ (z >> 27)) * M2;
        return z ^ (z >> 31);
    }

    /// <summary>The stream key of a run: depends only on the master seed and the run index.</summary>
    public static ulong RunKey(ulong seed, long runIndex) => Mix(Mix(seed ^ 0x6A09E667F3BCC909UL) + Mix((ulong)runIndex + 0x3C6EF372FE94F82BUL));

    /// <summary>The raw 64-bit value at a counter of a stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(ulong key, ulong counter) => Mix(key + ((counter + 1) * Gamma));

    /// <summary>A uniform in the open interval (0,1) at a counter of a stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong key, ulong counter) => ((Bits(key, counter) >> 11) + 0.5) * TwoPow53Inv;

    /// <summary>
    /// Bit that set aside the second uniform of a Box–Muller normal in earlier versions. Normals now use one uniform
    /// (the inverse CDF), so counters with this bit are not drawn; it stays reserved so old and new counter spaces never overlap.
    /// </summary>
    public const ulong NormalTag = 1UL << 63;

    /// <summary>
    /// A standard normal Φ⁻¹(u) of the uniform at <paramref name="counter"/> (<see cref="LaneMath.NormalQuantile"/>,
    /// Wichura's AS241); identical bits to a lane of the vector form. A counter is used either for a uniform or for a normal, never both.
    /// </summary>
    public static double Normal(ulong key, ulong counter) => LaneMath.NormalQuantile(new Vector<double>(Uniform(key, counter)))[0];

    /// <summary>Lane-wise raw values at one counter for a vector of stream keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<ulong> Bits(Vector<ulong> keys, ulong counter)
    {
        var z = keys + new Vector<ulong>((counter + 1) * Gamma);
        z = (z ^ (z >>> 30)) * new Vector<ulong>(M1);
        z = (z ^ (z >>> 27)) * new Vector<ulong>(M2);
        return z ^ (z >>> 31);
    }

    /// <summary>Lane-wise uniforms in (0,1); identical bits to the scalar <see cref="Uniform(ulong, ulong)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Uniform(Vector<ulong> keys, ulong counter) =>
        (Vector.ConvertToDouble(Bits(keys, counter) >>> 11) + new Vector<double>(0.5)) * new Vector<double>(TwoPow53Inv);

    /// <summary>Lane-wise standard normals (inverse CDF of one uniform); same counters and bits as the scalar <see cref="Normal(ulong, ulong)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Normal(Vector<ulong> keys, ulong counter) => LaneMath.NormalQuantile(Uniform(keys, counter));
}
