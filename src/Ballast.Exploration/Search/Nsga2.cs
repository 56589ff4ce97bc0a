using Ballast.Exploration.Sampling;

namespace Ballast.Exploration.Search;

/// <summary>Settings of an NSGA-II search.</summary>
/// <param name="Population">Population size (even, ≥ 4).</param>
/// <param name="Generations">Generations after the initial population.</param>
/// <param name="Seed">Master seed: same problem, settings and seed give the same search.</param>
/// <param name="CrossoverProbability">Probability that a pair of parents is recombined (SBX).</param>
/// <param name="CrossoverIndex">Distribution index η_c of simulated binary crossover (larger = children nearer the parents).</param>
/// <param name="MutationIndex">Distribution index η_m of polynomial mutation.</param>
/// <param name="MutationProbability">Per-variable mutation probability; null = 1 / variables.</param>
public sealed record Nsga2Options(
    int Population = 100,
    int Generations = 100,
    ulong Seed = 1,
    double CrossoverProbability = 0.9,
    double CrossoverIndex = 15,
    double MutationIndex = 20,
    double? MutationProbability = null);

/// <summary>What a search found.</summary>
/// <param name="Archive">The ε-nondominated feasible solutions seen over the whole search (or, if none was feasible,
/// the least infeasible ones), ordered by the first objective.</param>
/// <param name="FinalFront">The first nondominated front of the last population.</param>
/// <param name="Evaluations">Candidates evaluated.</param>
/// <param name="Hypervolume">Hypervolume of the archive after each generation (generation 0 = the initial
/// population) against <see cref="Reference"/>, for convergence plots; empty when no reference was given.</param>
/// <param name="Reference">The reference point of <see cref="Hypervolume"/>, or null.</param>
public sealed record SearchResult(
    IReadOnlyList<SearchSolution> Archive,
    IReadOnlyList<SearchSolution> FinalFront,
    int Evaluations,
    IReadOnlyList<double> Hypervolume,
    double[]? Reference);

/// <summary>
/// NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002, "A fast and elitist multiobjective genetic algorithm: NSGA-II",
/// IEEE Trans. Evol. Comput. 6(2), 182–197): fast nondominated sorting, crowding distance, binary tournaments,
/// simulated binary crossover and polynomial mutation (Deb and Agrawal 1995; Deb and Goyal 1996, with the bounded
/// forms of Deb's reference code), and Deb's constrained domination (a feasible solution beats an infeasible one; two
/// infeasible ones compare by total violation). Every solution evaluated also enters an ε-box archive (Laumanns,
/// Thiele, Deb and Zitzler 2002, "Combining convergence and diversity in evolutionary multiobjective optimization",
/// Evol. Comput. 10(3)), as in ε-NSGA-II (Kollat and Reed 2006), so the result holds one solution per ε-box of the
/// trade-off surface at the resolution the analyst asked for. All randomness is counter-based: the search is the
/// same for any thread count the problem uses.
/// </summary>
public static class Nsga2
{
    private const ulong StreamInitial = 0x4E53_0001UL;
    private const ulong StreamTournament = 0x4E53_0002UL;
    private const ulong StreamVariation = 0x4E53_0003UL;

