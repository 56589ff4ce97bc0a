using System.Globalization;
using System.Text.Json;
using Ballast.Core;
using Ballast.Core.Model;
using Ballast.Core.Scenarios;
using Ballast.Core.Text;
using Ballast.Data.Scenarios;

namespace Ballast.Web.Api;

/// <summary>One editable lever of a scenario, as the dashboard's form shows it.</summary>
/// <param name="Key">Field key, e.g. <c>us.stance.harshness</c>.</param>
/// <param name="Label">Form label.</param>
/// <param name="Type"><c>integer</c>, <c>number</c>, <c>choice</c> or <c>numbers</c> (comma-separated).</param>
/// <param name="Help">What it does, in a sentence.</param>
/// <param name="Min">Lowest value, if bounded.</param>
/// <param name="Max">Highest value, if bounded.</param>
/// <param name="Step">Input step for numbers.</param>
/// <param name="Choices">Allowed values for choices.</param>
/// <param name="Optional">True when it may be left empty (model default).</param>
public sealed record LeverDefinition(string Key, string Label, string Type, string Help, double? Min = null, double? Max = null, double? Step = null, IReadOnlyList<string>? Choices = null, bool Optional = false);

/// <summary>
/// The scenario levers the workbench form edits, generated from the scenario schema: the form reads the current
/// values, and applying values rewrites the scenario through the loader's own types and the scenario writer, then
/// validates the result with the loader (so the form can never produce a file the loader rejects).
/// </summary>
public static class Levers
{
    /// <summary>The lever schema.</summary>
    public static IReadOnlyList<LeverDefinition> Schema { get; } =
    [
        new("start", "Start year (data year of the initial state)", "integer", "The simulation starts from the embedded data of this year; earlier years re-run history.", 1990, 2024, 1),
        new("horizon", "Horizon year", "integer", "Last simulated year, after the start year.", 1991, 2100, 1),
        new("targets", "Spending targets (% of GDP)", "numbers", "Targets the burden KPIs are measured against, comma-separated, e.g. 2, 3.5, 5.", 0.1, 100, 0.1),
        new("architecture", "Alliance architecture", "choice", "Hub-and-spokes: bilateral ties through the US; networked: ally-to-ally links from treaties and groupings switched on.", Choices: Enum.GetValues<Architecture>().Select(a => Names.Kebab(a)).ToList()),
        new("us.stance.kind", "US stance", "choice", "Reassure (credible commitment), conditional (step back from allies below a target by a deadline) or disengage.", Choices: Enum.GetValues<StanceKind>().Select(k => Names.Kebab(k)).ToList()),
        new("us.stance.harshness", "Signal harshness", "number", "0 = quiet diplomacy, 1 = explicit public threat.", 0, 1, 0.05),
        new("us.stance.target", "Conditional target (% of GDP)", "number", "For a conditional stance: the share allies must reach.", 0.1, 100, 0.1, Optional: true),
        new("us.stance.deadline", "Conditional deadline (year)", "integer", "For a conditional stance: the year by which the target must be met.", 1991, 2100, 1, Optional: true),
        new("us.theatre-share", "Theatre share of the US budget", "number", "Share (0–1) of US defence spending allocated to the Indo-Pacific; empty = the model's default.", 0, 1, 0.01, Optional: true),
        new("runs", "Ensemble runs", "integer", "Default number of Monte Carlo runs.", 1, 1_000_000, 1, Optional: true),
        new("seed", "Seed", "integer", "Master seed: same seed and inputs give identical numbers.", 0, 9_007_199_254_740_991, 1, Optional: true),
    ];

