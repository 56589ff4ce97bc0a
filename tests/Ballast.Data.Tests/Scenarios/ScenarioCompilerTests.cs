using Ballast.Core.Countries;
using Ballast.Core.Model;
using Ballast.Core.Panel;
using Ballast.Data.Countries;
using Ballast.Data.Panel;
using Ballast.Data.Scenarios;

namespace Ballast.Data.Tests.Scenarios;

public class ScenarioCompilerTests
{
    private static CompiledScenario Compile(string name) =>
        ScenarioCompiler.Compile(ScenarioLoader.Default.LoadFile(Path.Combine(ScenarioLoaderTests.RepoRoot(), "scenarios", name + ".yaml")));

    [Fact]
    public void Compiled_baseline_has_the_indo_pacific_actors_with_data()
    {
        var c = Compile("baseline");
        var m = c.Inputs;
        var expected = CountryData.IndoPacific.Actors.Select(a => a.Iso3).ToList();
        Assert.Equal(2024, m.StartYear);
        Assert.Equal(2035, m.HorizonYear);
        Assert.All(m.Codes, code => Assert.Contains(code, expected));
        foreach (var code in expected.Except(m.Codes))
        {
            Assert.Contains(c.Notes, n => n.StartsWith(code + " left out", StringComparison.Ordinal));
        }

        Assert.Equal(CountryRole.Patron, m.Roles[m.PatronIndex]);
        Assert.Equal("USA", m.Codes[m.PatronIndex]);
        Assert.Equal("CHN", m.Codes[m.LeadAdversaryIndex]);
        Assert.Contains("JPN", m.Codes);
        Assert.Contains("KOR", m.Codes);
        Assert.Equal(new[] { 0.02, 0.035 }, m.TargetShares.ToArray());
    }

    [Fact]
    public void Japan_initial_share_and_spending_equal_the_data_row()
    {
        var m = Compile("baseline").Inputs;
        var i = m.IndexOf("JPN");
        var panel = PanelBuilder.Default;
        Assert.Equal(panel.Value("JPN", 2024, Series.MilexShare), m.Share[i]);
        Assert.Equal(panel.Value("JPN", 2024, Series.MilexConstantUsd), m.MilitaryExpenditure[i]);
        Assert.Equal(TreatyType.BilateralTreaty, m.Treaty[i]);
        Assert.Equal(TreatyType.CollectiveDefence, m.Treaty[m.IndexOf("AUS")]);
    }

    [Fact]
    public void Tokyo_Beijing_distance_is_about_2100_km()
    {
        var m = Compile("baseline").Inputs;
        var d = m.DistanceKm[(m.IndexOf("JPN") * m.ActorCount) + m.IndexOf("CHN")];
        Assert.InRange(d, 2100 * 0.99, 2100 * 1.01);
    }

    [Fact]
    public void Posture_trade_and_host_nation_support_come_from_the_facts()
    {
        var m = Compile("baseline").Inputs;
        var jpn = m.IndexOf("JPN");
        Assert.Equal(50786, m.Troops[jpn]);   // DMDC September 2024 (data/PROVENANCE.md spot check)
        Assert.Equal(0.234, m.TradeDependenceAdversary[jpn]); // IMF DOTS 2020
        Assert.Equal(211000 / 140.5 * 1e6, m.HostNationSupport[jpn], 6);
        var kor = m.IndexOf("KOR");
        Assert.Equal(1519200 / 1305.4 * 1e6, m.HostNationSupport[((2026 - 2024) * m.ActorCount) + kor], 6);
        Assert.True(m.NuclearWarheads[m.IndexOf("CHN")] > 0);
    }

    [Fact]
    public void Conditional_stance_becomes_a_yearly_schedule()
    {
        var m = Compile("us-conditional-3.5").Inputs;
        var path = Assert.Single(m.StancePaths);
        Assert.Equal(12, path.Years.Length);
        Assert.Equal(StanceKind.Reassure, path.Years[0].Kind);
        Assert.Equal(new StanceYear(StanceKind.Conditional, 0.035, 2030, 0.9), path.Years[1]);
    }

