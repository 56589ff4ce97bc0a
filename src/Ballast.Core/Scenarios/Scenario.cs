using Ballast.Core.Countries;
using Ballast.Core.Model;
using Ballast.Core.Parameters;

namespace Ballast.Core.Scenarios;

/// <summary>
/// A scenario: the policy levers, events and uncertain parameters of one simulated future (or historical re-run).
/// Built by the scenario loader from a YAML file (see <c>docs/scenarios.md</c>); immutable.
/// Percentages are kept as written (3.5 = 3.5 % of GDP); shares are fractions in [0, 1]; money is millions of US dollars.
/// </summary>
/// <param name="Name">Short name (e.g. <c>us-conditional-3.5</c>).</param>
/// <param name="Description">What the scenario sets and why.</param>
/// <param name="Question">The question from the source material the scenario answers.</param>
/// <param name="StartYear">First simulated year's initial state comes from this data year.</param>
/// <param name="HorizonYear">Last simulated year (inclusive); greater than <paramref name="StartYear"/>.</param>
/// <param name="Actors">Which countries take part, and in which roles.</param>
/// <param name="TargetsPercent">Spending targets in percent of GDP (e.g. 2 and 3.5), ascending, distinct.</param>
/// <param name="Us">The patron's levers: stance, theatre share, posture, cost-sharing.</param>
/// <param name="Architecture">Hub-and-spokes or networked alliance architecture.</param>
/// <param name="Links">Explicit links and groupings between countries.</param>
/// <param name="Missiles">Missile deployments (hosting).</param>
/// <param name="Programmes">Co-development programmes.</param>
/// <param name="Crises">Scheduled crisis events.</param>
/// <param name="Dialogues">Dialogue channels that damp crisis hazard.</param>
/// <param name="TieChanges">Rifts (negative change) and new ties (positive change) between allies.</param>
/// <param name="Shocks">Economic shocks.</param>
/// <param name="Growth">Trend real GDP growth overrides per country.</param>
/// <param name="Parameters">Parameter overrides and uncertain parameters.</param>
/// <param name="Runs">Default number of ensemble runs, if set.</param>
/// <param name="Seed">Default master seed, if set.</param>
/// <param name="SourceFile">The file the scenario was read from, if any (for messages).</param>
public sealed record Scenario(
    string Name,
    string Description,
    string Question,
    int StartYear,
    int HorizonYear,
    ActorSelection Actors,
    IReadOnlyList<double> TargetsPercent,
    UsPolicy Us,
    Architecture Architecture,
    IReadOnlyList<LinkSpec> Links,
    IReadOnlyList<MissileDeployment> Missiles,
    IReadOnlyList<CoDevelopmentProgramme> Programmes,
    IReadOnlyList<CrisisEvent> Crises,
    IReadOnlyList<DialogueChannel> Dialogues,
    IReadOnlyList<TieChange> TieChanges,
    IReadOnlyList<EconomicShock> Shocks,
    IReadOnlyList<GrowthOverride> Growth,
    ParameterSettings Parameters,
    int? Runs,
    ulong? Seed,
    string? SourceFile)
{
    /// <summary>The simulated years, <see cref="StartYear"/> + 1 to <see cref="HorizonYear"/> inclusive.</summary>
    public int Years => HorizonYear - StartYear;

    /// <summary>
    /// The list sections, in the order the loader reads and the writer writes them (after <c>architecture</c>, before
    /// <c>parameters</c>). Each is declared once, next to its item record; the loader and writer have no per-section code
    /// (the missile catalogue's defaults aside).
    /// </summary>
    public static IReadOnlyList<ScenarioSection> Sections { get; } =
    [
        LinkSpec.Section, MissileDeployment.Section, CoDevelopmentProgramme.Section, CrisisEvent.Section, DialogueChannel.Section,
        TieChange.Section, EconomicShock.Section, GrowthOverride.Section, SpendingShock.Section,
    ];

    /// <summary>One-off changes in the level of a country's military spending, in file order.</summary>
    public IReadOnlyList<SpendingShock> SpendingShocks { get; init; } = [];

    /// <summary>For a historical episode: what to compare with the realised data (null for other scenarios).</summary>
    public EpisodeCheck? Check { get; init; }
}

