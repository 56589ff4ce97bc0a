namespace Ballast.Cli.Tests;

/// <summary>
/// One small invocation of every command that prints a result, on the embedded data and example scenarios, with the
/// results store and folders they need made once: shared by the terminal-width and JSON-schema tests.
/// </summary>
public sealed class CommandSamples : IDisposable
{
    public CommandSamples()
    {
        Dir = RepoPaths.TempDir();
        Store = Path.Combine(Dir, "sobol.duckdb");
        var (code, _, err) = CliRunner.Run("explore", RepoPaths.Scenario("baseline"), "--design", "sobol", "--samples", "8", "--store", Store, "--threads", "2", "--format", "csv");
        Assert.True(code == 0, err);
    }

    public string Dir { get; }

    public string Store { get; }

    /// <summary>The game database of the game samples.</summary>
    public string GameDb => Path.Combine(Dir, "games.db");

    /// <summary>The schema name (docs/schemas/NAME.schema.json) and the arguments, without --format.</summary>
    public IReadOnlyList<(string Name, string[] Args)> Commands => [.. Analyses, .. Games(NewGame())];

    /// <summary>
    /// The game commands on a game made for this evaluation of <see cref="Commands"/> (a move or an adjudication changes
    /// the game, so each pass of the samples plays a fresh one): Japan moves, the White Cell adjudicates and branches.
    /// </summary>
    private (string Name, string[] Args)[] Games(string game) =>
    [
        ("game-new", ["game", "new", Path.Combine(RepoPaths.Root, "games", "classroom.yaml"), "--db", GameDb, "--human", "japan", "--runs", "20"]),
        ("game-move", ["game", "move", game, "--db", GameDb, "--team", "japan", "budget=5#JPN", "tie=0.1@AUS", "mix=3:maritime"]),
        ("game-adjudicate", ["game", "adjudicate", game, "--db", GameDb, "--threads", "2"]),
        ("game-status", ["game", "status", game, "--db", GameDb]),
        ("game-replay", ["game", "replay", game, "--db", GameDb, "--threads", "2"]),
        ("game-branch", ["game", "branch", game, "--db", GameDb, "--turn", "1", "--move", "japan:budget=8"]),
    ];

    private string NewGame()
    {
        var (code, json, err) = CliRunner.Run("game", "new", Path.Combine(RepoPaths.Root, "games", "classroom.yaml"), "--db", GameDb, "--human", "japan", "--runs", "20", "--format", "json");
        Assert.True(code == 0, err);
        return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("game_id").GetString()!;
    }

    private (string Name, string[] Args)[] Analyses =>
    [
        ("burden", ["burden", "--year", "2024"]),
        ("series", ["series", "JPN", "--from", "2015"]),
        ("exploitation", ["exploitation", "--year", "2023"]),
        ("power", ["power", "--year", "2023"]),
        ("network", ["network", "--year", "2024"]),
        ("params", ["params"]),
        ("calibrate", ["calibrate"]),
        ("backtest", ["backtest", "--fit-until", "2014", "--runs", "50"]),
        ("run", ["run", RepoPaths.Scenario("us-split-stance"), "--runs", "20", "--threads", "2", "--out", Path.Combine(Dir, "run")]),
        ("compare", ["compare", RepoPaths.Scenario("baseline"), RepoPaths.Scenario("us-reassure"), "--runs", "20", "--threads", "2", "--out", Path.Combine(Dir, "compare")]),
        ("explore", ["explore", RepoPaths.Scenario("baseline"), "--design", "sobol", "--samples", "8", "--store", Store, "--threads", "2"]),
        ("sensitivity", ["sensitivity", Store, "--outcome", "balance_ratio", "--resamples", "50"]),
        ("discover", ["discover", Store, "--where", "balance_ratio >= 1.2"]),
        ("query", ["query", Store, "SELECT run, balance_ratio, crossed > 0 AS crossed FROM outcomes ORDER BY run LIMIT 5"]),
        ("export", ["export", Store, "--file-format", "csv", "--out", Path.Combine(Dir, "export")]),
        ("store-check", ["store", "check", Store]),
        ("robust", ["robust", RepoPaths.Scenario("baseline"), RepoPaths.Scenario("us-reassure"), "--futures", "4", "--threads", "2"]),
        ("optimise", ["optimise", RepoPaths.Scenario("baseline"), "--year", "2030"]),
        ("search", ["search", RepoPaths.Scenario("us-conditional-3.5"), "--levers", "us.theatre-share=0.1:0.6", "--objectives", "p50:balance_ratio,p50:us_cost_net", "--futures", "8", "--population", "4", "--generations", "1", "--threads", "2"]),
        ("episodes", ["episodes", RepoPaths.Scenario("history/carter-korea-1977"), "--runs", "8", "--threads", "2"]),
        ("validate", ["validate", "--origins", "2005", "--horizon", "2", "--runs", "20"]),
    ];

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
