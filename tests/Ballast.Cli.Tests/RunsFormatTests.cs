using System.Globalization;
using Ballast.Engine.Ensembles;
using Ballast.Runs;
using DuckDB.NET.Data;

namespace Ballast.Cli.Tests;

public class RunsFormatTests
{
    // 32,800 runs fill one row group of 32,768 and start a second, so the packed values and levels restart mid-ensemble.
    [Theory]
    [InlineData(70)]
    [InlineData(32_800)]
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

            // The states are dictionary-encoded in every row group (a handful of names, not a string per run).
            using var meta = db.CreateCommand();
            meta.CommandText = $"SELECT path_in_schema, encodings FROM parquet_metadata('{Path.Combine(pqDir, "runs.parquet")}') WHERE path_in_schema LIKE 'state.%'";
            using var chunks = meta.ExecuteReader();
            int stateChunks = 0;
            while (chunks.Read())
            {
                stateChunks++;
                Assert.Contains("DICTIONARY", chunks.GetString(1), StringComparison.Ordinal);
            }

            Assert.Equal((runs + RunSummaryParquet.RowGroupRuns - 1) / RunSummaryParquet.RowGroupRuns * (csv[0].Split(',').Count(c => c.StartsWith("state.", StringComparison.Ordinal))), stateChunks);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    // Nulls the model does not produce in a baseline run, put into the blocks as they are written: a number column that has
    // held only values when its first null arrives (its definition levels start mid row group), a null every thousand runs
    // of the first row group and none in the second, and a year column with values in some runs only.
    [Fact]
    public void Parquet_holds_nulls_that_arrive_mid_row_group()
    {
        var prepared = PreparedScenario.FromFile(RepoPaths.Scenario("baseline"));
        string code = prepared.Inputs.Codes[0];
        var dir = RepoPaths.TempDir();
        try
        {
            var path = Path.Combine(dir, "runs.parquet");
            var share = new Dictionary<long, double?>();
            var crossover = new Dictionary<long, int?>();
            using (var parquet = new RunSummaryParquet(path, prepared.Inputs.Codes, prepared.Scenario.TargetsPercent))
            {
                var writer = new InjectingNulls(parquet, share, crossover);
                EnsembleRunner.Run(prepared.Inputs, new EnsembleOptions(32_800, 3, 2), new EnsembleObservers(RowWriter: writer));
            }

            using var db = new DuckDBConnection("DataSource=:memory:");
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT run_index, \"share.{code}\", crossover_year FROM read_parquet('{path}') ORDER BY run_index";
            using var reader = cmd.ExecuteReader();
            int rows = 0;
            while (reader.Read())
            {
                long run = reader.GetInt64(0);
                Assert.Equal(share[run], reader.IsDBNull(1) ? null : reader.GetDouble(1));
                Assert.Equal(crossover[run], reader.IsDBNull(2) ? null : reader.GetInt32(2));
                rows++;
            }

            Assert.Equal(32_800, rows);
            Assert.Equal(32, share.Values.Count(v => v is null)); // runs 999, 1999 … 31999
            Assert.Equal(4686, crossover.Values.Count(v => v is not null)); // every seventh run
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private sealed class InjectingNulls(RunSummaryParquet inner, Dictionary<long, double?> share, Dictionary<long, int?> crossover) : IRunRowWriter
    {
        public object Prepare(RunBlockSummary block) => block;

        public void Write(object prepared)
        {
            var s = (RunBlockSummary)prepared;
            for (int lane = 0; lane < s.Count; lane++)
            {
                long run = s.RunIndex[lane];
                if (run % 1000 == 999 && run < RunSummaryParquet.RowGroupRuns)
                {
                    s.FinalShare[lane] = double.NaN; // the first actor's column: index 0 · Capacity + lane
                }

                s.CrossoverYear[lane] = run % 7 == 0 ? 2030 + (int)(run % 5) : null;
                share[run] = double.IsFinite(s.FinalShare[lane]) ? s.FinalShare[lane] : null;
                crossover[run] = s.CrossoverYear[lane];
            }

            inner.Write(s);
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
