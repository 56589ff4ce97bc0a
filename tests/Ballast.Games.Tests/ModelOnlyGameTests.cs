namespace Ballast.Games.Tests;

public class ModelOnlyGameTests
{
    [Theory]
    [InlineData("classroom", 4)]
    [InlineData("indo-pacific-2025", 5)]
    public void A_game_played_by_the_model_alone_reaches_its_end(string name, int turns)
    {
        var def = name == "classroom" ? GameFixtures.Classroom : GameFixtures.IndoPacific;
        var (service, _, _) = GameFixtures.Service();
        var created = service.Create(def, 42, []);
        for (int t = 1; t <= turns; t++)
        {
            var outcome = service.Adjudicate(created.GameId, GameRole.WhiteCell);
            Assert.Equal(t, outcome.Turn);
            Assert.Equal(def.LastYear(t), outcome.World[^1].Year);
            Assert.All(outcome.World, w => Assert.True(double.IsFinite(w.Balance) && w.Balance > 0));
        }

        var view = service.View(created.GameId, GameRole.WhiteCell);
        Assert.Equal(GameStatus.Finished, view.Status);
        Assert.Equal(turns, view.Outcomes.Count);
        var ex = Assert.Throws<GameRuleException>(() => service.Adjudicate(created.GameId, GameRole.WhiteCell));
        Assert.Equal(GameErrors.Finished, ex.Code);
    }
}

public class ConcurrencyTests
{
    [Fact]
    public void Many_games_played_at_once_on_one_service_and_database_all_finish_without_error()
    {
        var (service, _, _) = GameFixtures.Service(bandRuns: 32, threads: 1);
        var ids = new string[12];
        Parallel.For(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = 12 }, i =>
        {
            ids[i] = service.Create(GameFixtures.Classroom, (ulong)i, []).GameId;
            for (int t = 0; t < GameFixtures.Classroom.Turns; t++)
            {
                service.Adjudicate(ids[i], GameRole.WhiteCell);
            }
        });
        Assert.Equal(ids.Order(StringComparer.Ordinal), service.List().Select(g => g.GameId).Order(StringComparer.Ordinal));
        Assert.All(service.List(), g => Assert.Equal((GameStatus.Finished, 5), (g.Status, g.Turn)));

        // The same seed gives the same game, whatever ran beside it.
        var again = GameFixtures.Service(bandRuns: 32, threads: 1).Service;
        var g3 = again.Create(GameFixtures.Classroom, 3, []);
        for (int t = 0; t < GameFixtures.Classroom.Turns; t++)
        {
            again.Adjudicate(g3.GameId, GameRole.WhiteCell);
        }

        Assert.Equal(GameJson.Write(service.View(ids[3], GameRole.WhiteCell).Outcomes), GameJson.Write(again.View(g3.GameId, GameRole.WhiteCell).Outcomes));
    }
}
