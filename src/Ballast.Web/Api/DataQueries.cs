using Ballast.Core.Analytics;
using Ballast.Core.Countries;
using Ballast.Core.Network;
using Ballast.Core.Panel;
using Ballast.Data.Alliances;
using Ballast.Data.Countries;
using Ballast.Data.Panel;
using System.Text.Json.Serialization;
using Ballast.Runs.Countries;

namespace Ballast.Web.Api;

/// <summary>
/// The data queries behind the API and the dashboard: thin glue over the same Core analytics and Data loaders the
/// CLI commands call (burden, exploitation, power, network), returning plain records for JSON.
/// </summary>
public static class DataQueries
{
    /// <summary>Citation for alliance data (as printed by <c>ballast network</c>).</summary>
    public const string AllianceCitation =
        "Sources: ATOP v5.1 (Leeds, Ritter, Mitchell and Long 2002; atopdata.org), directed dyad-years to 2018; groupings entered by Ballast with a citation per row (data/groupings.csv).";

    /// <summary>First year of the constant-dollar SIPRI series; the perpetual inventory starts here (as in <c>ballast power</c>).</summary>
    public const int CapitalStockStartYear = DataYears.CapitalStockFirst;

    private static readonly Lazy<IReadOnlyList<AtopDyadYear>> Atop = new(AllianceData.LoadAtop);
    private static readonly Lazy<IReadOnlyList<NmcRecord>> Nmc = new(AllianceData.LoadNmc);

    private static CountryPanel Panel => PanelBuilder.Default;

    /// <summary>The last year with a military-spending share in the embedded panel.</summary>
    public static int LastShareYear => Panel.AllRows.Where(r => r[Series.MilexShare] is not null).Max(r => r.Year);

    /// <summary>First year of the embedded panel.</summary>
    public static int FirstYear => Panel.FirstYear;

    /// <summary>Display name of a code.</summary>
    public static string Name(string iso3) => CountrySelection.Name(iso3);

    /// <summary>The countries of an actor set with their roles.</summary>
    public static CountriesResponse Countries(string? set)
    {
        var name = set ?? "indo-pacific";
        if (!CountryData.ActorSets.ContainsKey(name))
        {
            throw new BallastInputException($"unknown actor set; allowed: {string.Join(", ", CountryData.ActorSets.Keys.Order(StringComparer.Ordinal))}", field: "set", value: name);
        }

        var s = CountryData.ActorSet(name);
        return new CountriesResponse(
            s.Name,
            s.Description,
            s.Actors.Select(a => new CountryInfo(a.Iso3, Name(a.Iso3), CountryData.RoleName(a.Role), a.Source)).ToList(),
            CountryData.ActorSets.Keys.Order(StringComparer.Ordinal).ToList(),
            CountryData.Groups.All.Select(g => new GroupInfo(g.Name, g.Description, g.FoundedIn)).OrderBy(g => g.Name, StringComparer.Ordinal).ToList(),
            CountrySelection.Choices.Select(c => c.Name).ToList());
    }

    /// <summary>
    /// Which countries a query covers: explicit <paramref name="countries"/>, else <paramref name="group"/> as of the
    /// year, else <paramref name="fallback"/> (<see cref="CountrySelection"/>, as the CLI's <c>--countries</c> and <c>--group</c>).
    /// </summary>
    public static IReadOnlyList<string> Selection(string? countries, string? group, int year, Func<IReadOnlyList<string>> fallback) =>
        CountrySelection.Resolve(countries, group, year, fallback, SelectionFields.Query);

    private static void CheckYear(int year, string field = "year") => DataYears.CheckShares(Panel, year, field);

    /// <summary>One country's yearly series with the source of each figure.</summary>
    public static SeriesResponse CountrySeries(string country, int? from, int? to)
    {
        var c = CountryData.Registry.Resolve(country, field: "country");
        var rows = Panel.Rows(c.Iso3).Where(r => (from is not int f || r.Year >= f) && (to is not int t || r.Year <= t)).ToList();
        if (rows.Count == 0)
        {
            throw new BallastInputException($"no data for {c.Iso3} ({c.Name}) in the requested years", field: "country", value: country);
        }

        var sources = Enum.GetValues<Series>().ToDictionary(
            s => s.ToString(),
            s => (IReadOnlyList<string>)rows.Select(r => r[s]?.Source).OfType<string>().Distinct().ToList());
        return new SeriesResponse(
            c.Iso3,
            c.Name,
            rows.Select(r => new SeriesRow(r.Year, r.Value(Series.GdpCurrentUsd), r.Value(Series.GdpConstantUsd), r.Value(Series.Population), r.Value(Series.MilexCurrentUsd), r.Value(Series.MilexConstantUsd), r.Value(Series.MilexShare) * 100)).ToList(),
            sources,
            PanelBuilder.Citation);
    }

