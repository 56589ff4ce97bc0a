using Ballast.Exploration.Search;

namespace Ballast.Exploration.Tests;

public class SearchTests
{
    /// <summary>A test problem given by a function of the variables (objectives, violations).</summary>
    private sealed class Problem(int variables, string[] objectives, int constraints, Action<double[], double[], double[]> f, double epsilon = 0.01) : ISearchProblem
    {
        public IReadOnlyList<SearchVariable> Variables { get; } = [.. Enumerable.Range(0, variables).Select(i => new SearchVariable($"x{i}", 0, 1))];

        public IReadOnlyList<SearchObjective> Objectives { get; } = [.. objectives.Select(o => new SearchObjective(o, epsilon))];

        public int Constraints => constraints;

        public bool Parallel { get; init; }

        public void Evaluate(IReadOnlyList<double[]> candidates, double[][] objectives, double[][] violations)
        {
            if (Parallel)
            {
                System.Threading.Tasks.Parallel.For(0, candidates.Count, c => f(candidates[c], objectives[c], violations[c]));
                return;
            }

            for (int c = 0; c < candidates.Count; c++)
            {
                f(candidates[c], objectives[c], violations[c]);
            }
        }
    }

    // Zitzler, Deb and Thiele (2000), "Comparison of multiobjective evolutionary algorithms: empirical results".
    private static void Zdt(double[] x, double[] f, Func<double, double, double> h)
    {
        double g = 1 + (9 * x.Skip(1).Sum() / (x.Length - 1));
        f[0] = x[0];
        f[1] = g * h(x[0], g);
    }

    private static Problem Zdt1(int constraints = 0) => new(30, ["f1", "f2"], constraints, (x, f, v) =>
    {
        Zdt(x, f, (f1, g) => 1 - Math.Sqrt(f1 / g));
        if (constraints > 0)
        {
            v[0] = Math.Max(0, 0.3 - f[0]); // f1 ≥ 0.3
        }
    });

    private static Problem Zdt2() => new(30, ["f1", "f2"], 0, (x, f, _) => Zdt(x, f, (f1, g) => 1 - ((f1 / g) * (f1 / g))));

    // Deb, Thiele, Laumanns and Zitzler (2002), DTLZ2 with 3 objectives and k = 10 (12 variables): the front is the
    // positive octant of the unit sphere.
    private static Problem Dtlz2() => new(12, ["f1", "f2", "f3"], 0, (x, f, _) =>
    {
        double g = x.Skip(2).Sum(xi => (xi - 0.5) * (xi - 0.5));
        double a = x[0] * Math.PI / 2;
        double b = x[1] * Math.PI / 2;
        f[0] = (1 + g) * Math.Cos(a) * Math.Cos(b);
        f[1] = (1 + g) * Math.Cos(a) * Math.Sin(b);
        f[2] = (1 + g) * Math.Sin(a);
    }, epsilon: 0.02);

    [Fact]
    public void Hypervolume_matches_closed_forms()
    {
        Assert.Equal(0.25, Hypervolumes.Of([[0.5, 0.5]], [1, 1]), 15);
        // Two boxes overlapping in [0.5,1]×[0.5,1]: 0.5 + 0.5 − 0.25.
        Assert.Equal(0.75, Hypervolumes.Of([[0, 0.5], [0.5, 0]], [1, 1]), 15);
        // A dominated point and a point outside the reference add nothing.
        Assert.Equal(0.75, Hypervolumes.Of([[0, 0.5], [0.5, 0], [0.6, 0.6], [1.2, 0]], [1, 1]), 15);
        // Three dimensions: one box, then inclusion–exclusion of two.
        Assert.Equal(0.125, Hypervolumes.Of([[0.5, 0.5, 0.5]], [1, 1, 1]), 15);
        Assert.Equal(0.5 + 0.5 - 0.25, Hypervolumes.Of([[0, 0.5, 0], [0.5, 0, 0]], [1, 1, 1]), 15);
        Assert.Equal(0, Hypervolumes.Of([], [1, 1]));
    }

    [Fact]
    public void Fronts_and_crowding_follow_the_definitions()
    {
        SearchSolution S(double a, double b, double violation = 0) => new([], [a, b], violation);
        var pop = new[] { S(1, 4), S(2, 2), S(4, 1), S(3, 3), S(5, 5), S(0, 0, violation: 1), S(0, 0, violation: 2) };
        // Feasible nondominated first; (3,3) is dominated by (2,2); (5,5) by (3,3); infeasible ones after all feasible,
        // the smaller violation first.
        Assert.Equal([0, 0, 0, 1, 2, 3, 4], Nsga2.Fronts(pop));
        var crowd = new double[pop.Length];
        Nsga2.Crowding(pop, [0, 1, 2], crowd);
        Assert.True(double.IsPositiveInfinity(crowd[0]));
        Assert.True(double.IsPositiveInfinity(crowd[2]));
        Assert.Equal(((4 - 1) / 3.0) + ((4 - 1) / 3.0), crowd[1], 15);
    }

