using System.Globalization;
using Ballast.Core.Model;
using Ballast.Core.Text;

namespace Ballast.Core.Scenarios;

/// <summary>How a lever's value is written: a whole number, a number, one of a list of choices, or a list of numbers.</summary>
public enum LeverType
{
    /// <summary>A whole number (years, runs, seeds).</summary>
    Integer,

    /// <summary>A real number.</summary>
    Number,

    /// <summary>One of <see cref="ScenarioLever.Choices"/> (kebab-case names of an enum).</summary>
    Choice,

    /// <summary>Comma-separated numbers.</summary>
    Numbers,
}

/// <summary>
/// One editable lever of a scenario: its key, label, help, type and bounds, and how it reads and changes a
/// <see cref="Scenario"/>. The web workbench's form and its <c>/api/scenarios/schema</c> are generated from
/// <see cref="ScenarioLevers.All"/>, so a lever exists once.
/// </summary>
/// <param name="Key">Field key, e.g. <c>us.stance.harshness</c>; errors name it as <c>levers.KEY</c>.</param>
/// <param name="Label">Form label.</param>
/// <param name="Type">How the value is written.</param>
/// <param name="Help">What it does, in a sentence.</param>
/// <param name="Min">Lowest value, if bounded (for numbers, each of them).</param>
/// <param name="Max">Highest value, if bounded.</param>
/// <param name="Step">Input step for numbers.</param>
/// <param name="Choices">Allowed values for a choice.</param>
/// <param name="Optional">True when it may be left empty (the model's default).</param>
public abstract record ScenarioLever(string Key, string Label, LeverType Type, string Help, double? Min, double? Max, double? Step, IReadOnlyList<string>? Choices, bool Optional)
{
    /// <summary>The current value as the form shows it (invariant culture), or null when unset.</summary>
    public abstract string? Read(Scenario scenario);

    /// <summary>The scenario with the lever set from form text; empty text clears an optional lever.</summary>
    /// <exception cref="BallastInputException">The text is not a valid value; the field is <c>levers.KEY</c>.</exception>
    public abstract Scenario Apply(Scenario scenario, string text);

    /// <summary>The field name errors carry.</summary>
    protected string Field => "levers." + Key;

    /// <summary>Parses and bounds-checks one number of this lever.</summary>
    protected double ParseNumber(string text, bool integer)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x) || (integer && x != Math.Floor(x)))
        {
            throw new BallastInputException(integer ? "must be a whole number" : "must be a number", field: Field, value: text);
        }

        if ((Min is double lo && x < lo) || (Max is double hi && x > hi))
        {
            throw new BallastInputException($"must be between {ScenarioLevers.Format(Min ?? double.MinValue)} and {ScenarioLevers.Format(Max ?? double.MaxValue)}", field: Field, value: text);
        }

        return x;
    }
}

/// <summary>A lever holding one number (or a whole number), read and written through a scenario accessor.</summary>
internal sealed record NumberLever(string Key, string Label, string Help, double? Min, double? Max, double? Step, bool Optional, bool Integer, Func<Scenario, double?> Get, Func<Scenario, double?, Scenario> Set)
    : ScenarioLever(Key, Label, Integer ? LeverType.Integer : LeverType.Number, Help, Min, Max, Step, null, Optional)
{
    public override string? Read(Scenario scenario) => Get(scenario) is double v ? ScenarioLevers.Format(v) : null;

    public override Scenario Apply(Scenario scenario, string text)
    {
        if (text.Length == 0)
        {
            return Optional ? Set(scenario, null) : scenario;
        }

        return Set(scenario, ParseNumber(text, Integer));
    }
}

/// <summary>A lever choosing one value of an enum, shown in kebab case.</summary>
internal sealed record ChoiceLever<T>(string Key, string Label, string Help, Func<Scenario, T?> Get, Func<Scenario, T, Scenario> Set)
    : ScenarioLever(Key, Label, LeverType.Choice, Help, null, null, null, Names.KebabValues<T>(), false)
    where T : struct, Enum
{
    public override string? Read(Scenario scenario) => Get(scenario) is T v ? Names.Kebab(v) : null;

    public override Scenario Apply(Scenario scenario, string text)
    {
        if (text.Length == 0)
        {
            return scenario;
        }

        return Names.TryParseKebab<T>(text, StringComparison.Ordinal, out var v)
            ? Set(scenario, v)
            : throw new BallastInputException($"unknown value; allowed: {string.Join(", ", Choices!)}", field: Field, value: text);
    }
}

