namespace Ballast.Data.Panel;

/// <summary>One year of a spliced series: the value and the source that gave its growth in that year.</summary>
/// <param name="Value">The value in the units of the series' most recent source.</param>
/// <param name="Stage">Index of the source in the chain (0 = the most recent source's own figure).</param>
public readonly record struct SplicedValue(double Value, int Stage);

/// <summary>A country's initial state in a year built from the long series: real spending, burden and GDP.</summary>
/// <param name="Year">The data year.</param>
/// <param name="Spending">Military expenditure, constant 2023 US$.</param>
/// <param name="Share">Military expenditure as a fraction of GDP.</param>
/// <param name="Gdp">GDP, constant 2023 US$ (spending ÷ share).</param>
/// <param name="SpendingSource">The source of the spending's level and growth in this year, in words.</param>
/// <param name="ShareSource">The source of the burden in this year, in words.</param>
public sealed record LongSeriesPoint(int Year, double Spending, double Share, double Gdp, string SpendingSource, string ShareSource);

/// <summary>
/// Real military expenditure, burden and GDP from 1950 on, built from the longest honest series.
/// <para><b>Levels are ratio-spliced at the overlap year.</b> A level series starts from its most recent source and is
/// carried back by the year-on-year growth of the next older source while both years of the step have a value; at the
/// first year of the newer source the older one is thereby rescaled to the newer level, so growth before the overlap is
/// the older source's and the level the newer one's. Spending: SIPRI constant 2023 US$ (2001+), then World Bank share ×
/// WDI constant GDP (1960+). GDP: SIPRI-implied GDP (spending ÷ share), then WDI constant 2015 US$ GDP, then Maddison
/// GDP per capita × population (with the USSR's figures standing for Russia up to 1991).</para>
/// <para><b>Burdens are never spliced.</b> The burden is the data's share of GDP (World Bank from SIPRI, or SIPRI); for
/// a country-year without one it is COW NMC spending over Maddison GDP, both in 2011 dollars (COW's current dollars
/// deflated by the US GDP deflator of WDI, held at its first year, 1960, before it). Spending is then the burden × the
/// spliced GDP where the spending chain has no value.</para>
/// </summary>
public sealed class LongSeries
{
    /// <summary>First year of SIPRI's constant-dollar figures in the embedded data.</summary>
    public const int SipriFirstYear = 2001;

    /// <summary>Label of the spending chain's stages, most recent first.</summary>
    public static readonly IReadOnlyList<string> SpendingStages =
    [
        "SIPRI constant 2023 US$",
        "WDI share x WDI constant GDP, ratio-spliced to SIPRI",
    ];

    /// <summary>How the burden of a country-year without a World Bank or SIPRI share is computed.</summary>
    public const string CowBurden = "COW NMC 7.0 spending / Maddison GDP, both in 2011 US$";

    /// <summary>Label of the GDP chain's stages, most recent first.</summary>
    public static readonly IReadOnlyList<string> GdpStages =
    [
        "SIPRI-implied GDP (spending / share)",
        "WDI constant 2015 US$ GDP, ratio-spliced",
        "Maddison 2023 GDP per capita x OWID population (USSR up to 1991 for Russia), ratio-spliced",
    ];

    private static readonly Lazy<LongSeries> LazyDefault = new(() => new LongSeries(PanelBuilder.Default, LoadCowSpending(), LoadMaddisonGdp()));

    private readonly CountryPanel _panel;
    private readonly IReadOnlyDictionary<(string, int), double> _cow;
    private readonly IReadOnlyDictionary<(string, int), double> _maddison;
    private readonly SortedDictionary<int, double> _deflator;
    private readonly Dictionary<string, SortedDictionary<int, SplicedValue>> _spending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, SplicedValue>> _gdp = new(StringComparer.Ordinal);

