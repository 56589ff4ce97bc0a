namespace Ballast.Optimisation.Model;

/// <summary>
/// A co-development programme as the optimiser sees it: members pay a shared yearly fixed cost (split in
/// proportion to their investment budgets) and their investment in the programme's mission area yields
/// <see cref="Multiplier"/> times the capability.
/// </summary>
/// <param name="Name">Programme key (e.g. <c>anti_ship_missiles</c>).</param>
/// <param name="Mission">Index of the mission area in <see cref="RolesProblem.Missions"/>.</param>
/// <param name="Members">Indices of the member countries in <see cref="RolesProblem.Countries"/> (two or more).</param>
/// <param name="FixedCost">Yearly fixed cost shared by the members, US$ millions.</param>
/// <param name="Multiplier">Capability multiplier on members' investment in the mission (≥ 1).</param>
/// <param name="Committed">True when the programme is already agreed (the scenario names it): it is on, not a decision.</param>
public sealed record ProgrammeOption(string Name, int Mission, ImmutableArray<int> Members, double FixedCost, double Multiplier, bool Committed = false);

/// <summary>
/// The roles-and-missions problem for one year, as plain arrays (no I/O): who can invest how much, what a dollar
/// buys in each mission area (comparative advantage) and how much of it reaches each theatre (loss-of-strength
/// gradient), what each mission and theatre requires, and how gaps, duplication and money are weighed.
/// Money is US$ millions. Arrays are row-major: <c>Productivity[i * M + m]</c>, <c>Reach[i * T + t]</c>,
/// <c>Concern[i * T + t]</c>, <c>Requirement[m * T + t]</c>.
/// </summary>
public sealed record RolesProblem
{
    /// <summary>Coalition countries (ISO3), the decision makers.</summary>
    public required ImmutableArray<string> Countries { get; init; }

    /// <summary>Mission area keys.</summary>
    public required ImmutableArray<string> Missions { get; init; }

    /// <summary>Theatre keys.</summary>
    public required ImmutableArray<string> Theatres { get; init; }

    /// <summary>Investment budget per country (spending less sustainment), US$ millions.</summary>
    public required ImmutableArray<double> Budget { get; init; }

    /// <summary>Total defence spending per country in the year (the base of "share of spending"), US$ millions.</summary>
    public required ImmutableArray<double> Spending { get; init; }

    /// <summary>Capability per dollar of investment, <c>[i * M + m]</c>.</summary>
    public required ImmutableArray<double> Productivity { get; init; }

    /// <summary>Share of capability reaching each theatre, in [0, 1], <c>[i * T + t]</c>.</summary>
    public required ImmutableArray<double> Reach { get; init; }

    /// <summary>How much of a theatre's requirement a country sees as its own need when it goes it alone, in [0, 1], <c>[i * T + t]</c>.</summary>
    public required ImmutableArray<double> Concern { get; init; }

    /// <summary>Capability required per mission and theatre (net of the US contribution), <c>[m * T + t]</c>.</summary>
    public required ImmutableArray<double> Requirement { get; init; }

    /// <summary>Theatre priority weights (≥ 0).</summary>
    public required ImmutableArray<double> Priority { get; init; }

    /// <summary>α: objective weight of a unit of unmet requirement.</summary>
    public required double GapWeight { get; init; }

    /// <summary>β: objective weight of a unit of capability beyond requirement.</summary>
    public required double DuplicationWeight { get; init; }

    /// <summary>γ: objective weight of a dollar invested (programme costs included).</summary>
    public required double MoneyWeight { get; init; }

    /// <summary>Co-development programmes available (empty when programmes are off).</summary>
    public ImmutableArray<ProgrammeOption> Programmes { get; init; } = [];

    /// <summary>
    /// Capability per dollar below which an investment is treated as impossible: such coefficients carry no meaning
    /// (a reach of 1e-20) and would wreck the simplex's numerics.
    /// </summary>
    public const double NegligibleYield = 1e-9;

    /// <summary>Number of countries.</summary>
    public int N => Countries.Length;

    /// <summary>Number of mission areas.</summary>
    public int M => Missions.Length;

    /// <summary>Number of theatres.</summary>
    public int T => Theatres.Length;

    /// <summary>Requirement of a mission in a theatre.</summary>
    public double RequirementOf(int m, int t) => Requirement[(m * T) + t];

    /// <summary>Capability per dollar a country's investment in a mission yields in a theatre (before programmes).</summary>
    public double Yield(int i, int m, int t) => Productivity[(i * M) + m] * Reach[(i * T) + t];

    /// <summary>Total investment budget.</summary>
    public double TotalBudget => Budget.Sum();

    /// <summary>Total defence spending.</summary>
    public double TotalSpending => Spending.Sum();

