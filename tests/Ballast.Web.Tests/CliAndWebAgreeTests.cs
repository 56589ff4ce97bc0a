using System.Globalization;
using System.Net;
using System.Text.Json;
using Ballast.Cli;
using Ballast.Cli.Commands;
using Ballast.Cli.Output;
using Ballast.Reports;
using Ballast.Runs;
using Ballast.Web.Api;

namespace Ballast.Web.Tests;

/// <summary>
/// The CLI and the web app go through the same use cases (Ballast.Runs): the same countries and error messages for a
/// selection, the same KPI labels, units and values (and the report's), and the same paired comparison.
/// </summary>
public sealed class CliAndWebAgreeTests : IClassFixture<CliAndWebAgreeTests.Fixture>
{
    private const string UnknownGroup = "unknown group 'warsaw-pact'. Known groups: allies, aukus, euro-atlantic, indo-pacific, nato, prk-rus-treaty, quad, treaty-allies, trilateral, us-india-mdp.";

    private readonly HttpClient _c;

    public CliAndWebAgreeTests(Fixture f) => _c = f.Factory.CreateClient();

    [Fact]
    public async Task Euro_atlantic_selects_its_treaty_allies_in_the_cli_and_the_web()
    {
        var (code, json, err) = Cli("burden", "--group", "euro-atlantic", "--year", "2023", "--format", "json");
        Assert.True(code == 0, err);
        var cli = JsonDocument.Parse(json).RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("country").GetString()).ToList();
        var web = (await (await _c.GetAsync("/api/burden?group=euro-atlantic&year=2023")).Json()).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("country").GetString()).ToList();
        Assert.Equal(cli, web);
        Assert.Equal(31, cli.Count); // data/actor_sets.csv: 31 treaty allies; the patron (USA) and the adversary (RUS) are not allies
        Assert.Contains("SWE", cli);
        Assert.DoesNotContain("USA", cli);
        Assert.DoesNotContain("RUS", cli);
    }

    [Fact]
    public async Task The_api_and_the_cli_json_carry_the_same_fields_in_the_same_units()
    {
        // Burden: every field the API shares with `ballast burden --format json` has the same name and value.
        var (code, json, err) = Cli("burden", "--group", "quad", "--year", "2023", "--target", "2", "3.5", "--format", "json");
        Assert.True(code == 0, err);
        var cliRows = JsonDocument.Parse(json).RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("country").GetString()!);
        var webRows = (await (await _c.GetAsync("/api/burden?group=quad&year=2023&targets=2,3.5")).Json()).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(4, webRows.Count);
        foreach (var web in webRows)
        {
            var cli = cliRows[web.GetProperty("country").GetString()!];
            foreach (var field in new[] { "milex_usd_bn", "gdp_usd_bn", "share_pct", "milex_growth_5y_pct", "share_growth_5y_pct" })
            {
                Assert.Equal(cli.GetProperty(field).GetDouble(), web.GetProperty(field).GetDouble(), 9);
            }

            foreach (var gap in web.GetProperty("gaps").EnumerateArray())
            {
                var t = gap.GetProperty("target_pct").GetDouble().ToString("0.##", CultureInfo.InvariantCulture);
                Assert.Equal(cli.GetProperty($"gap_{t}_pp").GetDouble(), gap.GetProperty("gap_pp").GetDouble(), 9);
                Assert.Equal(cli.GetProperty($"gap_{t}_usd_bn").GetDouble(), gap.GetProperty("gap_usd_bn").GetDouble(), 9);
                Assert.Equal(cli.GetProperty($"reach_{t}_status").ToString(), gap.GetProperty("reach_status").ToString());
                Assert.Equal(cli.GetProperty($"reach_{t}_year").ToString(), gap.GetProperty("reach_year").ToString());
            }
        }

        // Exploitation: the statistics under the CLI's names.
        (code, json, err) = Cli("exploitation", "--year", "2023", "--format", "json");
        Assert.True(code == 0, err);
        var cliTest = JsonDocument.Parse(json).RootElement;
        var webTest = await (await _c.GetAsync("/api/exploitation?year=2023")).Json();
        Assert.Equal(cliTest.GetProperty("n").GetInt32(), webTest.GetProperty("n").GetInt32());
        Assert.Equal(cliTest.GetProperty("spearman").GetProperty("rho").GetDouble(), webTest.GetProperty("spearman").GetProperty("rho").GetDouble(), 12);
        Assert.Equal(cliTest.GetProperty("kendall").GetProperty("tau_b").GetDouble(), webTest.GetProperty("kendall").GetProperty("tau_b").GetDouble(), 12);
        Assert.Equal(cliTest.GetProperty("kendall").GetProperty("p").GetDouble(), webTest.GetProperty("kendall").GetProperty("p").GetDouble(), 12);

        // Power: spending and capital stock in US$ bn under the CLI's names.
        (code, json, err) = Cli("power", "--year", "2023", "--format", "json");
        Assert.True(code == 0, err);
        var cliPower = JsonDocument.Parse(json).RootElement.GetProperty("tables").GetProperty("countries").GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("country").GetString()!);
        foreach (var web in (await (await _c.GetAsync("/api/power?year=2023")).Json()).GetProperty("countries").EnumerateArray())
        {
            var cli = cliPower[web.GetProperty("country").GetString()!];
            foreach (var field in new[] { "milex_usd_bn", "capital_stock_usd_bn_2023", "cinc", "gdp_x_gdp_per_capita_usd2_e15" })
            {
                Assert.Equal(cli.GetProperty(field).ToString(), web.GetProperty(field).ToString());
            }
        }
    }

    [Theory]
    [InlineData("group", "warsaw-pact")]
    [InlineData("countries", "Japn")]
    public async Task A_bad_selection_fails_with_the_same_message_in_every_command_and_query(string field, string value)
    {
        var reasons = new List<string>();
        foreach (var query in new[] { "burden", "exploitation", "network", "shares" })
        {
            var p = await (await _c.GetAsync($"/api/{query}?{field}={value}")).Problem(HttpStatusCode.BadRequest, field);
            reasons.Add(p.GetProperty("reason").GetString()!);
        }

        var reason = Assert.Single(reasons.Distinct());
        if (field == "group")
        {
            Assert.Equal(UnknownGroup, reason);
        }
        else
        {
            Assert.StartsWith("unknown country 'Japn'. Did you mean JPN (Japan)", reason, StringComparison.Ordinal);
        }

        foreach (var command in new[] { "burden", "exploitation", "network", "calibrate", "backtest" })
        {
            var args = new List<string> { command, "--" + field, value };
            if (command == "backtest")
            {
                args.AddRange(["--fit-until", "2014"]);
            }

            var (code, o, e) = Cli([.. args]);
            Assert.Equal(2, code);
            Assert.Equal(string.Empty, o);
            Assert.Equal($"error: field '--{field}', value '{value}': {reason}\n", e);
        }
    }

    [Fact]
    public async Task Us_net_cost_and_an_ally_kpi_read_the_same_in_the_cli_the_web_and_the_report()
    {
        var dir = TempDir();
        try
        {
            var scenario = Path.Combine(dir, "baseline.yaml");
            File.WriteAllText(scenario, ScenarioCatalog.Yaml("baseline"));
            var folder = Path.Combine(dir, "out");
            var (code, text, err) = Cli("run", scenario, "--runs", "40", "--seed", "7", "--threads", "2", "--out", folder);
            Assert.True(code == 0, err);

            // The CLI's tables, as `ballast run` prints them, from its results folder.
            var saved = ResultsFolder.Read(folder);
            var inputs = PreparedScenario.FromText(saved.ScenarioYaml!, scenario).Inputs;
            var coalition = KpiTables.Coalition(saved.Manifest, saved.Result.Kpis, inputs);
            var cost = coalition.Rows.Single(r => Equals(r[0], "US net cost"));
            Assert.Equal("US$ bn 2023", cost[1]);
            var cliCost = Assert.IsType<FormattedNumber>(cost[2]).Value!.Value;
            Assert.Equal(saved.Result.Kpis.UsCostNet.P50 * 1e-9, cliCost);
            Assert.InRange(cliCost, 100, 5000); // billions, not dollars
            Assert.Contains(text.Split('\n'), l => l.Contains("│ US net cost ", StringComparison.Ordinal) && l.Contains("│ US$ bn 2023 ", StringComparison.Ordinal)
                && l.Contains(ResultTable.FormatCell(cost[2], coalition.Columns[2]), StringComparison.Ordinal));
            var allies = KpiTables.Allies(saved.Manifest, saved.Result.Kpis, inputs);
            var column = allies.Columns.ToList().FindIndex(c => c.Name == "credibility");
            Assert.Equal("Credibility", allies.Columns[column].Header);
            var cliCredibility = Assert.IsType<double>(allies.Rows.Single(r => Equals(r[0], "JPN"))[column]);

            // The web app's job results for the same scenario, seed and runs.
            var id = (await (await _c.PostJson("/api/jobs", new { scenario = "baseline", runs = 40, seed = 7 })).Json(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
            Assert.Equal("Succeeded", (await TestHttp.WaitFor(_c, id)).GetProperty("status").GetString());
            var kpis = (await (await _c.GetAsync($"/api/jobs/{id}/results")).Json()).GetProperty("kpis").EnumerateArray().ToList();
            var webCost = kpis.Single(k => k.GetProperty("id").GetString() == "us_cost_net");
            Assert.Equal("US net cost", webCost.GetProperty("name").GetString());
            Assert.Equal("US$ bn 2023", webCost.GetProperty("unit").GetString());
            Assert.Equal(cliCost, webCost.GetProperty("values")[0].GetProperty("p50").GetDouble());
            Assert.Equal("LowerIsBetter", webCost.GetProperty("direction").GetString());
            var webCredibility = kpis.Single(k => k.GetProperty("id").GetString() == "credibility.JPN");
            Assert.Equal("Japan: Credibility", webCredibility.GetProperty("name").GetString());
            Assert.Equal("0–1", webCredibility.GetProperty("unit").GetString());
            Assert.Equal(cliCredibility, webCredibility.GetProperty("values")[0].GetProperty("p50").GetDouble());

            // The report, as `ballast run` and the web job wrote it.
            var report = ReportModelStore.Load(Path.Combine(folder, ReportModelStore.FileName));
            var webReport = await (await _c.GetAsync($"/api/jobs/{id}/files/{ReportModelStore.FileName}")).Json();
            var webRows = webReport.GetProperty("kpis").EnumerateArray().ToList();
            foreach (var (name, unit, value) in new[] { ("US net cost", "US$ bn 2023", cliCost), ("Japan: Credibility", "0–1", cliCredibility) })
            {
                var row = report.Kpis.Single(k => k.Name == name);
                Assert.Equal(unit, row.Unit);
                Assert.Equal(value, row.P50);
                var web = webRows.Single(k => k.GetProperty("name").GetString() == name);
                Assert.Equal(unit, web.GetProperty("unit").GetString());
                Assert.Equal(value, web.GetProperty("p50").GetDouble());
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Compare_gives_the_same_paired_differences_in_the_cli_and_the_web()
    {
        var dir = TempDir();
        try
        {
            var files = new[] { "us-conditional-3.5", "us-reassure" }.Select(n =>
            {
                var path = Path.Combine(dir, n + ".yaml");
                File.WriteAllText(path, ScenarioCatalog.Yaml(n));
                return path;
            }).ToArray();
            var (code, csv, err) = Cli("compare", files[0], files[1], "--runs", "30", "--seed", "11", "--threads", "2", "--out", Path.Combine(dir, "out"), "--format", "csv");
            Assert.True(code == 0, err);
            var lines = csv.Trim().Split('\n');
            Assert.Equal("kpi,unit,median_1,median_2,delta_median_2,delta_p5_2,delta_p95_2", lines[0]);

            var id = (await (await _c.PostJson("/api/compare", new { scenarios = new object[] { new { scenario = "us-conditional-3.5" }, new { scenario = "us-reassure" } }, runs = 30, seed = 11 })).Json(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
            Assert.Equal("Succeeded", (await TestHttp.WaitFor(_c, id)).GetProperty("status").GetString());
            var paired = (await (await _c.GetAsync($"/api/jobs/{id}/results")).Json()).GetProperty("paired").EnumerateArray().ToDictionary(k => k.GetProperty("id").GetString()!);
            Assert.Equal(lines.Length - 1, paired.Count);
            foreach (var line in lines.Skip(1))
            {
                var cells = line.Split(',');
                var web = paired[cells[0]];
                var d = web.GetProperty("differences")[1];
                double[] webNumbers = [web.GetProperty("medians")[0].GetDouble(), web.GetProperty("medians")[1].GetDouble(), d.GetProperty("p50").GetDouble(), d.GetProperty("p5").GetDouble(), d.GetProperty("p95").GetDouble()];
                Assert.Equal(web.GetProperty("unit").GetString(), cells[1]);
                Assert.Equal(cells.Skip(2).Select(c => double.Parse(c, CultureInfo.InvariantCulture)), webNumbers);
                Assert.Equal(JsonValueKind.Null, web.GetProperty("differences")[0].ValueKind);
            }

            Assert.Equal("Japan: Credibility", paired["credibility.JPN"].GetProperty("name").GetString());
            Assert.Contains("Ballast comparison: us-conditional-3.5 vs us-reassure", await (await _c.GetAsync($"/api/jobs/{id}/report")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        var code = BallastCli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "ballast-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    public sealed class Fixture : IDisposable
    {
        public BallastFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }
}
