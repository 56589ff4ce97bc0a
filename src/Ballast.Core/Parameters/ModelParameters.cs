// Generated once from data/parameters.csv (descriptions) and kept in sync by a test: every field has a registry entry and vice versa.
using System.Runtime.InteropServices;

namespace Ballast.Core.Parameters;

/// <summary>
/// The model's parameters, strongly typed, resolved from the registry by name (field <c>BetaY</c> is registry name <c>beta_y</c>).
/// <typeparamref name="T"/> is <see cref="double"/> for one run, or <see cref="System.Numerics.Vector{T}"/> of double for a lane group of runs
/// (each lane its own uncertain draw). Every field has type <typeparamref name="T"/>, so the struct can be viewed as a span of T.
/// </summary>
/// <typeparam name="T">double or Vector&lt;double&gt;.</typeparam>
[StructLayout(LayoutKind.Sequential)]
public struct ModelParameters<T>
    where T : struct
{
    /// <summary>σ_g: standard deviation of the yearly GDP growth shock (1/yr); registry <c>gdp_volatility</c>.</summary>
    public T GdpVolatility;

    /// <summary>Share of the GDP shock variance common to all actors (regionally correlated shocks) (fraction); registry <c>shock_correlation</c>.</summary>
    public T ShockCorrelation;

    /// <summary>δ: yearly depreciation of the capability stock (1/yr); registry <c>delta</c>.</summary>
    public T Delta;

    /// <summary>φ: default conversion of spending into capability (capability/USD); registry <c>phi_default</c>.</summary>
    public T PhiDefault;

    /// <summary>Rate at which defence-industrial capacity grows toward the budget (1/yr); registry <c>industrial_adjustment</c>.</summary>
    public T IndustrialAdjustment;

    /// <summary>Initial industrial capacity above initial spending (fraction); registry <c>industrial_headroom</c>.</summary>
    public T IndustrialHeadroom;

    /// <summary>Efficiency of converting backlogged (lagged) spending relative to φ (fraction); registry <c>backlog_efficiency</c>.</summary>
    public T BacklogEfficiency;

    /// <summary>Share of the procurement backlog lost per year (1/yr); registry <c>backlog_waste</c>.</summary>
    public T BacklogWaste;

    /// <summary>Loss of φ per unit duplication (autonomous share) d (fraction); registry <c>duplication_phi_penalty</c>.</summary>
    public T DuplicationPhiPenalty;

    /// <summary>β_Y: elasticity of desired spending to GDP (elasticity); registry <c>beta_y</c>.</summary>
    public T BetaY;

    /// <summary>β_T: elasticity of desired spending to threat (elasticity); registry <c>beta_t</c>.</summary>
    public T BetaT;

    /// <summary>β_S: elasticity of desired spending to spill-ins (negative = free-riding) (elasticity); registry <c>beta_s</c>.</summary>
    public T BetaS;

    /// <summary>β_P: elasticity of desired spending to US pressure ln(1+P) (elasticity); registry <c>beta_p</c>.</summary>
    public T BetaP;

    /// <summary>λ: partial-adjustment speed of spending toward desired spending (1/yr); registry <c>lambda</c>.</summary>
    public T Lambda;

    /// <summary>σ_M: standard deviation of the spending shock (log points); registry <c>sigma_m</c>.</summary>
    public T SigmaM;

    /// <summary>ρ: pressure per unit burden gap (1/fraction); registry <c>pressure_rho</c>.</summary>
    public T PressureRho;

    /// <summary>L_T: distance scale of the proximity weights in the threat term (km); registry <c>threat_distance_km</c>.</summary>
    public T ThreatDistanceKm;

    /// <summary>Intercept of the discounting belief q (logit); registry <c>q_intercept</c>.</summary>
    public T QIntercept;

    /// <summary>Effect of signal harshness on q (logit); registry <c>q_harshness</c>.</summary>
    public T QHarshness;

    /// <summary>Effect of US public support (above the reference) lowering q (logit per fraction); registry <c>q_support</c>.</summary>
    public T QSupport;

    /// <summary>Effect of sunk posture lowering q (logit); registry <c>q_posture</c>.</summary>
    public T QPosture;

    /// <summary>Effect of an executed threat elsewhere raising q (logit); registry <c>q_executed</c>.</summary>
    public T QExecuted;

    /// <summary>US public: alliances effective (fraction); registry <c>support_alliances_effective</c>.</summary>
    public T SupportAlliancesEffective;

    /// <summary>US public: maintain or increase NATO commitment (fraction); registry <c>support_nato_commitment</c>.</summary>
    public T SupportNatoCommitment;

    /// <summary>US public: maintain or increase overseas bases (fraction); registry <c>support_overseas_bases</c>.</summary>
    public T SupportOverseasBases;

    /// <summary>Reference level of US public support (fraction); registry <c>support_reference</c>.</summary>
    public T SupportReference;

    /// <summary>η: adjustment speed of credibility toward its target (1/yr); registry <c>eta</c>.</summary>
    public T Eta;

    /// <summary>c0: reference credibility in distancing (fraction); registry <c>credibility_reference</c>.</summary>
    public T CredibilityReference;

    /// <summary>Intercept of the credibility target (logit); registry <c>c_intercept</c>.</summary>
    public T CIntercept;

    /// <summary>Credibility term of a reassuring stance (logit); registry <c>c_reassure</c>.</summary>
    public T CReassure;

    /// <summary>Credibility term of a conditional stance (logit); registry <c>c_conditional</c>.</summary>
    public T CConditional;

    /// <summary>Credibility term of a disengaging stance (logit); registry <c>c_disengage</c>.</summary>
    public T CDisengage;

    /// <summary>Credibility term for a partnership (logit); registry <c>c_treaty_partnership</c>.</summary>
    public T CTreatyPartnership;

    /// <summary>Credibility term for a bilateral treaty (logit); registry <c>c_treaty_bilateral</c>.</summary>
    public T CTreatyBilateral;

    /// <summary>Credibility term for a collective-defence treaty (logit); registry <c>c_treaty_collective</c>.</summary>
    public T CTreatyCollective;

    /// <summary>Credibility term per unit posture index (logit); registry <c>c_posture</c>.</summary>
    public T CPosture;

    /// <summary>Credibility term per unit signal harshness (logit); registry <c>c_harshness</c>.</summary>
    public T CHarshness;

    /// <summary>Credibility term when the US has stepped back from the ally (logit); registry <c>c_executed</c>.</summary>
    public T CExecuted;

    /// <summary>Credibility term when the US has stepped back from another ally (logit); registry <c>c_executed_other</c>.</summary>
    public T CExecutedOther;

    /// <summary>Credibility term for a concluded cost-sharing agreement (logit); registry <c>c_cost_sharing</c>.</summary>
    public T CCostSharing;

    /// <summary>Credibility term per unit US public support above the reference (logit per fraction); registry <c>c_support</c>.</summary>
    public T CSupport;

    /// <summary>Extra credibility adjustment speed per unit crisis intensity (1/yr); registry <c>crisis_eta_boost</c>.</summary>
    public T CrisisEtaBoost;

    /// <summary>ψ: adjustment speed of alignment (1/yr); registry <c>alignment_rate</c>.</summary>
    public T AlignmentRate;

    /// <summary>Amplification of de-alignment by threat growth (per log threat); registry <c>alignment_threat</c>.</summary>
    public T AlignmentThreat;

    /// <summary>Amplification of de-alignment by trade dependence on the adversary (per fraction); registry <c>alignment_dependence</c>.</summary>
    public T AlignmentDependence;

    /// <summary>Yearly alignment loss per hosted launcher unit (1/yr per launcher); registry <c>host_alignment_cost</c>.</summary>
    public T HostAlignmentCost;

    /// <summary>α0: intercept of the realignment hazard (logit); registry <c>realign_alpha0</c>.</summary>
    public T RealignAlpha0;

    /// <summary>α1: realignment hazard per unit credibility shortfall c0 - c (logit per fraction); registry <c>realign_alpha1</c>.</summary>
    public T RealignAlpha1;

    /// <summary>α2: realignment hazard per unit trade dependence D (logit per fraction); registry <c>realign_alpha2</c>.</summary>
    public T RealignAlpha2;

    /// <summary>α3: realignment hazard per unit log threat growth (logit per log threat); registry <c>realign_alpha3</c>.</summary>
    public T RealignAlpha3;

    /// <summary>Probability of bandwagoning (vs hedging) per unit trade dependence (per fraction); registry <c>bandwagon_dependence</c>.</summary>
    public T BandwagonDependence;

    /// <summary>Alignment multiplier on moving to hedging (fraction); registry <c>hedging_alignment</c>.</summary>
    public T HedgingAlignment;

    /// <summary>Share of a bandwagoner's capability added to the adversary (fraction); registry <c>bandwagon_transfer</c>.</summary>
    public T BandwagonTransfer;

    /// <summary>γ: slope of the duplication share d = logistic(γ(c0 - c)) (logit per fraction); registry <c>gamma</c>.</summary>
    public T Gamma;

    /// <summary>Intercept of the duplication share (logit); registry <c>duplication_bias</c>.</summary>
    public T DuplicationBias;

    /// <summary>θ0: intercept of the nuclear-hedging target (logit); registry <c>theta0</c>.</summary>
    public T Theta0;

    /// <summary>θ1: hedging target per unit credibility shortfall (logit per fraction); registry <c>theta1</c>.</summary>
    public T Theta1;

    /// <summary>θ2: hedging target per unit nuclear threat (logit per unit); registry <c>theta2</c>.</summary>
    public T Theta2;

    /// <summary>Adjustment speed of nuclear hedging (1/yr); registry <c>hedging_rate</c>.</summary>
    public T HedgingRate;

    /// <summary>Threshold of h reported as crossing (fraction); registry <c>hedging_threshold</c>.</summary>
    public T HedgingThreshold;

    /// <summary>Warheads per unit nuclear threat (warheads); registry <c>nuclear_threat_warheads</c>.</summary>
    public T NuclearThreatWarheads;

    /// <summary>Default initial credibility (fraction); registry <c>initial_credibility</c>.</summary>
    public T InitialCredibility;

    /// <summary>Default initial alignment (fraction); registry <c>initial_alignment</c>.</summary>
    public T InitialAlignment;

    /// <summary>Default initial interoperability (fraction); registry <c>initial_interoperability</c>.</summary>
    public T InitialInteroperability;

    /// <summary>Default initial nuclear-hedging propensity (fraction); registry <c>initial_hedging</c>.</summary>
    public T InitialHedging;

    /// <summary>Interoperability gain rate from exercises (times alignment) (1/yr); registry <c>interop_rate</c>.</summary>
    public T InteropRate;

    /// <summary>Interoperability gain rate per unit of ally-to-ally links (1/yr per link); registry <c>interop_links</c>.</summary>
    public T InteropLinks;

    /// <summary>Interoperability loss rate per unit duplication (1/yr); registry <c>interop_decay</c>.</summary>
    public T InteropDecay;

    /// <summary>ρ of the CES coalition effectiveness (&lt; 1) (1); registry <c>ces_rho</c>.</summary>
    public T CesRho;

    /// <summary>ω maritime (weight); registry <c>weight_maritime</c>.</summary>
    public T WeightMaritime;

    /// <summary>ω air (weight); registry <c>weight_air</c>.</summary>
    public T WeightAir;

    /// <summary>ω long-range strike (weight); registry <c>weight_long_range_strike</c>.</summary>
    public T WeightLongRangeStrike;

    /// <summary>ω missile defence (weight); registry <c>weight_missile_defence</c>.</summary>
    public T WeightMissileDefence;

    /// <summary>ω ISR and space (weight); registry <c>weight_isr_space</c>.</summary>
    public T WeightIsrSpace;

    /// <summary>ω cyber and EW (weight); registry <c>weight_cyber_ew</c>.</summary>
    public T WeightCyberEw;

    /// <summary>ω land (weight); registry <c>weight_land</c>.</summary>
    public T WeightLand;

    /// <summary>Distance scale of the loss-of-strength gradient exp(-d/L) (km); registry <c>lsg_distance_km</c>.</summary>
    public T LsgDistanceKm;

    /// <summary>Share of the loss of strength removed at full forward posture (fraction); registry <c>posture_lsg_relief</c>.</summary>
    public T PostureLsgRelief;

    /// <summary>Troops per unit of the posture index (troops); registry <c>posture_troops_scale</c>.</summary>
    public T PostureTroopsScale;

    /// <summary>Bases per unit of the posture index (bases); registry <c>posture_bases_scale</c>.</summary>
    public T PostureBasesScale;

    /// <summary>Yearly US cost of a stationed troop (USD per troop-year); registry <c>troop_cost</c>.</summary>
    public T TroopCost;

    /// <summary>Default theatre share of the US defence budget (fraction); registry <c>us_theatre_share</c>.</summary>
    public T UsTheatreShare;

    /// <summary>Share of US spill-in an ally keeps once the US has stepped back (fraction); registry <c>us_stepback_spillin</c>.</summary>
    public T UsStepbackSpillin;

    /// <summary>Multiplier on the theatre share under a disengaging stance (fraction); registry <c>disengage_theatre</c>.</summary>
    public T DisengageTheatre;

    /// <summary>g_C: growth of the lead adversary's budget (1/yr); registry <c>g_c</c>.</summary>
    public T GC;

    /// <summary>Extra adversary budget growth per unit growth rate of coalition capability (1); registry <c>adversary_reaction</c>.</summary>
    public T AdversaryReaction;

    /// <summary>k: coalition missile reaction to adversary missiles (1/yr); registry <c>richardson_k</c>.</summary>
    public T RichardsonK;

    /// <summary>a: coalition missile fatigue (1/yr); registry <c>richardson_a</c>.</summary>
    public T RichardsonA;

    /// <summary>l: adversary missile reaction to coalition missiles (1/yr); registry <c>richardson_l</c>.</summary>
    public T RichardsonL;

    /// <summary>b: adversary missile fatigue (1/yr); registry <c>richardson_b</c>.</summary>
    public T RichardsonB;

    /// <summary>g: coalition autonomous missile build-up (missiles/yr); registry <c>richardson_g</c>.</summary>
    public T RichardsonG;

    /// <summary>h: adversary autonomous missile build-up (missiles/yr); registry <c>richardson_h</c>.</summary>
    public T RichardsonH;

    /// <summary>Integration sub-steps per year (steps/yr); registry <c>missile_substeps</c>.</summary>
    public T MissileSubsteps;

    /// <summary>Coalition missile inflow per hosted launcher unit (missiles/yr per launcher); registry <c>deployment_missiles</c>.</summary>
    public T DeploymentMissiles;

    /// <summary>Long-range strike capability per missile (capability per missile); registry <c>missile_capability</c>.</summary>
    public T MissileCapability;

    /// <summary>Lower bound of the intermediate range band (km); registry <c>inf_range_min_km</c>.</summary>
    public T InfRangeMinKm;

    /// <summary>Upper bound of the intermediate range band (km); registry <c>inf_range_max_km</c>.</summary>
    public T InfRangeMaxKm;

    /// <summary>Share of adversary missiles aimed at a host per hosted launcher unit (fraction per launcher); registry <c>host_targeting_share</c>.</summary>
    public T HostTargetingShare;

    /// <summary>Host GDP shock per unit trade dependence and crisis intensity (fraction); registry <c>coercion_gdp_shock</c>.</summary>
    public T CoercionGdpShock;

    /// <summary>Threat increase per hosted launcher unit (fraction per launcher); registry <c>hosting_threat</c>.</summary>
    public T HostingThreat;

    /// <summary>Intercept of the crisis hazard (logit); registry <c>crisis_alpha0</c>.</summary>
    public T CrisisAlpha0;

    /// <summary>Crisis hazard per unit log growth of adversary plus coalition spending (logit per log growth); registry <c>crisis_buildup</c>.</summary>
    public T CrisisBuildup;

    /// <summary>Crisis hazard per hosted launcher unit (logit per launcher); registry <c>crisis_deployments</c>.</summary>
    public T CrisisDeployments;

    /// <summary>Crisis hazard reduction at full dialogue (logit); registry <c>crisis_dialogue</c>.</summary>
    public T CrisisDialogue;

    /// <summary>Intensity of a randomly arriving crisis (fraction); registry <c>crisis_intensity</c>.</summary>
    public T CrisisIntensity;

    /// <summary>Threat increase per unit crisis intensity (fraction); registry <c>crisis_threat</c>.</summary>
    public T CrisisThreat;

    /// <summary>Damping of scheduled crisis intensity at full dialogue (fraction); registry <c>dialogue_damping</c>.</summary>
    public T DialogueDamping;

    /// <summary>Default dialogue level (fraction); registry <c>dialogue_default</c>.</summary>
    public T DialogueDefault;

    /// <summary>Upper bound on military expenditure as a share of GDP (fraction); registry <c>max_burden</c>.</summary>
    public T MaxBurden;

    /// <summary>Highest burden an ally or partner desires in peacetime (fraction); registry <c>max_peacetime_burden</c>.</summary>
    public T MaxPeacetimeBurden;

    /// <summary>Gain in φ in a co-development programme's mission area per member (fraction); registry <c>programme_phi_gain</c>.</summary>
    public T ProgrammePhiGain;

    /// <summary>Yearly interoperability gain per co-development programme (1/yr); registry <c>programme_interop_gain</c>.</summary>
    public T ProgrammeInteropGain;

    /// <summary>Ally-to-ally link strength of a catalogue grouping under a networked architecture (fraction); registry <c>network_link_strength</c>.</summary>
    public T NetworkLinkStrength;
}
