using Ballast.Core.Countries;
using Ballast.Core.Panel;
using Ballast.Data.Countries;
using Ballast.Data.Embedded;

namespace Ballast.Calibration.Regressors;

/// <summary>A capital city with the dates it was the capital (COW state list, <c>data/capitals.csv</c>).</summary>
/// <param name="Iso3">Country.</param>
/// <param name="Name">Capital.</param>
/// <param name="FromYear">First year (by start date).</param>
/// <param name="UntilYear">Last year (by end date).</param>
/// <param name="Latitude">Latitude, decimal degrees.</param>
/// <param name="Longitude">Longitude, decimal degrees.</param>
public sealed record Capital(string Iso3, string Name, int FromYear, int UntilYear, double Latitude, double Longitude);

/// <summary>
/// The historical inputs of the demand regressors, read once from the embedded data: real spending per country
/// (SIPRI constant 2023 US$ with its World Bank back-cast), a real GDP index, capital coordinates by year and
/// ATOP defence-pact ties by year.
/// </summary>
public sealed class HistoricalInputs
{
    /// <summary>Series label for the back-cast part of the spending series.</summary>
    public const string BackcastLabel = "SIPRI constant 2023 US$, back-cast before its first year by WDI share x WDI constant-2015 GDP";

    /// <summary>
    /// A year-on-year change of COW NMC real spending larger than this factor is read as a change of COW's source (the
    /// USSR 1988→1989, China 1984→1985, both several-fold) and carried as no change rather than as a real swing.
    /// </summary>
    public const double CowSourceBreakFactor = 2;

    /// <summary>Citation for the capital coordinates and alliance ties.</summary>
    public const string Citation =
        "Capitals: Correlates of War state list with capital coordinates (data/capitals.csv); alliance ties: ATOP v5.1 directed dyad-years, defence pacts (Leeds et al. 2002), carried forward after 2018.";

    private static readonly Lazy<HistoricalInputs> LazyDefault = new(() => new HistoricalInputs(
        Ballast.Data.Panel.PanelBuilder.Default, LoadCapitals(), LoadDefencePacts(), CountryData.ActorSets.Values.ToList()));

    private static readonly Lazy<HistoricalInputs> LazyLong = new(() => new HistoricalInputs(
        Ballast.Data.Panel.PanelBuilder.Default, LoadCapitals(), LoadDefencePacts(), CountryData.ActorSets.Values.ToList(), LoadCowMilex()));

    private readonly Dictionary<string, SortedDictionary<int, double>> _spending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, bool>> _isSipri = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, double>> _gdp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Capital>> _capitals;
    private readonly HashSet<(string, string, int)> _pacts;
    private readonly Dictionary<(string, int), double> _cow;

    /// <summary>
    /// Builds the inputs from a panel, capitals, defence-pact dyad-years (both directions), actor sets and optionally COW NMC
    /// military expenditure (thousands of current US$ by country and year), which extends a series back where SIPRI and
    /// the World Bank stop (the USSR before 1992, China before 1989).
    /// </summary>
    public HistoricalInputs(CountryPanel panel, IEnumerable<Capital> capitals, IEnumerable<(string A, string B, int Year)> defencePacts, IReadOnlyList<ActorSet> actorSets, IEnumerable<(string Iso3, int Year, double Milex)>? cowMilex = null)
    {
        Panel = panel;
        // Two COW states map to one ISO code in a transition year (West and unified Germany, 1990): the larger figure is the successor's.
        _cow = (cowMilex ?? []).GroupBy(c => (c.Iso3, c.Year)).ToDictionary(g => g.Key, g => g.Max(c => c.Milex));
        _capitals = capitals.GroupBy(c => c.Iso3, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(c => c.FromYear).ToList(), StringComparer.Ordinal);
        _pacts = [.. defencePacts];
        LastPactYear = _pacts.Count == 0 ? 0 : _pacts.Max(p => p.Item3);
        ActorSets = actorSets;
        foreach (var iso3 in panel.Countries)
        {
            BuildSpending(iso3);
            BuildGdp(iso3);
        }
    }

    /// <summary>The inputs from the embedded data (built once): SIPRI with its World Bank back-cast, as calibrate and backtest use them.</summary>
    public static HistoricalInputs Default => LazyDefault.Value;

    /// <summary>
    /// The inputs with every spending series extended back by COW NMC where SIPRI and the World Bank stop (built once), so
    /// threat terms exist from 1960 (the USSR and China): the rolling-origin validation's data, whose first origin is 1975.
    /// </summary>
    public static HistoricalInputs LongSeries => LazyLong.Value;

    /// <summary>The panel the series come from.</summary>
    public CountryPanel Panel { get; }

    /// <summary>Actor sets (roles decide each ally's adversaries).</summary>
    public IReadOnlyList<ActorSet> ActorSets { get; }

    /// <summary>Last year of the alliance data; later years carry its ties forward.</summary>
    public int LastPactYear { get; }

