using Ballast.Games;
using Ballast.Games.Log;
using Ballast.Reports.Adapters;

namespace Ballast.Reports.Tests;

public class GameReportTests
{
    [Fact]
    public void The_after_action_report_is_self_contained_and_shows_turns_moves_assessment_and_branches()
    {
        var db = Path.Combine(Path.GetTempPath(), "ballast-game-report-" + Guid.NewGuid().ToString("N") + ".db");
        var games = new GameService(new SqliteGameLog(db), new GameServiceOptions { BandRuns = 40, Threads = 1 });
        var def = GameDefinitionLoader.LoadFile(Path.Combine(EngineReportTests.RepoRoot(), "games", "classroom.yaml"));
        var g = games.Create(def, 9, ["japan"]);
        games.PostSignal(g.GameId, GameRole.Team("japan"), "Japan <will> spend more.");
        games.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", [new Move("budget", 6)]);
        games.Adjudicate(g.GameId, GameRole.WhiteCell);
        games.Inject(g.GameId, GameRole.WhiteCell, new Inject(InjectKind.Crisis, 0.4, Option: "gray-zone", Text: "Incidents at sea."));
        games.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", []);
        games.Adjudicate(g.GameId, GameRole.WhiteCell);
        var branch = games.Branch(g.GameId, GameRole.WhiteCell, 2, new Dictionary<string, IReadOnlyList<Move>> { ["japan"] = [new Move("host", 2000)] });
        games.Adjudicate(branch.GameId, GameRole.WhiteCell);

        var record = games.Record(g.GameId);
        var html = GameReports.Page(def, record, [new GameReports.BranchRecord(branch.GameId, games.Record(branch.GameId))]);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Turn 1 (2025)</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Turn 2 (2026)</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Japan &lt;will&gt; spend more.", html, StringComparison.Ordinal);
        Assert.Contains("Incidents at sea.", html, StringComparison.Ordinal);
        Assert.Contains("<td>budget 6</td>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Assessment after turn 2 (2026)</h2>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"fig-game-balance\"", html, StringComparison.Ordinal);
        Assert.Contains($"Branch {branch.GameId} (from turn 2)", html, StringComparison.Ordinal);
        Assert.Contains("host 2000", html, StringComparison.Ordinal);
        Assert.Equal(2, record.Outcomes.Count);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*"))
        {
            File.Delete(f);
        }
    }
}
