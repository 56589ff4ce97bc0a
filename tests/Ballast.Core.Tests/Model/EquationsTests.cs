using Ballast.Core.Model;
using Ballast.Core.Parameters;
using Ballast.Core.Tests.Support;

namespace Ballast.Core.Tests.Model;

/// <summary><see cref="Equations"/> against closed forms and hand-computed numbers, section by section of docs/model.md.</summary>
public class EquationsTests
{
    private const double Tight = 1e-14;

    [Fact]
    public void Logistic_is_one_half_at_zero_and_three_quarters_at_ln3()
    {
        Assert.Equal(0.5, Equations.Logistic(0));
        AssertNumbers.RelativelyClose(0.75, Equations.Logistic(Math.Log(3)), Tight);
        AssertNumbers.RelativelyClose(1 - 0.75, Equations.Logistic(-Math.Log(3)), 1e-13);
    }

    [Fact]
    public void Initial_state_takes_GDP_from_the_burden_and_capability_from_the_growth_path()
    {
        AssertNumbers.RelativelyClose(1e12, Equations.InitialGdp(30e9, 0.03), Tight);
        AssertNumbers.RelativelyClose(50e9 / 0.1, Equations.InitialCapability(1, 50e9, 0.08, 0.02), Tight);
        Assert.Equal(Equations.InitialCapability(0.9, 50e9, 0.08, 0), Equations.InitialCapability(0.9, 50e9, 0.08, -0.03)); // decline counts as no growth
        AssertNumbers.RelativelyClose(50e9 * 1.05, Equations.InitialIndustrialCapacity(50e9, 0.05), Tight);
        Assert.Equal(25.0, Equations.MissionStock(100, 0.25));
    }

    [Fact]
    public void Balanced_growth_intercept_makes_spending_grow_with_beta_Y_times_trend_GDP_growth()
    {
        // Y grows at g, T and S constant: with α from the start year, ln M rises by β_Y ln(1+g) every year exactly.
        double betaY = 0.8, betaT = 0.3, betaS = -0.15, lambda = 0.06, g = 0.04;
        double lnY = Math.Log(2e12), lnM = Math.Log(40e9), threat = Equations.ThreatTerm(5e12), spill = Equations.SpillInTerm(9e12, 40e9);
        double desired0 = Equations.DesiredLogSpending(0, betaY, lnY, betaT, threat, betaS, spill, 0, 0);
        double alpha = Equations.DemandIntercept(lnM, desired0, betaY, lambda, g);
        AssertNumbers.RelativelyClose(betaY * Math.Log(1.04) / lambda, Equations.BalancedGrowthLag(betaY, lambda, g), Tight);
        for (int t = 0; t < 20; t++)
        {
            double desired = Equations.DesiredLogSpending(alpha, betaY, lnY, betaT, threat, betaS, spill, 0.8, 0);
            double next = Equations.PartialAdjustment(lnM, desired, lambda, 0.1, 0);
            AssertNumbers.Close(betaY * Math.Log(1 + g), next - lnM, 1e-12);
            lnM = next;
            lnY += Math.Log(1 + g);
        }

        Assert.Equal(0, Equations.BalancedGrowthLag(betaY, 0, g)); // λ = 0 freezes spending
        Assert.Equal(0, Equations.BalancedGrowthLag(betaY, lambda, -0.02));
        Assert.Equal(Equations.BalancedGrowthLag(betaY, lambda, g), BalancedGrowth.DemandLag(betaY, lambda, g));
        Assert.Equal(Equations.DemandIntercept(1, 2, betaY, lambda, g), BalancedGrowth.Intercept(1, 2, betaY, lambda, g));
    }

    [Fact]
    public void Section_1_shocks_have_unit_variance_and_GDP_has_a_floor()
    {
        Assert.Equal(0.7, Equations.EconomicShock(0, 1.3, 0.7));
        Assert.Equal(1.3, Equations.EconomicShock(1, 1.3, 0.7));
        AssertNumbers.RelativelyClose((0.5 * 1.3) + (Math.Sqrt(0.75) * 0.7), Equations.EconomicShock(0.25, 1.3, 0.7), Tight);
        Assert.Equal(Equations.EconomicShock(1, 1.3, 0.7), Equations.EconomicShock(2, 1.3, 0.7)); // ρ clamped to [0, 1]
        AssertNumbers.RelativelyClose(100 * (1 + 0.02 - 0.05 + (0.015 * 2) - 0.01), Equations.NextGdp(100, 0.02, -0.05, 0.015, 2, 0.01), Tight);
        Assert.Equal(1.0, Equations.NextGdp(100, 0.02, -2, 0, 0, 0)); // max(0.01, …)
    }