    /// <summary>Countries with a real spending series.</summary>
    public IEnumerable<string> CountriesWithSpending => _spending.Keys;

    /// <summary>Real military expenditure (constant 2023 US$), or null.</summary>
    public double? Spending(string iso3, int year) =>
        _spending.TryGetValue(iso3, out var s) && s.TryGetValue(year, out var v) ? v : null;

    /// <summary>True when the year's spending is SIPRI's own figure (not the back-cast).</summary>
    public bool IsSipri(string iso3, int year) => _isSipri.TryGetValue(iso3, out var s) && s.GetValueOrDefault(year);

    /// <summary>The spending series of a country in year order (contiguous).</summary>
    public IReadOnlyDictionary<int, double> SpendingSeries(string iso3) =>
        _spending.TryGetValue(iso3, out var s) ? s : new SortedDictionary<int, double>();

    /// <summary>Real GDP index (WDI constant 2015 US$, extended with the growth of SIPRI-implied GDP), or null.</summary>
    public double? Gdp(string iso3, int year) =>
        _gdp.TryGetValue(iso3, out var s) && s.TryGetValue(year, out var v) ? v : null;

    /// <summary>Military expenditure as a share of GDP (the panel's series), or null.</summary>
    public double? Share(string iso3, int year) => Panel.Value(iso3, year, Series.MilexShare);

    /// <summary>The capital in a year, or null.</summary>
    public Capital? CapitalIn(string iso3, int year) =>
        _capitals.TryGetValue(iso3, out var list) ? list.LastOrDefault(c => c.FromYear <= year && year <= c.UntilYear) ?? list[^1] : null;

    /// <summary>Great-circle distance between the capitals of two countries in a year, km, or null if either is unknown.</summary>
    public double? DistanceKm(string a, string b, int year)
    {
        if (CapitalIn(a, year) is not { } ca || CapitalIn(b, year) is not { } cb)
        {
            return null;
        }

        return Ballast.Core.Facts.GreatCircle.DistanceKm(new(ca.Latitude, ca.Longitude), new(cb.Latitude, cb.Longitude));
    }

    /// <summary>ℓ_ij: 1 when ATOP records a defence pact between the two in the year (ties after the last ATOP year carried forward), else 0.</summary>
    public double Link(string a, string b, int year) => _pacts.Contains((a, b, Math.Min(year, LastPactYear))) ? 1 : 0;

    /// <summary>The patron (the US) of the actor sets.</summary>
    public string Patron => ActorSets.SelectMany(s => s.WithRole(CountryRole.Patron)).Select(a => a.Iso3).FirstOrDefault() ?? "USA";

