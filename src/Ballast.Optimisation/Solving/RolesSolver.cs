using Google.OrTools.LinearSolver;

namespace Ballast.Optimisation.Solving;

/// <summary>Solver settings.</summary>
/// <param name="TimeLimitSeconds">Wall-clock limit per solve; a MIP that hits it returns its best allocation with the gap to the bound.</param>
/// <param name="RelativeMipGap">Relative optimality gap at which the MIP stops (SCIP's default is 1e-4).</param>
public sealed record SolverOptions(double TimeLimitSeconds = 30, double RelativeMipGap = 1e-6)
{
    /// <summary>Default settings.</summary>
    public static SolverOptions Default { get; } = new();
}

/// <summary>
/// Solves the roles-and-missions problem with Google OR-Tools: GLOP for the linear programme, SCIP for the
/// mixed-integer programme when co-development programmes are yes/no decisions. See <c>docs/optimiser.md</c>
/// for the formulation.
/// </summary>
public static class RolesSolver
{
    // The LP works in US$ billions: coefficients near 1 keep the simplex well conditioned.
    private const double Scale = 1e-3;

    /// <summary>The federated allocation: one coalition problem over every country's investment.</summary>
    public static RolesSolution Federated(RolesProblem problem, SolverOptions? options = null)
    {
        problem.Validate();
        var all = Enumerable.Repeat(true, problem.N).ToArray();
        var s = Solve(problem, all, problem.Requirement.ToArray(), problem.Programmes, floor: null, options ?? SolverOptions.Default);
        return Score(problem, s, AllocationMode.Federated);
    }

    /// <summary>
    /// The autonomous allocation: each country alone covers its own view of the requirement (the coalition
    /// requirement times its concern for each theatre) with no programmes; the allocations are added up and scored
    /// against the coalition requirement.
    /// </summary>
    public static RolesSolution Autonomous(RolesProblem problem, SolverOptions? options = null)
    {
        problem.Validate();
        var opts = options ?? SolverOptions.Default;
        int n = problem.N, m = problem.M, t = problem.T;
        var investment = new double[n * m * t];
        var budgetValue = new double[n];
        var solvers = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var only = new bool[n];
            only[i] = true;
            var own = new double[m * t];
            for (int mm = 0; mm < m; mm++)
            {
                for (int tt = 0; tt < t; tt++)
                {
                    own[(mm * t) + tt] = problem.RequirementOf(mm, tt) * problem.Concern[(i * t) + tt];
                }
            }

            var s = Solve(problem, only, own, [], floor: null, opts);
            for (int k = i * m * t; k < (i + 1) * m * t; k++)
            {
                investment[k] = s.Investment[k];
            }

            budgetValue[i] = s.BudgetValue[i];
            solvers.Add(s.Solver);
        }

