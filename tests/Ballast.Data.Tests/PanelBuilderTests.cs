using Ballast.Core;
using Ballast.Core.Panel;
using Ballast.Data.Csv;
using Ballast.Data.Panel;

namespace Ballast.Data.Tests;

public class PanelBuilderTests
{
    private static CountryPanel P => PanelBuilder.Default;

    [Fact]
    public void Share_equals_the_world_bank_row()
    {
        // data/wdi_milex_share_gdp.csv: United States,USA,2024,3.41921653228044 ; Japan,JPN,2024,1.37139689580634
        Assert.Equal(0.0341921653228044, P.Value("USA", 2024, Series.MilexShare)!.Value, 14);
        Assert.Equal(0.0137139689580634, P.Value("JPN", 2024, Series.MilexShare)!.Value, 14);
        Assert.Equal(PanelBuilder.WdiMilexShare, P.Row("JPN", 2024)![Series.MilexShare]!.Value.Source);
    }

    [Fact]
    public void Taiwan_comes_from_sipri_and_owid()
    {
        // data/sipri_milex_core_2001_2024.csv: Taiwan,TWN,2024,16475.008798074079,,16634.732847177882,,2.0981143723021956E-2
        var row = P.Row("TWN", 2024)!;
        Assert.Equal(0.020981143723021956, row.Value(Series.MilexShare)!.Value, 12);
        Assert.Equal(16475.008798074079e6, row.Value(Series.MilexCurrentUsd)!.Value, 1);
        Assert.Equal(16475.008798074079e6 / 0.020981143723021956, row.Value(Series.GdpCurrentUsd)!.Value, 1);
        Assert.Equal(PanelBuilder.DerivedGdp, row[Series.GdpCurrentUsd]!.Value.Source);
        Assert.NotNull(P.Value("TWN", 2023, Series.Population));
    }

    [Fact]
    public void Gdp_equals_the_world_bank_row_and_missing_stays_missing()
    {
        // data/wdi_gdp_constant_2015_usd.csv: United States,USA,2023,22062578000000
        Assert.Equal(22062578000000, P.Value("USA", 2023, Series.GdpConstantUsd));
        Assert.Null(P.Value("USA", 2024, Series.GdpConstantUsd)); // WDI extract ends 2023; never zero
        Assert.Null(P.Value("VNM", 2023, Series.MilexConstantUsd)); // SIPRI has no Viet Nam figures after 2018
    }

    private static CountryPanel User(string csv) => PanelBuilder.FromUserTable(CsvTable.Parse("my.csv", new StringReader(csv)));

    [Fact]
    public void User_panel_derives_share_from_spending_and_gdp()
    {
        var p = User("country,year,gdp_current_usd,milex_current_usd\nJapan,2024,1000,20\n");
        Assert.Equal(0.02, p.Value("JPN", 2024, Series.MilexShare));
    }

    [Theory]
    [InlineData("country,year,milex_current_usd\nJPN,2024,5\n", "my.csv:1, field 'gdp_current_usd': missing column 'gdp_current_usd' (columns present: country, year, milex_current_usd)")]
    [InlineData("country,year,gdp_current_usd\nJPN,2024,5\n", "my.csv:1, field 'milex_current_usd': missing column 'milex_current_usd' (or 'milex_share_gdp_pct'): the file must give spending or its share of GDP")]
    [InlineData("country,year,gdp_current_usd,milex_current_usd\nJPN,2024,abc,5\n", "my.csv:2, field 'gdp_current_usd', value 'abc': is not a number")]
    [InlineData("country,year,gdp_current_usd,milex_current_usd\nJPN,2024,100,-5\n", "my.csv:2, field 'milex_current_usd', value '-5': must not be negative")]
    [InlineData("country,year,gdp_current_usd,milex_share_gdp_pct\nJPN,2024,100,120\n", "my.csv:2, field 'milex_share_gdp_pct', value '120': share of GDP above 100 %")]
    [InlineData("country,year,gdp_current_usd,milex_current_usd\nJPN,2024,100,5\nJapan,2024,100,6\n", "my.csv:3, field 'country', value 'Japan': duplicate country-year JPN 2024")]
    [InlineData("country,year,gdp_current_usd,milex_current_usd\nAtlantis,2024,100,5\n", "my.csv:2, field 'country', value 'Atlantis': unknown country 'Atlantis'.")]
    [InlineData("country,year,gdp_current_usd,milex_current_usd\nJPN,20x4,100,5\n", "my.csv:2, field 'year', value '20x4': is not a whole number")]
    [InlineData("country,year,gdp_current_usd,milex_current_usd\nJPN,2024,100,500\n", "my.csv:2, field 'milex_current_usd', value '500': spending exceeds GDP (share of GDP above 100 %)")]
    public void Bad_user_panels_are_rejected_with_file_line_field_and_value(string csv, string expected)
    {
        var e = Assert.Throws<BallastInputException>(() => User(csv));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
