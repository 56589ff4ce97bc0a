using Microsoft.Data.Sqlite;

namespace Ballast.Games.Tests;

public class ReplayBranchFogTests
{
    private static string Json(object o) => GameJson.Write(o);

    /// <summary>Three turns of the classroom game: Japan and the US played by people, China by the model, a crisis inject in turn 2.</summary>
    private static (GameService Service, string Db, GameCreated Game) Played(int threads = 2)
    {
        var (s, _, db) = GameFixtures.Service(bandRuns: 200, threads: threads);
        var g = s.Create(GameFixtures.Classroom, 2025, ["japan", "us"]);
        s.PostSignal(g.GameId, GameRole.Team("us"), "Allies must carry more of the load.");
        s.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", [new Move("budget", 8), new Move("mix", 5, Option: "missile-defence")]);
        s.SubmitMoves(g.GameId, GameRole.Team("us"), "us", [new Move("stance", 2, "JPN", "conditional", 2029)]);
        s.Adjudicate(g.GameId, GameRole.WhiteCell);
        s.Inject(g.GameId, GameRole.WhiteCell, new Inject(InjectKind.Crisis, 0.6, Option: "taiwan-strait", Text: "A crisis in the Taiwan Strait."));
        s.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", [new Move("tie", 0.2, "AUS")]);
        s.SubmitMoves(g.GameId, GameRole.Team("us"), "us", [new Move("troops", 60, "JPN")]);
        s.Adjudicate(g.GameId, GameRole.WhiteCell);
        s.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", [new Move("budget", 3)]);
        s.Adjudicate(g.GameId, GameRole.WhiteCell);
        return (s, db, g);
    }

