namespace Ballast.Exploration.Sampling;

/// <summary>
/// The Sobol low-discrepancy sequence in base 2 with 32-bit digits (Sobol 1967; Bratley and Fox 1988, Algorithm 659),
/// direction numbers from Joe and Kuo's <c>new-joe-kuo-6.21201</c> (see <see cref="JoeKuoDirections"/>), points in
/// Gray-code order (Antonov and Saleev 1979). Optionally randomised by an Owen-type nested uniform scramble
/// (Owen 1995, "Randomly permuted (t,m,s)-nets and (t,s)-sequences"): for every digit, whether it is flipped is a
/// fair coin drawn from a SplitMix64 hash of (seed, dimension, the digits above it), so points that share their
/// leading digits share their flips — the nested property — and the scrambled set remains a (t, m, s)-net.
/// Digits below 2^-32 are filled with hashed uniform noise, so every scrambled coordinate lies strictly inside (0, 1).
/// </summary>
public sealed class SobolSequence
{
    private const int Bits = 32;
    private readonly uint[][] _directions;

    /// <summary>Prepares the direction numbers of the first <paramref name="dimensions"/> dimensions (at most 64).</summary>
    public SobolSequence(int dimensions)
    {
        if (dimensions < 1 || dimensions > JoeKuoDirections.MaxDimension)
        {
            throw new BallastInputException(
                $"a Sobol sequence has 1 to {JoeKuoDirections.MaxDimension} dimensions here (direction numbers entered for d ≤ {JoeKuoDirections.MaxDimension}); {dimensions} requested",
                field: "dimensions", value: dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Dimensions = dimensions;
        _directions = new uint[dimensions][];
        for (int d = 0; d < dimensions; d++)
        {
            _directions[d] = Directions(d);
        }
    }

    /// <summary>Number of dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>The 32 direction numbers v_1..v_32 (as 32-bit fractions) of a 0-based dimension.</summary>
    internal static uint[] Directions(int dimension)
    {
        var v = new uint[Bits];
        if (dimension == 0)
        {
            for (int i = 0; i < Bits; i++)
            {
                v[i] = 1u << (Bits - 1 - i);
            }

            return v;
        }

        var row = JoeKuoDirections.Rows[dimension - 1];
        int s = row[1];
        int a = row[2];
        for (int i = 0; i < Math.Min(s, Bits); i++)
        {
            v[i] = (uint)row[3 + i] << (Bits - 1 - i);
        }

        // Bratley–Fox recurrence: v_i = a_1 v_{i-1} ⊕ … ⊕ a_{s-1} v_{i-s+1} ⊕ v_{i-s} ⊕ (v_{i-s} >> s).
        for (int i = s; i < Bits; i++)
        {
            uint x = v[i - s] ^ (v[i - s] >> s);
            for (int k = 1; k < s; k++)
            {
                if (((a >> (s - 1 - k)) & 1) != 0)
                {
                    x ^= v[i - k];
                }
            }

            v[i] = x;
        }

        return v;
    }

    /// <summary>
    /// The first <paramref name="count"/> points as 32-bit integers, row-major (<c>[i * Dimensions + d]</c>);
    /// the point is the integer divided by 2^32. Point 0 is the origin.
    /// </summary>
    public uint[] Integers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        var x = new uint[(long)count * Dimensions];
        var cur = new uint[Dimensions];
        for (int i = 1; i < count; i++)
        {
            // Gray-code order: point i differs from point i-1 by the direction of the lowest zero bit of i-1.
            int c = System.Numerics.BitOperations.TrailingZeroCount(~(uint)(i - 1));
            int off = i * Dimensions;
            for (int d = 0; d < Dimensions; d++)
            {
                cur[d] ^= _directions[d][c];
                x[off + d] = cur[d];
            }
        }

        return x;
    }

    /// <summary>
    /// The first <paramref name="count"/> points in [0, 1)^d, row-major; scrambled (Owen-type, see the class
    /// remarks) with <paramref name="scrambleSeed"/> when given, so that all coordinates are in (0, 1).
    /// </summary>
    public double[] Points(int count, ulong? scrambleSeed)
    {
        var ints = Integers(count);
        var points = new double[ints.Length];
        const double scale = 1.0 / 4294967296.0;
        if (scrambleSeed is not ulong seed)
        {
            for (int i = 0; i < ints.Length; i++)
            {
                points[i] = ints[i] * scale;
            }

            return points;
        }

        Parallel.For(0, count, i =>
        {
            int off = i * Dimensions;
            for (int d = 0; d < Dimensions; d++)
            {
                points[off + d] = OwenScramble(ints[off + d], seed, d);
            }
        });
        return points;
    }

    /// <summary>Owen's nested uniform scramble of one 32-bit coordinate, returned as a double in (0, 1).</summary>
    internal static double OwenScramble(uint x, ulong seed, int dimension)
    {
        uint result = 0;
        ulong stream = 0x50B0_0000UL + (ulong)dimension;
        for (int depth = 0; depth < Bits; depth++)
        {
            int bit = Bits - 1 - depth;

            // Node of the binary digit tree: a leading 1 marks the depth, then the digits above this one.
            ulong node = (1UL << depth) | (depth == 0 ? 0UL : (ulong)(x >> (bit + 1)));
            uint flip = (uint)(CounterHash.Bits(seed, stream, node) & 1UL);
            result |= (((x >> bit) & 1u) ^ flip) << bit;
        }

        // The digits below 2^-32 are uniform given the 32 leading ones (the leaf of the tree).
        double tail = CounterHash.Uniform(CounterHash.Bits(seed, stream, (1UL << 32) | x));
        return (result + tail) / 4294967296.0;
    }
}
