using MathNet.Numerics.Distributions;

namespace Ballast.Calibration.Estimation;

/// <summary>How the estimator treats the Nickell bias of a lagged dependent variable with fixed effects.</summary>
public enum BiasCorrection
{
    /// <summary>Plain within estimator (biased by order 1/T).</summary>
    None,

    /// <summary>Split-panel jackknife (Dhaene and Jochmans 2015): 2·θ_full − (θ_first half + θ_second half)/2, removing the 1/T term.</summary>
    SplitPanelJackknife,
}

/// <summary>A structural estimate with its cluster-robust standard error and 95 % interval (t with G−1 degrees of freedom).</summary>
/// <param name="Name">Registry name.</param>
/// <param name="Value">Estimate (bias-corrected when a correction is applied).</param>
/// <param name="StdError">Standard error (delta method for functions of the regression coefficients).</param>
/// <param name="Low">Lower end of the 95 % interval.</param>
/// <param name="High">Upper end of the 95 % interval.</param>
/// <param name="Uncorrected">The plain within estimate, before any bias correction.</param>
public sealed record Estimate(string Name, double Value, double StdError, double Low, double High, double Uncorrected);

/// <summary>The calibrated ally-demand equation.</summary>
public sealed record DemandEstimate
{
    /// <summary>λ: partial-adjustment speed (1 − coefficient of ln M_t).</summary>
    public required Estimate Lambda { get; init; }

    /// <summary>β_Y: long-run income elasticity.</summary>
    public required Estimate BetaY { get; init; }

    /// <summary>β_T: long-run threat elasticity.</summary>
    public required Estimate BetaT { get; init; }

    /// <summary>β_S: long-run spill-in elasticity.</summary>
    public required Estimate BetaS { get; init; }

    /// <summary>σ_M: residual standard deviation of the yearly log-spending equation.</summary>
    public required double SigmaM { get; init; }

    /// <summary>Observations (country-years of the dependent variable).</summary>
    public required int N { get; init; }

    /// <summary>Within R² of the regression of ln M_t+1.</summary>
    public required double WithinRSquared { get; init; }

    /// <summary>First year of the dependent variable used.</summary>
    public required int FromYear { get; init; }

    /// <summary>Last year of the dependent variable used.</summary>
    public required int UntilYear { get; init; }

    /// <summary>Countries used (clusters).</summary>
    public required IReadOnlyList<string> Countries { get; init; }

    /// <summary>Structural country intercepts α_i of desired spending (reduced-form effect / λ).</summary>
    public required IReadOnlyDictionary<string, double> Alpha { get; init; }

    /// <summary>Reduced-form coefficients (ρ = 1 − λ, λβ_Y, λβ_T, λβ_S), as used for forecasts.</summary>
    public required double[] ReducedForm { get; init; }

    /// <summary>Cluster-robust covariance of <see cref="ReducedForm"/> (row-major 4×4).</summary>
    public required double[] ReducedCovariance { get; init; }

    /// <summary>Per-country means of the dependent variable and regressors, so intercepts can be recomputed for drawn coefficients.</summary>
    public required IReadOnlyDictionary<string, double[]> Means { get; init; }

    /// <summary>
    /// M_i,0 of each country, US$: its spending in the first year of its fitted path (the regressor year of its first pair in
    /// the window), against which the spill-in regressor <c>ln(1 + S/M_i,0)</c> was formed, as the engine measures spill-ins
    /// against an ally's budget at the start of its simulated path.
    /// </summary>
    public required IReadOnlyDictionary<string, double> SpillInReference { get; init; }

    /// <summary>The bias correction applied.</summary>
    public required BiasCorrection Correction { get; init; }

    /// <summary>What the estimator noticed (dropped countries, corrections).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The demand coefficients for the engine (β_P is not estimated and comes from the registry).</summary>
    public DemandCoefficients Coefficients(double betaP) => new(BetaY.Value, BetaT.Value, BetaS.Value, betaP, Lambda.Value, SigmaM);

    /// <summary>The intercept of a country's reduced form for given reduced-form coefficients: mean(y) − mean(x)·b.</summary>
    public double ReducedIntercept(string iso3, ReadOnlySpan<double> b)
    {
        var m = Means[iso3];
        double a = m[0];
        for (int k = 0; k < b.Length; k++)
        {
            a -= m[k + 1] * b[k];
        }

        return a;
    }
}

