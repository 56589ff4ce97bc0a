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

    /// <summary>Base samples per tile of the pass (the tile's terms and weights stay in the core's cache).</summary>
    private const int Tile = 512;

    /// <summary>
    /// Bootstrap replicates, <c>[r * per + k]</c> as <see cref="Estimate"/> lays them out. A resample's sums over its
    /// drawn base samples are sums over all base samples weighted by how often each was drawn, so every replicate is a
    /// set of dot products of a weight vector with fixed term vectors (b·(A_B^i − A), (A_B^i − A)², …): contiguous,
    /// vectorised and shared by a block of resamples, instead of gathers through the drawn indices. Each dot product
    /// is summed in four interleaved partial sums added as (s0 + s1) + (s2 + s3), whatever the vector width or the
    /// thread count, so the result is the same on every machine. The draws are those of a plain resample of indices.
    /// </summary>
    internal static void Bootstrap(double[] a, double[] b, double[][] ab, double[][]? ba, int resamples, ulong seed, double[] replicates)
    {
        int n = a.Length;
        int d = ab.Length;
        int per = Width(d, ba is not null);
        int padded = (n + 3) & ~3;

        // Terms: 0 = a + b, 1 = a² + b², then b·(ab_j − a), then (ab_j − a)², then ba_i·ab_j − a·b for i < j.
        int terms = 2 + (2 * d) + (ba is null ? 0 : d * (d - 1) / 2);
        var term = new double[terms * padded];
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

        int blocks = (resamples + ResampleBlock - 1) / ResampleBlock;
        Parallel.For(0, blocks, () => (Weights: new double[ResampleBlock * padded], Sums: new double[ResampleBlock * terms * 4]), (blk, _, buf) =>
        {
            int first = blk * ResampleBlock;
            int count = Math.Min(ResampleBlock, resamples - first);
            Array.Clear(buf.Weights);
            for (int r = 0; r < count; r++)
            {
                // One mixer call per draw; multiply-shift maps 64 bits to [0, n) with bias below n / 2^64.
                ulong key = CounterHash.Bits(seed, 0x534F_0000UL, (ulong)(first + r));
                var w = buf.Weights.AsSpan(r * padded, padded);
                for (int i = 0; i < n; i++)
                {
                    w[(int)(((UInt128)CounterHash.Mix(key + ((ulong)i * CounterRng.Gamma)) * (ulong)n) >> 64)] += 1;
                }
            }

            WeightedSums(term, terms, padded, buf.Weights, count, buf.Sums);
            for (int r = 0; r < count; r++)
            {
                var into = replicates.AsSpan((first + r) * per, per);
                double Sum(int k)
                {
                    int o = ((r * terms) + k) * 4;
                    return (buf.Sums[o] + buf.Sums[o + 1]) + (buf.Sums[o + 2] + buf.Sums[o + 3]);
                }

                double mean = Sum(0) / (2 * n);
                double variance = (Sum(1) / (2 * n)) - (mean * mean);
                for (int j = 0; j < d; j++)
                {
                    into[j] = Sum(2 + j) / n / variance;
                    into[d + j] = Sum(2 + d + j) / (2.0 * n) / variance;
                }

                int m = 2 * d;
                for (int k = 2 + (2 * d); k < terms; k++, m++)
                {
                    (int x, int y) = Pair(m - (2 * d), d);
                    into[m] = (Sum(k) / n / variance) - into[x] - into[y];
                }

                into[^1] = variance;
            }

            return buf;
        }, _ => { });
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

    /// <summary>
    /// Four interleaved partial sums (element i goes to partial i mod 4) of weights × term for every resample of the
    /// block and every term: <c>sums[((r * terms) + k) * 4 + lane]</c>, each partial summed in ascending i. Multiplies
    /// and adds are separate (no fused multiply-add), so the vector and the scalar path round alike. Resamples past
    /// <paramref name="count"/> have zero weights.
    /// </summary>
    private static void WeightedSums(double[] term, int terms, int padded, double[] weights, int count, double[] sums)
    {
        Array.Clear(sums);
        for (int from = 0; from < padded; from += Tile)
        {
            int to = Math.Min(padded, from + Tile);
            for (int k = 0; k < terms; k++)
            {
                var t = term.AsSpan(k * padded, padded);
                if (Vector256.IsHardwareAccelerated)
                {
                    // The block's eight resamples share each load of the term and add into eight independent sums.
                    var w0 = weights.AsSpan(0 * padded, padded);
                    var w1 = weights.AsSpan(1 * padded, padded);
                    var w2 = weights.AsSpan(2 * padded, padded);
                    var w3 = weights.AsSpan(3 * padded, padded);
                    var w4 = weights.AsSpan(4 * padded, padded);
                    var w5 = weights.AsSpan(5 * padded, padded);
                    var w6 = weights.AsSpan(6 * padded, padded);
                    var w7 = weights.AsSpan(7 * padded, padded);
                    Vector256<double> Load(int r) => Vector256.Create<double>(sums.AsSpan(((r * terms) + k) * 4, 4));
                    Vector256<double> v0 = Load(0), v1 = Load(1), v2 = Load(2), v3 = Load(3), v4 = Load(4), v5 = Load(5), v6 = Load(6), v7 = Load(7);
                    for (int i = from; i < to; i += 4)
                    {
                        var tv = Vector256.Create<double>(t.Slice(i, 4));
                        v0 += Vector256.Create<double>(w0.Slice(i, 4)) * tv;
                        v1 += Vector256.Create<double>(w1.Slice(i, 4)) * tv;
                        v2 += Vector256.Create<double>(w2.Slice(i, 4)) * tv;
                        v3 += Vector256.Create<double>(w3.Slice(i, 4)) * tv;
                        v4 += Vector256.Create<double>(w4.Slice(i, 4)) * tv;
                        v5 += Vector256.Create<double>(w5.Slice(i, 4)) * tv;
                        v6 += Vector256.Create<double>(w6.Slice(i, 4)) * tv;
                        v7 += Vector256.Create<double>(w7.Slice(i, 4)) * tv;
                    }

                    ReadOnlySpan<Vector256<double>> all = [v0, v1, v2, v3, v4, v5, v6, v7];
                    for (int r = 0; r < ResampleBlock; r++)
                    {
                        all[r].CopyTo(sums.AsSpan(((r * terms) + k) * 4, 4));
                    }

                    continue;
                }

                for (int r = 0; r < count; r++)
                {
                    var w = weights.AsSpan(r * padded, padded);
                    var acc = sums.AsSpan(((r * terms) + k) * 4, 4);
                    double s0 = acc[0], s1 = acc[1], s2 = acc[2], s3 = acc[3];
                    for (int i = from; i < to; i += 4)
                    {
                        s0 += w[i] * t[i];
                        s1 += w[i + 1] * t[i + 1];
                        s2 += w[i + 2] * t[i + 2];
                        s3 += w[i + 3] * t[i + 3];
                    }

                    acc[0] = s0;
                    acc[1] = s1;
                    acc[2] = s2;
                    acc[3] = s3;
                }
            }
        }
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
