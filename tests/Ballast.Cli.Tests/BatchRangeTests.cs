namespace Ballast.Cli.Tests;

/// <summary><c>explore --range</c> parts merged with <c>store merge</c> equal one whole run; the range and gateway options check their input.</summary>
public sealed class BatchRangeTests : IDisposable
{
    private readonly string _dir = RepoPaths.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Explore(string name, params string[] extra)
    {
        string store = Path.Combine(_dir, name + ".duckdb");
        var r = CliRunner.Run(["explore", RepoPaths.Scenario("baseline"), "--samples", "300", "--store", store, "--threads", "2", "--format", "csv", .. extra]);
        Assert.True(r.Code == 0, r.Err);
        return store;
    }

    private static string Digest(string store) =>
        CliRunner.Run("query", store, "SELECT count(*), count(DISTINCT run), bit_xor(hash(COLUMNS(*))) FROM outcomes", "--format", "csv").Out
        + CliRunner.Run("query", store, "SELECT count(*), bit_xor(hash(COLUMNS(*))) FROM outcomes_yearly", "--format", "csv").Out;

    [Fact]
    public void Explore_says_that_a_store_is_its_file_and_its_parts_folder()
    {
        string store = Path.Combine(_dir, "told.duckdb");
        var r = CliRunner.Run("explore", RepoPaths.Scenario("baseline"), "--samples", "40", "--store", store);
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("The store is told.duckdb and the folder told.duckdb.parts beside it (the yearly rows): copy or move them together.", r.Err, StringComparison.Ordinal);
        Assert.Equal(["yearly-000001.parquet"], Directory.GetFiles(store + ".parts").Select(Path.GetFileName));
    }

    [Fact]
    public void Overlapping_range_parts_merge_into_the_whole_experiment_each_run_once()
    {
        string whole = Explore("whole");
        string a = Explore("a", "--range", "0:120");
        string b = Explore("b", "--range", "100:300");
        string merged = Path.Combine(_dir, "merged.duckdb");

        var merge = CliRunner.Run("store", "merge", merged, a, b, "--format", "csv");

        Assert.True(merge.Code == 0, merge.Err);
        Assert.Equal($"part,added,already_there\n{a},120,0\n{b},180,20\n", merge.Out);
        Assert.Equal(Digest(whole), Digest(merged));
        // Merging again adds nothing.
        Assert.Equal($"part,added,already_there\n{b},0,200\n", CliRunner.Run("store", "merge", merged, b, "--format", "csv").Out);
    }

    [Fact]
    public void A_range_part_reports_its_rows_and_resumes_inside_them()
    {
        string store = Path.Combine(_dir, "part.duckdb");
        var first = CliRunner.Run("explore", RepoPaths.Scenario("baseline"), "--samples", "300", "--store", store, "--range", "50:80", "--format", "csv");
        Assert.Contains(",28,30,0,30,", first.Out, StringComparison.Ordinal);
        var wider = CliRunner.Run("explore", RepoPaths.Scenario("baseline"), "--samples", "300", "--store", store, "--range", "60:100", "--format", "csv");
        Assert.Contains(",28,40,20,20,", wider.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--range", "5", "error: field '--range', value '5': a range is FIRST:END, design rows FIRST to END-1 (e.g. 0:1000)")]
    [InlineData("--range", "10:10", "error: field '--range', value '10:10': the range must satisfy FIRST < END <= 300 (the design's rows)")]
    [InlineData("--range", "0:301", "error: field '--range', value '0:301': the range must satisfy FIRST < END <= 300 (the design's rows)")]
    [InlineData("--cluster", "nonsense", "error: field '--cluster', value 'nonsense': expected HOST:PORT, e.g. 127.0.0.1:30000")]
    public void Bad_ranges_and_gateways_exit_2_with_the_reason(string option, string value, string message)
    {
        var r = CliRunner.Run("explore", RepoPaths.Scenario("baseline"), "--samples", "300", "--store", Path.Combine(_dir, "x.duckdb"), option, value);
        Assert.Equal(2, r.Code);
        Assert.Equal(message, r.Err.Trim());
    }

    [Fact]
    public void Merging_stores_of_different_experiments_is_refused()
    {
        string a = Explore("a");
        string other = Path.Combine(_dir, "other.duckdb");
        Assert.Equal(0, CliRunner.Run("explore", RepoPaths.Scenario("baseline"), "--samples", "300", "--seed", "9", "--store", other, "--format", "csv").Code);
        var r = CliRunner.Run("store", "merge", Path.Combine(_dir, "m.duckdb"), a, other);
        Assert.Equal(2, r.Code);
        Assert.Equal($"error: {other}: this store holds a different experiment from the first part (another scenario, design, seed or program version)", r.Err.Trim());
    }
}
