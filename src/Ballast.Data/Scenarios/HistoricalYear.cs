using Sc = Ballast.Core.Scenarios;

namespace Ballast.Data.Scenarios;

/// <summary>
/// The dated inputs of a run that starts before SIPRI's constant dollars (2001): the initial state from the long
/// spliced series (<see cref="LongSeries"/>), trend growth from its GDP chain, trade shares, US troops and warhead
/// stockpiles of the start year (or the latest earlier year, with a note), and the members of a preset in that year.
/// </summary>
internal sealed class HistoricalYear
{
    /// <summary>Earliest start year: the long series and US troop data begin in 1950.</summary>
    public const int FirstStartYear = 1950;

    private readonly Sc.Scenario _s;
    private readonly LongSeries _series;
    private readonly GroupCatalog _groups;
    private readonly HashSet<string> _noted = new(StringComparer.Ordinal);

    private HistoricalYear(Sc.Scenario s, LongSeries series, GroupCatalog groups)
    {
        _s = s;
        _series = series;
        _groups = groups;
    }

    /// <summary>The dated inputs for the scenario's start year; adds the note that states the splice rule.</summary>
    public static HistoricalYear For(Sc.Scenario s, CountryPanel panel, GroupCatalog groups, List<string> notes)
    {
        var series = ReferenceEquals(panel, PanelBuilder.Default) ? LongSeries.Default : new LongSeries(panel, LongSeries.LoadCowSpending(), LongSeries.LoadMaddisonGdp());
        notes.Add($"start {s.StartYear} is before SIPRI's constant dollars ({LongSeries.SipriFirstYear}): the burden is the World Bank/SIPRI share of GDP of that year (else COW NMC spending / Maddison GDP in 2011 dollars); spending is SIPRI's carried back by WDI share x WDI GDP, ratio-spliced at the overlap year (else burden x GDP, spliced from WDI and Maddison the same way).");
        notes.Add("kept at today's values for lack of dated data: US base counts (Vine's list), treaty types, mission mixes and host-nation support (none recorded before its first data year).");
        if (s.StartYear <= 1991 && s.Actors.Preset is not null)
        {
            notes.Add("RUS stands for the USSR up to 1991 (COW code 365 spending, Maddison's USSR GDP).");
        }

        return new HistoricalYear(s, series, groups);
    }

    /// <summary>The actors of the start year: for the Euro-Atlantic preset, NATO's members of that year (data/groupings.csv).</summary>
    public List<(string Iso3, CountryRole Role)> Members(List<(string Iso3, CountryRole Role)> actors, List<string> notes)
    {
        if (_s.Actors.Preset is not Sc.ActorPreset.EuroAtlantic || !_groups.Contains("nato"))
        {
            return actors;
        }

        var nato = _groups.Get("nato").Memberships.Where(m => m.FromYear <= _s.StartYear && (m.UntilYear is null || _s.StartYear <= m.UntilYear)).Select(m => m.Iso3).ToHashSet(StringComparer.Ordinal);
        var later = actors.Where(a => a.Role is CountryRole.TreatyAlly && !nato.Contains(a.Iso3)).Select(a => a.Iso3).ToList();
        if (later.Count > 0)
        {
            notes.Add($"not NATO members in {_s.StartYear}, left out: {string.Join(", ", later)}.");
        }

        return actors.Where(a => !later.Contains(a.Iso3)).ToList();
    }

    /// <summary>The initial state of a country: the start year, else the latest earlier year from 1950 with a point (noted); null (noted) when none.</summary>
    public LongSeriesPoint? InitialState(string iso3, CountryRole role, List<string> notes)
    {
        for (int year = _s.StartYear; year >= FirstStartYear; year--)
        {
            if (_series.At(iso3, year) is { } point)
            {
                if (year < _s.StartYear)
                {
                    notes.Add($"{iso3}: initial state from {year}, the last year up to {_s.StartYear} in the long series.");
                }

                return point;
            }
        }

        if (role is CountryRole.Patron)
        {
            throw new BallastInputException($"the patron {iso3} has no military expenditure data from {FirstStartYear} to {_s.StartYear}", _s.SourceFile, field: "actors", value: iso3);
        }

        notes.Add($"{iso3} left out: no spending and burden from {FirstStartYear} to {_s.StartYear} in SIPRI, the World Bank or COW NMC.");
        return null;
    }

    /// <summary>Compound annual growth of the spliced real GDP over the ten years up to the start year (fewer when the series is shorter, at least one), or null.</summary>
    public double? TrendGrowth(string iso3)
    {
        var end = Enumerable.Range(FirstStartYear - 10, _s.StartYear - FirstStartYear + 11).Reverse().FirstOrDefault(y => _series.Gdp(iso3, y) is not null);
        if (end == 0)
        {
            return null;
        }

        var start = Enumerable.Range(end - ScenarioCompiler.GrowthWindowYears, ScenarioCompiler.GrowthWindowYears).FirstOrDefault(y => _series.Gdp(iso3, y) is not null);
        if (start == 0)
        {
            return null;
        }

        return Math.Pow(_series.Gdp(iso3, end)!.Value.Value / _series.Gdp(iso3, start)!.Value.Value, 1.0 / (end - start)) - 1;
    }

    /// <summary>Trade shares of the start year (the latest earlier year if none, noted once per country).</summary>
    public DatedTrade? Trade(string iso3, CountryRole role, List<string> notes)
    {
        var t = DatedFacts.Default.Trade(iso3, _s.StartYear);
        if (_noted.Add("trade " + iso3))
        {
            if (t is null && role is not CountryRole.Patron)
            {
                notes.Add($"{iso3}: no trade shares up to {_s.StartYear}; trade dependence set to 0.");
            }
            else if (t is not null && t.Year != _s.StartYear)
            {
                notes.Add($"{iso3}: trade shares from {t.Year} ({t.Source}), the latest year up to {_s.StartYear}.");
            }
        }

        return t;
    }

    /// <summary>US troops in the host in the start year (DMDC), else the latest earlier figure (noted).</summary>
    public int? Troops(string iso3, CountryRole role, CountryFacts? facts, List<string> notes)
    {
        var earlier = facts?.UsTroopsByYear.Where(kv => kv.Key <= _s.StartYear).OrderBy(kv => kv.Key).ToList();
        if (earlier is not { Count: > 0 })
        {
            return null;
        }

        if (role is not CountryRole.Patron && earlier[^1].Key != _s.StartYear)
        {
            notes.Add($"{iso3}: US troops from {earlier[^1].Key}, the latest year up to {_s.StartYear}.");
        }

        return earlier[^1].Value;
    }

    /// <summary>The FAS warhead stockpile of the start year (latest earlier figure if none, noted), or null.</summary>
    public int? Warheads(string iso3, List<string> notes)
    {
        if (DatedFacts.Default.Warheads(iso3, _s.StartYear) is not { } w)
        {
            return null;
        }

        if (w.Year != _s.StartYear)
        {
            notes.Add($"{iso3}: warhead stockpile from {w.Year}, the latest FAS year up to {_s.StartYear}.");
        }

        return w.Warheads;
    }
}