    /// <summary>The current lever values of a scenario (text, as the form shows them; null when unset).</summary>
    public static IReadOnlyDictionary<string, string?> Read(Scenario s)
    {
        var path = s.Us.StancePaths.Count == 1 ? s.Us.StancePaths[0] : null;
        var phase = path?.Phases[0];
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["start"] = N(s.StartYear),
            ["horizon"] = N(s.HorizonYear),
            ["targets"] = string.Join(", ", s.TargetsPercent.Select(t => N(t))),
            ["architecture"] = Names.Kebab(s.Architecture),
            ["us.stance.kind"] = phase is null ? null : Names.Kebab(phase.Kind),
            ["us.stance.harshness"] = phase is null ? null : N(phase.Harshness),
            ["us.stance.target"] = phase?.TargetPercent is double t ? N(t) : null,
            ["us.stance.deadline"] = phase?.DeadlineYear is int d ? N(d) : null,
            ["us.theatre-share"] = s.Us.TheatreShare is double ts ? N(ts) : null,
            ["runs"] = s.Runs is int r ? N(r) : null,
            ["seed"] = s.Seed is ulong sd ? sd.ToString(CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>
    /// Applies lever values (keys from <see cref="Schema"/>; empty text clears an optional lever) and returns the new
    /// scenario's YAML, validated by the loader. Errors name the lever as <c>levers.KEY</c>.
    /// </summary>
    public static string Apply(Scenario s, IReadOnlyDictionary<string, JsonElement> values, string label)
    {
        var defs = Schema.ToDictionary(d => d.Key, StringComparer.Ordinal);
        foreach (var key in values.Keys.Where(k => !defs.ContainsKey(k)))
        {
            throw new BallastInputException($"unknown lever; allowed: {string.Join(", ", defs.Keys)}", field: "levers." + key);
        }

        string? Text(string key) => values.TryGetValue(key, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Null => string.Empty,
            JsonValueKind.String => v.GetString()!.Trim(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new BallastInputException("must be a number or text", field: "levers." + key, value: v.GetRawText()),
        } : null;

        double? Number(string key, bool integer = false)
        {
            var t = Text(key);
            if (t is null or "")
            {
                return null;
            }

            var d = defs[key];
            if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || (integer && x != Math.Floor(x)))
            {
                throw new BallastInputException(integer ? "must be a whole number" : "must be a number", field: "levers." + key, value: t);
            }

            if ((d.Min is double lo && x < lo) || (d.Max is double hi && x > hi))
            {
                throw new BallastInputException($"must be between {N(d.Min ?? double.MinValue)} and {N(d.Max ?? double.MaxValue)}", field: "levers." + key, value: t);
            }

            return x;
        }

        bool Cleared(string key) => Text(key) is "";

        string? Choice(string key)
        {
            var t = Text(key);
            if (t is null or "")
            {
                return null;
            }

            var allowed = defs[key].Choices!;
            return allowed.Contains(t, StringComparer.Ordinal) ? t : throw new BallastInputException($"unknown value; allowed: {string.Join(", ", allowed)}", field: "levers." + key, value: t);
        }

        var start = (int?)Number("start", true) ?? s.StartYear;
        var horizon = (int?)Number("horizon", true) ?? s.HorizonYear;
        var targets = s.TargetsPercent;
        if (Text("targets") is { Length: > 0 } tt)
        {
            try
            {
                targets = DataQueries.ParseTargets(tt);
            }
            catch (BallastInputException e)
            {
                throw new BallastInputException(e.Reason, field: "levers.targets", value: e.Value);
            }
        }

        var architecture = Choice("architecture") is { } a ? Enum.GetValues<Architecture>().First(x => Names.Kebab(x) == a) : s.Architecture;
        var us = s.Us;
        var stanceKeys = new[] { "us.stance.kind", "us.stance.harshness", "us.stance.target", "us.stance.deadline" };
        if (stanceKeys.Any(values.ContainsKey))
        {
            if (s.Us.StancePaths.Count != 1)
            {
                throw new BallastInputException("this scenario has several stance paths with probabilities; edit them in the YAML", field: "levers.us.stance.kind");
            }

            var path = s.Us.StancePaths[0];
            var old = path.Phases[0];
            var kind = Choice("us.stance.kind") is { } k ? Enum.GetValues<StanceKind>().First(x => Names.Kebab(x) == k) : old.Kind;
            var harsh = Number("us.stance.harshness") ?? old.Harshness;
            double? target = Cleared("us.stance.target") ? null : Number("us.stance.target") ?? old.TargetPercent;
            int? deadline = Cleared("us.stance.deadline") ? null : (int?)Number("us.stance.deadline", true) ?? old.DeadlineYear;
            if (kind != StanceKind.Conditional)
            {
                (target, deadline) = (null, null);
            }
            else if (target is null || deadline is null)
            {
                throw new BallastInputException("a conditional stance needs a target and a deadline", field: target is null ? "levers.us.stance.target" : "levers.us.stance.deadline");
            }

            var phase = old with { Kind = kind, Harshness = harsh, TargetPercent = target, DeadlineYear = deadline };
            us = us with { StancePaths = [path with { Phases = [phase, .. path.Phases.Skip(1)] }] };
        }

        if (values.ContainsKey("us.theatre-share"))
        {
            us = us with { TheatreShare = Number("us.theatre-share") };
        }

        var runs = values.ContainsKey("runs") ? (int?)Number("runs", true) : s.Runs;
        var seed = values.ContainsKey("seed") ? (Number("seed", true) is double sd ? (ulong)sd : null) : s.Seed;
        var changed = s with { StartYear = start, HorizonYear = horizon, TargetsPercent = targets, Architecture = architecture, Us = us, Runs = runs, Seed = seed };
        var yaml = ScenarioWriter.ToYaml(changed);
        ScenarioCatalog.Parse(yaml, label); // the loader has the last word on cross-field rules (horizon after start…)
        return yaml;
    }

    private static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
