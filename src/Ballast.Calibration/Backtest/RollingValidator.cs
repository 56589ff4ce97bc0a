using System.Globalization;
using Ballast.Calibration.Estimation;

namespace Ballast.Calibration.Backtest;

/// <summary>An estimator of the demand equation a validation origin may use.</summary>
public enum DemandSpecification
{
    /// <summary>Within estimator with the split-panel jackknife (<see cref="BiasCorrection.SplitPanelJackknife"/>).</summary>
    Jackknife,

    /// <summary>Plain within estimator (<see cref="BiasCorrection.None"/>).</summary>
    Uncorrected,

    /// <summary>Indirect inference (<see cref="IndirectInference"/>), the registry's estimator.</summary>
    IndirectInference,
}

/// <summary>What <see cref="RollingValidator"/> runs: the forecast origins, the horizon, the ensemble and the estimator.</summary>
/// <param name="Origins">Last fitted years; each origin's forecasts start the year after.</param>
/// <param name="Horizon">Years forecast after each origin.</param>
/// <param name="Runs">Ensemble runs for the 90 % interval.</param>
/// <param name="Seed">Seed of the ensembles.</param>
/// <param name="Spending">Dependent-variable series.</param>
/// <param name="Candidates">
/// Estimators each origin may use: with more than one, each origin uses the one whose
/// earlier forecasts of years up to the origin erred least (<see cref="RollingValidator.Choose"/>); the first when none is known.
/// </param>
/// <param name="WindowYears">Years of the dependent variable each origin's fit uses (the last ones up to the origin), or null for all years up to it.</param>
public sealed record ValidationSettings(IReadOnlyList<int> Origins, int Horizon, int Runs, ulong Seed, SpendingSeries Spending, IReadOnlyList<DemandSpecification> Candidates, int? WindowYears = null)
{
    /// <summary>Unscored origins before the first scored one (five years apart) whose errors inform the first choices.</summary>
    public const int WarmUpOrigins = 2;

    /// <summary>The design: origins every five years from 1975 to 2015.</summary>
    public static IReadOnlyList<int> DefaultOrigins { get; } = [1975, 1980, 1985, 1990, 1995, 2000, 2005, 2010, 2015];

    /// <summary>Drift of the regional-drift forecast: the regional mean change of the burden over this many years before the origin.</summary>
    public const int DriftWindowYears = 5;
}

/// <summary>One country-year forecast of an origin, with the forecasts that need the origin's region or earlier origins.</summary>
/// <param name="Origin">Last fitted year.</param>
/// <param name="Region">Region of the country.</param>
/// <param name="Forecast">The back-test's forecast (model point and 90 % interval, last value, constant share).</param>
/// <param name="RegionalDrift">Naive: the origin's share plus h times the region's mean yearly change of the burden over the <see cref="ValidationSettings.DriftWindowYears"/> years to the origin.</param>
/// <param name="CombinationWeight">Weight of the model in the combination with constant share, from errors known at the origin.</param>
/// <param name="Specification">The specification the origin used (chosen with errors known at the origin).</param>
public sealed record ValidationForecast(int Origin, string Region, ShareForecast Forecast, double RegionalDrift, double CombinationWeight, string Specification)
{
    /// <summary>The combination <c>w·model + (1 − w)·constant share</c>.</summary>
    public double Combined => (CombinationWeight * Forecast.Model) + ((1 - CombinationWeight) * Forecast.ConstantShare);

    /// <summary>True when the realised share lies in the model's 90 % interval moved to the combination's point.</summary>
    public bool CombinedCovered => Forecast.Realised >= Forecast.Low + (Combined - Forecast.Model) && Forecast.Realised <= Forecast.High + (Combined - Forecast.Model);
}

