using DistributionKind = Ballast.Core.Model.DistributionKind;
using StanceKind = Ballast.Core.Model.StanceKind;
using Ballast.Core.Scenarios;

namespace Ballast.Data.Scenarios;

/// <summary>
/// Writes a <see cref="Scenario"/> back to YAML in the schema <see cref="ScenarioLoader"/> reads, with every field
/// explicit (defaults filled in). Reading the output gives an equal scenario; used for manifests and round-trip tests.
/// </summary>
public static class ScenarioWriter
{
    /// <summary>The scenario as YAML text.</summary>
    public static string ToYaml(Scenario s)
    {
        var w = new StringBuilder();
        Line(w, 0, $"name: {Q(s.Name)}");
        Line(w, 0, $"description: {Q(s.Description)}");
        Line(w, 0, $"question: {Q(s.Question)}");
        Line(w, 0, $"start: {s.StartYear}");
        Line(w, 0, $"horizon: {s.HorizonYear}");
        if (s.Actors.Preset is { } preset)
        {
            Line(w, 0, $"actors: {Names.Kebab(preset)}");
        }
        else
        {
            Line(w, 0, "actors:");
            foreach (var a in s.Actors.Countries)
            {
                Line(w, 1, $"- {{ country: {a.Iso3}, role: {Names.Kebab(a.Role)} }}");
            }
        }

        Line(w, 0, $"targets: [{string.Join(", ", s.TargetsPercent.Select(N))}]");
        Line(w, 0, "us:");
        Line(w, 1, "stance-paths:");
        foreach (var p in s.Us.StancePaths)
        {
            Line(w, 2, $"- name: {Q(p.Name)}");
            Line(w, 2, $"  probability: {N(p.Probability)}");
            Line(w, 2, "  stance:");
            foreach (var ph in p.Phases)
            {
                Line(w, 4, $"- {{ {Phase(ph)} }}");
            }
        }

        List(w, 1, "ally-stances", s.Us.AllyStances, x => $"ally: {x.Ally}, {Phase(x.Phase)}");

        if (s.Us.TheatreShare is { } ts)
        {
            Line(w, 1, $"theatre-share: {N(ts)}");
        }

        foreach (var section in UsPolicy.Sections)
        {
            List(w, 1, section.Key, section.Items(s), x => Item(section, x));
        }

        Line(w, 0, $"architecture: {Names.Kebab(s.Architecture)}");
        foreach (var section in Scenario.Sections)
        {
            List(w, 0, section.Key, section.Items(s), x => Item(section, x));
        }

        if (s.Parameters.Overrides.Count > 0 || s.Parameters.Uncertain.Count > 0)
        {
            Line(w, 0, "parameters:");
            if (s.Parameters.Overrides.Count > 0)
            {
                Line(w, 1, "overrides:");
                foreach (var (k, v) in s.Parameters.Overrides.OrderBy(x => x.Key, StringComparer.Ordinal))
                {
                    Line(w, 2, $"{k}: {N(v)}");
                }
            }

            if (s.Parameters.Uncertain.Count > 0)
            {
                Line(w, 1, "uncertain:");
                foreach (var u in s.Parameters.Uncertain)
                {
                    var d = u.Distribution;
                    var (kind, body) = d.Kind switch
                    {
                        DistributionKind.Uniform => ("uniform", $"min: {N(d.A)}, max: {N(d.B)}"),
                        DistributionKind.Normal => ("normal", $"mean: {N(d.A)}, sd: {N(d.B)}"),
                        DistributionKind.Triangular => ("triangular", $"min: {N(d.A)}, mode: {N(d.B)}, max: {N(d.C)}"),
                        _ => ("lognormal", $"mu: {N(d.A)}, sigma: {N(d.B)}"),
                    };
                    Line(w, 2, $"{u.Name}: {{ {kind}: {{ {body} }} }}");
                }
            }
        }

        if (s.Runs is { } runs)
        {
            Line(w, 0, $"runs: {runs}");
        }

        if (s.Seed is { } seed)
        {
            Line(w, 0, $"seed: {seed.ToString(CultureInfo.InvariantCulture)}");
        }

        if (s.Check is { } check)
        {
            Line(w, 0, $"check: {{ countries: [{string.Join(", ", check.Countries)}], variable: {check.Variable}, from: {check.FromYear}, until: {check.UntilYear} }}");
        }

        return w.ToString();
    }

    private static void List<T>(StringBuilder w, int indent, string key, IReadOnlyList<T> items, Func<T, string> body)
    {
        if (items.Count == 0)
        {
            return;
        }

        Line(w, indent, key + ":");
        foreach (var x in items)
        {
            Line(w, indent + 1, $"- {{ {body(x)} }}");
        }
    }

    /// <summary>An item's fields in declaration order, each as its kind writes it; optional fields left unset are left out.</summary>
    private static string Item(ScenarioSection section, object item) =>
        string.Join(", ", section.Fields.Select(f => (f, v: f.Read(item))).Where(x => x.v is not null).Select(x => $"{x.f.Key}: {Value(x.f, x.v!)}"));

    private static string Value(ScenarioField f, object v) => f.Kind switch
    {
        ScenarioFieldKind.Text => f.Quoted ? Q((string)v) : (string)v,
        ScenarioFieldKind.Countries or ScenarioFieldKind.Pair => $"[{string.Join(", ", (IReadOnlyList<string>)v)}]",
        ScenarioFieldKind.Year or ScenarioFieldKind.Count => ((int)v).ToString(CultureInfo.InvariantCulture),
        ScenarioFieldKind.Number => N((double)v),
        ScenarioFieldKind.Choice => f.Spell(v),
        _ => (string)v,
    };

    private static string Phase(StancePhase ph) =>
        $"from: {ph.FromYear}, kind: {Names.Kebab(ph.Kind)}, harshness: {N(ph.Harshness)}{(ph.Kind == StanceKind.Conditional ? $", target: {N(ph.TargetPercent!.Value)}, deadline: {ph.DeadlineYear}" : string.Empty)}";

    private static void Line(StringBuilder w, int indent, string text) => w.Append(' ', indent * 2).Append(text).Append('\n');

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    // YAML double-quoted scalars accept JSON string escapes.
    private static string Q(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