/// <summary>
/// Estimates the partial-adjustment demand equation
/// <c>ln M_t+1 = a_i + ρ ln M_t + b_Y ln Y_t + b_T ln(1+T_t) + b_S ln(1+S_t/M_i,0) + ε</c> (the engine's, docs/model.md §3)
/// by the within estimator with country-clustered errors, then recovers λ = 1 − ρ and the long-run β = b/λ (delta method).
/// </summary>
public static class DemandEstimator
{
    /// <summary>Regressor names in the order of the reduced form.</summary>
    public static IReadOnlyList<string> RegressorNames { get; } = ["ln M_t", "ln Y_t", "ln(1+T_t)", "ln(1+S_t/M_0)"];

    /// <summary>
    /// M_i,0 of each country of the pairs: its spending in the regressor year of its first pair, the start of the path the
    /// equation is fitted on (the engine's M_i,0 is the budget of the year its simulated path starts from).
    /// </summary>
    public static IReadOnlyDictionary<string, double> SpillInReference(IEnumerable<(DemandObservation Now, DemandObservation Next)> pairs) =>
        pairs.GroupBy(p => p.Now.Iso3).ToDictionary(g => g.Key, g => Math.Exp(g.MinBy(p => p.Now.Year).Now.LnM), StringComparer.Ordinal);

    /// <summary>The pairs (t, t+1) of the panel whose dependent year lies in the window (and is SIPRI's own figure when required).</summary>
    public static IReadOnlyList<(DemandObservation Now, DemandObservation Next)> Pairs(DemandPanel panel, int? fromYear, int? untilYear, SpendingSeries spending)
    {
        var byKey = panel.Observations.ToDictionary(o => (o.Iso3, o.Year));
        var pairs = new List<(DemandObservation, DemandObservation)>();
        foreach (var o in panel.Observations)
        {
            if (!byKey.TryGetValue((o.Iso3, o.Year + 1), out var next))
            {
                continue;
            }

            if ((fromYear is int f && next.Year < f) || (untilYear is int u && next.Year > u))
            {
                continue;
            }

            if (spending == SpendingSeries.Sipri && !(o.IsSipri && next.IsSipri))
            {
                continue;
            }

            pairs.Add((o, next));
        }

        return pairs;
    }

    /// <summary>Fits the equation on the pairs whose dependent year is in [<paramref name="fromYear"/>, <paramref name="untilYear"/>].</summary>
    public static DemandEstimate Fit(DemandPanel panel, int? fromYear, int? untilYear, SpendingSeries spending, BiasCorrection correction)
    {
        var pairs = Pairs(panel, fromYear, untilYear, spending);
        var notes = new List<string>(panel.Notes);

        // A country needs at least three pairs to contribute within variation beyond its own mean.
        var enough = pairs.GroupBy(p => p.Now.Iso3).Where(g => g.Count() >= 3).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var c in pairs.Select(p => p.Now.Iso3).Distinct().Where(c => !enough.Contains(c)))
        {
            notes.Add($"{c}: fewer than three years in the window; left out.");
        }

        pairs = pairs.Where(p => enough.Contains(p.Now.Iso3)).ToList();
        var available = panel.Observations.Count == 0 ? "no country-year has every regressor" : $"the regressors cover {panel.Observations.Min(o => o.Year)}–{panel.Observations.Max(o => o.Year)}";
        var window = $"{(fromYear is int fy ? fy.ToString(System.Globalization.CultureInfo.InvariantCulture) : "start")}–{(untilYear is int uy ? uy.ToString(System.Globalization.CultureInfo.InvariantCulture) : "end")}";
        if (enough.Count < 2 || pairs.Count < enough.Count + 8)
        {
            throw new BallastInputException(
                $"not enough data to calibrate in the fit window {window}: {pairs.Count} country-years from {enough.Count} countries (need at least 2 countries and {enough.Count + 8} country-years); {available}",
                field: "--fit-until");
        }

        // The halves of the jackknife keep the full path's M_i,0: they estimate the same equation on fewer years.
        var reference = SpillInReference(pairs);
        var full = FitPairs(pairs, reference);
        double[] b = full.Coefficients;
        if (correction == BiasCorrection.SplitPanelJackknife)
        {
            var (first, second) = Halves(pairs);
            var b1 = FitPairs(first, reference).Coefficients;
            var b2 = FitPairs(second, reference).Coefficients;
            b = b.Select((v, k) => (2 * v) - ((b1[k] + b2[k]) / 2)).ToArray();
            notes.Add("λ and β corrected for the Nickell bias by the split-panel jackknife (Dhaene and Jochmans 2015); standard errors from the full-sample cluster-robust covariance.");
        }