    /// <summary>Runs the search.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">Settings.</param>
    /// <param name="reference">Reference point for the hypervolume trace (one value per objective, worse than every
    /// solution of interest), or null for no trace.</param>
    /// <param name="progress">Receives (generation, generations) after each generation.</param>
    /// <param name="cancel">Stops between generations.</param>
    public static SearchResult Run(ISearchProblem problem, Nsga2Options options, double[]? reference = null,
        IProgress<(int Generation, int Generations)>? progress = null, CancellationToken cancel = default)
    {
        Validate(problem, options, reference);
        var vars = problem.Variables;
        int n = options.Population;
        var eps = problem.Objectives.Select(o => o.Epsilon).ToArray();
        var archive = new EpsilonArchive(eps);
        var hv = new List<double>();
        ulong seed = options.Seed;

        // Initial population: a Latin hypercube over the bounds, so every lever's range is covered from the start.
        var initial = new List<double[]>(n);
        for (int i = 0; i < n; i++)
        {
            initial.Add(new double[vars.Count]);
        }

        for (int v = 0; v < vars.Count; v++)
        {
            var perm = Permutation(n, seed, StreamInitial + ((ulong)v << 20));
            for (int i = 0; i < n; i++)
            {
                double u = (perm[i] + CounterHash.Uniform(seed, StreamInitial + ((ulong)v << 20) + 1, (ulong)i)) / n;
                initial[i][v] = vars[v].Lower + (u * (vars[v].Upper - vars[v].Lower));
            }
        }

        var population = Evaluate(problem, initial);
        int evaluations = n;
        foreach (var s in population)
        {
            archive.Add(s);
        }

        if (reference is not null)
        {
            hv.Add(Hypervolumes.Of(archive.Feasible().Select(s => s.Objectives).ToList(), reference));
        }

        var ranks = new int[n];
        var crowding = new double[n];
        RankAndCrowd(population, ranks, crowding);
        double pm = options.MutationProbability ?? (1.0 / vars.Count);
        for (int g = 1; g <= options.Generations; g++)
        {
            cancel.ThrowIfCancellationRequested();
            ulong tournament = 0;
            var children = new List<double[]>(n);
            for (int pair = 0; pair < n / 2; pair++)
            {
                int a = Tournament(ranks, crowding, n, seed, StreamTournament + ((ulong)g << 24), ref tournament);
                int b = Tournament(ranks, crowding, n, seed, StreamTournament + ((ulong)g << 24), ref tournament);
                var (c1, c2) = Variation(population[a].Values, population[b].Values, vars, options, pm,
                    seed, StreamVariation + ((ulong)g << 24) + ((ulong)pair << 4));
                children.Add(c1);
                children.Add(c2);
            }

            var offspring = Evaluate(problem, children);
            evaluations += offspring.Count;
            foreach (var s in offspring)
            {
                archive.Add(s);
            }

            population = Survive([.. population, .. offspring], n);
            RankAndCrowd(population, ranks, crowding);
            if (reference is not null)
            {
                hv.Add(Hypervolumes.Of(archive.Feasible().Select(s => s.Objectives).ToList(), reference));
            }

            progress?.Report((g, options.Generations));
        }

        var front = Enumerable.Range(0, n).Where(i => ranks[i] == 0).Select(i => population[i])
            .OrderBy(s => s.Objectives[0]).ToList();
        return new SearchResult(archive.Result(), front, evaluations, hv, reference);
    }

    private static void Validate(ISearchProblem problem, Nsga2Options o, double[]? reference)
    {
        if (problem.Variables.Count == 0)
        {
            throw new BallastInputException("a search needs at least one lever", field: "--levers");
        }

        foreach (var v in problem.Variables)
        {
            if (!(v.Upper > v.Lower) || !double.IsFinite(v.Lower) || !double.IsFinite(v.Upper))
            {
                throw new BallastInputException($"lever {v.Name}: the upper bound {v.Upper} must be above the lower bound {v.Lower}", field: "--levers", value: v.Name);
            }
        }

        if (problem.Objectives.Count == 0)
        {
            throw new BallastInputException("a search needs at least one objective", field: "--objectives");
        }

        foreach (var obj in problem.Objectives)
        {
            if (!(obj.Epsilon > 0) || !double.IsFinite(obj.Epsilon))
            {
                throw new BallastInputException($"objective {obj.Name}: ε must be a positive number, not {obj.Epsilon}", field: "--objectives", value: obj.Name);
            }
        }

        if (o.Population < 4 || o.Population % 2 != 0)
        {
            throw new BallastInputException($"the population must be an even number of at least 4, not {o.Population}", field: "--population");
        }

        if (o.Generations < 0)
        {
            throw new BallastInputException($"the generations must be 0 or more, not {o.Generations}", field: "--generations");
        }

        if (reference is not null && reference.Length != problem.Objectives.Count)
        {
            throw new ArgumentException("one reference value per objective", nameof(reference));
        }
    }

    private static List<SearchSolution> Evaluate(ISearchProblem problem, List<double[]> candidates)
    {
        var objectives = candidates.Select(_ => new double[problem.Objectives.Count]).ToArray();
        var violations = candidates.Select(_ => new double[problem.Constraints]).ToArray();
        problem.Evaluate(candidates, objectives, violations);
        var result = new List<SearchSolution>(candidates.Count);
        for (int i = 0; i < candidates.Count; i++)
        {
            double violation = 0;
            foreach (var v in violations[i])
            {
                // A NaN violation counts as violated: an unevaluable candidate must not pass as feasible.
                violation += double.IsNaN(v) ? double.MaxValue / 4 : Math.Max(0, v);
            }

            // NaN objectives (a run that produced no value) rank worst rather than poisoning comparisons.
            var obj = objectives[i].Select(x => double.IsNaN(x) ? double.PositiveInfinity : x).ToArray();
            result.Add(new SearchSolution(candidates[i], obj, violation));
        }

        return result;
    }

