namespace Ballast.Exploration.Sampling;

/// <summary>The experimental designs Ballast can draw.</summary>
public enum DesignKind
{
    /// <summary>Independent uniform draws (simple Monte Carlo).</summary>
    MonteCarlo,

    /// <summary>Latin hypercube: exactly one point in each of N equal-probability strata of every dimension (McKay, Beckman and Conover 1979).</summary>
    LatinHypercube,

    /// <summary>Full factorial grid with L levels per dimension, at the midpoints of L equal-probability strata.</summary>
    FullFactorial,

    /// <summary>Morris (1991) one-at-a-time trajectories on a p-level grid.</summary>
    Morris,

    /// <summary>Saltelli's (2002, 2010) cross-sampling scheme on a scrambled Sobol sequence, for Sobol indices.</summary>
    Sobol,
}

/// <summary>
/// What to draw. <paramref name="Samples"/> means: rows for Monte Carlo and Latin hypercube; the largest number of
/// rows for a full factorial (levels = ⌊Samples^(1/D)⌋ unless <paramref name="Levels"/> is set); trajectories for
/// Morris; base samples N for Sobol.
/// </summary>
/// <param name="Kind">Design kind.</param>
/// <param name="Samples">Size, as above.</param>
/// <param name="Seed">Master seed of the design's random numbers (scramble, permutations, draws).</param>
/// <param name="Levels">Morris grid levels p (even, default 4) or factorial levels per dimension (0 = from Samples).</param>
/// <param name="SecondOrder">Sobol only: add the B_A^(i) rows so second-order indices can be estimated.</param>
public sealed record DesignSpec(DesignKind Kind, int Samples, ulong Seed, int Levels = 0, bool SecondOrder = false)
{
    /// <summary>The design's name as typed on the command line.</summary>
    public static string NameOf(DesignKind kind) => kind switch
    {
        DesignKind.MonteCarlo => "montecarlo",
        DesignKind.LatinHypercube => "lhs",
        DesignKind.FullFactorial => "factorial",
        DesignKind.Morris => "morris",
        DesignKind.Sobol => "sobol",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Parses a design name (lhs, sobol, morris, factorial, montecarlo).</summary>
    public static DesignKind Parse(string name, string field = "--design") => name.Trim().ToLowerInvariant() switch
    {
        "montecarlo" or "mc" => DesignKind.MonteCarlo,
        "lhs" or "latin" => DesignKind.LatinHypercube,
        "factorial" => DesignKind.FullFactorial,
        "morris" => DesignKind.Morris,
        "sobol" or "saltelli" => DesignKind.Sobol,
        _ => throw new BallastInputException($"unknown design '{name}'; allowed: lhs, sobol, morris, factorial, montecarlo", field: field, value: name),
    };

    /// <summary>The Morris grid levels actually used (default 4).</summary>
    public int MorrisLevels => Levels == 0 ? 4 : Levels;

    /// <summary>A one-line description stored with the results (and parsed back by <see cref="FromDescription"/>).</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"design={NameOf(Kind)} samples={Samples} seed={Seed} levels={Levels} second_order={(SecondOrder ? "true" : "false")}");

    /// <summary>Parses <see cref="Describe"/>'s output.</summary>
    public static DesignSpec FromDescription(string text)
    {
        var map = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        string Get(string k) => map.TryGetValue(k, out var v) ? v : throw new BallastInputException($"design description lacks '{k}'", field: "design", value: text);
        return new DesignSpec(Parse(Get("design")), int.Parse(Get("samples"), CultureInfo.InvariantCulture),
            ulong.Parse(Get("seed"), CultureInfo.InvariantCulture), int.Parse(Get("levels"), CultureInfo.InvariantCulture),
            Get("second_order") == "true");
    }
}

/// <summary>
/// A drawn design: <see cref="Rows"/> points on the probability scale, strictly inside (0, 1)^D, row-major. A
/// parameter's value in a run is its distribution's quantile at the point's coordinate, so any distribution
/// (uniform, normal, triangular, log-normal) takes the same design.
/// </summary>
public sealed class Design
{
    private Design(DesignSpec spec, int dimensions, double[] points, int levels)
    {
        Spec = spec;
        Dimensions = dimensions;
        Points = points;
        Rows = points.Length / dimensions;
        Levels = levels;
    }

