using Ballast.Core;
using Ballast.Core.Analytics;
using Ballast.Data.Alliances;

namespace Ballast.Data.Tests.Alliances;

public class AllianceDataTests
{
    private const string AtopHeader = "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul";
    private const string GroupHeader = "group,iso3,from_year,until_year,source";

    [Fact]
    public void ParseAtop_reads_directed_obligations()
    {
        var rows = AllianceData.ParseAtop(new StringReader($"{AtopHeader}\n2,740,2018,1,0,0,0,1\n740,2,2018,0,0,0,0,1\n"), "atop.csv");
        Assert.Equal(2, rows.Count);
        Assert.True(rows[0].Defense);
        Assert.False(rows[1].Defense);
        Assert.True(rows[1].Consultation);
    }

    [Fact]
    public void ParseAtop_names_file_line_and_field_of_a_bad_row()
    {
        var ex = Assert.Throws<BallastInputException>(() =>
            AllianceData.ParseAtop(new StringReader($"{AtopHeader}\n2,740,2018,1,0,0,0,1\n2,732,2018,yes,0,0,0,1\n"), "atop.csv"));
        Assert.Equal(("atop.csv", 3, "atop_defense", "yes"), (ex.File, ex.Line, ex.Field, ex.Value));
        Assert.StartsWith("atop.csv:3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseAtop_reports_a_missing_column_on_the_header_line()
    {
        var ex = Assert.Throws<BallastInputException>(() => AllianceData.ParseAtop(new StringReader("ccode1,ccode2,year\n2,20,1950\n"), "a.csv"));
        Assert.Equal((1, "atop_defense"), (ex.Line, ex.Field));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_reported_with_its_line()
    {
        var ex = Assert.Throws<BallastInputException>(() => AllianceData.ParseAtop(new StringReader($"{AtopHeader}\n2,740,2018,1,0\n"), "a.csv"));
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void ParseGroupings_reads_open_ended_and_closed_spans()
    {
        var rows = AllianceData.ParseGroupings(new StringReader($"{GroupHeader}\nquad,AUS,2007,2007,Madan 2017\nquad,AUS,2017,,\"State Dept, 12 Nov 2017\"\n"), "g.csv");
        Assert.Equal(2007, rows[0].UntilYear);
        Assert.Null(rows[1].UntilYear);
        Assert.Equal("State Dept, 12 Nov 2017", rows[1].Source);
        Assert.False(rows[0].ActiveIn(2010));
        Assert.True(rows[1].ActiveIn(2024));
    }

    [Theory]
    [InlineData("quad,aus,2017,,src", "iso3", "aus")]
    [InlineData("quad,AUS,20x7,,src", "from_year", "20x7")]
    [InlineData("quad,AUS,2017,2010,src", "until_year", "2010")]
    [InlineData("quad,AUS,2017,,", "source", null)]
    [InlineData(",AUS,2017,,src", "group", null)]
    public void ParseGroupings_rejects_bad_rows_naming_line_and_field(string row, string field, string? value)
    {
        var ex = Assert.Throws<BallastInputException>(() => AllianceData.ParseGroupings(new StringReader($"{GroupHeader}\n{row}\n"), "groupings.csv"));
        Assert.Equal(("groupings.csv", 2, field, value), (ex.File, ex.Line, ex.Field, ex.Value));
    }

    [Fact]
    public void ParseNmc_turns_empty_and_minus_nine_into_missing()
    {
        var rows = AllianceData.ParseNmc(
            new StringReader("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc\nPRK,731,2010,,1106,-9,28540,24501,4714,0.012176933\n"),
            "nmc.csv");
        Assert.Null(rows[0].Milex);
        Assert.Null(rows[0].Irst);
        Assert.Equal(1106, rows[0].Milper);
    }

    [Fact]
    public void The_embedded_atop_file_loads_every_row()
    {
        var atop = AllianceData.LoadAtop();
        Assert.Equal(273296, atop.Count);
        Assert.Equal(2018, atop.Max(d => d.Year));
    }

    [Fact]
    public void The_embedded_nmc_file_loads_and_recomputes_cinc()
    {
        var nmc = AllianceData.LoadNmc();
        Assert.Equal(17121, nmc.Count);
        var y2022 = nmc.Where(r => r.Year == 2022).ToList();
        var usa = PowerMeasures.Cinc(y2022).Single(s => s.StateAbb == "USA");
        Assert.Equal(0.12356574, usa.Cinc!.Value, 1e-6);
    }

    [Fact]
    public void The_embedded_groupings_cover_every_group_with_a_citation_on_every_row()
    {
        var g = AllianceData.LoadGroupings();
        Assert.All(g, m => Assert.False(string.IsNullOrWhiteSpace(m.Source)));
        int Members(string group, int year) => g.Count(m => m.Group == group && m.ActiveIn(year));
        Assert.Equal(4, Members("quad", 2007));
        Assert.Equal(0, Members("quad", 2012));
        Assert.Equal(4, Members("quad", 2024));
        Assert.Equal(3, Members("aukus", 2021));
        Assert.Equal(0, Members("aukus", 2020));
        Assert.Equal(3, Members("trilateral", 2024));
        Assert.Equal(12, Members("nato", 1949));
        Assert.Equal(16, Members("nato", 1990));
        Assert.Equal(30, Members("nato", 2020));
        Assert.Equal(32, Members("nato", 2024));
        Assert.Equal(6, Members("treaty-allies", 2024));
        Assert.Equal(16, Members("indo-pacific", 1990));
    }
}
