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
            var notes = JsonDocument.Parse(json).RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
            Assert.StartsWith("Spearman rho: coefficient 0.800", notes[0]);
            Assert.StartsWith("Kendall tau-b: coefficient 0.600", notes[1]);
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
        // Two JSON documents: per-country table then balance table.
        var docs = json.Split("\n}\n", StringSplitOptions.RemoveEmptyEntries).Select(d => JsonDocument.Parse(d.TrimEnd() + "\n}")).ToList();
        var rows = docs[0].RootElement.GetProperty("rows").EnumerateArray().ToList();
        double Sum(Func<string, bool> role) => rows.Where(r => role(r.GetProperty("role").GetString()!) && r.GetProperty("milex_current_usd").ValueKind == JsonValueKind.Number)
            .Sum(r => r.GetProperty("milex_current_usd").GetDouble());
        var coalition = Sum(r => r != "adversary");
        var adversaries = Sum(r => r == "adversary");
        var milex = docs[1].RootElement.GetProperty("rows")[0];
        Assert.Equal("military expenditure", milex.GetProperty("measure").GetString());
        Assert.Equal(coalition / adversaries, milex.GetProperty("ratio").GetDouble(), 9);
        Assert.True(milex.GetProperty("ratio").GetDouble() > 1);
    }

    private static Dictionary<string, double> NetworkMetrics(int year)
    {
        var (code, json, _) = CliRunner.Run("network", "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--show", "metrics", "--format", "json");
        Assert.Equal(0, code);
        return JsonDocument.Parse(json).RootElement.GetProperty("rows").EnumerateArray()
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