    /// <summary>What was drawn.</summary>
    public DesignSpec Spec { get; }

    /// <summary>Number of dimensions (uncertain parameters and levers).</summary>
    public int Dimensions { get; }

    /// <summary>Number of rows (runs).</summary>
    public int Rows { get; }

    /// <summary>Grid levels for factorial and Morris designs (0 otherwise).</summary>
    public int Levels { get; }

    /// <summary>The points, row-major: <c>Points[row * Dimensions + d]</c>.</summary>
    public double[] Points { get; }

    /// <summary>One row.</summary>
    public ReadOnlySpan<double> Row(int row) => Points.AsSpan(row * Dimensions, Dimensions);

    /// <summary>
    /// The same rows restricted to some of the dimensions, in the order given: e.g. one policy's parameters out of the
    /// union its futures were drawn over, so a parameter shared by two policies takes the same value in the same row.
    /// </summary>
    public Design Project(IReadOnlyList<int> dimensions)
    {
        if (dimensions.Count < 1)
        {
            throw new ArgumentException("a projection keeps at least one dimension", nameof(dimensions));
        }

        int k = dimensions.Count;
        var points = new double[Rows * k];
        for (int row = 0; row < Rows; row++)
        {
            for (int j = 0; j < k; j++)
            {
                points[(row * k) + j] = Points[(row * Dimensions) + dimensions[j]];
            }
        }

        return new Design(Spec, k, points, Levels);
    }

    /// <summary>The largest design this library draws (rows), to fail early rather than run out of memory.</summary>
    public const int MaxRows = 20_000_000;