/// <summary>
/// What a historical episode is checked against: the change of a variable per country over a window of data years
/// (the realised change from the data against the model's change over the same years).
/// </summary>
/// <param name="Countries">Countries compared (ISO3), in the order written.</param>
/// <param name="Variable">The variable compared; <c>burden</c> (military expenditure, % of GDP) is the one defined.</param>
/// <param name="FromYear">First year of the window (the change is measured from this year).</param>
/// <param name="UntilYear">Last year of the window (the change is measured to this year).</param>
public sealed record EpisodeCheck(IReadOnlyList<string> Countries, string Variable, int FromYear, int UntilYear)
{
    /// <summary>The variables an episode check may compare.</summary>
    public static readonly IReadOnlyList<string> Variables = ["burden"];
}

/// <summary>The actor set of a scenario: a named preset, or an explicit list of countries with roles.</summary>
/// <param name="Preset">The preset used, or null for a user-defined list.</param>
/// <param name="Countries">Explicit countries with roles (empty for a preset).</param>
public sealed record ActorSelection(ActorPreset? Preset, IReadOnlyList<ActorEntry> Countries)
{
    /// <summary>The Indo-Pacific default.</summary>
    public static ActorSelection IndoPacific { get; } = new(ActorPreset.IndoPacific, []);
}

/// <summary>The built-in actor sets.</summary>
public enum ActorPreset
{
    /// <summary>The Indo-Pacific default: the US, its treaty allies and partners in the region, China, DPRK and Russia.</summary>
    IndoPacific,

    /// <summary>NATO members and Russia.</summary>
    EuroAtlantic,
}

/// <summary>A country and its role in a user-defined actor set.</summary>
/// <param name="Iso3">ISO 3166 alpha-3 code.</param>
/// <param name="Role">Role in the actor set.</param>
public sealed record ActorEntry(string Iso3, CountryRole Role);

/// <summary>Alliance architecture.</summary>
public enum Architecture
{
    /// <summary>Separate bilateral alliances coordinated by the US; ally-to-ally links only where given explicitly.</summary>
    HubAndSpokes,

    /// <summary>A networked architecture: ally-to-ally links from treaty ties and groupings are switched on.</summary>
    Networked,
}

/// <summary>The patron's levers.</summary>
/// <param name="StancePaths">One or more stance paths; their probabilities sum to 1 (a single path has probability 1).</param>
/// <param name="TheatreShare">Share of the US defence budget allocated to the theatre, in [0, 1]; null = model default.</param>
/// <param name="Posture">Forward posture per host and year.</param>
/// <param name="CostSharing">Cost-sharing (host-nation support) agreements.</param>
public sealed record UsPolicy(
    IReadOnlyList<StancePath> StancePaths,
    double? TheatreShare,
    IReadOnlyList<PostureEntry> Posture,
    IReadOnlyList<CostSharingAgreement> CostSharing)
{
    /// <summary>The list sections inside <c>us:</c>, in the order the loader reads and the writer writes them (after <c>theatre-share</c>).</summary>
    public static IReadOnlyList<ScenarioSection> Sections { get; } = [PostureEntry.Section, CostSharingAgreement.Section];

    /// <summary>
    /// The US stance toward single allies: from its year on, an entry replaces the run's stance path for that ally (until a
    /// later entry for the same ally); allies without an entry follow the run's path. In file order.
    /// </summary>
    public IReadOnlyList<AllyStance> AllyStances { get; init; } = [];
}

/// <summary>The US stance toward one ally from a year on (<see cref="StancePhase.FromYear"/>).</summary>
/// <param name="Ally">The ally or partner (ISO3).</param>
/// <param name="Phase">The stance and its first year.</param>
public sealed record AllyStance(string Ally, StancePhase Phase);