/// <summary>Mean absolute errors (percentage points of GDP) of every forecast over a set of country-years, and interval coverage.</summary>
/// <param name="Region">Indo-Pacific, Europe or all.</param>
/// <param name="Scope">"h=5", or "h=1–10" for everything.</param>
/// <param name="N">Country-years.</param>
/// <param name="ModelMae">Model.</param>
/// <param name="CombinedMae">Model combined with constant share (weights from errors known at the origin).</param>
/// <param name="LastValueMae">Naive: real spending carried forward.</param>
/// <param name="ConstantShareMae">Naive: the share carried forward.</param>
/// <param name="DriftMae">Naive: regional drift.</param>
/// <param name="Coverage">Share of realised values inside the model's 90 % interval.</param>
/// <param name="CombinedCoverage">Share inside the interval moved to the combination.</param>
public sealed record ValidationMetrics(string Region, string Scope, int N, double ModelMae, double CombinedMae, double LastValueMae, double ConstantShareMae, double DriftMae, double Coverage, double CombinedCoverage)
{
    /// <summary>The smallest naive MAE.</summary>
    public double BestNaiveMae => Math.Min(LastValueMae, Math.Min(ConstantShareMae, DriftMae));

    /// <summary>The model's MAE relative to the best naive forecast, minus one (−0.10 = 10 % below).</summary>
    public double ModelVsBestNaive => (ModelMae / BestNaiveMae) - 1;

    /// <summary>Computes the metrics of a set of forecasts.</summary>
    public static ValidationMetrics Of(string region, string scope, IReadOnlyCollection<ValidationForecast> f)
    {
        double Mae(Func<ValidationForecast, double> point) => f.Count == 0 ? double.NaN : f.Average(x => 100 * Math.Abs(point(x) - x.Forecast.Realised));
        double Share(Func<ValidationForecast, bool> hit) => f.Count == 0 ? double.NaN : f.Count(hit) / (double)f.Count;
        return new ValidationMetrics(region, scope, f.Count, Mae(x => x.Forecast.Model), Mae(x => x.Combined), Mae(x => x.Forecast.LastValue), Mae(x => x.Forecast.ConstantShare),
            Mae(x => x.RegionalDrift), Share(x => x.Forecast.Covered), Share(x => x.CombinedCovered));
    }
}

/// <summary>The estimates of one origin's fit (years ≤ the origin).</summary>
/// <param name="Origin">Last fitted year.</param>
/// <param name="Specification">The candidate specification fitted.</param>
/// <param name="N">Country-years fitted.</param>
/// <param name="Countries">Countries fitted.</param>
/// <param name="BetaY">β_Y.</param>
/// <param name="BetaT">β_T.</param>
/// <param name="BetaS">β_S.</param>
/// <param name="Lambda">λ.</param>
/// <param name="SigmaM">σ_M.</param>
public sealed record OriginFit(int Origin, string Specification, int N, int Countries, double BetaY, double BetaT, double BetaS, double Lambda, double SigmaM);

/// <summary>The rolling-origin validation: every forecast, metrics by region and horizon, each origin's fit, and notes.</summary>
/// <param name="Forecasts">Every country-year forecast of every origin.</param>
/// <param name="Metrics">By region (Indo-Pacific, Europe, all) and horizon, then pooled over horizons.</param>
/// <param name="Fits">The estimates of each origin.</param>
/// <param name="Notes">Origins or countries left out and why.</param>
public sealed record ValidationResult(IReadOnlyList<ValidationForecast> Forecasts, IReadOnlyList<ValidationMetrics> Metrics, IReadOnlyList<OriginFit> Fits, IReadOnlyList<string> Notes);

/// <summary>
/// Rolling-origin validation of the burden forecast (<see cref="Backtester"/> at each origin): at each origin the demand
/// equation is estimated on the years up to the origin only, and each country's burden is forecast for the following
/// years against three naive forecasts. The only thing chosen to improve the forecast — the weight of the model in its
/// combination with constant share — is chosen from the errors of earlier origins' forecasts of years up to the origin
/// (inverse mean squared error, Bates and Granger 1969; one half where none is known yet).
/// </summary>
public static class RollingValidator
{
    /// <summary>Region label of the Indo-Pacific allies and partners.</summary>
    public const string IndoPacific = "Indo-Pacific";

    /// <summary>Region label of the Euro-Atlantic allies and partners.</summary>
    public const string Europe = "Europe";

    /// <summary>Region label of everything.</summary>
    public const string All = "all";

