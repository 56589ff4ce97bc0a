using Ballast.Runs.Countries;

namespace Ballast.Runs.Kpis;

/// <summary>
/// The KPIs of an ensemble, defined once: the CLI's tables, the web app's job results, the report and the paired
/// comparison all take their names, units, scales and formats from here, and read the values through it.
/// </summary>
public static class KpiCatalogue
{
    private const string ShareOfRuns = "share of runs";

    /// <summary>Balance ratio at the horizon (coalition over adversaries).</summary>
    public static KpiDefinition Balance { get; } = new("balance", "Balance ratio", "ratio", 1, "N3",
        "Coalition effective capability in the theatre over the adversaries' at the horizon; below 1 the balance has tipped.", KpiDirection.HigherIsBetter);

    /// <summary>Share of runs whose balance never falls below parity.</summary>
    public static KpiDefinition NeverCrossing { get; } = new("share_never_crossing", "Runs never crossing parity", ShareOfRuns, 1, "N3",
        "Share of runs whose balance ratio stays at or above 1 through the horizon.", KpiDirection.HigherIsBetter);

    /// <summary>Median first year below parity among runs that cross.</summary>
    public static KpiDefinition CrossoverYear { get; } = new("crossover_year_median", "Median crossover year", "year", 1, "0",
        "Median first year with the balance ratio below 1, among runs that cross; none when no run crosses.", KpiDirection.HigherIsBetter);

    /// <summary>Coalition effectiveness at the horizon.</summary>
    public static KpiDefinition Effectiveness { get; } = new("effectiveness", "Coalition effectiveness", "US$ bn 2023", 1, "N1",
        "Capability-equivalent stock aggregated over the seven mission areas with low substitution (CES; docs/model.md §8).", KpiDirection.HigherIsBetter);

    /// <summary>US theatre cost net of host-nation support at the horizon (the engine counts dollars; shown in billions).</summary>
    public static KpiDefinition UsCostNet { get; } = new("us_cost_net", "US net cost", "US$ bn 2023", 1e-9, "N1",
        "US theatre cost in the horizon year net of the host-nation support received.", KpiDirection.LowerIsBetter);

    /// <summary>Exposure of the hosts of US missiles at the horizon.</summary>
    public static KpiDefinition HostExposure { get; } = new("host_exposure", "Host exposure", "index", 1, "N3",
        "Summed exposure of missile hosts (launchers hosted × adversary targeting share × adversary missiles, docs/model.md §10) at the horizon.", KpiDirection.LowerIsBetter);

    /// <summary>Spending-weighted duplication of the allies' mixes with the US mix.</summary>
    public static KpiDefinition CoalitionDuplication { get; } = new("coalition_duplication", "Coalition duplication", "0–1", 1, "N3",
        "Spending-weighted overlap of the allies' mission mixes with the US mix at the horizon.", KpiDirection.LowerIsBetter);

    /// <summary>An ally's military spending as a share of GDP (the engine's fraction, shown in percent).</summary>
    public static KpiDefinition Share { get; } = new("share_pct", "Share of GDP", "%", 100, "N2",
        "Military spending as a share of GDP at the horizon.", KpiDirection.HigherIsBetter);

    /// <summary>An ally's belief that the US will defend it.</summary>
    public static KpiDefinition Credibility { get; } = new("credibility", "Credibility", "0–1", 1, "N2",
        "The ally's belief that the US will defend it, at the horizon.", KpiDirection.HigherIsBetter);

    /// <summary>An ally's alignment with the US.</summary>
    public static KpiDefinition Alignment { get; } = new("alignment", "Alignment", "0–1", 1, "N2",
        "The ally's alignment with the US at the horizon.", KpiDirection.HigherIsBetter);

    /// <summary>Overlap of an ally's mix with the US mix.</summary>
    public static KpiDefinition Duplication { get; } = new("duplication", "Duplication", "0–1", 1, "N2",
        "Overlap of the ally's mission mix with the US mix at the horizon.", KpiDirection.LowerIsBetter);