    /// <summary>Deb's constrained domination: feasibility first, then violation, then Pareto dominance.</summary>
    internal static bool Dominates(SearchSolution a, SearchSolution b)
    {
        if (a.Feasible != b.Feasible)
        {
            return a.Feasible;
        }

        if (!a.Feasible)
        {
            return a.Violation < b.Violation;
        }

        return ParetoDominates<double>(a.Objectives, b.Objectives);
    }

    /// <summary>True when <paramref name="a"/> is no worse (no larger) than <paramref name="b"/> everywhere and better somewhere.</summary>
    internal static bool ParetoDominates<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : System.Numerics.IComparisonOperators<T, T, bool>
    {
        bool better = false;
        for (int k = 0; k < a.Length; k++)
        {
            if (a[k] > b[k])
            {
                return false;
            }

            better |= a[k] < b[k];
        }

        return better;
    }

    /// <summary>Fast nondominated sorting: the front index of each solution (0 = nondominated).</summary>
    internal static int[] Fronts(IReadOnlyList<SearchSolution> pop)
    {
        int n = pop.Count;
        var dominated = new List<int>[n];
        var count = new int[n];
        var rank = new int[n];
        var current = new List<int>();
        for (int p = 0; p < n; p++)
        {
            dominated[p] = [];
            for (int q = 0; q < n; q++)
            {
                if (p == q)
                {
                    continue;
                }

                if (Dominates(pop[p], pop[q]))
                {
                    dominated[p].Add(q);
                }
                else if (Dominates(pop[q], pop[p]))
                {
                    count[p]++;
                }
            }

            if (count[p] == 0)
            {
                current.Add(p);
            }
        }

        int front = 0;
        while (current.Count > 0)
        {
            var next = new List<int>();
            foreach (int p in current)
            {
                rank[p] = front;
                foreach (int q in dominated[p])
                {
                    if (--count[q] == 0)
                    {
                        next.Add(q);
                    }
                }
            }

            front++;
            current = next;
        }

        return rank;
    }

    /// <summary>Crowding distance of the members of one front (boundary solutions get +∞).</summary>
    internal static void Crowding(IReadOnlyList<SearchSolution> pop, IReadOnlyList<int> members, double[] into)
    {
        foreach (int i in members)
        {
            into[i] = 0;
        }

        if (members.Count <= 2)
        {
            foreach (int i in members)
            {
                into[i] = double.PositiveInfinity;
            }

            return;
        }

        int m = pop[members[0]].Objectives.Length;
        var order = members.ToArray();
        for (int k = 0; k < m; k++)
        {
            // Ties broken by index so the order, and the search, never depend on the sort's stability.
            Array.Sort(order, (x, y) =>
            {
                int c = pop[x].Objectives[k].CompareTo(pop[y].Objectives[k]);
                return c != 0 ? c : x.CompareTo(y);
            });
            double lo = pop[order[0]].Objectives[k];
            double hi = pop[order[^1]].Objectives[k];
            into[order[0]] = double.PositiveInfinity;
            into[order[^1]] = double.PositiveInfinity;
            double span = hi - lo;
            if (!(span > 0) || !double.IsFinite(span))
            {
                continue;
            }

            for (int j = 1; j < order.Length - 1; j++)
            {
                into[order[j]] += (pop[order[j + 1]].Objectives[k] - pop[order[j - 1]].Objectives[k]) / span;
            }
        }
    }

    private static void RankAndCrowd(IReadOnlyList<SearchSolution> pop, int[] ranks, double[] crowding)
    {
        var r = Fronts(pop);
        Array.Copy(r, ranks, r.Length);
        foreach (var group in Enumerable.Range(0, pop.Count).GroupBy(i => r[i]))
        {
            Crowding(pop, group.ToList(), crowding);
        }
    }

    /// <summary>Elitist survival: whole fronts while they fit, then the least crowded of the front that does not.</summary>
    internal static List<SearchSolution> Survive(List<SearchSolution> merged, int n)
    {
        var rank = Fronts(merged);
        var crowd = new double[merged.Count];
        var next = new List<SearchSolution>(n);
        foreach (var front in Enumerable.Range(0, merged.Count).GroupBy(i => rank[i]).OrderBy(g => g.Key))
        {
            var members = front.ToList();
            if (next.Count + members.Count <= n)
            {
                next.AddRange(members.Select(i => merged[i]));
                if (next.Count == n)
                {
                    break;
                }

                continue;
            }

            Crowding(merged, members, crowd);
            members.Sort((x, y) =>
            {
                int c = crowd[y].CompareTo(crowd[x]);
                return c != 0 ? c : x.CompareTo(y);
            });
            next.AddRange(members.Take(n - next.Count).Select(i => merged[i]));
            break;
        }

        return next;
    }

