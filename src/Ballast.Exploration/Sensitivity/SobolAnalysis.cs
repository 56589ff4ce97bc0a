using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Ballast.Engine.Random;
using Ballast.Exploration.Sampling;

namespace Ballast.Exploration.Sensitivity;

/// <summary>An index estimate with its bootstrap confidence interval (estimate ± z·sd of the bootstrap replicates).</summary>
/// <param name="Value">Point estimate from all base samples.</param>
/// <param name="HalfWidth">Half-width of the confidence interval.</param>
public sealed record IndexEstimate(double Value, double HalfWidth)
{
    /// <summary>Lower end of the interval.</summary>
    public double Lower => Value - HalfWidth;

    /// <summary>Upper end of the interval.</summary>
    public double Upper => Value + HalfWidth;

    /// <summary>True when <paramref name="x"/> lies in the interval.</summary>
    public bool Covers(double x) => x >= Lower && x <= Upper;
}

/// <summary>Sobol indices of one outcome.</summary>
/// <param name="Parameters">Parameter names in design order.</param>
/// <param name="First">First-order indices S_i (Saltelli et al. 2010 estimator).</param>
/// <param name="Total">Total-order indices S_Ti (Jansen 1999 estimator).</param>
/// <param name="Second">Second-order indices S_ij for i &lt; j, row-major D×D (NaN on and below the diagonal), or null.</param>
/// <param name="BaseSamples">Base samples N.</param>
/// <param name="Resamples">Bootstrap resamples.</param>
/// <param name="Confidence">Confidence level of the intervals.</param>
/// <param name="Variance">Variance of the outcome over the A and B rows.</param>
/// <param name="Notes">Readings of the result: negative estimates, wide intervals, interactions.</param>
public sealed record SobolIndices(
    IReadOnlyList<string> Parameters,
    IReadOnlyList<IndexEstimate> First,
    IReadOnlyList<IndexEstimate> Total,
    IndexEstimate[]? Second,
    int BaseSamples,
    int Resamples,
    double Confidence,
    double Variance,
    IReadOnlyList<string> Notes);