    /// <summary>
    /// Checks shapes and values; throws <see cref="BallastInputException"/> naming the field for anything
    /// ill-posed (negative or non-finite numbers, zero budgets everywhere, weights that make the problem unbounded,
    /// a theatre that carries weight but that no country can reach).
    /// </summary>
    public RolesProblem Validate()
    {
        if (N == 0)
        {
            throw new BallastInputException("the coalition has no countries", field: "countries");
        }

        if (M == 0 || T == 0)
        {
            throw new BallastInputException("the problem needs at least one mission area and one theatre", field: M == 0 ? "missions" : "theatres");
        }

        Shape(Budget, N, "budget");
        Shape(Spending, N, "spending");
        Shape(Productivity, N * M, "productivity");
        Shape(Reach, N * T, "reach");
        Shape(Concern, N * T, "concern");
        Shape(Requirement, M * T, "requirement");
        Shape(Priority, T, "priority");
        for (int i = 0; i < N; i++)
        {
            NonNegative(Budget[i], "budget", Countries[i]);
            NonNegative(Spending[i], "spending", Countries[i]);
            for (int m = 0; m < M; m++)
            {
                NonNegative(Productivity[(i * M) + m], "productivity", $"{Countries[i]} {Missions[m]}");
            }

            for (int t = 0; t < T; t++)
            {
                UnitInterval(Reach[(i * T) + t], "reach", $"{Countries[i]} {Theatres[t]}");
                UnitInterval(Concern[(i * T) + t], "concern", $"{Countries[i]} {Theatres[t]}");
            }
        }

        for (int k = 0; k < Requirement.Length; k++)
        {
            NonNegative(Requirement[k], "requirement", $"{Missions[k / T]} {Theatres[k % T]}");
        }

        for (int t = 0; t < T; t++)
        {
            NonNegative(Priority[t], "priority", Theatres[t]);
        }

        NonNegative(GapWeight, "gap weight", "optimiser_gap_weight");
        NonNegative(DuplicationWeight, "duplication weight", "optimiser_duplication_weight");
        NonNegative(MoneyWeight, "money weight", "optimiser_money_weight");
        if (GapWeight <= 0)
        {
            throw new BallastInputException("the gap weight must be greater than 0, or the optimiser has no reason to cover anything", field: "optimiser_gap_weight", value: Fmt(GapWeight));
        }

        if (Priority.All(p => p == 0))
        {
            throw new BallastInputException("every theatre has priority 0: there is nothing to optimise", field: "priority");
        }

        if (Budget.All(b => b <= 0))
        {
            throw new BallastInputException("every coalition country has a zero investment budget: there is nothing to allocate", field: "budget");
        }

        for (int t = 0; t < T; t++)
        {
            bool needed = false;
            for (int m = 0; m < M; m++)
            {
                needed |= RequirementOf(m, t) > 0;
            }

            bool reachable = false;
            for (int i = 0; i < N; i++)
            {
                reachable |= Reach[(i * T) + t] > NegligibleYield && Budget[i] > 0;
            }

            if (needed && Priority[t] > 0 && !reachable)
            {
                throw new BallastInputException(
                    $"theatre '{Theatres[t]}' has a requirement and priority {Fmt(Priority[t])} but no coalition country with a budget can reach it; give it --priority {Theatres[t]}=0 or add a country within range",
                    field: "theatre", value: Theatres[t]);
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in Programmes)
        {
            if (!names.Add(p.Name))
            {
                throw new BallastInputException($"programme '{p.Name}' is listed twice", field: "programme", value: p.Name);
            }

            if (p.Mission < 0 || p.Mission >= M)
            {
                throw new BallastInputException($"programme '{p.Name}' has no valid mission area", field: "programme", value: p.Name);
            }

            if (p.Members.Length < 2 || p.Members.Distinct().Count() != p.Members.Length || p.Members.Any(i => i < 0 || i >= N))
            {
                throw new BallastInputException($"programme '{p.Name}' needs two or more distinct coalition members", field: "programme", value: p.Name);
            }

            NonNegative(p.FixedCost, "fixed cost", p.Name);
            if (!double.IsFinite(p.Multiplier) || p.Multiplier < 1)
            {
                throw new BallastInputException($"programme '{p.Name}' has capability multiplier {Fmt(p.Multiplier)}; it must be at least 1", field: "multiplier", value: Fmt(p.Multiplier));
            }
        }

        return this;
    }

    private static void Shape(ImmutableArray<double> a, int length, string field)
    {
        if (a.IsDefault || a.Length != length)
        {
            throw new BallastInputException($"{field} has {(a.IsDefault ? 0 : a.Length)} values, expected {length}", field: field);
        }
    }

    private static void NonNegative(double v, string field, string where)
    {
        if (!double.IsFinite(v) || v < 0)
        {
            throw new BallastInputException($"{field} of {where} is {Fmt(v)}; it must be a finite number ≥ 0", field: field, value: Fmt(v));
        }
    }

    private static void UnitInterval(double v, string field, string where)
    {
        if (!double.IsFinite(v) || v < 0 || v > 1)
        {
            throw new BallastInputException($"{field} of {where} is {Fmt(v)}; it must be in [0, 1]", field: field, value: Fmt(v));
        }
    }

    internal static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
