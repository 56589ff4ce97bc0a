namespace Ballast.Cli.Commands;

/// <summary><c>ballast series CODE</c>: one country's yearly panel series, with the source of each figure.</summary>
public static class SeriesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var code = new Argument<string>("country") { Description = "Country code or name (e.g. JPN, Japan, 740)." };
        var from = new Option<int?>("--from") { Description = "First year." };
        var to = new Option<int?>("--to") { Description = "Last year." };
        var data = CommonOptions.Data();
        var output = new OutputOptions();
        return BallastCli.Command(ctx, "series", "One country's yearly series: GDP, population, military expenditure and its share of GDP.",
            ["ballast series JPN --from 2015", "ballast series \"Korea, South\" --format csv > kor.csv", "ballast series KOR --data kor.csv"],
            [code, from, to, data, .. output.Symbols], p =>
        {
            var panel = CommonOptions.Panel(p.GetValue(data));
            var country = CountryData.Registry.Resolve(p.GetValue(code)!, field: "country");
            var rows = panel.Rows(country.Iso3)
                .Where(r => (p.GetValue(from) is not int f || r.Year >= f) && (p.GetValue(to) is not int t || r.Year <= t))
                .ToList();
            if (rows.Count == 0)
            {
                throw new BallastInputException($"no data for {country.Iso3} ({country.Name}) in the requested years", field: "country", value: country.Iso3);
            }

            var table = Build(country.Iso3, country.Name, rows);
            output.Write(p, ctx, new ResultDocument("series", table));
            return 0;
        });
    }

    /// <summary>The series table; its CSV form is the user panel format (money in US$, population in people), so it can be edited and read back with --data.</summary>
    public static ResultTable Build(string iso3, string name, IReadOnlyList<PanelRow> rows)
    {
        var t = new ResultTable($"{name} ({iso3}): yearly series", [
            new("country", "Country", RightAlign: false),
            new("year", "Year"),
            new("gdp_current_usd", "GDP (US$ bn, current)", "N1", DisplayScale: 1e9, DataScale: 1),
            new("gdp_constant_usd", "GDP (US$ bn, const. 2015)", "N1", DisplayScale: 1e9, Priority: 2, DataScale: 1),
            new("population", "Population (m)", "N2", DisplayScale: 1e6, Priority: 3, DataScale: 1),
            new("milex_current_usd", "Milex (US$ bn, current)", "N2", DisplayScale: 1e9, DataScale: 1),
            new("milex_constant_usd", "Milex (US$ bn, const. 2023)", "N2", DisplayScale: 1e9, Priority: 1, DataScale: 1),
            new("milex_share_gdp_pct", "Share of GDP (%)", "N2"),
        ]);
        foreach (var r in rows)
        {
            t.Add(iso3, r.Year, r.Value(Series.GdpCurrentUsd), r.Value(Series.GdpConstantUsd), r.Value(Series.Population),
                r.Value(Series.MilexCurrentUsd), r.Value(Series.MilexConstantUsd), r.Value(Series.MilexShare) * 100);
        }

        foreach (var s in Enum.GetValues<Series>())
        {
            var sources = rows.Select(r => r[s]?.Source).OfType<string>().Distinct().ToList();
            if (sources.Count > 0)
            {
                t.Notes.Add($"{s}: {string.Join("; ", sources)}");
            }
        }

        t.Sources.Add(PanelBuilder.Citation);
        return t;
    }
}
