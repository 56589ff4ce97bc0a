using System.Reflection;
using System.Text.RegularExpressions;
using Ballast.Core.Scenarios;
using Ballast.Data.Scenarios;

namespace Ballast.Web.Api;

/// <summary>
/// The example scenarios (the repository's <c>scenarios/*.yaml</c> and the historical episodes of <c>scenarios/history/*.yaml</c>, embedded at build time) and scenario text sent by
/// clients. Text is read only through <see cref="ScenarioLoader"/>, which walks the YAML node tree and never
/// instantiates types named in the file; names a client gives are labels for messages, never paths.
/// </summary>
public static partial class ScenarioCatalog
{
    private const string Prefix = "Ballast.Web.Scenarios.";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Examples = new(() => Embedded(Prefix));

    /// <summary>Example names, sorted.</summary>
    public static IReadOnlyList<string> Names => Examples.Value.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The YAML of an example, or null.</summary>
    public static string? Yaml(string name) => Examples.Value.GetValueOrDefault(name);

    /// <summary>Summaries of every example.</summary>
    public static IReadOnlyList<ScenarioSummary> List() =>
        Names.Select(n => Summary(Parse(Examples.Value[n], n + ".yaml"))).ToList();

    /// <summary>A safe label for a client's scenario text in messages (letters, digits, dot, dash, underscore).</summary>
    public static string Label(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "scenario.yaml";
        }

        var leaf = fileName.Replace('\\', '/').Split('/')[^1];
        var clean = SafeName().Replace(leaf, "_");
        return clean.Length is > 0 and <= 80 ? clean : "scenario.yaml";
    }

    /// <summary>Parses and validates scenario text; throws <see cref="ScenarioException"/> with its location.</summary>
    public static Scenario Parse(string yaml, string label) => ScenarioLoader.Default.Load(yaml, label);

    /// <summary>
    /// Resolves one scenario reference of a request: an example by <paramref name="name"/>, or <paramref name="yaml"/>
    /// text; exactly one. <paramref name="field"/> prefixes the field names in errors.
    /// </summary>
    public static (Scenario Scenario, string Yaml) Resolve(string? name, string? yaml, string? fileName, string field)
    {
        var prefix = field.Length == 0 ? string.Empty : field + ".";
        if ((name is null) == (yaml is null))
        {
            throw new BallastInputException("give exactly one of 'scenario' (an example name) and 'yaml' (scenario text)", field: prefix + "scenario");
        }

        if (name is not null)
        {
            var text = Yaml(name) ?? throw new BallastInputException($"unknown example scenario; allowed: {string.Join(", ", Names)}", field: prefix + "scenario", value: name);
            return (Parse(text, name + ".yaml"), text);
        }

        return (Parse(yaml!, Label(fileName)), yaml!);
    }

    /// <summary>The scenario in a few fields.</summary>
    public static ScenarioSummary Summary(Scenario s) => new(
        s.Name,
        s.Description.Trim(),
        s.Question,
        s.StartYear,
        s.HorizonYear,
        s.Actors.Preset is { } p ? Ballast.Core.Text.Names.Kebab(p) : $"{s.Actors.Countries.Count} countries",
        s.TargetsPercent,
        Ballast.Core.Text.Names.Kebab(s.Architecture),
        s.Runs,
        s.Seed);

    /// <summary>The YAML files embedded under a resource prefix (example scenarios, example games), by name.</summary>
    internal static Dictionary<string, string> Embedded(string prefix)
    {
        var asm = Assembly.GetExecutingAssembly();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var res in asm.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal) && r.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            using var stream = asm.GetManifestResourceStream(res)!;
            using var reader = new StreamReader(stream);
            map[res[prefix.Length..^".yaml".Length]] = reader.ReadToEnd();
        }

        return map;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex SafeName();
}

/// <summary>A scenario in a few fields.</summary>
public sealed record ScenarioSummary(string Name, string Description, string Question, int StartYear, int HorizonYear, string Actors, IReadOnlyList<double> TargetsPct, string Architecture, int? Runs, ulong? Seed);
