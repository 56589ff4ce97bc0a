using Ballast.Calibration.Backtest;
using Ballast.Calibration.Estimation;
using Ballast.Calibration.Regressors;
using Ballast.Core.Analytics;
using Ballast.Core.Model;

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
        Assert.Equal(1.4, Quantiles.Type7([1, 2, 3, 4, 5], 0.1), 12);
        Assert.Equal(5, Quantiles.Type7([1, 2, 3, 4, 5], 1), 12);
    }

    [Fact]
    public void Tiny_backtest_gives_hand_computed_forecasts()
    {
        // One country with constant regressors and no GDP window: trend growth is 0, so the balanced-growth start is a
        // rest point, the model keeps ln M at 0, and its share forecast equals the last-value one: realised share × exp(0 − ln M realised).
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
            SpillInReference = new Dictionary<string, double> { ["AAA"] = 1 },
            Correction = BiasCorrection.None,
            Notes = [],
        };
        var r = Backtester.Run(new DemandPanel(obs, []), estimate, ["AAA"], 2014, 2, 200, 1, InterceptRule.BalancedGrowth);
        Assert.Equal(2, r.Forecasts.Count);
        var h1 = r.Forecasts[0];
        Assert.Equal(0.021 / 1.1, h1.Model, 12);
        Assert.Equal(0.021 / 1.1, h1.LastValue, 12);
        Assert.Equal(0.02, h1.ConstantShare, 12);
        Assert.True(h1.Low < h1.Model && h1.Model < h1.High);
        Assert.Equal(0.024 / 1.2, r.Forecasts[1].Model, 12);
        Assert.Equal(100 * Math.Abs((0.021 / 1.1) - 0.021), r.ByHorizon[0].ModelMae, 12);
        Assert.Equal(0, r.TrendGrowth["AAA"]);
        Assert.Contains("AAA: no GDP in 2004 or before; trend growth set to the mean of the others (0.00 %), as the engine does.", r.Notes);
    }

    [Theory]
    [InlineData(1.0, 0.04, 0.1)]
    [InlineData(0.8, 0.04, 0.1)]
    [InlineData(1.0, 0.07, 0.05)]
    [InlineData(1.3, 0.02, 0.3)]
    public void Constant_growth_without_shocks_keeps_the_start_on_its_balanced_growth_path(double betaY, double g, double lambda)
    {
        // GDP grows at g from 2000 and spending has grown with it at elasticity β_Y; threat and spill-ins are constant.
        // Starting on the balanced-growth path, the point forecast continues ln M(h) = ln M(2010) + h·β_Y·ln(1+g)
        // exactly, so it matches the realised path; with β_Y = 1 the share stays at its start value (the constant-share forecast).
        double gamma = Math.Log(1 + g);
        var obs = new List<DemandObservation>();
        for (int t = 0; t <= 16; t++)
        {
            double lnY = 10 + (t * gamma);
            double lnM = 3 + (betaY * t * gamma);
            obs.Add(new DemandObservation("AAA", 2000 + t, lnM, lnY, 5, 6, Math.Exp(lnM - lnY), true));
        }

        var r = Backtester.Run(new DemandPanel(obs, []), Estimate(betaY, lambda, 0.2, -0.1), ["AAA"], 2010, 6, 200, 1, InterceptRule.BalancedGrowth);
        Assert.Equal(g, r.TrendGrowth["AAA"], 12);
        Assert.Equal(6, r.Forecasts.Count);
        foreach (var f in r.Forecasts)
        {
            Assert.Equal(f.Realised, f.Model, 12);
            Assert.Equal(Math.Exp((f.Horizon * ((betaY * gamma) - gamma)) + 3 + (10 * ((betaY * gamma) - gamma)) - 10), f.Model, 12);
            if (betaY == 1)
            {
                Assert.Equal(f.ConstantShare, f.Model, 12);
            }
        }

        // The rest-point start (ln M* = ln M in 2010) would leave spending flat in the first year, i.e. equal to the
        // last-value forecast; the balanced-growth start is ahead of it by the year's growth β_Y·ln(1+g).
        var h1 = r.Forecasts[0];
        Assert.Equal(h1.LastValue * Math.Exp(betaY * gamma), h1.Model, 12);
        Assert.True((h1.Model / h1.LastValue) - 1 > 0.01); // the rest-point start would make this ratio exactly 1
        Assert.Equal(0, r.ByHorizon[^1].ModelMae, 9);
    }

    [Fact]
    public void Balanced_growth_forecast_measures_spill_ins_against_the_origin_years_budget()
    {
        // M_2014 = 10 is the forecast's M_0 (the engine started in 2014 would use it): S/M_0 goes from 99 to 199, so desired
        // spending rises by β_S·ln 2 and the second forecast is ln 10 + λβ_S ln 2 (raw ln(1+S) would give ln(1991/991)).
        var obs = new List<DemandObservation>
        {
            new("AAA", 2014, Math.Log(10), 10, 5, 990, 0.02, true),
            new("AAA", 2015, Math.Log(10), 10, 5, 1990, 0.02, true),
            new("AAA", 2016, Math.Log(10), 10, 5, 1990, 0.02, true),
        };
        var r = Backtester.Run(new DemandPanel(obs, []), Estimate(1, 0.5, 0.2, -0.1), ["AAA"], 2014, 2, 200, 1, InterceptRule.BalancedGrowth);
        Assert.Equal(0.02, r.Forecasts[0].Model, 14);
        Assert.Equal(0.02 * Math.Pow(2, 0.5 * -0.1), r.Forecasts[1].Model, 14);
    }

    [Fact]
    public void Trend_growth_is_the_compound_growth_over_the_engines_window_or_the_mean_of_the_others()
    {
        // AAA: GDP from e^10 in 2004 to e^10.5 in 2014 → (e^0.05) − 1 per year; BBB: e^0.3 over 2003–2014 (its last year
        // at or before 2004 is 2003) → e^(0.3/11) − 1; CCC has no year before 2006 and gets their mean.
        var obs = new List<DemandObservation>
        {
            new("AAA", 2004, 1, 10, 5, 6, 0.02, true),
            new("AAA", 2014, 1, 10.5, 5, 6, 0.02, true),
            new("BBB", 2003, 1, 20, 5, 6, 0.02, true),
            new("BBB", 2014, 1, 20.3, 5, 6, 0.02, true),
            new("CCC", 2006, 1, 7, 5, 6, 0.02, true),
            new("CCC", 2014, 1, 7.4, 5, 6, 0.02, true),
        };
        var notes = new List<string>();
        var g = Backtester.TrendGrowth(new DemandPanel(obs, []), ["AAA", "BBB", "CCC", "DDD"], 2014, notes);
        Assert.Equal(Math.Exp(0.05) - 1, g["AAA"], 12);
        Assert.Equal(Math.Exp(0.3 / 11) - 1, g["BBB"], 12);
        Assert.Equal((g["AAA"] + g["BBB"]) / 2, g["CCC"], 12);
        Assert.False(g.ContainsKey("DDD"));
        Assert.Equal(["CCC: no GDP in 2004 or before; trend growth set to the mean of the others (3.95 %), as the engine does."], notes);
    }

    [Theory]
    [InlineData(1.2, 0.1, 0.03)]
    [InlineData(0.7, 0.05, 0.06)]
    [InlineData(1.0, 1.0, 0.02)]
    public void Demand_lag_keeps_spending_growing_with_desired_spending(double betaY, double lambda, double g)
    {
        // Closed form: lag = β_Y·ln(1+g)/λ; from that gap, partial adjustment towards a target growing by β_Y·ln(1+g)
        // a year raises ln M by exactly β_Y·ln(1+g) every year, so the gap never changes.
        double lag = BalancedGrowth.DemandLag(betaY, lambda, g);
        Assert.Equal(betaY * Math.Log(1 + g) / lambda, lag, 14);
        double star = 2 + lag, lnM = 2;
        for (int t = 0; t < 50; t++)
        {
            double next = Equations.PartialAdjustment(lnM, star, lambda, 0, 0);
            Assert.Equal(betaY * Math.Log(1 + g), next - lnM, 12);
            lnM = next;
            star += betaY * Math.Log(1 + g);
            Assert.Equal(lag, star - lnM, 9);
        }

        Assert.Equal(2 + lag - 0.5, BalancedGrowth.Intercept(2, 0.5, betaY, lambda, g), 14);
    }

    [Fact]
    public void Demand_lag_is_zero_without_growth_or_adjustment()
    {
        Assert.Equal(0, BalancedGrowth.DemandLag(1, 0.1, 0));
        Assert.Equal(0, BalancedGrowth.DemandLag(1, 0.1, -0.03)); // a shrinking economy counts as no growth, as in the engine
        Assert.Equal(0, BalancedGrowth.DemandLag(1, 0, 0.05)); // λ = 0 freezes spending
        Assert.Equal(Math.Exp(0.1) - 1, BalancedGrowth.TrendGrowth(1, 2000, 2, 2010), 14);
        Assert.Throws<ArgumentOutOfRangeException>(() => BalancedGrowth.TrendGrowth(1, 2010, 2, 2010));
    }

    // A one-country estimate with reduced form ρ = 1 − λ, b = λβ and a tiny coefficient covariance.
    private static DemandEstimate Estimate(double betaY, double lambda, double betaT, double betaS) => new()
    {
        Lambda = new Estimate("lambda", lambda, 0.01, lambda - 0.02, lambda + 0.02, lambda),
        BetaY = new Estimate("beta_y", betaY, 0.01, betaY - 0.02, betaY + 0.02, betaY),
        BetaT = new Estimate("beta_t", betaT, 0.01, betaT - 0.02, betaT + 0.02, betaT),
        BetaS = new Estimate("beta_s", betaS, 0.01, betaS - 0.02, betaS + 0.02, betaS),
        SigmaM = 0.05,
        N = 10,
        WithinRSquared = 0.9,
        FromYear = 2000,
        UntilYear = 2010,
        Countries = ["AAA"],
        Alpha = new Dictionary<string, double> { ["AAA"] = 0 },
        ReducedForm = [1 - lambda, lambda * betaY, lambda * betaT, lambda * betaS],
        ReducedCovariance = [1e-6, 0, 0, 0, 0, 1e-6, 0, 0, 0, 0, 1e-6, 0, 0, 0, 0, 1e-6],
        Means = new Dictionary<string, double[]> { ["AAA"] = [0, 0, 10, 5, 6] },
        SpillInReference = new Dictionary<string, double> { ["AAA"] = 1 },
        Correction = BiasCorrection.None,
        Notes = [],
    };

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
