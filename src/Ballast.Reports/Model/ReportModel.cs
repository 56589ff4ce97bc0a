namespace Ballast.Reports.Model;

/// <summary>
/// Everything a report shows, as plain data: the report layer never runs the model, it only draws these records.
/// Built from saved ensemble results (see <c>ReportModelAdapter</c>) or, in tests, by hand.
/// </summary>
/// <param name="Scenario">The scenario's question, description and levers in plain words.</param>
/// <param name="TargetsPercent">Spending targets in percent of GDP drawn on the burden chart (e.g. 2 and 3.5).</param>
/// <param name="BalanceRatio">Coalition-to-adversary balance ratio per year (1 = parity), with ensemble percentiles.</param>
/// <param name="Crossover">Distribution of the year the balance ratio first falls below parity, and the share that never cross.</param>
/// <param name="Allies">Per-ally indicator bands (spending, share, credibility, alignment, duplication, nuclear hedging).</param>
/// <param name="Missions">Coalition effectiveness per mission area at the start and the horizon.</param>
/// <param name="Map">Map layers: country roles, US forward posture, missile range rings, capitals.</param>
/// <param name="Networks">Alliance network snapshots (start and horizon).</param>
/// <param name="Kpis">The KPI summary table.</param>
/// <param name="Parameters">The parameter registry as used by the run.</param>
/// <param name="Manifest">The run manifest (seed, runs, hashes, versions).</param>
/// <param name="Citations">Data citations for every figure shown.</param>
/// <param name="ShareHistory">Each ally's observed military spending as a share of GDP (%) in the years before the start, from the
/// embedded data, drawn before the simulated years on the burden chart; null in models saved before it existed.</param>
/// <param name="KeyFindings">The key findings, one sentence each, every number taken from the results; null in older models.</param>
/// <param name="Baseline">Paired differences from the baseline scenario (same runs and seed) when the scenario is not the baseline and the
/// caller ran it; null otherwise.</param>
public sealed record ReportModel(
    ScenarioText Scenario,
    IReadOnlyList<double> TargetsPercent,
    BandSeries BalanceRatio,
    CrossoverDistribution Crossover,
    IReadOnlyList<AllyIndicators> Allies,
    IReadOnlyList<MissionEffectiveness> Missions,
    MapLayers Map,
    IReadOnlyList<NetworkSnapshot> Networks,
    IReadOnlyList<KpiRow> Kpis,
    IReadOnlyList<ParameterRow> Parameters,
    IReadOnlyList<ManifestEntry> Manifest,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<YearSeries>? ShareHistory = null,
    IReadOnlyList<string>? KeyFindings = null,
    IReadOnlyList<KpiDifference>? Baseline = null)
{
    /// <summary>For a run whose horizon has data: the model's burden band against the realised burden, per ally and year (null otherwise).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HistoryPoint>? History { get; init; }

    /// <summary>
    /// What the percentiles are computed from, as the manifest states it (all runs, or a sample of runs with its rank
    /// error); null for a manifest without it (reports saved before it was recorded).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? PercentileBasis => Manifest.FirstOrDefault(e => e.Key == "percentile_basis")?.Value;
}

/// <summary>One ally-year of a historical run: the realised burden and the model's band, fractions of GDP.</summary>
/// <param name="Iso3">Ally or partner.</param>
/// <param name="Year">Year.</param>
/// <param name="Realised">Burden in the data, or null.</param>
/// <param name="P5">Model, 5th percentile.</param>
/// <param name="P50">Model, median.</param>
/// <param name="P95">Model, 95th percentile.</param>
public sealed record HistoryPoint(string Iso3, int Year, double? Realised, double P5, double P50, double P95);