    [Fact]
    public void Section_2_capability_converges_to_phi_M_over_delta_along_the_closed_form_path()
    {
        double phi = 0.9, m = 50e9, delta = 0.08;
        double kStar = Equations.SteadyStateCapability(phi, m, delta);
        AssertNumbers.RelativelyClose(phi * m / delta, kStar, Tight);
        AssertNumbers.RelativelyClose(kStar, Equations.CapabilityAccumulation(kStar, delta, phi, m), 1e-15); // a fixed point
        double k = 0;
        for (int t = 1; t <= 60; t++)
        {
            k = Equations.CapabilityAccumulation(k, delta, phi, m);
            AssertNumbers.RelativelyClose(Equations.CapabilityPath(kStar, delta, t), k, 1e-12);
        }

        AssertNumbers.RelativelyClose(kStar * (1 - Math.Pow(0.92, 60)), k, 1e-12);
    }

    [Fact]
    public void Section_2_absorption_conserves_money()
    {
        var a = Equations.IndustrialAbsorption(10, 4, 12, 0.1);
        Assert.Equal((10.0, 2.0, 2.0), (a.Spending, a.Backlog, a.Unabsorbed));
        AssertNumbers.RelativelyClose(0.2, a.Waste, Tight);
        AssertNumbers.RelativelyClose(1.8, a.NextBacklog, Tight);
        Assert.Equal(10 + 4, a.Spending + a.Backlog + a.Waste + a.NextBacklog, 12);
        var binding = Equations.IndustrialAbsorption(15, 3, 12, 0.25); // spending alone exceeds capacity: no backlog absorbed
        Assert.Equal(new Absorption(12, 0, 6, 1.5, 4.5), binding);
        AssertNumbers.RelativelyClose(10 + (0.15 * (12 + 2 - 10)), Equations.NextIndustrialCapacity(10, 12, 2, 0.15), Tight);
        AssertNumbers.RelativelyClose(0.85, Equations.EffectiveConversion(1, 0.3, 0.5), Tight);

        // (1−δ)K + φ_eff (a_M + b a_B) x (1 + gain) = 90 + 0.85·11·0.2·1.1.
        AssertNumbers.RelativelyClose(90 + (0.85 * 11 * 0.2 * 1.1), Equations.CapabilityAccumulation(100, 0.1, 0.85, 10, 2, 0.5, 0.2, 0.1), Tight);
        Assert.Equal(5.0, Equations.BoundedSpending(8, 50, 0.1));
        AssertNumbers.RelativelyClose(1e-9 * 50, Equations.BoundedSpending(0, 50, 0.1), Tight); // the floor keeps ln M finite
        Assert.Equal(3.0, Equations.BoundedSpending(3, 50, 0.1));
    }

    [Fact]
    public void Section_3_distance_decay_threat_and_spill_ins()
    {
        Assert.Equal(1.0, Equations.ProximityWeight(0, 3000));
        AssertNumbers.RelativelyClose(1 / Math.E, Equations.ProximityWeight(3000, 3000), Tight);
        Assert.Equal(Equations.LossOfStrength(4321, 10000), Equations.ProximityWeight(4321, 10000));
        Assert.Equal((0.5 * 10) + (0.25 * 20), Equations.ProximityWeightedStock([0.5, 0.25], [10, 20]));
        AssertNumbers.RelativelyClose(100 * 1.4 * 1.2, Equations.Threat(100, 0.5, 0.8, 0.1, 2), Tight);
        AssertNumbers.RelativelyClose(1 - (0.7 * 0.8), Equations.UsLossOfStrength(0.3, 0.5, 0.4), Tight);
        AssertNumbers.RelativelyClose(0.3, Equations.UsLossOfStrength(0.3, 0.5, 0), Tight);
        AssertNumbers.RelativelyClose(0.3, Equations.StepBackRetention(1, 0.3), Tight);
        Assert.Equal(1.0, Equations.StepBackRetention(0, 0.3));
        Assert.Equal(0.11, Equations.TheatreShare(0.55, disengaging: true, 0.2), 15);
        Assert.Equal(0.55, Equations.TheatreShare(0.55, disengaging: false, 0.2));
        AssertNumbers.RelativelyClose(0.8 * 0.55 * 1e13 * 0.44 * 0.3, Equations.UsSpillIn(0.8, 0.55, 1e13, 0.44, 0.3, aligned: true), Tight);
        Assert.Equal(0.0, Equations.UsSpillIn(0.8, 0.55, 1e13, 0.44, 0.3, aligned: false));
        Assert.Equal(100 + (0.3 * 0.9 * 50) + (0.1 * 0 * 70), Equations.SpillIn(100, [0.3, 0.1], [0.9, 0], [50, 70]));
    }

