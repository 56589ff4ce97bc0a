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
public sealed record PostureEntry(string Host, int Year, int? Troops, int? Bases);

/// <summary>A cost-sharing agreement: host-nation support paid by the host to the US from a year on.</summary>
/// <param name="Host">Host country (ISO3).</param>
/// <param name="FromYear">First year of the agreement.</param>
/// <param name="UntilYear">Last year, or null for open-ended.</param>
/// <param name="AmountUsdMillions">Host-nation support per year, millions of US dollars (≥ 0).</param>
/// <param name="Name">Agreement name (e.g. <c>SMA 2022-2026</c>), if given.</param>
public sealed record CostSharingAgreement(string Host, int FromYear, int? UntilYear, double AmountUsdMillions, string? Name);

/// <summary>A link between two countries, or a grouping whose members are all linked pairwise.</summary>
/// <param name="Name">Name of the grouping (e.g. <c>quad</c>), or null for a plain pair.</param>
/// <param name="Members">Two or more countries (ISO3), distinct.</param>
/// <param name="Strength">Link strength in [0, 1].</param>
/// <param name="FromYear">First year the link holds.</param>
/// <param name="UntilYear">Last year, or null for open-ended.</param>
public sealed record LinkSpec(string? Name, IReadOnlyList<string> Members, double Strength, int FromYear, int? UntilYear)
{
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
public sealed record MissileDeployment(string? System, double RangeKm, string Host, string Owner, int Year, string? Site);

/// <summary>A co-development programme between countries in one mission area.</summary>
/// <param name="Name">Programme name, unique in the scenario.</param>
/// <param name="Members">Participating countries (ISO3), two or more, distinct.</param>
/// <param name="Mission">Mission area.</param>
/// <param name="Year">Start year.</param>
public sealed record CoDevelopmentProgramme(string Name, IReadOnlyList<string> Members, MissionArea Mission, int Year);

/// <summary>A scheduled crisis.</summary>
/// <param name="Year">Year of the crisis.</param>
/// <param name="Kind">Crisis type.</param>
/// <param name="Intensity">Intensity in [0, 1].</param>
public sealed record CrisisEvent(int Year, CrisisType Kind, double Intensity);

/// <summary>An open dialogue or military-to-military channel that damps crisis hazard.</summary>
/// <param name="Parties">Two or more countries (ISO3).</param>
/// <param name="FromYear">First year.</param>
/// <param name="UntilYear">Last year, or null for open-ended.</param>
/// <param name="Strength">Damping strength in [0, 1].</param>
public sealed record DialogueChannel(IReadOnlyList<string> Parties, int FromYear, int? UntilYear, double Strength);

/// <summary>A rift (negative change) or new tie (positive change) between two countries.</summary>
/// <param name="A">First country (ISO3).</param>
/// <param name="B">Second country (ISO3).</param>
/// <param name="Year">Year of the change.</param>
/// <param name="Change">Change in link strength, in [-1, 1].</param>
public sealed record TieChange(string A, string B, int Year, double Change);

/// <summary>An economic shock: a one-year GDP change in some countries.</summary>
/// <param name="Year">Year of the shock.</param>
/// <param name="Countries">Affected countries (ISO3); empty when <paramref name="Region"/> is given.</param>
/// <param name="Region">Affected region: <c>all</c> (every actor) or a named group, or null when countries are listed.</param>
/// <param name="GdpChangePercent">GDP change in percent, in (-100, 100]: above -100, which would leave no GDP (−5 = GDP 5 % lower than it would have been).</param>
public sealed record EconomicShock(int Year, IReadOnlyList<string> Countries, string? Region, double GdpChangePercent);

/// <summary>A country's trend real GDP growth, replacing the growth estimated from the data.</summary>
/// <param name="Iso3">Country.</param>
/// <param name="Percent">Trend growth in percent per year, in [-50, 50].</param>
public sealed record GrowthOverride(string Iso3, double Percent);

/// <summary>Parameter overrides and uncertain parameters, by parameter registry name.</summary>
/// <param name="Overrides">Fixed values replacing the registry's defaults.</param>
/// <param name="Uncertain">Parameters drawn per run from a distribution (ensembles), in file order.</param>
public sealed record ParameterSettings(IReadOnlyDictionary<string, double> Overrides, IReadOnlyList<UncertainParameter> Uncertain)
{
    /// <summary>No overrides, nothing uncertain.</summary>
    public static ParameterSettings None { get; } = new(new Dictionary<string, double>(), []);
}

