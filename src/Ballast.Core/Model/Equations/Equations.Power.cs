using Ballast.Core.Parameters;

namespace Ballast.Core.Model;

/// <content>§8 coalition effectiveness, §9 Richardson missiles, §10 hosting, §11 crises, §12 balance of power.</content>
public static partial class Equations
{
    /// <summary>
    /// §8: Boulding's loss-of-strength gradient, the share of strength that arrives d km away, <c>λ = e^{−d/lsg_distance_km}</c>.
    /// The same exponential decay, with <c>threat_distance_km</c>, is the proximity weight of §3.
    /// </summary>
    /// <param name="distanceKm">d: distance to the theatre centre (the lead adversary's capital), km.</param>
    /// <param name="scaleKm">The distance scale, km.</param>
    public static double LossOfStrength(double distanceKm, double scaleKm) => Math.Exp(-distanceKm / scaleKm);

    /// <summary>
    /// §8: forward posture across hosts, <c>P = 1 − exp(−Σ_hosts (troops/posture_troops_scale + bases/posture_bases_scale))</c>,
    /// counting only hosts the US has not stepped back from.
    /// </summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="troops">US troops per host.</param>
    /// <param name="bases">US bases per host.</param>
    /// <param name="executed">exec per host (1 after a step-back, else 0).</param>
    public static double ForwardPosture(in ModelParameters<double> p, ReadOnlySpan<double> troops, ReadOnlySpan<double> bases, ReadOnlySpan<double> executed)
    {
        double raw = 0;
        for (int i = 0; i < troops.Length; i++)
        {
            raw += ((troops[i] / p.PostureTroopsScale) + (bases[i] / p.PostureBasesScale)) * (1 - executed[i]);
        }

        return 1 - Math.Exp(-raw);
    }

    /// <summary>§8: the US term of a mission's coalition effectiveness, <c>θ λ_US K_US,m</c>.</summary>
    /// <param name="theatreShare">θ (<see cref="TheatreShare"/>).</param>
    /// <param name="usLossOfStrength">λ_US with the forward posture (<see cref="UsLossOfStrength"/>).</param>
    /// <param name="usMissionStock">K_US,m.</param>
    public static double UsMissionEffectiveness(double theatreShare, double usLossOfStrength, double usMissionStock) =>
        theatreShare * usLossOfStrength * usMissionStock;

    /// <summary>§8: an ally's term of a mission's coalition effectiveness, <c>ι_i a_i λ_i K_im</c> while aligned, else 0.</summary>
    /// <param name="interoperability">ι_i.</param>
    /// <param name="alignment">a_i.</param>
    /// <param name="lossOfStrength">λ_i (<see cref="LossOfStrength"/>).</param>
    /// <param name="missionStock">K_im.</param>
    /// <param name="aligned">True while aligned.</param>
    public static double AllyMissionEffectiveness(double interoperability, double alignment, double lossOfStrength, double missionStock, bool aligned) =>
        interoperability * alignment * lossOfStrength * (aligned ? 1 : 0) * missionStock;

    /// <summary>
    /// §8 (adversary side): a mission's adversary effectiveness sums <c>λ_j K_jm</c> over adversaries and
    /// <c>bandwagon_transfer · λ_i K_im</c> over allies that bandwagoned (§6); this is one such term.
    /// </summary>
    /// <param name="share">1 for an adversary, <c>bandwagon_transfer</c> for a bandwagoner.</param>
    /// <param name="lossOfStrength">λ of the actor (<see cref="LossOfStrength"/>).</param>
    /// <param name="missionStock">Its stock in the mission.</param>
    public static double AdversaryMissionEffectiveness(double share, double lossOfStrength, double missionStock) => share * lossOfStrength * missionStock;

    /// <summary>§8 and §9: the missile term of long-range strike, <c>missile_capability · x</c> (x the Richardson inventory of the side).</summary>
    /// <param name="missileCapability"><c>missile_capability</c>.</param>
    /// <param name="missiles">x for the coalition, y for the adversary.</param>
    public static double MissileStrike(double missileCapability, double missiles) => missiles * missileCapability;