    [Fact]
    public void Section_3_spill_in_term_is_scale_free_and_bounds_the_loss_of_protection()
    {
        Assert.Equal(0.0, Equations.SpillInTerm(0, 4e9));
        AssertNumbers.RelativelyClose(1, Equations.SpillInTerm((Math.E - 1) * 4e9, 4e9), 1e-13);
        Assert.Equal(Equations.SpillInTerm(1.2e12, 4e9), Equations.SpillInTerm(1.2e3, 4e0), 12); // only S/M0 matters

        // docs/model.md §3: a US term a few hundred times the budget, lost at once, raises desired spending by ≈ ×2.5 at β_S = −0.15.
        double factor = Math.Exp(-0.15 * (0 - Equations.SpillInTerm(300 * 4e9, 4e9)));
        Assert.InRange(factor, 2.3, 2.4);

        // The elasticity d ln(1+x)/d ln x = x/(1+x) tends to 1, so β_S is the free-riding elasticity for large S.
        double x = 300, h = 1e-6;
        double elasticity = (Equations.SpillInTerm(x * Math.Exp(h), 1) - Equations.SpillInTerm(x * Math.Exp(-h), 1)) / (2 * h);
        AssertNumbers.RelativelyClose(x / (1 + x), elasticity, 1e-8);
    }

    [Fact]
    public void Section_3_desired_spending_pressure_and_partial_adjustment()
    {
        AssertNumbers.RelativelyClose(2 * 0.015 * 0.5, Equations.Pressure(2, 0.035, 0.02, 0.5), Tight);
        Assert.Equal(0.0, Equations.Pressure(2, 0.035, 0.04, 0.5));
        AssertNumbers.RelativelyClose(Math.Log(1.25), Equations.PressureTerm(0.25), Tight);
        AssertNumbers.RelativelyClose(Math.Log(1.25), Equations.ThreatTerm(0.25), Tight);
        double desired = Equations.DesiredLogSpending(1, 0.8, 20, 0.3, 5, -0.15, 6, 0.8, 0.1);
        AssertNumbers.RelativelyClose(1 + 16 + 1.5 - 0.9 + 0.08, desired, Tight);
        Assert.Equal(desired, Equations.CappedDesiredLogSpending(desired, 25, 0.1));
        AssertNumbers.RelativelyClose(Math.Log(0.1) + 15, Equations.CappedDesiredLogSpending(desired, 15, 0.1), Tight);
        Assert.Equal(17.0, Equations.PartialAdjustment(10, 17, 1, 0, 0));
        Assert.Equal(10.0, Equations.PartialAdjustment(10, 17, 0, 0, 0));
        AssertNumbers.RelativelyClose(10 + (0.25 * 7) + (0.1 * -1.5), Equations.PartialAdjustment(10, 17, 0.25, 0.1, -1.5), Tight);
        AssertNumbers.RelativelyClose(102, Equations.TrendSpending(100, 0.02), Tight);
        AssertNumbers.RelativelyClose(100 * (1 + 0.066 + (0.5 * 0.04)), Equations.AdversarySpending(100, 0.066, 0.5, 0.04), Tight);
        AssertNumbers.RelativelyClose(Math.Log(1.1), Equations.CoalitionCapabilityGrowth(110, 100), Tight);
        Assert.Equal(0.0, Equations.CoalitionCapabilityGrowth(90, 100));
        Assert.Equal(0.0, Equations.CoalitionCapabilityGrowth(90, 0));
        Assert.Equal((0.5 * 100) + 10 + 30, Equations.CoalitionTotal(0.5, 100, [10, 20, 30], [true, false, true]));
    }

