using Ballast.Core.Model;

namespace Ballast.Calibration.Regressors;

/// <summary>
/// The regressors of the ally-demand equation (docs/model.md §3) as history allows them: capability by perpetual inventory
/// over a country's whole spending series, threat without crises or hosting, and spill-ins with credibility and alignment
/// at their registry defaults. Every formula is the engine's own, from <see cref="Equations"/>.
/// </summary>
public static class DemandTerms
{
    /// <summary>
    /// Capability stocks by perpetual inventory over a spending path: <c>K[0]</c> is the steady state of the first years'
    /// average growth (<see cref="Equations.InitialCapability"/>), then <c>K[t+1] = (1−δ)K[t] + φM[t]</c>
    /// (<see cref="Equations.CapabilityAccumulation(double, double, double, double)"/>). Returns an array as long as the path.
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
        k[0] = Equations.InitialCapability(phi, spending[0], delta, g);
        for (int t = 1; t < spending.Length; t++)
        {
            k[t] = Equations.CapabilityAccumulation(k[t - 1], delta, phi, spending[t - 1]);
        }

        return k;
    }

    /// <summary>
    /// Threat <c>T_i = Σ_j e^{−d_ij/L} K_j</c> (<see cref="Equations.Threat"/> without the crisis and hosting factors, which
    /// history does not record).
    /// </summary>
    /// <param name="weights">Proximity weights of the adversaries (<see cref="Equations.ProximityWeight"/>).</param>
    /// <param name="adversaryStocks">Their capability stocks.</param>
    public static double Threat(ReadOnlySpan<double> weights, ReadOnlySpan<double> adversaryStocks) =>
        Equations.Threat(Equations.ProximityWeightedStock(weights, adversaryStocks), crisisThreat: 0, crisis: 0, hostingThreat: 0, launchers: 0);

    /// <summary>
    /// Spill-ins <c>S_i = c·θ·K_US·λ_US + Σ_j ℓ_ij a K_j</c> (<see cref="Equations.SpillIn"/>): every country aligned, no
    /// step-back, one credibility c and alignment a for all (historical values are not observed), and λ_US the US loss of
    /// strength to the theatre without the posture relief (historical troops and bases per host are not in the regressor).
    /// </summary>
    /// <param name="credibility">c: <c>initial_credibility</c>.</param>
    /// <param name="theatreShare">θ: <c>us_theatre_share</c>.</param>
    /// <param name="usStock">K_US.</param>
    /// <param name="lossOfStrength">λ_US = e^{−d_US,lead/lsg_distance_km}.</param>
    /// <param name="alignment">a: <c>initial_alignment</c>.</param>
    /// <param name="links">ℓ_ij to the other allies (0 or 1 from ATOP).</param>
    /// <param name="allyStocks">Their capability stocks.</param>
    public static double SpillIn(double credibility, double theatreShare, double usStock, double lossOfStrength, double alignment, ReadOnlySpan<double> links, ReadOnlySpan<double> allyStocks)
    {
        var alignments = new double[allyStocks.Length];
        Array.Fill(alignments, alignment);
        double us = Equations.UsSpillIn(credibility, theatreShare, usStock, lossOfStrength, retention: 1, aligned: true);
        return Equations.SpillIn(us, links, alignments, allyStocks);
    }

    /// <summary>Desired log spending <see cref="Equations.DesiredLogSpending"/> with the coefficients of an estimate (P the pressure, 0 in history).</summary>
    /// <param name="b">The coefficients.</param>
    /// <param name="alpha">α_i.</param>
    /// <param name="logGdp">ln Y.</param>
    /// <param name="threatTerm">ln(1+T).</param>
    /// <param name="spillInTerm">ln(1+S/M_0).</param>
    /// <param name="pressure">P.</param>
    public static double DesiredLogSpending(in DemandCoefficients b, double alpha, double logGdp, double threatTerm, double spillInTerm, double pressure) =>
        Equations.DesiredLogSpending(alpha, b.BetaY, logGdp, b.BetaT, threatTerm, b.BetaS, spillInTerm, b.BetaP, Equations.PressureTerm(pressure));
}

/// <summary>The slope coefficients of the ally-demand equation and its adjustment speed and shock scale.</summary>
/// <param name="BetaY">β_Y: income elasticity.</param>
/// <param name="BetaT">β_T: threat elasticity.</param>
/// <param name="BetaS">β_S: spill-in elasticity (negative = free-riding).</param>
/// <param name="BetaP">β_P: pressure elasticity.</param>
/// <param name="Lambda">λ: partial-adjustment speed.</param>
/// <param name="SigmaM">σ_M: standard deviation of the yearly log-spending shock.</param>
public readonly record struct DemandCoefficients(double BetaY, double BetaT, double BetaS, double BetaP, double Lambda, double SigmaM);
