using Ballast.Exploration.Sensitivity;

namespace Ballast.Exploration.Discovery;

/// <summary>PRIM settings.</summary>
/// <param name="PeelAlpha">Share of the box's points removed by one peel (Friedman and Fisher's α; 0.05 as in the EMA Workbench).</param>
/// <param name="PasteAlpha">Share of the box's points added by one paste.</param>
/// <param name="MassMin">Peeling stops before the box holds less than this share of all points.</param>
/// <param name="Threshold">Density the default box choice aims for (the EMA Workbench's threshold, 0.8).</param>
public sealed record PrimOptions(double PeelAlpha = 0.05, double PasteAlpha = 0.05, double MassMin = 0.05, double Threshold = 0.8);

/// <summary>One side of one restricted dimension of a box, with its quasi-p-value.</summary>
/// <param name="Dimension">Input index.</param>
/// <param name="Name">Input name.</param>
/// <param name="Lower">Box lower bound.</param>
/// <param name="Upper">Box upper bound.</param>
/// <param name="QuasiPLower">Quasi-p-value of the lower restriction (NaN when not restricted there).</param>
/// <param name="QuasiPUpper">Quasi-p-value of the upper restriction (NaN when not restricted there).</param>
public sealed record Restriction(int Dimension, string Name, double Lower, double Upper, double QuasiPLower, double QuasiPUpper);

/// <summary>A box on the peeling trajectory.</summary>
/// <param name="Index">Position on the trajectory (0 = all data).</param>
/// <param name="Lower">Lower limits per input.</param>
/// <param name="Upper">Upper limits per input.</param>
/// <param name="Count">Points in the box.</param>
/// <param name="Coverage">Share of all cases of interest that lie in the box.</param>
/// <param name="Density">Share of the box's points that are cases of interest.</param>
/// <param name="Mass">Share of all points in the box.</param>
/// <param name="Restricted">Number of restricted inputs.</param>
/// <param name="Pasted">True when the box came from pasting rather than peeling.</param>
public sealed record PrimBox(int Index, double[] Lower, double[] Upper, int Count, double Coverage, double Density, double Mass, int Restricted, bool Pasted);

/// <summary>The result of PRIM: the peeling (and pasting) trajectory and the chosen box.</summary>
/// <param name="Inputs">Input names.</param>
/// <param name="Trajectory">Boxes in order.</param>
/// <param name="Chosen">Index of the default box (see <see cref="Prim.Find"/>).</param>
/// <param name="Cases">Cases of interest in the data.</param>
/// <param name="Points">Points in the data.</param>
public sealed record PrimResult(IReadOnlyList<string> Inputs, IReadOnlyList<PrimBox> Trajectory, int Chosen, int Cases, int Points);