    [Fact]
    public void Section_4_posture_support_and_discounting()
    {
        var p = Parameters();
        AssertNumbers.RelativelyClose(((0.89 + 0.75 + 0.71) / 3) - 0.7, Equations.SupportGap(p), Tight);
        AssertNumbers.RelativelyClose(1 - Math.Exp(-1), Equations.Posture(p, 30000, 0, 0, 0), Tight);
        AssertNumbers.RelativelyClose(1 - Math.Exp(-3), Equations.Posture(p, 30000, 50, 100_000 * 30000.0, 0), Tight);
        Assert.Equal(0.0, Equations.Posture(p, 30000, 50, 0, 1));

        // q_intercept chosen so that the index is ln 3 with H = 0.5, posture 0.2, an executed threat elsewhere.
        double z = (2 * 0.5) - (8 * Equations.SupportGap(p)) - (3 * 0.2) + 1;
        p.QIntercept = Math.Log(3) - z;
        AssertNumbers.RelativelyClose(0.75, Equations.Discounting(p, 0.5, 0.2, anyExecuted: true, aligned: true), 1e-13);
        Assert.Equal(0.0, Equations.Discounting(p, 0.5, 0.2, anyExecuted: true, aligned: false));
    }

    [Fact]
    public void Section_5_credibility_targets_and_adjustment()
    {
        var p = Parameters();
        Assert.Equal(p.CReassure, Equations.StanceTerm(p, StanceKind.Reassure));
        Assert.Equal(p.CConditional, Equations.StanceTerm(p, StanceKind.Conditional));
        Assert.Equal(p.CDisengage, Equations.StanceTerm(p, StanceKind.Disengage));
        Assert.Equal(p.CTreatyBilateral, Equations.TreatyTerm(p, TreatyType.BilateralTreaty));
        Assert.Equal(0.0, Equations.TreatyTerm(p, TreatyType.None));

        // Index by hand: intercept + reassure + bilateral + posture + harshness + executed elsewhere + cost sharing + support.
        double z = p.CIntercept + p.CReassure + p.CTreatyBilateral + (p.CPosture * 0.4) + (p.CHarshness * 0.5) + p.CExecutedOther + p.CCostSharing + (p.CSupport * Equations.SupportGap(p));
        AssertNumbers.RelativelyClose(Equations.Logistic(z), Equations.TargetCredibility(p, StanceKind.Reassure, TreatyType.BilateralTreaty, 0.4, 0.5, executed: false, anyExecuted: true, 1), Tight);
        double zExecuted = p.CIntercept + p.CReassure + p.CTreatyBilateral + (p.CPosture * 0.4) + (p.CHarshness * 0.5) + p.CExecuted + p.CCostSharing + (p.CSupport * Equations.SupportGap(p));
        AssertNumbers.RelativelyClose(Equations.Logistic(zExecuted), Equations.TargetCredibility(p, StanceKind.Reassure, TreatyType.BilateralTreaty, 0.4, 0.5, executed: true, anyExecuted: true, 1), Tight);
        Assert.Equal(1.0, Equations.CredibilityAdjustmentSpeed(p, 0.9)); // 0.3 + 1·0.9 capped at 1
        AssertNumbers.RelativelyClose(0.5, Equations.CredibilityAdjustmentSpeed(p, 0.2), Tight);
        AssertNumbers.RelativelyClose(0.58, Equations.NextCredibility(0.5, 0.9, 0.2), Tight);
        Assert.True(Equations.ThreatExecuted(true, false, true, 0.02, 0.035, 0.3, 0.4));
        Assert.False(Equations.ThreatExecuted(true, false, true, 0.02, 0.035, 0.5, 0.4)); // the draw above q
        Assert.False(Equations.ThreatExecuted(true, false, true, 0.04, 0.035, 0.3, 0.4)); // at target
        Assert.False(Equations.ThreatExecuted(true, true, true, 0.02, 0.035, 0.3, 0.4)); // already stepped back
        Assert.False(Equations.ThreatExecuted(true, false, false, 0.02, 0.035, 0.3, 0.4)); // realigned
        Assert.False(Equations.ThreatExecuted(false, false, true, 0.02, 0.035, 0.3, 0.4)); // not a deadline year
    }

