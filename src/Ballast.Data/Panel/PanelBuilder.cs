namespace Ballast.Data.Panel;

/// <summary>
/// Builds the country-year panel from the embedded World Bank and SIPRI files, or from a user's CSV.
/// Each figure keeps the name of the series it came from; derived figures say how they were derived.
/// </summary>
public static class PanelBuilder
{
    /// <summary>Series label: World Bank GDP, current US$.</summary>
    public const string WdiGdpCurrent = "World Bank WDI NY.GDP.MKTP.CD";

    /// <summary>Series label: World Bank GDP, constant 2015 US$.</summary>
    public const string WdiGdpConstant = "World Bank WDI NY.GDP.MKTP.KD (constant 2015 US$)";

    /// <summary>Series label: World Bank population.</summary>
    public const string WdiPopulation = "World Bank WDI SP.POP.TOTL";

    /// <summary>Series label: OWID population (used for Taiwan, absent from WDI).</summary>
    public const string OwidPopulation = "Our World in Data population (HYDE/Gapminder/UN WPP)";

    /// <summary>Series label: World Bank re-publication of SIPRI's share of GDP.</summary>
    public const string WdiMilexShare = "World Bank WDI MS.MIL.XPND.GD.ZS (SIPRI)";

    /// <summary>Series label: SIPRI current US$.</summary>
    public const string SipriCurrent = "SIPRI Milex 2025, current US$";

    /// <summary>Series label: SIPRI constant 2023 US$.</summary>
    public const string SipriConstant = "SIPRI Milex 2025, constant 2023 US$";

    /// <summary>Series label: SIPRI share of GDP.</summary>
    public const string SipriShare = "SIPRI Milex 2025, share of GDP";

    /// <summary>Series label: spending derived from the WDI share and WDI GDP.</summary>
    public const string DerivedMilex = "derived: WDI share x WDI GDP";

    /// <summary>Series label: GDP implied by SIPRI's spending and share (used where WDI GDP is missing, e.g. 2024 and Taiwan).</summary>
    public const string DerivedGdp = "derived: SIPRI current US$ / SIPRI share of GDP";

    /// <summary>The citation footer for output that shows panel figures.</summary>
    public const string Citation =
        "Sources: SIPRI Military Expenditure Database 2025 (sipri.org/databases/milex); World Bank World Development Indicators (CC BY 4.0), incl. MS.MIL.XPND.GD.ZS from SIPRI; Our World in Data population (CC BY 4.0).";

    private static readonly Lazy<CountryPanel> LazyDefault = new(BuildDefault);

    /// <summary>The embedded default panel (built once, on first use).</summary>
    public static CountryPanel Default => LazyDefault.Value;

    /// <summary>The column names of the user panel format (also what <c>ballast series --format csv</c> writes).</summary>
    public static readonly IReadOnlyList<string> UserColumns =
    [
        "country", "year", "gdp_current_usd", "gdp_constant_usd", "population", "milex_current_usd", "milex_constant_usd", "milex_share_gdp_pct",
    ];

    private static CountryPanel BuildDefault()
    {
        var registry = CountryData.Registry;
        var rows = new Dictionary<(string, int), PanelRow>();
        PanelRow Row(string iso3, int year)
        {
            if (!rows.TryGetValue((iso3, year), out var r))
            {
                r = new PanelRow(iso3, year);
                rows[(iso3, year)] = r;
            }

            return r;
        }

        bool Known(string? code) => code is not null && registry.ByIso3(code) is not null;

        void LoadWdi(string file, string valueColumn, Series series, string source, double scale)
        {
            var t = EmbeddedData.Csv(file);
            int c = t.Column("code"), y = t.Column("year"), v = t.Column(valueColumn);
            foreach (var r in t.Records)
            {
                var code = r.Text(c);
                if (!Known(code) || r.Number(v) is not double value)
                {
                    continue; // aggregates (WLD, EAS, ...) and empty cells
                }

                Row(code!, r.Integer(y))[series] = new Observation(value * scale, source);
            }
        }

        LoadWdi("wdi_gdp_current_usd.csv", "gdp_current_usd", Series.GdpCurrentUsd, WdiGdpCurrent, 1);
        LoadWdi("wdi_gdp_constant_2015_usd.csv", "gdp_constant_2015_usd", Series.GdpConstantUsd, WdiGdpConstant, 1);
        LoadWdi("wdi_population.csv", "population", Series.Population, WdiPopulation, 1);
        LoadWdi("wdi_milex_share_gdp.csv", "milex_pct_of_gdp", Series.MilexShare, WdiMilexShare, 0.01);

        var sipri = EmbeddedData.Csv("sipri_milex_core_2001_2024.csv");
        int si = sipri.Column("iso3"), sy = sipri.Column("year"), cur = sipri.Column("milex_current_usd_m"),
            con = sipri.Column("milex_constant_2023_usd_m"), sh = sipri.Column("milex_share_of_gdp_frac");
        foreach (var r in sipri.Records)
        {
            var code = r.Text(si);
            if (!Known(code))
            {
                continue;
            }

            var row = Row(code!, r.Integer(sy));
            var current = r.Number(cur);
            var constant = r.Number(con);
            var share = r.Number(sh);
            if (current is double c)
            {
                row[Series.MilexCurrentUsd] = new Observation(c * 1e6, SipriCurrent);
            }

            if (constant is double k)
            {
                row[Series.MilexConstantUsd] = new Observation(k * 1e6, SipriConstant);
            }

            if (share is double s && row[Series.MilexShare] is null)
            {
                row[Series.MilexShare] = new Observation(s, SipriShare); // Taiwan, which WDI lacks
            }

            if (row[Series.GdpCurrentUsd] is null && current is double c2 && share is double s2 && s2 > 0)
            {
                row[Series.GdpCurrentUsd] = new Observation(c2 * 1e6 / s2, DerivedGdp);
            }
        }

        // Population for Taiwan (and any country WDI lacks) from OWID's long-run series.
        var owid = EmbeddedData.Csv("maddison_gdppc_owid_population.csv");
        int oc = owid.Column("code"), oy = owid.Column("year"), op = owid.Column("population_owid");
        foreach (var r in owid.Records)
        {
            var code = r.Text(oc);
            if (code != "TWN" || r.Number(op) is not double pop)
            {
                continue;
            }

            var row = Row(code, r.Integer(oy));
            row[Series.Population] ??= new Observation(pop, OwidPopulation);
        }

        foreach (var row in rows.Values)
        {
            if (row[Series.MilexCurrentUsd] is null && row.Value(Series.MilexShare) is double s && row.Value(Series.GdpCurrentUsd) is double g)
            {
                row[Series.MilexCurrentUsd] = new Observation(s * g, DerivedMilex);
            }
        }

        return new CountryPanel(rows.Values, "embedded default data (SIPRI 2025 edition, World Bank WDI)");
    }

