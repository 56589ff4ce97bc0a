using Ballast.Core.Parameters;

namespace Ballast.Core.Model;

/// <summary>
/// The scalar reference form of every equation of docs/model.md (initial state, §1 economy … §12 balance of power), one
/// method per quantity, named as the document names it. Plain doubles for one actor, one run, one year: the vector kernel
/// (<c>Simulation</c>) is tested against these lane by lane, and the calibration, back-test, optimiser and reports call
/// them instead of restating a formula.
/// </summary>
/// <remarks>
/// Equations whose coefficients are many registry parameters (the behavioural rules of §4–§11) take the run's
/// <see cref="ModelParameters{T}"/> (field ⇔ registry name, e.g. <c>QSupport</c> ⇔ <c>q_support</c>); those used outside
/// the engine take plain numbers. Operations follow the kernel's order where that costs no clarity, so pure arithmetic
/// agrees to the last bit or two; the kernel's exp and log (LaneMath) differ from <see cref="Math.Exp"/> and
/// <see cref="Math.Log(double)"/> by at most 1e-14 relative.
/// </remarks>
public static partial class Equations
{
    /// <summary>Smallest adjustment speed divided by, so a near-zero λ gives a large but finite balanced-growth lag.</summary>
    public const double MinAdjustmentSpeed = 1e-12;