/// <summary>One possible path of US stance over time.</summary>
/// <param name="Name">Name of the path (e.g. <c>commit</c>); <c>default</c> for a single certain path.</param>
/// <param name="Probability">Probability of this path, in (0, 1].</param>
/// <param name="Phases">Phases in ascending order of <see cref="StancePhase.FromYear"/>.</param>
public sealed record StancePath(string Name, double Probability, IReadOnlyList<StancePhase> Phases)
{
    /// <summary>The phase in force in a year: the last phase whose start is ≤ year, or the first phase before it starts.</summary>
    public StancePhase PhaseIn(int year)
    {
        var current = Phases[0];
        foreach (var p in Phases)
        {
            if (p.FromYear <= year)
            {
                current = p;
            }
        }

        return current;
    }
}

/// <summary>A phase of US stance starting in a year.</summary>
/// <param name="FromYear">First year of the phase.</param>
/// <param name="Kind">Stance kind.</param>
/// <param name="Harshness">Harshness of the US signal in [0, 1] (0 = quiet, 1 = explicit public threat).</param>
/// <param name="TargetPercent">For <see cref="StanceKind.Conditional"/>: the target in percent of GDP; otherwise null.</param>
/// <param name="DeadlineYear">For <see cref="StanceKind.Conditional"/>: the year by which the target must be met; otherwise null.</param>
public sealed record StancePhase(int FromYear, StanceKind Kind, double Harshness, double? TargetPercent, int? DeadlineYear);

/// <summary>US forward posture in a host from a year on (until a later entry for the same host).</summary>
/// <param name="Host">Host country (ISO3).</param>
/// <param name="Year">Year the posture applies from.</param>
/// <param name="Troops">US personnel stationed (persons); null = keep the data's figure.</param>
/// <param name="Bases">Number of US bases and sites; null = keep the data's figure.</param>
public sealed record PostureEntry(string Host, int Year, int? Troops, int? Bases)
{
    /// <summary>The <c>us.posture</c> section, one entry a host and year.</summary>
    public static ScenarioSection<PostureEntry> Section { get; } = new("posture",
        f => [f.Country("host", x => x.Host), f.Year("year", x => x.Year, ScenarioYears.Scheduled), f.Count("troops", x => x.Troops, optional: true),
            f.Count("bases", x => x.Bases, optional: true)],
        v => new PostureEntry(v.Text("host"), v.Int("year"), v.OptionalInt("troops"), v.OptionalInt("bases")),
        s => s.Us.Posture, (s, v) => s with { Us = s.Us with { Posture = v } })
    { Parent = "us", AnyOf = [["troops", "bases"]], IdentityOf = x => $"{x.Host} {x.Year}", Duplicate = "posture entry (host and year)" };
}

/// <summary>A cost-sharing agreement: host-nation support paid by the host to the US from a year on.</summary>
/// <param name="Host">Host country (ISO3).</param>
/// <param name="FromYear">First year of the agreement.</param>
/// <param name="UntilYear">Last year, or null for open-ended.</param>
/// <param name="AmountUsdMillions">Host-nation support per year, millions of US dollars (≥ 0).</param>
/// <param name="Name">Agreement name (e.g. <c>SMA 2022-2026</c>), if given.</param>
public sealed record CostSharingAgreement(string Host, int FromYear, int? UntilYear, double AmountUsdMillions, string? Name)
{
    /// <summary>The <c>us.cost-sharing</c> section, one agreement a host and first year.</summary>
    public static ScenarioSection<CostSharingAgreement> Section { get; } = new("cost-sharing",
        f => [f.Country("host", x => x.Host), f.Year("from", x => x.FromYear, ScenarioYears.Scheduled), f.Until("until", x => x.UntilYear, "from"),
            f.Number("amount-usd-m", x => x.AmountUsdMillions, 0, double.PositiveInfinity, "amount must not be negative", showsFound: false), f.Text("name", x => x.Name, optional: true)],
        v => new CostSharingAgreement(v.Text("host"), v.Int("from"), v.OptionalInt("until"), v.Number("amount-usd-m"), v.OptionalText("name")),
        s => s.Us.CostSharing, (s, v) => s with { Us = s.Us with { CostSharing = v } })
    { Parent = "us", IdentityOf = x => $"{x.Host} {x.FromYear}", Duplicate = "cost-sharing agreement (host and from-year)" };
}