/// <summary>
/// The Patient Rule Induction Method (Friedman and Fisher 1999, "Bump hunting in high-dimensional data", Statistics and
/// Computing 9, 123–143) for scenario discovery (Bryant and Lempert 2010). Peeling: repeatedly remove the α-share
/// slice from the lower or upper end of one input that leaves the box with the highest density (share of cases of
/// interest), until the box would hold less than <see cref="PrimOptions.MassMin"/> of the data. Pasting: then
/// repeatedly widen one side by α of the box's points while that raises the density. Quasi-p-values per restriction
/// follow the EMA Workbench: a one-sided binomial test of the box's cases against the density of the box with that
/// one restriction removed.
/// </summary>
public static class Prim
{
    /// <summary>
    /// Runs PRIM on inputs <paramref name="x"/> (one array per input, all of the same length) and the classification
    /// <paramref name="y"/> (true = case of interest). The chosen box is the one with the largest coverage × density among
    /// those whose density reaches <see cref="PrimOptions.Threshold"/> (a balance of the two, since peeling trades one for
    /// the other), or the densest box when none does; any other box on the trajectory can be inspected instead.
    /// </summary>
    public static PrimResult Find(IReadOnlyList<double[]> x, IReadOnlyList<string> names, bool[] y, PrimOptions? options = null)
    {
        options ??= new PrimOptions();
        int m = x.Count;
        int n = y.Length;
        if (m == 0 || names.Count != m || x.Any(c => c.Length != n))
        {
            throw new ArgumentException("inputs and names must match and every input must have one value per point");
        }

        if (n == 0)
        {
            throw new BallastInputException("no runs to analyse", field: "--where");
        }

        if (!(options.PeelAlpha > 0 && options.PeelAlpha < 0.5) || !(options.PasteAlpha > 0 && options.PasteAlpha < 0.5))
        {
            throw new BallastInputException("peeling and pasting alpha must be in (0, 0.5)", field: "--alpha",
                value: options.PeelAlpha.ToString(CultureInfo.InvariantCulture));
        }

        int cases = y.Count(v => v);
        if (cases == 0)
        {
            throw new BallastInputException("no run satisfies the condition, so there is nothing to discover; loosen --where", field: "--where");
        }

        for (int j = 0; j < m; j++)
        {
            foreach (var v in x[j])
            {
                if (double.IsNaN(v))
                {
                    throw new BallastInputException($"input '{names[j]}' has missing values", field: names[j]);
                }
            }
        }

        var state = new State(x, y);
        var trajectory = new List<PrimBox> { state.Snapshot(0, false, cases) };

        // Sorted order of the box's points per input, kept sorted as points leave (a stable filter).
        var order = new int[m][];
        for (int j = 0; j < m; j++)
        {
            var col = x[j];
            order[j] = Enumerable.Range(0, n).ToArray();
            Array.Sort(order[j], (p, q) => col[p].CompareTo(col[q]) is var c && c != 0 ? c : p.CompareTo(q));
        }

        int minCount = (int)Math.Ceiling(options.MassMin * n);
        while (true)
        {
            int bestDim = -1;
            bool bestUpper = false;
            double bestThreshold = 0;
            double bestDensity = double.NegativeInfinity;
            int bestCount = 0;
            int size = state.Count;
            int k = Math.Max(1, (int)Math.Floor(options.PeelAlpha * size));
            for (int j = 0; j < m; j++)
            {
                var ord = order[j];
                var col = x[j];
                for (int side = 0; side < 2; side++)
                {
                    // Lower peel: keep x ≥ value at rank k; upper peel: keep x ≤ value at rank size-1-k (ties stay in).
                    double t = side == 0 ? col[ord[k]] : col[ord[size - 1 - k]];
                    int removed = 0;
                    int removedCases = 0;
                    if (side == 0)
                    {
                        for (int i = 0; i < size && col[ord[i]] < t; i++)
                        {
                            removed++;
                            removedCases += y[ord[i]] ? 1 : 0;
                        }
                    }
                    else
                    {
                        for (int i = size - 1; i >= 0 && col[ord[i]] > t; i--)
                        {
                            removed++;
                            removedCases += y[ord[i]] ? 1 : 0;
                        }
                    }

                    int left = size - removed;
                    if (removed == 0 || left < minCount)
                    {
                        continue;
                    }

                    double density = (state.Cases - removedCases) / (double)left;
                    if (density > bestDensity + 1e-15)
                    {
                        (bestDim, bestUpper, bestThreshold, bestDensity, bestCount) = (j, side == 1, t, density, left);
                    }
                }
            }

            if (bestDim < 0 || bestDensity < state.Density - 1e-15)
            {
                break;
            }

            if (bestUpper)
            {
                state.Upper[bestDim] = bestThreshold;
            }
            else
            {
                state.Lower[bestDim] = bestThreshold;
            }

            state.Recount();
            for (int j = 0; j < m; j++)
            {
                order[j] = Array.FindAll(order[j], p => state.In[p]);
            }

            trajectory.Add(state.Snapshot(trajectory.Count, false, cases));
        }

        Paste(state, x, y, options, trajectory, cases);
        int chosen = Choose(trajectory, options.Threshold);
        return new PrimResult(names, trajectory, chosen, cases, n);
    }

    private static void Paste(State state, IReadOnlyList<double[]> x, bool[] y, PrimOptions options, List<PrimBox> trajectory, int cases)
    {
        int m = x.Count;
        int n = y.Length;
        var outside = new List<(double V, bool Y)>();
        while (true)
        {
            int k = Math.Max(1, (int)Math.Floor(options.PasteAlpha * state.Count));
            int bestDim = -1;
            bool bestUpper = false;
            double bestBound = 0;
            double bestDensity = state.Density;
            for (int j = 0; j < m; j++)
            {
                var col = x[j];
                for (int side = 0; side < 2; side++)
                {
                    // Points that satisfy every other limit and lie beyond this side's limit, nearest first.
                    outside.Clear();
                    for (int p = 0; p < n; p++)
                    {
                        double v = col[p];
                        bool beyond = side == 0 ? v < state.Lower[j] : v > state.Upper[j];
                        if (beyond && state.InExcept(p, j))
                        {
                            outside.Add((v, y[p]));
                        }
                    }

                    if (outside.Count == 0)
                    {
                        continue;
                    }

                    outside.Sort((a, b) => side == 0 ? b.V.CompareTo(a.V) : a.V.CompareTo(b.V));
                    int take = Math.Min(k, outside.Count);
                    double bound = outside[take - 1].V;

                    // Ties with the new bound come in too.
                    while (take < outside.Count && outside[take].V == bound)
                    {
                        take++;
                    }

                    int added = 0;
                    for (int i = 0; i < take; i++)
                    {
                        added += outside[i].Y ? 1 : 0;
                    }

                    double density = (state.Cases + added) / (double)(state.Count + take);
                    if (density > bestDensity + 1e-15)
                    {
                        (bestDim, bestUpper, bestBound, bestDensity) = (j, side == 1, bound, density);
                    }
                }
            }

            if (bestDim < 0)
            {
                return;
            }

            if (bestUpper)
            {
                state.Upper[bestDim] = bestBound;
            }
            else
            {
                state.Lower[bestDim] = bestBound;
            }

            state.Recount();
            trajectory.Add(state.Snapshot(trajectory.Count, true, cases));
        }
    }

