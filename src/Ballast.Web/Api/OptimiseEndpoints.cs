using Ballast.Optimisation.Inputs;
using Ballast.Optimisation.Solving;
using Ballast.Reports.Figures;
using Ballast.Web.Dashboard;

namespace Ballast.Web.Api;

/// <summary>Run the roles-and-missions optimiser on a scenario (see docs/optimiser.md).</summary>
/// <param name="Scenario">Example name.</param>
/// <param name="Yaml">Scenario YAML text.</param>
/// <param name="FileName">A label for messages (never opened as a path).</param>
/// <param name="Year">Year to optimise (default: the scenario's horizon).</param>
/// <param name="BudgetShare">Budget as a share of GDP in percent, in (0, 100]; default each country's spending on its trend.</param>
/// <param name="Priorities">Theatre priorities by key or name (weights ≥ 0), replacing data/theatres.csv's.</param>
/// <param name="Programmes">Offer the co-development programmes as yes/no decisions (a mixed-integer programme).</param>
public sealed record OptimiserRequest(string? Scenario, string? Yaml, string? FileName, int? Year, double? BudgetShare, Dictionary<string, double>? Priorities, bool? Programmes);

/// <summary>One role: a country's investment in a mission area and theatre (US$ millions) and the capability it yields.</summary>
public sealed record AllocationRow(string Country, string Mission, string Theatre, double InvestmentUsdM, double Capability, double ShareOfBudgetPercent);

/// <summary>Requirement, capability, gap and duplication in one mission area and theatre, federated and autonomous (US$ m-equivalent units).</summary>
public sealed record CoverageRow(string Mission, string Theatre, double Priority, double Requirement, double FederatedCapability, double FederatedGap, double FederatedDuplication, double AutonomousCapability, double AutonomousGap, double AutonomousDuplication);

/// <summary>A country's budgets and what it commits (US$ millions), and the value of a budget dollar (LP dual).</summary>
public sealed record CountryRow(string Country, double SpendingUsdM, double InvestmentBudgetUsdM, double FederatedSpendUsdM, double ProgrammeCostUsdM, double AutonomousSpendUsdM, double BudgetValue);

/// <summary>A co-development programme and the decision.</summary>
public sealed record ProgrammeRow(string Programme, string Mission, IReadOnlyList<string> Members, double FixedCostUsdM, double Multiplier, string Decision);

/// <summary>The federated dividend and the totals behind it (money in US$ millions, gaps and duplication in US$ m-equivalent units).</summary>
public sealed record DividendView(
    double FederatedGap,
    double AutonomousGap,
    double FederatedDuplication,
    double AutonomousDuplication,
    double FederatedSpendUsdM,
    double AutonomousSpendUsdM,
    double FederatedObjective,
    double AutonomousObjective,
    double CheapestCoverSpendUsdM,
    double DividendUsdM,
    double DividendShareOfSpending,
    double DividendShareOfInvestment,
    double CoalitionSpendingUsdM,
    string FederatedStatus,
    string Solver,
    double FederatedRelativeGap);

/// <summary>A registry parameter the optimiser used, with its source.</summary>
public sealed record AssumptionRow(string Name, double Value, string Unit, string SourceKind, string Source);

/// <summary>The optimiser's answer: dividend, allocation, coverage (gaps), countries, programmes, assumptions.</summary>
public sealed record OptimiserResponse(
    string Scenario,
    int Year,
    double? BudgetSharePercent,
    bool Programmes,
    double TimeLimitSeconds,
    DividendView Dividend,
    IReadOnlyList<AllocationRow> Allocation,
    IReadOnlyList<CoverageRow> Coverage,
    IReadOnlyList<CountryRow> Countries,
    IReadOnlyList<ProgrammeRow> ProgrammeDecisions,
    IReadOnlyList<AssumptionRow> Assumptions,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Sources);

