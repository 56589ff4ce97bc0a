using Ballast.Calibration.Estimation;

namespace Ballast.Calibration;

/// <summary>What to calibrate: the allies, the fit window (years of the dependent variable) and the method.</summary>
/// <param name="Countries">Countries to use (the patron and adversaries are skipped).</param>
/// <param name="FromYear">First year of the dependent variable, or null for the first with data.</param>
/// <param name="FitUntil">Last year of the dependent variable, or null for the last with data.</param>
/// <param name="Spending">Dependent-variable series.</param>
/// <param name="Correction">Nickell-bias treatment.</param>
public sealed record CalibrationRequest(
    IReadOnlyList<string> Countries,
    int? FromYear,
    int? FitUntil,
    SpendingSeries Spending = SpendingSeries.Long,
    BiasCorrection Correction = BiasCorrection.SplitPanelJackknife);

/// <summary>Front door of the calibration: builds the demand panel from the data and estimates the equation.</summary>
public static class DemandCalibration
{
    /// <summary>Builds the panel for the request and fits the ally-demand equation.</summary>
    public static (DemandEstimate Estimate, DemandPanel Panel) Calibrate(HistoricalInputs data, CalibrationRequest request, DemandSettings settings)
    {
        if (request.FromYear is int f && request.FitUntil is int u && f > u)
        {
            throw new BallastInputException($"--from {f} is after --fit-until {u}", field: "--from", value: f.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var panel = DemandPanelBuilder.Build(data, request.Countries, settings with { Spending = request.Spending });
        var estimate = DemandEstimator.Fit(panel, request.FromYear, request.FitUntil, request.Spending, request.Correction);
        return (estimate, panel);
    }
}