/// <summary>Observed values of one country by year.</summary>
/// <param name="Iso3">Country code.</param>
/// <param name="Name">Display name.</param>
/// <param name="Unit">Unit, e.g. "% of GDP".</param>
/// <param name="Points">One value per year with data, ascending.</param>
/// <param name="Source">Where the values come from.</param>
public sealed record YearSeries(string Iso3, string Name, string Unit, IReadOnlyList<YearValue> Points, string Source);

/// <summary>A value in a year.</summary>
public sealed record YearValue(int Year, double Value);

/// <summary>The scenario in plain words.</summary>
/// <param name="Name">Short name, e.g. <c>missiles-hosted</c>.</param>
/// <param name="Question">The question the scenario answers.</param>
/// <param name="Description">What the scenario sets and why.</param>
/// <param name="StartYear">Data year of the initial state.</param>
/// <param name="HorizonYear">Last simulated year.</param>
/// <param name="Levers">The levers, each as a label and a sentence.</param>
public sealed record ScenarioText(string Name, string Question, string Description, int StartYear, int HorizonYear, IReadOnlyList<Lever> Levers);

/// <summary>One policy lever described in words.</summary>
/// <param name="Label">Short label, e.g. "US stance".</param>
/// <param name="Text">The setting in a sentence.</param>
public sealed record Lever(string Label, string Text);

/// <summary>Ensemble percentiles of an indicator in one year.</summary>
public sealed record BandPoint(int Year, double P5, double P25, double P50, double P75, double P95);

/// <summary>An indicator over time with its ensemble percentiles.</summary>
/// <param name="Indicator">Machine name, e.g. <c>share_gdp</c>.</param>
/// <param name="Label">Reader's label, e.g. "Military spending".</param>
/// <param name="Unit">Unit for axis labels, e.g. "% of GDP".</param>
/// <param name="Points">One point per year, ascending.</param>
public sealed record BandSeries(string Indicator, string Label, string Unit, IReadOnlyList<BandPoint> Points);

/// <summary>The crossover-year distribution: in how many runs the balance ratio first fell below parity in each year.</summary>
/// <param name="Runs">Ensemble size.</param>
/// <param name="CountsByYear">Runs crossing in each year (only years with at least one run need be listed).</param>
/// <param name="NeverCrossed">Runs that never cross by the horizon.</param>
public sealed record CrossoverDistribution(int Runs, IReadOnlyList<YearCount> CountsByYear, int NeverCrossed)
{
    /// <summary>Share of runs (0–1) that never cross.</summary>
    public double NeverShare => Runs == 0 ? 0 : (double)NeverCrossed / Runs;
}

/// <summary>A count of runs in a year.</summary>
public sealed record YearCount(int Year, int Count);

/// <summary>The indicator bands of one ally.</summary>
/// <param name="Iso3">Country code.</param>
/// <param name="Name">Display name.</param>
/// <param name="Series">Indicator bands; the report looks for <see cref="Indicators"/> names.</param>
public sealed record AllyIndicators(string Iso3, string Name, IReadOnlyList<BandSeries> Series)
{
    /// <summary>The band of an indicator, or null.</summary>
    public BandSeries? Find(string indicator) => Series.FirstOrDefault(s => s.Indicator == indicator);
}

/// <summary>Coalition effectiveness in one mission area, with ensemble percentiles at the start and the horizon.</summary>
/// <param name="Mission">Mission area name, e.g. "Maritime".</param>
/// <param name="Start">Effectiveness at the start year (P5, P50, P95 in the record's fields).</param>
/// <param name="Horizon">Effectiveness at the horizon year.</param>
/// <param name="Unit">Unit, e.g. "index (start = 1)".</param>
public sealed record MissionEffectiveness(string Mission, BandPoint Start, BandPoint Horizon, string Unit);

