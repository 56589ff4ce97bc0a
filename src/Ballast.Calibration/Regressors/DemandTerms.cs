namespace Ballast.Calibration.Regressors;

/// <summary>
/// The regressors of the ally-demand equation (DESIGN.md part 3), as pure functions so the calibration and the
/// engine build threat and spill-ins the same way: capability by perpetual inventory, proximity weights
/// <c>exp(−d/L_T)</c> over capital great-circle distances, threat <c>T_i = Σ_adversaries w_ij K_j</c> and spill-ins
/// <c>S_i = c_i·θ·K_US + Σ_allies ℓ_ij K_j</c>.
/// </summary>
public static class DemandTerms
{
    /// <summary>Mean Earth radius (IUGG), km.</summary>
    public const double EarthRadiusKm = Ballast.Core.Facts.GreatCircle.EarthRadiusKm;

    /// <summary>Great-circle (haversine) distance in km between two points given in decimal degrees.</summary>
    public static double GreatCircleKm(double lat1, double lng1, double lat2, double lng2) =>
        Ballast.Core.Facts.GreatCircle.DistanceKm(new(lat1, lng1), new(lat2, lng2));

    /// <summary>Proximity weight of an adversary at <paramref name="distanceKm"/>: <c>exp(−d/L)</c> (1 next door, 1/e at L).</summary>
    public static double ProximityWeight(double distanceKm, double scaleKm) => Math.Exp(-distanceKm / scaleKm);

    /// <summary>Steady-state capability stock of constant spending growing at <paramref name="growth"/>: <c>φM/(δ+g)</c>.</summary>
    public static double SteadyStateStock(double spending, double phi, double delta, double growth) =>
        phi * spending / (delta + Math.Max(growth, 0));

    /// <summary>One perpetual-inventory step: <c>K(t+1) = (1−δ)K(t) + φM(t)</c>.</summary>
    public static double NextStock(double stock, double spending, double phi, double delta) => ((1 - delta) * stock) + (phi * spending);

    /// <summary>
    /// Capability stocks by perpetual inventory over a spending path: <c>K[0]</c> is the steady state of the first
    /// years' average growth, then <c>K[t+1] = (1−δ)K[t] + φM[t]</c>. Returns an array as long as the path.
    /// </summary>
    public static double[] StockPath(ReadOnlySpan<double> spending, double phi, double delta)
    {
        var k = new double[spending.Length];
        if (spending.Length == 0)
        {
            return k;
        }

        // Average growth over up to the first five years sets the starting stock; a single year means no growth.
        int span = Math.Min(5, spending.Length - 1);
        double g = span > 0 ? Math.Pow(spending[span] / spending[0], 1.0 / span) - 1 : 0;
        k[0] = SteadyStateStock(spending[0], phi, delta, g);
        for (int t = 1; t < spending.Length; t++)
        {
            k[t] = NextStock(k[t - 1], spending[t - 1], phi, delta);
        }

        return k;
    }

    /// <summary>The log the demand equation takes of threat and spill-ins: <c>ln(x + 1)</c>, as the engine does, so a zero term stays finite.</summary>
    public static double LogTerm(double x) => Math.Log(x + 1);

    /// <summary>Threat <c>T_i = Σ_j w_ij K_j</c> over adversaries with their proximity weights.</summary>
    public static double Threat(ReadOnlySpan<double> weights, ReadOnlySpan<double> adversaryStocks)
    {
        double t = 0;
        for (int j = 0; j < weights.Length; j++)
        {
            t += weights[j] * adversaryStocks[j];
        }

        return t;
    }

    /// <summary>
    /// Spill-ins <c>S_i = c_i·θ·K_US·LSG + Σ_j ℓ_ij a_j K_j</c>: the credibility-weighted theatre share of US capability,
    /// discounted by the loss-of-strength gradient, plus the capability of aligned allies linked to <c>i</c> (ℓ = 0 in pure hub-and-spokes).
    /// </summary>
    public static double SpillIn(double credibility, double theatreShare, double usStock, double lossOfStrength, double alignment, ReadOnlySpan<double> links, ReadOnlySpan<double> allyStocks)
    {
        double s = credibility * theatreShare * usStock * lossOfStrength;
        for (int j = 0; j < links.Length; j++)
        {
            s += links[j] * alignment * allyStocks[j];
        }

        return s;
    }

    /// <summary>Desired spending <c>ln M* = α + β_Y ln Y + β_T ln T + β_S ln S + β_P ln(1+P)</c>.</summary>
    public static double DesiredLogSpending(in DemandCoefficients b, double alpha, double lnY, double lnT, double lnS, double pressure) =>
        alpha + (b.BetaY * lnY) + (b.BetaT * lnT) + (b.BetaS * lnS) + (b.BetaP * Math.Log(1 + pressure));

    /// <summary>Partial adjustment: <c>ln M(t+1) = ln M(t) + λ(ln M* − ln M(t)) + σ_M·ε</c>.</summary>
    public static double NextLogSpending(double lnM, double lnMStar, double lambda, double sigma, double shock) =>
        lnM + (lambda * (lnMStar - lnM)) + (sigma * shock);
}

/// <summary>The slope coefficients of the ally-demand equation and its adjustment speed and shock scale.</summary>
/// <param name="BetaY">β_Y: income elasticity.</param>
/// <param name="BetaT">β_T: threat elasticity.</param>
/// <param name="BetaS">β_S: spill-in elasticity (negative = free-riding).</param>
/// <param name="BetaP">β_P: pressure elasticity.</param>
/// <param name="Lambda">λ: partial-adjustment speed.</param>
/// <param name="SigmaM">σ_M: standard deviation of the yearly log-spending shock.</param>
public readonly record struct DemandCoefficients(double BetaY, double BetaT, double BetaS, double BetaP, double Lambda, double SigmaM);
