using Ballast.Core;
using Ballast.Core.Countries;
using Ballast.Data.Countries;
using Ballast.Data.Csv;

namespace Ballast.Data.Tests;

public class CountryDataTests
{
    private static CountryRegistry R => CountryData.Registry;

    [Theory]
    [InlineData("KOR")]
    [InlineData("kr")]
    [InlineData("Korea, South")] // SIPRI
    [InlineData("Korea, Rep.")] // World Bank
    [InlineData("ROK")] // COW abbreviation
    [InlineData("732")] // COW / ATOP code
    [InlineData("South Korea")]
    [InlineData("Republic of Korea")]
    public void Every_source_spelling_resolves_to_South_Korea(string text) => Assert.Equal("KOR", R.Resolve(text).Iso3);

    [Theory]
    [InlineData("TAW", "TWN")]
    [InlineData("713", "TWN")]
    [InlineData("Viet Nam", "VNM")]
    [InlineData("Türkiye", "TUR")]
    [InlineData("260", "DEU")] // West Germany in COW/ATOP continues as Germany
    [InlineData("United States of America", "USA")]
    [InlineData("XKX", "XKX")]
    public void Aliases_resolve(string text, string iso3) => Assert.Equal(iso3, R.Resolve(text).Iso3);

    [Fact]
    public void Unknown_country_suggests_the_closest_matches()
    {
        var e = Assert.Throws<BallastInputException>(() => R.Resolve("Japn", field: "--countries"));
        Assert.StartsWith("field '--countries', value 'Japn': unknown country 'Japn'. Did you mean JPN (Japan)", e.Message);
    }

    [Fact]
    public void Default_indo_pacific_set_has_the_roles_of_the_brief()
    {
        var set = CountryData.IndoPacific;
        Assert.Equal(["USA"], set.WithRole(CountryRole.Patron).Select(a => a.Iso3));
        Assert.Equal(["JPN", "KOR", "AUS", "PHL", "THA"], set.WithRole(CountryRole.TreatyAlly).Select(a => a.Iso3));
        Assert.Equal(["IND", "TWN", "VNM", "IDN", "SGP", "MYS", "NZL"], set.WithRole(CountryRole.Partner).Select(a => a.Iso3));
        Assert.Equal(["CHN", "PRK", "RUS"], set.WithRole(CountryRole.Adversary).Select(a => a.Iso3));
    }

    [Fact]
    public void Euro_atlantic_set_is_nato_2024_plus_russia()
    {
        var set = CountryData.ActorSet("euro-atlantic");
        Assert.Equal(32, set.Actors.Count(a => a.Role is CountryRole.Patron or CountryRole.TreatyAlly));
        Assert.Equal(["RUS"], set.WithRole(CountryRole.Adversary).Select(a => a.Iso3));
    }

    [Fact]
    public void Group_membership_follows_the_years()
    {
        var csv = "group,iso3,from_year,until_year,source\nquad,USA,2007,2008,x\nquad,USA,2017,,x\nquad,JPN,2017,,x\n";
        var g = CountryData.LoadGroups(CsvTable.Parse("g.csv", new StringReader(csv))).Get("quad");
        Assert.Empty(g.MembersIn(2012));
        Assert.Equal(["USA"], g.MembersIn(2008));
        Assert.Equal(["USA", "JPN"], g.MembersIn(2020));
    }

    [Fact]
    public void Unknown_group_lists_the_known_groups()
    {
        var e = Assert.Throws<BallastInputException>(() => CountryData.Groups.Get("warsaw-pact"));
        Assert.Contains("unknown group 'warsaw-pact'. Known groups: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("aukus", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_group_row_names_file_line_and_field()
    {
        var csv = "group,iso3,from_year,until_year,source\nquad,USA,2017,2010,x\n";
        var e = Assert.Throws<BallastInputException>(() => CountryData.LoadGroups(CsvTable.Parse("g.csv", new StringReader(csv))));
        Assert.Equal("g.csv:2, field 'until_year', value '2010': until_year is before from_year", e.Message);
    }
}
