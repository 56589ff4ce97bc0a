using Ballast.Optimisation.Inputs;
using Ballast.Optimisation.Solving;
using Ballast.Reports.Figures;
using Ballast.Web.Dashboard;
using Microsoft.AspNetCore.Mvc;

namespace Ballast.Web.Api;

/// <summary>Run the roles-and-missions optimiser on a scenario (see docs/optimiser.md).</summary>
/// <param name="Scenario">Example name.</param>
/// <param name="Yaml">Scenario YAML text.</param>
/// <param name="FileName">A label for messages (never opened as a path).</param>
/// <param name="Year">Year to optimise (default: the scenario's horizon).</param>
/// <param name="BudgetSharePct">Budget as a share of GDP in percent, in (0, 100]; default each country's spending on its trend.</param>
/// <param name="Priorities">Theatre priorities by key or name (weights ≥ 0), replacing data/theatres.csv's.</param>
/// <param name="Programmes">Offer the co-development programmes as yes/no decisions (a mixed-integer programme).</param>
public sealed record OptimiserRequest(string? Scenario, string? Yaml, string? FileName, int? Year, double? BudgetSharePct, Dictionary<string, double>? Priorities, bool? Programmes);

// The records below carry the CLI's units (`ballast optimise --format json`): money in US$ bn, capability, gaps and
// duplication in bn units (US$ bn-equivalent), shares in percent; the solver works in millions.

/// <summary>One role: a country's investment in a mission area and theatre and the capability it yields.</summary>
public sealed record AllocationRow(string Country, string Mission, string Theatre, double InvestmentUsdBn, double CapabilityBnUnits, double ShareOfBudgetPct);

/// <summary>Requirement, capability, gap and duplication in one mission area and theatre, federated and autonomous (bn units).</summary>
public sealed record CoverageRow(string Mission, string Theatre, double Priority, double RequirementBnUnits, double FederatedCapabilityBnUnits, double FederatedGapBnUnits, double FederatedDuplicationBnUnits, double AutonomousCapabilityBnUnits, double AutonomousGapBnUnits, double AutonomousDuplicationBnUnits);

/// <summary>A country's budgets and what it commits (US$ bn), and the value of a budget dollar (LP dual).</summary>
public sealed record CountryRow(string Country, double SpendingUsdBn, double InvestmentBudgetUsdBn, double FederatedSpendUsdBn, double ProgrammeCostUsdBn, double AutonomousSpendUsdBn, double BudgetValue);

/// <summary>A co-development programme and the decision.</summary>
public sealed record ProgrammeRow(string Programme, string Mission, IReadOnlyList<string> Members, double FixedCostUsdBn, double Multiplier, string Decision);

/// <summary>The federated dividend and the totals behind it (money in US$ bn, gaps and duplication in bn units, shares in percent).</summary>
public sealed record DividendView(
    double FederatedGapBnUnits,
    double AutonomousGapBnUnits,
    double FederatedDuplicationBnUnits,
    double AutonomousDuplicationBnUnits,
    double FederatedSpendUsdBn,
    double AutonomousSpendUsdBn,
    double FederatedObjective,
    double AutonomousObjective,
    double CheapestCoverSpendUsdBn,
    double DividendUsdBn,
    double DividendPctOfSpending,
    double DividendPctOfInvestment,
    double CoalitionSpendingUsdBn,
    string FederatedStatus,
    string Solver,
    double FederatedRelativeGap);

/// <summary>A registry parameter the optimiser used, with its source.</summary>
public sealed record AssumptionRow(string Name, double Value, string Unit, string SourceKind, string Source);

