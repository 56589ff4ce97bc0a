using System.Text.Json;

namespace Ballast.Cli.Tests;

public class BurdenCommandTests
{
    [Fact]
    public void Burden_2024_at_3_5_is_stable() =>
        Approved.Verify("burden-2024-3.5", CliRunner.Run("burden", "--year", "2024", "--target", "3.5").Out);

    [Fact]
    public void Gap_is_target_minus_share_and_in_money_times_gdp()
    {
        var (code, json, _) = CliRunner.Run("burden", "--year", "2024", "--countries", "JPN,USA", "--target", "2", "3.5", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(json);
        var rows = doc.RootElement.GetProperty("rows");
        var jpn = rows[0];
        Assert.Equal("JPN", jpn.GetProperty("country").GetString());
        var share = jpn.GetProperty("share_pct").GetDouble();
        Assert.Equal(1.37139689580634, share, 10); // data/wdi_milex_share_gdp.csv, Japan 2024
        Assert.Equal(3.5 - share, jpn.GetProperty("gap_3.5_pp").GetDouble(), 10);
        Assert.Equal((3.5 - share) / 100 * jpn.GetProperty("gdp_usd_bn").GetDouble(), jpn.GetProperty("gap_3.5_usd_bn").GetDouble(), 9);
        Assert.Equal(2 - share, jpn.GetProperty("gap_2_pp").GetDouble(), 10);
        Assert.Equal((2030, "on_trend"), (jpn.GetProperty("reach_2_year").GetInt32(), jpn.GetProperty("reach_2_status").GetString()));
        Assert.Equal((2024, "met"), (rows[1].GetProperty("reach_2_year").GetInt32(), rows[1].GetProperty("reach_2_status").GetString()));
        Assert.Equal((2064, "on_trend"), (rows[1].GetProperty("reach_3.5_year").GetInt32(), rows[1].GetProperty("reach_3.5_status").GetString()));
        Assert.Equal(3.41921653228044, rows[1].GetProperty("share_pct").GetDouble(), 10); // USA 2024
    }

    [Theory]
    [InlineData(new[] { "burden", "--target", "-1" }, "error: field '--target', value '-1': a target must be a percentage of GDP above 0 and at most 100\n")]
    [InlineData(new[] { "burden", "--group", "warsaw" }, "error: field '--group', value 'warsaw': unknown group 'warsaw'. Known groups: allies, aukus, euro-atlantic, indo-pacific, nato, prk-rus-treaty, quad, treaty-allies, trilateral, us-india-mdp.\n")]
    [InlineData(new[] { "burden", "--countries", "JPN", "--group", "quad" }, "error: field '--countries': give either --countries or --group, not both\n")]
    public void Bad_arguments_exit_2_with_a_clear_message(string[] args, string expected)
    {
        var (code, o, e) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", o);
        Assert.Equal(expected, e);
    }

    [Theory]
    [InlineData("burden")]
    [InlineData("exploitation")]
    [InlineData("network")]
    [InlineData("calibrate")]
    [InlineData("backtest")]
    public void Group_help_names_every_group_the_selection_accepts(string command)
    {
        var (code, help, _) = CliRunner.Run(command, "--help");
        Assert.Equal(0, code);
        var text = string.Join(' ', help.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.All(Ballast.Runs.Countries.CountrySelection.Choices, c => Assert.Contains(c.Name, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Euro_atlantic_is_a_group_in_burden_as_in_calibrate()
    {
        var (code, csv, err) = CliRunner.Run("burden", "--group", "euro-atlantic", "--year", "2024", "--format", "csv");
        Assert.True(code == 0, err);
        var codes = csv.Trim().Split('\n').Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(31, codes.Count); // the treaty allies of the euro-atlantic actor set (data/actor_sets.csv)
        Assert.Equal("CAN", codes[0]);
        Assert.DoesNotContain("USA", codes);
        Assert.DoesNotContain("RUS", codes);
    }

    [Fact]
    public void Nato_in_1968_is_nato_as_it_was()
    {
        var (code, csv, _) = CliRunner.Run("burden", "--group", "nato", "--year", "1968", "--format", "csv");
        Assert.Equal(0, code);
        var codes = csv.Trim().Split('\n').Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(15, codes.Count); // 12 founders + GRC, TUR (1952) + West Germany (1955)
        Assert.Contains("DEU", codes);
        Assert.DoesNotContain("ESP", codes); // joined 1982
        Assert.DoesNotContain("POL", codes);
    }
}
