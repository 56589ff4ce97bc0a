using Ballast.Data.Scenarios;

namespace Ballast.Games.Tests;

public class LoaderTests
{
    private static readonly string Baseline = File.ReadAllText(Path.Combine(GameFixtures.RepoRoot(), "scenarios", "baseline.yaml"));

    private const string Good = """
        name: test
        scenario: baseline.yaml
        turns: 2
        teams:
          - id: japan
            actors: [JPN]
            budget-bn: 5
            menu:
              - { id: budget, kind: spending, min: -5, max: 10 }
            criteria:
              - { indicator: burden, actor: JPN, at-least: 2 }
          - id: china
            actors: [CHN]
            policy: china
        """;

    private static GameDefinition Load(string yaml) => GameDefinitionLoader.Load(yaml, "game.yaml", name => name == "baseline.yaml" ? Baseline : null);

    private static string Error(string yaml) => Assert.Throws<ScenarioException>(() => Load(yaml)).Message;

    [Fact]
    public void A_good_definition_reads_with_its_defaults()
    {
        var g = Load(Good);
        Assert.Equal(2024, g.StartYear);
        Assert.Equal(2026, g.EndYear);
        Assert.Equal(2025, g.FirstYear(1));
        Assert.Equal(2026, g.LastYear(2));
        Assert.Equal(RevealRule.AtAdjudication, g.Reveal);
        Assert.Null(g.TurnMinutes);
        var japan = g.Team("japan")!;
        Assert.Equal(TeamPolicy.Rules, japan.Policy);
        Assert.Equal("% vs rule", japan.Menu[0].Unit);
        Assert.Equal("burden JPN", japan.Criteria[0].Name);
        Assert.True(japan.Sees.Band);
        Assert.Equal(TeamPolicy.China, g.Team("china")!.Policy);
    }

    [Fact]
    public void Errors_name_file_line_column_and_field()
    {
        (string Yaml, string Expected)[] cases =
        [
            (Good.Replace("kind: spending", "kind: budget", StringComparison.Ordinal), "game.yaml:9:29: field 'teams[0].menu[0].kind': unknown value 'budget'; allowed: spending, mix, host-missiles, posture, cost-sharing, stance, tie, programme, coercion, crisis, dialogue"),
            (Good.Replace("turns: 2\n", "turns: 2\nyears-per-turn: 3\n", StringComparison.Ordinal), "game.yaml:4:17: field 'years-per-turn': a turn is 1 or 2 model years"),
            (Good.Replace("turns: 2", "turns: 12", StringComparison.Ordinal), "game.yaml:3:8: field 'turns': 12 turns of 1 year(s) end in 2036, after the scenario's horizon 2035"),
            (Good.Replace("actors: [CHN]", "actors: [JPN]", StringComparison.Ordinal), "game.yaml:12:5: field 'teams[1].actors': actor JPN is controlled by team 'japan' already"),
            (Good.Replace("indicator: burden", "indicator: burdn", StringComparison.Ordinal), "game.yaml:11:22: field 'teams[0].criteria[0].indicator': unknown indicator 'burdn'; did you mean 'burden'?"),
            (Good.Replace("baseline.yaml", "missing.yaml", StringComparison.Ordinal), "game.yaml:2:11: field 'scenario': scenario file 'missing.yaml' not found"),
            (Good.Replace("max: 10", "max: 101", StringComparison.Ordinal), "game.yaml:9:53: field 'teams[0].menu[0].max': must be between min (-5) and 100"),
            (Good.Replace("id: japan", "id: Japan", StringComparison.Ordinal), "game.yaml:5:9: field 'teams[0].id': a team id is lower-case letters, digits and '-'"),
            (Good.Replace("actors: [JPN]", "actors: [XXX]", StringComparison.Ordinal), "game.yaml:6:14: field 'teams[0].actors[0]': 'XXX' is not an actor of the scenario"),
            (Good.Replace("  - id: japan\n", "  - colour: red\n    id: japan\n", StringComparison.Ordinal), "game.yaml:5:5: field 'teams[0].colour': unknown field 'colour'; allowed: id, name, actors, policy, budget-bn, menu, sees, criteria"),
        ];
        var wrong = cases.Select(c => (c.Expected, Actual: Error(c.Yaml))).Where(c => c.Expected != c.Actual).Select(c => $"expected {c.Expected}\nactual   {c.Actual}").ToList();
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void Both_example_games_read()
    {
        Assert.Equal(4, GameFixtures.Classroom.Turns);
        Assert.Equal(3, GameFixtures.Classroom.Teams.Count);
        Assert.Equal(2034, GameFixtures.IndoPacific.EndYear);
        Assert.Equal(7, GameFixtures.IndoPacific.Teams.Count);
        Assert.Equal(RevealRule.ByWhiteCell, GameFixtures.IndoPacific.Reveal);
    }
}
