using System.Collections.Immutable;
using Ballast.Core.Countries;
using Ballast.Core.Parameters;

namespace Ballast.Core.Model;

/// <summary>
/// Everything one simulation needs, as plain arrays over actors and years. Built with
/// <see cref="ModelInputsBuilder"/>, validated, then frozen. Per-actor arrays have length
/// <see cref="ActorCount"/>; matrices are row-major (<c>[i * ActorCount + j]</c>); mixes are
/// <c>[i * MissionAreas.Count + m]</c>; yearly schedules have length <see cref="Steps"/> + 1 with index t for
/// year <see cref="StartYear"/> + t; per-host yearly schedules are <c>[t * ActorCount + i]</c>.
/// Money is constant 2023 US dollars. NaN in an "initial" array means "use the registry default".
/// </summary>
public sealed class ModelInputs
{
    internal ModelInputs(ModelInputsBuilder b, ParameterSet parameters, YearlySchedules schedules)
    {
        Name = b.Name;
        StartYear = b.StartYear;
        HorizonYear = b.HorizonYear;
        Codes = PerActor(a => a.Code);
        Roles = PerActor(a => a.Role);
        Gdp = PerActor(a => a.Gdp);
        MilitaryExpenditure = PerActor(a => a.MilitaryExpenditure);
        Share = PerActor(a => a.Share);
        CapabilityStock = PerActor(a => a.CapabilityStock);
        TrendGrowth = PerActor(a => a.TrendGrowth);
        InitialGrowth = PerActor(a => double.IsNaN(a.InitialGrowth) ? a.TrendGrowth : a.InitialGrowth);
        Phi = PerActor(a => a.Phi);
        TradeDependenceAdversary = PerActor(a => a.TradeDependenceAdversary);
        TradeDependenceUs = PerActor(a => a.TradeDependenceUs);
        NuclearWarheads = PerActor(a => a.NuclearWarheads);
        Treaty = PerActor(a => a.Treaty);
        MissileInventory = PerActor(a => a.MissileInventory);
        InitialCredibility = PerActor(a => a.Credibility);
        InitialAlignment = PerActor(a => a.Alignment);
        InitialInteroperability = PerActor(a => a.Interoperability);
        InitialHedging = PerActor(a => a.Hedging);
        DistanceKm = [.. b.DistanceKm];
        ComplementaryMix = [.. b.ComplementaryMix];
        AutonomousMix = [.. b.AutonomousMix];
        Links = [.. b.Links];
        StancePaths = [.. b.StancePaths];
        TheatreShare = [.. schedules.TheatreShare];
        Troops = [.. schedules.Troops];
        Bases = [.. schedules.Bases];
        HostNationSupport = [.. schedules.HostNationSupport];
        CostSharing = [.. schedules.CostSharing];
        Dialogue = [.. schedules.Dialogue];
        AllyStances = [.. b.AllyStances];
        SpendingShock = [.. b.SpendingShock];
        LinkChanges = [.. b.LinkChanges];
        MissileDeployments = [.. b.MissileDeployments];
        Programmes = [.. b.Programmes];
        Crises = [.. b.Crises];
        Shocks = [.. b.Shocks];
        TargetShares = [.. b.TargetShares];
        Parameters = parameters;
        Uncertain = [.. b.Uncertain];
        PatronIndex = Roles.IndexOf(CountryRole.Patron);
        LeadAdversaryIndex = b.LeadAdversaryIndex ?? LargestAdversary();

        ImmutableArray<T> PerActor<T>(Func<ActorSpec, T> field) => [.. b.Actors.Select(field)];
    }

    /// <summary>Scenario name (for labels only).</summary>
    public string Name { get; }

    /// <summary>First simulated year: the state at the start of this year is the initial state.</summary>
    public int StartYear { get; }

    /// <summary>Last year reported.</summary>
    public int HorizonYear { get; }

    /// <summary>Number of yearly steps (<see cref="HorizonYear"/> − <see cref="StartYear"/>).</summary>
    public int Steps => HorizonYear - StartYear;

    /// <summary>Number of actors.</summary>
    public int ActorCount => Codes.Length;

    /// <summary>Actor codes (ISO3).</summary>
    public ImmutableArray<string> Codes { get; }

    /// <summary>Actor roles: patron, treaty ally, partner, adversary (or other: economy only).</summary>
    public ImmutableArray<CountryRole> Roles { get; }

    /// <summary>Initial GDP (used only where <see cref="Share"/> is NaN; otherwise GDP = spending / share).</summary>
    public ImmutableArray<double> Gdp { get; }

    /// <summary>Initial military expenditure, constant 2023 US dollars.</summary>
    public ImmutableArray<double> MilitaryExpenditure { get; }

    /// <summary>Initial burden (military expenditure / GDP); authoritative, since GDP and spending may use different base years.</summary>
    public ImmutableArray<double> Share { get; }

    /// <summary>Initial capability stock; NaN = perpetual-inventory value φM/(δ+g).</summary>
    public ImmutableArray<double> CapabilityStock { get; }

    /// <summary>Trend real GDP growth per actor (fraction per year).</summary>
    public ImmutableArray<double> TrendGrowth { get; }

    /// <summary>Growth of the path the start year lies on per actor (initial capability stock, demand intercept); the trend unless a scenario overrides future growth.</summary>
    public ImmutableArray<double> InitialGrowth { get; }

    /// <summary>Conversion efficiency φ of spending into capability per actor (the exchange-rate vs PPP lever); NaN = registry default.</summary>
    public ImmutableArray<double> Phi { get; }

    /// <summary>Great-circle distances between capitals, km, row-major.</summary>
    public ImmutableArray<double> DistanceKm { get; }

