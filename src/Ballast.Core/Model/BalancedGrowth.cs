namespace Ballast.Core.Model;

/// <summary>
/// The balanced-growth path of the partial-adjustment demand equation
/// <c>ln M(t+1) = ln M(t) + λ(ln M* − ln M(t))</c> with <c>ln M* = α + β_Y ln Y + …</c>: when GDP grows at trend
/// <c>g</c> and the other regressors are constant, spending grows by <c>β_Y ln(1+g)</c> a year only if it stays a fixed
/// <c>β_Y ln(1+g)/λ</c> below its desired level. The engine's initial state and the calibration back-test both start
/// an ally on that path (docs/model.md, "Initial state").
/// </summary>
public static class BalancedGrowth
{
    /// <summary>Smallest adjustment speed divided by, so a near-zero λ gives a large but finite lag.</summary>
    public const double MinLambda = Equations.MinAdjustmentSpeed;

    /// <summary>
    /// The gap <c>ln M* − ln M</c> on the balanced-growth path: <c>β_Y·ln(1 + max(0, g))/λ</c> for λ &gt; 0, and 0 for
    /// λ ≤ 0 (frozen spending has no path to be on). Negative trend growth counts as none, as in the engine.
    /// </summary>
    /// <param name="betaY">β_Y: income elasticity of desired spending.</param>
    /// <param name="lambda">λ: partial-adjustment speed.</param>
    /// <param name="trendGrowth">g: trend real GDP growth, fraction per year.</param>
    public static double DemandLag(double betaY, double lambda, double trendGrowth) => Equations.BalancedGrowthLag(betaY, lambda, trendGrowth);

    /// <summary>
    /// The intercept α that puts the start year on the balanced-growth path:
    /// <c>α = ln M + lag − (ln M* − α)</c>, where <paramref name="desiredWithoutIntercept"/> is
    /// <c>β_Y ln Y + β_T ln(1+T) + β_S ln(1+S/M_0)</c> at the start year and lag is <see cref="DemandLag"/>.
    /// </summary>
    /// <param name="lnM">ln M: start-year log spending.</param>
    /// <param name="desiredWithoutIntercept">Start-year desired log spending without its intercept.</param>
    /// <param name="betaY">β_Y: income elasticity of desired spending.</param>
    /// <param name="lambda">λ: partial-adjustment speed.</param>
    /// <param name="trendGrowth">g: trend real GDP growth, fraction per year.</param>
    public static double Intercept(double lnM, double desiredWithoutIntercept, double betaY, double lambda, double trendGrowth) =>
        Equations.DemandIntercept(lnM, desiredWithoutIntercept, betaY, lambda, trendGrowth);

    /// <summary>
    /// Trend growth as the engine's scenario compiler measures it: the compound annual growth of real GDP between
    /// <paramref name="fromYear"/> and <paramref name="toYear"/>, <c>(Y_to/Y_from)^(1/(to − from)) − 1</c>, from log GDP.
    /// </summary>
    /// <param name="lnGdpFrom">ln real GDP at the start of the window.</param>
    /// <param name="fromYear">First year of the window.</param>
    /// <param name="lnGdpTo">ln real GDP at the end of the window.</param>
    /// <param name="toYear">Last year of the window (after <paramref name="fromYear"/>).</param>
    public static double TrendGrowth(double lnGdpFrom, int fromYear, double lnGdpTo, int toYear)
    {
        if (toYear <= fromYear)
        {
            throw new ArgumentOutOfRangeException(nameof(toYear), toYear, "the growth window must end after it starts");
        }

        return Math.Exp((lnGdpTo - lnGdpFrom) / (toYear - fromYear)) - 1;
    }
}