    /// <summary>
    /// §8: overall effectiveness <c>E = (Σ_m ω̂_m (E_m/ω̂_m)^ρ)^{1/ρ}</c> with ω̂ the weights normalised to sum 1; the weighted
    /// geometric mean for |ρ| &lt; 1e-9 (Cobb–Douglas); each E_m/ω̂_m is floored at 1e-9 so a missing mission stays finite.
    /// A force whose stock is spread exactly by the weights scores its total.
    /// </summary>
    /// <param name="missions">E_m of the seven missions.</param>
    /// <param name="weights">ω_m (<c>weight_maritime</c> … <c>weight_land</c>), not necessarily normalised.</param>
    /// <param name="rho">ρ: <c>ces_rho</c>.</param>
    public static double CesEffectiveness(ReadOnlySpan<double> missions, ReadOnlySpan<double> weights, double rho)
    {
        double weightSum = 0;
        foreach (double w in weights)
        {
            weightSum += w;
        }

        double sum = 0, logSum = 0;
        for (int m = 0; m < missions.Length; m++)
        {
            double share = weights[m] / weightSum;
            double perWeight = Math.Max(missions[m] * (weightSum / weights[m]), 1e-9);
            sum += share * Math.Pow(perWeight, rho);
            logSum += share * Math.Log(perWeight);
        }

        return Math.Abs(rho) < 1e-9 ? Math.Exp(logSum) : Math.Pow(sum, 1 / rho);
    }

    /// <summary>§8: the mission weights ω_m of the run in <see cref="MissionArea"/> order.</summary>
    /// <param name="p">The run's parameters.</param>
    public static double[] MissionWeights(in ModelParameters<double> p) =>
        [p.WeightMaritime, p.WeightAir, p.WeightLongRangeStrike, p.WeightMissileDefence, p.WeightIsrSpace, p.WeightCyberEw, p.WeightLand];

    /// <summary>
    /// §8: <c>ι' = ι + (interop_rate·a + interop_links·Σ_j ℓ_ij + programme gains)(1 − ι) − interop_decay·d·ι</c>, kept in [0, 1].
    /// </summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="interoperability">ι(t).</param>
    /// <param name="alignment">a: this year's updated alignment.</param>
    /// <param name="linkSum">Σ_j ℓ_ij.</param>
    /// <param name="programmeGain">Σ <c>programme_interop_gain</c> of the ally's programmes.</param>
    /// <param name="duplication">d.</param>
    public static double NextInteroperability(in ModelParameters<double> p, double interoperability, double alignment, double linkSum, double programmeGain, double duplication)
    {
        double gain = (p.InteropRate * alignment) + (p.InteropLinks * linkSum) + programmeGain;
        return Math.Clamp(interoperability + (gain * (1 - interoperability)) - (p.InteropDecay * duplication * interoperability), 0, 1);
    }

    /// <summary>
    /// §9: one year of the Richardson pair <c>dx/dt = k y − a x + g + deployment_missiles·Σn</c>, <c>dy/dt = l x − b y + h</c>,
    /// integrated with <c>missile_substeps</c> explicit Euler sub-steps, inventories kept non-negative.
    /// </summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="coalition">x: coalition missiles.</param>
    /// <param name="adversary">y: adversary missiles.</param>
    /// <param name="launchers">Σ n_i: launcher units hosted (§10).</param>
    public static (double Coalition, double Adversary) RichardsonStep(in ModelParameters<double> p, double coalition, double adversary, double launchers)
    {
        double g = p.RichardsonG + (p.DeploymentMissiles * launchers);
        int steps = (int)Math.Max(1, p.MissileSubsteps);
        double dt = 1.0 / steps;
        double x = coalition, y = adversary;
        for (int s = 0; s < steps; s++)
        {
            double dx = (p.RichardsonK * y) - (p.RichardsonA * x) + g;
            double dy = (p.RichardsonL * x) - (p.RichardsonB * y) + p.RichardsonH;
            x = Math.Max(0, x + (dt * dx));
            y = Math.Max(0, y + (dt * dy));
        }

        return (x, y);
    }

    /// <summary>§9: the Richardson equilibrium <c>x* = (kh + bg)/(ab − kl)</c>, <c>y* = (lg + ah)/(ab − kl)</c> (stable iff ab &gt; kl).</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="launchers">Σ n_i, which adds <c>deployment_missiles·Σn</c> to g.</param>
    public static (double Coalition, double Adversary) RichardsonEquilibrium(in ModelParameters<double> p, double launchers)
    {
        double g = p.RichardsonG + (p.DeploymentMissiles * launchers);
        double det = (p.RichardsonA * p.RichardsonB) - (p.RichardsonK * p.RichardsonL);
        return (((p.RichardsonK * p.RichardsonH) + (p.RichardsonB * g)) / det, ((p.RichardsonL * g) + (p.RichardsonA * p.RichardsonH)) / det);
    }

    /// <summary>§9: whether the Richardson pair is stable, <c>ab &gt; kl</c>.</summary>
    /// <param name="p">The run's parameters.</param>
    public static bool RichardsonStable(in ModelParameters<double> p) => p.RichardsonA * p.RichardsonB > p.RichardsonK * p.RichardsonL;