/// <summary>A link between two countries, or a grouping whose members are all linked pairwise.</summary>
/// <param name="Name">Name of the grouping (e.g. <c>quad</c>), or null for a plain pair.</param>
/// <param name="Members">Two or more countries (ISO3), distinct.</param>
/// <param name="Strength">Link strength in [0, 1].</param>
/// <param name="FromYear">First year the link holds.</param>
/// <param name="UntilYear">Last year, or null for open-ended.</param>
public sealed record LinkSpec(string? Name, IReadOnlyList<string> Members, double Strength, int FromYear, int? UntilYear)
{
    /// <summary>The <c>links:</c> section.</summary>
    public static ScenarioSection<LinkSpec> Section { get; } = new("links",
        f => [f.Text("name", x => x.Name, optional: true), f.Countries("members", x => x.Members, 2), f.Share("strength", x => x.Strength),
            f.Year("from", x => x.FromYear, ScenarioYears.Scheduled), f.Until("until", x => x.UntilYear, "from")],
        v => new LinkSpec(v.OptionalText("name"), v.Countries("members"), v.Number("strength"), v.Int("from"), v.OptionalInt("until")),
        s => s.Links, (s, v) => s with { Links = v })
    { IdentityOf = x => x.Name, Duplicate = "link name" };

    /// <summary>True when the link holds in the year.</summary>
    public bool ActiveIn(int year) => year >= FromYear && (UntilYear is null || year <= UntilYear);
}

/// <summary>A missile deployment: a system (from the catalogue) or an explicit range, hosted by a country.</summary>
/// <param name="System">System name from the missile catalogue, or null when only a range is given.</param>
/// <param name="RangeKm">Range in km; from the catalogue when only <paramref name="System"/> is given, unless overridden.</param>
/// <param name="Host">Host country (ISO3) on whose territory the missiles stand.</param>
/// <param name="Owner">Owner country (ISO3).</param>
/// <param name="Year">First year of deployment.</param>
/// <param name="Site">Deployment site name from the sites file, if given.</param>
public sealed record MissileDeployment(string? System, double RangeKm, string Host, string Owner, int Year, string? Site)
{
    /// <summary>
    /// The <c>missiles:</c> section. A system from the catalogue gives the range and owner unless they are written; the
    /// loader fills them in (and checks the site's host), since the catalogue is data.
    /// </summary>
    public static ScenarioSection<MissileDeployment> Section { get; } = new("missiles",
        f => [f.Text("system", x => x.System, optional: true, quoted: false),
            f.Number("range-km", x => x.RangeKm, 0, 20_000, "range must be greater than 0 and at most 20000 km", minExclusive: true, optional: true),
            f.Country("host", x => x.Host), f.Country("owner", x => x.Owner, optional: true), f.Year("year", x => x.Year, ScenarioYears.Scheduled),
            f.Text("site", x => x.Site, optional: true, quoted: false)],
        v => new MissileDeployment(v.OptionalText("system"), v.Number("range-km"), v.Text("host"), v.Text("owner"), v.Int("year"), v.OptionalText("site")),
        s => s.Missiles, (s, v) => s with { Missiles = v });
}

