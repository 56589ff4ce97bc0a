namespace Ballast.Engine.Tests;

public class DecisionOverrideTests
{
    private sealed class JapanDoubles : IDecisionOverride
    {
        public List<int> Years { get; } = [];

        public void Decide(YearDecisions d)
        {
            Years.Add(d.Year);
            int jpn = 4;
            var spend = d.Spending(jpn);
            for (int r = 0; r < d.Runs; r++)
            {
                spend[r] *= 1.1;
            }

            d.SetMix(jpn, 0, [1, 0, 0, 0, 0, 0, 0]);
            d.SetHosting(7, 3);
            d.SetLink(4, 5, 0.8);
            d.SetStance(1, new StanceYear(StanceKind.Disengage, 0, 0, 1));
        }
    }

    [Fact]
    public void Decisions_supplied_from_outside_replace_the_behavioural_rule()
    {
        var inputs = SyntheticInputs.Baseline(TestKit.Registry, TestKit.Quiet);
        Assert.Equal("JPN", inputs.Codes[4]);
        var baseline = TestKit.RunBlock(inputs, runs: 4);
        var over = new JapanDoubles();
        var steered = TestKit.RunBlock(inputs, runs: 4, over: over);
        Assert.Equal(Enumerable.Range(2024, 11), over.Years);
        double b = TestKit.Final(baseline, ActorIndicator.Share, "JPN", 1);
        double s = TestKit.Final(steered, ActorIndicator.Share, "JPN", 1);
        Assert.True(s > 1.2 * b, $"overridden spending shows ({s} vs {b})");
        Assert.Equal(1.0, steered.MixOf(4, MissionArea.Maritime, 0), 12);
        Assert.True(steered.Indicator(steered.Layout.Of(ActorIndicator.HostExposure, 7), inputs.Steps, 0) > 0, "hosting override creates exposure");
        Assert.True(
            steered.Indicator(steered.Layout.Of(ActorIndicator.Credibility, 4), inputs.Steps, 1) <
            steered.Indicator(steered.Layout.Of(ActorIndicator.Credibility, 4), inputs.Steps, 0),
            "a disengaging stance in lane 1 lowers credibility there");
    }

    [Fact]
    public void Stepping_one_year_at_a_time_advances_the_calendar()
    {
        var sim = new Simulation(SyntheticInputs.Baseline(TestKit.Registry), 1);
        sim.Reset([0], 1);
        Assert.Equal(2024, sim.Year);
        sim.Step();
        Assert.Equal(2025, sim.Year);
        sim.RunToHorizon();
        Assert.True(sim.Done);
        Assert.Throws<InvalidOperationException>(() => sim.Step());
    }
}