    /// <summary>Builds the series from a panel, COW NMC spending (current US$ by ISO3 and year) and Maddison GDP (2011 international $).</summary>
    public LongSeries(CountryPanel panel, IReadOnlyDictionary<(string, int), double> cowSpendingCurrentUsd, IReadOnlyDictionary<(string, int), double> maddisonGdp)
    {
        _panel = panel;
        _cow = cowSpendingCurrentUsd;
        _maddison = maddisonGdp;
        var deflator = new SortedDictionary<int, double>();
        foreach (var r in panel.Rows("USA"))
        {
            if (r.Value(Series.GdpCurrentUsd) is double cur && r.Value(Series.GdpConstantUsd) is double con && con > 0)
            {
                deflator[r.Year] = cur / con;
            }
        }

        FirstDeflatorYear = deflator.Count == 0 ? 0 : deflator.Keys.First();
        _deflator = deflator;
        var countries = panel.Countries.Concat(maddisonGdp.Keys.Select(k => k.Item1)).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var iso3 in countries)
        {
            var spending = SipriBackcast(panel, iso3);
            if (spending.Count > 0)
            {
                _spending[iso3] = spending;
            }

            // WDI's Russian Federation GDP of 1989-1991 would splice the USSR's Maddison figures down to Russia's territory.
            var years = panel.Rows(iso3).Select(r => r.Year).Concat(Enumerable.Range(1940, Math.Max(panel.LastYear, 1950) - 1939)).ToList();
            var gdp = Chain(years,
                y => Sipri(panel, iso3, y) is double m && _panel.Value(iso3, y, Series.MilexShare) is double s && s > 0 ? m / s : null,
                y => iso3 == "RUS" && y <= 1991 ? null : _panel.Value(iso3, y, Series.GdpConstantUsd) is double g && g > 0 ? g : null,
                y => MaddisonGdp(iso3, y));
            if (gdp.Count > 0)
            {
                _gdp[iso3] = gdp;
            }
        }
    }

    /// <summary>The series from the embedded data (built once).</summary>
    public static LongSeries Default => LazyDefault.Value;

    /// <summary>First year of the WDI US GDP deflator; COW spending of earlier years is deflated with this year's deflator.</summary>
    public int FirstDeflatorYear { get; }

    /// <summary>
    /// Splices sources by ratio at the overlap year. The series starts from the first source with any value in
    /// <paramref name="years"/>: its contiguous run that ends at its last year. It is then carried back year by year with
    /// the growth of each later source in turn (<c>level *= source(y) / source(y + 1)</c> while both are present), which
    /// rescales that source to the level of the newer one at the overlap year.
    /// </summary>
    /// <param name="years">The years to look at (any order).</param>
    /// <param name="sources">Sources by year, most recent first; null where a source has no value.</param>
    public static SortedDictionary<int, SplicedValue> Chain(IEnumerable<int> years, params Func<int, double?>[] sources)
    {
        var series = new SortedDictionary<int, SplicedValue>();
        var all = years.Distinct().Order().ToList();
        for (int origin = 0; origin < sources.Length && series.Count == 0; origin++)
        {
            var present = all.Where(y => sources[origin](y) is not null).ToList();
            if (present.Count == 0)
            {
                continue;
            }

            // Keep the contiguous run that ends at the last year (a gap breaks the series).
            int start = present.Count - 1;
            while (start > 0 && present[start - 1] == present[start] - 1)
            {
                start--;
            }

            for (int k = start; k < present.Count; k++)
            {
                series[present[k]] = new SplicedValue(sources[origin](present[k])!.Value, origin);
            }

            int first = present[start];
            double level = series[first].Value;
            for (int stage = origin + 1; stage < sources.Length; stage++)
            {
                var source = sources[stage];
                for (int year = first - 1; source(year) is double p && source(year + 1) is double pNext; year--)
                {
                    level *= p / pNext;
                    series[year] = new SplicedValue(level, stage);
                    first = year;
                }
            }
        }

        return series;
    }

    /// <summary>
    /// The SIPRI constant-dollar spending of a panel country carried back by the growth of WDI share × WDI constant GDP
    /// (the first two stages of the spending chain; the calibration's series). Empty without SIPRI figures.
    /// </summary>
    public static SortedDictionary<int, SplicedValue> SipriBackcast(CountryPanel panel, string iso3)
    {
        // Anchored on SIPRI: a country without SIPRI figures has no series here (the WDI proxy alone is no level).
        var years = panel.Rows(iso3).Select(r => r.Year).ToList();
        return years.Any(y => Sipri(panel, iso3, y) is not null)
            ? Chain(years, y => Sipri(panel, iso3, y), y => WdiProxy(panel, iso3, y))
            : new SortedDictionary<int, SplicedValue>();
    }

    /// <summary>Real spending (constant 2023 US$) in a year, with the stage it came from, or null.</summary>
    public SplicedValue? Spending(string iso3, int year) =>
        _spending.TryGetValue(iso3, out var s) && s.TryGetValue(year, out var v) ? v : null;

    /// <summary>Real GDP (constant 2023 US$, SIPRI-implied level) in a year, with the stage it came from, or null.</summary>
    public SplicedValue? Gdp(string iso3, int year) =>
        _gdp.TryGetValue(iso3, out var s) && s.TryGetValue(year, out var v) ? v : null;

    /// <summary>
    /// The burden of a country-year: the panel's share of GDP (World Bank or SIPRI), else COW NMC spending over Maddison
    /// GDP in the same dollars (<see cref="CowBurden"/>), with its source; null when neither exists.
    /// </summary>
    public (double Share, string Source)? Burden(string iso3, int year)
    {
        if (_panel.Row(iso3, year)?[Series.MilexShare] is { } obs && obs.Value > 0)
        {
            return (obs.Value, obs.Source);
        }

        if (_cow.TryGetValue((iso3, year), out var nominal) && nominal > 0 && MaddisonGdp(iso3, year) is double gdp && Deflator(year) is double d && _deflator.TryGetValue(2011, out var d2011))
        {
            return (nominal * d2011 / d / gdp, CowBurden);
        }

        return null;
    }

    /// <summary>
    /// The initial state of a country in a year: the burden (<see cref="Burden"/>); spending from the spending chain, else
    /// the burden × the spliced GDP; GDP = spending ÷ burden. Null when the year lacks a burden or both spending and GDP.
    /// </summary>
    public LongSeriesPoint? At(string iso3, int year)
    {
        if (Burden(iso3, year) is not { } burden)
        {
            return null;
        }

        if (Spending(iso3, year) is { } m)
        {
            return new LongSeriesPoint(year, m.Value, burden.Share, m.Value / burden.Share, SpendingStages[m.Stage], burden.Source);
        }

        if (Gdp(iso3, year) is { } g)
        {
            var spending = burden.Share * g.Value;
            return new LongSeriesPoint(year, spending, burden.Share, g.Value, $"burden x GDP ({GdpStages[g.Stage]})", burden.Source);
        }

        return null;
    }

    /// <summary>COW NMC 7.0 military expenditure (<c>data/cow_nmc.csv</c>, thousands of current US$) in US$, by ISO3 and year.</summary>
    public static IReadOnlyDictionary<(string, int), double> LoadCowSpending()
    {
        var t = EmbeddedData.Csv("cow_nmc.csv");
        t.Require("ccode", "year", "milex");
        int c = t.Column("ccode"), y = t.Column("year"), m = t.Column("milex");
        var registry = CountryData.Registry;
        var result = new Dictionary<(string, int), double>();
        foreach (var r in t.Records)
        {
            // COW codes -9 for missing; codes of historical states without a successor in the registry are skipped.
            if (r.Number(m) is double k && k >= 0 && registry.ByCow(r.Integer(c)) is { } country)
            {
                result.TryAdd((country.Iso3, r.Integer(y)), k * 1000);
            }
        }

        return result;
    }

    /// <summary>Maddison 2023 GDP (GDP per capita × OWID population, 2011 international $) by ISO3 and year; the USSR's (<c>OWID_USS</c>) stands for Russia up to 1991.</summary>
    public static IReadOnlyDictionary<(string, int), double> LoadMaddisonGdp()
    {
        var t = EmbeddedData.Csv("maddison_gdppc_owid_population.csv");
        t.Require("code", "year", "gdp_per_capita_2011_intl_usd_maddison2023", "population_owid");
        int c = t.Column("code"), y = t.Column("year"), g = t.Column("gdp_per_capita_2011_intl_usd_maddison2023"), p = t.Column("population_owid");
        var result = new Dictionary<(string, int), double>();
        foreach (var r in t.Records)
        {
            var year = r.Integer(y);
            var code = r.Text(c) switch
            {
                "OWID_USS" when year <= 1991 => "RUS",
                "RUS" when year <= 1991 => null, // the USSR's figures stand for Russia until its dissolution
                var other => other,
            };
            if (code is null || year < 1940 || r.Number(g) is not double gdppc || r.Number(p) is not double pop)
            {
                continue;
            }

            result[(code, year)] = gdppc * pop;
        }

        return result;
    }

    private static double? Sipri(CountryPanel panel, string iso3, int year) =>
        panel.Value(iso3, year, Series.MilexConstantUsd) is double m && m > 0 ? m : null;

    private static double? WdiProxy(CountryPanel panel, string iso3, int year) =>
        panel.Value(iso3, year, Series.MilexShare) is double s && panel.Value(iso3, year, Series.GdpConstantUsd) is double g && s > 0 && g > 0 ? s * g : null;

    private double? MaddisonGdp(string iso3, int year) => _maddison.TryGetValue((iso3, year), out var v) && v > 0 ? v : null;

    private double? Deflator(int year) =>
        _deflator.TryGetValue(year, out var d) ? d : _deflator.Count > 0 && year < FirstDeflatorYear ? _deflator[FirstDeflatorYear] : null;
}
