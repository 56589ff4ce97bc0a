using System.Globalization;

namespace Ballast.Cli.Tests;

public class SearchCommandTests
{
    private static string[] Search(params string[] extra) =>
        ["search", RepoPaths.Scenario("us-conditional-3.5"), "--levers", "us.theatre-share=0.1:0.6", "--objectives", "p50:balance_ratio,p50:us_cost_net",
            "--futures", "16", "--population", "8", "--generations", "3", "--format", "csv", .. extra];

    private static List<double[]> Rows(string csv) =>
        [.. csv.Trim().Split('\n').Skip(1).Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray())];

    [Fact]
    public void The_pareto_set_trades_balance_against_us_cost_and_does_not_depend_on_threads()
    {
        var (code, csv, err) = CliRunner.Run(Search("--threads", "1"));
        Assert.True(code == 0, err);
        Assert.Equal("policy,us_theatre_share,p50_balance_ratio,p50_us_cost_net,p50_balance_ratio_fresh,p50_us_cost_net_fresh", csv.Split('\n')[0].Trim());
        var rows = Rows(csv);
        Assert.True(rows.Count >= 3, csv);
        // Nondominated: ordered by balance (maximised, stored negated, so the archive runs from the highest balance
        // down), each step down in balance must buy a lower US cost, and a larger theatre share gives both more.
        for (int i = 1; i < rows.Count; i++)
        {
            Assert.True(rows[i][2] < rows[i - 1][2] && rows[i][3] < rows[i - 1][3], csv);
            Assert.True(rows[i][1] < rows[i - 1][1], csv);
        }

        Assert.All(rows, r => Assert.InRange(r[1], 0.1, 0.6));
        var (code2, csv2, _) = CliRunner.Run(Search("--threads", "2"));
        Assert.Equal(0, code2);
        Assert.Equal(csv, csv2);
    }

    [Fact]
    public void An_unmeetable_constraint_returns_the_least_infeasible_policy_and_says_so()
    {
        var (code, csv, err) = CliRunner.Run(Search("--constraints", "p50:balance_ratio>=100", "--fresh-futures", "0"));
        Assert.True(code == 0, err);
        Assert.Equal("policy,us_theatre_share,p50_balance_ratio,p50_us_cost_net,p50_balance_ratio_constraint", csv.Split('\n')[0].Trim());
        var row = Assert.Single(Rows(csv));
        // The least infeasible policy has the highest median balance: the largest theatre share the search tried.
        Assert.InRange(row[1], 0.5, 0.6);
        Assert.Equal(row[2], row[4]);
        var args = Search("--constraints", "p50:balance_ratio>=100", "--fresh-futures", "0");
        args[Array.IndexOf(args, "--format") + 1] = "json";
        var (_, json, _) = CliRunner.Run(args);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Contains("No policy met every constraint: the row is the least infeasible policy found.", doc.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Theory]
    [InlineData("--levers", "us.morale", "error: field '--levers', value 'us.morale': unknown lever 'us.morale'; searchable levers: architecture, us.stance.kind, us.stance.harshness,")]
    [InlineData("--levers", "us.theatre-share=0.5:0.2", "error: field '--levers', value 'us.theatre-share=0.5:0.2': bounds of lever 'us.theatre-share' must satisfy 0 ≤ LOW < HIGH ≤ 1")]
    [InlineData("--objectives", "p50:crossover_year", "error: field '--objectives', value 'p50:crossover_year': crossover_year is missing in the futures where the balance never tips; search on crossed (the share of futures where it tips) instead")]
    [InlineData("--objectives", "median:balance_ratio", "error: field '--objectives', value 'median:balance_ratio': unknown statistic 'median'; use mean or a percentile p1 … p99 (e.g. p10)")]
    public void Bad_specifications_are_located(string option, string value, string message)
    {
        var args = Search().ToList();
        args[args.IndexOf(option) + 1] = value;
        var (code, _, err) = CliRunner.Run([.. args]);
        Assert.Equal(2, code);
        Assert.StartsWith(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_describes_where_a_pareto_policy_fails_with_prim()
    {
        var args = Search("--explain", "1", "--fails", "balance_ratio < 1.2");
        args[Array.IndexOf(args, "--futures") + 1] = "64";
        var (code, csv, err) = CliRunner.Run(args);
        Assert.True(code == 0, err);
        var lines = csv.Trim().Split('\n');
        Assert.Equal("parameter,lower,upper,data_min,data_max,qp_lower,qp_upper", lines[0].Trim());
        Assert.All(lines.Skip(1), l =>
        {
            var c = l.Split(',');
            double lower = double.Parse(c[1], CultureInfo.InvariantCulture), upper = double.Parse(c[2], CultureInfo.InvariantCulture);
            double min = double.Parse(c[3], CultureInfo.InvariantCulture), max = double.Parse(c[4], CultureInfo.InvariantCulture);
            Assert.True(min <= lower && lower < upper && upper <= max, l);
        });

        var (code2, _, err2) = CliRunner.Run(Search("--explain", "99"));
        Assert.Equal(2, code2);
        // Progress lines come first on stderr; the error is the last line.
        Assert.StartsWith("error: field '--explain', value '99': policy 99 is not in the Pareto set (1 to ", err2.Trim().Split('\n')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Out_writes_a_report_with_the_pareto_set_in_parallel_coordinates()
    {
        var dir = RepoPaths.TempDir();
        try
        {
            var (code, csv, err) = CliRunner.Run(Search("--out", dir));
            Assert.True(code == 0, err);
            int policies = Rows(csv).Count;
            string html = File.ReadAllText(Path.Combine(dir, "search.html"));
            Assert.Contains("Trade-offs of the Pareto set", html, StringComparison.Ordinal);
            // One line per policy, and the axes: the lever, then both objectives with the cost in US$ bn.
            Assert.Equal(policies, System.Text.RegularExpressions.Regex.Count(html, "<polyline"));
            Assert.Contains("p50 us_cost_net (US$ bn)", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Store_holds_the_pareto_set_and_its_settings_for_query()
    {
        var dir = RepoPaths.TempDir();
        try
        {
            var file = Path.Combine(dir, "search.duckdb");
            var (code, csv, err) = CliRunner.Run(Search("--store", file));
            Assert.True(code == 0, err);
            var rows = Rows(csv);
            var (q, table, qerr) = CliRunner.Run("query", file, "SELECT policy, us_theatre_share, p50_balance_ratio FROM pareto ORDER BY policy", "--format", "csv");
            Assert.True(q == 0, qerr);
            var stored = Rows(table);
            Assert.Equal(rows.Select(r => r[..3]), stored);
            var (_, manifest, _) = CliRunner.Run("query", file, "SELECT value FROM manifest WHERE key IN ('kind', 'levers') ORDER BY key", "--format", "csv");
            Assert.Equal(["value", "search", "us.theatre-share=0.1:0.6"], manifest.Trim().Split('\n').Select(l => l.Trim()));
            Assert.False(File.Exists(file + ".partial"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
