using Ballast.Core.Countries;
using Ballast.Core.Facts;
using Ballast.Core.Model;
using Ballast.Core.Panel;
using Ballast.Core.Parameters;
using Ballast.Data.Countries;
using Ballast.Data.Facts;
using Ballast.Data.Panel;

namespace Ballast.Optimisation.Inputs;

/// <summary>A programme already agreed (named in a scenario): switched on, not a decision.</summary>
/// <param name="Name">Programme key in the catalogue.</param>
/// <param name="Members">Members (ISO3).</param>
/// <param name="Mission">Mission area.</param>
/// <param name="Year">Start year.</param>
public sealed record AgreedProgramme(string Name, IReadOnlyList<string> Members, MissionArea Mission, int Year);

/// <summary>What the analyst asks the optimiser.</summary>
public sealed record OptimiseRequest
{
    /// <summary>The year whose budgets and threats are optimised.</summary>
    public required int Year { get; init; }

    /// <summary>Budget as a share of GDP in percent (e.g. 3.5); null = each country's spending on its trend.</summary>
    public double? BudgetSharePercent { get; init; }

    /// <summary>Theatre priorities by key or name, replacing the defaults.</summary>
    public IReadOnlyDictionary<string, double> Priorities { get; init; } = new Dictionary<string, double>();

    /// <summary>True to offer the co-development programmes as yes/no decisions (a MIP).</summary>
    public bool Programmes { get; init; }

    /// <summary>The actors (roles decide who is coalition and who is adversary); null = the Indo-Pacific default.</summary>
    public IReadOnlyList<Actor>? Actors { get; init; }

    /// <summary>Programmes already agreed (from a scenario).</summary>
    public IReadOnlyList<AgreedProgramme> Agreed { get; init; } = [];

    /// <summary>Parameter overrides by registry name (from a scenario).</summary>
    public IReadOnlyDictionary<string, double> Overrides { get; init; } = new Dictionary<string, double>();
}

/// <summary>A parameter as used in a problem, for the assumptions list.</summary>
/// <param name="Name">Registry name.</param>
/// <param name="Value">Value used.</param>
/// <param name="Unit">Unit.</param>
/// <param name="SourceKind">Calibrated, cited or assumption.</param>
/// <param name="Source">Citation or reasoning.</param>
public sealed record AssumptionUsed(string Name, double Value, string Unit, SourceKind SourceKind, string Source);

/// <summary>A built problem with everything needed to explain it.</summary>
/// <param name="Problem">The problem.</param>
/// <param name="Theatres">Theatres in problem order.</param>
/// <param name="Notes">What was derived how, and what was left out and why.</param>
/// <param name="Assumptions">Registry parameters used, with sources.</param>
/// <param name="Programmes">Catalogue entries behind <see cref="RolesProblem.Programmes"/>, in the same order.</param>
/// <param name="AdversarySpending">Adversary spending in the year, US$ millions.</param>
public sealed record BuiltProblem(
    RolesProblem Problem,
    ImmutableArray<Theatre> Theatres,
    ImmutableArray<string> Notes,
    ImmutableArray<AssumptionUsed> Assumptions,
    ImmutableArray<ProgrammeSpec> Programmes,
    ImmutableDictionary<string, double> AdversarySpending);

/// <summary>
/// Builds the roles-and-missions problem for a year from the embedded data: budgets from the panel (or a share of
/// GDP) less sustainment, productivity from <c>data/mission_productivity.csv</c>, reach from capitals to theatre
/// points by the engine's loss-of-strength gradient, requirements from adversary spending × mix × reach.
/// </summary>
public static class ProblemBuilder
{
    /// <summary>Registry names the optimiser reads (the engine's gradient and China growth included).</summary>
    public static readonly IReadOnlyList<string> ParameterNames =
    [
        "lsg_distance_km", "g_c", "optimiser_sustainment_share", "optimiser_us_cover_share", "optimiser_requirement_ratio",
        "optimiser_projection_range_km", "optimiser_default_productivity", "optimiser_gap_weight", "optimiser_duplication_weight",
        "optimiser_money_weight", "optimiser_trend_years",
    ];

