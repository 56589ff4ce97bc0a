using System.Globalization;
using DuckDB.NET.Data;

namespace Ballast.Cli.Tests;

public class RunsFormatTests
{
    // 16,400 runs fill one row group of 16,384 and start a second, so the packed values and levels restart mid-ensemble.
    [Theory]
    [InlineData(70)]
    [InlineData(16_400)]
    public void Parquet_holds_the_same_rows_and_columns_as_csv(int runs)
    {
        var dir = RepoPaths.TempDir();
        try
        {
            string Run(string format)
            {
                var outDir = Path.Combine(dir, format);
                var (code, _, err) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", runs.ToString(CultureInfo.InvariantCulture), "--seed", "3", "--threads", "2", "--runs-format", format, "--out", outDir);
                Assert.True(code == 0, err);
                return outDir;
            }

            var csvDir = Run("csv");
            var pqDir = Run("parquet");
            Assert.False(File.Exists(Path.Combine(pqDir, "runs.csv")));
            Assert.Equal(File.ReadAllText(Path.Combine(csvDir, "percentiles.csv")), File.ReadAllText(Path.Combine(pqDir, "percentiles.csv")));
            var csv = File.ReadAllLines(Path.Combine(csvDir, "runs.csv"));

            // Read the Parquet file with another implementation (DuckDB) and format every cell as runs.csv does.
            using var db = new DuckDBConnection("DataSource=:memory:");
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT * FROM read_parquet('{Path.Combine(pqDir, "runs.parquet")}')";
            using var reader = cmd.ExecuteReader();
            Assert.Equal(csv[0], string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)));
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(c => reader.IsDBNull(c) ? "" : reader.GetValue(c) switch
                {
                    double v => v.ToString("G6", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var o => o.ToString(),
                })));
            }

            Assert.Equal(runs, lines.Count);
            Assert.Equal(csv.Skip(1), lines);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Large_ensembles_default_to_parquet_and_none_writes_no_run_file()
    {
        var dir = RepoPaths.TempDir();
        try
        {
            var (code, _, err) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "10001", "--threads", "2", "--out", dir, "--format", "json");
            Assert.True(code == 0, err);
            Assert.True(File.Exists(Path.Combine(dir, "runs.parquet")));
            Assert.False(File.Exists(Path.Combine(dir, "runs.csv")));
            using (var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))))
            {
                Assert.Equal("runs.parquet", manifest.RootElement.GetProperty("runs_file").GetString());
                Assert.Equal(
                    "a sample of 4096 of 10001 runs chosen by a hash of the run index (the same for any thread count); rank error (standard deviation) 0.78 percentage points at p50, 0.34 at p5 and p95",
                    manifest.RootElement.GetProperty("percentile_basis").GetString());
            }

            // Rerunning the folder with no per-run file removes the earlier one, which would no longer match.
            (code, _, err) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "16", "--runs-format", "none", "--out", dir, "--format", "json");
            Assert.True(code == 0, err);
            Assert.False(File.Exists(Path.Combine(dir, "runs.parquet")));
            Assert.False(File.Exists(Path.Combine(dir, "runs.csv")));
            Assert.True(File.Exists(Path.Combine(dir, "percentiles.csv")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void An_unknown_format_is_an_input_error_naming_the_option()
    {
        var (code, _, err) = CliRunner.Run("run", RepoPaths.Scenario("baseline"), "--runs", "16", "--runs-format", "xlsx", "--out", Path.Combine(RepoPaths.TempDir(), "x"));
        Assert.Equal(2, code);
        Assert.Contains("--runs-format", err, StringComparison.Ordinal);
        Assert.Contains("csv, parquet or none", err, StringComparison.Ordinal);
    }
}