    /// <summary>§10: exposure of a host, <c>n_i · host_targeting_share · y</c> (adversary missiles aimed at it).</summary>
    /// <param name="launchers">n_i: US launcher units hosted.</param>
    /// <param name="targetingShare"><c>host_targeting_share</c>.</param>
    /// <param name="adversaryMissiles">y: the adversary's missiles (§9).</param>
    public static double HostExposure(double launchers, double targetingShare, double adversaryMissiles) => launchers * targetingShare * adversaryMissiles;

    /// <summary>§10: economic coercion of a host in a crisis year, <c>coercion_gdp_shock · D_i · I</c> (0 for a country hosting nothing).</summary>
    /// <param name="coercionGdpShock"><c>coercion_gdp_shock</c>.</param>
    /// <param name="dependence">D_i: trade share with the adversary.</param>
    /// <param name="crisis">I: crisis intensity.</param>
    /// <param name="launchers">n_i: launcher units hosted.</param>
    public static double Coercion(double coercionGdpShock, double dependence, double crisis, double launchers) =>
        launchers > 0 ? coercionGdpShock * dependence * crisis : 0;

    /// <summary>§11: arms build-up since the start, <c>B = max(0, ln(M_adv/M_adv,0)) + max(0, ln(M_coal/M_coal,0))</c>.</summary>
    /// <param name="adversarySpending">M_adv: adversaries' spending.</param>
    /// <param name="adversaryStart">M_adv,0.</param>
    /// <param name="coalitionSpending">M_coal: the US and the allies' spending.</param>
    /// <param name="coalitionStart">M_coal,0.</param>
    public static double Buildup(double adversarySpending, double adversaryStart, double coalitionSpending, double coalitionStart) =>
        Math.Max(0, Math.Log(adversarySpending / adversaryStart)) + Math.Max(0, Math.Log(coalitionSpending / coalitionStart));

    /// <summary>§11: hazard of a random crisis, <c>σ(crisis_alpha0 + crisis_buildup·B + crisis_deployments·Σn − crisis_dialogue·dialogue)</c>.</summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="buildup">B (<see cref="Buildup"/>).</param>
    /// <param name="launchers">Σ n_i.</param>
    /// <param name="dialogue">Dialogue channels open this year, in [0, 1].</param>
    public static double CrisisHazard(in ModelParameters<double> p, double buildup, double launchers, double dialogue) =>
        Logistic(p.CrisisAlpha0 + (p.CrisisBuildup * buildup) + (p.CrisisDeployments * launchers) - (p.CrisisDialogue * dialogue));

    /// <summary>
    /// §11: this year's crisis intensity I: the stronger of a random crisis (<c>crisis_intensity</c>) and the scheduled one,
    /// both damped by <c>(1 − dialogue_damping · dialogue)</c>.
    /// </summary>
    /// <param name="p">The run's parameters.</param>
    /// <param name="randomCrisis">True when a random crisis arrived (a uniform draw under <see cref="CrisisHazard"/>).</param>
    /// <param name="scheduled">Intensity of the strongest crisis scheduled this year (0 if none).</param>
    /// <param name="dialogue">Dialogue channels open this year.</param>
    public static double CrisisIntensity(in ModelParameters<double> p, bool randomCrisis, double scheduled, double dialogue)
    {
        double damping = 1 - (p.DialogueDamping * dialogue);
        return Math.Max(randomCrisis ? p.CrisisIntensity * damping : 0, scheduled * damping);
    }

    /// <summary>§12: the balance of power <c>B = E_coalition / E_adversary</c> (below 1: tipped; the first such year is the crossover).</summary>
    /// <param name="coalition">E_coalition (<see cref="CesEffectiveness"/>).</param>
    /// <param name="adversary">E_adversary.</param>
    public static double BalanceRatio(double coalition, double adversary) => coalition / adversary;

    /// <summary>§12: US cost in the theatre, gross, <c>θ M_US + troop_cost · troops</c> (troops of hosts not stepped back from).</summary>
    /// <param name="theatreShare">θ.</param>
    /// <param name="usSpending">M_US.</param>
    /// <param name="troopCost"><c>troop_cost</c>, US$ per soldier-year.</param>
    /// <param name="troops">US troops stationed.</param>
    public static double UsCostGross(double theatreShare, double usSpending, double troopCost, double troops) => (theatreShare * usSpending) + (troopCost * troops);

    /// <summary>§12: US cost net of host-nation support, <c>gross − HNS</c>.</summary>
    /// <param name="gross"><see cref="UsCostGross"/>.</param>
    /// <param name="hostNationSupport">HNS received, US$.</param>
    public static double UsCostNet(double gross, double hostNationSupport) => gross - hostNationSupport;
}
