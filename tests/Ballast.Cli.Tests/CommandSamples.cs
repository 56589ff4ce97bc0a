namespace Ballast.Cli.Tests;

/// <summary>
/// One small invocation of every command that prints a result, on the embedded data and example scenarios, with the
/// results store and folders they need made once: shared by the terminal-width and JSON-schema tests.
/// </summary>
public sealed class CommandSamples : IDisposable
{
    public CommandSamples()
    {
        Dir = RepoPaths.TempDir();
        Store = Path.Combine(Dir, "sobol.duckdb");
        var (code, _, err) = CliRunner.Run("explore", RepoPaths.Scenario("baseline"), "--design", "sobol", "--samples", "8", "--store", Store, "--threads", "2", "--format", "csv");
        Assert.True(code == 0, err);
    }

    public string Dir { get; }

    public string Store { get; }

    /// <summary>The schema name (docs/schemas/NAME.schema.json) and the arguments, without --format.</summary>
    public IReadOnlyList<(string Name, string[] Args)> Commands =>
    [
        ("burden", ["burden", "--year", "2024"]),
        ("series", ["series", "JPN", "--from", "2015"]),
        ("exploitation", ["exploitation", "--year", "2023"]),
        ("power", ["power", "--year", "2023"]),
        ("network", ["network", "--year", "2024"]),
        ("params", ["params"]),
        ("calibrate", ["calibrate"]),
        ("backtest", ["backtest", "--fit-until", "2014", "--runs", "50"]),
        ("run", ["run", RepoPaths.Scenario("us-split-stance"), "--runs", "20", "--threads", "2", "--out", Path.Combine(Dir, "run")]),
        ("compare", ["compare", RepoPaths.Scenario("baseline"), RepoPaths.Scenario("us-reassure"), "--runs", "20", "--threads", "2", "--out", Path.Combine(Dir, "compare")]),
        ("explore", ["explore", RepoPaths.Scenario("baseline"), "--design", "sobol", "--samples", "8", "--store", Store, "--threads", "2"]),
        ("sensitivity", ["sensitivity", Store, "--outcome", "balance_ratio", "--resamples", "50"]),
        ("discover", ["discover", Store, "--where", "balance_ratio >= 1.2"]),
        ("query", ["query", Store, "SELECT run, balance_ratio, crossed > 0 AS crossed FROM outcomes ORDER BY run LIMIT 5"]),
        ("export", ["export", Store, "--file-format", "csv", "--out", Path.Combine(Dir, "export")]),
        ("store-check", ["store", "check", Store]),
        ("store-merge", ["store", "merge", Path.Combine(Dir, "merged.duckdb"), Store]),
        ("robust", ["robust", RepoPaths.Scenario("baseline"), RepoPaths.Scenario("us-reassure"), "--futures", "4", "--threads", "2"]),
        ("optimise", ["optimise", RepoPaths.Scenario("baseline"), "--year", "2030"]),
        ("search", ["search", RepoPaths.Scenario("us-conditional-3.5"), "--levers", "us.theatre-share=0.1:0.6", "--objectives", "p50:balance_ratio,p50:us_cost_net", "--futures", "8", "--population", "4", "--generations", "1", "--threads", "2"]),
        ("episodes", ["episodes", RepoPaths.Scenario("history/carter-korea-1977"), "--runs", "8", "--threads", "2"]),
        ("validate", ["validate", "--origins", "2005", "--horizon", "2", "--runs", "20"]),
    ];

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
