using System.Text.Json;

namespace Ballast.Cli.Tests;

public class AnalyticsCommandTests
{
    private static string TempCsv(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ballast-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Exploitation_on_a_user_file_gives_the_hand_computed_correlations()
    {
        // GDP ranks 1..5 (USA, JPN, KOR, AUS, PHL); share ranks 1,3,2,5,4.
        // d = 0,1,1,1,1 -> sum d^2 = 4 -> rho = 1 - 6*4/(5*24) = 0.8.
        // Pairs: 10, discordant (JPN,KOR) and (AUS,PHL) = 2 -> tau = (8-2)/10 = 0.6.
        var path = TempCsv("country,gdp,share\nUSA,100,4\nJPN,50,2\nKOR,20,3\nAUS,10,1\nPHL,5,1.5\n");
        try
        {
            var (code, json, err) = CliRunner.Run("exploitation", "--data", path, "--format", "json");
            Assert.Equal(0, code);
            Assert.Equal("", err);
            var root = JsonDocument.Parse(json).RootElement;
            var notes = root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
            Assert.StartsWith("Spearman rho: coefficient 0.800", notes[0]);
            Assert.StartsWith("Kendall tau-b: coefficient 0.600", notes[1]);

            // The statistics as typed fields, and as the CSV's statistics table.
            Assert.Equal(JsonValueKind.Null, root.GetProperty("year").ValueKind);
            Assert.Equal(5, root.GetProperty("n").GetInt32());
            Assert.Equal(0.8, root.GetProperty("spearman").GetProperty("rho").GetDouble(), 12);
            Assert.Equal(5, root.GetProperty("spearman").GetProperty("n").GetInt32());
            Assert.Equal(0.6, root.GetProperty("kendall").GetProperty("tau_b").GetDouble(), 12);
            var p = root.GetProperty("kendall").GetProperty("p").GetDouble();
            Assert.InRange(p, 0, 1);
            var (code2, csv, _) = CliRunner.Run("exploitation", "--data", path, "--table", "statistics", "--format", "csv");
            Assert.Equal(0, code2);
            var lines = csv.Trim().Split('\n');
            Assert.Equal("test,coefficient,statistic,p,n,approximation", lines[0]);
            Assert.StartsWith("spearman_rho,0.8", lines[1], StringComparison.Ordinal);
            Assert.StartsWith("kendall_tau_b,0.6", lines[2], StringComparison.Ordinal);
            Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $",{p:R},5,"), lines[2], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("country,gdp\nUSA,1\n", ":1, field 'milex': missing column 'milex' (or 'share'): give spending or its share of GDP in percent")]
    [InlineData("country,gdp,milex\nUSA,100,-2\n", ":2, field 'milex', value '-2': must not be negative")]
    [InlineData("country,gdp,share\nUSA,100,140\n", ":2, field 'share', value '140': share must be a percentage between 0 and 100")]
    [InlineData("country,gdp,share\nUSA,100,4\nUnited States,90,3\n", ":3, field 'country', value 'United States': duplicate country USA")]
    [InlineData("country,gdp,share\nNarnia,100,4\n", ":2, field 'country', value 'Narnia': unknown country 'Narnia'.")]
    public void Exploitation_rejects_bad_user_files(string csv, string expected)
    {
        var path = TempCsv(csv);
        try
        {
            var (code, o, e) = CliRunner.Run("exploitation", "--data", path);
            Assert.Equal(2, code);
            Assert.Equal("", o);
            Assert.StartsWith($"error: {path}{expected}", e);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Power_ratio_is_coalition_sum_over_adversary_sum()
    {
        var (code, json, _) = CliRunner.Run("power", "--year", "2023", "--format", "json");
        Assert.Equal(0, code);
        // One JSON document with both tables; money in US$ bn as the terminal shows it.
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(2023, doc.RootElement.GetProperty("year").GetInt32());
        var tables = doc.RootElement.GetProperty("tables");
        var rows = tables.GetProperty("countries").GetProperty("rows").EnumerateArray().ToList();
        double Sum(Func<string, bool> role) => rows.Where(r => role(r.GetProperty("role").GetString()!) && r.GetProperty("milex_usd_bn").ValueKind == JsonValueKind.Number)
            .Sum(r => r.GetProperty("milex_usd_bn").GetDouble());
        var coalition = Sum(r => r != "adversary");
        var adversaries = Sum(r => r == "adversary");
        Assert.Equal(916.015, rows[0].GetProperty("milex_usd_bn").GetDouble(), 3); // USA 2023, SIPRI current US$
        var milex = tables.GetProperty("balance").GetProperty("rows")[0];
        Assert.Equal("military expenditure", milex.GetProperty("measure").GetString());
        Assert.Equal(coalition / adversaries, milex.GetProperty("ratio").GetDouble(), 9);
        Assert.Equal(coalition, milex.GetProperty("coalition").GetDouble() / 1e9, 6);
        Assert.True(milex.GetProperty("ratio").GetDouble() > 1);
    }

    private static Dictionary<string, double> NetworkMetrics(int year)
    {
        var (code, json, _) = CliRunner.Run("network", "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");
        Assert.Equal(0, code);
        return JsonDocument.Parse(json).RootElement.GetProperty("tables").GetProperty("metrics").GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("value").ValueKind == JsonValueKind.Number)
            .ToDictionary(r => r.GetProperty("metric").GetString()!, r => r.GetProperty("value").GetDouble());
    }

    [Fact]
    public void Network_shows_hub_and_spokes_in_1990_and_a_networked_system_in_2024()
    {
        var then = NetworkMetrics(1990);
        var now = NetworkMetrics(2024);
        Assert.Equal(0, then["ally_to_ally_ties"]);
        Assert.Equal(4, now["ally_to_ally_ties"]); // AUS-IND, AUS-JPN, IND-JPN, JPN-KOR
        Assert.Equal(5.0 / 7, then["patron_share_of_ties"], 9);
        Assert.Equal(0.5, now["patron_share_of_ties"], 9);
        Assert.True(now["density"] > then["density"]);
    }
}
