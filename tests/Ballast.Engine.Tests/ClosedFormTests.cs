using System.Numerics;

namespace Ballast.Engine.Tests;

public class ClosedFormTests
{
    [Fact]
    public void Capability_stock_follows_the_perpetual_inventory_path_to_phi_M_over_delta()
    {
        var b = TestKit.Tiny(horizon: 2024 + 60, capability: 0);
        TestKit.Quiet(b);
        b.Overrides["delta"] = 0.1;
        b.Overrides["lambda"] = 0;
        b.Overrides["industrial_headroom"] = 10;
        b.Overrides["duplication_phi_penalty"] = 0;
        b.Overrides["g_c"] = 0;
        b.Overrides["adversary_reaction"] = 0;
        var inputs = b.Build(TestKit.Registry);
        var sim = TestKit.RunBlock(inputs, runs: 4);
        foreach (string code in new[] { "USA", "CHN", "JPN" })
        {
            int i = inputs.IndexOf(code);
            double m = inputs.MilitaryExpenditure[i];
            double kStar = 1.0 * m / 0.1;
            for (int t = 0; t <= inputs.Steps; t += 10)
            {
                double analytic = kStar * (1 - Math.Pow(0.9, t));
                double k = sim.Indicator(sim.Layout.Of(ActorIndicator.Capability, i), t, 0);
                Assert.True(Math.Abs(k - analytic) <= 1e-9 * kStar, $"{code} t={t}: {k} vs {analytic}");
            }

            TestKit.Close(kStar, sim.Indicator(sim.Layout.Of(ActorIndicator.Capability, i), inputs.Steps, 0), 0.01, code);
        }
    }

    [Fact]
    public void Initial_capability_defaults_to_the_perpetual_inventory_value()
    {
        var b = TestKit.Tiny();
        b.Overrides["delta"] = 0.08;
        var inputs = b.Build(TestKit.Registry);
        var sim = TestKit.RunBlock(inputs, runs: 4);
        int jpn = inputs.IndexOf("JPN");
        TestKit.Close(50e9 / 0.08, sim.Indicator(sim.Layout.Of(ActorIndicator.Capability, jpn), 0, 0), 1e-12);
    }

    [Theory]
    [InlineData(0.05, 0.1, 0.08, 0.06, 10, 120, true)]
    [InlineData(0.2, 0.05, 0.3, 0.05, 10, 120, false)]
    public void Missile_race_matches_the_Richardson_closed_form(double k, double a, double l, double bb, double g, double h, bool stable)
    {
        var b = TestKit.Tiny(horizon: 2024 + 40);
        TestKit.Quiet(b);
        b.Overrides["richardson_k"] = k;
        b.Overrides["richardson_a"] = a;
        b.Overrides["richardson_l"] = l;
        b.Overrides["richardson_b"] = bb;
        b.Overrides["richardson_g"] = g;
        b.Overrides["richardson_h"] = h;
        b.Overrides["missile_substeps"] = 400;
        var inputs = b.Build(TestKit.Registry);
        var sim = TestKit.RunBlock(inputs, runs: 4);
        Assert.Equal(stable, Richardson.IsStable(k, a, l, bb));
        int xi = sim.Layout.Of(CoalitionIndicator.CoalitionMissiles);
        int yi = sim.Layout.Of(CoalitionIndicator.AdversaryMissiles);
        for (int t = 1; t <= inputs.Steps; t += 3)
        {
            var (x, y) = Richardson.Solve(k, a, l, bb, g, h, 0, 1000, t);
            TestKit.Close(x, sim.Indicator(xi, t, 0), 0.01, $"x({t})");
            TestKit.Close(y, sim.Indicator(yi, t, 0), 0.01, $"y({t})");
        }

        var (xs, ys) = Richardson.Equilibrium(k, a, l, bb, g, h);
        if (stable)
        {
            var (x40, y40) = (sim.Indicator(xi, inputs.Steps, 0), sim.Indicator(yi, inputs.Steps, 0));
            var (xLong, yLong) = Richardson.Solve(k, a, l, bb, g, h, 0, 1000, 2000);
            TestKit.Close(xs, xLong, 1e-6, "x*");
            TestKit.Close(ys, yLong, 1e-6, "y*");
            Assert.True(x40 < xs * 1.5 && y40 < ys * 1.5);
        }
        else
        {
            Assert.True(sim.Indicator(yi, inputs.Steps, 0) > 20 * sim.Indicator(yi, 0, 0), "an unstable race runs away");
        }
    }

    [Fact]
    public void Ces_with_rho_one_is_the_weighted_sum_and_tends_to_it()
    {
        var e = new[] { 3.0, 5.0, 1.0, 2.0, 8.0, 0.5, 4.0 }.Select(v => new Vector<double>(v)).ToArray();
        var w = new[] { 0.2, 0.18, 0.15, 0.12, 0.13, 0.1, 0.12 }.Select(v => new Vector<double>(v)).ToArray();
        double sum = 0;
        for (int m = 0; m < 7; m++)
        {
            sum += w[m][0] * e[m][0];
        }

        TestKit.Close(sum, Simulation.CesCore(e, w, new Vector<double>(1.0))[0], 1e-12, "rho = 1");
        TestKit.Close(sum, Simulation.CesCore(e, w, new Vector<double>(1 - 1e-7))[0], 1e-5, "rho -> 1");
        double geo = 1;
        for (int m = 0; m < 7; m++)
        {
            geo *= Math.Pow(e[m][0], w[m][0]);
        }

        TestKit.Close(geo, Simulation.CesCore(e, w, new Vector<double>(0))[0], 1e-12, "rho = 0 (Cobb-Douglas)");
        Assert.True(Simulation.CesCore(e, w, new Vector<double>(-1))[0] < geo, "low substitution penalises gaps");
    }
}

/// <summary>Closed-form Richardson pair dx/dt = k y − a x + g, dy/dt = l x − b y + h.</summary>
internal static class Richardson
{
    public static bool IsStable(double k, double a, double l, double b) => a * b > k * l;

    public static (double X, double Y) Equilibrium(double k, double a, double l, double b, double g, double h)
    {
        double det = (a * b) - (k * l);
        return (((k * h) + (b * g)) / det, ((l * g) + (a * h)) / det);
    }

    /// <summary>Analytic solution via the eigen-decomposition of the 2×2 system matrix.</summary>
    public static (double X, double Y) Solve(double k, double a, double l, double b, double g, double h, double x0, double y0, double t)
    {
        var (xs, ys) = Equilibrium(k, a, l, b, g, h);
        double tr = -a - b, det = (a * b) - (k * l);
        double disc = Math.Sqrt((tr * tr) - (4 * det));
        double l1 = (tr + disc) / 2, l2 = (tr - disc) / 2;
        double u0 = x0 - xs, v0 = y0 - ys;
        // e^{At} = (e^{l1 t}(A − l2 I) − e^{l2 t}(A − l1 I)) / (l1 − l2)
        double e1 = Math.Exp(l1 * t), e2 = Math.Exp(l2 * t), dl = l1 - l2;
        double m11 = ((e1 * (-a - l2)) - (e2 * (-a - l1))) / dl;
        double m12 = ((e1 * k) - (e2 * k)) / dl;
        double m21 = ((e1 * l) - (e2 * l)) / dl;
        double m22 = ((e1 * (-b - l2)) - (e2 * (-b - l1))) / dl;
        return (xs + (m11 * u0) + (m12 * v0), ys + (m21 * u0) + (m22 * v0));
    }
}