    [Fact]
    public void Groupings_become_ally_to_ally_links_without_the_patron()
    {
        var m = Compile("baseline").Inputs;
        int jpn = m.IndexOf("JPN"), kor = m.IndexOf("KOR"), aus = m.IndexOf("AUS"), usa = m.PatronIndex;
        Assert.Equal(0.4, m.Links[(jpn * m.ActorCount) + kor]);
        Assert.Equal(0.3, m.Links[(jpn * m.ActorCount) + aus]);
        Assert.Equal(0, m.Links[(jpn * m.ActorCount) + usa]);
    }

    [Fact]
    public void Rifts_and_new_ties_are_scheduled()
    {
        var m = Compile("networked").Inputs;
        int jpn = m.IndexOf("JPN"), kor = m.IndexOf("KOR");
        var change = Assert.Single(m.LinkChanges, l => l.From == Math.Min(jpn, kor) && l.To == Math.Max(jpn, kor));
        Assert.Equal((2026, 0.8, LinkChangeKind.NewTie), (change.Year, change.Strength, change.Kind));
    }

    [Fact]
    public void Missiles_cost_sharing_shocks_and_growth_compile()
    {
        var hosted = Compile("missiles-hosted").Inputs;
        Assert.Equal(3, hosted.MissileDeployments.Length);
        Assert.Equal(hosted.PatronIndex, hosted.MissileDeployments[2].Host); // Guam is US territory
        Assert.Equal(hosted.IndexOf("PHL"), hosted.MissileDeployments[0].Host);

        var reassure = Compile("us-reassure").Inputs;
        var kor = reassure.IndexOf("KOR");
        Assert.Equal(1, reassure.CostSharing[((2026 - 2024) * reassure.ActorCount) + kor]);
        Assert.Equal(4, reassure.Programmes.Length);

        var pandemic = Compile("pandemic-shock").Inputs;
        Assert.Equal(3, pandemic.Shocks.Length);
        Assert.Equal(-0.04, pandemic.Shocks[0].GdpChange);

        var fast = Compile("china-fast").Inputs;
        var chn = fast.IndexOf("CHN");
        Assert.Equal(0.0767, fast.TrendGrowth[chn]);
        Assert.Equal(0.0597, fast.InitialGrowth[chn], 4); // the data's path up to the start: compound growth 2013-2023
        Assert.Equal(fast.TrendGrowth[fast.IndexOf("JPN")], fast.InitialGrowth[fast.IndexOf("JPN")]);
        Assert.Equal("g_c", Assert.Single(fast.Uncertain).Name);
    }

    [Fact]
    public void Every_example_compiles()
    {
        foreach (var f in Directory.GetFiles(Path.Combine(ScenarioLoaderTests.RepoRoot(), "scenarios"), "*.yaml"))
        {
            var c = ScenarioCompiler.Compile(ScenarioLoader.Default.LoadFile(f));
            Assert.True(c.Inputs.ActorCount >= 10, f);
            Assert.All(c.Inputs.TrendGrowth, g => Assert.True(double.IsFinite(g)));
        }
    }

    [Fact]
    public void Every_crisis_kind_reaches_the_model_unchanged()
    {
        // One enum for scenarios and the model: a South China Sea crisis is no longer folded into "other".
        var yaml = File.ReadAllText(Path.Combine(ScenarioLoaderTests.RepoRoot(), "scenarios", "baseline.yaml")) + """
            crises:
              - { year: 2026, kind: taiwan-strait, intensity: 0.6 }
              - { year: 2027, kind: korean-peninsula, intensity: 0.5 }
              - { year: 2028, kind: south-china-sea, intensity: 0.4 }
              - { year: 2029, kind: gray-zone, intensity: 0.2 }
            """;
        var m = ScenarioCompiler.Compile(ScenarioLoader.Default.Load(yaml, "crises.yaml")).Inputs;
        Assert.Equal(
            [(2026, CrisisType.TaiwanStrait), (2027, CrisisType.KoreanPeninsula), (2028, CrisisType.SouthChinaSea), (2029, CrisisType.GrayZone)],
            m.Crises.Select(c => (c.Year, c.Type)));
    }
}