/// <summary>The optimiser's answer: dividend, allocation, coverage (gaps), countries, programmes, assumptions.</summary>
public sealed record OptimiserResponse(
    string Scenario,
    int Year,
    double? BudgetSharePct,
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
        ["--year"] = "year", ["--budget-share"] = "budget_share_pct", ["--priority"] = "priorities", ["--time-limit"] = "OptimiserTimeLimitSeconds",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api").WithTags("Optimiser");
        g.ProducesProblem(StatusCodes.Status400BadRequest);
        // An installed server without the ballast-optimiser companion (README, Install).
        g.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        g.MapPost("/optimise", (OptimiserRequest? body, IOptions<BallastWebOptions> options) => Run(ScenarioEndpoints.Require(body), options.Value))
            .RequireRateLimiting(ComputeThrottle.Policy)
            .WithName("optimise").WithSummary("Roles and missions: allocates allies' investment over mission areas and theatres, federated and autonomous, and prices the federated dividend (solver time limit: OptimiserTimeLimitSeconds).");
        g.MapGet("/optimise/{table}", (string table, string? scenario, int? year, [FromQuery(Name = "budget_share_pct")] double? budgetSharePct, bool? programmes, IOptions<BallastWebOptions> options) =>
            {
                var name = table.EndsWith(".csv", StringComparison.Ordinal) ? table[..^4] : null;
                if (name is null || !Tables.Contains(name))
                {
                    throw new BallastInputException($"ask for one of {string.Join(", ", Tables.Select(t => t + ".csv"))}", field: "table", value: table);
                }

                var r = Run(new OptimiserRequest(scenario ?? throw new BallastInputException("is required (an example name)", field: "scenario"), null, null, year, budgetSharePct, null, programmes), options.Value);
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
        var request = ScenarioOptimisation.Request(sc, r.Year, r.BudgetSharePct, priorities, r.Programmes ?? false);
        var (built, d) = Fields.Renamed(FieldNames, () =>
        {
            var b = ProblemBuilder.Build(request);
            return (b, RolesSolving.Dividend(b.Problem, new SolverOptions(o.OptimiserTimeLimitSeconds)));
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
                        alloc.Add(new AllocationRow(pr.Countries[i], pr.Missions[mm], pr.Theatres[tt], Bn(x), Bn(x * pr.Yield(i, mm, tt) * mult), pr.Budget[i] > 0 ? 100 * x / pr.Budget[i] : 0));
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
                cover.Add(new CoverageRow(pr.Missions[mm], pr.Theatres[tt], pr.Priority[tt], Bn(pr.Requirement[k]), Bn(fed.Capability[k]), Bn(fed.Gap[k]), Bn(fed.Duplication[k]), Bn(aut.Capability[k]), Bn(aut.Gap[k]), Bn(aut.Duplication[k])));
            }
        }

        var countries = Enumerable.Range(0, pr.N).Select(i => new CountryRow(pr.Countries[i], Bn(pr.Spending[i]), Bn(pr.Budget[i]), Bn(fed.Spend[i]), Bn(fed.ProgrammeCost[i]), Bn(aut.Spend[i]), fed.BudgetValue[i])).ToList();
        var programmes = pr.Programmes.Select(p => new ProgrammeRow(p.Name, pr.Missions[p.Mission], p.Members.Select(i => pr.Countries[i]).ToList(), Bn(p.FixedCost), p.Multiplier,
            p.Committed ? "committed (scenario)" : fed.Programmes.Contains(p.Name) ? "join" : "do not join")).ToList();
        var dividend = new DividendView(Bn(fed.TotalGap), Bn(aut.TotalGap), Bn(fed.TotalDuplication), Bn(aut.TotalDuplication), Bn(fed.TotalSpend), Bn(aut.TotalSpend), fed.Objective, aut.Objective,
            Bn(d.CheapestCover.TotalSpend), Bn(d.Dividend), 100 * d.DividendShareOfSpending, 100 * d.DividendShareOfInvestment, Bn(pr.TotalSpending), fed.Status.ToString(), fed.Solver, fed.RelativeGap);
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

    // The solver's US$ millions (and m-equivalent units) in billions, the API's unit.
    private static double Bn(double millions) => ApiJson.UsdBnFromMillions(millions);

    /// <summary>One of the response's tables for CSV (the columns of <c>ballast optimise --format csv --table NAME</c>).</summary>
    public static DataTable Table(OptimiserResponse r, string name)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return name switch
        {
            "allocation" => new DataTable(["country", "mission", "theatre", "investment_usd_bn", "capability_bn_units", "share_of_budget_pct"],
                r.Allocation.Select(a => (IReadOnlyList<string>)[a.Country, a.Mission, a.Theatre, N(a.InvestmentUsdBn), N(a.CapabilityBnUnits), N(a.ShareOfBudgetPct)]).ToList()),
            "coverage" => new DataTable(["mission", "theatre", "priority", "requirement_bn_units", "federated_capability_bn_units", "federated_gap_bn_units", "federated_duplication_bn_units", "autonomous_capability_bn_units", "autonomous_gap_bn_units", "autonomous_duplication_bn_units"],
                r.Coverage.Select(c => (IReadOnlyList<string>)[c.Mission, c.Theatre, N(c.Priority), N(c.RequirementBnUnits), N(c.FederatedCapabilityBnUnits), N(c.FederatedGapBnUnits), N(c.FederatedDuplicationBnUnits), N(c.AutonomousCapabilityBnUnits), N(c.AutonomousGapBnUnits), N(c.AutonomousDuplicationBnUnits)]).ToList()),
            "countries" => new DataTable(["country", "spending_usd_bn", "investment_budget_usd_bn", "federated_spend_usd_bn", "programme_cost_usd_bn", "autonomous_spend_usd_bn", "budget_value"],
                r.Countries.Select(c => (IReadOnlyList<string>)[c.Country, N(c.SpendingUsdBn), N(c.InvestmentBudgetUsdBn), N(c.FederatedSpendUsdBn), N(c.ProgrammeCostUsdBn), N(c.AutonomousSpendUsdBn), N(c.BudgetValue)]).ToList()),
            "programmes" => new DataTable(["programme", "mission", "members", "fixed_cost_usd_bn", "multiplier", "decision"],
                r.ProgrammeDecisions.Select(p => (IReadOnlyList<string>)[p.Programme, p.Mission, string.Join(';', p.Members), N(p.FixedCostUsdBn), N(p.Multiplier), p.Decision]).ToList()),
            _ => new DataTable(["measure", "federated", "autonomous"],
            [
                ["gap_bn_units", N(r.Dividend.FederatedGapBnUnits), N(r.Dividend.AutonomousGapBnUnits)],
                ["duplication_bn_units", N(r.Dividend.FederatedDuplicationBnUnits), N(r.Dividend.AutonomousDuplicationBnUnits)],
                ["spend_usd_bn", N(r.Dividend.FederatedSpendUsdBn), N(r.Dividend.AutonomousSpendUsdBn)],
                ["objective", N(r.Dividend.FederatedObjective), N(r.Dividend.AutonomousObjective)],
                ["cheapest_cover_spend_usd_bn", N(r.Dividend.CheapestCoverSpendUsdBn), string.Empty],
                ["dividend_usd_bn", N(r.Dividend.DividendUsdBn), string.Empty],
                ["dividend_pct_of_spending", N(r.Dividend.DividendPctOfSpending), string.Empty],
            ]),
        };
    }
}
