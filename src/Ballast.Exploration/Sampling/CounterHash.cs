namespace Ballast.Exploration.Sampling;

/// <summary>
/// Counter-based randomness for designs: every random number is a pure function of (seed, stream, counter), so a
/// design is identical whatever the thread count or the order in which its rows are produced. The mixer is
/// SplitMix64's finaliser (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators").
/// </summary>
public static class CounterHash
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>SplitMix64's output function: a bijective 64-bit mixer.</summary>
    public static ulong Mix(ulong z)
    {
        z += Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>64 random bits for (seed, stream, counter).</summary>
    public static ulong Bits(ulong seed, ulong stream, ulong counter) => Mix(Mix(Mix(seed) ^ stream) ^ (counter * Golden));

    /// <summary>A uniform number strictly inside (0, 1) with 53 random bits.</summary>
    public static double Uniform(ulong bits) => ((bits >> 11) + 0.5) * (1.0 / 9007199254740992.0);

    /// <summary>A uniform number in (0, 1) for (seed, stream, counter).</summary>
    public static double Uniform(ulong seed, ulong stream, ulong counter) => Uniform(Bits(seed, stream, counter));

    /// <summary>An unbiased integer in [0, <paramref name="n"/>) (Lemire's multiply-shift with rejection).</summary>
    public static int Below(int n, ulong seed, ulong stream, ref ulong counter)
    {
        ulong bound = (ulong)n;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong x = Bits(seed, stream, counter++);
            UInt128 m = (UInt128)x * bound;
            if ((ulong)m >= threshold)
            {
                return (int)(ulong)(m >> 64);
            }
        }
    }
}
