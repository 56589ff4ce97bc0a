using Ballast.Core.Panel;
using Ballast.Data.Panel;
using Ballast.Data.Scenarios;

namespace Ballast.Data.Tests.Scenarios;

public class HistoricalStartTests
{
    private static string History(string name) => Path.Combine(ScenarioLoaderTests.RepoRoot(), "scenarios", "history", name + ".yaml");

    private static CompiledScenario Compile(string name) => ScenarioCompiler.Compile(ScenarioLoader.Default.LoadFile(History(name)));

    [Fact]
    public void Ratio_splice_carries_the_newest_level_back_with_the_older_growth()
    {
        // Newest 2001-2002; the older source covers 1999-2001 (overlap 2001) and is rescaled to 100 at 2001.
        var newest = new Dictionary<int, double> { [2001] = 100, [2002] = 110 };
        var older = new Dictionary<int, double> { [1999] = 40, [2000] = 50, [2001] = 60 };
        var s = LongSeries.Chain([1999, 2000, 2001, 2002], y => newest.TryGetValue(y, out var v) ? v : null, y => older.TryGetValue(y, out var v) ? v : null);
        Assert.Equal(new SplicedValue(110, 0), s[2002]);
        Assert.Equal(new SplicedValue(100, 0), s[2001]);
        Assert.Equal(100.0 * 50 / 60, s[2000].Value, 12);
        Assert.Equal(100.0 * 40 / 60, s[1999].Value, 12);
        Assert.Equal(1, s[1999].Stage);
    }

    [Fact]
    public void Us_spending_and_korea_burden_of_1969_follow_the_splice_rule_on_the_source_rows()
    {
        // Source rows: SIPRI 2001 constant 2023 US$ m (data/sipri_milex_core_2001_2024.csv); WDI share of GDP, % and GDP,
        // constant 2015 US$ (data/wdi_milex_share_gdp.csv, data/wdi_gdp_constant_2015_usd.csv), 1969 and 2001. The WDI
        // series are complete 1969-2001, so the year-by-year chain telescopes to the ratio of the end points.
        double usSipri2001 = 570980.95764428005e6;
        double usProxy1969 = 8.63326379509104 * 5162511000000;
        double usProxy2001 = 3.12380980266703 * 13848757000000;
        var point = LongSeries.Default.At("USA", 1969)!;
        Assert.Equal(usSipri2001 * usProxy1969 / usProxy2001, point.Spending, 1e-9 * point.Spending);
        Assert.Equal(588_253e6, point.Spending, 1e9); // 571.0 bn x 1.0302: about 588.3 bn constant 2023 US$
        Assert.Equal(0.0863326379509104, point.Share, 15);

        var kor = LongSeries.Default.At("KOR", 1969)!;
        Assert.Equal(0.0469439489249836, kor.Share, 15); // the WDI row itself: burdens are never spliced
        Assert.Equal(21728.118315126012e6 * (4.69439489249836 * 57930370000) / (2.28023381667517 * 837696360000), kor.Spending, 1e-9 * kor.Spending);
        Assert.Equal(LongSeries.SpendingStages[1], kor.SpendingSource);
    }

    [Fact]
    public void The_guam_doctrine_compiles_from_the_data_of_1969()
    {
        var c = Compile("guam-doctrine-1969");
        var m = c.Inputs;
        Assert.Equal(1969, m.StartYear);
        Assert.Equal(0.0469439489249836, m.Share[m.IndexOf("KOR")], 15);
        Assert.Equal(0.0863326379509104, m.Share[m.IndexOf("USA")], 15);
        Assert.Equal(66531, m.Troops[m.IndexOf("KOR")]); // DMDC, 1969
        Assert.Equal(40740, m.Troops[((1971 - 1969) * m.ActorCount) + m.IndexOf("KOR")]); // the scenario's posture, 1971
        Assert.Contains(c.Notes, n => n.StartsWith("PRK left out", StringComparison.Ordinal));
        Assert.Contains(c.Notes, n => n.StartsWith("RUS stands for the USSR", StringComparison.Ordinal));

        // The USSR: COW NMC spending over Maddison's USSR GDP, both in 2011 dollars; a burden of the Cold War's order.
        var rus = m.Share[m.IndexOf("RUS")];
        Assert.InRange(rus, 0.10, 0.30);
        Assert.Equal(LongSeries.CowBurden, LongSeries.Default.Burden("RUS", 1969)!.Value.Source);

        // Warheads of 1969 (FAS), not today's.
        Assert.True(m.NuclearWarheads[m.IndexOf("USA")] > 20000);
    }

    [Fact]
    public void A_euro_atlantic_start_in_1989_has_the_nato_of_1989()
    {
        var c = Compile("cold-war-end-1989");
        Assert.Contains("DEU", c.Inputs.Codes);
        Assert.DoesNotContain("POL", c.Inputs.Codes);
        Assert.Contains(c.Notes, n => n.StartsWith("not NATO members in 1989, left out:", StringComparison.Ordinal) && n.Contains("POL", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_episode_loads_compiles_and_names_its_checked_countries()
    {
        var files = Directory.GetFiles(Path.Combine(ScenarioLoaderTests.RepoRoot(), "scenarios", "history"), "*.yaml");
        Assert.Equal(7, files.Length);
        foreach (var f in files)
        {
            var s = ScenarioLoader.Default.LoadFile(f);
            var check = Assert.IsType<Ballast.Core.Scenarios.EpisodeCheck>(s.Check);
            Assert.Equal((s.StartYear, s.HorizonYear), (check.FromYear, check.UntilYear));
            var c = ScenarioCompiler.Compile(s);
            Assert.All(check.Countries, code => Assert.Contains(code, c.Inputs.Codes));
            Assert.All(check.Countries, code => Assert.NotNull(LongSeries.Default.Burden(code, check.UntilYear)));
            var yaml = ScenarioWriter.ToYaml(s);
            Assert.Equal(yaml, ScenarioWriter.ToYaml(ScenarioLoader.Default.Load(yaml, f)));
        }
    }

    [Fact]
    public void A_start_from_2001_keeps_the_sipri_path_and_notes_the_later_data_years()
    {
        var c = ScenarioCompiler.Compile(ScenarioLoader.Default.LoadFile(History("ukraine-2022")));
        var pol = c.Inputs.IndexOf("POL");
        var panel = PanelBuilder.Default;
        Assert.Equal(panel.Value("POL", 2021, Series.MilexConstantUsd), c.Inputs.MilitaryExpenditure[pol]);
        Assert.Contains("trade shares (IMF DOTS) from 2020, the latest year in the data, not 2021.", c.Notes);
        Assert.Contains("warhead stockpiles (FAS) from 2023, the latest year in the data, after the start year, not 2021.", c.Notes);
    }
}