    /// <summary>Military spending as a share of GDP per country and year (the burden explorer's chart).</summary>
    public static SharesResponse Shares(string? countries, string? group, int? from, int? to)
    {
        var last = LastShareYear;
        var f = from ?? 1990;
        var t = to ?? last;
        CheckYear(f, "from");
        CheckYear(t, "to");
        if (f > t)
        {
            throw new BallastInputException("'from' must not be after 'to'", field: "from", value: f.ToString(CultureInfo.InvariantCulture));
        }

        var selection = Selection(countries, group, t, CountrySelection.IndoPacific).Where(Panel.Has).ToList();
        var years = Enumerable.Range(f, t - f + 1).ToList();
        var roles = CountryData.IndoPacific.Actors.ToDictionary(a => a.Iso3, a => CountryData.RoleName(a.Role));
        var series = selection.Select(iso => new ShareSeries(
            iso,
            Name(iso),
            roles.GetValueOrDefault(iso, "other"),
            years.Select(y => BurdenAnalysis.Share(Panel, iso, y)?.Value * 100).ToList())).ToList();
        return new SharesResponse(years, series, PanelBuilder.Citation);
    }

    /// <summary>The burden table of a year: spending against targets, gaps in points and money, trend, year reached.</summary>
    public static BurdenResponse Burden(int? year, string? targets, string? countries, string? group)
    {
        var y = year ?? LastShareYear;
        CheckYear(y);
        var t = ParseTargets(targets);
        var selection = Selection(countries, group, y, CountrySelection.IndoPacific);
        var rows = BurdenAnalysis.Analyse(Panel, selection, y, new BurdenOptions(t));
        return new BurdenResponse(
            y,
            t,
            rows.Select(r => new BurdenItem(
                r.Iso3,
                Name(r.Iso3),
                ApiJson.UsdBn(r.Spending?.Value),
                ApiJson.UsdBn(r.Gdp?.Value),
                r.SharePercent,
                r.Targets.Select(g => new GapItem(g.TargetPercent, g.GapPoints?.Value, ApiJson.UsdBn(g.GapUsd?.Value), g.StatusCode, g.ReachYear)).ToList(),
                r.Trend.SpendingGrowth?.Value * 100,
                r.Trend.ShareGrowth?.Value * 100)).ToList(),
            ["Gap = target − share (positive: short of the target); in money: gap × GDP. 'Reached' assumes the 5-year compound growth of the share continues."],
            PanelBuilder.Citation);
    }

    /// <summary>Parses comma-separated target percentages (default 2 and 3.5).</summary>
    public static IReadOnlyList<double> ParseTargets(string? targets)
    {
        if (string.IsNullOrWhiteSpace(targets))
        {
            return [2.0, 3.5];
        }

        var list = new List<double>();
        foreach (var part in targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v > 0 && v <= 100))
            {
                throw new BallastInputException("each target must be a percentage of GDP above 0 and at most 100", field: "targets", value: part);
            }