    /// <summary>
    /// Reads a user panel in the documented format (<see cref="UserColumns"/>; <c>country</c>, <c>year</c> and
    /// <c>gdp_current_usd</c> required, plus <c>milex_current_usd</c> or <c>milex_share_gdp_pct</c>). Any bad row
    /// is rejected with file, line, column and value; nothing partial is returned.
    /// </summary>
    public static CountryPanel LoadUser(string path)
    {
        var t = CsvTable.Load(path);
        return FromUserTable(t);
    }

    /// <summary>Validates and converts a parsed user table.</summary>
    public static CountryPanel FromUserTable(CsvTable t)
    {
        t.Require("country", "year", "gdp_current_usd");
        if (!t.Has("milex_current_usd") && !t.Has("milex_share_gdp_pct"))
        {
            throw new BallastInputException("missing column 'milex_current_usd' (or 'milex_share_gdp_pct'): the file must give spending or its share of GDP", t.Name, 1, "milex_current_usd");
        }

        var registry = CountryData.Registry;
        int cc = t.Column("country"), yc = t.Column("year");
        int? Col(string n) => t.Has(n) ? t.Column(n) : null;
        var gdp = Col("gdp_current_usd");
        var gdpK = Col("gdp_constant_usd");
        var pop = Col("population");
        var mil = Col("milex_current_usd");
        var milK = Col("milex_constant_usd");
        var share = Col("milex_share_gdp_pct");
        var source = "user data: " + Path.GetFileName(t.Name);
        var rows = new Dictionary<(string, int), PanelRow>();
        foreach (var r in t.Records)
        {
            var country = registry.Resolve(r.RequiredText(cc), r.File, r.Line, "country");
            var year = r.Integer(yc);
            if (year < 1800 || year > 2200)
            {
                throw r.Error(yc, "year out of range 1800-2200");
            }

            if (rows.ContainsKey((country.Iso3, year)))
            {
                throw r.Error(cc, $"duplicate country-year {country.Iso3} {year}");
            }

            var row = new PanelRow(country.Iso3, year);
            void Put(int? col, Series s, double scale, bool nonNegative, double? max = null)
            {
                if (col is not int c || r.Number(c) is not double v)
                {
                    return;
                }

                if (nonNegative && v < 0)
                {
                    throw r.Error(c, "must not be negative");
                }

                if (max is double m && v > m)
                {
                    throw r.Error(c, $"share of GDP above {m.ToString(System.Globalization.CultureInfo.InvariantCulture)} %");
                }

                row[s] = new Observation(v * scale, source);
            }

            Put(gdp, Series.GdpCurrentUsd, 1, true);
            Put(gdpK, Series.GdpConstantUsd, 1, true);
            Put(pop, Series.Population, 1, true);
            Put(mil, Series.MilexCurrentUsd, 1, true);
            Put(milK, Series.MilexConstantUsd, 1, true);
            Put(share, Series.MilexShare, 0.01, true, 100);
            if (row.Value(Series.GdpCurrentUsd) is 0.0 && (row.Value(Series.MilexCurrentUsd) > 0 || row.Value(Series.MilexShare) > 0))
            {
                throw r.Error(gdp!.Value, "GDP is 0 but spending is positive; give the GDP or leave spending empty");
            }

            if (row[Series.MilexShare] is null && row.Value(Series.MilexCurrentUsd) is double m2 && row.Value(Series.GdpCurrentUsd) is double g2 && g2 > 0)
            {
                if (m2 > g2)
                {
                    throw r.Error(mil!.Value, "spending exceeds GDP (share of GDP above 100 %)");
                }

                row[Series.MilexShare] = new Observation(m2 / g2, source + " (derived share)");
            }

            if (row[Series.MilexCurrentUsd] is null && row.Value(Series.MilexShare) is double s3 && row.Value(Series.GdpCurrentUsd) is double g3)
            {
                row[Series.MilexCurrentUsd] = new Observation(s3 * g3, source + " (derived spending)");
            }

            rows[(country.Iso3, year)] = row;
        }

        if (rows.Count == 0)
        {
            throw new BallastInputException("no data rows", t.Name, 2);
        }

        return new CountryPanel(rows.Values, source);
    }
}
