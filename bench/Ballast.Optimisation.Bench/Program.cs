using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Ballast.Optimisation.Inputs;
using Ballast.Optimisation.Model;
using Ballast.Optimisation.Solving;

// Solve times for the roles-and-missions optimiser. Solver calls take milliseconds to seconds, so a stopwatch
// median over repeats is as informative as BenchmarkDotNet here and keeps the run short on a shared machine.
int repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;

var built = ProblemBuilder.Build(new OptimiseRequest { Year = 2030, BudgetSharePercent = 3.5, Programmes = true });
var defaultLp = built.Problem with { Programmes = [] };
Report("default set, LP (12 x 7 x 6)", defaultLp, repeats);
Report("default set, MIP with 4 programmes", built.Problem, repeats);
var scaled = Scaled(40, 10, 12, seed: 20301);
Report("scaled, LP (40 x 7 x 10)", scaled with { Programmes = [] }, repeats);
Report("scaled, MIP with 12 programmes", scaled, repeats);

// The time limit: the scaled MIP stopped after 0.5 s reports its best allocation and the gap to the bound.
var early = RolesSolver.Federated(scaled, new SolverOptions(TimeLimitSeconds: 0.5));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"scaled MIP, 0.5 s limit: status {early.Status}, objective {early.Objective / 1000:F3}, best bound {early.BestBound / 1000:F3}, gap to bound {early.RelativeGap:P2}"));

static void Report(string label, RolesProblem p, int repeats)
{
    RolesSolver.Dividend(p); // warm-up: native library load, JIT
    var fed = new List<double>();
    var all = new List<double>();
    FederatedDividend? d = null;
    for (int r = 0; r < repeats; r++)
    {
        var sw = Stopwatch.StartNew();
        var f = RolesSolver.Federated(p);
        fed.Add(sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        d = RolesSolver.Dividend(p);
        all.Add(sw.Elapsed.TotalMilliseconds);
        _ = f;
    }

    fed.Sort();
    all.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-40} federated {fed[fed.Count / 2],9:F1} ms   dividend (federated + {p.N} autonomous + cheapest cover) {all[all.Count / 2],9:F1} ms   " +
        $"status {d!.Federated.Status}, gap to bound {d.Federated.RelativeGap:P3}, programmes {d.Federated.Programmes.Length}, dividend {d.Dividend / 1000:F1} bn ({d.DividendShareOfSpending:P1})"));
}

// A synthetic coalition: budgets log-uniform over two orders of magnitude, productivities 0.5-1.5, capitals and
// theatre points scattered over a 12,000 km box so some pairs are out of range, random programmes of 2-6 members.
static RolesProblem Scaled(int n, int t, int programmes, int seed)
{
    var rng = new Random(seed);
    const int m = 7;
    double[] cx = [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 12000)], cy = [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 8000)];
    double[] tx = [.. Enumerable.Range(0, t).Select(_ => rng.NextDouble() * 12000)], ty = [.. Enumerable.Range(0, t).Select(_ => rng.NextDouble() * 8000)];
    var reach = new double[n * t];
    for (int i = 0; i < n; i++)
    {
        for (int k = 0; k < t; k++)
        {
            reach[(i * t) + k] = LossOfStrength.Reach(Math.Sqrt(Math.Pow(cx[i] - tx[k], 2) + Math.Pow(cy[i] - ty[k], 2)), 10000, 10000);
        }
    }

    var budget = Enumerable.Range(0, n).Select(_ => 300 * Math.Pow(100, rng.NextDouble())).ToArray();
    double total = budget.Sum();
    var requirement = Enumerable.Range(0, m * t).Select(_ => total * 0.6 / (m * t) * (0.2 + (1.6 * rng.NextDouble()))).ToArray();
    var progs = ImmutableArray.CreateBuilder<ProgrammeOption>();
    for (int p = 0; p < programmes; p++)
    {
        var members = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(2 + rng.Next(5)).Order().ToImmutableArray();
        progs.Add(new ProgrammeOption($"prog{p}", rng.Next(m), members, 500 + (3000 * rng.NextDouble()), 1.1 + (0.3 * rng.NextDouble())));
    }

    return new RolesProblem
    {
        Countries = [.. Enumerable.Range(0, n).Select(i => $"C{i:D2}")],
        Missions = [.. Enumerable.Range(0, m).Select(k => $"m{k}")],
        Theatres = [.. Enumerable.Range(0, t).Select(k => $"t{k}")],
        Budget = [.. budget],
        Spending = [.. budget.Select(b => b / 0.3)],
        Productivity = [.. Enumerable.Range(0, n * m).Select(_ => 0.5 + rng.NextDouble())],
        Reach = [.. reach],
        Concern = [.. reach],
        Requirement = [.. requirement],
        Priority = [.. Enumerable.Range(0, t).Select(_ => 0.5 + rng.NextDouble())],
        GapWeight = 1,
        DuplicationWeight = 0.25,
        MoneyWeight = 0.05,
        Programmes = progs.ToImmutable(),
    };
}