/// <summary>The optimiser endpoints: run it (JSON) and its tables as CSV.</summary>
internal static class OptimiseEndpoints
{
    /// <summary>The tables served as CSV.</summary>
    public static readonly IReadOnlyList<string> Tables = ["allocation", "coverage", "countries", "programmes", "dividend"];

    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["--year"] = "year", ["--budget-share"] = "budgetShare", ["--priority"] = "priorities", ["--time-limit"] = "OptimiserTimeLimitSeconds",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api").WithTags("Optimiser");
        g.ProducesProblem(StatusCodes.Status400BadRequest);
        g.MapPost("/optimise", (OptimiserRequest? body, IOptions<BallastWebOptions> options) => Run(ScenarioEndpoints.Require(body), options.Value))
            .RequireRateLimiting(ComputeThrottle.Policy)
            .WithName("optimise").WithSummary("Roles and missions: allocates allies' investment over mission areas and theatres, federated and autonomous, and prices the federated dividend (solver time limit: OptimiserTimeLimitSeconds).");
        g.MapGet("/optimise/{table}", (string table, string? scenario, int? year, double? budgetShare, bool? programmes, IOptions<BallastWebOptions> options) =>
            {
                var name = table.EndsWith(".csv", StringComparison.Ordinal) ? table[..^4] : null;
                if (name is null || !Tables.Contains(name))
                {
                    throw new BallastInputException($"ask for one of {string.Join(", ", Tables.Select(t => t + ".csv"))}", field: "table", value: table);
                }

                var r = Run(new OptimiserRequest(scenario ?? throw new BallastInputException("is required (an example name)", field: "scenario"), null, null, year, budgetShare, null, programmes), options.Value);
                return Csv.Result(Table(r, name), $"optimiser-{name}-{r.Scenario}-{r.Year}.csv");
            })
            .RequireRateLimiting(ComputeThrottle.Policy)
            .Produces<string>(StatusCodes.Status200OK, "text/csv").WithName("optimiseTable").WithSummary("One of the optimiser's tables for an example scenario as CSV: allocation.csv, coverage.csv, countries.csv, programmes.csv or dividend.csv.");
    }

    /// <summary>Runs the optimiser for a request; input errors name the request's fields.</summary>
    public static OptimiserResponse Run(OptimiserRequest r, BallastWebOptions o)
    {
        var (sc, _) = ScenarioCatalog.Resolve(r.Scenario, r.Yaml, r.FileName, string.Empty);
        if (r.Priorities is { } pr && pr.Keys.FirstOrDefault(string.IsNullOrWhiteSpace) is { } blank)
        {
            throw new BallastInputException("a theatre key is empty", field: "priorities", value: blank);
        }

        var priorities = new Dictionary<string, double>(r.Priorities ?? [], StringComparer.OrdinalIgnoreCase);
        var request = ScenarioOptimisation.Request(sc, r.Year, r.BudgetShare, priorities, r.Programmes ?? false);
        var (built, d) = Fields.Renamed(FieldNames, () =>
        {
            var b = ProblemBuilder.Build(request);
            return (b, RolesSolver.Dividend(b.Problem, new SolverOptions(o.OptimiserTimeLimitSeconds)));
        });
        return Response(sc.Name, request, built, d, o.OptimiserTimeLimitSeconds);
    }

    private static OptimiserResponse Response(string scenario, OptimiseRequest request, BuiltProblem built, FederatedDividend d, double limit)
    {
        var pr = built.Problem;
        var fed = d.Federated;
        var aut = d.Autonomous;
        int m = pr.M, t = pr.T;
        var alloc = new List<AllocationRow>();
        for (int i = 0; i < pr.N; i++)
        {
            for (int mm = 0; mm < m; mm++)
            {
                double mult = pr.Programmes.Where(p => fed.Programmes.Contains(p.Name) && p.Mission == mm && p.Members.Contains(i)).Select(p => p.Multiplier).DefaultIfEmpty(1).Max();
                for (int tt = 0; tt < t; tt++)
                {
                    double x = fed.Investment[(((i * m) + mm) * t) + tt];
                    if (x >= 0.5)
                    {
                        // Below half a million dollars is solver noise, not a role (as the CLI).
                        alloc.Add(new AllocationRow(pr.Countries[i], pr.Missions[mm], pr.Theatres[tt], x, x * pr.Yield(i, mm, tt) * mult, pr.Budget[i] > 0 ? 100 * x / pr.Budget[i] : 0));
                    }
                }
            }
        }

        var cover = new List<CoverageRow>();
        for (int mm = 0; mm < m; mm++)
        {
            for (int tt = 0; tt < t; tt++)
            {
                int k = (mm * t) + tt;
                cover.Add(new CoverageRow(pr.Missions[mm], pr.Theatres[tt], pr.Priority[tt], pr.Requirement[k], fed.Capability[k], fed.Gap[k], fed.Duplication[k], aut.Capability[k], aut.Gap[k], aut.Duplication[k]));
            }
        }

        var countries = Enumerable.Range(0, pr.N).Select(i => new CountryRow(pr.Countries[i], pr.Spending[i], pr.Budget[i], fed.Spend[i], fed.ProgrammeCost[i], aut.Spend[i], fed.BudgetValue[i])).ToList();
        var programmes = pr.Programmes.Select(p => new ProgrammeRow(p.Name, pr.Missions[p.Mission], p.Members.Select(i => pr.Countries[i]).ToList(), p.FixedCost, p.Multiplier,
            p.Committed ? "committed (scenario)" : fed.Programmes.Contains(p.Name) ? "join" : "do not join")).ToList();
        var dividend = new DividendView(fed.TotalGap, aut.TotalGap, fed.TotalDuplication, aut.TotalDuplication, fed.TotalSpend, aut.TotalSpend, fed.Objective, aut.Objective,
            d.CheapestCover.TotalSpend, d.Dividend, d.DividendShareOfSpending, d.DividendShareOfInvestment, pr.TotalSpending, fed.Status.ToString(), fed.Solver, fed.RelativeGap);
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Federated dividend: US$ {d.Dividend / 1000:N1} bn a year ({100 * d.DividendShareOfSpending:N1} % of the coalition's US$ {pr.TotalSpending / 1000:N0} bn defence spending) buys, federated, the coverage each country reaches alone."),
            "Autonomous: each country alone covers the coalition requirement in each theatre weighted by its concern (its own loss-of-strength reach); no programmes.",
        };
        foreach (var (label, sol) in new[] { ("federated", fed), ("cheapest cover", d.CheapestCover) })
        {
            notes.Add(sol.Status == SolveStatus.Optimal
                ? $"Solver ({label}): {sol.Solver}, optimal."
                : string.Create(CultureInfo.InvariantCulture, $"Solver ({label}): {sol.Solver} stopped at the time limit of {limit} s; gap to the bound {100 * sol.RelativeGap:N2} %."));
        }

        notes.AddRange(built.Notes);
        notes.AddRange(built.Theatres.Select(th => string.Create(CultureInfo.InvariantCulture, $"Theatre {th.Key} ({th.Point.Lat}, {th.Point.Lon}): {th.Source}")));
        var assumptions = built.Assumptions.Select(a => new AssumptionRow(a.Name, a.Value, a.Unit, a.SourceKind.ToString().ToLowerInvariant(), a.Source)).ToList();
        return new OptimiserResponse(scenario, request.Year, request.BudgetSharePercent, request.Programmes, limit, dividend, alloc, cover, countries, programmes, assumptions, notes,
            [Ballast.Data.Panel.PanelBuilder.Citation, OptimiserData.Citation]);
    }

    /// <summary>One of the response's tables for CSV.</summary>
    public static DataTable Table(OptimiserResponse r, string name)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return name switch
        {
            "allocation" => new DataTable(["country", "mission", "theatre", "investment_usd_m", "capability", "share_of_budget_percent"],
                r.Allocation.Select(a => (IReadOnlyList<string>)[a.Country, a.Mission, a.Theatre, N(a.InvestmentUsdM), N(a.Capability), N(a.ShareOfBudgetPercent)]).ToList()),
            "coverage" => new DataTable(["mission", "theatre", "priority", "requirement", "federated_capability", "federated_gap", "federated_duplication", "autonomous_capability", "autonomous_gap", "autonomous_duplication"],
                r.Coverage.Select(c => (IReadOnlyList<string>)[c.Mission, c.Theatre, N(c.Priority), N(c.Requirement), N(c.FederatedCapability), N(c.FederatedGap), N(c.FederatedDuplication), N(c.AutonomousCapability), N(c.AutonomousGap), N(c.AutonomousDuplication)]).ToList()),
            "countries" => new DataTable(["country", "spending_usd_m", "investment_budget_usd_m", "federated_spend_usd_m", "programme_cost_usd_m", "autonomous_spend_usd_m", "budget_value"],
                r.Countries.Select(c => (IReadOnlyList<string>)[c.Country, N(c.SpendingUsdM), N(c.InvestmentBudgetUsdM), N(c.FederatedSpendUsdM), N(c.ProgrammeCostUsdM), N(c.AutonomousSpendUsdM), N(c.BudgetValue)]).ToList()),
            "programmes" => new DataTable(["programme", "mission", "members", "fixed_cost_usd_m", "multiplier", "decision"],
                r.ProgrammeDecisions.Select(p => (IReadOnlyList<string>)[p.Programme, p.Mission, string.Join(';', p.Members), N(p.FixedCostUsdM), N(p.Multiplier), p.Decision]).ToList()),
            _ => new DataTable(["measure", "federated", "autonomous"],
            [
                ["gap", N(r.Dividend.FederatedGap), N(r.Dividend.AutonomousGap)],
                ["duplication", N(r.Dividend.FederatedDuplication), N(r.Dividend.AutonomousDuplication)],
                ["spend_usd_m", N(r.Dividend.FederatedSpendUsdM), N(r.Dividend.AutonomousSpendUsdM)],
                ["objective", N(r.Dividend.FederatedObjective), N(r.Dividend.AutonomousObjective)],
                ["cheapest_cover_spend_usd_m", N(r.Dividend.CheapestCoverSpendUsdM), string.Empty],
                ["dividend_usd_m", N(r.Dividend.DividendUsdM), string.Empty],
                ["dividend_share_of_spending", N(r.Dividend.DividendShareOfSpending), string.Empty],
            ]),
        };
    }
}