/// <summary>Everything drawn on the map.</summary>
/// <param name="Countries">Countries to colour (others are drawn grey).</param>
/// <param name="Bases">US bases and sites abroad.</param>
/// <param name="Troops">US troops per host (latest year in the data, or the scenario's posture).</param>
/// <param name="Rings">Missile range rings (coalition deployments and adversary systems).</param>
/// <param name="Capitals">Capitals to test for exposure and label.</param>
/// <param name="View">The map's extent.</param>
public sealed record MapLayers(
    IReadOnlyList<MapCountry> Countries,
    IReadOnlyList<MapBase> Bases,
    IReadOnlyList<MapTroops> Troops,
    IReadOnlyList<RangeRing> Rings,
    IReadOnlyList<MapPlace> Capitals,
    MapView View);

/// <summary>A country on the map.</summary>
/// <param name="Iso3">ISO alpha-3 code.</param>
/// <param name="IsoNumeric">ISO numeric code (joins to Natural Earth boundaries).</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">Role in the actor set.</param>
/// <param name="Alignment">Alignment with the US at the horizon (median, 0–1), or null when not modelled.</param>
public sealed record MapCountry(string Iso3, int IsoNumeric, string Name, CountryRole Role, double? Alignment);

/// <summary>A US base or site abroad.</summary>
public sealed record MapBase(string Name, string Host, double Lat, double Lon);

/// <summary>US troops in a host, drawn at <paramref name="Lat"/>/<paramref name="Lon"/> (the host's capital).</summary>
public sealed record MapTroops(string Host, int Year, int Troops, double Lat, double Lon);

/// <summary>A named place (a capital).</summary>
public sealed record MapPlace(string Iso3, string Name, double Lat, double Lon);

/// <summary>A missile range ring: every point at <paramref name="RangeKm"/> great-circle distance from the site.</summary>
/// <param name="System">System name (e.g. "Typhon Mid-Range Capability firing Tomahawk").</param>
/// <param name="Owner">Owner country (ISO3).</param>
/// <param name="Host">Host country (ISO3).</param>
/// <param name="Site">Site name.</param>
/// <param name="Lat">Site latitude, degrees.</param>
/// <param name="Lon">Site longitude, degrees.</param>
/// <param name="RangeKm">Range, km.</param>
/// <param name="Adversary">True for adversary systems (whose rings expose hosts and capitals).</param>
/// <param name="Year">First year of deployment, if known.</param>
public sealed record RangeRing(string System, string Owner, string Host, string Site, double Lat, double Lon, double RangeKm, bool Adversary, int? Year);

/// <summary>Map extent in degrees; <paramref name="EastLon"/> may exceed 180 to cross the antimeridian (e.g. 200 = 160°W).</summary>
public sealed record MapView(double WestLon, double EastLon, double SouthLat, double NorthLat)
{
    /// <summary>The Indo-Pacific: India to the central Pacific (Hawaii), New Zealand to the Russian Far East.</summary>
    public static MapView IndoPacific { get; } = new(62, 205, -50, 58);
}

/// <summary>An alliance network at one moment.</summary>
/// <param name="Label">Caption label, e.g. "Start (2024)".</param>
/// <param name="Year">Year.</param>
/// <param name="Nodes">Countries.</param>
/// <param name="Edges">Ties.</param>
/// <param name="Metrics">Summary metrics (density, centralisation, patron share of ties…).</param>
public sealed record NetworkSnapshot(string Label, int Year, IReadOnlyList<NetworkNode> Nodes, IReadOnlyList<NetworkEdge> Edges, IReadOnlyList<NamedValue> Metrics);

/// <summary>A network node.</summary>
/// <param name="Iso3">Country code.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">Role.</param>
/// <param name="SpendingUsdBn">Military spending, billions of US dollars (node size).</param>
public sealed record NetworkNode(string Iso3, string Name, CountryRole Role, double SpendingUsdBn);

/// <summary>A tie between two countries.</summary>
/// <param name="A">First country.</param>
/// <param name="B">Second country.</param>
/// <param name="Kind">Tie type, e.g. <c>defence</c>, <c>consultation</c>, <c>quad</c>.</param>
/// <param name="Strength">Strength in [0, 1] (edge width).</param>
public sealed record NetworkEdge(string A, string B, string Kind, double Strength);

