using System.Text.Json;

namespace Ballast.Cli.Tests;

public sealed class GameCommandTests : IDisposable
{
    private readonly string _dir = RepoPaths.TempDir();

    private string Db => Path.Combine(_dir, "games.db");

    private static string Game(string name) => Path.Combine(RepoPaths.Root, "games", name + ".yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(string input, params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        var code = BallastCli.Run(args, o, e, input: new StringReader(input));
        return (code, o.ToString(), e.ToString());
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Hot_seat_play_reads_each_teams_moves_from_standard_input_and_explains_a_rejected_one()
    {
        // Japan: an out-of-bounds budget (rejected, asked again), then a valid turn; a signal; then no more input.
        var input = "budget=25\n\nbudget=10\nmix=5:maritime\n\nsignal: Japan will do more.\nhost=1500\ndone\n";
        var (code, output, err) = Run(input, "game", "play", Game("classroom"), "--db", Db, "--human", "japan", "--runs", "50", "--seed", "3", "--report", Path.Combine(_dir, "aar.html"));
        Assert.True(code == 0, err);
        Assert.Contains("rejected: field 'moves[0].value': 'budget' takes a value from -5 to 20 (%), not 25; enter the team's moves again.", output, StringComparison.Ordinal);
        Assert.Contains("  japan: budget=10, mix=5:maritime submitted", output, StringComparison.Ordinal);
        Assert.Contains("  signal posted", output, StringComparison.Ordinal);
        Assert.Contains("  japan: host=1500 submitted (cost US$ 1 bn)", output, StringComparison.Ordinal);
        Assert.Contains("  japan: no move submitted (cost US$ 0 bn)", output, StringComparison.Ordinal);
        Assert.Equal(4, output.Split('\n').Count(l => l.StartsWith("turn ", StringComparison.Ordinal)));
        var id = output.Split('\n')[0].Split(' ')[1].TrimEnd(':');

        var replay = Run(string.Empty, "game", "replay", id, "--db", Db, "--format", "json");
        Assert.Equal(0, replay.Code);
        Assert.True(Json(replay.Out).GetProperty("rows")[0].GetProperty("identical").GetBoolean());
        Assert.Equal(4, Json(replay.Out).GetProperty("rows")[0].GetProperty("turns_compared").GetInt32());
        var html = File.ReadAllText(Path.Combine(_dir, "aar.html"));
        Assert.Contains("Japan will do more.", html, StringComparison.Ordinal);
        Assert.Contains("host 1500", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_game_runs_from_new_to_report_through_the_commands()
    {
        var created = Run(string.Empty, "game", "new", Game("classroom"), "--db", Db, "--human", "japan", "--runs", "50", "--format", "json");
        Assert.True(created.Code == 0, created.Err);
        var id = Json(created.Out).GetProperty("game_id").GetString()!;
        Assert.Equal(5, Json(created.Out).GetProperty("rows").GetArrayLength());

        var bad = Run(string.Empty, "game", "move", id, "--db", Db, "--team", "japan", "tie=0.1@CHN");
        Assert.Equal((2, "error: field 'moves[0].target': 'tie' needs a target among AUS, KOR\n"), (bad.Code, bad.Err));
        var wrong = Run(string.Empty, "game", "move", id, "--db", Db, "--team", "china", "budget=3");
        Assert.Equal((2, "error: team 'china' is played by the model in this game\n"), (wrong.Code, wrong.Err));

        var moved = Run(string.Empty, "game", "move", id, "--db", Db, "--team", "japan", "budget=10", "host=1500", "--format", "json");
        Assert.True(moved.Code == 0, moved.Err);
        Assert.Equal(1, Json(moved.Out).GetProperty("turn").GetInt32());

        var hidden = Run(string.Empty, "game", "status", id, "--db", Db, "--team", "us", "--format", "json");
        Assert.Equal(0, Json(hidden.Out).GetProperty("tables").GetProperty("moves").GetProperty("rows").GetArrayLength());

        var adj = Run(string.Empty, "game", "adjudicate", id, "--db", Db, "--inject", "crisis:taiwan-strait=0.5", "--format", "json");
        Assert.True(adj.Code == 0, adj.Err);
        var o = Json(adj.Out);
        Assert.Equal((1, 2025, 50), (o.GetProperty("turn").GetInt32(), o.GetProperty("last_year").GetInt32(), o.GetProperty("band_runs").GetInt32()));
        Assert.Contains(o.GetProperty("tables").GetProperty("counterfactuals").GetProperty("rows").EnumerateArray(), r => r.GetProperty("team").GetString() == "japan");

        var branch = Run(string.Empty, "game", "branch", id, "--db", Db, "--turn", "1", "--move", "japan:budget=15", "--format", "json");
        Assert.True(branch.Code == 0, branch.Err);
        Assert.Equal(id, Json(branch.Out).GetProperty("parent_game_id").GetString());
        var branchId = Json(branch.Out).GetProperty("game_id").GetString()!;
        Assert.Equal(0, Run(string.Empty, "game", "adjudicate", branchId, "--db", Db).Code);

        var report = Run(string.Empty, "game", "report", id, "--db", Db, "--out", Path.Combine(_dir, "r.html"));
        Assert.True(report.Code == 0, report.Err);
        var html = File.ReadAllText(Path.Combine(_dir, "r.html"));
        Assert.Contains("<h2>Branches</h2>", html, StringComparison.Ordinal);
        Assert.Contains(branchId, html, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy", html, StringComparison.Ordinal);

        var unknown = Run(string.Empty, "game", "status", "nosuchgame", "--db", Db);
        Assert.Equal((2, "error: no game 'nosuchgame'\n"), (unknown.Code, unknown.Err));
    }
}