    /// <summary>Notation: the logistic function <c>σ(z) = 1/(1 + e^{−z})</c>.</summary>
    /// <param name="z">Index.</param>
    public static double Logistic(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Initial state: GDP from spending and the observed burden, <c>Y_i = M_i / s_i</c> (the burden is authoritative).</summary>
    /// <param name="spending">M_i: start-year military expenditure.</param>
    /// <param name="burden">s_i: start-year spending / GDP.</param>
    public static double InitialGdp(double spending, double burden) => spending / burden;

    /// <summary>
    /// Initial state and §2: the perpetual-inventory stock of spending on a growth path,
    /// <c>K_i = φ_i M_i / (δ + max(0, g_i))</c>; with g = 0 the steady state <c>K* = φM/δ</c>.
    /// </summary>
    /// <param name="phi">φ_i: conversion of spending into capability.</param>
    /// <param name="spending">M_i: spending.</param>
    /// <param name="delta">δ: yearly depreciation (<c>delta</c>).</param>
    /// <param name="trendGrowth">g_i: growth of spending, fraction per year (negative counts as none).</param>
    public static double InitialCapability(double phi, double spending, double delta, double trendGrowth) =>
        phi * spending / (delta + Math.Max(0, trendGrowth));

    /// <summary>§2: the steady state of constant spending with capacity not binding, <c>K* = φM/δ</c>.</summary>
    /// <param name="phi">φ: conversion of spending into capability.</param>
    /// <param name="spending">M: constant spending.</param>
    /// <param name="delta">δ: yearly depreciation.</param>
    public static double SteadyStateCapability(double phi, double spending, double delta) => InitialCapability(phi, spending, delta, 0);

    /// <summary>§2: the path to the steady state from K(0) = 0, <c>K(t) = K*(1 − (1−δ)^t)</c>.</summary>
    /// <param name="steadyState">K* = φM/δ.</param>
    /// <param name="delta">δ: yearly depreciation.</param>
    /// <param name="years">t: years since the start.</param>
    public static double CapabilityPath(double steadyState, double delta, int years) => steadyState * (1 - Math.Pow(1 - delta, years));

    /// <summary>Initial state: a mission's stock, <c>K_im = K_i x_im</c>.</summary>
    /// <param name="capability">K_i: total stock.</param>
    /// <param name="missionShare">x_im: the mission's share of the mix.</param>
    public static double MissionStock(double capability, double missionShare) => capability * missionShare;

    /// <summary>Initial state: industrial capacity, <c>Q_i = M_i (1 + industrial_headroom)</c>.</summary>
    /// <param name="spending">M_i: start-year spending.</param>
    /// <param name="headroom"><c>industrial_headroom</c>.</param>
    public static double InitialIndustrialCapacity(double spending, double headroom) => spending * (1 + headroom);

    /// <summary>
    /// Initial state: the gap <c>ln M* − ln M = β_Y ln(1 + max(0, g_i))/λ</c> of the balanced-growth path of §3 (spending
    /// that grows with trend GDP at elasticity β_Y under partial adjustment); 0 for λ ≤ 0 (frozen spending has no path).
    /// </summary>
    /// <param name="betaY">β_Y: income elasticity.</param>
    /// <param name="lambda">λ: partial-adjustment speed.</param>
    /// <param name="trendGrowth">g_i: trend real GDP growth, fraction per year (negative counts as none).</param>
    public static double BalancedGrowthLag(double betaY, double lambda, double trendGrowth) =>
        lambda > 0 ? betaY * Math.Log(1 + Math.Max(0, trendGrowth)) / Math.Max(lambda, MinAdjustmentSpeed) : 0;

    /// <summary>
    /// Initial state: the demand intercept that puts the start year on the balanced-growth path,
    /// <c>α_i = ln M_i + β_Y ln(1+g_i)/λ − β_Y ln Y_i − β_T ln(1+T_i) − β_S ln(1+S_i/M_i,0)</c>, where
    /// <paramref name="desiredWithoutIntercept"/> is <see cref="DesiredLogSpending"/> at the start with α = 0 and P = 0.
    /// </summary>
    /// <param name="logSpending">ln M_i at the start.</param>
    /// <param name="desiredWithoutIntercept">β_Y ln Y + β_T ln(1+T) + β_S ln(1+S/M_0) at the start.</param>
    /// <param name="betaY">β_Y: income elasticity.</param>
    /// <param name="lambda">λ: partial-adjustment speed.</param>
    /// <param name="trendGrowth">g_i: trend real GDP growth.</param>
    public static double DemandIntercept(double logSpending, double desiredWithoutIntercept, double betaY, double lambda, double trendGrowth) =>
        logSpending + BalancedGrowthLag(betaY, lambda, trendGrowth) - desiredWithoutIntercept;

    /// <summary>§1: the economic shock of an actor, <c>ε_i = √ρ_s z_0 + √(1−ρ_s) z_i</c> (ρ_s clamped to [0, 1]).</summary>
    /// <param name="shockCorrelation">ρ_s: <c>shock_correlation</c>.</param>
    /// <param name="commonDraw">z_0: the standard normal common to every actor of the run this year.</param>
    /// <param name="ownDraw">z_i: the actor's own standard normal.</param>
    public static double EconomicShock(double shockCorrelation, double commonDraw, double ownDraw)
    {
        double rho = Math.Clamp(shockCorrelation, 0, 1);
        return (Math.Sqrt(rho) * commonDraw) + (Math.Sqrt(1 - rho) * ownDraw);
    }

    /// <summary>§1: next year's GDP, <c>Y_i(t+1) = Y_i(t) · max(0.01, 1 + g_i + shock_i(t) + σ_g ε_i − coercion_i(t))</c>.</summary>
    /// <param name="gdp">Y_i(t).</param>
    /// <param name="trendGrowth">g_i: trend growth.</param>
    /// <param name="scheduledShock">shock_i(t): scheduled economic shock (a COVID-like year), fraction.</param>
    /// <param name="volatility">σ_g: <c>gdp_volatility</c>.</param>
    /// <param name="shock">ε_i: <see cref="EconomicShock"/>.</param>
    /// <param name="coercion">coercion_i(t): <see cref="Coercion"/> (§10).</param>
    public static double NextGdp(double gdp, double trendGrowth, double scheduledShock, double volatility, double shock, double coercion)
    {
        double growth = (trendGrowth + scheduledShock) + (volatility * shock) - coercion;
        return gdp * Math.Max(0.01, 1 + growth);
    }

    /// <summary>
    /// §2: spending and backlog meeting industrial capacity: <c>a_M = min(M, Q)</c>, <c>a_B = min(B, Q − a_M)</c>, unabsorbed
    /// <c>L = (M − a_M) + (B − a_B)</c>, waste <c>w = backlog_waste · L</c>, next backlog <c>B' = L − w</c>.
    /// </summary>
    /// <param name="spending">M: this year's spending.</param>
    /// <param name="backlog">B: backlog carried in.</param>
    /// <param name="capacity">Q: industrial capacity.</param>
    /// <param name="backlogWaste"><c>backlog_waste</c>: share of the unabsorbed money lost.</param>
    public static Absorption IndustrialAbsorption(double spending, double backlog, double capacity, double backlogWaste)
    {
        double absorbedSpending = Math.Min(spending, capacity);
        double absorbedBacklog = Math.Min(backlog, Math.Max(0, capacity - absorbedSpending));
        double unabsorbed = (spending - absorbedSpending) + (backlog - absorbedBacklog);
        double waste = unabsorbed * backlogWaste;
        return new Absorption(absorbedSpending, absorbedBacklog, unabsorbed, waste, unabsorbed - waste);
    }

    /// <summary>§2: next year's capacity, <c>Q' = Q + industrial_adjustment · (M + B − Q)</c>.</summary>
    /// <param name="capacity">Q.</param>
    /// <param name="spending">M: this year's spending.</param>
    /// <param name="backlog">B: backlog carried in (before absorption).</param>
    /// <param name="adjustment"><c>industrial_adjustment</c>.</param>
    public static double NextIndustrialCapacity(double capacity, double spending, double backlog, double adjustment) =>
        capacity + (adjustment * ((spending + backlog) - capacity));

    /// <summary>§2: conversion lowered by fragmented procurement, <c>φ_eff = φ_i (1 − duplication_phi_penalty · d_i)</c>.</summary>
    /// <param name="phi">φ_i.</param>
    /// <param name="penalty"><c>duplication_phi_penalty</c>.</param>
    /// <param name="duplication">d_i: autonomous share (§7); 0 for actors without a duplication rule.</param>
    public static double EffectiveConversion(double phi, double penalty, double duplication) => phi * (1 - (penalty * duplication));

    /// <summary>
    /// §2: perpetual inventory of a mission's stock,
    /// <c>K_im(t+1) = (1−δ) K_im + φ_eff (a_M + backlog_efficiency · a_B) x_im (1 + Σ_programmes φgain_im)</c>.
    /// </summary>
    /// <param name="missionStock">K_im(t).</param>
    /// <param name="delta">δ.</param>
    /// <param name="effectiveConversion">φ_eff: <see cref="EffectiveConversion"/>.</param>
    /// <param name="absorbedSpending">a_M.</param>
    /// <param name="absorbedBacklog">a_B.</param>
    /// <param name="backlogEfficiency"><c>backlog_efficiency</c>.</param>
    /// <param name="missionShare">x_im: this year's investment share of the mission (§7).</param>
    /// <param name="programmeGain">Σ φgain_im of the joint programmes in the mission.</param>
    public static double CapabilityAccumulation(double missionStock, double delta, double effectiveConversion, double absorbedSpending, double absorbedBacklog, double backlogEfficiency, double missionShare, double programmeGain)
    {
        double added = effectiveConversion * (absorbedSpending + (backlogEfficiency * absorbedBacklog));
        return ((1 - delta) * missionStock) + (added * missionShare * (1 + programmeGain));
    }

    /// <summary>
    /// §2 with capacity not binding, one mission, no programmes: <c>K(t+1) = (1−δ) K(t) + φ M(t)</c> (the calibration's
    /// perpetual inventory over history).
    /// </summary>
    /// <param name="stock">K(t).</param>
    /// <param name="delta">δ.</param>
    /// <param name="phi">φ.</param>
    /// <param name="spending">M(t).</param>
    public static double CapabilityAccumulation(double stock, double delta, double phi, double spending) =>
        CapabilityAccumulation(stock, delta, phi, spending, 0, 0, 1, 0);

    /// <summary>
    /// §2 and §3: actual spending within its bounds, <c>min(max(M, 1e-9·Y), max_burden · Y)</c> (<c>max_peacetime_burden</c> for
    /// allies and partners, <c>max_burden</c> for the others; the floor keeps ln M finite).
    /// </summary>
    /// <param name="spending">Proposed next-year spending.</param>
    /// <param name="gdp">Next year's GDP.</param>
    /// <param name="maxBurden">The burden ceiling.</param>
    public static double BoundedSpending(double spending, double gdp, double maxBurden) =>
        Math.Min(Math.Max(spending, 1e-9 * gdp), maxBurden * gdp);
}

/// <summary>§2: how this year's spending and the backlog meet industrial capacity (<see cref="Equations.IndustrialAbsorption"/>).</summary>
/// <param name="Spending">a_M: spending absorbed.</param>
/// <param name="Backlog">a_B: backlog absorbed.</param>
/// <param name="Unabsorbed">L: money not absorbed this year.</param>
/// <param name="Waste">w: the part of L lost.</param>
/// <param name="NextBacklog">B' = L − w: carried to next year.</param>
public readonly record struct Absorption(double Spending, double Backlog, double Unabsorbed, double Waste, double NextBacklog);
