using Ballast.Core.Parameters;

namespace Ballast.Core.Model;

/// <content>§3 ally demand and §4 discounting.</content>
public static partial class Equations
{
    /// <summary>§3: proximity weight of an adversary at distance d, <c>e^{−d/threat_distance_km}</c> (1 next door, 1/e at the scale).</summary>
    /// <param name="distanceKm">d_ij: great-circle distance between capitals, km.</param>
    /// <param name="scaleKm"><c>threat_distance_km</c>.</param>
    public static double ProximityWeight(double distanceKm, double scaleKm) => LossOfStrength(distanceKm, scaleKm);

    /// <summary>§3: the proximity-weighted adversary capability <c>Σ_adv e^{−d_ij/threat_distance_km} K_j</c>, in the order given.</summary>
    /// <param name="weights">Proximity weights of the adversaries (<see cref="ProximityWeight"/>).</param>
    /// <param name="adversaryStocks">K_j of the same adversaries.</param>
    public static double ProximityWeightedStock(ReadOnlySpan<double> weights, ReadOnlySpan<double> adversaryStocks)
    {
        double sum = 0;
        for (int j = 0; j < weights.Length; j++)
        {
            sum += weights[j] * adversaryStocks[j];
        }

        return sum;
    }

    /// <summary>§3: threat <c>T_i = Σ_adv e^{−d_ij/L} K_j · (1 + crisis_threat · I) · (1 + hosting_threat · n_i)</c>.</summary>
    /// <param name="proximityWeightedStock">Σ_adv e^{−d_ij/L} K_j (<see cref="ProximityWeightedStock"/>).</param>
    /// <param name="crisisThreat"><c>crisis_threat</c>.</param>
    /// <param name="crisis">I: crisis intensity this year (§11).</param>
    /// <param name="hostingThreat"><c>hosting_threat</c>.</param>
    /// <param name="launchers">n_i: US launcher units hosted (§10).</param>
    public static double Threat(double proximityWeightedStock, double crisisThreat, double crisis, double hostingThreat, double launchers) =>
        proximityWeightedStock * (1 + (crisisThreat * crisis)) * (1 + (hostingThreat * launchers));

    /// <summary>§3: the US theatre share θ, times <c>disengage_theatre</c> under a disengaging stance.</summary>
    /// <param name="theatreShare">θ: <c>us_theatre_share</c> (or the scenario's year value).</param>
    /// <param name="disengaging">True when the stance is disengage: the run's for coalition effectiveness and costs (§8, §12), the stance toward the ally (its own where set) for its US spill-in.</param>
    /// <param name="disengageTheatre"><c>disengage_theatre</c>.</param>
    public static double TheatreShare(double theatreShare, bool disengaging, double disengageTheatre) =>
        theatreShare * (disengaging ? disengageTheatre : 1);

    /// <summary>
    /// §3 and §8: the US loss-of-strength weight relieved by sunk posture,
    /// <c>λ_US = 1 − (1 − e^{−d_US,C/lsg_distance_km})(1 − posture_lsg_relief · p)</c>.
    /// </summary>
    /// <param name="baseWeight">e^{−d_US,C/lsg_distance_km}: <see cref="LossOfStrength"/> of the US to the theatre centre.</param>
    /// <param name="postureRelief"><c>posture_lsg_relief</c>.</param>
    /// <param name="posture">p_i (§4) in the spill-in of ally i; the forward posture P (§8) in effectiveness.</param>
    public static double UsLossOfStrength(double baseWeight, double postureRelief, double posture) =>
        1 - ((1 - baseWeight) * (1 - (postureRelief * posture)));

    /// <summary>§3: share of the US spill-in kept after a step-back, <c>keep_i = 1 − exec_i (1 − us_stepback_spillin)</c>.</summary>
    /// <param name="executed">exec_i: 1 once the US executed its threat against the ally, else 0.</param>
    /// <param name="stepbackSpillIn"><c>us_stepback_spillin</c>.</param>
    public static double StepBackRetention(double executed, double stepbackSpillIn) => 1 - (executed * (1 - stepbackSpillIn));

    /// <summary>§3: the US term of the spill-ins, <c>c_i · θ K_US · λ_US,i · keep_i · 1[aligned]</c>.</summary>
    /// <param name="credibility">c_i.</param>
    /// <param name="theatreShare">θ (<see cref="TheatreShare"/>).</param>
    /// <param name="usStock">K_US.</param>
    /// <param name="usLossOfStrength">λ_US,i (<see cref="UsLossOfStrength"/>).</param>
    /// <param name="retention">keep_i (<see cref="StepBackRetention"/>).</param>
    /// <param name="aligned">True while the ally is aligned (§6).</param>
    public static double UsSpillIn(double credibility, double theatreShare, double usStock, double usLossOfStrength, double retention, bool aligned) =>
        credibility * theatreShare * usStock * usLossOfStrength * retention * (aligned ? 1 : 0);

