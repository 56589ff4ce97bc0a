using System.Text.Json;
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
/// The workbench form's levers, generated from the scenario model's lever catalogue (<see cref="ScenarioLevers"/>): the
/// form reads the current values, and applying values rewrites the scenario through the scenario writer, then validates
/// the result with the loader (so the form can never produce a file the loader rejects).
/// </summary>
public static class Levers
{
    /// <summary>The lever schema, one entry per lever of the catalogue.</summary>
    public static IReadOnlyList<LeverDefinition> Schema { get; } =
        [.. ScenarioLevers.All.Select(l => new LeverDefinition(l.Key, l.Label, Names.Kebab(l.Type), l.Help, l.Min, l.Max, l.Step, l.Choices, l.Optional))];

    /// <summary>The current lever values of a scenario (text, as the form shows them; null when unset).</summary>
    public static IReadOnlyDictionary<string, string?> Read(Scenario s) => ScenarioLevers.Read(s);

    /// <summary>
    /// Applies lever values (keys from <see cref="Schema"/>; null or empty text clears an optional lever) and returns the
    /// new scenario's YAML, validated by the loader. Errors name the lever as <c>levers.KEY</c>.
    /// </summary>
    public static string Apply(Scenario s, IReadOnlyDictionary<string, JsonElement> values, string label)
    {
        var text = values.ToDictionary(kv => kv.Key, kv => kv.Value.ValueKind switch
        {
            JsonValueKind.Null => string.Empty,
            JsonValueKind.String => kv.Value.GetString()!,
            JsonValueKind.Number => kv.Value.GetRawText(),
            _ => throw new BallastInputException("must be a number or text", field: "levers." + kv.Key, value: kv.Value.GetRawText()),
        }, StringComparer.Ordinal);
        var yaml = ScenarioWriter.ToYaml(ScenarioLevers.Apply(s, text));
        ScenarioCatalog.Parse(yaml, label); // the loader has the last word on cross-field rules (horizon after start…)
        return yaml;
    }
}
