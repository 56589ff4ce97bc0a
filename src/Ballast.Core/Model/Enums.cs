namespace Ballast.Core.Model;

/// <summary>The seven mission areas an investment mix is spread over.</summary>
public enum MissionArea
{
    /// <summary>Maritime (surface, subsurface, coast guard).</summary>
    Maritime,

    /// <summary>Air.</summary>
    Air,

    /// <summary>Long-range strike (including ground-launched intermediate-range missiles).</summary>
    LongRangeStrike,

    /// <summary>Integrated air and missile defence.</summary>
    MissileDefence,

    /// <summary>Intelligence, surveillance, reconnaissance and space.</summary>
    IsrSpace,

    /// <summary>Cyber and electronic warfare.</summary>
    CyberEw,

    /// <summary>Land forces.</summary>
    Land,
}

/// <summary>Helpers for <see cref="MissionArea"/>.</summary>
public static class MissionAreas
{
    /// <summary>Number of mission areas (the length of every mix).</summary>
    public const int Count = 7;

    /// <summary>Short machine names in enum order (used in output column names).</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["maritime", "air", "long_range_strike", "missile_defence", "isr_space", "cyber_ew", "land"];
}

/// <summary>The kind of US commitment to an ally.</summary>
public enum TreatyType
{
    /// <summary>No formal tie.</summary>
    None,

    /// <summary>A security partnership without a defence guarantee (India, Vietnam, Taiwan's TRA ties...).</summary>
    Partnership,

    /// <summary>A bilateral mutual defence treaty (Japan, ROK, Philippines, Thailand).</summary>
    BilateralTreaty,

    /// <summary>A collective-defence treaty (NATO Article 5, ANZUS).</summary>
    CollectiveDefence,
}

/// <summary>The US stance toward its allies in a year.</summary>
public enum StanceKind
{
    /// <summary>Credible commitment: no threat of abandonment.</summary>
    Reassure,

    /// <summary>Commitment conditional on reaching a target share of GDP by a deadline.</summary>
    Conditional,

    /// <summary>Disengagement: the US steps back from the region.</summary>
    Disengage,
}

/// <summary>An ally's alignment state. Hedging and bandwagoning are outcomes of the model, never inputs.</summary>
public enum AlignmentState
{
    /// <summary>Aligned with the US; capability counts for the coalition.</summary>
    Aligned = 0,

    /// <summary>Hedging: capability leaves the coalition.</summary>
    Hedging = 1,

    /// <summary>Bandwagoning with the adversary: capability leaves the coalition (part may add to the adversary).</summary>
    Bandwagoning = 2,
}

/// <summary>
/// The kind of a crisis event, as scenarios name it (<c>kind: south-china-sea</c>) and the model receives it. The
/// model's response depends on a crisis's year and intensity only; the kind labels the event in inputs and reports.
/// </summary>
public enum CrisisType
{
    /// <summary>A Taiwan Strait crisis.</summary>
    TaiwanStrait,

    /// <summary>A crisis on the Korean peninsula.</summary>
    KoreanPeninsula,

    /// <summary>A South China Sea crisis.</summary>
    SouthChinaSea,

    /// <summary>Gray-zone incidents (coast-guard and militia pressure short of a crisis, e.g. in the East China Sea).</summary>
    GrayZone,
}

/// <summary>How a link change alters an ally-to-ally tie.</summary>
public enum LinkChangeKind
{
    /// <summary>A named grouping (minilateral) creates or strengthens ties.</summary>
    Grouping,

    /// <summary>A new bilateral tie.</summary>
    NewTie,

    /// <summary>A rift weakens a tie (e.g. Japan-ROK over history).</summary>
    Rift,
}

/// <summary>A probability distribution family for an uncertain parameter.</summary>
public enum DistributionKind
{
    /// <summary>Uniform on [A, B].</summary>
    Uniform,

    /// <summary>Normal with mean A and standard deviation B.</summary>
    Normal,

    /// <summary>Triangular with minimum A, mode B, maximum C.</summary>
    Triangular,

    /// <summary>Log-normal: exp of a normal with mean A and standard deviation B (of the log).</summary>
    LogNormal,
}
