using Ballast.Core.Scenarios;
using Ballast.Optimisation.Inputs;
using Ballast.Optimisation.Solving;

namespace Ballast.Cli.Commands;

/// <summary>
/// <c>ballast optimize SCENARIO.yaml --year Y</c>: the roles-and-missions optimiser. Allocates allies' and partners'
/// investment over mission areas and theatres, federated and autonomous, and prices the federated dividend.
/// </summary>
public static class OptimizeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var scenario = CommonOptions.Scenario("Scenario file (YAML): actors, agreed programmes and parameter overrides are read from it.");
        var year = CommonOptions.Year("Year to optimise (default: the scenario's horizon).");
        var share = new Option<double?>("--budget-share") { Description = "Budget as a share of GDP in percent (e.g. 3.5) instead of each country's spending on its trend." };
        var priority = new Option<string[]>("--priority")
        {
            Description = "Theatre priority THEATRE=W (repeatable), e.g. --priority taiwan_strait=2 --priority indian_ocean=0.5.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
        };
        var programs = new Option<bool>("--programs") { Description = "Offer the co-development programmes (data/programmes.csv) as yes/no decisions (a mixed-integer programme)." };
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = "Time limit per solve in seconds; a MIP that hits it reports its best allocation and the gap to the bound.",
            DefaultValueFactory = _ => 30,
        };
        var output = new OutputOptions(Tables);
        var report = new ReportOutOption(AnalysisReportWriter.Optimisation);
        var command = BallastCli.Command(ctx, "optimise", "Roles and missions: allocate allies' investment over mission areas and theatres to minimise gaps and duplication, and price the federated dividend (also spelt optimize).",
            ["ballast optimise scenarios/baseline.yaml --year 2030", "ballast optimise scenarios/baseline.yaml --budget-share 3.5 --programs --out report", "ballast optimise scenarios/baseline.yaml --table allocation --format csv"],
            [scenario, year, share, priority, programs, timeLimit, .. output.Symbols, report.Option], p =>
        {
            report.Check(p);
            var sc = ScenarioLoader.Default.LoadFile(p.GetValue(scenario)!);
            double limit = p.GetValue(timeLimit);
            if (!double.IsFinite(limit) || limit <= 0)
            {
                throw new BallastInputException("time limit must be greater than 0 seconds", field: "--time-limit", value: limit.ToString("G", CultureInfo.InvariantCulture));
            }

            var request = ScenarioOptimisation.Request(sc, p.GetValue(year), p.GetValue(share), ParsePriorities(p.GetValue(priority) ?? []), p.GetValue(programs));
            var built = ProblemBuilder.Build(request);
            var dividend = RolesSolving.Dividend(built.Problem, new SolverOptions(limit));
            var tables = Report(sc, request, built, dividend);
            report.Write(p, ctx, () =>
            {
                var pr = built.Problem;
                string basis = request.BudgetSharePercent is double bs ? $"budgets at {bs.ToString("G", CultureInfo.InvariantCulture)} % of GDP" : "budgets at trend spending";
                string meta = $"Scenario {sc.Name}, {request.Year}, {basis}; {pr.N} countries, {pr.M} mission areas, {pr.T} theatres; programmes {(request.Programmes ? "offered" : "not offered")}.";
                return AnalysisReports.Optimisation(meta, pr.Countries, pr.Missions, pr.Theatres, tables);
            });

            var doc = new ResultDocument("optimise", [.. tables]);
            doc.With(new
            {
                Scenario = sc.Name,
                request.Year,
                BudgetSharePct = request.BudgetSharePercent,
                ProgrammesOffered = request.Programmes,
                DividendUsdBn = dividend.Dividend / 1000,
                DividendPctOfSpending = 100 * dividend.DividendShareOfSpending,
            });
            output.Write(p, ctx, doc);
            return 0;
        });
        command.Aliases.Add("optimize");
        return command;
    }

    /// <summary>The command's tables, in printing order (<c>--table</c> names).</summary>
    public static readonly string[] Tables = ["dividend", "allocation", "coverage", "countries", "programmes", "assumptions"];

    /// <summary>Parses <c>THEATRE=W</c> pairs.</summary>
    public static IReadOnlyDictionary<string, double> ParsePriorities(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(pair[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double w))
            {
                throw new BallastInputException($"expected THEATRE=WEIGHT (e.g. taiwan_strait=2), found '{pair}'", field: "--priority", value: pair);
            }

            result[pair[..eq].Trim()] = w;
        }

        return result;
    }

    /// <summary>The tables the command prints, in order.</summary>
    internal static List<ResultTable> Report(Scenario sc, OptimiseRequest request, BuiltProblem built, FederatedDividend d)
    {
        var pr = built.Problem;
        var fed = d.Federated;
        var aut = d.Autonomous;
        int m = pr.M, t = pr.T;
        string basis = request.BudgetSharePercent is double s ? $"budgets at {s.ToString("G", CultureInfo.InvariantCulture)} % of GDP" : "budgets at trend spending";

        var alloc = new ResultTable($"Federated allocation, {request.Year} ({basis}; scenario {sc.Name}): who does what, where", [
            new("country", "Country", RightAlign: false),
            new("mission", "Mission area", RightAlign: false),
            new("theatre", "Theatre", RightAlign: false),
            new("investment_usd_bn", "Investment (US$ bn)", "N2", DisplayScale: 1000),
            new("capability_bn_units", "Capability (bn units)", "N2", DisplayScale: 1000),
            new("share_of_budget_pct", "Share of budget (%)", "N1"),
        ], "allocation");
        for (int i = 0; i < pr.N; i++)
        {
            for (int mm = 0; mm < m; mm++)
            {
                double mult = fed.Programmes.Select(n => built.Problem.Programmes.First(p => p.Name == n))
                    .Where(p => p.Mission == mm && p.Members.Contains(i)).Select(p => p.Multiplier).DefaultIfEmpty(1).Max();
                for (int tt = 0; tt < t; tt++)
                {
                    double x = fed.Investment[(((i * m) + mm) * t) + tt];
                    if (x < 0.5)
                    {
                        continue; // below half a million dollars: solver noise, not a role
                    }

                    alloc.Add(pr.Countries[i], pr.Missions[mm], pr.Theatres[tt], x, x * pr.Yield(i, mm, tt) * mult, pr.Budget[i] > 0 ? 100 * x / pr.Budget[i] : double.NaN);
                }
            }
        }

        var cover = new ResultTable("Coverage by mission area and theatre: requirement, capability, gaps and duplication (US$ bn-equivalent units)", [
            new("mission", "Mission area", RightAlign: false),
            new("theatre", "Theatre", RightAlign: false),
            new("priority", "Priority", "N2"),
            new("requirement_bn_units", "Requirement", "N2", DisplayScale: 1000),
            new("federated_capability_bn_units", "Federated cap.", "N2", DisplayScale: 1000),
            new("federated_gap_bn_units", "Federated gap", "N2", DisplayScale: 1000),
            new("federated_duplication_bn_units", "Federated dup.", "N2", DisplayScale: 1000, Priority: 2),
            new("autonomous_capability_bn_units", "Autonomous cap.", "N2", DisplayScale: 1000, Priority: 1),
            new("autonomous_gap_bn_units", "Autonomous gap", "N2", DisplayScale: 1000),
            new("autonomous_duplication_bn_units", "Autonomous dup.", "N2", DisplayScale: 1000, Priority: 2),
        ], "coverage");
        for (int mm = 0; mm < m; mm++)
        {
            for (int tt = 0; tt < t; tt++)
            {
                int k = (mm * t) + tt;
                cover.Add(pr.Missions[mm], pr.Theatres[tt], pr.Priority[tt], pr.Requirement[k], fed.Capability[k], fed.Gap[k], fed.Duplication[k], aut.Capability[k], aut.Gap[k], aut.Duplication[k]);
            }
        }

        var countries = new ResultTable("Countries: budgets and what they commit", [
            new("country", "Country", RightAlign: false),
            new("spending_usd_bn", "Spending (US$ bn)", "N1", DisplayScale: 1000),
            new("investment_budget_usd_bn", "Investment budget (US$ bn)", "N1", DisplayScale: 1000),
            new("federated_spend_usd_bn", "Federated spend (US$ bn)", "N1", DisplayScale: 1000),
            new("programme_cost_usd_bn", "of which programmes (US$ bn)", "N2", DisplayScale: 1000, Priority: 1),
            new("autonomous_spend_usd_bn", "Autonomous spend (US$ bn)", "N1", DisplayScale: 1000),
            new("budget_value", "Value of a budget dollar", "N3", Priority: 2),
        ], "countries");
        for (int i = 0; i < pr.N; i++)
        {
            countries.Add(pr.Countries[i], pr.Spending[i], pr.Budget[i], fed.Spend[i], fed.ProgrammeCost[i], aut.Spend[i], fed.BudgetValue[i]);
        }

        var progs = new ResultTable("Co-development programmes", [
            new("programme", "Programme", RightAlign: false),
            new("mission", "Mission area", RightAlign: false),
            new("members", "Members", RightAlign: false),
            new("fixed_cost_usd_bn", "Fixed cost (US$ bn/yr)", "N2", DisplayScale: 1000),
            new("multiplier", "Capability multiplier", "N2"),
            new("decision", "Decision", RightAlign: false),
        ], "programmes");
        foreach (var p in pr.Programmes)
        {
            string decision = p.Committed ? "committed (scenario)" : fed.Programmes.Contains(p.Name) ? "join" : "do not join";
            progs.Add(p.Name, pr.Missions[p.Mission], string.Join(";", p.Members.Select(i => pr.Countries[i])), p.FixedCost, p.Multiplier, decision);
        }

        if (pr.Programmes.Length == 0)
        {
            progs.Notes.Add(request.Programmes ? "No programme has two or more members in the coalition." : "Programmes not offered; add --programs to decide on co-development (a mixed-integer programme).");
        }

        var summary = new ResultTable("Federated dividend: deciding roles together vs each country alone", [
            new("measure", "Measure", RightAlign: false),
            new("unit", "Unit of the row's values", RightAlign: false, Use: ColumnUse.Data),
            new("federated", "Federated", "N2"),
            new("autonomous", "Autonomous", "N2"),
            new("difference", "Autonomous − federated", "N2"),
        ], "dividend");
        void Row(string name, string unit, double f, double a, double scale = 1000) => summary.Add(name, unit, f / scale, a / scale, (a - f) / scale);
        Row("total gap (bn units)", "bn units", fed.TotalGap, aut.TotalGap);
        Row("total duplication (bn units)", "bn units", fed.TotalDuplication, aut.TotalDuplication);
        Row("money committed (US$ bn)", "US$ bn", fed.TotalSpend, aut.TotalSpend);
        Row("objective (weighted gaps + duplication + money)", "objective (bn)", fed.Objective, aut.Objective);
        summary.Add("money for the autonomous coverage (US$ bn)", "US$ bn", d.CheapestCover.TotalSpend / 1000, aut.TotalSpend / 1000, d.Dividend / 1000);
        summary.Add("federated dividend (US$ bn)", "US$ bn", d.Dividend / 1000, null, null);
        summary.Add("dividend, % of defence spending", "%", 100 * d.DividendShareOfSpending, null, null);
        summary.Add("dividend, % of autonomous investment", "%", 100 * d.DividendShareOfInvestment, null, null);
        summary.Notes.Add($"Federated dividend: US$ {(d.Dividend / 1000).ToString("N1", CultureInfo.InvariantCulture)} bn a year ({(100 * d.DividendShareOfSpending).ToString("N1", CultureInfo.InvariantCulture)} % of the coalition's US$ {(pr.TotalSpending / 1000).ToString("N0", CultureInfo.InvariantCulture)} bn defence spending) buys, federated, the coverage each country reaches alone.");
        foreach (var (label, sol) in new[] { ("federated", fed), ("cheapest cover", d.CheapestCover) })
        {
            summary.Notes.Add(sol.Status == SolveStatus.Optimal
                ? $"Solver ({label}): {sol.Solver}, optimal."
                : $"Solver ({label}): {sol.Solver} stopped at the time limit; best bound {(sol.BestBound / 1000).ToString("N3", CultureInfo.InvariantCulture)}, gap to the bound {(100 * sol.RelativeGap).ToString("N2", CultureInfo.InvariantCulture)} %.");
        }

        summary.Notes.Add("Autonomous: each country alone covers the coalition requirement in each theatre weighted by its concern (its own loss-of-strength reach); no programmes.");

        var assumptions = new ResultTable("Assumptions (parameter registry entries used)", [
            new("name", "Parameter", RightAlign: false),
            new("value", "Value", "G6"),
            new("unit", "Unit", RightAlign: false),
            new("source_kind", "Kind", RightAlign: false),
            new("source", "Source or reasoning", RightAlign: false, Priority: 1),
        ], "assumptions");
        foreach (var a in built.Assumptions)
        {
            assumptions.Add(a.Name, a.Value, a.Unit, a.SourceKind.ToString().ToLowerInvariant(), a.Source);
        }

        foreach (var th in built.Theatres)
        {
            assumptions.Notes.Add($"Theatre {th.Key} ({th.Point.Lat.ToString("G", CultureInfo.InvariantCulture)}, {th.Point.Lon.ToString("G", CultureInfo.InvariantCulture)}): {th.Source}");
        }

        assumptions.Notes.AddRange(built.Notes);
        assumptions.Notes.Add("Comparative advantage: data/mission_productivity.csv (default 1 where no row); adversary mixes: data/adversary_mission_mix.csv; programme costs and multipliers: data/programmes.csv.");
        assumptions.Sources.Add(PanelBuilder.Citation);
        assumptions.Sources.Add(OptimiserData.Citation);
        return [summary, alloc, cover, countries, progs, assumptions];
    }
}
