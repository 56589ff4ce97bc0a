namespace Ballast.Optimisation.Solving;

/// <summary>How a solve ended.</summary>
public enum SolveStatus
{
    /// <summary>Proven optimal (within the solver's tolerance).</summary>
    Optimal,

    /// <summary>The MIP stopped at the time limit with a feasible allocation; see <see cref="RolesSolution.RelativeGap"/>.</summary>
    StoppedEarly,
}

/// <summary>Which problem a solution answers.</summary>
public enum AllocationMode
{
    /// <summary>One coalition problem: every country's investment decided together.</summary>
    Federated,

    /// <summary>Each country alone covers what it sees as its own needs; the allocations are then added up.</summary>
    Autonomous,

    /// <summary>The least money with which the coalition matches a given coverage (the federated dividend).</summary>
    CheapestCover,
}

/// <summary>
/// An allocation and how it scores against the coalition requirement. Money is US$ millions; arrays follow
/// <see cref="RolesProblem"/>: <c>Investment[(i * M + m) * T + t]</c>, per-cell arrays <c>[m * T + t]</c>.
/// </summary>
/// <param name="Mode">Which problem this solves.</param>
/// <param name="Status">Optimal, or stopped early at the time limit.</param>
/// <param name="Solver">The solver(s) used (GLOP, SCIP...).</param>
/// <param name="Objective">The objective Σ_t w_t Σ_m (α gap + β dup) + γ spend of this allocation against the coalition requirement.</param>
/// <param name="BestBound">The solver's best bound on its own objective (equal to its objective when optimal).</param>
/// <param name="RelativeGap">Relative distance between the solver's objective and its bound (0 when optimal).</param>
/// <param name="Investment">Investment per country, mission area and theatre.</param>
/// <param name="Capability">Capability fielded per mission and theatre (programme multipliers included).</param>
/// <param name="Gap">Unmet requirement per mission and theatre.</param>
/// <param name="Duplication">Capability beyond requirement per mission and theatre.</param>
/// <param name="Spend">Money committed per country: investment plus its share of programme fixed costs.</param>
/// <param name="ProgrammeCost">Each country's share of programme fixed costs.</param>
/// <param name="Programmes">Programmes switched on (chosen or committed).</param>
/// <param name="BudgetValue">Objective reduction per extra dollar of each country's investment budget (the LP shadow price; NaN for a MIP or a mode where it has no meaning).</param>
public sealed record RolesSolution(
    AllocationMode Mode,
    SolveStatus Status,
    string Solver,
    double Objective,
    double BestBound,
    double RelativeGap,
    ImmutableArray<double> Investment,
    ImmutableArray<double> Capability,
    ImmutableArray<double> Gap,
    ImmutableArray<double> Duplication,
    ImmutableArray<double> Spend,
    ImmutableArray<double> ProgrammeCost,
    ImmutableArray<string> Programmes,
    ImmutableArray<double> BudgetValue)
{
    /// <summary>Total unmet requirement.</summary>
    public double TotalGap => Gap.Sum();

    /// <summary>Total capability beyond requirement.</summary>
    public double TotalDuplication => Duplication.Sum();

    /// <summary>Total money committed.</summary>
    public double TotalSpend => Spend.Sum();

    /// <summary>Total capability fielded.</summary>
    public double TotalCapability => Capability.Sum();
}

/// <summary>
/// The federated dividend: what the coalition gains by deciding roles together instead of each member going it alone.
/// </summary>
/// <param name="Federated">The coalition allocation.</param>
/// <param name="Autonomous">Every country alone, added up.</param>
/// <param name="CheapestCover">The least money with which the coalition matches the autonomous coverage in every mission and theatre.</param>
/// <param name="Dividend">Money saved for equal coverage: autonomous spend − cheapest-cover spend, US$ millions.</param>
/// <param name="DividendShareOfSpending">The dividend as a share of the coalition's total defence spending.</param>
/// <param name="DividendShareOfInvestment">The dividend as a share of what the countries invest when they go it alone.</param>
public sealed record FederatedDividend(
    RolesSolution Federated,
    RolesSolution Autonomous,
    RolesSolution CheapestCover,
    double Dividend,
    double DividendShareOfSpending,
    double DividendShareOfInvestment)
{
    /// <summary>Unmet requirement closed by federating (autonomous gap − federated gap).</summary>
    public double GapClosed => Autonomous.TotalGap - Federated.TotalGap;

    /// <summary>Duplication avoided by federating (autonomous − federated).</summary>
    public double DuplicationAvoided => Autonomous.TotalDuplication - Federated.TotalDuplication;
}
