using Ballast.Calibration.Estimation;
using Ballast.Core.Analytics;
using Ballast.Core.Model;
using Ballast.Data.Scenarios;
using Ballast.Engine.Random;

namespace Ballast.Calibration.Backtest;

/// <summary>How a forecast sets the country intercepts α_i of desired spending.</summary>
public enum InterceptRule
{
    /// <summary>
    /// As the engine does (<see cref="Equations.DemandIntercept"/>): α_i puts the last fitted year on the balanced-growth
    /// path, <c>ln M* − ln M = β_Y ln(1+g_i)/λ</c> with g_i the country's trend GDP growth up to that year.
    /// </summary>
    BalancedGrowth,

    /// <summary>The fixed effects estimated by the calibration.</summary>
    Fitted,
}

/// <summary>One forecast of a country's burden for a year, with the realised value and the naive forecasts (fractions of GDP).</summary>
/// <param name="Iso3">Country.</param>
/// <param name="Year">Forecast year.</param>
/// <param name="Horizon">Years after the last fitted year.</param>
/// <param name="Realised">Realised share.</param>
/// <param name="Model">Model point forecast (all shocks zero: the ensemble median of ln M).</param>
/// <param name="Low">5th percentile of the ensemble.</param>
/// <param name="High">95th percentile of the ensemble.</param>
/// <param name="LastValue">Naive: real spending carried forward from the last fitted year.</param>
/// <param name="ConstantShare">Naive: the last fitted year's share of GDP carried forward.</param>
public sealed record ShareForecast(string Iso3, int Year, int Horizon, double Realised, double Model, double Low, double High, double LastValue, double ConstantShare)
{
    /// <summary>True when the realised share lies in the 90 % interval.</summary>
    public bool Covered => Realised >= Low && Realised <= High;
}

/// <summary>Errors of the three forecasts over a set of country-years, in percentage points of GDP.</summary>
/// <param name="Scope">"h=3", a country code, or "pooled".</param>
/// <param name="N">Country-years.</param>
/// <param name="ModelMae">Model mean absolute error.</param>
/// <param name="ModelRmse">Model root mean squared error.</param>
/// <param name="LastValueMae">Naive last-value MAE.</param>
/// <param name="LastValueRmse">Naive last-value RMSE.</param>
/// <param name="ConstantShareMae">Naive constant-share MAE.</param>
/// <param name="ConstantShareRmse">Naive constant-share RMSE.</param>
/// <param name="Coverage">Share of realised values inside the model's 90 % interval.</param>
public sealed record ForecastMetrics(string Scope, int N, double ModelMae, double ModelRmse, double LastValueMae, double LastValueRmse, double ConstantShareMae, double ConstantShareRmse, double Coverage)
{
    /// <summary>Computes the metrics of a set of forecasts (errors in percentage points).</summary>
    public static ForecastMetrics Of(string scope, IReadOnlyCollection<ShareForecast> f)
    {
        static double Mae(IEnumerable<double> e) => e.Average(Math.Abs);
        static double Rmse(IEnumerable<double> e) => Math.Sqrt(e.Average(x => x * x));
        var model = f.Select(x => 100 * (x.Model - x.Realised)).ToList();
        var last = f.Select(x => 100 * (x.LastValue - x.Realised)).ToList();
        var share = f.Select(x => 100 * (x.ConstantShare - x.Realised)).ToList();
        return new ForecastMetrics(scope, f.Count, Mae(model), Rmse(model), Mae(last), Rmse(last), Mae(share), Rmse(share), f.Count(x => x.Covered) / (double)f.Count);
    }
}

/// <summary>The back-test: forecasts, and metrics per horizon, per country and pooled.</summary>
/// <param name="Forecasts">Every country-year forecast.</param>
/// <param name="ByHorizon">Metrics per horizon (pooled over countries).</param>
/// <param name="ByCountry">Metrics per country (pooled over horizons).</param>
/// <param name="Pooled">Metrics over everything.</param>
/// <param name="Notes">Countries left out and why, and those whose trend growth fell back to the mean of the others.</param>
/// <param name="TrendGrowth">Trend GDP growth g_i of each forecast country (fraction per year) that places its start year on the balanced-growth path.</param>
public sealed record BacktestResult(IReadOnlyList<ShareForecast> Forecasts, IReadOnlyList<ForecastMetrics> ByHorizon, IReadOnlyList<ForecastMetrics> ByCountry, ForecastMetrics Pooled, IReadOnlyList<string> Notes, IReadOnlyDictionary<string, double> TrendGrowth);

