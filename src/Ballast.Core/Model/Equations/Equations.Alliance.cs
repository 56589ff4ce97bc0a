using Ballast.Core.Parameters;

namespace Ballast.Core.Model;

/// <content>§5 credibility, §6 distancing, §7 duplication and nuclear hedging.</content>
public static partial class Equations
{
    /// <summary>§5: the stance term of target credibility: <c>c_reassure</c>, <c>c_conditional</c> or <c>c_disengage</c>.</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="stance">The stance toward the ally this year: its own (<c>us.ally-stances</c>) where set, else the run's.</param>
    public static double StanceTerm(in ModelParameters<double> p, StanceKind stance) => stance switch
    {
        StanceKind.Reassure => p.CReassure,
        StanceKind.Conditional => p.CConditional,
        _ => p.CDisengage,
    };

    /// <summary>§5: the treaty term of target credibility: <c>c_treaty_partnership</c>, <c>c_treaty_bilateral</c>, <c>c_treaty_collective</c>, or 0 without a tie.</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="treaty">The ally's treaty with the US.</param>
    public static double TreatyTerm(in ModelParameters<double> p, TreatyType treaty) => treaty switch
    {
        TreatyType.Partnership => p.CTreatyPartnership,
        TreatyType.BilateralTreaty => p.CTreatyBilateral,
        TreatyType.CollectiveDefence => p.CTreatyCollective,
        _ => 0,
    };

    /// <summary>
    /// §5: target credibility
    /// <c>c̄_i = σ(c_intercept + c_stance + c_treaty + c_posture·p_i + c_harshness·H + c_executed·exec_i + c_executed_other·1[executed elsewhere] + c_cost_sharing·CS_i + c_support·(S̄ − support_reference))</c>.
    /// </summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="stance">The stance toward the ally this year: its own (<c>us.ally-stances</c>) where set, else the run's.</param>
    /// <param name="treaty">The ally's treaty.</param>
    /// <param name="posture">p_i after this year's executions (<see cref="Posture"/>).</param>
    /// <param name="harshness">H: the harshness of the stance toward the ally this year.</param>
    /// <param name="executed">True once the US stepped back from this ally.</param>
    /// <param name="anyExecuted">True once the US executed a threat against any ally of the run (the term applies to the others).</param>
    /// <param name="costSharing">CS_i: 1 in a year with an equitable cost-sharing agreement, else 0.</param>
    public static double TargetCredibility(in ModelParameters<double> p, StanceKind stance, TreatyType treaty, double posture, double harshness, bool executed, bool anyExecuted, double costSharing)
    {
        double exec = executed ? 1 : 0;
        double elsewhere = (anyExecuted ? 1 : 0) * (1 - exec);
        double z = p.CIntercept + StanceTerm(p, stance) + TreatyTerm(p, treaty) + (p.CPosture * posture) + (p.CHarshness * harshness)
            + (p.CExecuted * exec) + (p.CExecutedOther * elsewhere) + (p.CCostSharing * costSharing) + (p.CSupport * SupportGap(p));
        return Logistic(z);
    }

    /// <summary>§5: the adjustment speed of credibility, <c>η_eff = min(1, eta + crisis_eta_boost · I)</c> (a crisis tests credibility).</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="crisis">I: crisis intensity this year.</param>
    public static double CredibilityAdjustmentSpeed(in ModelParameters<double> p, double crisis) => Math.Clamp(p.Eta + (p.CrisisEtaBoost * crisis), 0, 1);

    /// <summary>§5: <c>c_i(t+1) = c_i + η_eff (c̄_i − c_i)</c>, kept in [0, 1].</summary>
    /// <param name="credibility">c_i(t).</param>
    /// <param name="target">c̄_i (<see cref="TargetCredibility"/>).</param>
    /// <param name="speed">η_eff (<see cref="CredibilityAdjustmentSpeed"/>).</param>
    public static double NextCredibility(double credibility, double target, double speed) => Math.Clamp(credibility + (speed * (target - credibility)), 0, 1);

