using Ballast.Calibration.Estimation;
using Ballast.Calibration.Regressors;
using Ballast.Core.Model;

namespace Ballast.Calibration.Tests;

public class DemandTermsTests
{
    [Fact]
    public void Perpetual_inventory_of_constant_spending_stays_at_the_steady_state()
    {
        var k = DemandTerms.StockPath([10, 10, 10, 10, 10, 10, 10], phi: 1, delta: 0.075);
        foreach (var v in k)
        {
            Assert.Equal(10 / 0.075, v, 9);
        }
    }

    [Fact]
    public void Perpetual_inventory_steps_are_the_engines_capability_accumulation()
    {
        // Growing spending: K[0] on the growth path of the first five years, then K[t+1] = (1−δ)K[t] + φM[t].
        double[] m = [10, 11, 12.1, 13.31, 14.641, 16.1051, 17];
        var k = DemandTerms.StockPath(m, phi: 0.9, delta: 0.08);
        Assert.Equal(0.9 * 10 / (0.08 + 0.1), k[0], 12);
        for (int t = 1; t < m.Length; t++)
        {
            Assert.Equal(Equations.CapabilityAccumulation(k[t - 1], 0.08, 0.9, m[t - 1]), k[t]);
            Assert.Equal((0.92 * k[t - 1]) + (0.9 * m[t - 1]), k[t], 12);
        }
    }

    [Fact]
    public void Threat_and_spill_ins_follow_the_reference_formulas()
    {
        Assert.Equal((0.5 * 100) + (0.1 * 50), DemandTerms.Threat([0.5, 0.1], [100, 50]), 12);
        Assert.Equal((0.7 * 0.55 * 1000 * 0.4) + (1 * 0.85 * 20), DemandTerms.SpillIn(0.7, 0.55, 1000, 0.4, 0.85, [1, 0], [20, 30]), 9);
    }

    [Fact]
    public void The_spill_in_regressor_is_the_engines_term_against_the_first_budget_of_the_fitted_path()
    {
        // Hand-checked row: S = 9.9e11 US$ against M_0 = 1e10 → ln(1 + 99) = ln 100, whatever the year's own budget.
        var o = new DemandObservation("AAA", 2000, Math.Log(2e10), 27, 25, 9.9e11, 0.02, true);
        Assert.Equal(Math.Log(100), o.SpillInTerm(1e10), 14);
        Assert.Equal(Equations.SpillInTerm(9.9e11, 1e10), o.SpillInTerm(1e10));

        // M_0 of each country is its spending in the regressor year of its first pair in the window.
        var obs = new List<DemandObservation>();
        for (int t = 0; t < 6; t++)
        {
            obs.Add(new DemandObservation("AAA", 1990 + t, Math.Log(10 + t), 27, 25, 1e12, 0.02, true));
            obs.Add(new DemandObservation("BBB", 1992 + t, Math.Log(20 + t), 27, 25, 1e12, 0.02, true));
        }

        var reference = DemandEstimator.SpillInReference(DemandEstimator.Pairs(new DemandPanel(obs, []), 1993, null, SpendingSeries.Sipri));
        Assert.Equal(12, reference["AAA"], 12); // first dependent year 1993: the path starts in 1992
        Assert.Equal(20, reference["BBB"], 12); // its data start in 1992
    }

    [Fact]
    public void Partial_adjustment_closes_lambda_of_the_gap()
    {
        Assert.Equal(1 + (0.25 * (2 - 1)), Equations.PartialAdjustment(1, 2, 0.25, 0.1, 0), 12);
        Assert.Equal(1 + (0.1 * 2), Equations.PartialAdjustment(1, 1, 0.25, 0.1, 2), 12);
    }
}
