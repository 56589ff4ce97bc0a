using Ballast.Core.Model;
using Ballast.Core.Text;
using Ballast.Core.Scenarios;
using Ballast.Data.Scenarios;
using Ballast.Data.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ballast.Games;

/// <summary>
/// Reads and validates a game definition (docs/wargame.md) with the scenario loader's field layer, so every error names
/// file, line, column and field: <c>game.yaml:14:7: field 'teams[1].menu[0].kind': unknown value 'budgetx'; allowed: ...</c>.
/// The scenario the game names is read with the scenario loader and must start in the game's start year and reach its end.
/// </summary>
public static class GameDefinitionLoader
{
    /// <summary>Indicators a criterion may name about one actor.</summary>
    public static IReadOnlyList<string> ActorIndicators { get; } = ["spending", "burden", "credibility", "alignment", "hedging"];

    /// <summary>Indicators a criterion may name about the world.</summary>
    public static IReadOnlyList<string> WorldIndicators { get; } = ["balance", "spending-ratio"];

    /// <summary>Reads a game file; its <c>scenario:</c> is a path relative to the game file's folder.</summary>
    public static GameDefinition LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException("file not found", path, 1, 1, null);
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Load(File.ReadAllText(path), path, name =>
        {
            var p = Path.Combine(dir, name);
            return File.Exists(p) ? File.ReadAllText(p) : null;
        });
    }

    /// <summary>
    /// Reads game text; <paramref name="file"/> names it in messages; <paramref name="readScenario"/> gives the text of the
    /// scenario the game names (null when there is none).
    /// </summary>
    public static GameDefinition Load(string yaml, string file, Func<string, string?> readScenario) =>
        new Reader(file).Game(YamlFields.Root(yaml, file, ScenarioLoader.MaxFileChars), yaml, readScenario);

    /// <summary>Rebuilds a definition from the texts a game's log keeps.</summary>
    public static GameDefinition Load(string yaml, string file, string scenarioText) =>
        Load(yaml, file, _ => scenarioText);

    private sealed class Reader(string file) : YamlFields(file)
    {
        public GameDefinition Game(YamlNode root, string text, Func<string, string?> readScenario)
        {
            var m = Map(root, string.Empty, "name", "title", "description", "scenario", "turns", "years-per-turn", "turn-minutes", "reveal", "teams");
            var name = Str(m.Required("name"), "name");
            var title = m.Get("title") is { } t ? Str(t, "title") : name;
            var description = m.Get("description") is { } d ? Scalar(d, "description").Trim() : string.Empty;
            var scenarioNode = m.Required("scenario");
            var scenarioFile = Str(scenarioNode, "scenario");
            var scenarioText = readScenario(scenarioFile) ?? throw Error(scenarioNode, "scenario", $"scenario file '{InputLimits.Echo(scenarioFile)}' not found", scenarioFile);
            var scenario = ScenarioLoader.Default.Load(scenarioText, scenarioFile);
            var turnsNode = m.Required("turns");
            var turns = Int(turnsNode, "turns");
            if (turns < 1)
            {
                throw Error(turnsNode, "turns", "a game has at least 1 turn", ValueText(turnsNode));
            }

            var yptNode = m.Get("years-per-turn");
            var ypt = yptNode is null ? 1 : Int(yptNode, "years-per-turn");
            if (ypt is not (1 or 2))
            {
                throw Error(yptNode!, "years-per-turn", "a turn is 1 or 2 model years", ValueText(yptNode!));
            }

            var end = scenario.StartYear + (turns * ypt);
            if (end > scenario.HorizonYear)
            {
                throw Error(turnsNode, "turns", $"{turns} turns of {ypt} year(s) end in {end}, after the scenario's horizon {scenario.HorizonYear}", ValueText(turnsNode));
            }

            int? minutes = null;
            if (m.Get("turn-minutes") is { } mn)
            {
                minutes = Int(mn, "turn-minutes");
                if (minutes < 1)
                {
                    throw Error(mn, "turn-minutes", "must be at least 1", ValueText(mn));
                }
            }

            var reveal = m.Get("reveal") is { } r ? Enum<RevealRule>(r, "reveal") : RevealRule.AtAdjudication;
            var compiled = ScenarioCompiler.Compile(scenario);
            var actors = compiled.Inputs.Codes.ToHashSet(StringComparer.Ordinal);
            var teamsNode = m.Required("teams");
            var teams = List(teamsNode, "teams", (n, p) => Team(n, p, actors));
            if (teams.Count == 0)
            {
                throw Error(teamsNode, "teams", "a game has at least one team");
            }

            NoDuplicates(teamsNode, "teams", teams, x => x.Id, "team id");
            var owner = new Dictionary<string, string>(StringComparer.Ordinal);
            var seq = (YamlSequenceNode)teamsNode;
            for (int i = 0; i < teams.Count; i++)
            {
                foreach (var a in teams[i].Actors)
                {
                    if (!owner.TryAdd(a, teams[i].Id))
                    {
                        throw Error(seq.Children[i], $"teams[{i}].actors", $"actor {a} is controlled by team '{owner[a]}' already", a);
                    }
                }
            }

            return new GameDefinition(name, title, description, scenario, turns, ypt, minutes, reveal, teams, text, scenarioText, scenarioFile) { Inputs = compiled.Inputs };
        }

        private TeamDefinition Team(YamlNode node, string path, HashSet<string> actors)
        {
            var m = Map(node, path, "id", "name", "actors", "policy", "budget-bn", "menu", "sees", "criteria");
            var idNode = m.Required("id");
            var id = Str(idNode, Join(path, "id"));
            if (!id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw Error(idNode, Join(path, "id"), "a team id is lower-case letters, digits and '-'", id);
            }

            var name = m.Get("name") is { } nm ? Str(nm, Join(path, "name")) : id;
            var own = Actors(m.Required("actors"), Join(path, "actors"), actors);
            if (own.Count == 0)
            {
                throw Error(m.Required("actors"), Join(path, "actors"), "a team controls at least one actor");
            }

            var policy = m.Get("policy") is { } po ? Enum<TeamPolicy>(po, Join(path, "policy")) : TeamPolicy.Rules;
            double budget = 0;
            if (m.Get("budget-bn") is { } b)
            {
                budget = Double(b, Join(path, "budget-bn"));
                if (budget < 0)
                {
                    throw Error(b, Join(path, "budget-bn"), "must not be negative", ValueText(b));
                }
            }

            var menuNode = m.Get("menu");
            var menu = List(menuNode, Join(path, "menu"), (n, p) => Item(n, p, actors));
            NoDuplicates(menuNode, Join(path, "menu"), menu, x => x.Id, "menu item id");
            var sees = new TeamSight([], true, true);
            if (m.Get("sees") is { } s)
            {
                var sp = Join(path, "sees");
                var sm = Map(s, sp, "actors", "band", "counterfactual");
                sees = new TeamSight(
                    sm.Get("actors") is { } sa ? Actors(sa, Join(sp, "actors"), actors) : [],
                    sm.Get("band") is not { } bb || Bool(bb, Join(sp, "band")),
                    sm.Get("counterfactual") is not { } cf || Bool(cf, Join(sp, "counterfactual")));
            }

            var criteria = List(m.Get("criteria"), Join(path, "criteria"), (n, p) => Criterion(n, p, actors));
            return new TeamDefinition(id, name, own, policy, budget, menu, sees, criteria);
        }

        private MenuItem Item(YamlNode node, string path, HashSet<string> actors)
        {
            var m = Map(node, path, "id", "kind", "label", "min", "max", "unit", "targets", "options", "cost-bn");
            var id = Str(m.Required("id"), Join(path, "id"));
            var kind = Enum<MoveKind>(m.Required("kind"), Join(path, "kind"));
            var label = m.Get("label") is { } l ? Str(l, Join(path, "label")) : id;
            var (lo, hi, unit) = Limits(kind);
            var minNode = m.Required("min");
            var maxNode = m.Required("max");
            var min = Double(minNode, Join(path, "min"));
            var max = Double(maxNode, Join(path, "max"));
            if (min < lo || min > hi)
            {
                throw Error(minNode, Join(path, "min"), $"a {Names.Kebab(kind)} move's value is between {Format(lo)} and {Format(hi)}", ValueText(minNode));
            }

            if (max < min || max > hi)
            {
                throw Error(maxNode, Join(path, "max"), $"must be between min ({Format(min)}) and {Format(hi)}", ValueText(maxNode));
            }

            var targetsNode = m.Get("targets");
            var targets = targetsNode is null ? [] : Actors(targetsNode, Join(path, "targets"), actors);
            if (NeedsTarget(kind) && targets.Count == 0)
            {
                throw Error(node, Join(path, "targets"), $"a {Names.Kebab(kind)} move needs at least one target actor");
            }

            var allowed = OptionsOf(kind);
            var optionsNode = m.Get("options");
            var options = List(optionsNode, Join(path, "options"), (n, p) =>
            {
                var o = Str(n, p);
                return allowed.Contains(o, StringComparer.Ordinal)
                    ? o
                    : throw Error(n, p, allowed.Count == 0 ? $"a {Names.Kebab(kind)} move has no options" : $"unknown option '{InputLimits.Echo(o)}'; allowed: {string.Join(", ", allowed)}", o);
            });
            if (allowed.Count > 0 && options.Count == 0)
            {
                options = [.. allowed];
            }

            double cost = 0;
            if (m.Get("cost-bn") is { } c)
            {
                cost = Double(c, Join(path, "cost-bn"));
                if (cost < 0)
                {
                    throw Error(c, Join(path, "cost-bn"), "must not be negative", ValueText(c));
                }
            }

            return new MenuItem(id, kind, label, min, max, m.Get("unit") is { } u ? Str(u, Join(path, "unit")) : unit, targets, options, cost);
        }

        private Criterion Criterion(YamlNode node, string path, HashSet<string> actors)
        {
            var m = Map(node, path, "name", "indicator", "actor", "at-least", "at-most");
            var indNode = m.Required("indicator");
            var ind = Str(indNode, Join(path, "indicator"));
            var known = ActorIndicators.Concat(WorldIndicators).ToList();
            if (!known.Contains(ind, StringComparer.Ordinal))
            {
                var hint = DidYouMean(ind, known);
                throw Error(indNode, Join(path, "indicator"), $"unknown indicator '{InputLimits.Echo(ind)}'{(hint.Length > 0 ? hint : $"; allowed: {string.Join(", ", known)}")}", ind);
            }

            string? actor = null;
            if (ActorIndicators.Contains(ind, StringComparer.Ordinal))
            {
                var an = m.Get("actor") ?? throw Error(node, Join(path, "actor"), $"the indicator '{ind}' needs an actor");
                actor = Actor(an, Join(path, "actor"), actors);
            }
            else if (m.Get("actor") is { } extra)
            {
                throw Error(extra, Join(path, "actor"), $"the indicator '{ind}' is about the world, not an actor");
            }

            double? atLeast = m.Get("at-least") is { } al ? Double(al, Join(path, "at-least")) : null;
            double? atMost = m.Get("at-most") is { } am ? Double(am, Join(path, "at-most")) : null;
            if (atLeast is null && atMost is null)
            {
                throw Error(node, Join(path, "at-least"), "a criterion needs at-least or at-most");
            }

            var name = m.Get("name") is { } n ? Str(n, Join(path, "name")) : ind + (actor is null ? string.Empty : " " + actor);
            return new Criterion(name, ind, actor, atLeast, atMost);
        }

        private List<string> Actors(YamlNode node, string path, HashSet<string> actors)
        {
            var list = List(node, path, (n, p) => Actor(n, p, actors));
            NoDuplicates(node, path, list, x => x, "actor");
            return list;
        }

        private string Actor(YamlNode node, string path, HashSet<string> actors)
        {
            var a = Str(node, path).ToUpperInvariant();
            if (!actors.Contains(a))
            {
                var hint = DidYouMean(a, actors.Order(StringComparer.Ordinal));
                throw Error(node, path, $"'{InputLimits.Echo(a)}' is not an actor of the scenario{hint}", a);
            }

            return a;
        }

        private bool Bool(YamlNode node, string path)
        {
            var s = Scalar(node, path);
            return s switch
            {
                "true" => true,
                "false" => false,
                _ => throw Error(node, path, $"expected true or false, found '{InputLimits.Echo(s)}'", s),
            };
        }
    }

    /// <summary>The range a move kind's value may take and its unit.</summary>
    internal static (double Min, double Max, string Unit) Limits(MoveKind kind) => kind switch
    {
        MoveKind.Spending => (-50, 100, "% vs rule"),
        MoveKind.Mix => (-50, 50, "percentage points"),
        MoveKind.HostMissiles => (0, 5500, "km range"),
        MoveKind.Posture => (0, 100, "thousand troops"),
        MoveKind.CostSharing => (0, 20000, "US$ m a year"),
        MoveKind.Stance => (0, 10, "% of GDP target"),
        MoveKind.Tie => (-1, 1, "link change"),
        MoveKind.Programme => (0, 1, "none"),
        MoveKind.Coercion or MoveKind.Crisis => (0, 1, "intensity"),
        MoveKind.Dialogue => (0, 1, "strength"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Whether a move kind acts on another actor (and so needs targets).</summary>
    internal static bool NeedsTarget(MoveKind kind) =>
        kind is MoveKind.Posture or MoveKind.CostSharing or MoveKind.Stance or MoveKind.Tie or MoveKind.Programme or MoveKind.Coercion or MoveKind.Dialogue;

    /// <summary>The options a move kind takes (kebab-case), empty when none.</summary>
    internal static IReadOnlyList<string> OptionsOf(MoveKind kind) => kind switch
    {
        MoveKind.Mix or MoveKind.Programme => Names.KebabValues<MissionArea>(),
        MoveKind.Stance => Names.KebabValues<StanceKind>(),
        MoveKind.Crisis => Names.KebabValues<CrisisType>(),
        _ => [],
    };
}