/// <summary>
/// Variance-based sensitivity from a Saltelli design (rows laid out as in <see cref="Design.Saltelli"/>).
/// First order: S_i = mean(f(B)·(f(A_B^i) − f(A))) / V (Saltelli et al. 2010, "Variance based sensitivity analysis of
/// model output", Comput. Phys. Commun. 181, 259–270, Table 2 (b)). Total order: S_Ti = mean((f(A) − f(A_B^i))²) / (2V)
/// (Jansen 1999, "Analysis of variance designs for model output", Comput. Phys. Commun. 117, 35–43). Second order:
/// S_ij = mean(f(B_A^i)·f(A_B^j) − f(A)·f(B)) / V − S_i − S_j (Saltelli 2002). V is the variance of f over the A and B
/// rows. Confidence intervals: nonparametric bootstrap over base samples (the same resampled indices for every
/// index), estimate ± z_{(1+c)/2} × standard deviation of the replicates, as SALib reports them.
/// </summary>
public static class SobolAnalysis
{
    /// <summary>Analyses outcome values <paramref name="y"/>, one per design row.</summary>
    public static SobolIndices Analyze(ReadOnlySpan<double> y, IReadOnlyList<string> parameters, bool secondOrder,
        int resamples = 1000, double confidence = 0.95, ulong seed = 0)
    {
        int d = parameters.Count;
        int block = Design.SaltelliBlock(d, secondOrder);
        if (d < 1 || y.Length == 0 || y.Length % block != 0)
        {
            throw new BallastInputException(
                $"{y.Length} outcome values do not form a Saltelli design for {d} parameters{(secondOrder ? " with second-order rows" : string.Empty)}: need a multiple of {block} rows",
                field: "design");
        }

        int missing = 0;
        foreach (var v in y)
        {
            if (!double.IsFinite(v))
            {
                missing++;
            }
        }

        if (missing > 0)
        {
            throw new BallastInputException(
                $"the outcome is missing or not finite in {missing} of {y.Length} runs; Sobol indices need a value in every run (choose another outcome, or fill missing values, e.g. --fill-missing)",
                field: "--outcome");
        }

        int n = y.Length / block;
        var a = new double[n];
        var b = new double[n];
        var ab = new double[d][];
        var ba = secondOrder ? new double[d][] : null;
        for (int j = 0; j < d; j++)
        {
            ab[j] = new double[n];
            if (ba is not null)
            {
                ba[j] = new double[n];
            }
        }

        double shift = 0;
        for (int i = 0; i < n; i++)
        {
            shift += y[i * block] + y[(i * block) + block - 1];
        }

        shift /= 2 * n;
        for (int i = 0; i < n; i++)
        {
            int r = i * block;
            a[i] = y[r] - shift;
            for (int j = 0; j < d; j++)
            {
                ab[j][i] = y[r + 1 + j] - shift;
                if (ba is not null)
                {
                    ba[j][i] = y[r + 1 + d + j] - shift;
                }
            }

            b[i] = y[r + block - 1] - shift;
        }

        int per = Width(d, secondOrder);
        var point = new double[per];
        Estimate(a, b, ab, ba, point);
        double variance = point[per - 1];
        if (!(variance > 0))
        {
            throw new BallastInputException("the outcome does not vary across the runs (zero variance): Sobol indices are undefined", field: "--outcome");
        }

        resamples = Math.Max(0, resamples);
        var replicates = new double[(long)resamples * per];
        Bootstrap(a, b, ab, ba, resamples, seed, replicates);

        double z = Statistics.NormalQuantile(0.5 + (confidence / 2));
        var column = new double[resamples];
        IndexEstimate At(int k)
        {
            int m = 0;
            for (int r = 0; r < resamples; r++)
            {
                double v = replicates[((long)r * per) + k];
                if (double.IsFinite(v))
                {
                    column[m++] = v;
                }
            }

            return new IndexEstimate(point[k], m >= 2 ? z * Statistics.StdDev(column.AsSpan(0, m)) : double.NaN);
        }

        var first = new IndexEstimate[d];
        var total = new IndexEstimate[d];
        for (int j = 0; j < d; j++)
        {
            first[j] = At(j);
            total[j] = At(d + j);
        }

        IndexEstimate[]? second = null;
        if (secondOrder)
        {
            second = new IndexEstimate[d * d];
            int k = 2 * d;
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    second[(i * d) + j] = j > i ? At(k++) : new IndexEstimate(double.NaN, double.NaN);
                }
            }
        }

        var result = new SobolIndices(parameters, first, total, second, n, resamples, confidence, variance, []);
        return result with { Notes = Read(result) };
    }

    /// <summary>Resamples bootstrapped together: their weights share one pass over the terms.</summary>
    private const int ResampleBlock = 8;

    /// <summary>
    /// Groups of four base samples per tile of the pass: a tile's weights (16 KB) and four terms' values (4 KB) stay in
    /// the core's first-level cache while every term of the tile is summed.
    /// </summary>
    private const int TileGroups = 64;

    /// <summary>
    /// Doubles the weighted sums accumulate side by side on this machine: 8 (two resamples in a 512-bit vector), 4 (one
    /// in a 256-bit vector) or 1. Every width sums in the same order, so the choice changes speed only.
    /// </summary>
    internal static int Lanes => Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : 1;

    /// <summary>Bootstrap replicates at this machine's width on every core; see the overload.</summary>
    internal static void Bootstrap(double[] a, double[] b, double[][] ab, double[][]? ba, int resamples, ulong seed, double[] replicates) =>
        Bootstrap(a, b, ab, ba, resamples, seed, replicates, Lanes, -1);

    /// <summary>
    /// Bootstrap replicates, <c>[r * per + k]</c> as <see cref="Estimate"/> lays them out. A resample's sums over its
    /// drawn base samples are sums over all base samples weighted by how often each was drawn, so every replicate is a
    /// set of dot products of a weight vector with fixed term vectors (b·(A_B^i − A), (A_B^i − A)², …): contiguous,
    /// vectorised and shared by a block of resamples, instead of gathers through the drawn indices. Each dot product
    /// is summed in four interleaved partial sums (base sample i into partial i mod 4, ascending i, multiply then add)
    /// added as (s0 + s1) + (s2 + s3), whatever <paramref name="lanes"/> (8, 4 or 1) and <paramref name="threads"/>
    /// (−1: all cores), so the result is the same on every machine. The draws are those of a plain resample of indices:
    /// draw i of resample r is a pure function of (seed, r, i), drawn several at a time in vectors.
    /// </summary>
    internal static void Bootstrap(double[] a, double[] b, double[][] ab, double[][]? ba, int resamples, ulong seed, double[] replicates, int lanes, int threads)
    {
        var pass = new BootstrapPass(a, b, ab, ba, resamples, seed, replicates, lanes);
        int blocks = (resamples + ResampleBlock - 1) / ResampleBlock;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => (Weights: new double[ResampleBlock * pass.Padded], Sums: new double[pass.Terms * ResampleBlock * 4]),
            (blk, _, buf) =>
            {
                pass.Run(blk, buf.Weights, buf.Sums);
                return buf;
            },
            _ => { });
    }

    /// <summary>
    /// One bootstrap: the term vectors and where replicates go. Weights of a block are laid out by groups of four base
    /// samples, <c>[g][r][lane]</c> (base sample 4g + lane, resample r of the block), so one group's weights for all
    /// eight resamples are 32 contiguous doubles; sums are <c>[k][r][lane]</c>, the four partial sums of term k.
    /// </summary>
    private sealed class BootstrapPass
    {
        private readonly double[] term;
        private readonly int n;
        private readonly int d;
        private readonly int per;
        private readonly int resamples;
        private readonly ulong seed;
        private readonly double[] replicates;
        private readonly int lanes;

        public BootstrapPass(double[] a, double[] b, double[][] ab, double[][]? ba, int resamples, ulong seed, double[] replicates, int lanes)
        {
            n = a.Length;
            d = ab.Length;
            per = Width(d, ba is not null);
            this.resamples = resamples;
            this.seed = seed;
            this.replicates = replicates;
            this.lanes = lanes;
            Padded = (n + 3) & ~3;

            // Terms: 0 = a + b, 1 = a² + b², then b·(ab_j − a), then (ab_j − a)², then ba_i·ab_j − a·b for i < j.
            Terms = 2 + (2 * d) + (ba is null ? 0 : d * (d - 1) / 2);
            term = new double[Terms * Padded];
            int padded = Padded;
            for (int i = 0; i < n; i++)
            {
                term[i] = a[i] + b[i];
                term[padded + i] = (a[i] * a[i]) + (b[i] * b[i]);
                for (int j = 0; j < d; j++)
                {
                    double diff = ab[j][i] - a[i];
                    term[((2 + j) * padded) + i] = b[i] * diff;
                    term[((2 + d + j) * padded) + i] = diff * diff;
                }

                if (ba is not null)
                {
                    int m = 2 + (2 * d);
                    for (int x = 0; x < d; x++)
                    {
                        for (int y = x + 1; y < d; y++)
                        {
                            term[(m++ * padded) + i] = (ba[x][i] * ab[y][i]) - (a[i] * b[i]);
                        }
                    }
                }
            }
        }

        /// <summary>Base samples rounded up to a whole group of four (the padding has zero terms and weights).</summary>
        public int Padded { get; }

        /// <summary>Term vectors summed per resample.</summary>
        public int Terms { get; }

        /// <summary>Draws, sums and replicates of block <paramref name="blk"/> (resamples 8·blk …), in the thread's buffers.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a few calls per analysis: never worth a tier-0 pass
        public void Run(int blk, double[] weights, double[] sums)
        {
            int first = blk * ResampleBlock;
            int count = Math.Min(ResampleBlock, resamples - first);
            Array.Clear(weights);
            for (int r = 0; r < count; r++)
            {
                Draw(CounterHash.Bits(seed, 0x534F_0000UL, (ulong)(first + r)), n, r, weights, lanes > 1);
            }

            Array.Clear(sums);
            int groups = Padded / 4;
            if (lanes == 1)
            {
                WeightedSumsScalar(term, Terms, groups, weights, count, sums);
            }
            else
            {
                for (int g0 = 0; g0 < groups; g0 += TileGroups)
                {
                    int g1 = Math.Min(groups, g0 + TileGroups);
                    if (lanes == 8)
                    {
                        WeightedSums512(term, Terms, Padded, weights, sums, g0, g1);
                    }
                    else
                    {
                        WeightedSums256(term, Terms, Padded, weights, sums, g0, g1);
                    }
                }
            }

            for (int r = 0; r < count; r++)
            {
                var into = replicates.AsSpan((first + r) * per, per);
                double mean = Sum(sums, 0, r) / (2 * n);
                double variance = (Sum(sums, 1, r) / (2 * n)) - (mean * mean);
                for (int j = 0; j < d; j++)
                {
                    into[j] = Sum(sums, 2 + j, r) / n / variance;
                    into[d + j] = Sum(sums, 2 + d + j, r) / (2.0 * n) / variance;
                }

                int m = 2 * d;
                for (int k = 2 + (2 * d); k < Terms; k++, m++)
                {
                    (int x, int y) = Pair(m - (2 * d), d);
                    into[m] = (Sum(sums, k, r) / n / variance) - into[x] - into[y];
                }

                into[^1] = variance;
            }
        }
    }

    /// <summary>Term <paramref name="k"/> summed with resample <paramref name="r"/>'s weights: its partial sums added as (s0 + s1) + (s2 + s3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(double[] sums, int k, int r)
    {
        int o = ((k * ResampleBlock) + r) * 4;
        return (sums[o] + sums[o + 1]) + (sums[o + 2] + sums[o + 3]);
    }

    /// <summary>
    /// Counts the n draws of one resample (stream <paramref name="key"/>) into column <paramref name="r"/> of the block's
    /// weights. Draw i is SplitMix64's <c>mix(key + (i + 1)·γ)</c> mapped to [0, n) by multiply-shift (the high 64 bits
    /// of bits × n, bias below n / 2^64); the vector form computes the same integers a vector of draws at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Draw(ulong key, int n, int r, double[] weights, bool vector)
    {
        ref double w = ref MemoryMarshal.GetArrayDataReference(weights);
        int i = 0;
        if (vector && Vector.IsHardwareAccelerated)
        {
            // Lane l of CounterRng.Bits(keys, i) is mix(key + (i + l + 1)·γ). With bits = hi·2^32 + lo and n < 2^31, the
            // high word of bits × n is (hi·n + ⌊lo·n / 2^32⌋) / 2^32, rounded down, with no product above 2^63.
            var keys = new Vector<ulong>(key) + (Vector<ulong>.Indices * CounterRng.Gamma);
            var count = new Vector<ulong>((ulong)n);
            var column = new Vector<ulong>((ulong)r * 4);
            Span<ulong> at = stackalloc ulong[Vector<ulong>.Count];
            for (; i <= n - Vector<ulong>.Count; i += Vector<ulong>.Count)
            {
                var bits = CounterRng.Bits(keys, (ulong)i);
                var index = (((bits >>> 32) * count) + (((bits & new Vector<ulong>(0xFFFF_FFFFUL)) * count) >>> 32)) >>> 32;
                ((index >>> 2 << 5) | (index & new Vector<ulong>(3)) | column).CopyTo(at);
                foreach (ulong o in at)
                {
                    Unsafe.Add(ref w, (nint)o) += 1;
                }
            }
        }

        for (; i < n; i++)
        {
            int index = (int)(((UInt128)CounterRng.Bits(key, (ulong)i) * (ulong)n) >> 64);
            weights[((index >> 2) * 32) + (r * 4) + (index & 3)] += 1;
        }
    }

    /// <summary>
    /// The weighted sums over groups [<paramref name="g0"/>, <paramref name="g1"/>), two resamples per 512-bit vector
    /// (lanes 0–3 one resample's partial sums, 4–7 the next's), four terms at a time so each load of the weights
    /// feeds sixteen products.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightedSums512(double[] term, int terms, int padded, double[] weights, double[] sums, int g0, int g1)
    {
        ref double w = ref MemoryMarshal.GetArrayDataReference(weights);
        ref double s = ref MemoryMarshal.GetArrayDataReference(sums);
        int k = 0;
        for (; k + 4 <= terms; k += 4)
        {
            ref double t0 = ref term[k * padded];
            ref double t1 = ref Unsafe.Add(ref t0, padded);
            ref double t2 = ref Unsafe.Add(ref t1, padded);
            ref double t3 = ref Unsafe.Add(ref t2, padded);
            nuint o = (nuint)(k * 32);
            Vector512<double> a00 = Vector512.LoadUnsafe(ref s, o), a01 = Vector512.LoadUnsafe(ref s, o + 8), a02 = Vector512.LoadUnsafe(ref s, o + 16), a03 = Vector512.LoadUnsafe(ref s, o + 24);
            Vector512<double> a10 = Vector512.LoadUnsafe(ref s, o + 32), a11 = Vector512.LoadUnsafe(ref s, o + 40), a12 = Vector512.LoadUnsafe(ref s, o + 48), a13 = Vector512.LoadUnsafe(ref s, o + 56);
            Vector512<double> a20 = Vector512.LoadUnsafe(ref s, o + 64), a21 = Vector512.LoadUnsafe(ref s, o + 72), a22 = Vector512.LoadUnsafe(ref s, o + 80), a23 = Vector512.LoadUnsafe(ref s, o + 88);
            Vector512<double> a30 = Vector512.LoadUnsafe(ref s, o + 96), a31 = Vector512.LoadUnsafe(ref s, o + 104), a32 = Vector512.LoadUnsafe(ref s, o + 112), a33 = Vector512.LoadUnsafe(ref s, o + 120);
            for (int g = g0; g < g1; g++)
            {
                nuint wo = (nuint)g * 32;
                var w0 = Vector512.LoadUnsafe(ref w, wo);
                var w1 = Vector512.LoadUnsafe(ref w, wo + 8);
                var w2 = Vector512.LoadUnsafe(ref w, wo + 16);
                var w3 = Vector512.LoadUnsafe(ref w, wo + 24);
                nuint to = (nuint)g * 4;
                var v = Twice(ref t0, to);
                a00 += w0 * v;
                a01 += w1 * v;
                a02 += w2 * v;
                a03 += w3 * v;
                v = Twice(ref t1, to);
                a10 += w0 * v;
                a11 += w1 * v;
                a12 += w2 * v;
                a13 += w3 * v;
                v = Twice(ref t2, to);
                a20 += w0 * v;
                a21 += w1 * v;
                a22 += w2 * v;
                a23 += w3 * v;
                v = Twice(ref t3, to);
                a30 += w0 * v;
                a31 += w1 * v;
                a32 += w2 * v;
                a33 += w3 * v;
            }

            a00.StoreUnsafe(ref s, o);
            a01.StoreUnsafe(ref s, o + 8);
            a02.StoreUnsafe(ref s, o + 16);
            a03.StoreUnsafe(ref s, o + 24);
            a10.StoreUnsafe(ref s, o + 32);
            a11.StoreUnsafe(ref s, o + 40);
            a12.StoreUnsafe(ref s, o + 48);
            a13.StoreUnsafe(ref s, o + 56);
            a20.StoreUnsafe(ref s, o + 64);
            a21.StoreUnsafe(ref s, o + 72);
            a22.StoreUnsafe(ref s, o + 80);
            a23.StoreUnsafe(ref s, o + 88);
            a30.StoreUnsafe(ref s, o + 96);
            a31.StoreUnsafe(ref s, o + 104);
            a32.StoreUnsafe(ref s, o + 112);
            a33.StoreUnsafe(ref s, o + 120);
        }

        for (; k < terms; k++)
        {
            ref double t0 = ref term[k * padded];
            nuint o = (nuint)(k * 32);
            Vector512<double> a00 = Vector512.LoadUnsafe(ref s, o), a01 = Vector512.LoadUnsafe(ref s, o + 8), a02 = Vector512.LoadUnsafe(ref s, o + 16), a03 = Vector512.LoadUnsafe(ref s, o + 24);
            for (int g = g0; g < g1; g++)
            {
                nuint wo = (nuint)g * 32;
                var v = Twice(ref t0, (nuint)g * 4);
                a00 += Vector512.LoadUnsafe(ref w, wo) * v;
                a01 += Vector512.LoadUnsafe(ref w, wo + 8) * v;
                a02 += Vector512.LoadUnsafe(ref w, wo + 16) * v;
                a03 += Vector512.LoadUnsafe(ref w, wo + 24) * v;
            }

            a00.StoreUnsafe(ref s, o);
            a01.StoreUnsafe(ref s, o + 8);
            a02.StoreUnsafe(ref s, o + 16);
            a03.StoreUnsafe(ref s, o + 24);
        }
    }

    /// <summary>Four values of a term at <paramref name="offset"/>, in both halves of a 512-bit vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Twice(ref double term, nuint offset)
    {
        var half = Vector256.LoadUnsafe(ref term, offset);
        return Vector512.Create(half, half);
    }

    /// <summary>
    /// The weighted sums over groups [<paramref name="g0"/>, <paramref name="g1"/>), one resample per 256-bit vector,
    /// the block's eight resamples sharing each load of a term.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightedSums256(double[] term, int terms, int padded, double[] weights, double[] sums, int g0, int g1)
    {
        ref double w = ref MemoryMarshal.GetArrayDataReference(weights);
        ref double s = ref MemoryMarshal.GetArrayDataReference(sums);
        for (int k = 0; k < terms; k++)
        {
            ref double t = ref term[k * padded];
            nuint o = (nuint)(k * 32);
            Vector256<double> a0 = Vector256.LoadUnsafe(ref s, o), a1 = Vector256.LoadUnsafe(ref s, o + 4), a2 = Vector256.LoadUnsafe(ref s, o + 8), a3 = Vector256.LoadUnsafe(ref s, o + 12);
            Vector256<double> a4 = Vector256.LoadUnsafe(ref s, o + 16), a5 = Vector256.LoadUnsafe(ref s, o + 20), a6 = Vector256.LoadUnsafe(ref s, o + 24), a7 = Vector256.LoadUnsafe(ref s, o + 28);
            for (int g = g0; g < g1; g++)
            {
                nuint wo = (nuint)g * 32;
                var v = Vector256.LoadUnsafe(ref t, (nuint)g * 4);
                a0 += Vector256.LoadUnsafe(ref w, wo) * v;
                a1 += Vector256.LoadUnsafe(ref w, wo + 4) * v;
                a2 += Vector256.LoadUnsafe(ref w, wo + 8) * v;
                a3 += Vector256.LoadUnsafe(ref w, wo + 12) * v;
                a4 += Vector256.LoadUnsafe(ref w, wo + 16) * v;
                a5 += Vector256.LoadUnsafe(ref w, wo + 20) * v;
                a6 += Vector256.LoadUnsafe(ref w, wo + 24) * v;
                a7 += Vector256.LoadUnsafe(ref w, wo + 28) * v;
            }

            a0.StoreUnsafe(ref s, o);
            a1.StoreUnsafe(ref s, o + 4);
            a2.StoreUnsafe(ref s, o + 8);
            a3.StoreUnsafe(ref s, o + 12);
            a4.StoreUnsafe(ref s, o + 16);
            a5.StoreUnsafe(ref s, o + 20);
            a6.StoreUnsafe(ref s, o + 24);
            a7.StoreUnsafe(ref s, o + 28);
        }
    }

    /// <summary>The weighted sums one double at a time, in the vector paths' order (the reference they must match).</summary>
    private static void WeightedSumsScalar(double[] term, int terms, int groups, double[] weights, int count, double[] sums)
    {
        int padded = groups * 4;
        for (int k = 0; k < terms; k++)
        {
            for (int r = 0; r < count; r++)
            {
                var acc = sums.AsSpan(((k * ResampleBlock) + r) * 4, 4);
                for (int lane = 0; lane < 4; lane++)
                {
                    double sum = 0;
                    for (int g = 0; g < groups; g++)
                    {
                        sum += weights[(g * 32) + (r * 4) + lane] * term[(k * padded) + (g * 4) + lane];
                    }

                    acc[lane] = sum;
                }
            }
        }
    }

    /// <summary>The pair (i, j), i &lt; j, at position <paramref name="m"/> of the row-major upper triangle of a d×d matrix.</summary>
    private static (int I, int J) Pair(int m, int d)
    {
        for (int i = 0; i < d; i++)
        {
            int row = d - 1 - i;
            if (m < row)
            {
                return (i, i + 1 + m);
            }

            m -= row;
        }

        throw new ArgumentOutOfRangeException(nameof(m));
    }

    internal static int Width(int d, bool secondOrder) => (2 * d) + (secondOrder ? d * (d - 1) / 2 : 0) + 1;

    /// <summary>Computes [S_1..S_D, ST_1..ST_D, S_ij (i&lt;j), V] over the base samples (the point estimate).</summary>
    internal static void Estimate(double[] a, double[] b, double[][] ab, double[][]? ba, Span<double> into)
    {
        int n = a.Length;
        int d = ab.Length;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            sum += a[i] + b[i];
            sumSq += (a[i] * a[i]) + (b[i] * b[i]);
        }

        double mean = sum / (2 * n);
        double variance = (sumSq / (2 * n)) - (mean * mean);
        for (int j = 0; j < d; j++)
        {
            var abj = ab[j];
            double s1 = 0;
            double st = 0;
            for (int i = 0; i < n; i++)
            {
                double diff = abj[i] - a[i];
                s1 += b[i] * diff;
                st += diff * diff;
            }

            into[j] = s1 / n / variance;
            into[d + j] = st / (2.0 * n) / variance;
        }

        if (ba is not null)
        {
            int m = 2 * d;
            for (int i = 0; i < d; i++)
            {
                for (int j = i + 1; j < d; j++)
                {
                    double s = 0;
                    for (int t = 0; t < n; t++)
                    {
                        s += (ba[i][t] * ab[j][t]) - (a[t] * b[t]);
                    }

                    into[m++] = (s / n / variance) - into[i] - into[j];
                }
            }
        }

        into[^1] = variance;
    }

    /// <summary>Plain-language readings: negative estimates, wide intervals, the share of variance left to interactions.</summary>
    public static List<string> Read(SobolIndices r)
    {
        var notes = new List<string>();
        string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        for (int j = 0; j < r.Parameters.Count; j++)
        {
            foreach (var (label, e) in new[] { ("first-order", r.First[j]), ("total-order", r.Total[j]) })
            {
                if (e.Value < 0)
                {
                    notes.Add(e.Lower <= 0 && e.Upper >= 0
                        ? $"{r.Parameters[j]}: the {label} estimate {F(e.Value)} is negative only through sampling error (true indices are ≥ 0; its interval [{F(e.Lower)}, {F(e.Upper)}] covers 0): read it as no detectable effect."
                        : $"{r.Parameters[j]}: the {label} estimate {F(e.Value)} is negative and its interval [{F(e.Lower)}, {F(e.Upper)}] excludes 0: the estimator has not converged; use more base samples.");
                }
            }
        }

        double widest = r.First.Concat(r.Total).Select(e => e.HalfWidth).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        if (widest > 0.1)
        {
            notes.Add($"Some intervals are wide (±{F(widest)}): with N = {r.BaseSamples} base samples the ranking may not be stable; quadruple N to halve them.");
        }

        double sumFirst = r.First.Sum(e => e.Value);
        notes.Add(sumFirst < 0.95
            ? $"First-order indices sum to {F(sumFirst)}: about {F(Math.Max(0, 1 - sumFirst))} of the variance comes from interactions between parameters (total − first order shows who takes part)."
            : $"First-order indices sum to {F(sumFirst)}: the outcome is close to additive in these parameters.");
        return notes;
    }
}
