using Ballast.Games;

namespace Ballast.Web.Api;

/// <summary>
/// The example game definitions (the repository's <c>games/*.yaml</c>, embedded at build time) and definition text sent
/// by a facilitator. A definition's <c>scenario:</c> resolves to one of the example scenarios by its file name: the server
/// never opens a path a client names.
/// </summary>
public static class GameCatalog
{
    private const string Prefix = "Ballast.Web.Games.";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Examples = new(() => ScenarioCatalog.Embedded(Prefix));

    /// <summary>Example names, sorted.</summary>
    public static IReadOnlyList<string> Names => Examples.Value.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Every example definition in a few fields.</summary>
    public static IReadOnlyList<GameDefinitionInfo> List() => Names.Select(n =>
    {
        var d = Parse(Examples.Value[n], n + ".yaml");
        return new GameDefinitionInfo(n, d.Title, d.Description.Trim(), d.StartYear, d.Turns, d.YearsPerTurn, d.Teams.Select(t => t.Id).ToList());
    }).ToList();

    /// <summary>An example by <paramref name="name"/>, or <paramref name="yaml"/> text; exactly one.</summary>
    public static GameDefinition Resolve(string? name, string? yaml, string? fileName)
    {
        if ((name is null) == (yaml is null))
        {
            throw new BallastInputException("give exactly one of 'definition' (an example game) and 'yaml' (game definition text)", field: "definition");
        }

        if (name is not null)
        {
            var text = Examples.Value.GetValueOrDefault(name) ?? throw new BallastInputException($"unknown example game; allowed: {string.Join(", ", Names)}", field: "definition", value: name);
            return Parse(text, name + ".yaml");
        }

        return Parse(yaml!, ScenarioCatalog.Label(fileName));
    }

    /// <summary>Reads definition text; its scenario is an example scenario named by file (<c>../scenarios/baseline.yaml</c> → <c>baseline</c>).</summary>
    public static GameDefinition Parse(string yaml, string label) =>
        GameDefinitionLoader.Load(yaml, label, path => ScenarioCatalog.Yaml(Path.GetFileNameWithoutExtension(path.Replace('\\', '/').Split('/')[^1])));
}
