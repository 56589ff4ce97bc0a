namespace Ballast.Cli.Tests;

public sealed class OptimizeCommandTests : IDisposable
{
    private const string Scenario = """
        name: optimiser-test
        description: Indo-Pacific default with a reassuring US.
        question: Who should do what, where?
        start: 2024
        horizon: 2030
        actors: indo-pacific
        us:
          stance:
            - from: 2024
              kind: reassure
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("ballast-optimize-").FullName;

    private string Path => System.IO.Path.Combine(_dir, "s.yaml");

    public OptimizeCommandTests() => File.WriteAllText(Path, Scenario);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        int code = BallastCli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Prints_the_allocation_the_dividend_and_the_assumptions()
    {
        var (code, output, err) = Run("optimise", Path, "--year", "2030", "--budget-share", "3.5", "--programs");
        Assert.Equal(0, code);
        Assert.StartsWith("note: Federated dividend: US$ ", err, StringComparison.Ordinal); // notes on standard error, the tables alone on standard output
        Assert.DoesNotContain("note:", output, StringComparison.Ordinal);
        Assert.Contains("Federated dividend: deciding roles together vs each country alone", output, StringComparison.Ordinal);
        Assert.Contains("Federated allocation, 2030 (budgets at 3.5 % of GDP; scenario optimiser-test)", output, StringComparison.Ordinal);
        Assert.Contains("Co-development programmes", output, StringComparison.Ordinal);
        Assert.Contains("optimiser_sustainment_share", output, StringComparison.Ordinal);
        Assert.Contains("lsg_distance_km", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_carries_every_table_and_csv_one_chosen_with_table()
    {
        var (code, json, _) = Run("optimize", Path, "--year", "2030", "--format", "json");
        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(["command", "scenario", "year", "budget_share_pct", "programmes_offered", "dividend_usd_bn", "dividend_pct_of_spending", "tables", "notes", "sources"], doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        var tables = doc.RootElement.GetProperty("tables");
        Assert.Equal(["dividend", "allocation", "coverage", "countries", "programmes", "assumptions"], tables.EnumerateObject().Select(p => p.Name).ToArray());
        var dividend = tables.GetProperty("dividend").GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("measure").GetString() == "federated dividend (US$ bn)");
        Assert.Equal(doc.RootElement.GetProperty("dividend_usd_bn").GetDouble(), dividend.GetProperty("federated").GetDouble());
        var (code2, csv, _) = Run("optimize", Path, "--year", "2030", "--format", "csv", "--table", "coverage");
        Assert.Equal(0, code2);
        var lines = csv.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("mission,theatre,priority,requirement_bn_units,federated_capability_bn_units,federated_gap_bn_units,federated_duplication_bn_units,autonomous_capability_bn_units,autonomous_gap_bn_units,autonomous_duplication_bn_units", lines[0]);
        Assert.StartsWith("maritime,", lines[1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Equal(10, l.Split(',').Length)); // rectangular
        var (_, dividendCsv, _) = Run("optimize", Path, "--year", "2030", "--format", "csv");
        Assert.StartsWith("measure,unit,federated,autonomous,difference\ntotal gap (bn units),bn units,", dividendCsv.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\nfederated dividend (US$ bn),US$ bn,", dividendCsv.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_priorities_get_a_message_and_exit_code_2()
    {
        var (code, _, err) = Run("optimize", Path, "--year", "2030", "--priority", "taiwan_strait=-1");
        Assert.Equal(2, code);
        Assert.Contains("priority of 'taiwan_strait' is -1; it must be a finite number ≥ 0", err, StringComparison.Ordinal);
        var (code2, _, err2) = Run("optimize", Path, "--priority", "taiwan");
        Assert.Equal(2, code2);
        Assert.Contains("expected THEATRE=WEIGHT (e.g. taiwan_strait=2), found 'taiwan'", err2, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_budget_share_is_refused()
    {
        var (code, _, err) = Run("optimize", Path, "--year", "2030", "--budget-share", "0");
        Assert.Equal(2, code);
        Assert.Contains("budget share 0 % must be greater than 0 and at most 100", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_scenario_is_refused()
    {
        var (code, _, err) = Run("optimize", System.IO.Path.Combine(_dir, "none.yaml"), "--year", "2030");
        Assert.Equal(2, code);
        Assert.StartsWith("error:", err, StringComparison.Ordinal);
    }
}
