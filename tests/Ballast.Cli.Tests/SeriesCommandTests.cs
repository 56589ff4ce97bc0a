namespace Ballast.Cli.Tests;

public class SeriesCommandTests
{
    [Fact]
    public void Series_table_for_japan_is_stable() =>
        Approved.Verify("series-jpn-2020-2024", CliRunner.Run("series", "JPN", "--from", "2020", "--to", "2024").Out);

    [Fact]
    public void Series_csv_is_the_user_panel_format_and_reads_back()
    {
        var (code, csv, _) = CliRunner.Run("series", "Korea, South", "--from", "2022", "--to", "2023", "--format", "csv");
        Assert.Equal(0, code);
        var lines = csv.Trim().Split('\n');
        Assert.Equal("country,year,gdp_current_usd,gdp_constant_usd,population,milex_current_usd,milex_constant_usd,milex_share_gdp_pct", lines[0]);
        Assert.Equal(3, lines.Length);
        var path = Path.Combine(Path.GetTempPath(), $"ballast-kor-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        try
        {
            var (code2, csv2, err) = CliRunner.Run("series", "KOR", "--data", path, "--format", "csv");
            Assert.Equal(0, code2);
            Assert.Equal("", err);
            Assert.Equal(lines[1..], csv2.Trim().Split('\n')[1..]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unknown_country_exits_2_with_suggestions()
    {
        var (code, o, e) = CliRunner.Run("series", "Japn");
        Assert.Equal(2, code);
        Assert.Equal("", o);
        Assert.StartsWith("error: field 'country', value 'Japn': unknown country 'Japn'. Did you mean JPN (Japan)", e);
    }

    [Fact]
    public void Bad_data_file_exits_2_naming_file_line_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ballast-bad-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "country,year,gdp_current_usd,milex_current_usd\nJPN,2024,100,-1\n");
        try
        {
            var (code, o, e) = CliRunner.Run("series", "JPN", "--data", path);
            Assert.Equal(2, code);
            Assert.Equal("", o);
            Assert.Equal($"error: {path}:2, field 'milex_current_usd', value '-1': must not be negative\n", e);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
