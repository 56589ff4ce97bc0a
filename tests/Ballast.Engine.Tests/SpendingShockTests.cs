using Ballast.Core;
namespace Ballast.Engine.Tests;

/// <summary>A scheduled spending shock (<see cref="ModelInputsBuilder.ShockSpending"/>): a one-off level change in one actor's budget.</summary>
public class SpendingShockTests
{
    private const int Runs = 8;

    private static Simulation Run(Action<ModelInputsBuilder> shocks) =>
        TestKit.RunBlock(SyntheticInputs.Baseline(TestKit.Registry, shocks), Runs, seed: 11);

    private static double Indicator(Simulation sim, int indicator, int t, int lane) => sim.Indicator(indicator, t, lane);

    [Fact]
    public void China_spending_a_quarter_more_in_2027_raises_its_budget_from_that_year_and_lowers_the_balance()
    {
        var without = Run(_ => { });
        var with = Run(b => b.ShockSpending(2027, b.IndexOf("CHN"), 0.25));
        int chn = without.Layout.Of(ActorIndicator.Spending, without.Inputs.IndexOf("CHN"));
        int balance = without.Layout.Of(CoalitionIndicator.Balance);
        for (int lane = 0; lane < Runs; lane++)
        {
            for (int t = 0; t <= without.Inputs.Steps; t++)
            {
                int year = without.Inputs.StartYear + t;
                double m0 = Indicator(without, chn, t, lane), m1 = Indicator(with, chn, t, lane);
                double b0 = Indicator(without, balance, t, lane), b1 = Indicator(with, balance, t, lane);
                if (year < 2027)
                {
                    Assert.Equal(m0, m1);
                    Assert.Equal(b0, b1);
                }
                else if (year == 2027)
                {
                    // The year's budget is the rule's times 1.25; the stock, and so the balance, moves only in later years.
                    TestKit.Close(m0 * 1.25, m1, 1e-6, $"lane {lane}: China's 2027 spending");
                    Assert.Equal(b0, b1);
                }
                else
                {
                    // Later years grow from the new level.
                    Assert.True(m1 > m0 * 1.2, $"lane {lane}, {year}: China's spending {m1} not a level above {m0}");
                    // The extra money reaches the stock as industrial capacity catches up (§2), so the balance falls from 2029.
                    Assert.True(year == 2028 ? b1 <= b0 : b1 < b0, $"lane {lane}, {year}: balance {b1} not below {b0}");
                }
            }
        }
    }

    [Fact]
    public void Shocks_of_one_actor_and_year_multiply_and_a_cut_lowers_spending()
    {
        var twice = Run(b =>
        {
            b.ShockSpending(2026, b.IndexOf("RUS"), 0.1);
            b.ShockSpending(2026, b.IndexOf("RUS"), -0.5);
        });
        Assert.Equal(1.1 * 0.5, twice.Inputs.SpendingShock[(2 * twice.Inputs.ActorCount) + twice.Inputs.IndexOf("RUS")], 15);
        Assert.Equal(1.0, twice.Inputs.SpendingShock[(2 * twice.Inputs.ActorCount) + twice.Inputs.IndexOf("CHN")]);

        var without = Run(_ => { });
        int rus = without.Layout.Of(ActorIndicator.Spending, without.Inputs.IndexOf("RUS"));
        for (int lane = 0; lane < Runs; lane++)
        {
            TestKit.Close(Indicator(without, rus, 2, lane) * 0.55, Indicator(twice, rus, 2, lane), 1e-6, $"lane {lane}: Russia's 2026 spending");
        }
    }

    [Theory]
    [InlineData(2024, -0.1)] // the start year's spending is data, not simulated
    [InlineData(2027, -1)]   // no spending left
    public void A_shock_outside_the_simulated_years_or_taking_all_spending_is_rejected(int year, double change)
    {
        var e = Assert.Throws<BallastInputException>(() => SyntheticInputs.Baseline(TestKit.Registry, b => b.ShockSpending(year, b.IndexOf("CHN"), change)));
        Assert.Equal(year == 2024 ? "spending_shocks.year" : "spending_shocks.change", e.Field);
    }
}