    /// <summary>
    /// Runs the validation for the countries of <paramref name="regionOf"/> (country → region), fitting on every country of
    /// the panel. Before the first scored origin, warm-up origins (every five years back while a fit is possible, at most
    /// <see cref="ValidationSettings.WarmUpOrigins"/>) are forecast but not scored: their errors, known by the scored
    /// origins, choose the specification and the combination weight there.
    /// </summary>
    public static ValidationResult Run(DemandPanel panel, IReadOnlyDictionary<string, string> regionOf, ValidationSettings settings)
    {
        if (settings.Origins.Count == 0)
        {
            throw new BallastInputException("at least one origin is needed", field: "--origins");
        }

        var notes = new List<string>();
        var fits = new List<OriginFit>();
        var forecasts = new List<ValidationForecast>();
        var history = new List<(DemandSpecification Candidate, int Origin, ShareForecast Forecast)>();
        var byKey = panel.Observations.ToDictionary(o => (o.Iso3, o.Year));
        var scored = settings.Origins.Distinct().Order().ToList();
        var warmUp = Enumerable.Range(1, ValidationSettings.WarmUpOrigins).Select(k => scored[0] - (5 * k)).Where(o => !scored.Contains(o)).Order();
        foreach (int origin in warmUp.Concat(scored))
        {
            bool isScored = scored.Contains(origin);
            var countries = regionOf.Keys.Where(c => byKey.TryGetValue((c, origin), out var o) && !double.IsNaN(o.Share)).Order(StringComparer.Ordinal).ToList();
            var byCandidate = new Dictionary<DemandSpecification, BacktestResult>();
            foreach (var candidate in settings.Candidates)
            {
                DemandEstimate estimate;
                BacktestResult backtest;
                try
                {
                    estimate = Fit(panel, origin - settings.WindowYears + 1, origin, settings.Spending, candidate, settings.Seed);
                    if (countries.Count == 0)
                    {
                        break;
                    }

                    backtest = Backtester.Run(panel, estimate, countries, origin, settings.Horizon, settings.Runs, settings.Seed + (ulong)origin, InterceptRule.BalancedGrowth);
                }
                catch (BallastInputException e) when (e.Field == "--fit-until")
                {
                    if (isScored)
                    {
                        notes.Add(string.Create(CultureInfo.InvariantCulture, $"origin {origin}: not forecast ({e.Message})."));
                    }

                    break;
                }

                byCandidate[candidate] = backtest;
                history.AddRange(backtest.Forecasts.Select(f => (candidate, origin, f)));
                if (isScored)
                {
                    fits.Add(new OriginFit(origin, Describe(candidate), estimate.N, estimate.Countries.Count, estimate.BetaY.Value, estimate.BetaT.Value, estimate.BetaS.Value, estimate.Lambda.Value, estimate.SigmaM));
                }
            }

            if (!isScored || byCandidate.Count < settings.Candidates.Count)
            {
                continue;
            }

            var chosen = Choose(settings.Candidates, history, origin);
            var result = byCandidate[chosen];
            notes.AddRange(result.Notes.Select(n => string.Create(CultureInfo.InvariantCulture, $"origin {origin}: {n}")));
            var drift = RegionalDrift(byKey, regionOf, origin);
            foreach (var f in result.Forecasts)
            {
                string region = regionOf[f.Iso3];
                double w = CombinationWeight(history.Where(h => h.Candidate == chosen).Select(h => (h.Origin, h.Forecast)), origin, f.Horizon);
                forecasts.Add(new ValidationForecast(origin, region, f, f.ConstantShare + (f.Horizon * drift.GetValueOrDefault(region)), w, Describe(chosen)));
            }
        }

        if (forecasts.Count == 0)
        {
            throw new BallastInputException("nothing to validate: no origin could be fitted and forecast", field: "--origins");
        }

        return new ValidationResult(forecasts, Metrics(forecasts, settings.Horizon), fits, notes);
    }

    /// <summary>Metrics for each region (Indo-Pacific, Europe, all) at each horizon, then pooled over horizons.</summary>
    public static IReadOnlyList<ValidationMetrics> Metrics(IReadOnlyList<ValidationForecast> forecasts, int horizon)
    {
        var list = new List<ValidationMetrics>();
        foreach (var region in new[] { IndoPacific, Europe, All })
        {
            var inRegion = forecasts.Where(f => region == All || f.Region == region).ToList();
            if (inRegion.Count == 0)
            {
                continue;
            }

            for (int h = 1; h <= horizon; h++)
            {
                var at = inRegion.Where(f => f.Forecast.Horizon == h).ToList();
                if (at.Count > 0)
                {
                    list.Add(ValidationMetrics.Of(region, string.Create(CultureInfo.InvariantCulture, $"h={h}"), at));
                }
            }

            list.Add(ValidationMetrics.Of(region, string.Create(CultureInfo.InvariantCulture, $"h=1–{horizon}"), inRegion));
        }

        return list;
    }

