using Ballast.Core;
using Ballast.Core.Facts;
using Ballast.Data.Facts;

namespace Ballast.Data.Tests.Facts;

public class WorldFactsTests
{
    private static readonly WorldFacts Facts = WorldFactsLoader.LoadEmbedded();

    [Fact]
    public void Haversine_matches_a_known_distance()
    {
        // London (51.5074, -0.1278) to Paris (48.8566, 2.3522): 343.5 km on the IUGG mean sphere.
        Assert.InRange(GreatCircle.DistanceKm(new(51.5074, -0.1278), new(48.8566, 2.3522)), 343.0, 344.0);
        Assert.Equal(0, GreatCircle.DistanceKm(new(10, 10), new(10, 10)));
        Assert.Equal(Math.PI * GreatCircle.EarthRadiusKm, GreatCircle.DistanceKm(new(0, 0), new(0, 180)), 6);
    }

    [Fact]
    public void Tokyo_Beijing_is_about_2100_km() =>
        Assert.InRange(Facts.CapitalDistanceKm("JPN", "CHN")!.Value, 2079, 2121);

    [Fact]
    public void Japan_facts_come_from_the_data_files()
    {
        var j = Facts.Country("JPN")!;
        Assert.Equal("Tokyo", j.Capital);
        Assert.Equal((0.234, 0.150, 2020), (j.ChinaTradeShare, j.UsTradeShare, j.TradeYear));
        Assert.Equal((53490, 2025), (j.UsTroops!.Value, j.UsTroopsYear!.Value)); // latest DMDC year in the file
        Assert.Equal(50786, j.UsTroopsIn(2024));
        Assert.Equal(42, j.UsBases);
        Assert.Equal(NuclearStatus.Umbrella, j.Nuclear!.Status);
        Assert.Equal(TreatyCommitment.MutualDefence, j.Treaty!.Type);
        Assert.Equal(211000 / 140.5, j.HostNationSupportIn(2024)!.AmountUsdMillions, 9);
    }

    [Fact]
    public void Nuclear_weapon_states_carry_the_fas_stockpile()
    {
        var prk = Facts.Country("PRK")!.Nuclear!;
        Assert.Equal((NuclearStatus.Nws, 30, 2023), (prk.Status, prk.Warheads!.Value, prk.WarheadsYear!.Value));
        Assert.Equal(410, Facts.Country("CHN")!.Nuclear!.Warheads);
    }

    [Fact]
    public void Missile_catalogue_and_sites_have_sources()
    {
        Assert.Equal(2776, Facts.Missile("dark-eagle")!.RangeKm);
        Assert.True(Facts.Missile("DF-26")!.IsIntermediateRange);
        Assert.All(Facts.Missiles, m => Assert.False(string.IsNullOrWhiteSpace(m.Source)));
        Assert.All(Facts.Sites, x => Assert.False(string.IsNullOrWhiteSpace(x.Source)));
        Assert.Equal("PHL", Facts.Site("laoag")!.Host);
    }

    [Fact]
    public void Fact_file_errors_name_file_line_and_column()
    {
        var files = WorldFactsLoader.Files.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(Scenarios.ScenarioLoaderTests.RepoRoot(), "data", f)));
        files["missile_systems.csv"] = "id,name,owner,range_km,type,basing,source\nx,X,USA,-5,cruise,naval,s\n";
        var e = Assert.Throws<BallastInputException>(() => WorldFactsLoader.Load(n => new StringReader(files[n])));
        Assert.Equal("missile_systems.csv:2, field 'range_km', value '-5': range must be positive", e.Message);

        files["missile_systems.csv"] = "id,name,owner,range_km,type,basing,source\nx,X,USA,5,laser,naval,s\n";
        e = Assert.Throws<BallastInputException>(() => WorldFactsLoader.Load(n => new StringReader(files[n])));
        Assert.Equal("missile_systems.csv:2, field 'type', value 'laser': unknown value; allowed: ballistic, cruise, hypersonic", e.Message);

        files["missile_systems.csv"] = "id,name,owner,range_km,type,basing,source\nx,X,USA,5,cruise,naval,\n";
        e = Assert.Throws<BallastInputException>(() => WorldFactsLoader.Load(n => new StringReader(files[n])));
        Assert.Equal("missile_systems.csv:2, field 'source', value '': is empty", e.Message);
    }
}