    private static double Score(PrimBox b) => b.Coverage * b.Density;

    private static int Choose(List<PrimBox> trajectory, double threshold)
    {
        int best = -1;
        for (int i = 0; i < trajectory.Count; i++)
        {
            if (trajectory[i].Density >= threshold && (best < 0 || Score(trajectory[i]) > Score(trajectory[best]) + 1e-12))
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            return best;
        }

        best = 0;
        for (int i = 1; i < trajectory.Count; i++)
        {
            if (trajectory[i].Density > trajectory[best].Density)
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// The restricted inputs of a box with their quasi-p-values: for each restricted side, P(X ≥ H) for X ~
    /// Binomial(T, p), where H and T are the cases and points in the box and p is the density of the box with that
    /// one restriction removed (EMA Workbench, <c>prim.calculate_qp</c>). Small values mean the restriction matters.
    /// </summary>
    public static IReadOnlyList<Restriction> Restrictions(IReadOnlyList<double[]> x, IReadOnlyList<string> names, bool[] y, PrimBox box)
    {
        var all = new State(x, y);
        var result = new List<Restriction>();
        for (int j = 0; j < x.Count; j++)
        {
            bool lowerRestricted = box.Lower[j] > all.Lower[j];
            bool upperRestricted = box.Upper[j] < all.Upper[j];
            if (!lowerRestricted && !upperRestricted)
            {
                continue;
            }

            double QuasiP(bool lowerSide)
            {
                var lower = (double[])box.Lower.Clone();
                var upper = (double[])box.Upper.Clone();
                if (lowerSide)
                {
                    lower[j] = all.Lower[j];
                }
                else
                {
                    upper[j] = all.Upper[j];
                }

                var (count, cases) = Count(x, y, lower, upper);
                return Statistics.BinomialUpperTail((int)Math.Round(box.Density * box.Count), box.Count, cases / (double)count);
            }

            result.Add(new Restriction(j, names[j], box.Lower[j], box.Upper[j],
                lowerRestricted ? QuasiP(true) : double.NaN, upperRestricted ? QuasiP(false) : double.NaN));
        }

        return result;
    }

    private static (int Count, int Cases) Count(IReadOnlyList<double[]> x, bool[] y, double[] lower, double[] upper)
    {
        int count = 0;
        int cases = 0;
        for (int p = 0; p < y.Length; p++)
        {
            bool inside = true;
            for (int j = 0; j < x.Count && inside; j++)
            {
                double v = x[j][p];
                inside = v >= lower[j] && v <= upper[j];
            }

            if (inside)
            {
                count++;
                cases += y[p] ? 1 : 0;
            }
        }

        return (count, cases);
    }

    private sealed class State
    {
        private readonly IReadOnlyList<double[]> _x;
        private readonly bool[] _y;
        private readonly double[] _min;
        private readonly double[] _max;

        public State(IReadOnlyList<double[]> x, bool[] y)
        {
            _x = x;
            _y = y;
            Lower = x.Select(c => c.Min()).ToArray();
            Upper = x.Select(c => c.Max()).ToArray();
            _min = (double[])Lower.Clone();
            _max = (double[])Upper.Clone();
            In = new bool[y.Length];
            Recount();
        }

        public double[] Lower { get; }

        public double[] Upper { get; }

        public bool[] In { get; }

        public int Count { get; private set; }

        public int Cases { get; private set; }

        public double Density => Count == 0 ? 0 : Cases / (double)Count;

        public bool InExcept(int p, int except)
        {
            for (int j = 0; j < _x.Count; j++)
            {
                if (j != except)
                {
                    double v = _x[j][p];
                    if (v < Lower[j] || v > Upper[j])
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public void Recount()
        {
            Count = 0;
            Cases = 0;
            for (int p = 0; p < _y.Length; p++)
            {
                In[p] = InExcept(p, -1);
                if (In[p])
                {
                    Count++;
                    Cases += _y[p] ? 1 : 0;
                }
            }
        }

        public PrimBox Snapshot(int index, bool pasted, int totalCases)
        {
            int restricted = 0;
            for (int j = 0; j < Lower.Length; j++)
            {
                restricted += Lower[j] > _min[j] || Upper[j] < _max[j] ? 1 : 0;
            }

            return new PrimBox(index, (double[])Lower.Clone(), (double[])Upper.Clone(), Count, Cases / (double)totalCases,
                Density, Count / (double)_y.Length, restricted, pasted);
        }
    }
}