        var combined = new RawSolution(investment, new bool[problem.Programmes.Length], budgetValue, 0, 0, 0, SolveStatus.Optimal, string.Join("+", solvers));
        return Score(problem, combined, AllocationMode.Autonomous);
    }

    /// <summary>
    /// The least money (investment plus programme costs) with which the coalition fields at least
    /// <paramref name="coverage"/> (<c>[m * T + t]</c>) in every mission and theatre, within budgets.
    /// </summary>
    public static RolesSolution CheapestCover(RolesProblem problem, IReadOnlyList<double> coverage, SolverOptions? options = null)
    {
        problem.Validate();
        if (coverage.Count != problem.M * problem.T)
        {
            throw new ArgumentException($"coverage has {coverage.Count} cells, expected {problem.M * problem.T}", nameof(coverage));
        }

        var all = Enumerable.Repeat(true, problem.N).ToArray();
        var s = Solve(problem, all, problem.Requirement.ToArray(), problem.Programmes, coverage.ToArray(), options ?? SolverOptions.Default);
        return Score(problem, s, AllocationMode.CheapestCover);
    }

    /// <summary>
    /// Solves federated and autonomous, then prices the federated dividend: the money the coalition saves when it
    /// matches, in every mission and theatre, the coverage the countries reach on their own.
    /// </summary>
    public static FederatedDividend Dividend(RolesProblem problem, SolverOptions? options = null)
    {
        var federated = Federated(problem, options);
        var autonomous = Autonomous(problem, options);
        var covered = new double[problem.M * problem.T];
        for (int k = 0; k < covered.Length; k++)
        {
            // A hair below the autonomous coverage so solver tolerances never make the floor unattainable.
            covered[k] = Math.Min(autonomous.Capability[k], problem.Requirement[k]) * (1 - 1e-9);
        }

        var cheapest = CheapestCover(problem, covered, options);
        double dividend = autonomous.TotalSpend - cheapest.TotalSpend;
        double spending = problem.TotalSpending;
        double invested = autonomous.TotalSpend;
        return new FederatedDividend(
            federated,
            autonomous,
            cheapest,
            dividend,
            spending > 0 ? dividend / spending : double.NaN,
            invested > 0 ? dividend / invested : double.NaN);
    }

    /// <summary>Capability per mission and theatre of an allocation, with programme boosts (<c>boost[p]</c> = programme on).</summary>
    public static double[] CapabilityOf(RolesProblem problem, IReadOnlyList<double> investment, IReadOnlyList<bool> programmesOn)
    {
        int n = problem.N, m = problem.M, t = problem.T;
        var cap = new double[m * t];
        var multiplier = new double[n * m];
        Array.Fill(multiplier, 1.0);
        for (int p = 0; p < problem.Programmes.Length; p++)
        {
            if (!programmesOn[p])
            {
                continue;
            }

            var prog = problem.Programmes[p];
            foreach (var i in prog.Members)
            {
                // Two programmes in the same mission do not stack: a dollar is boosted by the best one.
                multiplier[(i * m) + prog.Mission] = Math.Max(multiplier[(i * m) + prog.Mission], prog.Multiplier);
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int mm = 0; mm < m; mm++)
            {
                for (int tt = 0; tt < t; tt++)
                {
                    cap[(mm * t) + tt] += problem.Yield(i, mm, tt) * multiplier[(i * m) + mm] * investment[(((i * m) + mm) * t) + tt];
                }
            }
        }

        return cap;
    }

    private static RolesSolution Score(RolesProblem problem, RawSolution s, AllocationMode mode)
    {
        int n = problem.N, t = problem.T;
        var cap = CapabilityOf(problem, s.Investment, s.On);
        var gap = new double[cap.Length];
        var dup = new double[cap.Length];
        double objective = 0;
        for (int k = 0; k < cap.Length; k++)
        {
            double d = cap[k] - problem.Requirement[k];
            gap[k] = Math.Max(0, -d);
            dup[k] = Math.Max(0, d);
            objective += problem.Priority[k % t] * ((problem.GapWeight * gap[k]) + (problem.DuplicationWeight * dup[k]));
        }

        var spend = new double[n];
        var programmeCost = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int k = i * problem.M * t; k < (i + 1) * problem.M * t; k++)
            {
                spend[i] += s.Investment[k];
            }
        }

        var chosen = ImmutableArray.CreateBuilder<string>();
        for (int p = 0; p < problem.Programmes.Length; p++)
        {
            if (!s.On[p])
            {
                continue;
            }

            var prog = problem.Programmes[p];
            chosen.Add(prog.Name);
            double members = prog.Members.Sum(i => problem.Budget[i]);
            foreach (var i in prog.Members)
            {
                double share = members > 0 ? problem.Budget[i] / members : 1.0 / prog.Members.Length;
                programmeCost[i] += share * prog.FixedCost;
            }
        }

        for (int i = 0; i < n; i++)
        {
            spend[i] += programmeCost[i];
        }

        objective += problem.MoneyWeight * spend.Sum();
        return new RolesSolution(
            mode, s.Status, s.Solver, objective, s.BestBound, s.RelativeGap,
            Investment: [.. s.Investment], Capability: [.. cap], Gap: [.. gap], Duplication: [.. dup],
            Spend: [.. spend], ProgrammeCost: [.. programmeCost], Programmes: chosen.ToImmutable(), BudgetValue: [.. s.BudgetValue]);
    }

    private sealed record RawSolution(
        double[] Investment, bool[] On, double[] BudgetValue, double SolverObjective, double BestBound, double RelativeGap, SolveStatus Status, string Solver);

    /// <summary>
    /// Builds and solves one model over the active countries. With <paramref name="floor"/> null it minimises the
    /// weighted gaps and duplication against <paramref name="requirement"/> plus γ·money; otherwise it minimises money
    /// subject to capability ≥ floor in every cell.
    /// </summary>
    private static RawSolution Solve(RolesProblem pr, bool[] active, double[] requirement, ImmutableArray<ProgrammeOption> programmes, double[]? floor, SolverOptions options)
    {
        int n = pr.N, m = pr.M, t = pr.T;
        bool mip = programmes.Any(p => !p.Committed);
        string name = mip ? "SCIP" : "GLOP";
        using var solver = Solver.CreateSolver(name)
            ?? throw new InvalidOperationException($"OR-Tools solver {name} is not available in this build");
        solver.SetTimeLimit((long)Math.Ceiling(options.TimeLimitSeconds * 1000));
        var objective = solver.Objective();
        double money = floor is null ? pr.MoneyWeight : 1.0;

        // x[i,m,t]: investment, only where a dollar yields capability.
        var x = new Variable?[n * m * t];
        var budget = new Constraint?[n];
        for (int i = 0; i < n; i++)
        {
            if (!active[i])
            {
                continue;
            }

            budget[i] = solver.MakeConstraint(double.NegativeInfinity, pr.Budget[i] * Scale, $"budget_{pr.Countries[i]}");
            for (int mm = 0; mm < m; mm++)
            {
                for (int tt = 0; tt < t; tt++)
                {
                    if (pr.Yield(i, mm, tt) <= RolesProblem.NegligibleYield || pr.Budget[i] <= 0)
                    {
                        continue;
                    }

                    var v = solver.MakeNumVar(0, double.PositiveInfinity, $"x_{i}_{mm}_{tt}");
                    x[(((i * m) + mm) * t) + tt] = v;
                    budget[i]!.SetCoefficient(v, 1);
                    objective.SetCoefficient(v, money);
                }
            }
        }

        // Coverage rows: capability − dup + gap = requirement (or capability ≥ floor for the cheapest cover).
        var cover = new Constraint[m * t];
        for (int mm = 0; mm < m; mm++)
        {
            for (int tt = 0; tt < t; tt++)
            {
                int k = (mm * t) + tt;
                if (floor is null)
                {
                    double r = requirement[k] * Scale;
                    var row = solver.MakeConstraint(r, r, $"cover_{mm}_{tt}");
                    var gap = solver.MakeNumVar(0, double.PositiveInfinity, $"gap_{mm}_{tt}");
                    var dup = solver.MakeNumVar(0, double.PositiveInfinity, $"dup_{mm}_{tt}");
                    row.SetCoefficient(gap, 1);
                    row.SetCoefficient(dup, -1);
                    objective.SetCoefficient(gap, pr.Priority[tt] * pr.GapWeight);
                    objective.SetCoefficient(dup, pr.Priority[tt] * pr.DuplicationWeight);
                    cover[k] = row;
                }
                else
                {
                    cover[k] = solver.MakeConstraint(floor[k] * Scale, double.PositiveInfinity, $"floor_{mm}_{tt}");
                }

                for (int i = 0; i < n; i++)
                {
                    if (x[(((i * m) + mm) * t) + tt] is { } v)
                    {
                        cover[k].SetCoefficient(v, pr.Yield(i, mm, tt));
                    }
                }
            }
        }

        // Programmes: y_p on/off pays the fixed cost (split by budget); z ≤ x is the boosted part of an investment.
        var y = new Variable[programmes.Length];
        var link = new Dictionary<(int I, int M, int T), Constraint>();
        for (int p = 0; p < programmes.Length; p++)
        {
            var prog = programmes[p];
            y[p] = prog.Committed
                ? solver.MakeNumVar(1, 1, $"y_{prog.Name}")
                : solver.MakeBoolVar($"y_{prog.Name}");
            objective.SetCoefficient(y[p], money * prog.FixedCost * Scale);
            double members = prog.Members.Sum(i => pr.Budget[i]);
            foreach (var i in prog.Members)
            {
                if (!active[i] || budget[i] is null)
                {
                    continue;
                }

                double share = members > 0 ? pr.Budget[i] / members : 1.0 / prog.Members.Length;
                budget[i]!.SetCoefficient(y[p], share * prog.FixedCost * Scale);
                var activation = solver.MakeConstraint(double.NegativeInfinity, 0, $"on_{prog.Name}_{i}");
                activation.SetCoefficient(y[p], -pr.Budget[i] * Scale);
                for (int tt = 0; tt < t; tt++)
                {
                    if (x[(((i * m) + prog.Mission) * t) + tt] is not { } xv)
                    {
                        continue;
                    }

                    var z = solver.MakeNumVar(0, double.PositiveInfinity, $"z_{prog.Name}_{i}_{tt}");
                    activation.SetCoefficient(z, 1);
                    cover[(prog.Mission * t) + tt].SetCoefficient(z, (prog.Multiplier - 1) * pr.Yield(i, prog.Mission, tt));
                    if (!link.TryGetValue((i, prog.Mission, tt), out var row))
                    {
                        row = solver.MakeConstraint(double.NegativeInfinity, 0, $"link_{i}_{prog.Mission}_{tt}");
                        row.SetCoefficient(xv, -1);
                        link[(i, prog.Mission, tt)] = row;
                    }

                    row.SetCoefficient(z, 1);
                }
            }
        }

        objective.SetMinimization();
        var parameters = new MPSolverParameters();
        if (mip)
        {
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, options.RelativeMipGap);
        }

        var status = solver.Solve(parameters);
        bool hasSolution = status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE;
        if (!hasSolution)
        {
            throw Failure(status, floor is not null, options, pr, programmes);
        }

        var investment = new double[n * m * t];
        for (int k = 0; k < x.Length; k++)
        {
            investment[k] = x[k] is { } v ? Math.Max(0, v.SolutionValue()) / Scale : 0;
        }

        var on = new bool[programmes.Length];
        for (int p = 0; p < programmes.Length; p++)
        {
            on[p] = y[p].SolutionValue() > 0.5;
        }

        // Capability is re-evaluated from x: once a programme is on, boosting every member dollar in its mission is
        // free (z = x), so the optimum boosts all of it unless that would only add duplication.
        var budgetValue = new double[n];
        for (int i = 0; i < n; i++)
        {
            budgetValue[i] = !mip && budget[i] is { } c ? -c.DualValue() : double.NaN;
        }

        double value = objective.Value() / Scale;
        double bound = mip ? objective.BestBound() / Scale : value;
        double relGap = status == Solver.ResultStatus.OPTIMAL ? 0 : Math.Abs(value - bound) / Math.Max(1e-9, Math.Abs(value));
        return new RawSolution(
            investment,
            on,
            budgetValue,
            value,
            bound,
            relGap,
            status == Solver.ResultStatus.OPTIMAL ? SolveStatus.Optimal : SolveStatus.StoppedEarly,
            name);
    }

    private static BallastInputException Failure(Solver.ResultStatus status, bool cheapest, SolverOptions options, RolesProblem pr, ImmutableArray<ProgrammeOption> programmes)
    {
        string committed = programmes.Any(p => p.Committed)
            ? " Committed programmes (" + string.Join(", ", programmes.Where(p => p.Committed).Select(p => p.Name)) + ") must fit in their members' budgets."
            : string.Empty;
        return status switch
        {
            Solver.ResultStatus.INFEASIBLE => new BallastInputException(
                (cheapest
                    ? "the coverage to match cannot be reached within the coalition's budgets."
                    : "no allocation satisfies the budgets.") + committed,
                field: "budget"),
            Solver.ResultStatus.UNBOUNDED => new BallastInputException(
                "the optimisation is unbounded: a weight is negative or a requirement is not finite; check the priorities and the optimiser_* weights",
                field: "weights"),
            Solver.ResultStatus.NOT_SOLVED => new BallastInputException(
                $"no feasible allocation was found within the time limit of {options.TimeLimitSeconds.ToString("G", CultureInfo.InvariantCulture)} s; raise --time-limit",
                field: "--time-limit"),
            _ => new BallastInputException(
                $"the solver could not solve the problem ({status}) for {pr.N} countries, {pr.M} missions and {pr.T} theatres; check the inputs for extreme values",
                field: "problem"),
        };
    }
}
