using System.Collections.Immutable;

namespace Ballast.Core.Model;

/// <summary>The US stance in one year.</summary>
/// <param name="Kind">Reassure, conditional or disengage.</param>
/// <param name="TargetShare">Target burden (fraction of GDP, e.g. 0.035) the US demands; 0 when none.</param>
/// <param name="DeadlineYear">Year by which allies must reach <paramref name="TargetShare"/> (conditional stance); 0 when none.</param>
/// <param name="Harshness">Harshness of the US signal in [0,1] (0 = quiet reassurance, 1 = explicit public threat).</param>
public sealed record StanceYear(StanceKind Kind, double TargetShare, int DeadlineYear, double Harshness);

/// <summary>One possible path of the US stance over the years, with its probability (a run draws one path).</summary>
/// <param name="Name">Label, e.g. "conditional-3.5" or "grand-bargain".</param>
/// <param name="Probability">Probability that a run follows this path; the paths' probabilities sum to 1.</param>
/// <param name="Years">Stance for each year index 0..<see cref="ModelInputs.Steps"/> (index t is year StartYear + t).</param>
public sealed record StancePath(string Name, double Probability, ImmutableArray<StanceYear> Years);

/// <summary>A change to an ally-to-ally link ℓ_ij (set symmetrically) from a year on.</summary>
/// <param name="Year">Calendar year from which the new strength applies.</param>
/// <param name="From">Actor index i.</param>
/// <param name="To">Actor index j.</param>
/// <param name="Strength">New link strength ℓ_ij in [0,1].</param>
/// <param name="Kind">Grouping, new tie or rift.</param>
/// <param name="Label">Name of the grouping or event (e.g. "Quad", "Japan-ROK rift 2019").</param>
public sealed record LinkChange(int Year, int From, int To, double Strength, LinkChangeKind Kind, string Label);

/// <summary>A missile deployment: a system of an owner stationed on a host's territory from a year on.</summary>
/// <param name="System">System name (e.g. "Typhon", "Dark Eagle").</param>
/// <param name="RangeKm">Range in km (the post-INF intermediate band is 500-5,500 km).</param>
/// <param name="Host">Actor index of the host.</param>
/// <param name="Owner">Actor index of the owner (the patron for US systems).</param>
/// <param name="Year">First year of deployment.</param>
/// <param name="Launchers">Number of launcher units (batteries), at least 1.</param>
public sealed record MissileDeployment(string System, double RangeKm, int Host, int Owner, int Year, double Launchers = 1);

/// <summary>A co-development programme: members jointly develop capability in one mission area.</summary>
/// <param name="Name">Programme name.</param>
/// <param name="Members">Actor indices of the members.</param>
/// <param name="Mission">Mission area.</param>
/// <param name="PhiGain">Relative gain in the conversion efficiency φ of the members (0.1 = +10 %).</param>
/// <param name="InteroperabilityGain">Yearly gain pushing the members' interoperability toward 1.</param>
/// <param name="Year">First year in effect.</param>
public sealed record CoDevelopmentProgramme(
    string Name, ImmutableArray<int> Members, MissionArea Mission, double PhiGain, double InteroperabilityGain, int Year);

/// <summary>A scheduled crisis.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Type">Crisis type.</param>
/// <param name="Intensity">Intensity in [0,1] before damping by dialogue channels.</param>
public sealed record CrisisEvent(int Year, CrisisType Type, double Intensity);

/// <summary>An economic shock: a one-year change in GDP growth for some countries (a COVID-like year).</summary>
/// <param name="Year">Calendar year of the shock.</param>
/// <param name="Actors">Actor indices hit.</param>
/// <param name="GdpChange">Change in that year's growth rate (e.g. -0.05).</param>
public sealed record EconomicShock(int Year, ImmutableArray<int> Actors, double GdpChange);
