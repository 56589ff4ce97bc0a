using Ballast.Core.Countries;

namespace Ballast.Engine.Tests;

/// <summary>Checks that encode the source material's claims about how allies respond.</summary>
public class DirectionalTests
{
    private static readonly string[] Allies = ["JPN", "KOR", "AUS", "PHL", "IND", "VNM", "TWN"];

    private static double MeanFinal(Simulation sim, ActorIndicator k, int runs = 8) =>
        Allies.Average(a => TestKit.Final(sim, k, a, runs));

    [Fact]
    public void With_free_riding_higher_credibility_lowers_ally_spending()
    {
        double Spending(double cIntercept, double betaS)
        {
            var inputs = SyntheticInputs.Baseline(TestKit.Registry, b =>
            {
                TestKit.Quiet(b);
                b.Overrides["beta_s"] = betaS;
                b.Overrides["c_intercept"] = cIntercept;
                b.Overrides["eta"] = 0.5;
            });
            var sim = TestKit.RunBlock(inputs, runs: 4);
            return Allies.Average(a => TestKit.Final(sim, ActorIndicator.Spending, a, 4) / inputs.MilitaryExpenditure[inputs.IndexOf(a)]);
        }

        double high = Spending(3, -0.3), low = Spending(-3, -0.3);
        Assert.True(high < low * 0.98, $"free-riding: spending with high credibility {high:F4} should be below low credibility {low:F4}");
        double highNoFr = Spending(3, 0), lowNoFr = Spending(-3, 0);
        Assert.True(Math.Abs(highNoFr - lowNoFr) < Math.Abs(high - low), "the effect comes from the spill-in elasticity");
    }

    [Fact]
    public void A_harsh_threat_with_high_US_public_support_barely_moves_spending()
    {
        double Japan(double target, double support)
        {
            var inputs = SyntheticInputs.Baseline(TestKit.Registry, b =>
            {
                TestKit.Quiet(b);
                b.Overrides["support_alliances_effective"] = support;
                b.Overrides["support_nato_commitment"] = support;
                b.Overrides["support_overseas_bases"] = support;
                b.AddConstantStance("threat", 1, new StanceYear(StanceKind.Conditional, target, 2040, 1.0));
            });
            var sim = TestKit.RunBlock(inputs, runs: 4);
            return TestKit.Final(sim, ActorIndicator.Spending, "JPN", 4);
        }

        double effectHighSupport = (Japan(0.035, 0.8) / Japan(0, 0.8)) - 1;
        double effectLowSupport = (Japan(0.035, 0.2) / Japan(0, 0.2)) - 1;
        Assert.True(effectLowSupport > 0.05, $"a believed threat moves spending ({effectLowSupport:P1})");
        Assert.True(effectHighSupport < 0.5 * effectLowSupport, $"discounting: {effectHighSupport:P1} vs {effectLowSupport:P1}");
    }

    [Fact]
    public void Low_credibility_with_high_economic_dependence_raises_realignment()
    {
        double Realigned(double credibility, double dependence)
        {
            var inputs = SyntheticInputs.Baseline(
                TestKit.Registry,
                b => b.Overrides["eta"] = 0,
                s => s.Role is CountryRole.TreatyAlly or CountryRole.Partner ? s with { TradeDependenceAdversary = dependence, Credibility = credibility } : s);
            var r = EnsembleRunner.Run(inputs, new EnsembleOptions(256, 11, Threads: 2));
            return r.Kpis.Allies.Average(a => a.ProbabilityRealigned);
        }

        double lowHigh = Realigned(0.2, 0.6), lowLow = Realigned(0.2, 0.05), highHigh = Realigned(0.8, 0.6);
        Assert.True(lowHigh > lowLow, $"dependence raises realignment ({lowHigh} vs {lowLow})");
        Assert.True(lowHigh > highHigh, $"low credibility raises realignment ({lowHigh} vs {highHigh})");
        Assert.True(lowHigh > 2 * Realigned(0.8, 0.05));
    }

    [Fact]
    public void Low_credibility_raises_duplication_and_nuclear_hedging()
    {
        (double Dup, double Hedge) Run(double credibility)
        {
            var inputs = SyntheticInputs.Baseline(
                TestKit.Registry,
                b =>
                {
                    TestKit.Quiet(b);
                    b.Overrides["eta"] = 0;
                },
                s => s.Role is CountryRole.TreatyAlly or CountryRole.Partner ? s with { Credibility = credibility } : s);
            var sim = TestKit.RunBlock(inputs, runs: 4);
            return (MeanFinal(sim, ActorIndicator.Duplication, 4), MeanFinal(sim, ActorIndicator.Hedging, 4));
        }

        var low = Run(0.2);
        var high = Run(0.8);
        Assert.True(low.Dup > high.Dup + 0.05, $"duplication {low.Dup:F3} vs {high.Dup:F3}");
        Assert.True(low.Hedge > high.Hedge + 0.05, $"hedging {low.Hedge:F3} vs {high.Hedge:F3}");
    }

    [Fact]
    public void An_executed_threat_steps_the_US_back_and_lowers_credibility()
    {
        var inputs = SyntheticInputs.Baseline(TestKit.Registry, b =>
        {
            TestKit.Quiet(b);
            b.Overrides["q_intercept"] = 50; // allies are sure the threat is real, so the US executes it (probability q)
            b.AddConstantStance("conditional-3.5", 1, new StanceYear(StanceKind.Conditional, 0.035, 2030, 0.8));
        });
        var sim = TestKit.RunBlock(inputs, runs: 4);
        int jpn = inputs.IndexOf("JPN");
        Assert.Equal(2030, sim.ThreatExecutedYear(jpn, 0));
        Assert.Null(sim.ThreatExecutedYear(inputs.IndexOf("USA"), 0));
        double before = sim.Indicator(sim.Layout.Of(ActorIndicator.Credibility, jpn), 2030 - 2024, 0);
        double after = sim.Indicator(sim.Layout.Of(ActorIndicator.Credibility, jpn), inputs.Steps, 0);
        Assert.True(after < before, $"credibility falls after the step-back ({before:F3} -> {after:F3})");
    }

    [Fact]
    public void A_threat_allies_discount_is_executed_with_their_belief_as_probability()
    {
        int Executed(double qIntercept)
        {
            var inputs = SyntheticInputs.Baseline(TestKit.Registry, b =>
            {
                TestKit.Quiet(b);
                b.Overrides["q_intercept"] = qIntercept;
                b.AddConstantStance("conditional-3.5", 1, new StanceYear(StanceKind.Conditional, 0.035, 2030, 0.8));
            });
            var sim = TestKit.RunBlock(inputs, runs: 64);
            return Enumerable.Range(0, 64).Count(l => sim.ThreatExecutedYear(inputs.IndexOf("JPN"), l) is not null);
        }

        Assert.Equal(0, Executed(-50));
        Assert.Equal(64, Executed(50));
        Assert.InRange(Executed(0.5), 5, 59); // q strictly between 0 and 1: some runs execute, some do not
    }
}
