using Ballast.Data.Alliances;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast power</c>: power measures side by side and the coalition-vs-adversary ratio under each.</summary>
public static class PowerCommand
{
    /// <summary>First year of the constant-dollar SIPRI series Ballast ships; the perpetual inventory starts here.</summary>
    public const int CapitalStockStartYear = DataYears.CapitalStockFirst;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var year = CommonOptions.Year("Year (default 2023: the last year with World Bank GDP).");
        var output = new OutputOptions("countries", "balance");
        return BallastCli.Command(ctx, "power", "Power measures for the default set: military expenditure, capital stock (perpetual inventory), CINC, GDP x GDP per capita; coalition vs adversaries under each.",
            ["ballast power --year 2023", "ballast power --table balance --format csv", "ballast power --format json"],
            [year, .. output.Symbols], p =>
        {
            var y = p.GetValue(year) ?? 2023;
            DataYears.Check(y, DataYears.CapitalStockFirst, DataYears.CapitalStockLast, DataYears.CapitalStockData, "--year");

            var (countries, balance, notes) = Compute(PanelBuilder.Default, y);
            var doc = new ResultDocument("power", countries, balance).With(new { Year = y });
            doc.Notes.AddRange(notes);
            output.Write(p, ctx, doc);
            return 0;
        });
    }

    /// <summary>The per-country table and the balance table for a year.</summary>
    public static (ResultTable Countries, ResultTable Balance, List<string> Notes) Compute(CountryPanel panel, int year)
    {
        var set = CountryData.IndoPacific;
        var notes = new List<string>();
        var cincYear = Math.Min(year, 2022);
        if (cincYear != year)
        {
            notes.Add($"CINC: COW NMC v7 ends in 2022; the {cincYear} scores are shown.");
        }

        var nmcYear = AllianceData.LoadNmc().Where(r => r.Year == cincYear).ToList();
        var cinc = PowerMeasures.Cinc(nmcYear)
            .Select(c => (iso: CountryData.Registry.ByCow(c.CowCode)?.Iso3, c.Cinc))
            .Where(x => x.iso is not null)
            .GroupBy(x => x.iso!)
            .ToDictionary(g => g.Key, g => g.First().Cinc);
        var inputs = new List<PowerInputs>();
        var table = new ResultTable($"Power measures in {year}: Indo-Pacific default set", [
            new("country", "Code", RightAlign: false),
            new("role", "Role", RightAlign: false),
            new("milex_usd_bn", "Milex (US$ bn)", "N1", DisplayScale: 1e9),
            new("capital_stock_usd_bn_2023", "Capital stock (US$ bn 2023)", "N0", DisplayScale: 1e9),
            new("cinc", "CINC", "0.0000"),
            new("gdp_x_gdp_per_capita_usd2_e15", "GDP x GDP/cap (US$^2 x 1e15)", "N1", DisplayScale: 1e15),
        ], "countries");
        foreach (var a in set.Actors)
        {
            var milex = panel.Value(a.Iso3, year, Series.MilexCurrentUsd);
            var stock = CapitalStock(panel, a.Iso3, year);
            var gdp = panel.Value(a.Iso3, year, Series.GdpCurrentUsd);
            var pop = panel.Value(a.Iso3, year, Series.Population);
            var c = cinc.GetValueOrDefault(a.Iso3);
            var input = new PowerInputs(a.Iso3, milex, stock, c, gdp, pop);
            inputs.Add(input);
            table.Add(a.Iso3, CountryData.RoleName(a.Role), milex, stock, c, input.Value(PowerMeasure.GdpTimesGdpPerCapita));
        }

        var (coalition, adversaries) = PowerMeasures.Sides(set);
        var balance = new ResultTable($"Balance in {year}: coalition (US, allies, partners) vs adversaries (China, North Korea, Russia)", [
            new("measure", "Measure", RightAlign: false),
            new("coalition", "Coalition", "G4"),
            new("adversaries", "Adversaries", "G4"),
            new("ratio", "Ratio", "N2"),
            new("missing", "Missing (left out of the sums)", RightAlign: false, Priority: 1),
        ], "balance");
        foreach (var b in PowerMeasures.Balance(inputs, coalition, adversaries))
        {
            balance.Add(Name(b.Measure), b.CoalitionTotal, b.AdversaryTotal, b.Ratio, b.Missing.Count == 0 ? "none" : string.Join(", ", b.Missing));
        }

        notes.Add($"Capital stock: perpetual inventory K(t+1) = (1 - d) K(t) + M(t) over SIPRI constant-2023-US$ spending from {CapitalStockStartYear}, d = {PowerMeasures.DefaultDepreciation} a year, starting at the steady state M/d; countries without a complete constant-dollar series are missing.");
        notes.Add("GDP x GDP per capita is Beckley's (2018) measure of net power (size times efficiency).");
        balance.Notes.Add("A ratio above 1 means the coalition leads under that measure.");
        table.Sources.Add(PanelBuilder.Citation);
        balance.Sources.Add("CINC: Correlates of War National Material Capabilities v7.0 (Singer, Bremer and Stuckey 1972; Singer 1987), recomputed from its components.");
        return (table, balance, notes);
    }

    private static double? CapitalStock(CountryPanel panel, string iso3, int year) =>
        PowerMeasures.CapitalStock(panel, iso3, CapitalStockStartYear, year);

    private static string Name(PowerMeasure m) => m switch
    {
        PowerMeasure.MilitaryExpenditure => "military expenditure",
        PowerMeasure.CapitalStock => "capital stock",
        PowerMeasure.Cinc => "CINC",
        _ => "GDP x GDP per capita",
    };
}