    [Fact]
    public void Section_6_alignment_drift_and_realignment()
    {
        var p = Parameters();
        AssertNumbers.RelativelyClose(0.2, Equations.CredibilityShortfall(p, 0.5), 1e-13);
        AssertNumbers.RelativelyClose(1, Equations.ThreatGrowth(Math.Exp(2) - 1, Math.E - 1), 1e-13);
        Assert.Equal(0.0, Equations.ThreatGrowth(1, 2));

        // u > 0: a − ψ u (1 + 0.5 τ + 2 D) a − cost·n = 0.8 − 0.1·0.2·(1 + 0.5 + 0.4)·0.8 − 0.01·2.
        AssertNumbers.RelativelyClose(0.8 - (0.1 * 0.2 * 1.9 * 0.8) - 0.02, Equations.NextAlignment(p, 0.8, 0.2, 1, 0.2, 2), Tight);

        // u < 0: alignment recovers toward 1, a + ψ |u| (1 − a).
        AssertNumbers.RelativelyClose(0.8 + (0.1 * 0.3 * 0.2), Equations.NextAlignment(p, 0.8, -0.3, 1, 0.2, 0), Tight);
        Assert.Equal(0.0, Equations.NextAlignment(p, 0.01, 0.2, 1, 0.2, 5));
        p.RealignAlpha0 = 0;
        p.RealignAlpha1 = p.RealignAlpha2 = p.RealignAlpha3 = 0;
        Assert.Equal(0.5, Equations.RealignmentHazard(p, 0.3, 0.2, 1));
        Assert.Equal(1.0, Equations.BandwagonProbability(p, 0.9)); // 1.5·0.9 capped
        AssertNumbers.RelativelyClose(0.3, Equations.BandwagonProbability(p, 0.2), Tight);
        Assert.Equal(0.0, Equations.RealignedAlignment(p, 0.8, bandwagon: true));
        AssertNumbers.RelativelyClose(0.4, Equations.RealignedAlignment(p, 0.8, bandwagon: false), Tight);
    }

