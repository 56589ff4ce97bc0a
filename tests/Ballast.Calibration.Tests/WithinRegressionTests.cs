using Ballast.Calibration.Estimation;

namespace Ballast.Calibration.Tests;

public class WithinRegressionTests
{
    // Hand computation: demeaned x = (−1,0,1 | −2,0,2), demeaned y = (−7/3,−1/3,8/3 | −2,−1,3);
    // b = Σx̃ỹ/Σx̃² = 15/10; residuals (−5/6,−1/3,7/6 | 1,−1,0), SSR = 25/6, SST = 80/3;
    // cluster scores (2, −2) so meat = 8, V = 8/100 · [2/1 · 5/4] = 0.2.
    private static WithinFit HandPanel() => WithinRegression.Fit(
        ["A", "A", "A", "B", "B", "B"],
        [2, 4, 7, 1, 2, 6],
        [[1], [2], [3], [1], [3], [5]]);

    [Fact]
    public void Slope_matches_the_hand_computed_within_estimate()
    {
        Assert.Equal(1.5, HandPanel().Coefficients[0], 12);
    }

    [Fact]
    public void Fixed_effects_are_group_means_net_of_the_slope()
    {
        var fit = HandPanel();
        Assert.Equal(4.0 / 3, fit.FixedEffects["A"], 12);
        Assert.Equal(-1.5, fit.FixedEffects["B"], 12);
    }

    [Fact]
    public void Within_r_squared_and_residual_sd_match_the_hand_computation()
    {
        var fit = HandPanel();
        Assert.Equal(1 - ((25.0 / 6) / (80.0 / 3)), fit.WithinRSquared, 12);
        Assert.Equal(Math.Sqrt(25.0 / 18), fit.ResidualSd, 12);
        Assert.Equal(6, fit.N);
        Assert.Equal(2, fit.Groups);
    }

    [Fact]
    public void Cluster_robust_standard_error_applies_the_small_sample_factor()
    {
        Assert.Equal(Math.Sqrt(0.2), HandPanel().StdError(0), 12);
    }

    [Fact]
    public void Residuals_sum_to_zero_within_each_group()
    {
        var u = HandPanel().Residuals;
        Assert.Equal(0, u[0] + u[1] + u[2], 12);
        Assert.Equal(0, u[3] + u[4] + u[5], 12);
    }
}