/// <summary>A lever holding a comma-separated list of numbers (distinct, ascending once applied).</summary>
internal sealed record NumbersLever(string Key, string Label, string Help, double? Min, double? Max, double? Step, int MaxCount, Func<Scenario, IReadOnlyList<double>> Get, Func<Scenario, IReadOnlyList<double>, Scenario> Set)
    : ScenarioLever(Key, Label, LeverType.Numbers, Help, Min, Max, Step, null, false)
{
    public override string? Read(Scenario scenario) => string.Join(", ", Get(scenario).Select(ScenarioLevers.Format));

    public override Scenario Apply(Scenario scenario, string text)
    {
        if (text.Length == 0)
        {
            return scenario;
        }

        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > MaxCount)
        {
            throw new BallastInputException($"at most {MaxCount} values", field: Field, value: text);
        }

        return Set(scenario, [.. parts.Select(p => ParseNumber(p, integer: false)).Distinct().Order()]);
    }
}

/// <summary>
/// The US stance toward one ally from the start year: the ally's entry of <c>us.ally-stances</c> that starts then (later
/// entries are edited in the YAML). Empty = none, the ally follows the US stance.
/// </summary>
internal sealed record AllyStanceKindLever(string Ally)
    : ScenarioLever($"us.ally-stance.{Ally}.kind", $"US stance toward {Ally}", LeverType.Choice,
        $"From the start year, replaces the US stance for {Ally} only; empty = {Ally} follows the US stance.", null, null, null, Names.KebabValues<StanceKind>(), true)
{
    public override string? Read(Scenario scenario) => ScenarioLevers.AllyEntry(scenario, Ally) is { } e ? Names.Kebab(e.Phase.Kind) : null;

    public override Scenario Apply(Scenario scenario, string text)
    {
        if (text.Length == 0)
        {
            return ScenarioLevers.WithAllyEntry(scenario, Ally, null);
        }

        if (!Names.TryParseKebab<StanceKind>(text, StringComparison.Ordinal, out var kind))
        {
            throw new BallastInputException($"unknown value; allowed: {string.Join(", ", Choices!)}", field: Field, value: text);
        }

        // A new entry starts with the US stance's signal; a conditional one keeps the target and deadline written in the YAML.
        var old = ScenarioLevers.AllyEntry(scenario, Ally)?.Phase;
        var phase = new StancePhase(scenario.StartYear, kind, old?.Harshness ?? ScenarioLevers.FirstPhase(scenario)?.Harshness ?? 0,
            kind == StanceKind.Conditional ? old?.TargetPercent : null, kind == StanceKind.Conditional ? old?.DeadlineYear : null);
        return kind == StanceKind.Conditional && (phase.TargetPercent is null || phase.DeadlineYear is null)
            ? throw new BallastInputException($"a conditional stance toward {Ally} needs a target and a deadline; write it in the YAML (us.ally-stances)", field: Field, value: text)
            : ScenarioLevers.WithAllyEntry(scenario, Ally, phase);
    }
}

/// <summary>The signal harshness of the US stance toward one ally from the start year (<see cref="AllyStanceKindLever"/>).</summary>
internal sealed record AllyStanceHarshnessLever(string Ally)
    : ScenarioLever($"us.ally-stance.{Ally}.harshness", $"Signal harshness toward {Ally}", LeverType.Number,
        $"0 = quiet, 1 = explicit public threat; needs a stance toward {Ally}.", 0, 1, 0.05, null, true)
{
    public override string? Read(Scenario scenario) => ScenarioLevers.AllyEntry(scenario, Ally) is { } e ? ScenarioLevers.Format(e.Phase.Harshness) : null;

    public override Scenario Apply(Scenario scenario, string text)
    {
        if (text.Length == 0)
        {
            return scenario;
        }

        double h = ParseNumber(text, integer: false);
        return ScenarioLevers.AllyEntry(scenario, Ally) is { } e
            ? ScenarioLevers.WithAllyEntry(scenario, Ally, e.Phase with { Harshness = h })
            : throw new BallastInputException($"choose a US stance toward {Ally} first", field: Field, value: text);
    }
}

/// <summary>
/// The catalogue of scenario levers. A lever on a field the scenario model already has is one entry here; the web's
/// form, schema, current values and edits all come from this list, and the scenario loader has the last word on
/// cross-field rules when the edited scenario is written back.
/// </summary>
public static class ScenarioLevers
{
    /// <summary>
    /// The treaty allies of the default actor set (<c>indo-pacific</c> in data/actor_sets.csv) that get a per-ally stance
    /// lever; other allies and partners, and later years, are set in the YAML's <c>us.ally-stances</c>.
    /// </summary>
    public static IReadOnlyList<string> TreatyAllies { get; } = ["JPN", "KOR", "AUS", "PHL", "THA"];