    /// <summary>Draws a design over <paramref name="dimensions"/> dimensions.</summary>
    public static Design Create(DesignSpec spec, int dimensions)
    {
        if (dimensions < 1)
        {
            throw new BallastInputException("the scenario has no uncertain parameters or levers to explore; add some under parameters: uncertain:", field: "uncertain");
        }

        if (spec.Samples < 1)
        {
            throw new BallastInputException("the number of samples must be at least 1", field: "--samples", value: spec.Samples.ToString(CultureInfo.InvariantCulture));
        }

        return spec.Kind switch
        {
            DesignKind.MonteCarlo => new Design(spec, dimensions, Check(MonteCarlo(spec.Samples, dimensions, spec.Seed), dimensions), 0),
            DesignKind.LatinHypercube => new Design(spec, dimensions, Check(LatinHypercube(spec.Samples, dimensions, spec.Seed), dimensions), 0),
            DesignKind.FullFactorial => Factorial(spec, dimensions),
            DesignKind.Morris => new Design(spec, dimensions, MorrisTrajectories(spec.Samples, dimensions, spec.MorrisLevels, spec.Seed), spec.MorrisLevels),
            DesignKind.Sobol => new Design(spec, dimensions, Saltelli(spec.Samples, dimensions, spec.SecondOrder, spec.Seed), 0),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
    }

    private static double[] Check(double[] p, int d) => p.Length / d <= MaxRows ? p : throw TooLarge(p.Length / d);

    private static BallastInputException TooLarge(long rows) =>
        new($"the design would have {rows} rows, more than the {MaxRows} allowed", field: "--samples", value: rows.ToString(CultureInfo.InvariantCulture));

    /// <summary>Independent uniforms in (0, 1): coordinate (i, d) is hash(seed, d, i).</summary>
    public static double[] MonteCarlo(int n, int dimensions, ulong seed)
    {
        var x = new double[(long)n * dimensions];
        for (int i = 0; i < n; i++)
        {
            for (int d = 0; d < dimensions; d++)
            {
                x[(i * dimensions) + d] = CounterHash.Uniform(seed, 0x4D43_0000UL + (ulong)d, (ulong)i);
            }
        }

        return x;
    }

    /// <summary>
    /// Latin hypercube: in each dimension a random permutation π of the N strata (Fisher–Yates) and a uniform
    /// position inside the stratum, x = (π(i) + u) / N; so every stratum [k/N, (k+1)/N) holds exactly one point.
    /// </summary>
    public static double[] LatinHypercube(int n, int dimensions, ulong seed)
    {
        var x = new double[(long)n * dimensions];
        var perm = new int[n];
        for (int d = 0; d < dimensions; d++)
        {
            ulong stream = 0x4C48_0000UL + (ulong)d;
            ulong counter = 0;
            for (int i = 0; i < n; i++)
            {
                perm[i] = i;
            }

            for (int i = n - 1; i > 0; i--)
            {
                int j = CounterHash.Below(i + 1, seed, stream, ref counter);
                (perm[i], perm[j]) = (perm[j], perm[i]);
            }

            ulong jitter = 0x4C4A_0000UL + (ulong)d;
            for (int i = 0; i < n; i++)
            {
                double u = CounterHash.Uniform(seed, jitter, (ulong)i);
                double v = (perm[i] + u) / n;

                // Guard the stratum's upper edge against rounding (perm + u can round up to perm + 1).
                x[(i * dimensions) + d] = Math.Min(v, Math.BitDecrement((perm[i] + 1.0) / n));
            }
        }

        return x;
    }

    private static Design Factorial(DesignSpec spec, int dimensions)
    {
        int levels = spec.Levels > 0 ? spec.Levels : Math.Max(2, (int)Math.Floor(Math.Pow(spec.Samples, 1.0 / dimensions) + 1e-9));
        double rows = Math.Pow(levels, dimensions);
        if (rows > MaxRows)
        {
            throw TooLarge((long)Math.Min(rows, long.MaxValue));
        }

        int n = (int)rows;
        var x = new double[(long)n * dimensions];
        for (int i = 0; i < n; i++)
        {
            int rest = i;

            // The last dimension varies fastest, like nested loops written in order.
            for (int d = dimensions - 1; d >= 0; d--)
            {
                int k = rest % levels;
                rest /= levels;
                x[(i * dimensions) + d] = (k + 0.5) / levels;
            }
        }

        return new Design(spec, dimensions, x, levels);
    }

    /// <summary>The probability-scale value of Morris grid coordinate <paramref name="g"/> ∈ {0, 1/(p−1), …, 1}.</summary>
    public static double MorrisProbability(double g, int levels) => ((g * (levels - 1)) + 0.5) / levels;

    /// <summary>
    /// r Morris trajectories of D+1 rows each (Morris 1991): B* = (J x* + Δ/2 [(2B − J) D* + J]) P*, with the
    /// base point x* drawn from the grid levels {0, …, 1 − Δ}, D* random signs, P* a random order of the factors and
    /// Δ = p / (2(p − 1)) (Morris 1991; Campolongo, Cariboni and Saltelli 2007). Grid coordinates g are mapped to the
    /// probability scale by (g(p−1) + 0.5)/p, the midpoints of p equal-probability strata, so that unbounded
    /// distributions get finite values; elementary effects are then per unit of the probability scale.
    /// </summary>
    public static double[] MorrisTrajectories(int trajectories, int dimensions, int levels, ulong seed)
    {
        if (levels < 2 || levels % 2 != 0)
        {
            throw new BallastInputException("Morris designs need an even number of grid levels (4 is usual)", field: "--levels", value: levels.ToString(CultureInfo.InvariantCulture));
        }

        long rows = (long)trajectories * (dimensions + 1);
        if (rows > MaxRows)
        {
            throw TooLarge(rows);
        }

        double delta = levels / (2.0 * (levels - 1));
        var x = new double[rows * dimensions];
        var xStar = new double[dimensions];
        var sign = new int[dimensions];
        var order = new int[dimensions];
        for (int t = 0; t < trajectories; t++)
        {
            ulong stream = 0x4D4F_0000UL + (ulong)t;
            ulong counter = 0;
            for (int d = 0; d < dimensions; d++)
            {
                xStar[d] = CounterHash.Below(levels / 2, seed, stream, ref counter) / (double)(levels - 1);
                sign[d] = CounterHash.Below(2, seed, stream, ref counter) == 0 ? -1 : 1;
                order[d] = d;
            }

            for (int i = dimensions - 1; i > 0; i--)
            {
                int j = CounterHash.Below(i + 1, seed, stream, ref counter);
                (order[i], order[j]) = (order[j], order[i]);
            }

            for (int m = 0; m <= dimensions; m++)
            {
                long off = (((long)t * (dimensions + 1)) + m) * dimensions;
                for (int j = 0; j < dimensions; j++)
                {
                    // Column j of B*: factor order[j] moves between rows j and j+1, up or down by Δ as its sign says.
                    int b = m > j ? 1 : 0;
                    double g = xStar[j] + (delta / 2 * ((((2 * b) - 1) * sign[j]) + 1));
                    x[off + order[j]] = MorrisProbability(g, levels);
                }
            }
        }

        return x;
    }

    /// <summary>Rows per base sample in Saltelli's scheme: D + 2, or 2D + 2 with second-order rows.</summary>
    public static int SaltelliBlock(int dimensions, bool secondOrder) => secondOrder ? (2 * dimensions) + 2 : dimensions + 2;

    /// <summary>
    /// Saltelli's scheme on a scrambled 2D-dimensional Sobol sequence: A is its first D columns and B its last D.
    /// For each base sample i the block is A_i, A_B^(1..D) (A_i with column j from B_i), [B_A^(1..D)], B_i — the
    /// layout SALib's <c>saltelli.sample</c> writes, so files from either tool read the same.
    /// </summary>
    public static double[] Saltelli(int baseSamples, int dimensions, bool secondOrder, ulong seed)
    {
        if (2 * dimensions > JoeKuoDirections.MaxDimension)
        {
            throw new BallastInputException($"Sobol designs support up to {JoeKuoDirections.MaxDimension / 2} parameters (a 2D-dimensional Sobol sequence is needed); {dimensions} given",
                field: "--design", value: "sobol");
        }

        int block = SaltelliBlock(dimensions, secondOrder);
        long rows = (long)baseSamples * block;
        if (rows > MaxRows)
        {
            throw TooLarge(rows);
        }

        var sequence = new SobolSequence(2 * dimensions).Points(baseSamples, seed);
        var x = new double[rows * dimensions];
        int w = 2 * dimensions;
        for (int i = 0; i < baseSamples; i++)
        {
            var a = sequence.AsSpan(i * w, dimensions);
            var b = sequence.AsSpan((i * w) + dimensions, dimensions);
            long row = (long)i * block;
            a.CopyTo(x.AsSpan((int)(row * dimensions), dimensions));
            for (int j = 0; j < dimensions; j++)
            {
                var ab = x.AsSpan((int)((row + 1 + j) * dimensions), dimensions);
                a.CopyTo(ab);
                ab[j] = b[j];
            }

            if (secondOrder)
            {
                for (int j = 0; j < dimensions; j++)
                {
                    var ba = x.AsSpan((int)((row + 1 + dimensions + j) * dimensions), dimensions);
                    b.CopyTo(ba);
                    ba[j] = a[j];
                }
            }

            b.CopyTo(x.AsSpan((int)((row + block - 1) * dimensions), dimensions));
        }

        return x;
    }
}