    /// <summary>An ally's nuclear-hedging propensity.</summary>
    public static KpiDefinition Hedging { get; } = new("hedging", "Nuclear hedging", "0–1", 1, "N2",
        "The ally's nuclear-hedging propensity at the horizon.", KpiDirection.LowerIsBetter);

    /// <summary>Share of runs in which an ally's hedging crosses the threshold.</summary>
    public static KpiDefinition HedgingThreshold { get; } = new("p_hedging_threshold", "Crosses the hedging threshold", ShareOfRuns, 1, "N2",
        "Share of runs in which the ally's nuclear-hedging propensity rises above the registry's threshold by the horizon.", KpiDirection.LowerIsBetter);

    /// <summary>Share of runs in which an ally realigns.</summary>
    public static KpiDefinition Realigned { get; } = new("p_realigned", "Realigns", ShareOfRuns, 1, "N2",
        "Share of runs in which the ally hedges away from or bandwagons against the US by the horizon.", KpiDirection.LowerIsBetter);

    /// <summary>Share of runs in which the US steps back from an ally.</summary>
    public static KpiDefinition UsSteppedBack { get; } = new("p_us_stepped_back", "US steps back", ShareOfRuns, 1, "N2",
        "Share of runs in which the US executes a conditional threat against the ally.", KpiDirection.LowerIsBetter);

    /// <summary>Whether a run's balance fell below parity by the horizon (a per-run KPI of the paired comparison).</summary>
    public static KpiDefinition CrossedByHorizon { get; } = new("crossed_by_horizon", "Crossed parity by the horizon", "0/1", 1, "N3",
        "1 when the run's balance ratio falls below 1 by the horizon, else 0.", KpiDirection.LowerIsBetter);

    /// <summary>How many actors are not aligned with the US at the horizon (a per-run KPI of the paired comparison).</summary>
    public static KpiDefinition AlliesRealigned { get; } = new("allies_realigned", "Allies realigned", "countries", 1, "N3",
        "Number of actors no longer aligned with the US at the horizon.", KpiDirection.LowerIsBetter);

    /// <summary>Share of runs in which an ally meets a target (a fraction of GDP, e.g. 0.02) by the horizon.</summary>
    public static KpiDefinition TargetMet(double target) => new($"p_meet_{Percent(target)}", $"Meets {Percent(target)} % of GDP", ShareOfRuns, 1, "N2",
        $"Share of runs in which the ally spends at least {Percent(target)} % of GDP by the horizon.", KpiDirection.HigherIsBetter);

    /// <summary>Median year an ally first meets a target, among runs that meet it.</summary>
    public static KpiDefinition TargetYear(double target) => new($"year_meet_{Percent(target)}", $"Year it meets {Percent(target)} %", "year", 1, "0",
        $"Median year the ally first spends {Percent(target)} % of GDP, among runs in which it does.", KpiDirection.LowerIsBetter);

    /// <summary>Runs that drew a stance path (scenarios with several paths).</summary>
    public static KpiDefinition StancePath(int index, string name) => new($"stance_path_{index}_runs", $"Runs on stance path {index}", "runs", 1, "N0",
        name, KpiDirection.Neutral);

    /// <summary>The per-ally KPIs, in the order every output lists them.</summary>
    public static IReadOnlyList<KpiDefinition> AllyKpis(IReadOnlyList<double> targets)
    {
        var list = new List<KpiDefinition> { Share };
        foreach (var t in targets)
        {
            list.Add(TargetMet(t));
            list.Add(TargetYear(t));
        }

        list.AddRange([Credibility, Alignment, Duplication, Hedging, HedgingThreshold, Realigned, UsSteppedBack]);
        return list;
    }

