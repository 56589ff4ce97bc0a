namespace Ballast.Engine.Model;

/// <summary>Indicators recorded per ally (actor) and year.</summary>
public enum ActorIndicator
{
    /// <summary>Military expenditure, constant 2023 USD.</summary>
    Spending,

    /// <summary>Burden: spending / GDP.</summary>
    Share,

    /// <summary>GDP.</summary>
    Gdp,

    /// <summary>Capability stock (sum over mission areas).</summary>
    Capability,

    /// <summary>Perceived credibility of the US commitment c.</summary>
    Credibility,

    /// <summary>Alignment with the US a.</summary>
    Alignment,

    /// <summary>Interoperability ι.</summary>
    Interoperability,

    /// <summary>Duplication index: overlap Σ_m min(x_im, x_US,m) of the ally's investment mix with the US mix.</summary>
    Duplication,

    /// <summary>Nuclear-hedging propensity h.</summary>
    Hedging,

    /// <summary>Belief q that a US threat would be executed (discounting).</summary>
    Belief,

    /// <summary>Alignment state (0 aligned, 1 hedging, 2 bandwagoning).</summary>
    AlignmentState,

    /// <summary>Host exposure: adversary missiles aimed at the host because of hosted US missiles.</summary>
    HostExposure,
}

/// <summary>Indicators recorded for the coalition as a whole per year.</summary>
public enum CoalitionIndicator
{
    /// <summary>Coalition effectiveness, maritime.</summary>
    EffectivenessMaritime,

    /// <summary>Coalition effectiveness, air.</summary>
    EffectivenessAir,

    /// <summary>Coalition effectiveness, long-range strike.</summary>
    EffectivenessLongRangeStrike,

    /// <summary>Coalition effectiveness, missile defence.</summary>
    EffectivenessMissileDefence,

    /// <summary>Coalition effectiveness, ISR and space.</summary>
    EffectivenessIsrSpace,

    /// <summary>Coalition effectiveness, cyber and EW.</summary>
    EffectivenessCyberEw,

    /// <summary>Coalition effectiveness, land.</summary>
    EffectivenessLand,

    /// <summary>Overall coalition effectiveness (CES over mission areas).</summary>
    Effectiveness,

    /// <summary>Overall adversary effectiveness (CES over mission areas).</summary>
    AdversaryEffectiveness,

    /// <summary>Balance ratio B = E_coalition / E_adversary.</summary>
    Balance,

    /// <summary>Alternative power measure: coalition (allies + US theatre share) spending / adversary spending.</summary>
    SpendingRatio,

    /// <summary>Alternative power measure: raw capability stock ratio (no interoperability, alignment or distance).</summary>
    CapabilityRatio,

    /// <summary>US cost in the theatre, gross: theatre share of the US budget plus stationing cost.</summary>
    UsCostGross,

    /// <summary>Host-nation support received.</summary>
    HostNationSupport,

    /// <summary>US cost net of host-nation support.</summary>
    UsCostNet,

    /// <summary>Total host exposure (adversary missiles aimed at hosts).</summary>
    HostExposure,

    /// <summary>Coalition intermediate-range missile inventory (Richardson x).</summary>
    CoalitionMissiles,

    /// <summary>Adversary intermediate-range missile inventory (Richardson y).</summary>
    AdversaryMissiles,

    /// <summary>Crisis intensity in the year (0 = none).</summary>
    Crisis,

    /// <summary>Spending-weighted duplication index of the aligned allies.</summary>
    CoalitionDuplication,

    /// <summary>Number of allies that have realigned (hedging or bandwagoning).</summary>
    Realigned,
}

/// <summary>Maps indicators to flat indices and names: per-actor indicators first (kind·A + i), then coalition ones.</summary>
public sealed class IndicatorLayout
{
    // Cached: Codes is usually a boxed ImmutableArray, and Of() runs in the model's inner loops (interface dispatch per call).
    private readonly int _actors;

    /// <summary>Number of per-actor indicator kinds.</summary>
    public static readonly int ActorKinds = Enum.GetValues<ActorIndicator>().Length;

    /// <summary>Number of coalition indicators.</summary>
    public static readonly int CoalitionKinds = Enum.GetValues<CoalitionIndicator>().Length;

    /// <summary>Creates the layout for a list of actor codes.</summary>
    public IndicatorLayout(IReadOnlyList<string> codes)
    {
        Codes = codes;
        _actors = codes.Count;
        var names = new List<string>();
        foreach (var k in Enum.GetValues<ActorIndicator>())
        {
            names.AddRange(codes.Select(c => $"{Snake(k.ToString())}.{c}"));
        }

        names.AddRange(Enum.GetValues<CoalitionIndicator>().Select(k => Snake(k.ToString())));
        Names = names;
    }

    /// <summary>Actor codes.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>Indicator names, e.g. "share.JPN", "balance".</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Total number of indicators.</summary>
    public int Count => Names.Count;

    /// <summary>Flat index of a per-actor indicator.</summary>
    public int Of(ActorIndicator kind, int actor) => ((int)kind * _actors) + actor;

    /// <summary>Flat index of a coalition indicator.</summary>
    public int Of(CoalitionIndicator kind) => (ActorKinds * _actors) + (int)kind;

    private static string Snake(string s) => Ballast.Core.Parameters.ParameterBinding.ToRegistryName(s);
}