    /// <summary>§3: spill-ins <c>S_i = US term + Σ_allies ℓ_ij a_j K_j 1[j aligned]</c>.</summary>
    /// <param name="usTerm">The US term (<see cref="UsSpillIn"/>).</param>
    /// <param name="links">ℓ_ij of the linked allies.</param>
    /// <param name="alignments">a_j · 1[j aligned] of the same allies (0 for a realigned one).</param>
    /// <param name="stocks">K_j of the same allies.</param>
    public static double SpillIn(double usTerm, ReadOnlySpan<double> links, ReadOnlySpan<double> alignments, ReadOnlySpan<double> stocks)
    {
        double allies = 0;
        for (int j = 0; j < links.Length; j++)
        {
            allies += links[j] * alignments[j] * stocks[j];
        }

        return usTerm + allies;
    }

    /// <summary>
    /// §3: the spill-in regressor of desired spending, <c>ln(1 + S_i/M_i,0)</c>: spill-ins in years of the ally's own budget at
    /// the start of the path, so the elasticity is β_S for large S and losing every spill-in is a bounded factor.
    /// </summary>
    /// <param name="spillIn">S_i, US$.</param>
    /// <param name="ownStartBudget">M_i,0: the ally's spending at the start of the path, US$.</param>
    public static double SpillInTerm(double spillIn, double ownStartBudget) => Math.Log(1 + (spillIn / ownStartBudget));

    /// <summary>§3: the threat regressor of desired spending, <c>ln(1 + T_i)</c>.</summary>
    /// <param name="threat">T_i (<see cref="Threat"/>).</param>
    public static double ThreatTerm(double threat) => Math.Log(1 + threat);

    /// <summary>§3: US pressure, <c>P_i = pressure_rho · max(0, s̄ − s_i) · q_i</c>.</summary>
    /// <param name="pressureRho"><c>pressure_rho</c>.</param>
    /// <param name="target">s̄: the burden target of the stance toward the ally this year (its own where set, else the run's).</param>
    /// <param name="burden">s_i: the ally's burden M/Y.</param>
    /// <param name="belief">q_i: <see cref="Discounting"/>.</param>
    public static double Pressure(double pressureRho, double target, double burden, double belief) =>
        pressureRho * Math.Max(0, target - burden) * belief;

    /// <summary>§3: the pressure regressor of desired spending, <c>ln(1 + P_i)</c>.</summary>
    /// <param name="pressure">P_i (<see cref="Pressure"/>).</param>
    public static double PressureTerm(double pressure) => Math.Log(1 + pressure);

    /// <summary>
    /// §3: desired log spending before its ceiling,
    /// <c>ln M*_i = α_i + β_Y ln Y_i + β_T ln(1+T_i) + β_S ln(1+S_i/M_i,0) + β_P ln(1+P_i)</c>.
    /// </summary>
    /// <param name="alpha">α_i (<see cref="DemandIntercept"/>).</param>
    /// <param name="betaY">β_Y.</param>
    /// <param name="logGdp">ln Y_i.</param>
    /// <param name="betaT">β_T.</param>
    /// <param name="threatTerm">ln(1+T_i) (<see cref="ThreatTerm"/>).</param>
    /// <param name="betaS">β_S.</param>
    /// <param name="spillInTerm">ln(1+S_i/M_i,0) (<see cref="SpillInTerm"/>).</param>
    /// <param name="betaP">β_P.</param>
    /// <param name="pressureTerm">ln(1+P_i) (<see cref="PressureTerm"/>).</param>
    public static double DesiredLogSpending(double alpha, double betaY, double logGdp, double betaT, double threatTerm, double betaS, double spillInTerm, double betaP, double pressureTerm) =>
        alpha + (betaY * logGdp) + (betaT * threatTerm) + (betaS * spillInTerm) + (betaP * pressureTerm);

    /// <summary>§3: the peacetime ceiling on desired spending, <c>min(ln M*, ln(max_peacetime_burden · Y_i))</c>.</summary>
    /// <param name="desiredLogSpending">ln M*_i (<see cref="DesiredLogSpending"/>).</param>
    /// <param name="logGdp">ln Y_i.</param>
    /// <param name="maxPeacetimeBurden"><c>max_peacetime_burden</c>.</param>
    public static double CappedDesiredLogSpending(double desiredLogSpending, double logGdp, double maxPeacetimeBurden) =>
        Math.Min(desiredLogSpending, Math.Log(maxPeacetimeBurden) + logGdp);

    /// <summary>§3: partial adjustment, <c>ln M_i(t+1) = ln M_i + λ(ln M*_i − ln M_i) + σ_M ε</c>.</summary>
    /// <param name="logSpending">ln M_i(t).</param>
    /// <param name="desiredLogSpending">ln M*_i (capped).</param>
    /// <param name="lambda">λ.</param>
    /// <param name="sigma">σ_M.</param>
    /// <param name="shock">ε: a standard normal draw.</param>
    public static double PartialAdjustment(double logSpending, double desiredLogSpending, double lambda, double sigma, double shock) =>
        logSpending + (lambda * (desiredLogSpending - logSpending)) + (sigma * shock);