    /// <summary>The coalition KPIs of an ensemble.</summary>
    public static IReadOnlyList<KpiReading> Coalition(KpiSummary k) =>
    [
        Spread(Balance, null, k.FinalBalance),
        One(NeverCrossing, null, k.ShareNeverCrossing),
        One(CrossoverYear, null, k.CrossoverYearMedian),
        Spread(Effectiveness, null, k.FinalEffectiveness),
        Spread(UsCostNet, null, k.UsCostNet),
        Spread(HostExposure, null, k.HostExposure),
        Spread(CoalitionDuplication, null, k.CoalitionDuplication),
    ];

    /// <summary>
    /// For a <see cref="TargetYear"/> reading of ally <paramref name="a"/>, the share of runs that meet that target (the year is a
    /// median among those runs only, so a share near 0 must be said beside it); null for any other reading.
    /// </summary>
    public static double? ShareMeetingTarget(KpiReading r, AllyKpi a, IReadOnlyList<double> targets)
    {
        for (var t = 0; t < targets.Count && t < a.ProbabilityTargetMet.Length; t++)
        {
            if (TargetYear(targets[t]).Id == r.Kpi.Id)
            {
                return a.ProbabilityTargetMet[t];
            }
        }

        return null;
    }

    /// <summary>One ally's KPIs (targets as in <see cref="KpiSummary.Targets"/>).</summary>
    public static IReadOnlyList<KpiReading> Ally(AllyKpi a, IReadOnlyList<double> targets)
    {
        var list = new List<KpiReading> { One(Share, a.Code, a.FinalShareMedian) };
        for (var t = 0; t < targets.Count; t++)
        {
            list.Add(One(TargetMet(targets[t]), a.Code, t < a.ProbabilityTargetMet.Length ? a.ProbabilityTargetMet[t] : null));
            list.Add(One(TargetYear(targets[t]), a.Code, t < a.MedianYearTargetMet.Length ? a.MedianYearTargetMet[t] : null));
        }

        list.AddRange([
            One(Credibility, a.Code, a.FinalCredibilityMedian),
            One(Alignment, a.Code, a.FinalAlignmentMedian),
            One(Duplication, a.Code, a.FinalDuplicationMedian),
            One(Hedging, a.Code, a.FinalHedgingMedian),
            One(HedgingThreshold, a.Code, a.ProbabilityHedgingThreshold),
            One(Realigned, a.Code, a.ProbabilityRealigned),
            One(UsSteppedBack, a.Code, a.ProbabilityThreatExecuted),
        ]);
        return list;
    }

    /// <summary>Every KPI of an ensemble: the coalition's, then each ally's.</summary>
    public static IReadOnlyList<KpiReading> All(KpiSummary k) =>
        [.. Coalition(k), .. k.Allies.SelectMany(a => Ally(a, k.Targets))];

    /// <summary>A KPI's machine name, with <c>.ISO3</c> for an ally.</summary>
    public static string Id(KpiDefinition kpi, string? country) => country is null ? kpi.Id : $"{kpi.Id}.{country}";

    /// <summary>A KPI's label, prefixed with the ally's name for an ally.</summary>
    public static string Name(KpiDefinition kpi, string? country) => country is null ? kpi.Label : $"{CountrySelection.Name(country)}: {kpi.Label}";

    /// <summary>A target as the percentage written in names (0.035 → <c>3.5</c>).</summary>
    public static string Percent(double target) => (target * 100).ToString("0.##", CultureInfo.InvariantCulture);

    private static KpiReading Spread(KpiDefinition kpi, string? country, PercentileRow r) =>
        new(kpi, country, new KpiValue(kpi.Apply(r.P5), kpi.Apply(r.P50), kpi.Apply(r.P95)));

    private static KpiReading One(KpiDefinition kpi, string? country, double? v) =>
        new(kpi, country, new KpiValue(null, v is double x ? kpi.Apply(x) : null, null));
}