    /// <summary>
    /// §5: whether a conditional stance's threat is executed against an ally this year: the deadline is this year, the ally is
    /// aligned, not already stepped back from, below the target burden, and the draw falls under the belief q_i (§4).
    /// </summary>
    /// <param name="deadlineThisYear">True when the run's stance is conditional and its deadline is this year.</param>
    /// <param name="alreadyExecuted">True when the US already stepped back from the ally.</param>
    /// <param name="aligned">True while the ally is aligned.</param>
    /// <param name="burden">s_i: the ally's burden this year.</param>
    /// <param name="target">s̄: the target burden of the stance toward the ally (its own where set, else the run's).</param>
    /// <param name="uniform">A uniform draw on (0, 1).</param>
    /// <param name="belief">q_i.</param>
    public static bool ThreatExecuted(bool deadlineThisYear, bool alreadyExecuted, bool aligned, double burden, double target, double uniform, double belief) =>
        deadlineThisYear && !alreadyExecuted && aligned && burden < target && uniform < belief;

    /// <summary>§6: credibility shortfall <c>u = credibility_reference − c</c>.</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="credibility">c_i.</param>
    public static double CredibilityShortfall(in ModelParameters<double> p, double credibility) => p.CredibilityReference - credibility;

    /// <summary>§6: threat growth since the start, <c>τ = max(0, ln((1+T)/(1+T_0)))</c>, as a difference of <see cref="ThreatTerm"/>s.</summary>
    /// <param name="threat">T_i this year.</param>
    /// <param name="startThreat">T_i,0 at the start.</param>
    public static double ThreatGrowth(double threat, double startThreat) => Math.Max(0, ThreatTerm(threat) - ThreatTerm(startThreat));

    /// <summary>
    /// §6: alignment drift and hosting cost, kept in [0, 1]: <c>a + ψ Δ − host_alignment_cost · n_i</c> with
    /// <c>Δ = −u (1 + alignment_threat·τ + alignment_dependence·D) a</c> if u &gt; 0, else <c>−u (1 − a)</c> (ψ = <c>alignment_rate</c>).
    /// </summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="alignment">a_i(t).</param>
    /// <param name="shortfall">u (<see cref="CredibilityShortfall"/>, with this year's updated credibility).</param>
    /// <param name="threatGrowth">τ (<see cref="ThreatGrowth"/>).</param>
    /// <param name="dependence">D: trade share with the adversary.</param>
    /// <param name="launchers">n_i: US launcher units hosted.</param>
    public static double NextAlignment(in ModelParameters<double> p, double alignment, double shortfall, double threatGrowth, double dependence, double launchers)
    {
        double amplifier = 1 + (p.AlignmentThreat * threatGrowth) + (p.AlignmentDependence * dependence);
        double drift = shortfall > 0 ? -shortfall * amplifier * alignment : -shortfall * (1 - alignment);
        return Math.Clamp(alignment + (p.AlignmentRate * drift) - (p.HostAlignmentCost * launchers), 0, 1);
    }

    /// <summary>§6: realignment hazard <c>π = σ(realign_alpha0 + realign_alpha1·u + realign_alpha2·D + realign_alpha3·τ)</c>.</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="shortfall">u.</param>
    /// <param name="dependence">D.</param>
    /// <param name="threatGrowth">τ.</param>
    public static double RealignmentHazard(in ModelParameters<double> p, double shortfall, double dependence, double threatGrowth) =>
        Logistic(p.RealignAlpha0 + (p.RealignAlpha1 * shortfall) + (p.RealignAlpha2 * dependence) + (p.RealignAlpha3 * threatGrowth));

    /// <summary>§6: the probability that a realigning ally bandwagons rather than hedges, <c>min(1, bandwagon_dependence · D)</c>.</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="dependence">D.</param>
    public static double BandwagonProbability(in ModelParameters<double> p, double dependence) => Math.Clamp(p.BandwagonDependence * dependence, 0, 1);

    /// <summary>§6: alignment after a realignment event: 0 for a bandwagoner, <c>a × hedging_alignment</c> for a hedger.</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="alignment">a after this year's drift.</param>
    /// <param name="bandwagon">True when the ally bandwagons.</param>
    public static double RealignedAlignment(in ModelParameters<double> p, double alignment, bool bandwagon) => bandwagon ? 0 : alignment * p.HedgingAlignment;