    /// <summary>
    /// The adversaries a country faces: those of the actor set it belongs to as an ally or partner (the Indo-Pacific
    /// set first), otherwise those of every actor set (proximity weights then decide which matter).
    /// </summary>
    public IReadOnlyList<string> AdversariesOf(string iso3)
    {
        foreach (var set in ActorSets.OrderBy(s => s.Name == "indo-pacific" ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (set.Find(iso3) is { Role: CountryRole.TreatyAlly or CountryRole.Partner or CountryRole.Other })
            {
                return set.WithRole(CountryRole.Adversary).Select(a => a.Iso3).Where(a => a != iso3).ToList();
            }
        }

        return ActorSets.SelectMany(s => s.WithRole(CountryRole.Adversary)).Select(a => a.Iso3).Distinct().Where(a => a != iso3).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Loads <c>data/capitals.csv</c>.</summary>
    public static IReadOnlyList<Capital> LoadCapitals()
    {
        var t = EmbeddedData.Csv("capitals.csv");
        t.Require("iso3", "capital", "stdate", "enddate", "lat", "lng");
        int iso = t.Column("iso3"), name = t.Column("capital"), st = t.Column("stdate"), en = t.Column("enddate"), lat = t.Column("lat"), lng = t.Column("lng");
        var list = new List<Capital>();
        foreach (var r in t.Records)
        {
            if (r.Text(iso) is not { } code)
            {
                continue; // COW states without an ISO code (historical states)
            }

            int Year(int col) => r.RequiredText(col).Length >= 4 && int.TryParse(r.RequiredText(col)[..4], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var y)
                ? y
                : throw r.Error(col, "expected a date YYYY-MM-DD");
            var la = r.Number(lat) ?? throw r.Error(lat, "missing latitude");
            var lo = r.Number(lng) ?? throw r.Error(lng, "missing longitude");
            if (la is < -90 or > 90)
            {
                throw r.Error(lat, "latitude outside [-90, 90]");
            }

            if (lo is < -180 or > 180)
            {
                throw r.Error(lng, "longitude outside [-180, 180]");
            }

            list.Add(new Capital(code, r.RequiredText(name), Year(st), Year(en), la, lo));
        }

        return list;
    }

    /// <summary>Loads the defence-pact dyad-years of ATOP v5.1 (<c>atop_defense = 1</c>) as ISO3 pairs.</summary>
    public static IReadOnlyList<(string A, string B, int Year)> LoadDefencePacts()
    {
        var t = EmbeddedData.Csv("atop_v5_1_directed_dyad_year.csv");
        t.Require("ccode1", "ccode2", "year", "atop_defense");
        int c1 = t.Column("ccode1"), c2 = t.Column("ccode2"), y = t.Column("year"), d = t.Column("atop_defense");
        var registry = CountryData.Registry;
        var list = new List<(string, string, int)>();
        foreach (var r in t.Records)
        {
            if (r.Integer(d) != 1)
            {
                continue;
            }

            var a = registry.ByCow(r.Integer(c1));
            var b = registry.ByCow(r.Integer(c2));
            if (a is null || b is null || a.Iso3 == b.Iso3)
            {
                continue; // states without a modern successor in the registry
            }

            list.Add((a.Iso3, b.Iso3, r.Integer(y)));
            list.Add((b.Iso3, a.Iso3, r.Integer(y)));
        }

        return list;
    }

    private void BuildSpending(string iso3)
    {
        // The spending chain's first two stages (SIPRI, back-cast by WDI share x WDI constant GDP), shared with the scenario compiler.
        var chain = Ballast.Data.Panel.LongSeries.SipriBackcast(Panel, iso3);
        if (chain.Count == 0)
        {
            return;
        }

        var series = new SortedDictionary<int, double>(chain.ToDictionary(kv => kv.Key, kv => kv.Value.Value));
        var flags = new SortedDictionary<int, bool>(chain.ToDictionary(kv => kv.Key, kv => kv.Value.Stage == 0));
        double level = series[series.Keys.Min()];

        // Then COW NMC nominal US$ deflated by the US GDP deflator (WDI current / constant, 1960+), with source breaks held flat.
        for (int year = series.Keys.Min() - 1; CowReal(iso3, year) is double c && CowReal(iso3, year + 1) is double cNext && c > 0 && cNext > 0; year--)
        {
            double ratio = c / cNext;
            level *= ratio > CowSourceBreakFactor || ratio < 1 / CowSourceBreakFactor ? 1 : ratio;
            series[year] = level;
            flags[year] = false;
        }

        _spending[iso3] = series;
        _isSipri[iso3] = flags;
    }

    // COW NMC spending of a year in US$ of constant purchasing power (the US GDP deflator of WDI), or null.
    private double? CowReal(string iso3, int year) =>
        _cow.TryGetValue((iso3, year), out var m) && Panel.Value(Patron, year, Series.GdpCurrentUsd) is double cur && Panel.Value(Patron, year, Series.GdpConstantUsd) is double con && cur > 0
            ? m * con / cur
            : null;

    /// <summary>Loads COW NMC v6 military expenditure (<c>data/cow_nmc.csv</c>, thousands of current US$) as ISO3 country-years.</summary>
    public static IReadOnlyList<(string Iso3, int Year, double Milex)> LoadCowMilex()
    {
        var t = EmbeddedData.Csv("cow_nmc.csv");
        t.Require("ccode", "year", "milex");
        int cc = t.Column("ccode"), y = t.Column("year"), m = t.Column("milex");
        var registry = CountryData.Registry;
        var list = new List<(string, int, double)>();
        foreach (var r in t.Records)
        {
            // COW codes -9 for missing; the registry maps COW codes to today's states (the USSR to Russia).
            if (r.Number(m) is double v && v > 0 && registry.ByCow(r.Integer(cc)) is { } c)
            {
                list.Add((c.Iso3, r.Integer(y), v));
            }
        }

        return list;
    }

    private void BuildGdp(string iso3)
    {
        var wdi = new SortedDictionary<int, double>();
        foreach (var r in Panel.Rows(iso3))
        {
            if (r.Value(Series.GdpConstantUsd) is double g && g > 0)
            {
                wdi[r.Year] = g;
            }
        }

        // SIPRI-implied real GDP (constant-2023 spending / share) extends the index where WDI stops (2024) or is absent (Taiwan).
        double? Implied(int year) =>
            Panel.Value(iso3, year, Series.MilexConstantUsd) is double m && Panel.Value(iso3, year, Series.MilexShare) is double s && s > 0 && m > 0 ? m / s : null;
        var series = new SortedDictionary<int, double>(wdi);
        if (series.Count == 0)
        {
            foreach (var r in Panel.Rows(iso3))
            {
                if (Implied(r.Year) is double v)
                {
                    series[r.Year] = v;
                }
            }
        }
        else
        {
            int last = series.Keys.Max();
            for (int year = last + 1; Implied(year) is double v && Implied(year - 1) is double prev; year++)
            {
                series[year] = series[year - 1] * v / prev;
            }
        }

        if (series.Count > 0)
        {
            _gdp[iso3] = series;
        }
    }
}