    [Fact]
    public void The_epsilon_archive_keeps_one_solution_per_box_and_no_dominated_box()
    {
        var archive = new EpsilonArchive([0.1, 0.1]);
        SearchSolution S(double a, double b) => new([a, b], [a, b], 0);
        Assert.True(archive.Add(S(0.55, 0.55)));
        Assert.False(archive.Add(S(0.58, 0.58)));    // same box, dominated
        Assert.False(archive.Add(S(0.51, 0.59)));    // same box, neither dominates, farther from the corner (0.5, 0.5) in units of ε
        Assert.True(archive.Add(S(0.52, 0.53)));     // same box, nearer the corner: replaces (0.55, 0.55)
        Assert.Equal([[0.52, 0.53]], archive.Feasible().Select(s => s.Objectives));
        Assert.False(archive.Add(S(0.65, 0.65)));    // its box is dominated
        Assert.True(archive.Add(S(0.25, 0.95)));     // a new trade-off
        Assert.True(archive.Add(S(0.35, 0.45)));     // dominates the (0.5, 0.5) box: removes it
        Assert.Equal([[0.25, 0.95], [0.35, 0.45]], archive.Result().Select(s => s.Objectives));
        Assert.False(archive.Add(new SearchSolution([], [0, 0], 0.5)));
    }

    [Fact]
    public void Nsga2_converges_on_zdt1_and_zdt2()
    {
        // True fronts' hypervolumes against (1.1, 1.1): ZDT1 0.1 + 2/3 + 0.11, ZDT2 0.1 + 1/3 + 0.11.
        var zdt1 = Nsga2.Run(Zdt1(), new Nsga2Options(100, 250, Seed: 7), [1.1, 1.1]);
        Assert.Equal(100 * 251, zdt1.Evaluations);
        Assert.InRange(zdt1.Hypervolume[^1], 0.985 * (0.1 + (2 / 3.0) + 0.11), 0.1 + (2 / 3.0) + 0.11);
        Assert.All(zdt1.FinalFront, s => Assert.InRange(s.Objectives[1] - (1 - Math.Sqrt(s.Objectives[0])), -1e-12, 0.02));
        Assert.True(zdt1.Hypervolume[0] < 0.7 * zdt1.Hypervolume[^1], "the initial population is far from the front");

        var zdt2 = Nsga2.Run(Zdt2(), new Nsga2Options(100, 250, Seed: 7), [1.1, 1.1]);
        Assert.InRange(zdt2.Hypervolume[^1], 0.98 * (0.1 + (1 / 3.0) + 0.11), 0.1 + (1 / 3.0) + 0.11);
    }

    [Fact]
    public void Nsga2_converges_on_dtlz2_with_three_objectives()
    {
        var r = Nsga2.Run(Dtlz2(), new Nsga2Options(100, 200, Seed: 3));
        // The front is the unit sphere: hypervolume 1.1³ − π/6 for the whole surface; 100 points reach about 90 % of it.
        double truth = 1.331 - (Math.PI / 6);
        Assert.InRange(Hypervolumes.Of([.. r.Archive.Select(s => s.Objectives)], [1.1, 1.1, 1.1]), 0.95 * truth, truth);
        Assert.InRange(Hypervolumes.Of([.. r.FinalFront.Select(s => s.Objectives)], [1.1, 1.1, 1.1]), 0.8 * truth, truth);
        Assert.Empty(r.Hypervolume);
        Assert.All(r.Archive, s => Assert.InRange(Math.Sqrt(s.Objectives.Sum(v => v * v)), 1, 1.05));
        // One solution per ε-box, and no member's box dominated by another's.
        var boxes = r.Archive.Select(s => s.Objectives.Select(v => (long)Math.Floor(v / 0.02)).ToArray()).ToList();
        Assert.Equal(boxes.Count, boxes.Select(b => string.Join(",", b)).Distinct().Count());
        Assert.DoesNotContain(boxes, a => boxes.Any(b => !ReferenceEquals(a, b) && b.Zip(a).All(p => p.First <= p.Second)));
    }

    [Fact]
    public void Constraints_keep_the_archive_feasible()
    {
        var r = Nsga2.Run(Zdt1(constraints: 1), new Nsga2Options(100, 250, Seed: 11), [1.1, 1.1]);
        Assert.All(r.Archive, s => Assert.True(s.Feasible && s.Objectives[0] >= 0.3));
        // The constrained front f2 = 1 − √f1 for f1 ≥ 0.3.
        double truth = 0.07 + ((2 / 3.0) * (1 - Math.Pow(0.3, 1.5))) + 0.11;
        Assert.InRange(r.Hypervolume[^1], 0.98 * truth, truth);
    }

    [Fact]
    public void A_search_is_the_same_for_the_same_seed_whatever_the_evaluation_threads()
    {
        var serial = Nsga2.Run(Zdt1(), new Nsga2Options(20, 15, Seed: 5));
        var parallel = Nsga2.Run(new Problem(30, ["f1", "f2"], 0, (x, f, _) => Zdt(x, f, (f1, g) => 1 - Math.Sqrt(f1 / g))) { Parallel = true }, new Nsga2Options(20, 15, Seed: 5));
        Assert.Equal(serial.Archive.Select(s => s.Values), parallel.Archive.Select(s => s.Values));
        var other = Nsga2.Run(Zdt1(), new Nsga2Options(20, 15, Seed: 6));
        Assert.NotEqual(serial.Archive.Select(s => s.Values), other.Archive.Select(s => s.Values));
    }

    [Fact]
    public void Bad_settings_get_exact_messages()
    {
        var e = Assert.Throws<Ballast.Core.BallastInputException>(() => Nsga2.Run(Zdt1(), new Nsga2Options(Population: 7)));
        Assert.Equal("the population must be an even number of at least 4, not 7", e.Reason);
        Assert.Equal("--population", e.Field);
        var bad = new Problem(1, ["f"], 0, (_, _, _) => { }, epsilon: 0);
        var e2 = Assert.Throws<Ballast.Core.BallastInputException>(() => Nsga2.Run(bad, new Nsga2Options()));
        Assert.Equal("objective f: ε must be a positive number, not 0", e2.Reason);
    }
}