/// <summary>A co-development programme between countries in one mission area.</summary>
/// <param name="Name">Programme name, unique in the scenario.</param>
/// <param name="Members">Participating countries (ISO3), two or more, distinct.</param>
/// <param name="Mission">Mission area.</param>
/// <param name="Year">Start year.</param>
public sealed record CoDevelopmentProgramme(string Name, IReadOnlyList<string> Members, MissionArea Mission, int Year)
{
    /// <summary>The <c>programmes:</c> section.</summary>
    public static ScenarioSection<CoDevelopmentProgramme> Section { get; } = new("programmes",
        f => [f.Text("name", x => x.Name), f.Countries("members", x => x.Members, 2), f.Choice("mission", x => x.Mission), f.Year("year", x => x.Year, ScenarioYears.Scheduled)],
        v => new CoDevelopmentProgramme(v.Text("name"), v.Countries("members"), v.Choice<MissionArea>("mission"), v.Int("year")),
        s => s.Programmes, (s, v) => s with { Programmes = v })
    { IdentityOf = x => x.Name, Duplicate = "programme name" };
}

/// <summary>A scheduled crisis.</summary>
/// <param name="Year">Year of the crisis.</param>
/// <param name="Kind">Crisis type.</param>
/// <param name="Intensity">Intensity in [0, 1].</param>
public sealed record CrisisEvent(int Year, CrisisType Kind, double Intensity)
{
    /// <summary>The <c>crises:</c> section.</summary>
    public static ScenarioSection<CrisisEvent> Section { get; } = new("crises",
        f => [f.Year("year", x => x.Year, ScenarioYears.Simulated), f.Choice("kind", x => x.Kind), f.Share("intensity", x => x.Intensity)],
        v => new CrisisEvent(v.Int("year"), v.Choice<CrisisType>("kind"), v.Number("intensity")),
        s => s.Crises, (s, v) => s with { Crises = v });
}

/// <summary>An open dialogue or military-to-military channel that damps crisis hazard.</summary>
/// <param name="Parties">Two or more countries (ISO3).</param>
/// <param name="FromYear">First year.</param>
/// <param name="UntilYear">Last year, or null for open-ended.</param>
/// <param name="Strength">Damping strength in [0, 1].</param>
public sealed record DialogueChannel(IReadOnlyList<string> Parties, int FromYear, int? UntilYear, double Strength)
{
    /// <summary>The <c>dialogues:</c> section.</summary>
    public static ScenarioSection<DialogueChannel> Section { get; } = new("dialogues",
        f => [f.Countries("parties", x => x.Parties, 2), f.Year("from", x => x.FromYear, ScenarioYears.Scheduled), f.Until("until", x => x.UntilYear, "from"),
            f.Share("strength", x => x.Strength)],
        v => new DialogueChannel(v.Countries("parties"), v.Int("from"), v.OptionalInt("until"), v.Number("strength")),
        s => s.Dialogues, (s, v) => s with { Dialogues = v });
}

/// <summary>A rift (negative change) or new tie (positive change) between two countries.</summary>
/// <param name="A">First country (ISO3).</param>
/// <param name="B">Second country (ISO3).</param>
/// <param name="Year">Year of the change.</param>
/// <param name="Change">Change in link strength, in [-1, 1].</param>
public sealed record TieChange(string A, string B, int Year, double Change)
{
    /// <summary>The <c>ties:</c> section; a pair changes at most once a year (in either order).</summary>
    public static ScenarioSection<TieChange> Section { get; } = new("ties",
        f => [f.Pair("pair", x => [x.A, x.B]), f.Year("year", x => x.Year, ScenarioYears.Simulated), f.Number("change", x => x.Change, -1, 1, "must be between -1 and 1")],
        v => new TieChange(v.Countries("pair")[0], v.Countries("pair")[1], v.Int("year"), v.Number("change")),
        s => s.TieChanges, (s, v) => s with { TieChanges = v })
    {
        IdentityOf = x => $"{(string.CompareOrdinal(x.A, x.B) < 0 ? x.A + "-" + x.B : x.B + "-" + x.A)} {x.Year}",
        Duplicate = "tie change (pair and year)",
    };
}