/// <summary>A named number.</summary>
public sealed record NamedValue(string Name, double Value);

/// <summary>One KPI with its ensemble spread, or one value when the KPI is a single number (a share of runs, a median year).</summary>
/// <param name="Name">KPI name.</param>
/// <param name="Unit">Unit.</param>
/// <param name="P5">5th percentile, or null for a single-valued KPI.</param>
/// <param name="P50">Median (the value of a single-valued KPI).</param>
/// <param name="P95">95th percentile, or null for a single-valued KPI.</param>
/// <param name="Note">What it means, in a sentence (may be empty).</param>
/// <param name="Text">The value in words when a number alone would mislead (a median year met in few runs), else null.</param>
public sealed record KpiRow(string Name, string Unit, double? P5, double P50, double? P95, string Note, string? Text = null)
{
    /// <summary>True when the row has a spread (5th and 95th percentiles that differ as shown); otherwise it is one value (the runs agree).</summary>
    public bool HasSpread => P5 is not null && P95 is not null && Value(P5) != Value(P95);

    /// <summary>The median (or the single value) as shown: years without a thousands separator, or <see cref="Text"/>.</summary>
    public string Shown => Text ?? Value(P50);

    /// <summary>A value of this KPI as shown (years as plain integers, other numbers as <see cref="Format.Number"/>).</summary>
    public string Value(double? v) => v is not double x ? "—" : Unit == "year" && !double.IsNaN(x) ? Format.Year(x) : Format.Number(x);

    /// <summary>"median [P5–P95]" for a row with a spread, else the single value.</summary>
    public string Summary => HasSpread ? $"{Shown} [{Value(P5)}–{Value(P95)}]" : Shown;
}

/// <summary>A parameter registry row.</summary>
/// <param name="Name">Registry name.</param>
/// <param name="Value">Value used (or the distribution's centre).</param>
/// <param name="Distribution">Distribution in words, or empty when fixed.</param>
/// <param name="Unit">Unit.</param>
/// <param name="SourceKind"><c>calibrated</c>, <c>cited</c> or <c>assumption</c>.</param>
/// <param name="Source">Citation or reasoning.</param>
/// <param name="Description">What the parameter does.</param>
public sealed record ParameterRow(string Name, double Value, string Distribution, string Unit, string SourceKind, string Source, string Description);

/// <summary>A manifest entry (key and value as text).</summary>
public sealed record ManifestEntry(string Key, string Value);

/// <summary>A data citation.</summary>
/// <param name="Dataset">What was used, e.g. "SIPRI Military Expenditure Database".</param>
/// <param name="Text">Full citation text (may contain a URL as text; the report never links or loads it).</param>
public sealed record Citation(string Dataset, string Text);

/// <summary>Machine names of the per-ally indicators the report draws as small multiples, in column order.</summary>
public static class Indicators
{
    /// <summary>Military spending, billions of US dollars.</summary>
    public const string Spending = "spending";

    /// <summary>Military spending as a share of GDP, percent.</summary>
    public const string Share = "share_gdp";

    /// <summary>The ally's belief in US commitment, 0–1.</summary>
    public const string Credibility = "credibility";

    /// <summary>Alignment with the US, 0–1.</summary>
    public const string Alignment = "alignment";

    /// <summary>Duplication index (overlap of the mix with the US mix), 0–1.</summary>
    public const string Duplication = "duplication";

    /// <summary>Nuclear-hedging propensity, 0–1.</summary>
    public const string NuclearHedging = "nuclear_hedging";

    /// <summary>The small-multiple columns in order.</summary>
    public static IReadOnlyList<string> SmallMultiples { get; } = [Spending, Share, Credibility, Alignment, Duplication, NuclearHedging];
}
