using Ballast.Core;
namespace Ballast.Engine.Tests;

/// <summary>The US stance toward single allies (<see cref="ModelInputsBuilder.SetAllyStance"/>): it acts on that ally only.</summary>
public class AllyStanceTests
{
    private const int Runs = 8;

    private static Simulation Run(Action<ModelInputsBuilder> stances)
    {
        var inputs = SyntheticInputs.Baseline(TestKit.Registry, b =>
        {
            // No random crises: their hazard reads coalition spending, which Korea's stance moves, and a crisis speeds
            // every ally's credibility; everything else keeps its noise.
            b.Overrides["crisis_alpha0"] = -700;
            stances(b);
        });
        return TestKit.RunBlock(inputs, Runs, seed: 7);
    }

    private static double Indicator(Simulation sim, ActorIndicator kind, string code, int t, int lane) =>
        sim.Indicator(sim.Layout.Of(kind, sim.Inputs.IndexOf(code)), t, lane);

    [Fact]
    public void Disengaging_from_Korea_while_reassuring_Japan_lowers_Korea_s_credibility_and_leaves_Japan_s_bit_for_bit()
    {
        var reassure = new StanceYear(StanceKind.Reassure, 0, 0, 0.2);
        var all = Run(b => b.AddConstantStance("reassure", 1, reassure));
        var split = Run(b =>
        {
            b.AddConstantStance("reassure", 1, reassure);
            b.SetAllyStance(2026, b.IndexOf("KOR"), new StanceYear(StanceKind.Disengage, 0, 0, 0.8));
            b.SetAllyStance(2026, b.IndexOf("JPN"), reassure);
        });

        for (int lane = 0; lane < Runs; lane++)
        {
            for (int t = 0; t <= all.Inputs.Steps; t++)
            {
                Assert.Equal(Indicator(all, ActorIndicator.Credibility, "JPN", t, lane), Indicator(split, ActorIndicator.Credibility, "JPN", t, lane));
                // The stance of 2026 moves credibility from 2027 on.
                double korAll = Indicator(all, ActorIndicator.Credibility, "KOR", t, lane), korSplit = Indicator(split, ActorIndicator.Credibility, "KOR", t, lane);
                if (t <= 2)
                {
                    Assert.Equal(korAll, korSplit);
                }
                else
                {
                    Assert.True(korSplit < korAll, $"lane {lane}, {2024 + t}: Korea's credibility {korSplit} not below {korAll}");
                }
            }

            Assert.True(Indicator(split, ActorIndicator.Credibility, "KOR", all.Inputs.Steps, lane) < 0.5, "Korea's credibility at the horizon");
        }
    }

    [Fact]
    public void An_ally_stance_equal_to_the_path_s_gives_bit_identical_results()
    {
        // A conditional path with a deadline inside the horizon, so threats are executed too.
        var conditional = new StanceYear(StanceKind.Conditional, 0.035, 2029, 0.9);
        var path = Run(b => b.AddConstantStance("conditional", 1, conditional));
        var same = Run(b =>
        {
            b.AddConstantStance("conditional", 1, conditional);
            b.SetAllyStance(2024, b.IndexOf("KOR"), conditional);
            b.SetAllyStance(2027, b.IndexOf("PHL"), conditional);
        });

        int executions = 0;
        for (int ind = 0; ind < path.Layout.Count; ind++)
        {
            for (int t = 0; t <= path.Inputs.Steps; t++)
            {
                for (int lane = 0; lane < Runs; lane++)
                {
                    Assert.Equal(path.Indicator(ind, t, lane), same.Indicator(ind, t, lane));
                }
            }
        }

        foreach (var code in new[] { "JPN", "KOR", "AUS", "PHL", "THA", "IND", "VNM", "TWN" })
        {
            for (int lane = 0; lane < Runs; lane++)
            {
                int i = path.Inputs.IndexOf(code);
                Assert.Equal(path.ThreatExecutedYear(i, lane), same.ThreatExecutedYear(i, lane));
                executions += path.ThreatExecutedYear(i, lane) is null ? 0 : 1;
            }
        }

        Assert.True(executions > 0, "no threat was executed");
    }

    [Fact]
    public void An_ally_s_own_deadline_executes_threats_against_it_alone()
    {
        var sim = Run(b =>
        {
            b.AddConstantStance("reassure", 1, new StanceYear(StanceKind.Reassure, 0, 0, 0));
            b.SetAllyStance(2025, b.IndexOf("PHL"), new StanceYear(StanceKind.Conditional, 0.05, 2027, 1));
            b.Overrides["q_intercept"] = 10; // believed, hence carried out, in every lane
        });
        for (int lane = 0; lane < Runs; lane++)
        {
            foreach (var code in new[] { "JPN", "KOR", "AUS", "PHL", "THA", "IND", "VNM", "TWN" })
            {
                Assert.Equal(code == "PHL" ? 2027 : null, sim.ThreatExecutedYear(sim.Inputs.IndexOf(code), lane));
            }
        }
    }

    [Fact]
    public void Only_an_ally_or_partner_can_have_its_own_stance()
    {
        var e = Assert.Throws<BallastInputException>(() => SyntheticInputs.Baseline(TestKit.Registry, b =>
            b.SetAllyStance(2026, b.IndexOf("CHN"), new StanceYear(StanceKind.Disengage, 0, 0, 1))));
        Assert.Equal("ally_stances (not an ally or partner)", e.Field);
    }
}
