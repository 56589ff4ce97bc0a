using Ballast.Runs;
using Ballast.Runs.Validation;

namespace Ballast.Cli.Tests;

public class EpisodesCommandTests
{
    private static readonly string[] Episodes =
    [
        "carter-korea-1977", "cold-war-end-1989", "crimea-wales-2014", "guam-doctrine-1969", "trump-pressure-asia-2017",
        "trump-pressure-nato-2017", "ukraine-2022",
    ];

    [Fact]
    public void The_library_is_embedded_in_name_order()
    {
        Assert.Equal(Episodes.Select(e => $"scenarios/history/{e}.yaml"), EpisodeChecks.Embedded().Select(e => e.File));
    }

    [Fact]
    public void Every_episode_runs_and_its_checked_countries_get_a_row()
    {
        foreach (var name in Episodes)
        {
            var prepared = PreparedScenario.FromFile(Path.Combine(RepoPaths.Root, "scenarios", "history", name + ".yaml"));
            var rows = EpisodeChecks.Run(prepared, 8, 1, 1);
            Assert.Equal(prepared.Scenario.Check!.Countries, rows.Select(r => r.Country));
            Assert.All(rows, r =>
            {
                Assert.NotNull(r.Realised);
                Assert.True(r.ModelP5 <= r.ModelMedian && r.ModelMedian <= r.ModelP95, name);
                Assert.Equal(r.RealisedStart!.Value, r.ModelStart, 9); // the run starts from the data of its start year
            });
        }
    }

    [Fact]
    public void Direction_and_half_size_follow_the_realised_change()
    {
        var up = new EpisodeRow("e", "KOR", 1969, 1977, 4.69, 6.03, 4.69, 0.7, -0.1, 1.5);
        Assert.Equal(1.34, up.Realised!.Value, 12);
        Assert.True(up.DirectionMatches);
        Assert.True(up.HalfSize);
        Assert.True(up.InsideBand);
        var small = up with { ModelMedian = 0.6 };
        Assert.True(small.DirectionMatches);
        Assert.False(small.HalfSize);
        var wrong = up with { ModelMedian = -1.1, ModelP95 = 0.8 };
        Assert.False(wrong.DirectionMatches);
        Assert.False(wrong.HalfSize);
        Assert.False(wrong.InsideBand);
    }

    [Fact]
    public void Episodes_command_prints_csv_with_one_row_per_episode_country()
    {
        var (code, output, err) = CliRunner.Run("episodes", Path.Combine(RepoPaths.Root, "scenarios", "history", "carter-korea-1977.yaml"), "--runs", "6", "--seed", "3", "--threads", "1", "--format", "csv");
        Assert.True(code == 0, err);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("episode,country,from,until,realised_start_pct,realised_change_pp,model_median_pp,model_p5_pp,model_p95_pp,direction,half_size,inside_band", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("carter-korea-1977,KOR,1977,1981,6.0", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_from_1969_writes_the_model_against_the_data()
    {
        var dir = RepoPaths.TempDir();
        try
        {
            var (code, output, err) = CliRunner.Run("run", Path.Combine(RepoPaths.Root, "scenarios", "history", "guam-doctrine-1969.yaml"), "--runs", "10", "--threads", "1", "--out", dir);
            Assert.True(code == 0, err);
            Assert.Contains("Burden against the data (% of GDP)", output, StringComparison.Ordinal);
            var history = File.ReadAllLines(Path.Combine(dir, ResultsFolder.HistoryFile));
            Assert.Equal("country,year,realised_pct,model_p5_pct,model_median_pct,model_p95_pct,inside_band", history[0]);
            Assert.Contains(history, l => l.StartsWith("KOR,1977,6.03", StringComparison.Ordinal));
            Assert.Contains("id=\"history\"", File.ReadAllText(Path.Combine(dir, "report.html")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