    /// <summary>Every lever, in form order (after <see cref="TreatyAllies"/>, which it reads while initialising).</summary>
    public static IReadOnlyList<ScenarioLever> All { get; } =
    [
        new NumberLever("start", "Start year (data year of the initial state)", "The simulation starts from the embedded data of this year; earlier years re-run history.", 1950, 2024, 1, false, true,
            s => s.StartYear, (s, v) => s with { StartYear = (int)v!.Value }),
        new NumberLever("horizon", "Horizon year", "Last simulated year, after the start year.", 1951, 2100, 1, false, true,
            s => s.HorizonYear, (s, v) => s with { HorizonYear = (int)v!.Value }),
        new NumbersLever("targets", "Spending targets (% of GDP)", "Targets the burden KPIs are measured against, comma-separated, e.g. 2, 3.5, 5.", 0.1, 100, 0.1, 10,
            s => s.TargetsPercent, (s, v) => s with { TargetsPercent = v }),
        new ChoiceLever<Architecture>("architecture", "Alliance architecture", "Hub-and-spokes: bilateral ties through the US; networked: ally-to-ally links from treaties and groupings switched on.",
            s => s.Architecture, (s, v) => s with { Architecture = v }),
        new ChoiceLever<StanceKind>("us.stance.kind", "US stance", "Reassure (credible commitment), conditional (step back from allies below a target by a deadline) or disengage.",
            s => FirstPhase(s)?.Kind, (s, v) => WithFirstPhase(s, "us.stance.kind", p => p with { Kind = v })),
        new NumberLever("us.stance.harshness", "Signal harshness", "0 = quiet diplomacy, 1 = explicit public threat.", 0, 1, 0.05, false, false,
            s => FirstPhase(s)?.Harshness, (s, v) => WithFirstPhase(s, "us.stance.harshness", p => p with { Harshness = v!.Value })),
        new NumberLever("us.stance.target", "Conditional target (% of GDP)", "For a conditional stance: the share allies must reach.", 0.1, 100, 0.1, true, false,
            s => FirstPhase(s)?.TargetPercent, (s, v) => WithFirstPhase(s, "us.stance.target", p => p with { TargetPercent = v })),
        new NumberLever("us.stance.deadline", "Conditional deadline (year)", "For a conditional stance: the year by which the target must be met.", 1991, 2100, 1, true, true,
            s => FirstPhase(s)?.DeadlineYear, (s, v) => WithFirstPhase(s, "us.stance.deadline", p => p with { DeadlineYear = (int?)v })),
        .. TreatyAllies.SelectMany(a => new ScenarioLever[] { new AllyStanceKindLever(a), new AllyStanceHarshnessLever(a) }),
        .. TreatyAllies.Select(a => new NumberLever($"spending.{a}.change-pct", $"{a}'s budget step (%)",
            $"Change of {a}'s defence spending in the first simulated year, in % of what its rule would spend (a spending-shocks entry); the rule then pulls it back at the speed λ. Empty = none.",
            -99, 100, 1, true, false, s => FirstYearShock(s, a), (s, v) => WithFirstYearShock(s, a, v))),
        .. TreatyAllies.Select(a => new NumberLever($"posture.{a}.troops", $"US troops in {a}",
            $"US personnel stationed in {a} from the start year (a us.posture entry); empty = the data's figure.",
            0, 200_000, 500, true, true, s => StartPosture(s, a)?.Troops, (s, v) => WithStartTroops(s, a, (int?)v))),
        new NumberLever("us.theatre-share", "Theatre share of the US budget", "Share (0–1) of US defence spending allocated to the Indo-Pacific; empty = the model's default.", 0, 1, 0.01, true, false,
            s => s.Us.TheatreShare, (s, v) => s with { Us = s.Us with { TheatreShare = v } }),
        new NumberLever("growth.CHN", "China's trend GDP growth (% per year)", "Replaces the trend estimated from the data (World Bank constant-dollar GDP); empty = the data's trend. A faster China is the question of china-fast.", -50, 50, 0.1, true, false,
            s => Growth(s, "CHN"), (s, v) => WithGrowth(s, "CHN", v)),
        new NumberLever("runs", "Ensemble runs", "Default number of Monte Carlo runs.", 1, 1_000_000, 1, true, true,
            s => s.Runs, (s, v) => s with { Runs = (int?)v }),
        new NumberLever("seed", "Seed", "Master seed: same seed and inputs give identical numbers.", 0, 9_007_199_254_740_991, 1, true, true,
            s => s.Seed, (s, v) => s with { Seed = (ulong?)v }),
    ];

    /// <summary>The current value of every lever (null when unset).</summary>
    public static IReadOnlyDictionary<string, string?> Read(Scenario scenario) =>
        All.ToDictionary(l => l.Key, l => l.Read(scenario), StringComparer.Ordinal);