    [Fact]
    public void Section_7_duplication_mix_and_hedging()
    {
        var p = Parameters();
        Assert.Equal(0.5, Equations.Duplication(p, 0.7, aligned: true)); // bias 0 at the reference
        Assert.Equal(1.0, Equations.Duplication(p, 0.7, aligned: false));
        AssertNumbers.RelativelyClose(Equations.Logistic(4 * 0.2), Equations.Duplication(p, 0.5, aligned: true), Tight);
        double[] comp = [0.4, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], auto = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.4];
        var mix = comp.Select((c, m) => Equations.InvestmentMix(0.3, c, auto[m])).ToArray();
        AssertNumbers.RelativelyClose(1, mix.Sum(), 1e-15);
        AssertNumbers.RelativelyClose((0.7 * 0.4) + (0.3 * 0.1), mix[0], Tight);
        AssertNumbers.RelativelyClose(1, Equations.DuplicationIndex(comp, comp), 1e-15);
        Assert.Equal(0.0, Equations.DuplicationIndex([1, 0], [0, 1]));
        AssertNumbers.RelativelyClose(((10 * 0.8) + (30 * 0.4)) / 40, Equations.CoalitionDuplication([10, 20, 30], [0.8, 0.6, 0.4], [true, false, true]), Tight);
        Assert.Equal(0.0, Equations.CoalitionDuplication([10], [0.8], [false]));
        AssertNumbers.RelativelyClose(((0.5 * 500) + (0.1 * 5000)) / 1000, Equations.NuclearThreat([0.5, 0.1], [500, 5000], 1000), Tight);
        AssertNumbers.RelativelyClose(Equations.Logistic(-3 + (4 * 0.2) + (1 * 0.75)), Equations.HedgingTarget(p, 0.2, 0.75), Tight);
        AssertNumbers.RelativelyClose(0.1 + (0.2 * (0.6 - 0.1)), Equations.NextHedging(p, 0.1, 0.6), Tight);
    }

    [Fact]
    public void Section_8_effectiveness_of_a_force_spread_by_the_weights_is_its_total()
    {
        double[] weights = [3, 2, 1, 1, 1, 0.5, 1.5];
        double total = 5e12, wsum = weights.Sum();
        var spread = weights.Select(w => total * w / wsum).ToArray();
        foreach (double rho in new[] { -2, -1, 0, 0.5, 1 })
        {
            AssertNumbers.RelativelyClose(total, Equations.CesEffectiveness(spread, weights, rho), 1e-13);
        }

        double[] e = [4, 1, 2, 3, 5, 1, 2];
        AssertNumbers.RelativelyClose(e.Sum(), Equations.CesEffectiveness(e, weights, 1), 1e-14); // ρ = 1: the plain total
        double geometric = Math.Exp(e.Select((v, m) => weights[m] / wsum * Math.Log(v * wsum / weights[m])).Sum());
        AssertNumbers.RelativelyClose(geometric, Equations.CesEffectiveness(e, weights, 0), 1e-14); // Cobb–Douglas
        Assert.True(Equations.CesEffectiveness([.. e.Select((v, m) => m == 3 ? 0 : v)], weights, -1) < 0.2 * Equations.CesEffectiveness(e, weights, -1)); // a gap pulls E down
    }

    [Fact]
    public void Section_8_terms_posture_and_interoperability()
    {
        var p = Parameters();
        AssertNumbers.RelativelyClose(1 - Math.Exp(-(1 + 2 + 0.5)), Equations.ForwardPosture(p, [30000, 0, 15000], [0, 100, 0], [0, 0, 0]), Tight);
        AssertNumbers.RelativelyClose(1 - Math.Exp(-(1 + 2)), Equations.ForwardPosture(p, [30000, 0, 15000], [0, 100, 0], [0, 0, 1]), Tight);
        AssertNumbers.RelativelyClose(0.5 * 0.4 * 100, Equations.UsMissionEffectiveness(0.5, 0.4, 100), Tight);
        AssertNumbers.RelativelyClose(0.9 * 0.8 * 0.7 * 100, Equations.AllyMissionEffectiveness(0.9, 0.8, 0.7, 100, aligned: true), Tight);
        Assert.Equal(0.0, Equations.AllyMissionEffectiveness(0.9, 0.8, 0.7, 100, aligned: false));
        AssertNumbers.RelativelyClose(0.5 * 0.7 * 100, Equations.AdversaryMissionEffectiveness(0.5, 0.7, 100), Tight);
        Assert.Equal(2e9 * 300, Equations.MissileStrike(2e9, 300));
        Assert.Equal([p.WeightMaritime, p.WeightAir, p.WeightLongRangeStrike, p.WeightMissileDefence, p.WeightIsrSpace, p.WeightCyberEw, p.WeightLand], Equations.MissionWeights(p));

        // ι + (0.1·0.9 + 0.05·0.4 + 0.02)(1 − ι) − 0.05·0.5·ι at ι = 0.6.
        AssertNumbers.RelativelyClose(0.6 + (0.13 * 0.4) - (0.05 * 0.5 * 0.6), Equations.NextInteroperability(p, 0.6, 0.9, 0.4, 0.02, 0.5), Tight);
    }

    [Fact]
    public void Section_9_the_Richardson_pair_converges_to_its_equilibrium_when_stable()
    {
        var p = Parameters();
        Assert.True(Equations.RichardsonStable(p));
        var (xs, ys) = Equations.RichardsonEquilibrium(p, 2);
        double det = (0.1 * 0.06) - (0.05 * 0.08), g = 10 + (24 * 2);
        AssertNumbers.RelativelyClose(((0.05 * 120) + (0.06 * g)) / det, xs, Tight);
        AssertNumbers.RelativelyClose(((0.08 * g) + (0.1 * 120)) / det, ys, Tight);
        double x = 0, y = 0;
        for (int year = 0; year < 1500; year++)
        {
            (x, y) = Equations.RichardsonStep(p, x, y, 2);
        }

        AssertNumbers.RelativelyClose(xs, x, 1e-6);
        AssertNumbers.RelativelyClose(ys, y, 1e-6);

        // One Euler sub-step by hand.
        p.MissileSubsteps = 1;
        var (x1, y1) = Equations.RichardsonStep(p, 100, 200, 0);
        AssertNumbers.RelativelyClose(100 + ((0.05 * 200) - (0.1 * 100) + 10), x1, Tight);
        AssertNumbers.RelativelyClose(200 + ((0.08 * 100) - (0.06 * 200) + 120), y1, Tight);
        p.RichardsonK = 0.2;
        p.RichardsonL = 0.3;
        Assert.False(Equations.RichardsonStable(p));
    }

    [Fact]
    public void Sections_10_to_12_hosting_crises_and_balance()
    {
        var p = Parameters();
        AssertNumbers.RelativelyClose(2 * 0.02 * 1500, Equations.HostExposure(2, 0.02, 1500), Tight);
        AssertNumbers.RelativelyClose(0.03 * 0.25 * 0.8, Equations.Coercion(0.03, 0.25, 0.8, 1), Tight);
        Assert.Equal(0.0, Equations.Coercion(0.03, 0.25, 0.8, 0));
        AssertNumbers.RelativelyClose(Math.Log(2), Equations.Buildup(200, 100, 90, 100), Tight);
        AssertNumbers.RelativelyClose(Math.Log(2) + Math.Log(1.5), Equations.Buildup(200, 100, 150, 100), Tight);
        double z = -2.5 + (1 * 0.4) + (0.05 * 3) - (1 * 0.6);
        AssertNumbers.RelativelyClose(Equations.Logistic(z), Equations.CrisisHazard(p, 0.4, 3, 0.6), Tight);
        AssertNumbers.RelativelyClose(0.8 * 0.7, Equations.CrisisIntensity(p, randomCrisis: true, 0.8, 0.6), Tight);
        AssertNumbers.RelativelyClose(0.5 * 0.7, Equations.CrisisIntensity(p, randomCrisis: true, 0, 0.6), Tight);
        Assert.Equal(0.0, Equations.CrisisIntensity(p, randomCrisis: false, 0, 0.6));
        Assert.Equal(0.8, Equations.BalanceRatio(4, 5));
        AssertNumbers.RelativelyClose((0.55 * 900e9) + (100_000.0 * 80_000), Equations.UsCostGross(0.55, 900e9, 100_000, 80_000), Tight);
        Assert.Equal(7.0, Equations.UsCostNet(10, 3));
    }

    /// <summary>Round parameter values for the hand computations (registry names in the comments of each test).</summary>
    private static ModelParameters<double> Parameters() => new()
    {
        SupportAlliancesEffective = 0.89,
        SupportNatoCommitment = 0.75,
        SupportOverseasBases = 0.71,
        SupportReference = 0.7,
        PostureTroopsScale = 30000,
        PostureBasesScale = 50,
        TroopCost = 100_000,
        QHarshness = 2,
        QSupport = 8,
        QPosture = 3,
        QExecuted = 1,
        CIntercept = -1,
        CReassure = 1.5,
        CConditional = 0,
        CDisengage = -2,
        CTreatyPartnership = 0.2,
        CTreatyBilateral = 0.8,
        CTreatyCollective = 1,
        CPosture = 1.5,
        CHarshness = -1,
        CExecuted = -3,
        CExecutedOther = -0.5,
        CCostSharing = 0.3,
        CSupport = 4,
        Eta = 0.3,
        CrisisEtaBoost = 1,
        CredibilityReference = 0.7,
        AlignmentRate = 0.1,
        AlignmentThreat = 0.5,
        AlignmentDependence = 2,
        HostAlignmentCost = 0.01,
        RealignAlpha0 = -6,
        RealignAlpha1 = 5,
        RealignAlpha2 = 3,
        RealignAlpha3 = 1,
        BandwagonDependence = 1.5,
        HedgingAlignment = 0.5,
        DuplicationBias = 0,
        Gamma = 4,
        Theta0 = -3,
        Theta1 = 4,
        Theta2 = 1,
        HedgingRate = 0.2,
        InteropRate = 0.1,
        InteropLinks = 0.05,
        InteropDecay = 0.05,
        WeightMaritime = 3,
        WeightAir = 2,
        WeightLongRangeStrike = 1,
        WeightMissileDefence = 1,
        WeightIsrSpace = 1,
        WeightCyberEw = 0.5,
        WeightLand = 1.5,
        RichardsonK = 0.05,
        RichardsonA = 0.1,
        RichardsonL = 0.08,
        RichardsonB = 0.06,
        RichardsonG = 10,
        RichardsonH = 120,
        MissileSubsteps = 4,
        DeploymentMissiles = 24,
        CrisisAlpha0 = -2.5,
        CrisisBuildup = 1,
        CrisisDeployments = 0.05,
        CrisisDialogue = 1,
        CrisisIntensity = 0.5,
        DialogueDamping = 0.5,
    };
}