    /// <summary>Builds the problem; <paramref name="panel"/> defaults to the embedded panel.</summary>
    public static BuiltProblem Build(OptimiseRequest request, CountryPanel? panel = null)
    {
        panel ??= PanelBuilder.Default;
        var registry = OptimiserData.Registry;
        var overrides = request.Overrides.Where(kv => registry.Contains(kv.Key)).ToList();
        registry = registry.WithOverrides(overrides);
        var notes = new List<string>();
        var used = new SortedSet<string>(ParameterNames, StringComparer.Ordinal);
        if (request.Year is < 1950 or > 2100)
        {
            throw new BallastInputException($"year {request.Year} is outside 1950-2100", field: "--year", value: request.Year.ToString(CultureInfo.InvariantCulture));
        }

        if (request.BudgetSharePercent is double bs && (!double.IsFinite(bs) || bs <= 0 || bs > 100))
        {
            throw new BallastInputException($"budget share {bs.ToString("G", CultureInfo.InvariantCulture)} % must be greater than 0 and at most 100", field: "--budget-share", value: bs.ToString("G", CultureInfo.InvariantCulture));
        }

        double sustainment = registry.Value("optimiser_sustainment_share");
        if (sustainment is < 0 or >= 1)
        {
            throw new BallastInputException("optimiser_sustainment_share must be in [0, 1): at 1 nothing is left to invest", field: "optimiser_sustainment_share");
        }

        double lsg = registry.Value("lsg_distance_km"), range = registry.Value("optimiser_projection_range_km");
        if (lsg <= 0 || range <= 0)
        {
            throw new BallastInputException("lsg_distance_km and optimiser_projection_range_km must be greater than 0", field: lsg <= 0 ? "lsg_distance_km" : "optimiser_projection_range_km");
        }

        int trendYears = (int)registry.Value("optimiser_trend_years");
        var theatres = OptimiserData.Theatres;
        var priority = Priorities(theatres, request.Priorities);
        var facts = WorldFactsLoader.LoadEmbedded();
        var actors = request.Actors ?? CountryData.IndoPacific.Actors;

        // The coalition: treaty allies and partners with a capital and a budget.
        var countries = new List<string>();
        var budgets = new List<double>();
        var spending = new List<double>();
        foreach (var a in actors.Where(a => a.Role is CountryRole.TreatyAlly or CountryRole.Partner))
        {
            if (facts.Country(a.Iso3)?.CapitalLocation is null)
            {
                notes.Add($"{a.Iso3}: left out (no capital location in the data).");
                continue;
            }

            var money = Spending(panel, a.Iso3, request.Year, request.BudgetSharePercent, trendYears, null, registry, used);
            if (money is null)
            {
                notes.Add($"{a.Iso3}: left out (no military expenditure or GDP data).");
                continue;
            }

            countries.Add(a.Iso3);
            spending.Add(money.Value.Value);
            budgets.Add(money.Value.Value * (1 - sustainment));
            notes.Add($"{a.Iso3}: {money.Value.How}");
        }

        if (countries.Count == 0)
        {
            throw new BallastInputException("no coalition country (treaty ally or partner) has data for the year", field: "actors");
        }

        int n = countries.Count, m = MissionAreas.Count, t = theatres.Length;
        double Reach(string iso3, int theatre) =>
            LossOfStrength.Reach(GreatCircle.DistanceKm(facts.Country(iso3)!.CapitalLocation!.Value, theatres[theatre].Point), lsg, range);

        var reach = new double[n * t];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < t; k++)
            {
                reach[(i * t) + k] = Reach(countries[i], k);
            }
        }

        // A going-it-alone country's concern for a theatre falls with distance like its strength does.
        var concern = (double[])reach.Clone();

        double defaultProductivity = registry.Value("optimiser_default_productivity");
        var productivity = new double[n * m];
        Array.Fill(productivity, defaultProductivity);
        foreach (var p in OptimiserData.Productivity)
        {
            int i = countries.IndexOf(p.Iso3);
            if (i >= 0)
            {
                productivity[(i * m) + (int)p.Mission] = p.Productivity;
            }
        }

        // Requirement: adversary investment × purchasing power × mix × share of its force sent to and arriving in each theatre.
        var requirement = new double[m * t];
        var adversarySpending = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        var adversaries = actors.Where(a => a.Role == CountryRole.Adversary).ToList();
        string? lead = adversaries
            .Select(a => (a.Iso3, M: Spending(panel, a.Iso3, request.Year, null, trendYears, null, registry, used)?.Value ?? 0))
            .OrderByDescending(x => x.M).Select(x => x.Iso3).FirstOrDefault();
        double factor = registry.Value("optimiser_requirement_ratio") * (1 - registry.Value("optimiser_us_cover_share"));
        foreach (var a in adversaries)
        {
            var mix = OptimiserData.AdversaryMixes.FirstOrDefault(x => x.Iso3 == a.Iso3);
            if (mix is null)
            {
                notes.Add($"{a.Iso3} (adversary): left out (no mission mix in data/adversary_mission_mix.csv).");
                continue;
            }

            if (facts.Country(a.Iso3)?.CapitalLocation is null)
            {
                notes.Add($"{a.Iso3} (adversary): left out (no capital location).");
                continue;
            }

            var money = Spending(panel, a.Iso3, request.Year, null, trendYears, a.Iso3 == lead ? registry.Value("g_c") : null, registry, used);
            if (money is null)
            {
                string fixedName = $"optimiser_{a.Iso3.ToLowerInvariant()}_milex_usd_m";
                if (!registry.Contains(fixedName))
                {
                    notes.Add($"{a.Iso3} (adversary): left out (no spending data and no {fixedName} in the registry).");
                    continue;
                }

                used.Add(fixedName);
                money = (registry.Value(fixedName), $"spending {Money(registry.Value(fixedName))} from {fixedName} (held constant).");
            }

            string pppName = $"optimiser_ppp_{a.Iso3.ToLowerInvariant()}";
            if (!registry.Contains(pppName))
            {
                pppName = "optimiser_ppp_default";
            }

            used.Add(pppName);
            double invest = money.Value.Value * (1 - sustainment) * registry.Value(pppName);
            adversarySpending[a.Iso3] = money.Value.Value;
            var arrive = new double[t];
            for (int k = 0; k < t; k++)
            {
                arrive[k] = Reach(a.Iso3, k);
            }

            // The adversary spreads its force over theatres in proportion to how well it reaches them (no double counting).
            double spread = arrive.Sum();
            if (spread <= 0)
            {
                notes.Add($"{a.Iso3} (adversary): reaches no theatre within {range.ToString("N0", CultureInfo.InvariantCulture)} km; adds no requirement.");
                continue;
            }

            for (int mm = 0; mm < m; mm++)
            {
                for (int k = 0; k < t; k++)
                {
                    requirement[(mm * t) + k] += factor * invest * mix.Shares[mm] * arrive[k] * (arrive[k] / spread);
                }
            }

            notes.Add($"{a.Iso3} (adversary): {money.Value.How} Investment at purchasing power ×{registry.Value(pppName).ToString("G3", CultureInfo.InvariantCulture)} ({pppName}).");
        }

        // Programmes: the catalogue entries with two or more members in the coalition; agreed ones are committed.
        var programmes = ImmutableArray.CreateBuilder<ProgrammeOption>();
        var specs = ImmutableArray.CreateBuilder<ProgrammeSpec>();
        // Scenarios write names in kebab-case (anti-ship-missiles); the catalogue keys are snake_case.
        var agreed = request.Agreed.Where(p => p.Year <= request.Year).Select(p => p with { Name = p.Name.Trim().Replace('-', '_') }).ToList();
        foreach (var g in agreed.Where(p => OptimiserData.Programmes.All(c => c.Key != p.Name)))
        {
            notes.Add($"programme '{g.Name}' in the scenario is not in data/programmes.csv (no cost or multiplier known); ignored.");
        }

        if (request.Programmes)
        {
            foreach (var spec in OptimiserData.Programmes)
            {
                var deal = agreed.FirstOrDefault(p => p.Name == spec.Key);
                var members = (deal?.Members ?? spec.Members).Select(c => countries.IndexOf(c)).Where(i => i >= 0).ToImmutableArray();
                if (members.Length < 2)
                {
                    notes.Add($"programme '{spec.Key}': fewer than two eligible members in the coalition; not offered.");
                    continue;
                }

                programmes.Add(new ProgrammeOption(spec.Key, deal is null ? (int)spec.Mission : (int)deal.Mission, members, spec.FixedCostUsdM, spec.Multiplier, deal is not null));
                specs.Add(spec);
            }
        }
        else if (agreed.Count > 0)
        {
            notes.Add("agreed programmes in the scenario are ignored without --programs.");
        }

        var problem = new RolesProblem
        {
            Countries = [.. countries],
            Missions = [.. MissionAreas.Keys],
            Theatres = [.. theatres.Select(x => x.Key)],
            Budget = [.. budgets],
            Spending = [.. spending],
            Productivity = [.. productivity],
            Reach = [.. reach],
            Concern = [.. concern],
            Requirement = [.. requirement],
            Priority = [.. priority],
            GapWeight = registry.Value("optimiser_gap_weight"),
            DuplicationWeight = registry.Value("optimiser_duplication_weight"),
            MoneyWeight = registry.Value("optimiser_money_weight"),
            Programmes = programmes.ToImmutable(),
        };
        problem.Validate();
        var assumptions = used.Select(name => registry[name])
            .Select(p => new AssumptionUsed(p.Name, p.Value, p.Unit, p.SourceKind, p.Source)).ToImmutableArray();
        return new BuiltProblem(problem, theatres, [.. notes], assumptions, specs.ToImmutable(), adversarySpending.ToImmutable());
    }

    /// <summary>Theatre priorities: defaults from the data, replaced by the user's by key or name.</summary>
    public static double[] Priorities(ImmutableArray<Theatre> theatres, IReadOnlyDictionary<string, double> user)
    {
        var result = theatres.Select(x => x.DefaultPriority).ToArray();
        foreach (var (name, weight) in user)
        {
            int k = -1;
            for (int j = 0; j < theatres.Length && k < 0; j++)
            {
                if (string.Equals(theatres[j].Key, name.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(theatres[j].Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    k = j;
                }
            }

            if (k < 0)
            {
                throw new BallastInputException($"unknown theatre '{name}'; allowed: {string.Join(", ", theatres.Select(x => x.Key))}", field: "--priority", value: name);
            }

            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new BallastInputException($"priority of '{name}' is {weight.ToString("G", CultureInfo.InvariantCulture)}; it must be a finite number ≥ 0", field: "--priority", value: weight.ToString("G", CultureInfo.InvariantCulture));
            }

            result[k] = weight;
        }

        return result;
    }

    /// <summary>
    /// Defence spending in a year, US$ millions: the latest observed constant-2023-dollar figure at or before the year,
    /// grown at its real trend (or at <paramref name="growth"/>); with a budget share, that share of GDP grown at real GDP trend.
    /// </summary>
    internal static (double Value, string How)? Spending(CountryPanel panel, string iso3, int year, double? sharePercent, int trendYears, double? growth, ParameterSet registry, ISet<string> used)
    {
        if (sharePercent is double share)
        {
            var gdp = Latest(panel, iso3, year, Series.GdpCurrentUsd);
            if (gdp is null)
            {
                return null;
            }

            var real = Trend(panel, iso3, gdp.Value.Year, trendYears, Series.GdpConstantUsd) ?? Trend(panel, iso3, gdp.Value.Year, trendYears, Series.GdpCurrentUsd);
            double g = real ?? 0;
            double value = gdp.Value.Value / 1e6 * Math.Pow(1 + g, year - gdp.Value.Year) * share / 100;
            return (value, $"budget {share.ToString("G", CultureInfo.InvariantCulture)} % of GDP {Money(gdp.Value.Value / 1e6)} ({gdp.Value.Year}, current US$) grown at {Pct(g)}/yr to {year} = {Money(value)}.");
        }

        var milex = Latest(panel, iso3, year, Series.MilexConstantUsd);
        if (milex is null)
        {
            return null;
        }

        string basis = growth is null ? "real trend" : "g_c (engine registry)";
        if (growth is not null)
        {
            used.Add("g_c");
        }

        double rate = growth ?? Trend(panel, iso3, milex.Value.Year, trendYears, Series.MilexConstantUsd) ?? 0;
        double v = milex.Value.Value / 1e6 * Math.Pow(1 + rate, year - milex.Value.Year);
        return (v, $"spending {Money(milex.Value.Value / 1e6)} ({milex.Value.Year}, constant 2023 US$, SIPRI) grown at {Pct(rate)}/yr ({basis}) to {year} = {Money(v)}.");
    }

    private static (int Year, double Value)? Latest(CountryPanel panel, string iso3, int atMost, Series s)
    {
        var y = panel.LastCompleteYear(iso3, atMost, s);
        return y is int year && panel.Value(iso3, year, s) is double v && v > 0 ? (year, v) : null;
    }

    /// <summary>Compound growth of a series over up to <paramref name="years"/> years ending at the series' last year ≤ <paramref name="atMost"/> (at least 3 years of span), or null.</summary>
    private static double? Trend(CountryPanel panel, string iso3, int atMost, int years, Series s)
    {
        // The series' own latest year: constant-price GDP may stop a year before current-price GDP.
        if (panel.LastCompleteYear(iso3, atMost, s) is not int end || panel.Value(iso3, end, s) is not double last || last <= 0)
        {
            return null;
        }

        for (int start = end - years; start <= end - 3; start++)
        {
            if (panel.Value(iso3, start, s) is double first && first > 0)
            {
                return Math.Pow(last / first, 1.0 / (end - start)) - 1;
            }
        }

        return null;
    }

    private static string Money(double usdMillions) => "US$ " + (usdMillions / 1000).ToString("N1", CultureInfo.InvariantCulture) + " bn";

    private static string Pct(double g) => (g * 100).ToString("N1", CultureInfo.InvariantCulture) + " %";
}
