using Ballast.Core.Countries;

namespace Ballast.Core.Analytics;

/// <summary>
/// One state-year of the Correlates of War National Material Capabilities data (v7.0); a missing component is null.
/// </summary>
/// <param name="StateAbb">COW state abbreviation (e.g. USA, CHN, ROK).</param>
/// <param name="CowCode">COW state code.</param>
/// <param name="Year">Year.</param>
/// <param name="Milex">Military expenditure, thousands (of current US dollars from 1914; British pounds before).</param>
/// <param name="Milper">Military personnel, thousands.</param>
/// <param name="Irst">Iron and steel production, thousand tons.</param>
/// <param name="Pec">Primary energy consumption, thousand coal-ton equivalents.</param>
/// <param name="Tpop">Total population, thousands.</param>
/// <param name="Upop">Urban population, thousands.</param>
/// <param name="Cinc">COW's published composite index, if given.</param>
public sealed record NmcRecord(
    string StateAbb,
    int CowCode,
    int Year,
    double? Milex,
    double? Milper,
    double? Irst,
    double? Pec,
    double? Tpop,
    double? Upop,
    double? Cinc)
{
    /// <summary>The six components in COW's order: milex, milper, irst, pec, tpop, upop.</summary>
    public IReadOnlyList<double?> Components => [Milex, Milper, Irst, Pec, Tpop, Upop];
}

/// <summary>A state's recomputed Composite Index of National Capability in one year.</summary>
/// <param name="CowCode">COW state code.</param>
/// <param name="StateAbb">COW state abbreviation.</param>
/// <param name="Year">Year.</param>
/// <param name="Cinc">The index (a share of the system, 0–1), or null when the state has no component at all.</param>
/// <param name="ComponentsUsed">How many of the six components were available and averaged.</param>
public sealed record CincScore(int CowCode, string StateAbb, int Year, double? Cinc, int ComponentsUsed);

/// <summary>The power measures Ballast sets side by side.</summary>
public enum PowerMeasure
{
    /// <summary>Military expenditure (a flow).</summary>
    MilitaryExpenditure,

    /// <summary>Military capital stock by perpetual inventory of past spending.</summary>
    CapitalStock,

    /// <summary>COW's Composite Index of National Capability.</summary>
    Cinc,

    /// <summary>Beckley's (2018) GDP × GDP per capita, which discounts large but poor populations.</summary>
    GdpTimesGdpPerCapita,
}

/// <summary>One country's figures under each power measure (any may be missing), in consistent units across countries.</summary>
/// <param name="Iso3">Country.</param>
/// <param name="MilitaryExpenditure">Military expenditure.</param>
/// <param name="CapitalStock">Military capital stock (see <see cref="PowerMeasures.CapitalStock(IReadOnlyList{double}, double, double)"/>).</param>
/// <param name="Cinc">CINC share.</param>
/// <param name="Gdp">GDP.</param>
/// <param name="Population">Population (persons).</param>
public sealed record PowerInputs(string Iso3, double? MilitaryExpenditure, double? CapitalStock, double? Cinc, double? Gdp, double? Population)
{
    /// <summary>The figure under a measure, or null when it is missing.</summary>
    /// <param name="measure">The measure.</param>
    /// <returns>The value, or null.</returns>
    public double? Value(PowerMeasure measure) => measure switch
    {
        PowerMeasure.MilitaryExpenditure => MilitaryExpenditure,
        PowerMeasure.CapitalStock => CapitalStock,
        PowerMeasure.Cinc => Cinc,
        PowerMeasure.GdpTimesGdpPerCapita => Gdp is double g && Population is double p && p > 0 ? PowerMeasures.GdpTimesGdpPerCapita(g, p) : null,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
    };
}

/// <summary>The coalition-versus-adversary balance under one measure.</summary>
/// <param name="Measure">The measure.</param>
/// <param name="CoalitionTotal">Sum over coalition members with a figure.</param>
/// <param name="AdversaryTotal">Sum over adversaries with a figure.</param>
/// <param name="Ratio">CoalitionTotal ÷ AdversaryTotal; null when no adversary has a positive figure.</param>
/// <param name="Missing">Countries (either side) without a figure; the sums leave them out, so a non-empty list means an undercount.</param>
public sealed record PowerBalance(PowerMeasure Measure, double CoalitionTotal, double AdversaryTotal, double? Ratio, IReadOnlyList<string> Missing)
{
    /// <summary>True when every country on both sides had a figure.</summary>
    public bool Complete => Missing.Count == 0;
}