            list.Add(v);
        }

        if (list.Count > 10)
        {
            throw new BallastInputException("at most 10 targets", field: "targets", value: targets);
        }

        return list.Distinct().Order().ToList();
    }

    /// <summary>The Olson–Zeckhauser exploitation test for a group in a year.</summary>
    public static ExploitationResponse Exploitation(int? year, string? countries, string? group)
    {
        var y = year ?? 2023; // last year with World Bank GDP for all countries (as in the CLI)
        CheckYear(y);
        var selection = Selection(countries, group, y, CountrySelection.IndoPacificCoalition);
        var r = ExploitationTest.FromPanel(Panel, selection, y);
        return new ExploitationResponse(
            y,
            r.N,
            r.Table.OrderBy(a => a.RankByGdp).Select(a => new RankedItem(a.Iso3, Name(a.Iso3), a.Gdp / 1e9, a.Share * 100, a.RankByGdp, a.RankByShare)).ToList(),
            new SpearmanItem(r.Spearman.Coefficient, r.Spearman.Statistic, r.Spearman.PValue, r.Spearman.N, r.Spearman.Approximation),
            new KendallItem(r.KendallTauB.Coefficient, r.KendallTauB.Statistic, r.KendallTauB.PValue, r.KendallTauB.N, r.KendallTauB.Approximation),
            r.SupportsExploitation(),
            r.Interpretation(),
            r.Excluded.Select(e => new ExcludedItem(e.Iso3, e.Reason)).ToList(),
            PanelBuilder.Citation);
    }

    /// <summary>Power measures of the default set and the coalition-vs-adversaries balance under each.</summary>
    public static PowerResponse Power(int? year)
    {
        var y = year ?? 2023;
        DataYears.Check(y, DataYears.CapitalStockFirst, DataYears.CapitalStockLast, DataYears.CapitalStockData, "year");
        var notes = new List<string>();
        var cincYear = Math.Min(y, 2022);
        if (cincYear != y)
        {
            notes.Add($"CINC: COW NMC v7 ends in 2022; the {cincYear} scores are shown.");
        }

        var cinc = PowerMeasures.Cinc(Nmc.Value.Where(r => r.Year == cincYear).ToList())
            .Select(c => (iso: CountryData.Registry.ByCow(c.CowCode)?.Iso3, c.Cinc))
            .Where(x => x.iso is not null)
            .GroupBy(x => x.iso!)
            .ToDictionary(g => g.Key, g => g.First().Cinc);
        var set = CountryData.IndoPacific;
        var inputs = set.Actors.Select(a => new PowerInputs(
            a.Iso3,
            Panel.Value(a.Iso3, y, Series.MilexCurrentUsd),
            CapitalStock(a.Iso3, y),
            cinc.GetValueOrDefault(a.Iso3),
            Panel.Value(a.Iso3, y, Series.GdpCurrentUsd),
            Panel.Value(a.Iso3, y, Series.Population))).ToList();
        var (coalition, adversaries) = PowerMeasures.Sides(set);
        var rows = set.Actors.Zip(inputs).Select(p => new PowerItem(
            p.First.Iso3, Name(p.First.Iso3), CountryData.RoleName(p.First.Role), ApiJson.UsdBn(p.Second.MilitaryExpenditure), ApiJson.UsdBn(p.Second.CapitalStock), p.Second.Cinc,
            p.Second.Value(PowerMeasure.GdpTimesGdpPerCapita) / 1e15)).ToList();
        var balance = PowerMeasures.Balance(inputs, coalition, adversaries)
            .Select(b => new BalanceItem(b.Measure.ToString(), b.CoalitionTotal, b.AdversaryTotal, b.Ratio, b.Missing)).ToList();
        notes.Add($"Capital stock: perpetual inventory over SIPRI constant-2023-US$ spending from {CapitalStockStartYear}, depreciation {PowerMeasures.DefaultDepreciation.ToString(CultureInfo.InvariantCulture)} a year, starting at the steady state.");
        notes.Add("A ratio above 1 means the coalition leads under that measure.");
        return new PowerResponse(y, rows, balance, notes, [PanelBuilder.Citation, "CINC: Correlates of War National Material Capabilities v7.0 (Singer, Bremer and Stuckey 1972; Singer 1987), recomputed from its components."]);
    }

    private static double? CapitalStock(string iso3, int year) => PowerMeasures.CapitalStock(Panel, iso3, CapitalStockStartYear, year);

    /// <summary>The alliance network of a year and its metrics (computed afresh; the API serves it through <see cref="NetworkCache"/>).</summary>
    public static NetworkResponse Network(int? year, string? countries, string? group)
    {
        var (y, nodes) = NetworkQuery(year, countries, group);
        return Network(y, BuildNetwork(y, nodes));
    }

    /// <summary>
    /// What decides a network answer: the year (default 2024) and the countries, in order, that the selection resolves to
    /// (codes or names, a group as of the year, or the Indo-Pacific set). Throws on a bad year or selection.
    /// </summary>
    public static (int Year, IReadOnlyList<string> Nodes) NetworkQuery(int? year, string? countries, string? group)
    {
        var y = year ?? 2024;
        DataYears.Check(y, DataYears.NetworkFirst, DataYears.NetworkLast, DataYears.NetworkData, "year");
        return (y, Selection(countries, group, y, CountrySelection.IndoPacific));
    }

    /// <summary>The answer for a network built by <see cref="BuildNetwork"/> for the year.</summary>
    public static NetworkResponse Network(int y, (AllianceNetwork Network, NetworkSummary Summary) built)
    {
        var (network, summary) = built;
        var roles = CountryData.IndoPacific.Actors.ToDictionary(a => a.Iso3, a => CountryData.RoleName(a.Role));
        var degrees = summary.Degrees.ToDictionary(d => d.Key, d => d.Value);
        return new NetworkResponse(
            y,
            new NetworkMetricsItem(summary.NodeCount, summary.EdgeCount, summary.Density, summary.DegreeCentralisation, summary.Patron, summary.PatronTies, summary.PatronShareOfTies, summary.AllyToAllyTies,
                summary.EdgesByKind.OrderBy(k => k.Key).ToDictionary(k => TieKinds.Name(k.Key), k => k.Value)),
            network.Nodes.Select(n => new NodeItem(n, Name(n), roles.GetValueOrDefault(n, "other"), degrees.GetValueOrDefault(n), ApiJson.UsdBn(Panel.Value(n, Math.Min(y, LastShareYear), Series.MilexCurrentUsd)))).ToList(),
            network.Edges.Select(e => new EdgeItem(e.A, e.B, e.Kinds.Select(TieKinds.Name).ToList(), e.Weight, e.Ties.Select(x => x.Source).Distinct().ToList())).ToList(),
            network.Notes.ToList(),
            AllianceCitation);
    }

    /// <summary>The network of a year among the given countries and its summary (as <c>ballast network</c> builds them).</summary>
    public static (AllianceNetwork Network, NetworkSummary Summary) BuildNetwork(int year, IReadOnlyList<string> nodes)
    {
        var network = AllianceNetwork.Build(year, nodes, Atop.Value, c => CountryData.Registry.ByCow(c)?.Iso3, CountryData.Groups.All.SelectMany(g => g.Memberships));
        var adversaries = CountryData.IndoPacific.WithRole(CountryRole.Adversary).Select(a => a.Iso3)
            .Concat(CountryData.ActorSet("euro-atlantic").WithRole(CountryRole.Adversary).Select(a => a.Iso3)).Distinct();
        return (network, NetworkMetrics.Summarise(network, NetworkMetrics.DefaultPatron, adversaries));
    }
}

