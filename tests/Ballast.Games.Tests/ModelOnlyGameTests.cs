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