    /// <summary>Trade dependence on the adversary (China): share of total trade, fraction.</summary>
    public ImmutableArray<double> TradeDependenceAdversary { get; }

    /// <summary>Trade dependence on the US: share of total trade, fraction.</summary>
    public ImmutableArray<double> TradeDependenceUs { get; }

    /// <summary>Nuclear warheads per actor (0 = non-nuclear).</summary>
    public ImmutableArray<double> NuclearWarheads { get; }

    /// <summary>Treaty type with the patron per actor.</summary>
    public ImmutableArray<TreatyType> Treaty { get; }

    /// <summary>Initial ground-launched intermediate-range missile inventory per actor (Richardson pair start).</summary>
    public ImmutableArray<double> MissileInventory { get; }

    /// <summary>Initial perceived credibility of the US commitment per actor; NaN = registry default.</summary>
    public ImmutableArray<double> InitialCredibility { get; }

    /// <summary>Initial alignment with the US per actor; NaN = registry default.</summary>
    public ImmutableArray<double> InitialAlignment { get; }

    /// <summary>Initial interoperability per actor; NaN = registry default.</summary>
    public ImmutableArray<double> InitialInteroperability { get; }

    /// <summary>Initial nuclear-hedging propensity per actor; NaN = registry default.</summary>
    public ImmutableArray<double> InitialHedging { get; }

    /// <summary>Complementary (comparative-advantage) mix per actor, <c>[i * 7 + m]</c>, each row sums to 1.</summary>
    public ImmutableArray<double> ComplementaryMix { get; }

    /// <summary>Autonomous full-spectrum mix per actor, <c>[i * 7 + m]</c>, each row sums to 1.</summary>
    public ImmutableArray<double> AutonomousMix { get; }

    /// <summary>Initial ally-to-ally link strengths ℓ_ij in [0,1], row-major, symmetric, zero diagonal.</summary>
    public ImmutableArray<double> Links { get; }

    /// <summary>Possible US stance paths with probabilities summing to 1 (a run draws one).</summary>
    public ImmutableArray<StancePath> StancePaths { get; }

    /// <summary>
    /// The US stance toward single allies per year, <c>[t * ActorCount + i]</c>: where set it replaces the run's stance path
    /// for that ally (belief, pressure, executed threats, credibility, the disengage factor of its US spill-in); null follows the path.
    /// </summary>
    public ImmutableArray<StanceYear?> AllyStances { get; }

    /// <summary>
    /// Factor on each actor's military spending per year, <c>[t * ActorCount + i]</c>: 1 + the scheduled one-off change of that
    /// year's spending (1 where none); the change persists through the actor's rule in later years.
    /// </summary>
    public ImmutableArray<double> SpendingShock { get; }

    /// <summary>Theatre share of the US defence budget per year index.</summary>
    public ImmutableArray<double> TheatreShare { get; }

    /// <summary>US troops stationed per host per year, <c>[t * ActorCount + i]</c>.</summary>
    public ImmutableArray<double> Troops { get; }

    /// <summary>US bases per host per year, <c>[t * ActorCount + i]</c>.</summary>
    public ImmutableArray<double> Bases { get; }

    /// <summary>Host-nation support paid by each host per year, US dollars, <c>[t * ActorCount + i]</c>.</summary>
    public ImmutableArray<double> HostNationSupport { get; }

    /// <summary>1 when an equitable cost-sharing agreement is concluded for the host in that year, else 0, <c>[t * ActorCount + i]</c>.</summary>
    public ImmutableArray<double> CostSharing { get; }

    /// <summary>Dialogue channels (military-to-military and diplomatic) open per year, in [0,1]; damp crises.</summary>
    public ImmutableArray<double> Dialogue { get; }

    /// <summary>Scheduled link changes (groupings, new ties, rifts).</summary>
    public ImmutableArray<LinkChange> LinkChanges { get; }

    /// <summary>Missile deployments.</summary>
    public ImmutableArray<MissileDeployment> MissileDeployments { get; }

    /// <summary>Co-development programmes.</summary>
    public ImmutableArray<CoDevelopmentProgramme> Programmes { get; }

    /// <summary>Scheduled crises.</summary>
    public ImmutableArray<CrisisEvent> Crises { get; }

    /// <summary>Economic shocks.</summary>
    public ImmutableArray<EconomicShock> Shocks { get; }

    /// <summary>Burden targets tracked as KPIs (fractions, e.g. 0.02, 0.035, 0.05).</summary>
    public ImmutableArray<double> TargetShares { get; }

    /// <summary>Parameter values (registry with scenario overrides applied).</summary>
    public ParameterSet Parameters { get; }

    /// <summary>Uncertain parameters: each run draws these by name, replacing the registry value.</summary>
    public ImmutableArray<UncertainParameter> Uncertain { get; }

    /// <summary>Index of the patron (the US).</summary>
    public int PatronIndex { get; }

    /// <summary>Index of the lead adversary (China in the default set): its capital is the theatre centre, its budget grows at g_C.</summary>
    public int LeadAdversaryIndex { get; }

    /// <summary>Index of an actor code, or −1.</summary>
    public int IndexOf(string code) => Codes.IndexOf(code);

    /// <summary>True for actors that belong to the coalition at the start (treaty allies and partners).</summary>
    public bool IsAlly(int i) => Roles[i] is CountryRole.TreatyAlly or CountryRole.Partner;

    private int LargestAdversary()
    {
        int best = -1;
        for (int i = 0; i < ActorCount; i++)
        {
            if (Roles[i] == CountryRole.Adversary && (best < 0 || MilitaryExpenditure[i] > MilitaryExpenditure[best]))
            {
                best = i;
            }
        }

        return best;
    }
}