    /// <summary>
    /// Applies lever values given as form text (empty text clears an optional lever) in catalogue order, then the rules
    /// between levers: a stance other than conditional has no target or deadline, a conditional one needs both.
    /// </summary>
    /// <exception cref="BallastInputException">An unknown key or a bad value; the field is <c>levers.KEY</c>.</exception>
    public static Scenario Apply(Scenario scenario, IReadOnlyDictionary<string, string> values)
    {
        var known = All.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in values.Keys.Where(k => !known.Contains(k)))
        {
            throw new BallastInputException($"unknown lever; allowed: {string.Join(", ", All.Select(l => l.Key))}", field: "levers." + key);
        }

        var s = scenario;
        foreach (var lever in All)
        {
            if (values.TryGetValue(lever.Key, out var text))
            {
                s = lever.Apply(s, text.Trim());
            }
        }

        if (values.Keys.Any(k => k.StartsWith("us.stance.", StringComparison.Ordinal)) && FirstPhase(s) is { } phase)
        {
            if (phase.Kind != StanceKind.Conditional)
            {
                s = WithFirstPhase(s, "us.stance.kind", p => p with { TargetPercent = null, DeadlineYear = null });
            }
            else if (phase.TargetPercent is null || phase.DeadlineYear is null)
            {
                throw new BallastInputException("a conditional stance needs a target and a deadline", field: phase.TargetPercent is null ? "levers.us.stance.target" : "levers.us.stance.deadline");
            }
        }

        return s;
    }

    /// <summary>A number as the form shows it (invariant, at most three decimals).</summary>
    public static string Format(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    // The stance levers edit the first phase of a single certain path; several weighted paths are edited in the YAML.
    internal static StancePhase? FirstPhase(Scenario s) => s.Us.StancePaths.Count == 1 ? s.Us.StancePaths[0].Phases[0] : null;

    private static Scenario WithFirstPhase(Scenario s, string key, Func<StancePhase, StancePhase> change)
    {
        if (s.Us.StancePaths.Count != 1)
        {
            throw new BallastInputException("this scenario has several stance paths with probabilities; edit them in the YAML", field: "levers." + key);
        }

        var path = s.Us.StancePaths[0];
        var phase = change(path.Phases[0]);
        return s with { Us = s.Us with { StancePaths = [path with { Phases = [phase, .. path.Phases.Skip(1)] }] } };
    }

    /// <summary>The ally's entry of <c>us.ally-stances</c> from the start year, if any.</summary>
    internal static AllyStance? AllyEntry(Scenario s, string ally) =>
        s.Us.AllyStances.FirstOrDefault(a => a.Ally == ally && a.Phase.FromYear == s.StartYear);

    /// <summary>The scenario with the ally's start-year entry replaced by <paramref name="phase"/> (removed when null), in place.</summary>
    internal static Scenario WithAllyEntry(Scenario s, string ally, StancePhase? phase)
    {
        var list = s.Us.AllyStances.ToList();
        int at = list.FindIndex(a => a.Ally == ally && a.Phase.FromYear == s.StartYear);
        if (at >= 0)
        {
            list.RemoveAt(at);
        }

        if (phase is not null)
        {
            list.Insert(at >= 0 ? at : list.Count, new AllyStance(ally, phase));
        }

        return s with { Us = s.Us with { AllyStances = list } };
    }

    // The budget step is the ally's spending shock in the first simulated year (the start year is the data's).
    private static double? FirstYearShock(Scenario s, string iso3) =>
        s.SpendingShocks.FirstOrDefault(x => x.Country == iso3 && x.Year == s.StartYear + 1)?.ChangePercent;

    private static Scenario WithFirstYearShock(Scenario s, string iso3, double? percent) =>
        s with
        {
            SpendingShocks = [.. s.SpendingShocks.Where(x => !(x.Country == iso3 && x.Year == s.StartYear + 1)),
                .. percent is double p ? new[] { new SpendingShock(s.StartYear + 1, iso3, p) } : []],
        };

    private static PostureEntry? StartPosture(Scenario s, string host) => s.Us.Posture.FirstOrDefault(x => x.Host == host && x.Year == s.StartYear);

    // Setting troops keeps a start-year bases figure; clearing them drops the entry unless it still sets bases.
    private static Scenario WithStartTroops(Scenario s, string host, int? troops)
    {
        var old = StartPosture(s, host);
        var entry = (old ?? new PostureEntry(host, s.StartYear, null, null)) with { Troops = troops };
        var rest = s.Us.Posture.Where(x => !(x.Host == host && x.Year == s.StartYear));
        return s with { Us = s.Us with { Posture = [.. rest, .. entry.Troops is null && entry.Bases is null ? [] : new[] { entry }] } };
    }

    private static double? Growth(Scenario s, string iso3) => s.Growth.FirstOrDefault(g => g.Iso3 == iso3)?.Percent;

    private static Scenario WithGrowth(Scenario s, string iso3, double? percent) =>
        s with { Growth = [.. s.Growth.Where(g => g.Iso3 != iso3), .. percent is double p ? new[] { new GrowthOverride(iso3, p) } : []] };
}