    /// <summary>§3: spending of the US (and of actors without a demand rule) on its trend, <c>M(t+1) = M(t)(1 + g)</c>.</summary>
    /// <param name="spending">M(t).</param>
    /// <param name="trendGrowth">g.</param>
    public static double TrendSpending(double spending, double trendGrowth) => spending * (1 + trendGrowth);

    /// <summary>
    /// §3 and §9: an adversary's spending, <c>M(t+1) = M(t)(1 + g + adversary_reaction · max(0, Δ ln K_coalition))</c>, with
    /// g = <c>g_c</c> for the lead adversary and its trend for the others (Richardson reaction).
    /// </summary>
    /// <param name="spending">M(t).</param>
    /// <param name="growth">g_c or the trend.</param>
    /// <param name="reaction"><c>adversary_reaction</c>.</param>
    /// <param name="coalitionGrowth">max(0, Δ ln K_coalition) (<see cref="CoalitionCapabilityGrowth"/>).</param>
    public static double AdversarySpending(double spending, double growth, double reaction, double coalitionGrowth) =>
        spending * (1 + growth + (reaction * coalitionGrowth));

    /// <summary>§3: growth of coalition capability that adversaries react to, <c>max(0, ln(K_coalition/K_coalition,prev))</c> (0 without a previous value).</summary>
    /// <param name="coalitionStock">K_coalition this year (<see cref="CoalitionTotal"/> of capability).</param>
    /// <param name="previousStock">K_coalition the year before.</param>
    public static double CoalitionCapabilityGrowth(double coalitionStock, double previousStock) =>
        previousStock > 0 ? Math.Max(0, Math.Log(Math.Max(coalitionStock, 1e-300) / previousStock)) : 0;

    /// <summary>
    /// §3 and §12: a coalition total, the theatre share of the US value plus the values of the aligned allies,
    /// <c>θ X_US + Σ_aligned X_i</c> (capability for the reaction of §3 and the capability ratio, spending for the spending ratio).
    /// </summary>
    /// <param name="theatreShare">θ (<see cref="TheatreShare"/>).</param>
    /// <param name="usValue">X_US.</param>
    /// <param name="allyValues">X_i of every ally and partner.</param>
    /// <param name="aligned">Whether each is aligned.</param>
    public static double CoalitionTotal(double theatreShare, double usValue, ReadOnlySpan<double> allyValues, ReadOnlySpan<bool> aligned)
    {
        double total = theatreShare * usValue;
        for (int i = 0; i < allyValues.Length; i++)
        {
            total += allyValues[i] * (aligned[i] ? 1 : 0);
        }

        return total;
    }

    /// <summary>§4: public support net of its reference, <c>S̄ − support_reference</c>, S̄ the mean of the three Chicago Council figures.</summary>
    /// <param name="p">The run's parameters (<c>support_alliances_effective</c>, <c>support_nato_commitment</c>, <c>support_overseas_bases</c>, <c>support_reference</c>).</param>
    public static double SupportGap(in ModelParameters<double> p) =>
        ((p.SupportAlliancesEffective + p.SupportNatoCommitment + p.SupportOverseasBases) / 3) - p.SupportReference;

    /// <summary>
    /// §4: sunk posture of a host,
    /// <c>p_i = (1 − exp(−(troops/posture_troops_scale + bases/posture_bases_scale + HNS/(troop_cost · posture_troops_scale)))) · (1 − exec_i)</c>.
    /// </summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="troops">US troops stationed.</param>
    /// <param name="bases">US bases.</param>
    /// <param name="hostNationSupport">Host-nation support paid, US$.</param>
    /// <param name="executed">exec_i: 1 after a step-back, else 0.</param>
    public static double Posture(in ModelParameters<double> p, double troops, double bases, double hostNationSupport, double executed)
    {
        double raw = (troops / p.PostureTroopsScale) + (bases / p.PostureBasesScale) + (hostNationSupport / (p.TroopCost * p.PostureTroopsScale));
        return (1 - Math.Exp(-raw)) * (1 - executed);
    }

    /// <summary>
    /// §4: the belief that a US threat would be executed,
    /// <c>q_i = σ(q_intercept + q_harshness·H − q_support·(S̄ − support_reference) − q_posture·p_i + q_executed·1[any threat executed])</c>;
    /// 0 for an ally that has realigned (it no longer weighs US threats).
    /// </summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="harshness">H: the signal harshness of the stance toward the ally this year (its own where set, else the run's).</param>
    /// <param name="posture">p_i (<see cref="Posture"/>).</param>
    /// <param name="anyExecuted">True once the US executed a threat against any ally in the run.</param>
    /// <param name="aligned">True while the ally is aligned.</param>
    public static double Discounting(in ModelParameters<double> p, double harshness, double posture, bool anyExecuted, bool aligned)
    {
        if (!aligned)
        {
            return 0;
        }

        double z = p.QIntercept + (p.QHarshness * harshness) - (p.QSupport * SupportGap(p)) - (p.QPosture * posture) + (p.QExecuted * (anyExecuted ? 1 : 0));
        return Logistic(z);
    }
}