    [Fact]
    public void Replay_reproduces_every_turn_bit_for_bit_and_notices_a_changed_log()
    {
        var (s, db, g) = Played();
        var r = s.Replay(g.GameId);
        Assert.True(r.Identical, r.FirstDifference);
        Assert.Equal(3, r.TurnsCompared);

        // A fresh service over the same file (nothing cached) replays the same.
        var again = new GameService(new Log.SqliteGameLog(db), new GameServiceOptions { BandRuns = 200, Threads = 1 }).Replay(g.GameId);
        Assert.True(again.Identical);

        // Change one realised number of turn 2 in the log: the replay finds it.
        using (var c = new SqliteConnection($"Data Source={db}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE game_events SET data = replace(data, '\"turn\":2,\"firstYear\"', '\"turn\":2,\"firstYear\":2026,\"x\"') WHERE type = 'adjudicated' AND data LIKE '%\"turn\":2,%'";
            cmd.ExecuteNonQuery();
            cmd.CommandText = "SELECT data FROM game_events WHERE type = 'adjudicated' ORDER BY seq LIMIT 1 OFFSET 1";
            var data = (string)cmd.ExecuteScalar()!;
            var balance = System.Text.RegularExpressions.Regex.Match(data, "\"balance\":([0-9.eE+-]+)").Groups[1].Value;
            cmd.CommandText = "UPDATE game_events SET data = $d WHERE type = 'adjudicated' AND data = $old";
            cmd.Parameters.AddWithValue("$d", data.Replace("\"balance\":" + balance, "\"balance\":" + (double.Parse(balance, System.Globalization.CultureInfo.InvariantCulture) * (1 + 1e-15)).ToString("R", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            cmd.Parameters.AddWithValue("$old", data);
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }

        var tampered = new GameService(new Log.SqliteGameLog(db), new GameServiceOptions { BandRuns = 200 }).Replay(g.GameId);
        Assert.False(tampered.Identical);
        Assert.Equal("turn 2: the recomputed outcome differs from the log", tampered.FirstDifference);
    }

    [Fact]
    public void The_thread_count_does_not_change_a_single_bit()
    {
        var one = Played(threads: 1);
        var four = Played(threads: 4);
        Assert.Equal(Json(one.Service.View(one.Game.GameId, GameRole.WhiteCell).Outcomes), Json(four.Service.View(four.Game.GameId, GameRole.WhiteCell).Outcomes));
    }

    [Fact]
    public void A_branch_equals_its_parent_up_to_the_branch_point_and_diverges_after()
    {
        var (s, _, g) = Played();
        var parent = s.View(g.GameId, GameRole.WhiteCell);

        // Unchanged: the branch's turn 2 played again is the parent's turn 2.
        var same = s.Branch(g.GameId, GameRole.WhiteCell, 2);
        var sameView = s.View(same.GameId, GameRole.WhiteCell);
        Assert.Equal((g.GameId, 2, 2, 1), (sameView.ParentGameId, sameView.BranchTurn, sameView.Turn, sameView.Outcomes.Count));
        Assert.Equal(Json(parent.Outcomes[0]), Json(sameView.Outcomes[0]));
        Assert.Equal(Json(parent.Outcomes[1]), Json(s.Adjudicate(same.GameId, GameRole.WhiteCell)));

        // What if Japan had hosted missiles in turn 2 instead: turn 1 identical, turn 2 different.
        var what = s.Branch(g.GameId, GameRole.WhiteCell, 2, new Dictionary<string, IReadOnlyList<Move>> { ["japan"] = [new Move("host", 2500)] });
        var whatView = s.View(what.GameId, GameRole.WhiteCell);
        Assert.Equal(Json(parent.Outcomes[0]), Json(whatView.Outcomes[0]));
        Assert.Equal([new Move("host", 2500)], whatView.Moves.Single(m => m.Turn == 2 && m.TeamId == "japan").Moves);
        Assert.Equal([new Move("troops", 60, "JPN")], whatView.Moves.Single(m => m.Turn == 2 && m.TeamId == "us").Moves);
        var turn2 = s.Adjudicate(what.GameId, GameRole.WhiteCell);
        Assert.NotEqual(Json(parent.Outcomes[1]), Json(turn2));
        Assert.NotEqual(parent.Outcomes[1].Actors.Single(a => a.Actor == "JPN").Alignment, turn2.Actors.Single(a => a.Actor == "JPN").Alignment);
        Assert.True(s.Replay(what.GameId).Identical);

        // The branch has codes of its own: the parent's do not open it.
        Assert.Equal(GameErrors.BadCode, Assert.Throws<GameRuleException>(() => s.Authenticate(what.GameId, g.WhiteCellCode)).Code);
        Assert.Equal(GameRole.WhiteCell, s.Authenticate(what.GameId, what.WhiteCellCode));
    }

    [Fact]
    public void A_team_never_sees_another_teams_secret_moves_before_they_are_revealed()
    {
        var (s, _, _) = GameFixtures.Service(bandRuns: 64);
        var g = s.Create(GameFixtures.Classroom, 1, ["japan", "us"]);
        s.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", [new Move("host", 1234)]);
        s.PostSignal(g.GameId, GameRole.Team("japan"), "public words");
        s.Inject(g.GameId, GameRole.WhiteCell, new Inject(InjectKind.Shock, -3, Option: "all", Text: "A recession."));
        foreach (var role in new[] { GameRole.Team("us"), GameRole.Spectator })
        {
            var v = s.View(g.GameId, role);
            Assert.Empty(v.Moves);
            Assert.Empty(v.Injects);
            Assert.Equal([new Signal(1, "japan", "public words")], v.Signals);
            Assert.True(v.Teams.Single(t => t.Id == "japan").Submitted);
            Assert.DoesNotContain("1234", Json(v), StringComparison.Ordinal);
        }

        Assert.Single(s.View(g.GameId, GameRole.Team("japan")).Moves);
        Assert.Single(s.View(g.GameId, GameRole.WhiteCell).Injects);
        s.Adjudicate(g.GameId, GameRole.WhiteCell);

        // Classroom reveals at adjudication; the fog still hides other actors' state and others' counterfactuals.
        var us = s.View(g.GameId, GameRole.Team("us"));
        Assert.Contains(us.Moves, m => m.TeamId == "japan" && m.Moves[0].Value == 1234);
        Assert.Equal(["CHN", "JPN", "USA"], us.Outcomes[0].Actors.Select(a => a.Actor).Order());
        Assert.Empty(us.Outcomes[0].Counterfactuals);
        Assert.Equal(["us"], us.Outcomes[0].Assessments.Select(a => a.TeamId));
        var japan = s.View(g.GameId, GameRole.Team("japan"));
        Assert.Equal(["japan"], japan.Outcomes[0].Counterfactuals.Select(c => c.TeamId));
        Assert.Empty(s.View(g.GameId, GameRole.Spectator).Outcomes[0].Actors);
        Assert.Equal(16, s.View(g.GameId, GameRole.WhiteCell).Outcomes[0].Actors.Count);
    }

    [Fact]
    public void Moves_stay_hidden_until_the_white_cell_reveals_them_when_the_rules_say_so()
    {
        var (s, _, _) = GameFixtures.Service(bandRuns: 64);
        var g = s.Create(GameFixtures.IndoPacific, 3, ["japan", "korea"]);
        s.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", [new Move("budget", 7)]);
        s.Adjudicate(g.GameId, GameRole.WhiteCell);
        var korea = s.View(g.GameId, GameRole.Team("korea"));
        Assert.DoesNotContain(korea.Moves, m => m.TeamId != "korea");
        Assert.Equal(["USA", "JPN", "KOR", "PRK"], korea.Outcomes[0].Actors.Select(a => a.Actor));
        s.Reveal(g.GameId, GameRole.WhiteCell, 1);
        korea = s.View(g.GameId, GameRole.Team("korea"));
        Assert.Contains(korea.Moves, m => m.TeamId == "japan" && m.Moves[0].Value == 7);
        Assert.Contains(korea.Moves, m => m.TeamId == "china" && m.ByModel);
        Assert.Equal(GameErrors.WrongState, Assert.Throws<GameRuleException>(() => s.Reveal(g.GameId, GameRole.WhiteCell, 1)).Code);
    }
}
