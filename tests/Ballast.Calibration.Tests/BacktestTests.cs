using Ballast.Calibration.Backtest;
using Ballast.Calibration.Estimation;
using Ballast.Calibration.Regressors;

namespace Ballast.Calibration.Tests;

public class BacktestTests
{
    [Fact]
    public void Metrics_match_hand_computed_errors()
    {
        // Errors in points: model (+0.1, −0.3), last value (−0.2, +0.5), constant share (0, −1.0).
        var f = new[]
        {
            new ShareForecast("AAA", 2015, 1, 0.02, 0.021, 0.019, 0.023, 0.018, 0.02),
            new ShareForecast("AAA", 2016, 2, 0.03, 0.027, 0.020, 0.029, 0.035, 0.02),
        };
        var m = ForecastMetrics.Of("pooled", f);
        Assert.Equal(0.2, m.ModelMae, 12);
        Assert.Equal(Math.Sqrt(0.05), m.ModelRmse, 12);
        Assert.Equal(0.35, m.LastValueMae, 12);
        Assert.Equal(Math.Sqrt(0.145), m.LastValueRmse, 12);
        Assert.Equal(0.5, m.ConstantShareMae, 12);
        Assert.Equal(Math.Sqrt(0.5), m.ConstantShareRmse, 12);
        Assert.Equal(0.5, m.Coverage, 12);
        Assert.Equal(2, m.N);
    }

    [Fact]
    public void Quantile_interpolates_linearly()
    {
        Assert.Equal(1.4, Backtester.Quantile([1, 2, 3, 4, 5], 0.1), 12);
        Assert.Equal(5, Backtester.Quantile([1, 2, 3, 4, 5], 1), 12);
    }

    [Fact]
    public void Tiny_backtest_gives_hand_computed_forecasts()
    {
        // One country with constant regressors: from an equilibrium start the model keeps ln M at 0, so its share
        // forecast equals the last-value one: realised share × exp(0 − ln M realised).
        var obs = new List<DemandObservation>
        {
            new("AAA", 2014, 0, 10, 5, 6, 0.02, true),
            new("AAA", 2015, Math.Log(1.1), 10, 5, 6, 0.021, true),
            new("AAA", 2016, Math.Log(1.2), 10, 5, 6, 0.024, true),
        };
        var estimate = new DemandEstimate
        {
            Lambda = new Estimate("lambda", 0.5, 0.01, 0.48, 0.52, 0.5),
            BetaY = new Estimate("beta_y", 1, 0.01, 0.98, 1.02, 1),
            BetaT = new Estimate("beta_t", 0.2, 0.01, 0.18, 0.22, 0.2),
            BetaS = new Estimate("beta_s", -0.1, 0.01, -0.12, -0.08, -0.1),
            SigmaM = 0.05,
            N = 10,
            WithinRSquared = 0.9,
            FromYear = 2005,
            UntilYear = 2014,
            Countries = ["AAA"],
            Alpha = new Dictionary<string, double> { ["AAA"] = 0 },
            ReducedForm = [0.5, 0.5, 0.1, -0.05],
            ReducedCovariance = [1e-4, 0, 0, 0, 0, 1e-4, 0, 0, 0, 0, 1e-4, 0, 0, 0, 0, 1e-4],
            Means = new Dictionary<string, double[]> { ["AAA"] = [0, 0, 10, 5, 6] },
            Correction = BiasCorrection.None,
            Notes = [],
        };
        var r = Backtester.Run(new DemandPanel(obs, []), estimate, ["AAA"], 2014, 2, 200, 1, InterceptRule.Equilibrium);
        Assert.Equal(2, r.Forecasts.Count);
        var h1 = r.Forecasts[0];
        Assert.Equal(0.021 / 1.1, h1.Model, 12);
        Assert.Equal(0.021 / 1.1, h1.LastValue, 12);
        Assert.Equal(0.02, h1.ConstantShare, 12);
        Assert.True(h1.Low < h1.Model && h1.Model < h1.High);
        Assert.Equal(0.024 / 1.2, r.Forecasts[1].Model, 12);
        Assert.Equal(100 * Math.Abs((0.021 / 1.1) - 0.021), r.ByHorizon[0].ModelMae, 12);
    }

    [Fact]
    public void Same_seed_gives_identical_intervals()
    {
        var panel = ParameterRecoveryTests.Synthetic(5, countries: 8, years: 30);
        var e = DemandEstimator.Fit(panel, null, 2000, SpendingSeries.Sipri, BiasCorrection.None);
        var a = Backtester.Run(panel, e, e.Countries, 2000, 5, 300, 42, InterceptRule.Fitted);
        var b = Backtester.Run(panel, e, e.Countries, 2000, 5, 300, 42, InterceptRule.Fitted);
        Assert.Equal(a.Forecasts, b.Forecasts);
    }
}