    private static int Tournament(int[] ranks, double[] crowding, int n, ulong seed, ulong stream, ref ulong counter)
    {
        int a = CounterHash.Below(n, seed, stream, ref counter);
        int b = CounterHash.Below(n, seed, stream, ref counter);
        if (ranks[a] != ranks[b])
        {
            return ranks[a] < ranks[b] ? a : b;
        }

        if (crowding[a] != crowding[b])
        {
            return crowding[a] > crowding[b] ? a : b;
        }

        return Math.Min(a, b);
    }

    /// <summary>Simulated binary crossover then polynomial mutation, both bounded (Deb's reference implementation).</summary>
    private static (double[] C1, double[] C2) Variation(double[] p1, double[] p2, IReadOnlyList<SearchVariable> vars,
        Nsga2Options o, double pm, ulong seed, ulong stream)
    {
        ulong counter = 0;
        double U() => CounterHash.Uniform(seed, stream, counter++);
        var c1 = (double[])p1.Clone();
        var c2 = (double[])p2.Clone();
        if (U() <= o.CrossoverProbability)
        {
            for (int v = 0; v < vars.Count; v++)
            {
                double swap = U();
                double u = U();
                double pick = U();
                if (pick > 0.5 || Math.Abs(p1[v] - p2[v]) <= 1e-14)
                {
                    continue;
                }

                double y1 = Math.Min(p1[v], p2[v]);
                double y2 = Math.Max(p1[v], p2[v]);
                double lo = vars[v].Lower;
                double hi = vars[v].Upper;
                double ec = o.CrossoverIndex;
                double beta = 1.0 + (2.0 * (y1 - lo) / (y2 - y1));
                double alpha = 2.0 - Math.Pow(beta, -(ec + 1.0));
                double bq = u <= 1.0 / alpha ? Math.Pow(u * alpha, 1.0 / (ec + 1.0)) : Math.Pow(1.0 / (2.0 - (u * alpha)), 1.0 / (ec + 1.0));
                double x1 = 0.5 * (y1 + y2 - (bq * (y2 - y1)));
                beta = 1.0 + (2.0 * (hi - y2) / (y2 - y1));
                alpha = 2.0 - Math.Pow(beta, -(ec + 1.0));
                bq = u <= 1.0 / alpha ? Math.Pow(u * alpha, 1.0 / (ec + 1.0)) : Math.Pow(1.0 / (2.0 - (u * alpha)), 1.0 / (ec + 1.0));
                double x2 = 0.5 * (y1 + y2 + (bq * (y2 - y1)));
                x1 = Math.Clamp(x1, lo, hi);
                x2 = Math.Clamp(x2, lo, hi);
                (c1[v], c2[v]) = swap <= 0.5 ? (x2, x1) : (x1, x2);
            }
        }

        Mutate(c1, vars, o.MutationIndex, pm, U);
        Mutate(c2, vars, o.MutationIndex, pm, U);
        return (c1, c2);
    }

    private static void Mutate(double[] x, IReadOnlyList<SearchVariable> vars, double em, double pm, Func<double> uniform)
    {
        for (int v = 0; v < vars.Count; v++)
        {
            double pick = uniform();
            double u = uniform();
            if (pick > pm)
            {
                continue;
            }

            double lo = vars[v].Lower;
            double hi = vars[v].Upper;
            double d1 = (x[v] - lo) / (hi - lo);
            double d2 = (hi - x[v]) / (hi - lo);
            double power = 1.0 / (em + 1.0);
            double dq = u < 0.5
                ? Math.Pow((2.0 * u) + ((1.0 - (2.0 * u)) * Math.Pow(1.0 - d1, em + 1.0)), power) - 1.0
                : 1.0 - Math.Pow((2.0 * (1.0 - u)) + (2.0 * (u - 0.5) * Math.Pow(1.0 - d2, em + 1.0)), power);
            x[v] = Math.Clamp(x[v] + (dq * (hi - lo)), lo, hi);
        }
    }

    private static int[] Permutation(int n, ulong seed, ulong stream)
    {
        var p = Enumerable.Range(0, n).ToArray();
        ulong counter = 0;
        for (int i = n - 1; i > 0; i--)
        {
            int j = CounterHash.Below(i + 1, seed, stream, ref counter);
            (p[i], p[j]) = (p[j], p[i]);
        }

        return p;
    }
}