/// <summary>
/// Power measures side by side: military expenditure, capital stock (perpetual inventory), CINC, and GDP × GDP per
/// capita, with the coalition-versus-adversary ratio under each.
/// </summary>
public static class PowerMeasures
{
    /// <summary>
    /// Default depreciation rate of the military capital stock, 7.5 % a year. An assumption inside the 0.05–0.10 band of
    /// the reference model: major equipment serves 10–20 years (a straight-line life of 13⅓ years matches 1/0.075), while
    /// part of spending (personnel, operations) buys no lasting stock at all.
    /// </summary>
    public const double DefaultDepreciation = 0.075;

    /// <summary>
    /// The growth-adjusted steady-state stock M/(g + δ): the stock that past spending would have built if it had grown at
    /// rate g for ever. With g = 0 it is the classic steady state K* = M/δ.
    /// </summary>
    /// <param name="spending">Spending in the first year.</param>
    /// <param name="depreciation">Depreciation rate δ, in (0, 1].</param>
    /// <param name="growth">Growth of spending before the first year, as a fraction (g + δ must be positive).</param>
    /// <returns>The initial stock.</returns>
    public static double SteadyStateStock(double spending, double depreciation = DefaultDepreciation, double growth = 0)
    {
        CheckDepreciation(depreciation);
        if (!(growth + depreciation > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(growth), growth, "growth + depreciation must be positive for a steady state.");
        }

        return spending / (growth + depreciation);
    }

    /// <summary>
    /// A country's capital stock at the end of <paramref name="year"/> by perpetual inventory over the panel's constant-dollar
    /// spending from <paramref name="fromYear"/> (starting at the steady state), or null when any year in between is missing.
    /// </summary>
    /// <param name="panel">The country-year panel.</param>
    /// <param name="iso3">Country.</param>
    /// <param name="fromYear">First year of the inventory.</param>
    /// <param name="year">Year whose end-of-year stock is returned.</param>
    /// <returns>The stock, constant dollars, or null.</returns>
    public static double? CapitalStock(Panel.CountryPanel panel, string iso3, int fromYear, int year)
    {
        var series = new List<double>();
        for (var t = fromYear; t <= year; t++)
        {
            if (panel.Value(iso3, t, Panel.Series.MilexConstantUsd) is not double m)
            {
                return null;
            }

            series.Add(m);
        }

        return series.Count == 0 ? null : CapitalStock(series)[^1];
    }

    /// <summary>
    /// Military capital stock by perpetual inventory, K(t+1) = (1 − δ)·K(t) + M(t). Element i is the stock at the end of
    /// year i of the series (= the start of year i+1), after that year's spending. The stock before the first year is
    /// the growth-adjusted steady state M₀/(g + δ) (Harberger's initialisation; with the default g = 0 it is M₀/δ, so a
    /// constant spending path gives the constant stock M/δ). The initial guess matters less each year: its weight decays
    /// as (1 − δ)^t, about 46 % after 10 years and 21 % after 20 at δ = 0.075.
    /// </summary>
    /// <param name="spending">Spending per year, oldest first; no gaps (fill or trim missing years first).</param>
    /// <param name="depreciation">Depreciation rate δ, in (0, 1]; <see cref="DefaultDepreciation"/> by default.</param>
    /// <param name="initialGrowth">Growth of spending assumed before the first year (g in M₀/(g + δ)); 0 by default.</param>
    /// <returns>The stock for each year of the series.</returns>
    public static double[] CapitalStock(IReadOnlyList<double> spending, double depreciation = DefaultDepreciation, double initialGrowth = 0)
    {
        CheckDepreciation(depreciation);
        if (spending.Count == 0)
        {
            return [];
        }

        for (var i = 0; i < spending.Count; i++)
        {
            if (!double.IsFinite(spending[i]) || spending[i] < 0)
            {
                throw new ArgumentException($"spending[{i}] = {spending[i]}: spending must be a finite non-negative number with no gaps.", nameof(spending));
            }
        }

        var stock = new double[spending.Count];
        var k = SteadyStateStock(spending[0], depreciation, initialGrowth);
        for (var i = 0; i < spending.Count; i++)
        {
            k = ((1 - depreciation) * k) + spending[i];
            stock[i] = k;
        }

        return stock;
    }

