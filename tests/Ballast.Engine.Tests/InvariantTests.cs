using Ballast.Core.Countries;
using CsCheck;

namespace Ballast.Engine.Tests;

public class InvariantTests
{
    private static readonly ActorIndicator[] Bounded =
        [ActorIndicator.Share, ActorIndicator.Credibility, ActorIndicator.Alignment, ActorIndicator.Interoperability,
         ActorIndicator.Duplication, ActorIndicator.Hedging, ActorIndicator.Belief];

    private static readonly Gen<ModelInputs> RandomInputs =
        Gen.Select(
            Gen.Double[-0.4, 0.1], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 0.9], Gen.Int[0, 2], Gen.Double[0, 0.08], Gen.Double[0, 1])
        .Select(Gen.Double[0.01, 0.2], Gen.Double[-2, 0.9], Gen.Int[2025, 2034], (p, delta, rho, deadline) =>
        {
            var (betaS, lambda, eta, dep, kind, target, harsh) = p;
            var b = SyntheticInputs.Builder(adjust: s => s.Role == CountryRole.Patron ? s : s with { TradeDependenceAdversary = dep });
            b.Overrides["beta_s"] = betaS;
            b.Overrides["lambda"] = lambda;
            b.Overrides["eta"] = eta;
            b.Overrides["delta"] = delta;
            b.Overrides["ces_rho"] = rho;
            b.Overrides["crisis_alpha0"] = 0;
            b.Overrides["realign_alpha0"] = -2;
            b.AddConstantStance("s", 1, new StanceYear((StanceKind)kind, target, deadline, harsh));
            b.MissileDeployments.Add(new MissileDeployment("Typhon", 1800, b.IndexOf("PHL"), b.IndexOf("USA"), 2026, 2));
            b.Programmes.Add(new CoDevelopmentProgramme("ASCM", [b.IndexOf("JPN"), b.IndexOf("AUS")], MissionArea.Maritime, 0.1, 0.05, 2026));
            b.Crises.Add(new CrisisEvent(2027, CrisisType.TaiwanStrait, 0.8));
            b.Shocks.Add(new EconomicShock(2028, [b.IndexOf("JPN"), b.IndexOf("KOR")], -0.06));
            b.AddGrouping(2026, [b.IndexOf("JPN"), b.IndexOf("AUS"), b.IndexOf("IND")], 0.4, "Quad");
            b.LinkChanges.Add(new LinkChange(2029, b.IndexOf("JPN"), b.IndexOf("KOR"), 0, LinkChangeKind.Rift, "rift"));
            return b.Build(TestKit.Registry);
        });

    [Fact]
    public void Shares_and_probabilities_stay_in_unit_interval_mixes_sum_to_one_and_nothing_is_NaN()
    {
        RandomInputs.Sample(inputs =>
        {
            var sim = TestKit.RunBlock(inputs, runs: 8, seed: 7);
            for (int ind = 0; ind < sim.Layout.Count; ind++)
            {
                for (int t = 0; t <= inputs.Steps; t++)
                {
                    foreach (double v in sim.IndicatorLanes(ind, t))
                    {
                        Assert.True(double.IsFinite(v), $"{sim.Layout.Names[ind]} year {t} = {v}");
                    }
                }
            }

            foreach (var k in Bounded)
            {
                for (int i = 0; i < inputs.ActorCount; i++)
                {
                    for (int t = 0; t <= inputs.Steps; t++)
                    {
                        foreach (double v in sim.IndicatorLanes(sim.Layout.Of(k, i), t))
                        {
                            Assert.True(v is >= 0 and <= 1, $"{sim.Layout.Names[sim.Layout.Of(k, i)]} year {t} = {v}");
                        }
                    }
                }
            }

            for (int i = 0; i < inputs.ActorCount; i++)
            {
                for (int lane = 0; lane < 8; lane++)
                {
                    double sum = Enum.GetValues<MissionArea>().Sum(m => sim.MixOf(i, m, lane));
                    Assert.InRange(sum, 1 - 1e-12, 1 + 1e-12);
                }
            }
        }, iter: 25);
    }

    [Fact]
    public void Money_is_conserved_in_the_accounting()
    {
        RandomInputs.Sample(inputs =>
        {
            var sim = TestKit.RunBlock(inputs, runs: 4, seed: 3);
            for (int i = 0; i < inputs.ActorCount; i++)
            {
                for (int lane = 0; lane < 4; lane++)
                {
                    var (spent, absorbed, wasted, backlog) = sim.Accounting(i, lane);
                    Assert.True(Math.Abs(spent - (absorbed + wasted + backlog)) <= 1e-9 * spent, $"{inputs.Codes[i]}: {spent} != {absorbed}+{wasted}+{backlog}");
                    double recorded = 0;
                    for (int t = 0; t < inputs.Steps; t++)
                    {
                        recorded += sim.Indicator(sim.Layout.Of(ActorIndicator.Spending, i), t, lane);
                    }

                    Assert.True(Math.Abs(recorded - spent) <= 1e-9 * spent, "spending recorded equals spending accounted");
                }
            }

            for (int t = 0; t <= inputs.Steps; t++)
            {
                double gross = sim.Indicator(sim.Layout.Of(CoalitionIndicator.UsCostGross), t, 0);
                double hns = sim.Indicator(sim.Layout.Of(CoalitionIndicator.HostNationSupport), t, 0);
                double net = sim.Indicator(sim.Layout.Of(CoalitionIndicator.UsCostNet), t, 0);
                Assert.True(Math.Abs(gross - hns - net) <= 1e-9 * gross);
            }
        }, iter: 15);
    }
}
