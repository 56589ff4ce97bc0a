namespace Ballast.Exploration.Search;

/// <summary>
/// An ε-box dominance archive (Laumanns et al. 2002): objective space is cut into boxes of side ε; the archive keeps at
/// most one solution per box and none whose box is dominated by another's, so it converges to the Pareto front while
/// keeping solutions spread at the resolution the analyst set. Within a box a solution that Pareto-dominates the
/// incumbent replaces it; otherwise the one nearer the box's ideal corner is kept. Infeasible solutions never enter;
/// the least infeasible one is remembered in case nothing feasible is ever found.
/// </summary>
public sealed class EpsilonArchive(double[] epsilons)
{
    private readonly List<(SearchSolution Solution, long[] Box)> _members = [];
    private SearchSolution? _leastInfeasible;

    /// <summary>Offers a solution; returns true when it entered the archive.</summary>
    public bool Add(SearchSolution s)
    {
        if (!s.Feasible)
        {
            if (_leastInfeasible is null || s.Violation < _leastInfeasible.Violation)
            {
                _leastInfeasible = s;
            }

            return false;
        }

        if (s.Objectives.Any(v => !double.IsFinite(v)))
        {
            return false;
        }

        var box = Box(s.Objectives);
        for (int i = 0; i < _members.Count; i++)
        {
            var (other, otherBox) = _members[i];
            if (Same(box, otherBox))
            {
                if (Nsga2.ParetoDominates<double>(s.Objectives, other.Objectives)
                    || (!Nsga2.ParetoDominates<double>(other.Objectives, s.Objectives) && Corner(s.Objectives, box) < Corner(other.Objectives, otherBox)))
                {
                    _members[i] = (s, box);
                    return true;
                }

                return false;
            }

            if (BoxDominates(otherBox, box))
            {
                return false;
            }
        }

        _members.RemoveAll(x => BoxDominates(box, x.Box));
        _members.Add((s, box));
        return true;
    }

    /// <summary>The feasible members.</summary>
    public IEnumerable<SearchSolution> Feasible() => _members.Select(x => x.Solution);

    /// <summary>The members ordered by objective values, or the least infeasible solution when none is feasible.</summary>
    public IReadOnlyList<SearchSolution> Result()
    {
        if (_members.Count == 0)
        {
            return _leastInfeasible is null ? [] : [_leastInfeasible];
        }

        return [.. _members.Select(x => x.Solution).OrderBy(s => s.Objectives, Lexicographic.Instance)];
    }

    private long[] Box(double[] f)
    {
        var b = new long[f.Length];
        for (int k = 0; k < f.Length; k++)
        {
            b[k] = (long)Math.Floor(f[k] / epsilons[k]);
        }

        return b;
    }

    private static bool Same(long[] a, long[] b) => a.AsSpan().SequenceEqual(b);

    private static bool BoxDominates(long[] a, long[] b) => Nsga2.ParetoDominates<long>(a, b);

    /// <summary>Squared distance, in units of ε, from the box's ideal (lower) corner.</summary>
    private double Corner(double[] f, long[] box)
    {
        double d = 0;
        for (int k = 0; k < f.Length; k++)
        {
            double x = (f[k] / epsilons[k]) - box[k];
            d += x * x;
        }

        return d;
    }

    private sealed class Lexicographic : IComparer<double[]>
    {
        public static readonly Lexicographic Instance = new();

        public int Compare(double[]? x, double[]? y)
        {
            for (int k = 0; k < x!.Length; k++)
            {
                int c = x[k].CompareTo(y![k]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }
    }
}
