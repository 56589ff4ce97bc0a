using System.Text.Json;

namespace Ballast.Cli.Tests;

public class RunCommandTests
{
    [Fact]
    public void Same_seed_gives_identical_files_with_one_and_two_threads()
    {
        var dir = RepoPaths.TempDir();
        try
        {
            string Run(int threads)
            {
                var outDir = Path.Combine(dir, $"t{threads}");
                var (code, _, err) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "80", "--seed", "7", "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", outDir);
                Assert.True(code == 0, err);
                return outDir;
            }

            var a = Run(1);
            var b = Run(2);
            foreach (var f in new[] { "percentiles.csv", "runs.csv", "kpis.json", "scenario.yaml" })
            {
                Assert.Equal(File.ReadAllText(Path.Combine(a, f)), File.ReadAllText(Path.Combine(b, f)));
            }

            Assert.Empty(Directory.GetFiles(a, "*.partial"));
            Assert.Equal(81, File.ReadAllLines(Path.Combine(a, "runs.csv")).Length); // header + one row per run
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "manifest.json")));
            var m = manifest.RootElement;
            Assert.Equal("baseline", m.GetProperty("scenario").GetString());
            Assert.Equal(7UL, m.GetProperty("seed").GetUInt64());
            Assert.Equal(80, m.GetProperty("runs").GetInt64());
            Assert.Equal(64, m.GetProperty("scenario_hash").GetString()!.Length);
            Assert.Equal(16, m.GetProperty("data_version").GetString()!.Length);
            Assert.True(m.GetProperty("parameters").GetArrayLength() > 50);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_target_year_that_most_runs_never_reach_is_shown_in_parentheses_in_the_terminal_only()
    {
        var dir = RepoPaths.TempDir();
        try
        {
            var (code, table, err) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "200", "--seed", "3", "--out", Path.Combine(dir, "t"));
            Assert.True(code == 0, err);
            var (csvCode, csv, csvErr) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "200", "--seed", "3", "--out", Path.Combine(dir, "c"), "--table", "allies", "--format", "csv");
            Assert.True(csvCode == 0, csvErr);
            var lines = csv.Trim().Split('\n');
            var header = lines[0].Split(',');
            int p = Array.IndexOf(header, "p_meet_2"), year = Array.IndexOf(header, "year_meet_2");
            int rare = 0, common = 0;
            foreach (var row in lines.Skip(1).Select(l => l.Split(',')))
            {
                if (row[year].Length == 0)
                {
                    continue;
                }

                // CSV keeps the plain year; the terminal row of the ally brackets it when fewer than half the runs meet 2 %.
                Assert.Matches("^[0-9]{4}$", row[year]);
                var line = table.Split('\n').First(l => l.Contains($"│ {row[0]} ", StringComparison.Ordinal));
                bool few = double.Parse(row[p], System.Globalization.CultureInfo.InvariantCulture) < 0.5;
                Assert.Contains(few ? $"({row[year]})" : $" {row[year]} ", line, StringComparison.Ordinal);
                _ = few ? rare++ : common++;
            }

            Assert.True(rare > 0 && common > 0, $"{rare} rare, {common} common");
            Assert.Contains("note: A year in parentheses: fewer than half of the runs meet that target", err, StringComparison.Ordinal);
            var (jsonCode, json, _) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "200", "--seed", "3", "--out", Path.Combine(dir, "j"), "--format", "json");
            Assert.Equal(0, jsonCode);
            Assert.DoesNotContain("parentheses", json, StringComparison.Ordinal); // JSON carries the plain year
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Json_format_prints_the_kpi_summary_for_machines()
    {
        var dir = RepoPaths.TempDir();
        try
        {
            var (code, json, _) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "32", "--out", dir, "--format", "json");
            Assert.Equal(0, code);
            var k = JsonDocument.Parse(json).RootElement;
            Assert.Equal(32, k.GetProperty("runs").GetInt64());
            Assert.Equal(2035, k.GetProperty("horizon_year").GetInt32());
            var rows = k.GetProperty("rows").EnumerateArray().ToList();
            JsonElement Kpi(string id, string? country = null) => rows.Single(r => r.GetProperty("kpi").GetString() == id && (country is null ? r.GetProperty("country").ValueKind == JsonValueKind.Null : r.GetProperty("country").GetString() == country));
            Assert.InRange(Kpi("share_never_crossing").GetProperty("p50").GetDouble(), 0, 1);

            // The units of the tables: US$ bn for the US net cost, percent for a share of GDP (kpis.json keeps the engine's US$ and fractions).
            var saved = Ballast.Runs.ResultsFolder.Read(dir).Result.Kpis;
            var cost = Kpi("us_cost_net");
            Assert.Equal("US$ bn 2023", cost.GetProperty("unit").GetString());
            Assert.Equal(saved.UsCostNet.P50 * 1e-9, cost.GetProperty("p50").GetDouble());
            Assert.Equal(saved.FinalBalance.P5, Kpi("balance").GetProperty("p5").GetDouble());
            var share = Kpi("share_pct", "JPN");
            Assert.Equal("%", share.GetProperty("unit").GetString());
            Assert.Equal(saved.Allies.Single(a => a.Code == "JPN").FinalShareMedian * 100, share.GetProperty("p50").GetDouble());
            Assert.Equal(JsonValueKind.Null, share.GetProperty("p5").ValueKind);
            Assert.True(rows.Count(r => r.GetProperty("scope").GetString() == "ally") >= 10 * 12);

            // CSV: the same rows as one tidy table, the balance KPIs included.
            var (code2, csv, _) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "32", "--out", dir, "--format", "csv");
            Assert.Equal(0, code2);
            var lines = csv.Trim().Split('\n');
            Assert.Equal("scope,country,kpi,label,unit,p50,p5,p95", lines[0]);
            Assert.StartsWith("coalition,,balance,Balance ratio,ratio,", lines[1], StringComparison.Ordinal);
            Assert.Equal(rows.Count + 1, lines.Length);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_bad_scenario_exits_2_naming_file_line_column_and_field()
    {
        var dir = RepoPaths.TempDir();
        var path = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(path, "name: bad\ndescription: d\nquestion: q\nstart: 2024\nhorizon: 2035\nactors: indo-pacific\nus:\n  stance:\n    - { from: 2024, kind: abandon }\n");
        try
        {
            var (code, o, e) = CliRunner.Run("run", path, "--out", Path.Combine(dir, "out"));
            Assert.Equal(2, code);
            Assert.Equal("", o);
            Assert.StartsWith($"error: {path}:9:", e);
            Assert.Contains("abandon", e, StringComparison.Ordinal);
            Assert.Contains("reassure, conditional, disengage", e, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Missing_scenario_file_and_bad_runs_are_input_errors()
    {
        var (code, _, e) = CliRunner.Run("run", "no-such-file.yaml");
        Assert.Equal(2, code);
        Assert.StartsWith("error: no-such-file.yaml", e);
        var (code2, _, e2) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "0", "--out", Path.Combine(Path.GetTempPath(), "never-written"));
        Assert.Equal(2, code2);
        Assert.Equal("error: field '--runs', value '0': the number of runs must be at least 1\n", e2);
    }

    [Fact]
    public void Compare_pairs_runs_and_reports_differences()
    {
        var dir = RepoPaths.TempDir();
        try
        {
            var (code, csv, err) = CliRunner.Run("compare", RepoPaths.Scenario("us-conditional-3.5"), RepoPaths.Scenario("us-reassure"), "--runs", "48", "--out", dir, "--format", "csv");
            Assert.True(code == 0, err);
            var lines = csv.Trim().Split('\n');
            Assert.Equal("kpi,unit,median_1,median_2,delta_median_2,delta_p5_2,delta_p95_2", lines[0]);
            var credibility = lines.Single(l => l.StartsWith("credibility.JPN,", StringComparison.Ordinal)).Split(',');
            Assert.Equal("0–1", credibility[1]);
            // Reassurance raises Japan's perceived credibility relative to conditional pressure (discounting/distancing trade-off).
            Assert.True(double.Parse(credibility[4], System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Params_lists_every_parameter_with_a_source()
    {
        var (code, csv, _) = CliRunner.Run("params", "--format", "csv");
        Assert.Equal(0, code);
        var lines = csv.Trim().Split('\n');
        Assert.Equal("name,value,distribution,unit,source_kind,source,description", lines[0]);
        Assert.True(lines.Length > 50);
        Assert.Contains(lines, l => l.StartsWith("beta_s,", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Matches(",(calibrated|cited|assumption),", l));
    }
}