#pragma warning disable SA1402, CA1050 // the response records are small and read together
// Field names follow the CLI's naming rule (ApiJson: snake_case, the unit in the name, the value in that unit); `country`
// is an ISO3 code as in the CLI's tables. Names whose words end in a digit ("5y", "2023") are spelled out, since the
// snake_case policy joins digits to the word before them.

/// <summary>A country of an actor set.</summary>
public sealed record CountryInfo(string Country, string Name, string Role, string Source);

/// <summary>A named group (Quad, AUKUS…).</summary>
public sealed record GroupInfo(string Name, string Description, int FoundedIn);

/// <summary>An actor set's countries, the sets available, the named groups, and every name a <c>group</c> parameter accepts (groups, actor sets' allies, <c>allies</c>).</summary>
public sealed record CountriesResponse(string Set, string Description, IReadOnlyList<CountryInfo> Countries, IReadOnlyList<string> Sets, IReadOnlyList<GroupInfo> Groups, IReadOnlyList<string> GroupNames);

/// <summary>One year of a country's panel, in the user panel format of <c>ballast series</c> (money in US$).</summary>
public sealed record SeriesRow(int Year, double? GdpCurrentUsd, double? GdpConstantUsd, double? Population, double? MilexCurrentUsd, double? MilexConstantUsd, double? MilexShareGdpPct);

/// <summary>A country's yearly series with the sources used.</summary>
public sealed record SeriesResponse(string Country, string Name, IReadOnlyList<SeriesRow> Rows, IReadOnlyDictionary<string, IReadOnlyList<string>> Sources, string Citation);

/// <summary>One country's share of GDP per year, in percent (null where the data have none).</summary>
public sealed record ShareSeries(string Country, string Name, string Role, IReadOnlyList<double?> SharePct);

/// <summary>Shares of GDP over years.</summary>
public sealed record SharesResponse(IReadOnlyList<int> Years, IReadOnlyList<ShareSeries> Countries, string Citation);

