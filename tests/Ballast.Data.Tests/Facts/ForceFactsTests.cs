using Ballast.Core;
using Ballast.Core.Model;
using Ballast.Data.Facts;
using Ballast.Data.Scenarios;
using Ballast.Data.Tests.Scenarios;

namespace Ballast.Data.Tests.Facts;

public class ForceFactsTests
{
    private const string Header = "iso3,kind,maritime,air,long_range_strike,missile_defence,isr_space,cyber_ew,land,source";

    [Fact]
    public void The_US_mix_is_the_FY2025_budget_arithmetic()
    {
        // DoD FY2025 request (US$ bn), investment by mission: shipbuilding 48.1, aircraft 61.2, missiles and munitions 29.8,
        // missile defeat and defense 28.4, space 33.7, cyberspace 14.5, ground systems 13.0; sum 228.7.
        var us = ForceFactsLoader.Mixes[("USA", MixKind.Complementary)];
        const double total = 48.1 + 61.2 + 29.8 + 28.4 + 33.7 + 14.5 + 13.0;
        double[] bn = [48.1, 61.2, 29.8, 28.4, 33.7, 14.5, 13.0];
        for (var m = 0; m < MissionAreas.Count; m++)
        {
            Assert.Equal(bn[m] / total, us[m], 2);
        }

        Assert.Equal(0.21, us[(int)MissionArea.Maritime]);
    }

    [Theory]
    [InlineData("JPN", MissionArea.Maritime, MissionArea.MissileDefence)]
    [InlineData("KOR", MissionArea.LongRangeStrike, MissionArea.Land)]
    [InlineData("AUS", MissionArea.Maritime, MissionArea.LongRangeStrike)]
    [InlineData("SGP", MissionArea.Air, MissionArea.Maritime)]
    public void Allies_complementary_mixes_lead_with_their_niche(string iso3, MissionArea first, MissionArea second)
    {
        var mix = ForceFactsLoader.Mixes[(iso3, MixKind.Complementary)];
        var top = Enumerable.Range(0, MissionAreas.Count).OrderByDescending(m => mix[m]).Take(2).Select(m => (MissionArea)m).ToHashSet();
        Assert.Equal(new HashSet<MissionArea> { first, second }, top);
        Assert.Equal(ForceFactsLoader.Mixes[("USA", MixKind.Complementary)].ToArray(), ForceFactsLoader.Mixes[(iso3, MixKind.Autonomous)].ToArray());
    }

    [Fact]
    public void Every_indo_pacific_actor_has_its_mixes_and_each_sums_to_one()
    {
        foreach (var a in Ballast.Data.Countries.CountryData.IndoPacific.Actors)
        {
            Assert.True(ForceFactsLoader.Mixes.ContainsKey((a.Iso3, MixKind.Autonomous)), a.Iso3);
            if (a.Role is not Ballast.Core.Countries.CountryRole.Adversary)
            {
                Assert.True(ForceFactsLoader.Mixes.ContainsKey((a.Iso3, MixKind.Complementary)), a.Iso3);
            }
        }

        Assert.All(ForceFactsLoader.Mixes.Values, m => Assert.InRange(m.Sum(), 1 - ForceFactsLoader.MixSumTolerance, 1 + ForceFactsLoader.MixSumTolerance));
    }

    [Theory]
    [InlineData("JPN,complementary,0.5,0.5,0.5,0,0,0,0,s", 2, "land")]
    [InlineData("JPN,niche,0.5,0.5,0,0,0,0,0,s", 2, "kind")]
    [InlineData("JPN,complementary,0.5,abc,0,0,0,0,0.5,s", 2, "air")]
    [InlineData("JPN,complementary,1.5,-0.5,0,0,0,0,0,s", 2, "maritime")]
    public void Bad_mix_rows_are_rejected_with_line_and_field(string row, int line, string field)
    {
        var ex = Assert.Throws<BallastInputException>(() => ForceFactsLoader.LoadMixes(new StringReader(Header + "\n" + row + "\n"), "mix.csv"));
        Assert.Equal(("mix.csv", line, field), (ex.File, ex.Line, ex.Field));
    }

    [Fact]
    public void The_DPRK_estimate_is_WMEAT_converted_to_2023_dollars()
    {
        var e = Assert.Single(ForceFactsLoader.Estimates, x => x.Iso3 == "PRK");
        Assert.Equal(2017, e.Year);
        Assert.Equal(4000 * 304.702 / 245.120, e.MilexUsd / 1e6, 0); // US$ 4.0 bn (2017) × CPI-U 2023/2017
        Assert.Equal(0.23, e.Share);
        Assert.InRange(e.GdpUsd, (e.MilexUsd / e.Share) - 1e6, (e.MilexUsd / e.Share) + 1e6);
        Assert.Null(ForceFactsLoader.Estimate(ForceFactsLoader.Estimates, "PRK", 2016));
    }

