using Ballast.Core.Model;
using Ballast.Data.Scenarios;

namespace Ballast.Engine.Tests;

/// <summary>Directional checks on the compiled example scenarios with a few runs (issue 3: the numbers must make sense).</summary>
public class ScenarioBehaviourTests
{
    private const int Runs = 16;

    private static string Root()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Ballast.slnx")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        }

        return dir;
    }

    private static ModelInputs Inputs(string name, Dictionary<string, double>? overrides = null)
    {
        var s = ScenarioLoader.Default.LoadFile(Path.Combine(Root(), "scenarios", name + ".yaml"));
        if (overrides is not null)
        {
            s = s with { Parameters = s.Parameters with { Overrides = overrides } };
        }

        return ScenarioCompiler.Compile(s).Inputs;
    }

    private static double Mean(Simulation sim, int indicator, int year) =>
        Enumerable.Range(0, Runs).Average(l => sim.Indicator(indicator, year, l));

    private static double MeanFinal(Simulation sim, ActorIndicator k, string code) =>
        Mean(sim, sim.Layout.Of(k, sim.Inputs.IndexOf(code)), sim.Inputs.Steps);

    private static double MeanFinal(Simulation sim, CoalitionIndicator k) => Mean(sim, sim.Layout.Of(k), sim.Inputs.Steps);

    [Fact]
    public void Duplication_differs_across_allies_and_rises_under_conditional_pressure()
    {
        var baseline = TestKit.RunBlock(Inputs("baseline"), Runs);
        var jpn = MeanFinal(baseline, ActorIndicator.Duplication, "JPN");
        var kor = MeanFinal(baseline, ActorIndicator.Duplication, "KOR");
        var nzl = MeanFinal(baseline, ActorIndicator.Duplication, "NZL");
        Assert.True(jpn < 0.95 && kor < 0.95, $"complementary allies overlap the US mix less than fully ({jpn:F3}, {kor:F3})");
        Assert.True(Math.Abs(jpn - nzl) > 0.1 && Math.Abs(kor - nzl) > 0.1, $"mixes differ across allies ({jpn:F3}, {kor:F3}, {nzl:F3})");

        var pressure = TestKit.RunBlock(Inputs("us-conditional-3.5"), Runs);
        var reassure = TestKit.RunBlock(Inputs("us-reassure"), Runs);
        Assert.True(MeanFinal(pressure, CoalitionIndicator.CoalitionDuplication) > MeanFinal(reassure, CoalitionIndicator.CoalitionDuplication) + 0.05);
    }

    [Fact]
    public void Pressure_keeps_every_ally_below_the_peacetime_ceiling()
    {
        var inputs = Inputs("us-conditional-3.5");
        var ceiling = TestKit.Registry.Value("max_peacetime_burden");
        var sim = TestKit.RunBlock(inputs, Runs);
        for (var i = 0; i < inputs.ActorCount; i++)
        {
            if (!inputs.IsAlly(i))
            {
                continue;
            }

            for (var t = 0; t <= inputs.Steps; t++)
            {
                foreach (var share in sim.IndicatorLanes(sim.Layout.Of(ActorIndicator.Share, i), t)[..Runs])
                {
                    Assert.True(share <= ceiling * (1 + 1e-12), $"{inputs.Codes[i]} {inputs.StartYear + t}: {share:P1}");
                }
            }
        }

        // The pressure channel itself raises burdens (the same runs without it: β_P = 0).
        var noPressure = TestKit.RunBlock(Inputs("us-conditional-3.5", new() { ["beta_p"] = 0 }), Runs);
        foreach (var code in new[] { "PHL", "TWN", "SGP", "VNM" })
        {
            Assert.True(MeanFinal(sim, ActorIndicator.Share, code) > MeanFinal(noPressure, ActorIndicator.Share, code), code);
        }
    }

    [Fact]
    public void North_Korea_is_an_adversary_again()
    {
        var inputs = Inputs("baseline");
        Assert.Equal(Ballast.Core.Countries.CountryRole.Adversary, inputs.Roles[inputs.IndexOf("PRK")]);
    }

    [Fact]
    public void Effectiveness_is_in_billions_and_networks_and_programmes_raise_it()
    {
        var baseline = TestKit.RunBlock(Inputs("baseline"), Runs);
        var e0 = Mean(baseline, baseline.Layout.Of(CoalitionIndicator.Effectiveness), 0);
        Assert.InRange(e0, 100, 20_000); // US$ bn of capability-equivalent stock, not raw dollars

        var networked = TestKit.RunBlock(Inputs("networked"), Runs);
        Assert.True(MeanFinal(networked, ActorIndicator.Interoperability, "PHL") > MeanFinal(baseline, ActorIndicator.Interoperability, "PHL"));
        Assert.True(MeanFinal(networked, CoalitionIndicator.Effectiveness) > MeanFinal(baseline, CoalitionIndicator.Effectiveness));

        var programmes = TestKit.RunBlock(Inputs("us-reassure"), Runs);
        var none = TestKit.RunBlock(Inputs("us-reassure", new() { ["programme_phi_gain"] = 0, ["programme_interop_gain"] = 0 }), Runs);
        Assert.True(MeanFinal(programmes, CoalitionIndicator.Effectiveness) > MeanFinal(none, CoalitionIndicator.Effectiveness));
        Assert.True(MeanFinal(programmes, ActorIndicator.Interoperability, "JPN") > MeanFinal(none, ActorIndicator.Interoperability, "JPN"));
    }

    [Fact]
    public void China_spending_a_quarter_more_in_2027_lowers_the_baseline_s_balance_with_the_same_seed()
    {
        var baseline = ScenarioLoader.Default.LoadFile(Path.Combine(Root(), "scenarios", "baseline.yaml"));
        var without = TestKit.RunBlock(ScenarioCompiler.Compile(baseline).Inputs, Runs);
        var with = TestKit.RunBlock(ScenarioCompiler.Compile(baseline with { SpendingShocks = [new(2027, "CHN", 25)] }).Inputs, Runs);
        int balance = without.Layout.Of(CoalitionIndicator.Balance);
        for (int lane = 0; lane < Runs; lane++)
        {
            Assert.Equal(without.Indicator(balance, 3, lane), with.Indicator(balance, 3, lane));
            Assert.True(with.Indicator(balance, without.Inputs.Steps, lane) < without.Indicator(balance, without.Inputs.Steps, lane) - 0.05, $"lane {lane}: the 2035 balance");
        }
    }
}
