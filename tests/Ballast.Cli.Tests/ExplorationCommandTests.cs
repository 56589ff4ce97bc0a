namespace Ballast.Cli.Tests;

public sealed class ExplorationCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ballast-explore-" + Guid.NewGuid().ToString("N"));

    public ExplorationCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = BallastCli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "scenarios", "baseline.yaml");

    [Fact]
    public void Explore_then_sensitivity_discover_and_query_work_on_the_baseline()
    {
        string store = Path.Combine(_dir, "r.duckdb");
        var explore = Run("explore", Scenario, "--design", "morris", "--samples", "6", "--store", store, "--format", "csv");
        Assert.True(explore.Code == 0, explore.Err);
        Assert.Contains("design=morris samples=6", explore.Out, StringComparison.Ordinal);

        // Running again resumes: nothing left to execute.
        var again = Run("explore", Scenario, "--design", "morris", "--samples", "6", "--store", store, "--format", "csv");
        Assert.Equal(0, again.Code);
        Assert.Contains(",28,174,174,0,", again.Out, StringComparison.Ordinal); // 28 registry parameters with a distribution, Morris r(k + 1) = 6 · 29

        var sens = Run("sensitivity", store, "--outcome", "balance_ratio", "--format", "csv");
        Assert.True(sens.Code == 0, sens.Err);
        Assert.StartsWith("parameter,mu_star,mu_star_ci,mu,sigma", sens.Out, StringComparison.Ordinal);

        var query = Run("query", store, "SELECT count(*) AS n FROM outcomes", "--format", "csv");
        Assert.Equal("n\n174\n", query.Out.ReplaceLineEndings("\n"));

        var discover = Run("discover", store, "--where", "balance_ratio >= 0", "--format", "csv");
        Assert.True(discover.Code == 0, discover.Err);
    }

    [Fact]
    public void Unknown_outcomes_and_bad_conditions_exit_2_with_the_reason()
    {
        string store = Path.Combine(_dir, "s.duckdb");
        Assert.Equal(0, Run("explore", Scenario, "--design", "lhs", "--samples", "8", "--store", store).Code);
        var unknown = Run("discover", store, "--where", "crosover_year <= 2035");
        Assert.Equal(2, unknown.Code);
        Assert.StartsWith("error: field '--where', value 'crosover_year': unknown outcome 'crosover_year' at column 1 of \"crosover_year <= 2035\"; known outcomes: balance_ratio, crossover_year,", unknown.Err, StringComparison.Ordinal);
        var bad = Run("discover", store, "--where", "crossover_year = 2035");
        Assert.Equal(2, bad.Code);
        Assert.Contains("'=' is not a comparison; use == or != (at column 16", bad.Err, StringComparison.Ordinal);
        var sens = Run("sensitivity", store, "--outcome", "nope");
        Assert.Equal(2, sens.Code);
        Assert.Contains("unknown outcome 'nope'; known outcomes: balance_ratio", sens.Err, StringComparison.Ordinal);
        var lhs = Run("sensitivity", store, "--outcome", "balance_ratio");
        Assert.Contains("a lhs design does not support variance-based or Morris indices", lhs.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensitivity_reads_samples_produced_elsewhere()
    {
        // A Saltelli layout for y = 3a + b (D = 2, N = 4): blocks of A, AB_a, AB_b, B.
        var lines = new List<string> { "# design: sobol second_order=false", "a,b,y" };
        var rnd = new Random(3);
        for (int i = 0; i < 256; i++)
        {
            double a1 = rnd.NextDouble(), b1 = rnd.NextDouble(), a2 = rnd.NextDouble(), b2 = rnd.NextDouble();
            foreach (var (a, b) in new[] { (a1, b1), (a2, b1), (a1, b2), (a2, b2) })
            {
                lines.Add(FormattableString.Invariant($"{a},{b},{(3 * a) + b}"));
            }
        }

        string file = Path.Combine(_dir, "samples.csv");
        File.WriteAllLines(file, lines);
        var r = Run("sensitivity", "--samples-file", file, "--params", "a,b", "--outcome", "y", "--format", "csv");
        Assert.True(r.Code == 0, r.Err);
        var first = r.Out.Split('\n')[1].Split(',');
        Assert.Equal("a", first[0]);

        // Analytic: S_a = 9/10, S_b = 1/10 for independent uniforms.
        Assert.InRange(double.Parse(first[1], System.Globalization.CultureInfo.InvariantCulture), 0.8, 1.0);
    }
}