        int g = full.Groups;
        double tq = StudentT.InvCDF(0, 1, Math.Max(1, g - 1), 0.975);
        double rho = b[0], lambda = 1 - rho;
        if (lambda <= 0 || lambda > 1)
        {
            notes.Add($"warning: the estimated adjustment speed λ = {lambda.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} lies outside (0, 1]; the long-run elasticities are not meaningful.");
        }

        Estimate Structural(string name, int k, double raw)
        {
            // β_k = b_k / (1 − ρ): ∂/∂b_k = 1/λ, ∂/∂ρ = b_k/λ².
            double value = b[k] / lambda;
            double gb = 1 / lambda, gr = b[k] / (lambda * lambda);
            double var = (gb * gb * full.Cov(k, k)) + (gr * gr * full.Cov(0, 0)) + (2 * gb * gr * full.Cov(0, k));
            double se = Math.Sqrt(Math.Max(0, var));
            return new Estimate(name, value, se, value - (tq * se), value + (tq * se), raw);
        }

        double rawLambda = 1 - full.Coefficients[0];
        double seLambda = full.StdError(0);
        var means = pairs.GroupBy(p => p.Now.Iso3).ToDictionary(
            grp => grp.Key,
            grp => new[] { grp.Average(p => p.Next.LnM), grp.Average(p => p.Now.LnM), grp.Average(p => p.Now.LnY), grp.Average(p => p.Now.LnT), grp.Average(p => p.Now.SpillInTerm(reference[grp.Key])) },
            StringComparer.Ordinal);
        var estimate = new DemandEstimate
        {
            Lambda = new Estimate("lambda", lambda, seLambda, lambda - (tq * seLambda), lambda + (tq * seLambda), rawLambda),
            BetaY = Structural("beta_y", 1, full.Coefficients[1] / rawLambda),
            BetaT = Structural("beta_t", 2, full.Coefficients[2] / rawLambda),
            BetaS = Structural("beta_s", 3, full.Coefficients[3] / rawLambda),
            SigmaM = full.ResidualSd,
            N = full.N,
            WithinRSquared = full.WithinRSquared,
            FromYear = pairs.Min(p => p.Next.Year),
            UntilYear = pairs.Max(p => p.Next.Year),
            Countries = pairs.Select(p => p.Now.Iso3).Distinct().Order(StringComparer.Ordinal).ToList(),
            Alpha = new Dictionary<string, double>(),
            ReducedForm = b,
            ReducedCovariance = full.Covariance,
            Means = means,
            SpillInReference = reference,
            Correction = correction,
            Notes = notes,
        };
        var alpha = estimate.Countries.ToDictionary(c => c, c => estimate.ReducedIntercept(c, b) / lambda, StringComparer.Ordinal);
        return estimate with { Alpha = alpha };
    }

    private static WithinFit FitPairs(IReadOnlyList<(DemandObservation Now, DemandObservation Next)> pairs, IReadOnlyDictionary<string, double> reference) =>
        WithinRegression.Fit(
            pairs.Select(p => p.Now.Iso3).ToList(),
            pairs.Select(p => p.Next.LnM).ToList(),
            pairs.Select(p => new[] { p.Now.LnM, p.Now.LnY, p.Now.LnT, p.Now.SpillInTerm(reference[p.Now.Iso3]) }).ToList());

    // Each country's years split at its own midpoint (the first half gets the extra year when the count is odd).
    private static (List<(DemandObservation, DemandObservation)>, List<(DemandObservation, DemandObservation)>) Halves(
        IReadOnlyList<(DemandObservation Now, DemandObservation Next)> pairs)
    {
        var first = new List<(DemandObservation, DemandObservation)>();
        var second = new List<(DemandObservation, DemandObservation)>();
        foreach (var grp in pairs.GroupBy(p => p.Now.Iso3))
        {
            var ordered = grp.OrderBy(p => p.Now.Year).ToList();
            int half = (ordered.Count + 1) / 2;
            first.AddRange(ordered.Take(half));
            second.AddRange(ordered.Skip(half));
        }

        return (first, second);
    }
}