    /// <summary>
    /// Recomputes COW's Composite Index of National Capability for one year from the components of every state in the
    /// system that year: each state's share of the system total of milex, milper, irst, pec, tpop and upop, averaged over
    /// the components the state has (COW's rule: a missing component is left out of the average, not counted as zero;
    /// the system total of a component sums the states that report it). Pass all states of the year, or the shares are
    /// shares of a smaller system.
    /// </summary>
    /// <param name="yearRows">The rows of every system member in one year.</param>
    /// <returns>One score per row, in input order.</returns>
    public static IReadOnlyList<CincScore> Cinc(IEnumerable<NmcRecord> yearRows)
    {
        var rows = yearRows.ToList();
        if (rows.Select(r => r.Year).Distinct().Count() > 1)
        {
            throw new ArgumentException("CINC is computed within one year; the rows span several years.", nameof(yearRows));
        }

        var totals = new double[6];
        foreach (var r in rows)
        {
            var c = r.Components;
            for (var k = 0; k < 6; k++)
            {
                if (c[k] is double v)
                {
                    if (!double.IsFinite(v) || v < 0)
                    {
                        throw new ArgumentException($"{r.StateAbb} {r.Year}: component {k} is {v}; components must be non-negative.", nameof(yearRows));
                    }

                    totals[k] += v;
                }
            }
        }

        return rows.Select(r =>
        {
            double sum = 0;
            var used = 0;
            var c = r.Components;
            for (var k = 0; k < 6; k++)
            {
                if (c[k] is double v && totals[k] > 0)
                {
                    sum += v / totals[k];
                    used++;
                }
            }

            return new CincScore(r.CowCode, r.StateAbb, r.Year, used == 0 ? null : sum / used, used);
        }).ToList();
    }

    /// <summary>
    /// Beckley's (2018, "The Power of Nations") measure of net resources, GDP × GDP per capita = GDP²/population, which
    /// discounts the output a large population consumes.
    /// </summary>
    /// <param name="gdp">GDP.</param>
    /// <param name="population">Population (persons), positive.</param>
    /// <returns>GDP × GDP per capita.</returns>
    public static double GdpTimesGdpPerCapita(double gdp, double population)
    {
        if (!(population > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(population), population, "population must be positive.");
        }

        return gdp * (gdp / population);
    }

    /// <summary>The coalition-versus-adversary balance under every measure.</summary>
    /// <param name="inputs">Each country's figures (countries not listed on either side are ignored).</param>
    /// <param name="coalition">ISO3 codes of the coalition (patron, allies, partners).</param>
    /// <param name="adversaries">ISO3 codes of the adversaries.</param>
    /// <returns>One balance per <see cref="PowerMeasure"/>, in enum order.</returns>
    public static IReadOnlyList<PowerBalance> Balance(IEnumerable<PowerInputs> inputs, IEnumerable<string> coalition, IEnumerable<string> adversaries)
    {
        var byCountry = inputs.GroupBy(i => i.Iso3, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var us = coalition.Distinct(StringComparer.Ordinal).ToList();
        var them = adversaries.Distinct(StringComparer.Ordinal).ToList();
        return Enum.GetValues<PowerMeasure>()
            .Select(m => Balance(m, us.ToDictionary(c => c, c => byCountry.GetValueOrDefault(c)?.Value(m)), them.ToDictionary(c => c, c => byCountry.GetValueOrDefault(c)?.Value(m))))
            .ToList();
    }

    /// <summary>The coalition-versus-adversary balance under one measure, from each side's figures (null = missing).</summary>
    /// <param name="measure">The measure, for labelling.</param>
    /// <param name="coalition">Coalition members and their figures.</param>
    /// <param name="adversaries">Adversaries and their figures.</param>
    /// <returns>The sums, the ratio and the countries without a figure.</returns>
    public static PowerBalance Balance(PowerMeasure measure, IReadOnlyDictionary<string, double?> coalition, IReadOnlyDictionary<string, double?> adversaries)
    {
        var missing = coalition.Concat(adversaries).Where(kv => kv.Value is null).Select(kv => kv.Key).ToList();
        var us = coalition.Values.Sum(v => v ?? 0);
        var them = adversaries.Values.Sum(v => v ?? 0);
        return new PowerBalance(measure, us, them, them > 0 ? us / them : null, missing);
    }

    /// <summary>The coalition and adversaries of an actor set: patron, treaty allies and partners against adversaries.</summary>
    /// <param name="actors">The actor set.</param>
    /// <returns>The two sides as ISO3 codes.</returns>
    public static (IReadOnlyList<string> Coalition, IReadOnlyList<string> Adversaries) Sides(ActorSet actors) =>
        (actors.Actors.Where(a => a.Role is CountryRole.Patron or CountryRole.TreatyAlly or CountryRole.Partner).Select(a => a.Iso3).ToList(),
         actors.WithRole(CountryRole.Adversary).Select(a => a.Iso3).ToList());

    private static void CheckDepreciation(double depreciation)
    {
        if (!(depreciation > 0 && depreciation <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(depreciation), depreciation, "depreciation must be in (0, 1].");
        }
    }
}