    /// <summary>§7: duplication, the autonomous share of new investment, <c>d_i = σ(duplication_bias + gamma·(credibility_reference − c_i))</c>; 1 when realigned.</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="credibility">c_i.</param>
    /// <param name="aligned">True while the ally is aligned.</param>
    public static double Duplication(in ModelParameters<double> p, double credibility, bool aligned) =>
        aligned ? Logistic(p.DuplicationBias + (p.Gamma * (p.CredibilityReference - credibility))) : 1;

    /// <summary>§7: a mission's share of new investment, <c>x_im = (1−d_i) x^comp_im + d_i x^auto_im</c>.</summary>
    /// <param name="duplication">d_i.</param>
    /// <param name="complementary">x^comp_im.</param>
    /// <param name="autonomous">x^auto_im.</param>
    public static double InvestmentMix(double duplication, double complementary, double autonomous) =>
        ((1 - duplication) * complementary) + (duplication * autonomous);

    /// <summary>§7: duplication index, the overlap of an ally's mix with the US mix, <c>Σ_m min(x_im, x_US,m)</c>.</summary>
    /// <param name="mix">x_i over the seven missions.</param>
    /// <param name="usMix">x_US over the same missions.</param>
    public static double DuplicationIndex(ReadOnlySpan<double> mix, ReadOnlySpan<double> usMix)
    {
        double overlap = 0;
        for (int m = 0; m < mix.Length; m++)
        {
            overlap += Math.Min(mix[m], usMix[m]);
        }

        return overlap;
    }

    /// <summary>§7: coalition duplication, the spending-weighted mean of <see cref="DuplicationIndex"/> over aligned allies (0 with none).</summary>
    /// <param name="spending">M_i of every ally.</param>
    /// <param name="index">Each ally's duplication index.</param>
    /// <param name="aligned">Whether each is aligned.</param>
    public static double CoalitionDuplication(ReadOnlySpan<double> spending, ReadOnlySpan<double> index, ReadOnlySpan<bool> aligned)
    {
        double weighted = 0, total = 0;
        for (int i = 0; i < spending.Length; i++)
        {
            double w = aligned[i] ? 1 : 0;
            weighted += spending[i] * index[i] * w;
            total += spending[i] * w;
        }

        return weighted / Math.Max(total, 1e-300);
    }

    /// <summary>§7: nuclear threat <c>N_i = Σ_adv e^{−d_ij/threat_distance_km} warheads_j / nuclear_threat_warheads</c>.</summary>
    /// <param name="proximityWeights">Proximity weights of the adversaries (<see cref="ProximityWeight"/>).</param>
    /// <param name="warheads">Their warheads.</param>
    /// <param name="warheadScale"><c>nuclear_threat_warheads</c>.</param>
    public static double NuclearThreat(ReadOnlySpan<double> proximityWeights, ReadOnlySpan<double> warheads, double warheadScale)
    {
        double n = 0;
        for (int j = 0; j < proximityWeights.Length; j++)
        {
            n += proximityWeights[j] * warheads[j] / warheadScale;
        }

        return n;
    }

    /// <summary>§7: the hedging propensity a non-nuclear ally moves toward, <c>σ(theta0 + theta1·u + theta2·N_i)</c>.</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="shortfall">u (with this year's updated credibility).</param>
    /// <param name="nuclearThreat">N_i (<see cref="NuclearThreat"/>).</param>
    public static double HedgingTarget(in ModelParameters<double> p, double shortfall, double nuclearThreat) =>
        Logistic(p.Theta0 + (p.Theta1 * shortfall) + (p.Theta2 * nuclearThreat));

    /// <summary>§7: <c>h_i(t+1) = h_i + hedging_rate (σ(…) − h_i)</c>, kept in [0, 1]; its first year at or above <c>hedging_threshold</c> is recorded.</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="hedging">h_i(t).</param>
    /// <param name="target">σ(…) (<see cref="HedgingTarget"/>).</param>
    public static double NextHedging(in ModelParameters<double> p, double hedging, double target) => Math.Clamp(hedging + (p.HedgingRate * (target - hedging)), 0, 1);
}
