namespace Ballast.Cli.Tests;

/// <summary>Bad option values, output paths that cannot be written, damaged stores: one clear line and exit code 2, never a crash.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _dir = RepoPaths.TempDir();

    // The embedded panel's years with a military-spending share (1949 to 2024 at the time of writing).
    private static readonly int DataYearsFirst = Ballast.Runs.Countries.DataYears.Shares(Ballast.Data.Panel.PanelBuilder.Default).First;
    private static readonly int DataYearsLast = Ballast.Runs.Countries.DataYears.Shares(Ballast.Data.Panel.PanelBuilder.Default).Last;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("run|{baseline}|--runs|abc", "--runs: 'abc' is not a whole number")]
    [InlineData("run|{baseline}|--threads|-", "--threads: '-' is not a whole number")]
    [InlineData("run|{baseline}|--seed|-1", "--seed: '-1' is not a whole number of 0 or more")]
    [InlineData("run|{baseline}|--format|xml", "--format: 'xml' is not one of table, csv, json")]
    [InlineData("explore|{baseline}|--samples|1e3", "--samples: '1e3' is not a whole number")]
    [InlineData("burden|--year|abc", "--year: 'abc' is not a whole number")]
    [InlineData("burden|--target|2,x", "--target: '2,x' is not a number")]
    [InlineData("optimize|--budget-share|lots", "--budget-share: 'lots' is not a number")]
    [InlineData("run|{baseline}|--bogus", "unrecognized argument '--bogus'; 'ballast run --help' lists the options")]
    [InlineData("run", "'ballast run' needs <scenario>; 'ballast run --help' shows the usage")]
    [InlineData("", "give a command; 'ballast --help' lists them")]
    public void Bad_option_values_print_one_line_naming_the_option_and_exit_2(string args, string message)
    {
        var (code, stdout, err) = CliRunner.Run(Args(args));
        Assert.Equal((2, string.Empty, $"error: {message}\n"), (code, stdout, err));
    }

    [Theory]
    [InlineData("burden|--year|3000")]
    [InlineData("burden|--year|1800")]
    [InlineData("burden|--year|-5")]
    [InlineData("burden|--year|1953")]
    [InlineData("exploitation|--year|3000")]
    [InlineData("exploitation|--year|1953")]
    public void Years_without_data_are_refused_naming_the_years_with_data(string args)
    {
        var (code, stdout, err) = CliRunner.Run(Args(args));
        var year = Args(args)[^1];
        Assert.Equal((2, string.Empty, $"error: field '--year', value '{year}': must be between {DataYearsFirst} and {DataYearsLast}, the years with military spending as a share of GDP\n"), (code, stdout, err));
    }

    [Theory]
    [InlineData("burden|--year|{first}")]
    [InlineData("burden|--year|{last}")]
    [InlineData("exploitation|--year|{last}")]
    public void The_first_and_last_years_with_data_are_accepted(string args)
    {
        var (code, _, err) = CliRunner.Run(Args(args.Replace("{first}", DataYearsFirst.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("{last}", DataYearsLast.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        Assert.True(code == 0, err);
    }

    [Theory]
    [InlineData("power|--year|2000", "must be between 2001 and 2024, the years with constant-dollar military spending")]
    [InlineData("network|--year|1815", "must be between 1816 and 2100, the years with alliance data and groupings")]
    public void Power_and_network_use_the_same_rule(string args, string message)
    {
        var (code, stdout, err) = CliRunner.Run(Args(args));
        Assert.Equal((2, string.Empty, $"error: field '--year', value '{Args(args)[^1]}': {message}\n"), (code, stdout, err));
    }

    [Theory]
    [InlineData("deep", "the document nests deeper than 64 levels")]
    [InlineData("unterminated", "invalid YAML: ")]
    public void Deep_and_broken_yaml_is_exit_2_with_a_located_message(string kind, string reason)
    {
        var file = Path.Combine(_dir, kind + ".yaml");
        File.WriteAllText(file, kind == "deep" ? "a: " + new string('[', 50_000) : "a: {b: 1\nc: 2");
        var (code, stdout, err) = CliRunner.Run("run", file, "--runs", "2");
        Assert.Equal((2, string.Empty), (code, stdout));
        Assert.StartsWith($"error: {file}:", err, StringComparison.Ordinal);
        Assert.Contains(reason, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_still_printed_when_asked_for()
    {
        var (code, stdout, err) = CliRunner.Run("run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--runs", stdout, StringComparison.Ordinal);
        Assert.Empty(err);
    }

    [Theory]
    [InlineData("--Ballast:MaxJobSeconds=0", "error: field 'MaxJobSeconds': must be a positive number\n")]
    [InlineData("--Ballast:MaxJobSeconds|0", "error: field 'MaxJobSeconds': must be a positive number\n")]
    [InlineData("--ballast:maxqueuedjobs=-3", "error: field 'MaxQueuedJobs': must be a positive number\n")]
    [InlineData("--Ballast:MaxJobSeconds=abc", "error: field 'MaxJobSeconds', value 'abc': not a whole number\n")]
    [InlineData("--Ballast:MaxJobSecs=120", "error: field 'MaxJobSecs', value '120': unknown setting in section Ballast; the settings are ApiKey, Cluster, ClusterId, ComputeRetryAfterSeconds, DefaultRuns, GameBandRuns, MaxCompareScenarios, MaxConcurrentCompute, MaxConcurrentJobs, MaxExploreSamples, MaxJobSeconds, MaxQueuedCompute, MaxQueuedJobs, MaxRequestBytes, MaxRunsPerJob, NetworkCacheEntries, OptimiserTimeLimitSeconds, Store, Threads, Urls (docs/web.md)\n")]
    [InlineData("--Ballast:MaxJobSeconds", "error: field '--Ballast:MaxJobSeconds': give a value, e.g. --Ballast:MaxJobSeconds=120\n")]
    public void Serve_takes_the_documented_Ballast_settings_on_its_command_line(string setting, string message)
    {
        // docs/web.md documents --Ballast:MaxJobSeconds=120; a value the options refuse proves it reaches them.
        var (code, _, err) = CliRunner.Run(["serve", "--store", Path.Combine(_dir, "serve-store"), .. setting.Split('|')]);
        Assert.Equal((2, message), (code, err));
    }

    [Fact]
    public void A_gdp_change_of_minus_100_percent_is_refused_at_its_line_and_just_above_is_accepted()
    {
        var text = File.ReadAllText(RepoPaths.Scenario("pandemic-shock"));
        var bad = Path.Combine(_dir, "gdp-zero.yaml");
        File.WriteAllText(bad, text.Replace("gdp-change-percent: -4 }", "gdp-change-percent: -100 }", StringComparison.Ordinal));
        var (code, _, err) = CliRunner.Run("run", bad, "--runs", "2", "--out", Path.Combine(_dir, "zero"));
        Assert.Equal(2, code);
        Assert.Equal($"error: {bad}:23:55: field 'shocks[0].gdp-change-percent': a GDP change must be more than -100 % (which would leave no GDP) and at most 100 %, found -100\n", err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "zero")));

        var deep = Path.Combine(_dir, "gdp-deep.yaml");
        File.WriteAllText(deep, text.Replace("gdp-change-percent: -4 }", "gdp-change-percent: -99.5 }", StringComparison.Ordinal));
        var ok = CliRunner.Run("run", deep, "--runs", "2", "--out", Path.Combine(_dir, "deep"), "--format", "json");
        Assert.True(ok.Code == 0, ok.Err);
    }

    [Theory]
    [InlineData("run|{baseline}|--runs|4|--out|{file}", "--out", "{file}", "is a file, not a folder")]
    [InlineData("run|{baseline}|--runs|4|--out|{file}/sub", "--out", "{file}/sub", "'{file}' is a file, not a folder")]
    [InlineData("compare|{baseline}|{baseline}|--runs|4|--out|{file}", "--out", "{file}", "is a file, not a folder")]
    [InlineData("explore|{baseline}|--samples|4|--out|{file}", "--out", "{file}", "is a file, not a folder")]
    [InlineData("explore|{baseline}|--samples|4|--store|{file}/r.duckdb", "--store", "{file}/r.duckdb", "'{file}' is a file, not a folder")]
    [InlineData("explore|{baseline}|--samples|4|--store|{dir}", "--store", "{dir}", "is a folder, not a file")]
    [InlineData("export|{store}|--out|{file}", "--out", "{file}", "is a file, not a folder")]
    [InlineData("sensitivity|{store}|--outcome|balance_ratio|--out|{file}", "--out", "{file}", "is a file, not a folder")]
    [InlineData("discover|{store}|--where|crossed == 1|--out|{file}", "--out", "{file}", "is a file, not a folder")]
    [InlineData("calibrate|--out|{dir}", "--out", "{dir}", "is a folder, not a file")]
    public void Out_on_an_existing_file_or_an_unwritable_place_is_a_clear_error_and_nothing_is_written(string args, string option, string value, string reason)
    {
        var store = Path.Combine(_dir, "s.duckdb");
        Assert.Equal(0, CliRunner.Run("explore", RepoPaths.Scenario("baseline"), "--design", "sobol", "--samples", "4", "--store", store).Code);
        var file = Path.Combine(_dir, "precious.txt");
        File.WriteAllText(file, "keep me");
        var dir = Path.Combine(_dir, "a-folder");
        Directory.CreateDirectory(dir);
        var before = Listing();

        string Fill(string s) => s.Replace("{file}", file, StringComparison.Ordinal).Replace("{dir}", dir, StringComparison.Ordinal).Replace("{store}", store, StringComparison.Ordinal);
        var (code, stdout, err) = CliRunner.Run(Args(args).Select(Fill).ToArray());
        Assert.Equal((2, string.Empty, $"error: field '{option}', value '{Fill(value)}': {Fill(reason)}\n"), (code, stdout, err));
        Assert.Equal("keep me", File.ReadAllText(file));
        Assert.Equal(before, Listing());
    }

    [Fact]
    public void Out_in_a_place_where_no_file_can_be_created_is_refused_before_the_run()
    {
        // /proc takes no new files, not even from root: the only unwritable place a root test run can count on.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (code, stdout, err) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "4", "--out", "/proc/ballast-out");
        Assert.Equal((2, string.Empty, "error: field '--out', value '/proc/ballast-out': cannot create files in '/proc'\n"), (code, stdout, err));
    }

    [Fact]
    public void A_report_folder_that_cannot_be_written_is_a_clear_error_naming_the_path()
    {
        var run = Path.Combine(_dir, "run");
        Assert.Equal(0, CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "4", "--out", run).Code);
        var report = Path.Combine(run, "report.html");
        File.Delete(report);
        Directory.CreateDirectory(report); // something in the way of the report file
        var (code, stdout, err) = CliRunner.Run("report", run);
        Assert.Equal((2, string.Empty), (code, stdout));
        Assert.Equal($"error: {report}: cannot write the file: it is a folder\n", err);
        Assert.Empty(Directory.GetFiles(run, "*.tmp"));
        Assert.Empty(Directory.GetFiles(run, ".*"));
    }

    [Fact]
    public void A_store_damaged_in_the_middle_is_reported_by_export_explore_and_store_check()
    {
        var store = Path.Combine(_dir, "big.duckdb");
        string[] explore = ["explore", RepoPaths.Scenario("baseline"), "--design", "sobol", "--samples", "256", "--threads", "2", "--store", store];
        Assert.Equal(0, CliRunner.Run(explore).Code);
        var good = CliRunner.Run("store", "check", store);
        Assert.True(good.Code == 0, good.Err);
        Assert.Matches(@"outcomes_yearly +│ +92,160 +│ ok", good.Out); // 256 · (28 + 2) runs × 12 years

        using (var f = new FileStream(store, FileMode.Open, FileAccess.ReadWrite))
        {
            f.Position = f.Length / 2;
            f.Write(Enumerable.Repeat((byte)0xAB, 256).ToArray());
        }

        const string Damaged = @"^error: .*big\.duckdb: the results store is damaged: table '[a-z_]+' cannot be read \(.*checksum.*\); 'ballast store check' lists every table\n$";
        var export = CliRunner.Run("export", store, "--file-format", "csv", "--out", Path.Combine(_dir, "export"));
        Assert.Equal(2, export.Code);
        Assert.Matches(Damaged, export.Err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "export")));

        var resume = CliRunner.Run(explore);
        Assert.Equal((2, string.Empty), (resume.Code, resume.Out));
        Assert.Matches(Damaged, resume.Err);

        var check = CliRunner.Run("store", "check", store);
        Assert.Equal(2, check.Code);
        Assert.Matches(@"│ damaged: .*checksum", check.Out);
        Assert.Matches(Damaged, check.Err);
    }

    private string[] Args(string joined) => joined.Length == 0 ? [] : joined.Split('|').Select(a => a.Replace("{baseline}", RepoPaths.Scenario("baseline"), StringComparison.Ordinal)).ToArray();

    private string Listing() => string.Join("\n", Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
}
