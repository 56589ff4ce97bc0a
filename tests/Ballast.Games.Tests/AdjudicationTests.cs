namespace Ballast.Games.Tests;

public class AdjudicationTests
{
    [Fact]
    public void A_spending_move_shows_in_the_teams_counterfactual_and_the_realised_path_lies_in_the_band()
    {
        var (s, _, _) = GameFixtures.Service(bandRuns: 1000);
        var g = s.Create(GameFixtures.Classroom, 11, ["japan"]);
        s.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", [new Move("budget", 10)]);
        var o = s.Adjudicate(g.GameId, GameRole.WhiteCell);
        Assert.Equal((1000, 2025, 2025), (o.BandRuns, o.FirstYear, o.LastYear));
        var burden = o.Counterfactuals.Single(c => c.TeamId == "japan").Values.Single(v => v.Indicator == "burden");
        Assert.Equal("JPN", burden.Actor);

        // Spending 10 % above the rule is a burden 10 % higher on the same draw (GDP does not respond within the year).
        Assert.Equal(1.10, burden.Realised / burden.RealisedWithout, 6);
        Assert.True(burden.Median > burden.MedianWithout);
        var jpn = o.Actors.Single(a => a.Actor == "JPN");
        Assert.Equal(jpn.BurdenPct, burden.Realised);
        Assert.InRange(jpn.BurdenPct, jpn.BurdenBand!.P05 - 1e-12, jpn.BurdenBand!.P95 + 1e-12);
        Assert.InRange(o.World[0].Balance, o.World[0].BalanceBand!.P05 - 1e-12, o.World[0].BalanceBand!.P95 + 1e-12);

        // The model-played teams moved by their policies: the US asked Japan to spend 2 % of GDP (if below), China spent.
        var view = s.View(g.GameId, GameRole.WhiteCell);
        var china = view.Moves.Single(m => m.TeamId == "china");
        Assert.True(china.ByModel);
        Assert.Equal("budget", china.Moves[0].Item);
        Assert.Contains(o.Counterfactuals, c => c.TeamId == "china");
        Assert.Equal(["us", "japan", "china"], o.Assessments.Select(a => a.TeamId));
        var share = o.Assessments.Single(a => a.TeamId == "japan").Criteria[0];
        Assert.Equal("Burden at least 2 % of GDP", share.Name);
        Assert.Equal(share.Value >= 2.0, share.Met);
        Assert.InRange(share.ShareOfRuns, 0, 1);
    }
}