    [Fact]
    public void Inconsistent_estimate_rows_are_rejected()
    {
        const string h = "iso3,year,milex_usd_m_2023,share_gdp,gdp_usd_m_2023,source\n";
        var ex = Assert.Throws<BallastInputException>(() => ForceFactsLoader.LoadEstimates(new StringReader(h + "PRK,2017,4972,0.23,30000,s\n"), "est.csv"));
        Assert.Equal((2, "gdp_usd_m_2023"), (ex.Line, ex.Field));
        ex = Assert.Throws<BallastInputException>(() => ForceFactsLoader.LoadEstimates(new StringReader(h + "PRK,2017,4972,1.5,3315,s\n"), "est.csv"));
        Assert.Equal((2, "share_gdp"), (ex.Line, ex.Field));
    }

    [Fact]
    public void The_compiler_uses_mixes_estimates_and_the_new_registry_entries()
    {
        CompiledScenario Compile(string name) =>
            ScenarioCompiler.Compile(ScenarioLoader.Default.LoadFile(Path.Combine(ScenarioLoaderTests.RepoRoot(), "scenarios", name + ".yaml")));
        var c = Compile("baseline");
        var m = c.Inputs;
        int prk = m.IndexOf("PRK");
        Assert.Equal(4972e6, m.MilitaryExpenditure[prk]);
        Assert.Equal(0.23, m.Share[prk]);
        Assert.Contains(c.Notes, n => n.StartsWith("PRK: no SIPRI data", StringComparison.Ordinal));
        int jpn = m.IndexOf("JPN");
        var jpnMix = Enumerable.Range(0, 7).Select(k => m.ComplementaryMix[(jpn * 7) + k]).ToArray();
        Assert.Equal(ForceFactsLoader.Mixes[("JPN", MixKind.Complementary)].ToArray(), jpnMix);
        Assert.DoesNotContain(c.Notes, n => n.Contains("programme_phi_gain", StringComparison.Ordinal) || n.Contains("network_link_strength", StringComparison.Ordinal));

        var reassure = Compile("us-reassure").Inputs;
        Assert.All(reassure.Programmes, p => Assert.Equal((0.15, 0.02), (p.PhiGain, p.InteroperabilityGain)));

        // A networked architecture turns the catalogue groupings into ally-to-ally links of network_link_strength.
        // Without explicit links, the catalogue's groupings (Quad, trilateral) alone give ally-to-ally ties; adversaries get none.
        var networked = ScenarioLoader.Default.LoadFile(Path.Combine(ScenarioLoaderTests.RepoRoot(), "scenarios", "networked.yaml"));
        networked = networked with { Links = [], TieChanges = [] };
        var without = networked with { Parameters = networked.Parameters with { Overrides = new Dictionary<string, double> { ["network_link_strength"] = 0 } } };
        var with = ScenarioCompiler.Compile(networked).Inputs;
        int n = with.ActorCount;
        Assert.Equal(0.3, with.Links[(with.IndexOf("JPN") * n) + with.IndexOf("IND")]);
        Assert.Equal(0.3, with.Links[(with.IndexOf("JPN") * n) + with.IndexOf("KOR")]);
        Assert.Equal(0, with.Links[(with.IndexOf("PRK") * n) + with.IndexOf("RUS")]);
        Assert.Equal(0, ScenarioCompiler.Compile(without).Inputs.Links.Sum());
    }

    [Fact]
    public void Complementary_mixes_are_derived_from_the_optimiser_productivities()
    {
        // share ∝ registry weight × productivity⁴, unlisted missions at the country's mean productivity (data/PROVENANCE.md).
        var registry = Ballast.Data.Parameters.ParameterRegistryLoader.Default;
        var weights = MissionAreas.Keys.Select(k => registry.Value("weight_" + k)).ToArray();
        var productivity = File.ReadAllLines(Path.Combine(ScenarioLoaderTests.RepoRoot(), "data", "mission_productivity.csv")).Skip(1)
            .Select(l => l.Split(','))
            .GroupBy(f => f[0])
            .ToDictionary(g => g.Key, g => g.ToDictionary(f => f[1], f => double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var (iso3, p) in productivity)
        {
            var mean = p.Values.Average();
            var raw = MissionAreas.Keys.Select((k, m) => weights[m] * Math.Pow(p.GetValueOrDefault(k, mean), 4)).ToArray();
            var mix = ForceFactsLoader.Mixes[(iso3, MixKind.Complementary)];
            for (var m = 0; m < MissionAreas.Count; m++)
            {
                Assert.True(Math.Abs((raw[m] / raw.Sum()) - mix[m]) < 0.0015, $"{iso3} {MissionAreas.Keys[m]}");
            }
        }
    }
}