    /// <summary>
    /// Weight of the model against constant share at <paramref name="origin"/> and horizon <paramref name="h"/>: inverse
    /// mean squared error over the forecasts of earlier origins at that horizon whose year is at most the origin (errors
    /// known at the origin), <c>w = MSE_share / (MSE_model + MSE_share)</c>; one half when none is known.
    /// </summary>
    public static double CombinationWeight(IEnumerable<(int Origin, ShareForecast Forecast)> earlier, int origin, int h)
    {
        var known = earlier.Where(f => f.Origin < origin && f.Forecast.Horizon == h && f.Forecast.Year <= origin).Select(f => f.Forecast).ToList();
        if (known.Count == 0)
        {
            return 0.5;
        }

        double mseModel = known.Average(f => (f.Model - f.Realised) * (f.Model - f.Realised));
        double mseShare = known.Average(f => (f.ConstantShare - f.Realised) * (f.ConstantShare - f.Realised));
        return mseModel + mseShare > 0 ? mseShare / (mseModel + mseShare) : 0.5;
    }

    /// <summary>
    /// The specification used at <paramref name="origin"/>: the candidate with the smallest mean squared error over the
    /// forecasts of earlier origins whose years are at most the origin (all horizons); the first candidate when none is known.
    /// </summary>
    public static DemandSpecification Choose(IReadOnlyList<DemandSpecification> candidates, IEnumerable<(DemandSpecification Candidate, int Origin, ShareForecast Forecast)> history, int origin)
    {
        var known = history.Where(h => h.Origin < origin && h.Forecast.Year <= origin).ToList();
        double Mse(DemandSpecification c)
        {
            var own = known.Where(h => h.Candidate == c).Select(h => h.Forecast.Model - h.Forecast.Realised).ToList();
            return own.Count == 0 ? double.PositiveInfinity : own.Average(e => e * e);
        }

        return candidates.Any(c => known.Any(h => h.Candidate == c)) ? candidates.MinBy(Mse) : candidates[0];
    }

    /// <summary>The name of a specification as the output shows it.</summary>
    public static string Describe(DemandSpecification c) => c switch
    {
        DemandSpecification.Jackknife => "jackknife",
        DemandSpecification.Uncorrected => "uncorrected",
        _ => "indirect-inference",
    };

    /// <summary>Simulated panels per evaluation when a validation origin uses indirect inference (fewer than the registry's fit, for speed).</summary>
    public const int IndirectInferenceSimulations = 5;

    private static DemandEstimate Fit(DemandPanel panel, int? from, int until, SpendingSeries spending, DemandSpecification c, ulong seed) => c switch
    {
        DemandSpecification.Jackknife => DemandEstimator.Fit(panel, from, until, spending, BiasCorrection.SplitPanelJackknife),
        DemandSpecification.Uncorrected => DemandEstimator.Fit(panel, from, until, spending, BiasCorrection.None),
        _ => IndirectInference.Fit(panel, from, until, spending, IndirectInferenceSimulations, seed).Estimate,
    };

    // Mean yearly change of the burden over the drift window to the origin, over the region's countries with both years.
    private static Dictionary<string, double> RegionalDrift(Dictionary<(string, int), DemandObservation> byKey, IReadOnlyDictionary<string, string> regionOf, int origin)
    {
        int back = origin - ValidationSettings.DriftWindowYears;
        return regionOf
            .Where(c => byKey.TryGetValue((c.Key, origin), out var now) && byKey.TryGetValue((c.Key, back), out var then) && !double.IsNaN(now.Share) && !double.IsNaN(then.Share))
            .GroupBy(c => c.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(c => (byKey[(c.Key, origin)].Share - byKey[(c.Key, back)].Share) / ValidationSettings.DriftWindowYears), StringComparer.Ordinal);
    }
}