/// <summary>The gap to one target (the CLI's <c>gap_T_pp</c>, <c>gap_T_usd_bn</c>, <c>reach_T_year</c>, <c>reach_T_status</c>).</summary>
/// <param name="TargetPct">The target, percent of GDP.</param>
/// <param name="GapPp">Target minus share, percentage points (positive: short of the target).</param>
/// <param name="GapUsdBn">The gap in current US$ bn.</param>
/// <param name="ReachStatus"><c>met</c>, <c>on_trend</c>, <c>not_within_50_years</c>, or null without data.</param>
/// <param name="ReachYear">The year reached on trend (the year analysed when already met), else null.</param>
public sealed record GapItem(double TargetPct, double? GapPp, double? GapUsdBn, string? ReachStatus, int? ReachYear);

/// <summary>One country's burden row (money in current US$ bn, shares and growth in percent).</summary>
public sealed record BurdenItem(
    string Country,
    string Name,
    double? MilexUsdBn,
    double? GdpUsdBn,
    double? SharePct,
    IReadOnlyList<GapItem> Gaps,
    [property: JsonPropertyName("milex_growth_5y_pct")] double? MilexGrowth5yPct,
    [property: JsonPropertyName("share_growth_5y_pct")] double? ShareGrowth5yPct);

/// <summary>The burden table.</summary>
public sealed record BurdenResponse(int Year, IReadOnlyList<double> TargetsPct, IReadOnlyList<BurdenItem> Rows, IReadOnlyList<string> Notes, string Citation);

/// <summary>A ranked ally in the exploitation test (GDP in current US$ bn, share in percent).</summary>
public sealed record RankedItem(string Country, string Name, double GdpUsdBn, double SharePct, double RankGdp, double RankShare);

/// <summary>Spearman's rank correlation as the CLI's <c>spearman</c> field.</summary>
public sealed record SpearmanItem(double? Rho, double? Statistic, double? P, int N, string Approximation);

/// <summary>Kendall's tau-b as the CLI's <c>kendall</c> field.</summary>
public sealed record KendallItem(double? TauB, double? Statistic, double? P, int N, string Approximation);

/// <summary>A country left out of the test.</summary>
public sealed record ExcludedItem(string Country, string Reason);

/// <summary>The exploitation test.</summary>
public sealed record ExploitationResponse(int Year, int N, IReadOnlyList<RankedItem> Table, SpearmanItem Spearman, KendallItem Kendall, bool SupportsExploitation, string Interpretation, IReadOnlyList<ExcludedItem> Excluded, string Citation);

/// <summary>One country's power measures (as <c>ballast power</c>'s countries table).</summary>
public sealed record PowerItem(
    string Country,
    string Name,
    string Role,
    double? MilexUsdBn,
    [property: JsonPropertyName("capital_stock_usd_bn_2023")] double? CapitalStockUsdBn2023,
    double? Cinc,
    [property: JsonPropertyName("gdp_x_gdp_per_capita_usd2_e15")] double? GdpXGdpPerCapitaUsd2E15);

/// <summary>The balance under one measure (totals in the measure's own units; the ratio is dimensionless).</summary>
public sealed record BalanceItem(string Measure, double Coalition, double Adversaries, double? Ratio, IReadOnlyList<string> Missing);

/// <summary>Power measures and balances.</summary>
public sealed record PowerResponse(int Year, IReadOnlyList<PowerItem> Countries, IReadOnlyList<BalanceItem> Balance, IReadOnlyList<string> Notes, IReadOnlyList<string> Citations);

/// <summary>Network metrics (hub-and-spokes vs networked), named as <c>ballast network</c>'s metrics table.</summary>
public sealed record NetworkMetricsItem(int Nodes, int Edges, double? Density, double? DegreeCentralisation, string Patron, int PatronTies, double? PatronShareOfTies, int AllyToAllyTies, IReadOnlyDictionary<string, int> EdgesByKind);

/// <summary>A network node (spending in current US$ bn).</summary>
public sealed record NodeItem(string Country, string Name, string Role, int Degree, double? MilexUsdBn);

/// <summary>A network edge.</summary>
public sealed record EdgeItem(string A, string B, IReadOnlyList<string> Kinds, double Weight, IReadOnlyList<string> Sources);

/// <summary>The alliance network of a year.</summary>
public sealed record NetworkResponse(int Year, NetworkMetricsItem Metrics, IReadOnlyList<NodeItem> Nodes, IReadOnlyList<EdgeItem> Edges, IReadOnlyList<string> Notes, string Citation);