/// <summary>An economic shock: a one-year GDP change in some countries.</summary>
/// <param name="Year">Year of the shock.</param>
/// <param name="Countries">Affected countries (ISO3); empty when <paramref name="Region"/> is given.</param>
/// <param name="Region">Affected region: <c>all</c> (every actor) or a named group, or null when countries are listed.</param>
/// <param name="GdpChangePercent">GDP change in percent, in (-100, 100]: above -100, which would leave no GDP (−5 = GDP 5 % lower than it would have been).</param>
public sealed record EconomicShock(int Year, IReadOnlyList<string> Countries, string? Region, double GdpChangePercent)
{
    /// <summary>The <c>shocks:</c> section.</summary>
    public static ScenarioSection<EconomicShock> Section { get; } = new("shocks",
        f => [f.Year("year", x => x.Year, ScenarioYears.Simulated), f.Countries("countries", x => x.Region is null ? x.Countries : null, 1, optional: true),
            f.Text("region", x => x.Region, optional: true, allowed: ["all", "patron", "allies", "partners", "adversaries"]),
            f.Number("gdp-change-percent", x => x.GdpChangePercent, -100, 100, "a GDP change must be more than -100 % (which would leave no GDP) and at most 100 %", minExclusive: true)],
        v => new EconomicShock(v.Int("year"), v.Countries("countries"), v.OptionalText("region"), v.Number("gdp-change-percent")),
        s => s.Shocks, (s, v) => s with { Shocks = v })
    { OneOf = [["countries", "region"]] };
}

/// <summary>A country's trend real GDP growth, replacing the growth estimated from the data.</summary>
/// <param name="Iso3">Country.</param>
/// <param name="Percent">Trend growth in percent per year, in [-50, 50].</param>
public sealed record GrowthOverride(string Iso3, double Percent)
{
    /// <summary>The <c>growth:</c> section, one entry a country.</summary>
    public static ScenarioSection<GrowthOverride> Section { get; } = new("growth",
        f => [f.Country("country", x => x.Iso3), f.Number("percent", x => x.Percent, -50, 50, "growth must be between -50 and 50 percent a year")],
        v => new GrowthOverride(v.Text("country"), v.Number("percent")),
        s => s.Growth, (s, v) => s with { Growth = v })
    { IdentityOf = x => x.Iso3, Duplicate = "country" };
}

/// <summary>
/// A spending shock: in one year a country's military spending is a given percentage above (or below) what its own rule
/// gives (China's jump after 1996, Russia's after 2022); later years grow from the new level by the same rule.
/// </summary>
/// <param name="Year">The simulated year whose spending changes.</param>
/// <param name="Country">The country (ISO3), any actor.</param>
/// <param name="ChangePercent">Change in percent, in (-100, 100] (+20 = spending 20 % higher than it would have been).</param>
public sealed record SpendingShock(int Year, string Country, double ChangePercent)
{
    /// <summary>The <c>spending-shocks:</c> section, one shock a country and year.</summary>
    public static ScenarioSection<SpendingShock> Section { get; } = new("spending-shocks",
        f => [f.Year("year", x => x.Year, ScenarioYears.Simulated), f.Country("country", x => x.Country),
            f.Number("change-percent", x => x.ChangePercent, -100, 100, "a spending change must be more than -100 % (which would leave no spending) and at most 100 %", minExclusive: true)],
        v => new SpendingShock(v.Int("year"), v.Text("country"), v.Number("change-percent")),
        s => s.SpendingShocks, (s, v) => s with { SpendingShocks = v })
    { IdentityOf = x => $"{x.Country} {x.Year}", Duplicate = "spending shock (country and year)" };
}

/// <summary>Parameter overrides and uncertain parameters, by parameter registry name.</summary>
/// <param name="Overrides">Fixed values replacing the registry's defaults.</param>
/// <param name="Uncertain">Parameters drawn per run from a distribution (ensembles), in file order.</param>
public sealed record ParameterSettings(IReadOnlyDictionary<string, double> Overrides, IReadOnlyList<UncertainParameter> Uncertain)
{
    /// <summary>No overrides, nothing uncertain.</summary>
    public static ParameterSettings None { get; } = new(new Dictionary<string, double>(), []);
}

