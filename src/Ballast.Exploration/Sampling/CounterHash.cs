using Ballast.Engine.Random;

namespace Ballast.Exploration.Sampling;

/// <summary>
/// Counter-based randomness for designs: every random number is a pure function of (seed, stream, counter), so a
/// design is identical whatever the thread count or the order in which its rows are produced. The mixer is
/// SplitMix64's (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators"), the model's own
/// <see cref="CounterRng"/>: one step of its state (add the golden gamma) then its finaliser.
/// </summary>
public static class CounterHash
{
    private const ulong Golden = CounterRng.Gamma;

    /// <summary>SplitMix64's output function: a bijective 64-bit mixer of <paramref name="z"/> + γ.</summary>
    public static ulong Mix(ulong z) => CounterRng.Mix(z + Golden);

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
