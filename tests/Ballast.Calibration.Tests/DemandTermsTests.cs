using Ballast.Calibration.Regressors;

namespace Ballast.Calibration.Tests;

public class DemandTermsTests
{
    [Fact]
    public void Great_circle_from_equator_to_pole_is_a_quarter_circumference()
    {
        Assert.Equal(Math.PI * DemandTerms.EarthRadiusKm / 2, DemandTerms.GreatCircleKm(0, 0, 90, 0), 6);
        Assert.Equal(0, DemandTerms.GreatCircleKm(35.68, 139.69, 35.68, 139.69), 9);
    }

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
    public void Proximity_weight_is_one_next_door_and_one_over_e_at_the_scale()
    {
        Assert.Equal(1, DemandTerms.ProximityWeight(0, 3000), 12);
        Assert.Equal(Math.Exp(-1), DemandTerms.ProximityWeight(3000, 3000), 12);
    }

    [Fact]
    public void Threat_and_spill_ins_follow_the_reference_formulas()
    {
        Assert.Equal((0.5 * 100) + (0.1 * 50), DemandTerms.Threat([0.5, 0.1], [100, 50]), 12);
        Assert.Equal((0.7 * 0.55 * 1000 * 0.4) + (1 * 0.85 * 20), DemandTerms.SpillIn(0.7, 0.55, 1000, 0.4, 0.85, [1, 0], [20, 30]), 9);
    }

    [Fact]
    public void Partial_adjustment_closes_lambda_of_the_gap()
    {
        Assert.Equal(1 + (0.25 * (2 - 1)), DemandTerms.NextLogSpending(1, 2, 0.25, 0.1, 0), 12);
        Assert.Equal(1 + (0.1 * 2), DemandTerms.NextLogSpending(1, 1, 0.25, 0.1, 2), 12);
    }
}
