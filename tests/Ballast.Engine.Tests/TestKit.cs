using Ballast.Core.Countries;

namespace Ballast.Engine.Tests;

/// <summary>Small synthetic inputs and helpers shared by the tests.</summary>
internal static class TestKit
{
    public static ParameterSet Registry => ParameterRegistryLoader.Default;

    /// <summary>A tiny world: US, China, Japan (ally), Philippines (ally).</summary>
    public static ModelInputsBuilder Tiny(int horizon = 2034, double capability = double.NaN, double dependence = 0.2)
    {
        var b = new ModelInputsBuilder(2024, horizon, "tiny");
        b.AddActor(new ActorSpec("USA", CountryRole.Patron, 0, 900e9, 0.034, 0.0, CapabilityStock: capability));
        b.AddActor(new ActorSpec("CHN", CountryRole.Adversary, 0, 300e9, 0.017, 0.0, CapabilityStock: capability, MissileInventory: 1000));
        b.AddActor(new ActorSpec("JPN", CountryRole.TreatyAlly, 0, 50e9, 0.012, 0.0, dependence, 0.15, TreatyType.BilateralTreaty, 55000, 120, 1.9e9, CapabilityStock: capability));
        b.AddActor(new ActorSpec("PHL", CountryRole.TreatyAlly, 0, 4e9, 0.01, 0.0, dependence, 0.15, TreatyType.BilateralTreaty, 200, 9, 0, CapabilityStock: capability));
        b.SetDistance(0, 1, 11000);
        b.SetDistance(0, 2, 10900);
        b.SetDistance(0, 3, 13700);
        b.SetDistance(1, 2, 2100);
        b.SetDistance(1, 3, 2850);
        b.SetDistance(2, 3, 3000);
        return b;
    }

    /// <summary>Overrides that remove all noise.</summary>
    public static void Quiet(ModelInputsBuilder b)
    {
        b.Overrides["gdp_volatility"] = 0;
        b.Overrides["sigma_m"] = 0;
        b.Overrides["crisis_alpha0"] = -700;
        b.Overrides["realign_alpha0"] = -700;
    }

    /// <summary>Runs one block of lanes and returns the finished simulation.</summary>
    public static Simulation RunBlock(ModelInputs inputs, int runs = 8, ulong seed = 1, IDecisionOverride? over = null)
    {
        var sim = new Simulation(inputs, runs);
        var idx = Enumerable.Range(0, runs).Select(i => (long)i).ToArray();
        sim.Reset(idx, seed);
        sim.RunToHorizon(over);
        return sim;
    }

    /// <summary>Mean of an indicator at the horizon over the first <paramref name="runs"/> lanes.</summary>
    public static double Final(Simulation sim, ActorIndicator k, string code, int runs = 8) =>
        Enumerable.Range(0, runs).Average(l => sim.Indicator(sim.Layout.Of(k, sim.Inputs.IndexOf(code)), sim.Inputs.Steps, l));

    public static void Close(double expected, double actual, double relTol, string what = "")
    {
        double err = Math.Abs(expected - actual) / Math.Max(1e-300, Math.Abs(expected));
        Assert.True(err <= relTol, $"{what}: expected {expected:R}, got {actual:R} (relative error {err:E2} > {relTol:E2})");
    }
}
