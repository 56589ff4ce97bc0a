using System.Diagnostics;
using Ballast.Core;
using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Ballast.Store.KillTarget;

namespace Ballast.Store.Tests;

public sealed class ResultStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ballast-store-" + Guid.NewGuid().ToString("N"));

    public ResultStoreTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Design Lhs(int n) => Design.Create(new DesignSpec(DesignKind.LatinHypercube, n, 5), 3);

    private ResultStore Create(string name, Design design) =>
        ResultStore.OpenOrCreate(Path.Combine(_dir, name), SyntheticModel.Layout(design), design);

    [Fact]
    public void A_run_stores_experiments_outcomes_and_yearly_rows_with_nulls_for_missing()
    {
        var design = Lhs(100);
        using var store = Create("a.duckdb", design);
        var summary = ExperimentRunner.Run(new SyntheticModel(0), design, SyntheticModel.Parameters, store, new RunOptions(2, 16));
        Assert.Equal(new ExperimentSummary(100, 0, 100), summary);
        Assert.Equal(100, store.CompletedCount);
        Assert.Equal(100, store.DesignRows);
        Assert.Equal(["x1", "x2", "x3"], store.Parameters);
        Assert.Equal(["ishigami", "run_echo"], store.Outcomes.Select(o => o.Name));
        Assert.Equal(["level", "trend"], store.YearlyIndicators);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), store.Column("outcomes", "run_echo"));
        var x1 = store.Column("experiments", "x1");
        Assert.Equal(SyntheticModel.Parameters[0].Quantile(design.Row(7)[0]), x1[7], 12);
        var nulls = store.Query("SELECT count(*) FROM outcomes_yearly WHERE trend IS NULL").Rows[0][0];
        Assert.Equal(100L, Convert.ToInt64(nulls, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2025,2026,2027", store.Manifest["years"]);
    }

    [Fact]
    public void A_store_of_another_experiment_is_refused_not_overwritten()
    {
        using (Create("b.duckdb", Lhs(10)))
        {
        }

        var e = Assert.Throws<BallastInputException>(() => Create("b.duckdb", Lhs(20)));
        Assert.Contains("the store holds a different experiment (synthetic, design=lhs samples=10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_errors_and_missing_stores_are_input_errors()
    {
        using var store = Create("c.duckdb", Lhs(5));
        var e = Assert.Throws<BallastInputException>(() => store.Query("SELECT nope FROM outcomes"));
        Assert.Contains("SQL error:", e.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<BallastInputException>(() => ResultStore.Open(Path.Combine(_dir, "none.duckdb")));
        Assert.EndsWith("no results store at this path; create one with 'ballast explore'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batches_that_fill_a_row_group_store_the_same_values_as_small_batches()
    {
        // 45,000 runs: one batch of 40,960 (122,880 yearly rows of 3 years: one yearly part) and one of 4,040, against
        // batches (and parts) of 1,000.
        var design = Lhs(45_000);
        using var big = Create("big.duckdb", design);
        Assert.Equal(40_960, big.PreferredBatchSize);
        ExperimentRunner.Run(new SyntheticModel(0), design, SyntheticModel.Parameters, big, new RunOptions(2));
        using var small = Create("small.duckdb", design);
        ExperimentRunner.Run(new SyntheticModel(0), design, SyntheticModel.Parameters, small, new RunOptions(2, 1000));

        Assert.StartsWith("45000,45000,", Digest(big), StringComparison.Ordinal);
        Assert.Contains(";135000,45000,", Digest(big), StringComparison.Ordinal);
        Assert.Equal(Digest(small), Digest(big));

        // A resumed store reads its years from the manifest and asks for the same batches.
        big.Dispose();
        using var reopened = Create("big.duckdb", design);
        Assert.Equal(40_960, reopened.PreferredBatchSize);
        Assert.Equal(45_000, reopened.CompletedCount);
    }

    [Theory]
    [InlineData("parquet")]
    [InlineData("csv")]
    public void Export_writes_every_table(string format)
    {
        var design = Lhs(30);
        using var store = Create($"d-{format}.duckdb", design);
        ExperimentRunner.Run(new SyntheticModel(0), design, SyntheticModel.Parameters, store);
        var files = store.Export(Path.Combine(_dir, "export-" + format), format);
        Assert.Equal(6, files.Count);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0));
        var back = store.Query($"SELECT count(*) FROM read_{format}('{files[4]}')").Rows[0][0];
        Assert.Equal(30L, Convert.ToInt64(back, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_store_damaged_in_the_middle_is_refused_at_open_naming_the_table()
    {
        var design = Lhs(20_000);
        string path = Path.Combine(_dir, "damaged.duckdb");
        using (var store = Create("damaged.duckdb", design))
        {
            ExperimentRunner.Run(new SyntheticModel(0), design, SyntheticModel.Parameters, store, new RunOptions(2, 4096));
        }

        Assert.Equal(
            [("manifest", 6L), ("parameters", 3L), ("outcome_definitions", 2L), ("experiments", 20_000L), ("outcomes", 20_000L), ("outcomes_yearly", 60_000L)],
            ResultStore.Check(path).Select(c => (c.Table, c.Rows ?? -1)));
        Damage(path);

        // Opening used to succeed and the damage surfaced later as DuckDB's checksum exception (export) or not at all
        // (a resume counting the intact outcomes table): now every table is read at open.
        var e = Assert.Throws<BallastInputException>(() => ResultStore.Open(path));
        Assert.Equal(path, e.File);
        Assert.Matches(@"^the results store is damaged: table '(manifest|parameters|outcome_definitions|experiments|outcomes|outcomes_yearly)' cannot be read \(.*checksum.*\); 'ballast store check' lists every table$", e.Reason);
        var resume = Assert.Throws<BallastInputException>(() => ResultStore.OpenOrCreate(path, SyntheticModel.Layout(design), design));
        Assert.Equal(e.Reason, resume.Reason);
        var damaged = Assert.Single(ResultStore.Check(path), c => !c.Intact);
        Assert.Null(damaged.Rows);
        Assert.Equal(ResultStore.Damaged(path, damaged).Message, e.Message);
    }

    [Fact]
    public void Yearly_rows_are_listed_parquet_parts_and_a_writer_killed_around_its_commit_leaves_them_whole()
    {
        var design = Lhs(3000);
        string path = Path.Combine(_dir, "parts.duckdb");
        string folder = path + ".parts";
        using (var store = Create("parts.duckdb", design))
        {
            ExperimentRunner.Run(new SyntheticModel(0), design, SyntheticModel.Parameters, store, new RunOptions(2, 1000, new RunRange(0, 2000)));
            Assert.Equal([1L, 2L], store.Query("SELECT part FROM yearly_parts ORDER BY part").Rows.Select(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal("6000", Count(store, "outcomes_yearly"));
        }

        Assert.Equal(["yearly-000001.parquet", "yearly-000002.parquet"], Files(folder));

        // Killed between its commit and the rename: the listed part under its temporary name, renamed by the next connection.
        File.Move(Path.Combine(folder, "yearly-000002.parquet"), Path.Combine(folder, "yearly-000002.parquet.partial"));
        using (var reader = ResultStore.Open(path))
        {
            Assert.Equal("6000", Count(reader, "outcomes_yearly"));
        }

        Assert.Equal(["yearly-000001.parquet", "yearly-000002.parquet"], Files(folder));

        // Killed after its first part's rename, before the view was pointed at the parts folder: the next connection does it.
        Sql(path, "CREATE OR REPLACE VIEW outcomes_yearly AS SELECT CAST(NULL AS INTEGER) AS run, CAST(NULL AS INTEGER) AS year, CAST(NULL AS DOUBLE) AS level, CAST(NULL AS DOUBLE) AS trend WHERE false");
        using (var reader = ResultStore.Open(path))
        {
            Assert.Equal("6000", Count(reader, "outcomes_yearly"));
        }

        // Killed before its commit: the next part's temporary file, unlisted, which the view's pattern does not read and
        // the next writer deletes.
        File.Copy(Path.Combine(folder, "yearly-000002.parquet"), Path.Combine(folder, "yearly-000003.parquet.partial"));
        using (var reader = ResultStore.Open(path))
        {
            Assert.Equal("6000", Count(reader, "outcomes_yearly"));
        }

        using (var store = Create("parts.duckdb", design))
        {
            Assert.Equal(["yearly-000001.parquet", "yearly-000002.parquet"], Files(folder));
            Assert.Equal(new ExperimentSummary(3000, 2000, 1000), ExperimentRunner.Run(new SyntheticModel(0), design, SyntheticModel.Parameters, store, new RunOptions(2, 1000)));
            Assert.Equal("9000", Count(store, "outcomes_yearly"));
            Assert.Equal("3000", string.Join(",", store.Query("SELECT count(DISTINCT run) FROM outcomes_yearly").Rows[0]));
        }

        Assert.Equal(["yearly-000001.parquet", "yearly-000002.parquet", "yearly-000003.parquet"], Files(folder));
        Assert.All(ResultStore.Check(path), c => Assert.True(c.Intact, c.Problem));

        // A part file the store does not list would be read by the view: the store is refused until it is removed.
        File.Copy(Path.Combine(folder, "yearly-000003.parquet"), Path.Combine(folder, "yearly-000009.parquet"));
        var e = Assert.Throws<BallastInputException>(() => ResultStore.Open(path));
        Assert.Equal("the results store is damaged: table 'outcomes_yearly' cannot be read (its parts folder parts.duckdb.parts holds yearly-000009.parquet, which the store does not list); 'ballast store check' lists every table", e.Reason);
    }

    [Theory]
    [InlineData(-1)] // no NaN: the column handed over without definition levels
    [InlineData(0)]  // NaN in the first row (a whole vector)
    [InlineData(8)]  // NaN only in the last row, after the last whole vector at 4 or 8 lanes
    public void A_part_stores_every_value_and_each_nan_as_null(int nanRow)
    {
        // 3 runs × 3 years × 2 indicators: rows run-major, then year; batch values [run * 6 + year * 2 + indicator].
        var batch = new RunBatch(3, 0, 6) { Count = 3 };
        int[] runs = [7, 3, 11];
        runs.CopyTo(batch.Runs, 0);
        for (int i = 0; i < batch.Yearly.Length; i++)
        {
            batch.Yearly[i] = (i * 0.1) - 0.25;
        }

        if (nanRow >= 0)
        {
            batch.Yearly[nanRow * 2] = double.NaN; // indicator "a" of that row
        }

        string store = Path.Combine(_dir, $"nan{nanRow}.duckdb");
        YearlyParts.Reset(store);
        var part = new YearlyParts(store, [2030, 2031, 2032], ["a", "b"]).Write(1, batch);
        Assert.Equal((1, 3, 9L), (part.Number, part.Runs, part.Rows));

        using var db = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT run, year, a, b FROM read_parquet('{Path.Combine(store + ".parts", part.File)}.partial')";
        using var reader = cmd.ExecuteReader();
        int row = 0;
        while (reader.Read())
        {
            Assert.Equal(runs[row / 3], reader.GetInt32(0));
            Assert.Equal(2030 + (row % 3), reader.GetInt32(1));
            Assert.Equal(row == nanRow, reader.IsDBNull(2));
            if (row != nanRow)
            {
                Assert.Equal((row * 2 * 0.1) - 0.25, reader.GetDouble(2));
            }

            Assert.Equal((((row * 2) + 1) * 0.1) - 0.25, reader.GetDouble(3));
            row++;
        }

        Assert.Equal(9, row);
    }

    [Fact]
    public void A_damaged_or_missing_yearly_part_is_refused_at_open_naming_the_part()
    {
        var design = Lhs(2000);
        string path = Path.Combine(_dir, "torn.duckdb");
        Filled("torn.duckdb", design, 1000);

        string part = Path.Combine(path + ".parts", "yearly-000002.parquet");
        var intact = File.ReadAllBytes(part);
        Damage(part);
        var e = Assert.Throws<BallastInputException>(() => ResultStore.Open(path));
        Assert.Equal(path, e.File);
        Assert.Equal("the results store is damaged: table 'outcomes_yearly' cannot be read (its part yearly-000002.parquet does not match its checksum); 'ballast store check' lists every table", e.Reason);
        Assert.Equal(["outcomes_yearly"], ResultStore.Check(path).Where(c => !c.Intact).Select(c => c.Table));

        File.WriteAllBytes(part, intact[..^1]);
        Assert.Equal($"its part yearly-000002.parquet has {intact.Length - 1} bytes, listed with {intact.Length}", ResultStore.Check(path).Single(c => !c.Intact).Problem);
        File.Delete(part);
        var missing = Assert.Throws<BallastInputException>(() => ResultStore.OpenOrCreate(path, SyntheticModel.Layout(design), design));
        Assert.Equal("the results store is damaged: table 'outcomes_yearly' cannot be read (its part yearly-000002.parquet is missing from torn.duckdb.parts); 'ballast store check' lists every table", missing.Reason);
        File.WriteAllBytes(part, intact);
        Assert.All(ResultStore.Check(path), c => Assert.True(c.Intact, c.Problem));
    }

    [Fact]
    public void A_store_moved_and_renamed_with_its_parts_folder_reads_the_same()
    {
        var design = Lhs(1500);
        string path = Path.Combine(_dir, "here.duckdb");
        string before = Filled("here.duckdb", design, 1000);

        string moved = Path.Combine(_dir, "elsewhere", "there.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        File.Move(path, moved);
        Directory.Move(path + ".parts", moved + ".parts");
        using (var store = ResultStore.Open(moved))
        {
            Assert.Equal(before, Digest(store));
        }

        // Resumed under its new name, it goes on writing into its own folder.
        using (var store = ResultStore.OpenOrCreate(moved, SyntheticModel.Layout(design), design))
        {
            Assert.Equal(1500, store.CompletedCount);
        }

        Assert.Equal(["yearly-000001.parquet", "yearly-000002.parquet"], Files(moved + ".parts"));
        Assert.False(Directory.Exists(path + ".parts"));
    }

    [Fact]
    public void A_store_with_its_yearly_rows_in_a_table_is_read_and_merged_from_but_not_resumed()
    {
        var design = Lhs(1200);
        string path = Path.Combine(_dir, "old.duckdb");
        string digest = Filled("old.duckdb", design, 500);

        // The layout of stores written before the parts: the yearly rows in a table of the database, no parts folder.
        Sql(path, $"SET file_search_path = '{_dir}'", "CREATE TABLE yearly AS SELECT * FROM outcomes_yearly ORDER BY run, year",
            "DROP VIEW outcomes_yearly", "DROP TABLE yearly_parts", "ALTER TABLE yearly RENAME TO outcomes_yearly");

        Directory.Delete(path + ".parts", recursive: true);
        using (var old = ResultStore.Open(path))
        {
            Assert.Equal(digest, Digest(old));
        }

        var e = Assert.Throws<BallastInputException>(() => ResultStore.OpenOrCreate(path, SyntheticModel.Layout(design), design));
        Assert.Equal("this store keeps its yearly rows inside the database (written by an earlier Ballast): it can be queried, exported and merged from, but runs cannot be added to it; start a new store (another --store or merge target)", e.Reason);

        string merged = Path.Combine(_dir, "merged.duckdb");
        Assert.Equal([(path, 1200, 0)], ResultStore.Merge(merged, [path]));
        using var store2 = ResultStore.Open(merged);
        Assert.Equal(digest, Digest(store2));
        Assert.Equal(["yearly-000001.parquet"], Files(merged + ".parts"));
    }

    /// <summary>Creates a store, runs every row of <paramref name="design"/> into it in batches of <paramref name="batch"/>, closes it and returns its <see cref="Digest"/>.</summary>
    private string Filled(string name, Design design, int batch)
    {
        using var store = Create(name, design);
        ExperimentRunner.Run(new SyntheticModel(0), design, SyntheticModel.Parameters, store, new RunOptions(2, batch));
        return Digest(store);
    }

    /// <summary>Runs statements on a store's database file directly, as another program (or an older Ballast) would.</summary>
    private static void Sql(string path, params string[] statements)
    {
        using var db = new DuckDB.NET.Data.DuckDBConnection($"Data Source={path}");
        db.Open();
        foreach (var sql in statements)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }

    private static string Count(ResultStore store, string table) =>
        Convert.ToString(store.Query($"SELECT count(*) FROM {table}").Rows[0][0], System.Globalization.CultureInfo.InvariantCulture)!;

    private static string[] Files(string folder) => [.. Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    /// <summary>Count, distinct runs and a hash of every value of the outcomes and the yearly rows.</summary>
    private static string Digest(ResultStore store) => string.Join(";", new[] { "outcomes", "outcomes_yearly" }.Select(t =>
        string.Join(",", store.Query($"SELECT count(*), count(DISTINCT run), bit_xor(hash(COLUMNS(*))) FROM {t}").Rows[0])));

    /// <summary>Overwrites 256 bytes in the middle of a file, as a bad disk block or a torn copy would.</summary>
    internal static void Damage(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        f.Position = f.Length / 2;
        f.Write(Enumerable.Repeat((byte)0xAB, 256).ToArray());
    }

    [Fact]
    public void The_store_resumes_after_the_process_is_killed_mid_run_with_no_lost_or_duplicated_runs()
    {
        string path = Path.Combine(_dir, "killed.duckdb");
        string target = Path.Combine(AppContext.BaseDirectory, "Ballast.Store.KillTarget.dll");
        int runs = 20_000;
        int before = 0;
        for (int attempt = 0; attempt < 4 && before == 0; attempt++, runs *= 2)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            // Start the child, wait until it has committed a few batches, then kill it without warning.
            using var child = Start(target, path, runs);
            int batches = 0;
            string? line;
            while ((line = child.StandardOutput.ReadLine()) is not null && line.StartsWith("stored", StringComparison.Ordinal) && ++batches < 3)
            {
            }

            if (line == "done" || child.HasExited)
            {
                continue;
            }

            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            using var partial = ResultStore.Open(path);
            before = partial.CompletedCount;
            Assert.InRange(before, 3 * 100, runs - 1);
        }

        Assert.True(before > 0, "the child finished before it could be killed");

        // Rerun the same command: it skips stored runs and completes the rest.
        using (var again = Start(target, path, runs / 2))
        {
            Assert.Equal("done", again.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim());
            again.WaitForExit();
            Assert.Equal(0, again.ExitCode);
        }

        using var store = ResultStore.Open(path);
        int total = runs / 2;
        Assert.Equal(total, store.CompletedCount);
        var distinct = store.Query("SELECT count(DISTINCT run), min(run), max(run) FROM outcomes").Rows[0];
        Assert.Equal([(long)total, 0, total - 1], distinct.Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(3L * total, Convert.ToInt64(store.Query("SELECT count(*) FROM outcomes_yearly").Rows[0][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(store.Query("SELECT count(*) FROM outcomes WHERE run_echo <> run").Rows[0][0], System.Globalization.CultureInfo.InvariantCulture));

        // Resumed results equal an uninterrupted run's, value for value.
        var design = Lhs(total);
        var expected = new double[total];
        var worker = new SyntheticModel(0).CreateWorker();
        var values = new double[3];
        var outcomes = new double[2];
        var yearly = new double[6];
        for (int r = 0; r < total; r++)
        {
            ExperimentRunner.Values(design, SyntheticModel.Parameters, r, values);
            worker.Run([r], values, outcomes, yearly);
            expected[r] = outcomes[0];
        }

        Assert.Equal(expected, store.Column("outcomes", "ishigami"));
    }

    private static Process Start(string target, string store, int runs)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { target, store, runs.ToString(System.Globalization.CultureInfo.InvariantCulture), "100", "20000" })
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }
}