/// <summary>
/// Out-of-sample evaluation of the calibrated demand equation: from the last fitted year, each country's spending
/// follows the engine's equation <c>ln M(t+1) = ln M + λ(ln M* − ln M) + σ_M ε</c> dynamically (its own forecast feeds the next
/// year) with realised GDP, threat and spill-ins (in years of the origin year's budget, <c>ln(1 + S/M_0)</c>), starting (like
/// the engine) on the balanced-growth path of the country's
/// trend GDP growth; an ensemble that draws the coefficients from their estimated
/// sampling distribution and the shocks from N(0, σ_M²) gives the 90 % interval.
/// </summary>
public static class Backtester
{
    /// <summary>Runs the back-test for <paramref name="countries"/> over <paramref name="horizon"/> years after <paramref name="fitUntil"/>.</summary>
    public static BacktestResult Run(DemandPanel panel, DemandEstimate estimate, IReadOnlyList<string> countries, int fitUntil, int horizon, int runs, ulong seed, InterceptRule intercepts)
    {
        if (horizon < 1)
        {
            throw new BallastInputException("the horizon must be at least one year", field: "--horizon", value: horizon.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (runs < 20)
        {
            throw new BallastInputException("at least 20 runs are needed for a 90 % interval", field: "--runs", value: runs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var notes = new List<string>();
        var draws = DrawCoefficients(estimate, runs, seed);
        var forecasts = new List<ShareForecast>();
        var byKey = panel.Observations.ToDictionary(o => (o.Iso3, o.Year));
        var trend = TrendGrowth(panel, countries, fitUntil, intercepts == InterceptRule.BalancedGrowth ? notes : []); // fitted intercepts need no trend
        for (int ci = 0; ci < countries.Count; ci++)
        {
            var iso3 = countries[ci];
            if (!byKey.TryGetValue((iso3, fitUntil), out var start) || double.IsNaN(start.Share))
            {
                notes.Add($"{iso3}: no data in {fitUntil}; not forecast.");
                continue;
            }

            if (intercepts == InterceptRule.Fitted && !estimate.Means.ContainsKey(iso3))
            {
                notes.Add($"{iso3}: not in the fit sample, so it has no fitted intercept; not forecast.");
                continue;
            }

            // Regressors of years fitUntil … fitUntil+H−1 drive spending in fitUntil+1 … fitUntil+H.
            var path = new List<DemandObservation>();
            for (int h = 0; h < horizon && byKey.TryGetValue((iso3, fitUntil + h), out var o); h++)
            {
                path.Add(o);
            }

            int usable = 0;
            while (usable < path.Count && byKey.TryGetValue((iso3, fitUntil + usable + 1), out var real) && !double.IsNaN(real.Share))
            {
                usable++;
            }

            if (usable == 0)
            {
                notes.Add($"{iso3}: no realised data after {fitUntil}; not forecast.");
                continue;
            }

            // Spill-ins in years of the start budget M_0 (docs/model.md §3): the forecast is a path that starts at the origin year,
            // as the engine started there would measure them; fitted intercepts belong to the fit's own M_0.
            double startBudget = intercepts == InterceptRule.Fitted ? estimate.SpillInReference[iso3] : Math.Exp(start.LnM);
            double g = trend[iso3];
            var point = Simulate(estimate, estimate.ReducedForm, iso3, start, startBudget, g, path, usable, intercepts, key: 0, shocks: false, sigma: estimate.SigmaM);
            var ensemble = new double[runs][];
            for (int r = 0; r < runs; r++)
            {
                // One stream per (seed, run, country), so adding a country never changes another's draws.
                ulong key = CounterRng.RunKey(seed, ((long)r * 1_000_003) + ci);
                ensemble[r] = Simulate(estimate, draws[r], iso3, start, startBudget, g, path, usable, intercepts, key, shocks: true, sigma: estimate.SigmaM);
            }

            for (int h = 1; h <= usable; h++)
            {
                var real = byKey[(iso3, fitUntil + h)];
                double Share(double lnM) => real.Share * Math.Exp(lnM - real.LnM); // realised GDP = realised spending / realised share
                var sample = ensemble.Select(e => Share(e[h - 1])).Order().ToArray();
                forecasts.Add(new ShareForecast(
                    iso3,
                    fitUntil + h,
                    h,
                    real.Share,
                    Share(point[h - 1]),
                    Quantiles.Type7(sample, 0.05),
                    Quantiles.Type7(sample, 0.95),
                    Share(start.LnM),
                    start.Share));
            }
        }

        if (forecasts.Count == 0)
        {
            throw new BallastInputException($"nothing to back-test: none of the countries has data in {fitUntil} and after it", field: "--fit-until", value: fitUntil.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var byHorizon = forecasts.GroupBy(f => f.Horizon).OrderBy(g => g.Key)
            .Select(g => ForecastMetrics.Of("h=" + g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.ToList())).ToList();
        var byCountry = forecasts.GroupBy(f => f.Iso3).Select(g => ForecastMetrics.Of(g.Key, g.ToList())).ToList();
        var forecast = forecasts.Select(f => f.Iso3).ToHashSet(StringComparer.Ordinal);
        var used = trend.Where(t => forecast.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return new BacktestResult(forecasts, byHorizon, byCountry, ForecastMetrics.Of("pooled", forecasts), notes, used);
    }

    /// <summary>
    /// Trend GDP growth of each country at <paramref name="fitUntil"/> as the engine's scenario compiler measures it: compound
    /// growth over the <see cref="ScenarioCompiler.GrowthWindowYears"/> years ending there, from the last panel year at or
    /// before the window start. A country without such a year gets the mean of the others (0 if none has one), with a note.
    /// </summary>
    internal static IReadOnlyDictionary<string, double> TrendGrowth(DemandPanel panel, IReadOnlyList<string> countries, int fitUntil, List<string> notes)
    {
        var known = new Dictionary<string, double>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var iso3 in countries.Distinct())
        {
            var end = panel.Find(iso3, fitUntil);
            var start = panel.Observations.Where(o => o.Iso3 == iso3 && o.Year <= fitUntil - ScenarioCompiler.GrowthWindowYears).MaxBy(o => o.Year);
            if (end is null)
            {
                continue; // not forecast: the caller notes it
            }

            if (start is null)
            {
                missing.Add(iso3);
                continue;
            }

            known[iso3] = BalancedGrowth.TrendGrowth(start.LnY, start.Year, end.LnY, end.Year);
        }

        double mean = known.Count > 0 ? known.Values.Average() : 0;
        var all = new Dictionary<string, double>(known, StringComparer.Ordinal);
        foreach (var iso3 in missing)
        {
            notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{iso3}: no GDP in {fitUntil - ScenarioCompiler.GrowthWindowYears} or before; trend growth set to the mean of the others ({mean:P2}), as the engine does."));
            all[iso3] = mean;
        }

        return all;
    }

    // The dynamic forecast: the engine's demand step applied year after year with the forecast feeding back.
    private static double[] Simulate(DemandEstimate e, double[] b, string iso3, DemandObservation start, double startBudget, double trendGrowth, List<DemandObservation> path, int steps, InterceptRule rule, ulong key, bool shocks, double sigma)
    {
        double lambda = Math.Clamp(1 - b[0], 1e-6, 1);
        var c = new DemandCoefficients(b[1] / lambda, b[2] / lambda, b[3] / lambda, 0, lambda, sigma);
        double alpha = rule == InterceptRule.Fitted
            ? e.ReducedIntercept(iso3, b) / lambda
            : Equations.DemandIntercept(start.LnM, DemandTerms.DesiredLogSpending(c, 0, start.LnY, start.LnT, start.SpillInTerm(startBudget), 0), c.BetaY, c.Lambda, trendGrowth);
        var result = new double[steps];
        double lnM = start.LnM;
        for (int h = 0; h < steps; h++)
        {
            var x = path[h];
            double star = DemandTerms.DesiredLogSpending(c, alpha, x.LnY, x.LnT, x.SpillInTerm(startBudget), 0);
            double z = shocks ? CounterRng.Normal(key, (ulong)h) : 0;
            lnM = Equations.PartialAdjustment(lnM, star, c.Lambda, c.SigmaM, z);
            result[h] = lnM;
        }

        return result;
    }

    // Reduced-form coefficients drawn from N(b, V) by a Cholesky factor, one draw per run (run 0 … runs−1).
    private static double[][] DrawCoefficients(DemandEstimate e, int runs, ulong seed)
    {
        int p = e.ReducedForm.Length;
        var v = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(p, p, (i, j) => e.ReducedCovariance[(i * p) + j]);
        var l = v.Cholesky().Factor;
        var draws = new double[runs][];
        for (int r = 0; r < runs; r++)
        {
            ulong key = CounterRng.RunKey(seed ^ 0x5EED_C0EF, r);
            var z = new double[p];
            for (int k = 0; k < p; k++)
            {
                z[k] = CounterRng.Normal(key, (ulong)k);
            }

            draws[r] = new double[p];
            for (int i = 0; i < p; i++)
            {
                double s = e.ReducedForm[i];
                for (int k = 0; k <= i; k++)
                {
                    s += l[i, k] * z[k];
                }

                draws[r][i] = s;
            }
        }

        return draws;
    }
}
