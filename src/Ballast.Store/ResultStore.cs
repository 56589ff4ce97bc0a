using System.Data.Common;
using System.Globalization;
using System.Text;
using Ballast.Core;
using Ballast.Exploration.Experiments;
using DuckDB.NET.Data;

namespace Ballast.Store;

/// <summary>Everything that identifies an experiment; a store is resumed only by the same experiment.</summary>
/// <param name="Entries">Manifest entries (scenario, scenario hash, design, seed, program and data versions, …).</param>
/// <param name="Parameters">Explored parameters in design order.</param>
/// <param name="Outcomes">Per-run outcomes.</param>
/// <param name="YearlyIndicators">Per-year indicators.</param>
/// <param name="Years">Years with yearly rows.</param>
public sealed record StoreLayout(
    IReadOnlyDictionary<string, string> Entries,
    IReadOnlyList<ExplorationParameter> Parameters,
    IReadOnlyList<OutcomeDefinition> Outcomes,
    IReadOnlyList<string> YearlyIndicators,
    IReadOnlyList<int> Years)
{
    /// <summary>The manifest key whose value must match for a resume (hash of scenario, design and parameters).</summary>
    public const string ExperimentKey = "experiment_key";
}

/// <summary>One table of a store as an integrity check found it.</summary>
/// <param name="Table">Table name.</param>
/// <param name="Rows">Rows read, or null when the table could not be read to the end.</param>
/// <param name="Problem">Why it could not be read (DuckDB's message, e.g. a block checksum mismatch), or null when intact.</param>
public sealed record TableCheck(string Table, long? Rows, string? Problem)
{
    /// <summary>True when every row of the table was read.</summary>
    public bool Intact => Problem is null;
}

/// <summary>The result of a SQL query: column names and rows of values (null for SQL NULL).</summary>
/// <param name="Columns">Column names.</param>
/// <param name="Rows">Rows.</param>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// The results store: an embedded DuckDB database file with tables <c>manifest(key, value)</c>,
/// <c>parameters(position, name, distribution, lever)</c>, <c>outcome_definitions(name, unit, description)</c>,
/// <c>experiments(run, &lt;one column per parameter&gt;)</c> (every design row, written when the store is created),
/// <c>outcomes(run, &lt;one column per outcome&gt;)</c> and the view <c>outcomes_yearly(run, year, &lt;one column per indicator&gt;)</c>
/// over Parquet parts in the folder <c>&lt;store file&gt;.parts</c> beside it, listed in the table <c>yearly_parts</c>
/// (<see cref="YearlyParts"/>): a store is the file and that folder. Finished runs are committed in batches, each batch in
/// one transaction (its outcomes rows, its yearly part's listing), so a process killed at any moment loses at most the
/// batch in flight; a run is complete exactly when its row is in <c>outcomes</c>, which is what a resume skips.
/// Missing values (NaN) are stored as SQL NULL.
/// </summary>
/// <remarks>
/// What storing costs (docs/performance.md): the yearly rows, ~90 % of the values, cost well under 1 µs a run as Parquet
/// parts against about 5 µs through DuckDB's appender. A writer runs DuckDB on one thread: its worker threads only spun
/// waiting on the checkpoint's tasks, on cores the model needs. Stores written before the parts (<c>outcomes_yearly</c>
/// a table) are read, queried, checked, exported and merged from as before, but not resumed.
/// </remarks>
public sealed class ResultStore : IRunSink, IDisposable
{
    /// <summary>The tables of a store, in the order they are created.</summary>
    public static readonly IReadOnlyList<string> Tables = ["manifest", "parameters", "outcome_definitions", "experiments", "outcomes", "outcomes_yearly"];

    /// <summary>Yearly rows a batch aims for (DuckDB's row group, which the store once filled; now one part's single Parquet row group).</summary>
    public const int RowGroupRows = 122_880;

    private readonly DuckDBConnection _db;
    private bool _writer;
    private YearlyParts? _yearly;          // the writer's part encoder (null until BecomeWriter, or with no yearly rows)
    private int _lastPart;                 // the number of the last listed part (0: none yet); parts are numbered from 1 without gaps

    private ResultStore(string path, DuckDBConnection db)
    {
        Path = path;
        _db = db;
    }

    /// <summary>
    /// Runs per batch: 10,240 for a 12-year horizon, a yearly part of about 9 MB (fewer, larger parts read faster) and
    /// outcomes rows in transactions of a size DuckDB commits cheaply.
    /// </summary>
    public int PreferredBatchSize => (RowGroupRows + Math.Max(1, Years.Length) - 1) / Math.Max(1, Years.Length);

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Manifest entries.</summary>
    public IReadOnlyDictionary<string, string> Manifest => Query("SELECT key, value FROM manifest ORDER BY key").Rows
        .ToDictionary(r => (string)r[0]!, r => (string)r[1]!, StringComparer.Ordinal);

    /// <summary>Explored parameter names, in design order.</summary>
    public IReadOnlyList<string> Parameters => Query("SELECT name FROM parameters ORDER BY position").Rows.Select(r => (string)r[0]!).ToList();

    /// <summary>Per-run outcome definitions.</summary>
    public IReadOnlyList<OutcomeDefinition> Outcomes => Query("SELECT name, unit, description FROM outcome_definitions ORDER BY position").Rows
        .Select(r => new OutcomeDefinition((string)r[0]!, (string)r[1]!, (string)r[2]!)).ToList();

    /// <summary>Per-year indicator names.</summary>
    public IReadOnlyList<string> YearlyIndicators => Query("SELECT column_name FROM information_schema.columns WHERE table_name = 'outcomes_yearly' AND column_name NOT IN ('run', 'year') ORDER BY ordinal_position")
        .Rows.Select(r => (string)r[0]!).ToList();

    /// <summary>Runs in the design.</summary>
    public int DesignRows => Convert.ToInt32(Scalar("SELECT count(*) FROM experiments"), CultureInfo.InvariantCulture);

    /// <summary>Runs finished and stored.</summary>
    public int CompletedCount => Convert.ToInt32(Scalar("SELECT count(*) FROM outcomes"), CultureInfo.InvariantCulture);

    /// <summary>Opens an existing store for reading and querying; a missing or foreign file is a clear error.</summary>
    public static ResultStore Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new BallastInputException("no results store at this path; create one with 'ballast explore'", file: path);
        }

        var store = Connect(path);
        try
        {
            if (!store.HasTable("manifest"))
            {
                throw new BallastInputException("not a Ballast results store (no manifest table)", file: path);
            }

            store.RequireIntact();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads every table of the store at <paramref name="path"/> to the end and says, table by table, whether it could be
    /// read (<c>ballast store check</c>). Does not refuse a damaged store, unlike <see cref="Open"/>.
    /// </summary>
    public static IReadOnlyList<TableCheck> Check(string path)
    {
        if (!File.Exists(path))
        {
            throw new BallastInputException("no results store at this path; create one with 'ballast explore'", file: path);
        }

        using var store = Connect(path);
        return store.Check();
    }

    /// <summary>
    /// Reads every value of every table. DuckDB keeps a checksum per block and verifies it when the block is read, so
    /// damage anywhere in the file (a bad disk block, a torn copy) shows here rather than half-way through an export or,
    /// worse, not at all while a resume counts the intact tables.
    /// </summary>
    public IReadOnlyList<TableCheck> Check()
    {
        var checks = new List<TableCheck>();
        foreach (var table in ExpectedTables())
        {
            if (!HasTable(table))
            {
                checks.Add(new TableCheck(table, null, "missing"));
                continue;
            }

            try
            {
                // Parquet keeps no checksum DuckDB verifies: each listed part's file is hashed against its listing first.
                if (table == "outcomes_yearly" && HasTable(YearlyParts.Table) && YearlyParts.Problem(Path, ListedParts()) is { } problem)
                {
                    checks.Add(new TableCheck(table, null, problem));
                    continue;
                }

                // One aggregate per column forces every block of every column through the checksum; count(*) alone would not.
                using var cmd = _db.CreateCommand();
                cmd.CommandText = $"SELECT count(*), bit_xor(hash(COLUMNS(*))) FROM {table}";
                using var reader = cmd.ExecuteReader();
                reader.Read();
                checks.Add(new TableCheck(table, reader.GetInt64(0), null));
            }
            catch (DuckDBException e)
            {
                checks.Add(new TableCheck(table, null, FirstLine(e.Message)));
            }
            catch (IOException e)
            {
                checks.Add(new TableCheck(table, null, e.Message));
            }
        }

        return checks;
    }

    /// <summary>The tables this store must have: an experiment's, or those its manifest lists (a one-table store).</summary>
    private IReadOnlyList<string> ExpectedTables()
    {
        if (!HasTable("manifest"))
        {
            return Tables;
        }

        try
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT value FROM manifest WHERE key = 'tables'";
            return cmd.ExecuteScalar() is string listed ? listed.Split(',') : Tables;
        }
        catch (DuckDBException)
        {
            return Tables; // an unreadable manifest is reported by the check of the manifest table itself
        }
    }

    /// <summary>Throws a clear input error naming the first table that cannot be read.</summary>
    private void RequireIntact()
    {
        if (Check().FirstOrDefault(c => !c.Intact) is { } bad)
        {
            throw Damaged(Path, bad);
        }
    }

    /// <summary>The error a damaged store gives everywhere (open, resume, <c>ballast store check</c>).</summary>
    public static BallastInputException Damaged(string path, TableCheck table) =>
        new($"the results store is damaged: table '{table.Table}' cannot be read ({table.Problem}); 'ballast store check' lists every table", file: path);

    /// <summary>
    /// Opens the store at <paramref name="path"/> to run the experiment <paramref name="layout"/> describes: creates it
    /// (writing the manifest and every design row's sampled values in one transaction) or, when it already holds the same experiment,
    /// reopens it so the run resumes. A store of a different experiment is a clear error rather than being overwritten.
    /// </summary>
    public static ResultStore OpenOrCreate(string path, StoreLayout layout, Ballast.Exploration.Sampling.Design design)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var store = Connect(path);
        try
        {
            if (store.HasTable("manifest"))
            {
                var existing = store.Manifest;
                string key = layout.Entries[StoreLayout.ExperimentKey];
                if (!existing.TryGetValue(StoreLayout.ExperimentKey, out var stored) || stored != key)
                {
                    throw new BallastInputException(
                        $"the store holds a different experiment ({(existing.TryGetValue("scenario", out var s) ? s : "?")}, {(existing.TryGetValue("design", out var d) ? d : "?")}); give another --store or delete it",
                        file: path);
                }

                // A resume must not count the runs of an intact outcomes table while another table cannot be read.
                store.RequireIntact();
                store.BecomeWriter();
                return store;
            }

            store.Create(layout, design);
            store.BecomeWriter();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes a one-table store (a manifest and <paramref name="table"/>), such as a search's Pareto set, readable by
    /// <c>ballast query</c>, <c>export</c> and <c>store check</c>. Written to a temporary file and renamed over
    /// <paramref name="path"/> when complete, so an interrupted write leaves no half-written store.
    /// </summary>
    /// <param name="path">The store file.</param>
    /// <param name="manifest">Manifest entries (what produced the table, with which settings).</param>
    /// <param name="table">Table name.</param>
    /// <param name="columns">Column names and whether each holds text (else DOUBLE).</param>
    /// <param name="rows">Rows: strings for text columns, numbers (NaN = NULL) otherwise.</param>
    public static void WriteTable(string path, IReadOnlyDictionary<string, string> manifest, string table, IReadOnlyList<(string Name, bool Text)> columns, IReadOnlyList<object?[]> rows)
    {
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var temp = full + ".partial";
        File.Delete(temp);
        File.Delete(temp + ".wal");
        using (var store = Connect(temp))
        {
            store.Execute("CREATE TABLE manifest (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)");
            store.Execute($"CREATE TABLE {Quote(table)} ({string.Join(", ", columns.Select(c => $"{Quote(c.Name)} {(c.Text ? "VARCHAR" : "DOUBLE")}"))})");
            using (var app = store._db.CreateAppender("manifest"))
            {
                foreach (var (k, v) in new SortedDictionary<string, string>(manifest.ToDictionary(), StringComparer.Ordinal) { ["tables"] = "manifest," + table })
                {
                    app.CreateRow().AppendValue(k).AppendValue(v).EndRow();
                }
            }

            using (var app = store._db.CreateAppender(table))
            {
                foreach (var r in rows)
                {
                    var row = app.CreateRow();
                    for (int i = 0; i < columns.Count; i++)
                    {
                        row = r[i] switch
                        {
                            null => row.AppendNullValue(),
                            string text => row.AppendValue(text),
                            var v => Append(row, Convert.ToDouble(v, CultureInfo.InvariantCulture)),
                        };
                    }

                    row.EndRow();
                }
            }

            store.Execute("CHECKPOINT");
        }

        File.Move(temp, full, overwrite: true);
    }

    /// <summary>
    /// Merges stores of one experiment run in parts (<c>explore --range</c> on a batch scheduler) into
    /// <paramref name="target"/>: created from the first part when missing, otherwise it must hold the same experiment.
    /// Each part's runs not yet in the target are added in one transaction; a run in two parts is taken once (runs
    /// depend only on their index, so both copies are equal). Returns the runs each part added.
    /// </summary>
    public static IReadOnlyList<(string Part, int Added, int AlreadyThere)> Merge(string target, IReadOnlyList<string> parts)
    {
        if (parts.Count == 0)
        {
            throw new BallastInputException("give at least one store to merge", field: "parts");
        }

        string key = ExperimentKeyOf(parts[0]);
        foreach (var part in parts.Skip(1))
        {
            if (ExperimentKeyOf(part) != key)
            {
                throw new BallastInputException("this store holds a different experiment from the first part (another scenario, design, seed or program version)", file: part);
            }
        }

        using var store = File.Exists(target) ? Open(target) : CreateFrom(target, parts[0]);
        if (!store.Manifest.TryGetValue(StoreLayout.ExperimentKey, out var own) || own != key)
        {
            throw new BallastInputException("the target store holds a different experiment from the parts", file: target);
        }

        store.BecomeWriter();
        var added = new List<(string, int, int)>();
        foreach (var part in parts)
        {
            store.AttachPart(part);
            try
            {
                store.Execute("CREATE TEMP TABLE new_runs AS SELECT run FROM part.outcomes EXCEPT SELECT run FROM outcomes");
                int count = Convert.ToInt32(store.Scalar("SELECT count(*) FROM new_runs"), CultureInfo.InvariantCulture);
                int all = Convert.ToInt32(store.Scalar("SELECT count(*) FROM part.outcomes"), CultureInfo.InvariantCulture);
                YearlyPart? written = count > 0 && store._yearly is not null
                    ? store.CopyYearlyPart("SELECT * FROM part.outcomes_yearly WHERE run IN (SELECT run FROM new_runs) ORDER BY run, year", count)
                    : null;
                store.Commit(written, () => store.Execute("INSERT INTO outcomes SELECT * FROM part.outcomes WHERE run IN (SELECT run FROM new_runs)"));
                store.Execute("DROP TABLE new_runs");
                added.Add((part, count, all - count));
            }
            finally
            {
                store.DetachPart();
            }
        }

        return added;
    }

    /// <summary>
    /// Attaches another store read-only as <c>part</c>, with its folder searched for files too: its yearly view names its
    /// parts relative to it.
    /// </summary>
    private void AttachPart(string part)
    {
        SearchFilesBeside(Path, part);
        Execute($"ATTACH '{part.Replace("'", "''", StringComparison.Ordinal)}' AS part (READ_ONLY)");
    }

    private void DetachPart()
    {
        Execute("DETACH part");
        SearchFilesBeside(Path);
    }

    /// <summary>Makes DuckDB resolve relative file names (the yearly views' parts) in the folders of these stores.</summary>
    private void SearchFilesBeside(params string[] stores)
    {
        var folders = stores.Select(s => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(s)) ?? ".").Distinct();
        Execute($"SET file_search_path = '{string.Join(",", folders).Replace("'", "''", StringComparison.Ordinal)}'");
    }

    /// <summary>
    /// Writes the yearly rows <paramref name="select"/> returns (in order) as the next part with DuckDB's own Parquet writer,
    /// under its temporary name and flushed to disk, and returns its listing (to commit, then publish).
    /// </summary>
    private YearlyPart CopyYearlyPart(string select, int runs)
    {
        int number = _lastPart + 1;
        var temp = YearlyParts.TemporaryPath(Path, number).Replace("'", "''", StringComparison.Ordinal);
        Execute($"COPY ({select}) TO '{temp}' (FORMAT parquet)");
        long rows = Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet('{temp}')"), CultureInfo.InvariantCulture);
        return YearlyParts.Listing(Path, number, runs, rows);
    }

    /// <summary>The experiment key of an intact store.</summary>
    private static string ExperimentKeyOf(string path)
    {
        using var store = Open(path);
        return store.Manifest.TryGetValue(StoreLayout.ExperimentKey, out var key)
            ? key
            : throw new BallastInputException("not an experiment's store (no experiment key in its manifest)", file: path);
    }

    /// <summary>A new store with the tables of <paramref name="part"/> (manifest, parameters, design rows) and no runs yet.</summary>
    private static ResultStore CreateFrom(string target, string part)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var store = Connect(target);
        try
        {
            store.AttachPart(part);
            string db = (string)store.Scalar("SELECT current_database()")!;
            // COPY FROM DATABASE keeps the tables' keys and types; the runs are then removed so that merging counts them,
            // and the yearly rows start as an empty list of parts of this store's own (a part written before the parts
            // keeps them in a table, dropped here: the merged store has parts either way).
            store.Execute($"COPY FROM DATABASE part TO {Quote(db)}");
            store.DetachPart();
            store.Execute("DELETE FROM outcomes");
            using var tx = store._db.BeginTransaction();
            store.DropRelation("outcomes_yearly");
            store.DropRelation(YearlyParts.Table);
            store.CreateYearlyParts(store.ManifestIndicators());
            tx.Commit();
            return store;
        }
        catch
        {
            store.Dispose();
            File.Delete(target);
            throw;
        }
    }

    /// <summary>
    /// One DuckDB thread while this connection writes runs (the setting is the database's, so it is undone on
    /// <see cref="Dispose"/> for any reader of the same file in this process).
    /// </summary>
    private void BecomeWriter()
    {
        if (!HasTable(YearlyParts.Table))
        {
            throw new BallastInputException("this store keeps its yearly rows inside the database (written by an earlier Ballast): it can be queried, exported and merged from, but runs cannot be added to it; start a new store (another --store or merge target)", file: Path);
        }

        _lastPart = ListedParts() is { Count: > 0 } listed ? listed[^1].Number : 0;
        YearlyParts.RemoveTemporary(Path);
        var indicators = ManifestIndicators();
        _yearly = indicators.Length > 0 && Years.Length > 0 ? new YearlyParts(Path, Years, indicators) : null;
        Execute("SET threads = 1");
        _writer = true;
    }

    private static ResultStore Connect(string path)
    {
        try
        {
            var db = new DuckDBConnection($"Data Source={path}");
            db.Open();
            var store = new ResultStore(path, db);
            try
            {
                // The yearly view names its parts relative to the store's folder, wherever the process runs.
                store.SearchFilesBeside(path);
                store.SettleYearlyParts();
                return store;
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }
        catch (DuckDBException e)
        {
            throw new BallastInputException($"cannot open the results store: {FirstLine(e.Message)}", file: path);
        }
    }

    /// <summary>
    /// Brings the yearly parts to what the store lists when a writer stopped between a commit and its part's rename (the
    /// last part renamed, if intact), and points the view at the parts folder's current name when the store was renamed
    /// with it. A damaged list is left for <see cref="Check()"/> to report.
    /// </summary>
    private void SettleYearlyParts()
    {
        try
        {
            if (!HasTable(YearlyParts.Table) || Scalar("SELECT sql FROM duckdb_views() WHERE view_name = 'outcomes_yearly' AND schema_name = 'main'") is not string view)
            {
                return;
            }

            var parts = ListedParts();
            if (parts.Count > 0)
            {
                YearlyParts.Publish(Path, parts[^1], verify: true);
                if (!YearlyParts.NamesFolderOf(view, Path))
                {
                    Execute($"CREATE OR REPLACE VIEW outcomes_yearly AS {YearlyParts.PartsView(Path)}");
                }
            }
        }
        catch (Exception e) when (e is DuckDBException or IOException or UnauthorizedAccessException)
        {
            // Left as it is: the check names what is wrong (a part missing, a list that cannot be read).
        }
    }

    /// <summary>The parts <c>yearly_parts</c> lists, in order.</summary>
    private List<YearlyPart> ListedParts()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = $"SELECT part, runs, rows, bytes, xxhash3 FROM {YearlyParts.Table} ORDER BY part";
        using var reader = cmd.ExecuteReader();
        var parts = new List<YearlyPart>();
        while (reader.Read())
        {
            parts.Add(new YearlyPart(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetFieldValue<ulong>(4)));
        }

        return parts;
    }

    /// <summary>The yearly indicators the manifest lists (the columns of <c>outcomes_yearly</c> after run and year).</summary>
    private string[] ManifestIndicators() =>
        Manifest.TryGetValue("yearly_indicators", out var list) && list.Length > 0 ? list.Split(',') : [];

    /// <summary>Drops a table or view, whichever <paramref name="name"/> is (a killed creation may have left either).</summary>
    private void DropRelation(string name)
    {
        if (Scalar($"SELECT table_type FROM information_schema.tables WHERE table_name = '{name}' AND table_schema = 'main'") is string type)
        {
            Execute($"DROP {(type == "VIEW" ? "VIEW" : "TABLE")} {name}");
        }
    }

    private void Create(StoreLayout layout, Ballast.Exploration.Sampling.Design design)
    {
        using var tx = _db.BeginTransaction();

        // A process killed during creation leaves no manifest, so the next run starts over cleanly.
        foreach (var t in new[] { "outcomes_yearly", YearlyParts.Table, "outcomes", "experiments", "outcome_definitions", "parameters", "manifest" })
        {
            DropRelation(t);
        }

        Execute("CREATE TABLE manifest (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)");
        Execute("CREATE TABLE parameters (position INTEGER PRIMARY KEY, name VARCHAR NOT NULL, distribution VARCHAR NOT NULL, lever BOOLEAN NOT NULL)");
        Execute("CREATE TABLE outcome_definitions (position INTEGER PRIMARY KEY, name VARCHAR NOT NULL, unit VARCHAR NOT NULL, description VARCHAR NOT NULL)");
        Execute($"CREATE TABLE experiments (run INTEGER PRIMARY KEY{string.Concat(layout.Parameters.Select(p => $", {Quote(p.Name)} DOUBLE"))})");
        Execute($"CREATE TABLE outcomes (run INTEGER PRIMARY KEY{string.Concat(layout.Outcomes.Select(o => $", {Quote(o.Name)} DOUBLE"))})");
        CreateYearlyParts(layout.YearlyIndicators);
        using (var app = _db.CreateAppender("manifest"))
        {
            var entries = new SortedDictionary<string, string>(layout.Entries.ToDictionary(), StringComparer.Ordinal)
            {
                ["years"] = string.Join(",", layout.Years.Select(y => y.ToString(CultureInfo.InvariantCulture))),
                ["yearly_indicators"] = string.Join(",", layout.YearlyIndicators),
            };
            foreach (var (k, v) in entries)
            {
                app.CreateRow().AppendValue(k).AppendValue(v).EndRow();
            }
        }

        using (var app = _db.CreateAppender("parameters"))
        {
            for (int i = 0; i < layout.Parameters.Count; i++)
            {
                var p = layout.Parameters[i];
                app.CreateRow().AppendValue(i).AppendValue(p.Name).AppendValue(p.Distribution).AppendValue(p.Lever).EndRow();
            }
        }

        using (var app = _db.CreateAppender("outcome_definitions"))
        {
            for (int i = 0; i < layout.Outcomes.Count; i++)
            {
                var o = layout.Outcomes[i];
                app.CreateRow().AppendValue(i).AppendValue(o.Name).AppendValue(o.Unit).AppendValue(o.Description).EndRow();
            }
        }

        using (var app = _db.CreateAppender("experiments"))
        {
            var values = new double[layout.Parameters.Count];
            for (int r = 0; r < design.Rows; r++)
            {
                ExperimentRunner.Values(design, layout.Parameters, r, values);
                var row = app.CreateRow().AppendValue(r);
                foreach (var v in values)
                {
                    row = Append(row, v);
                }

                row.EndRow();
            }
        }

        tx.Commit();
        _yearCache = layout.Years.ToArray();
    }

    /// <summary>The empty list of yearly parts, the view over none and an empty parts folder (in the caller's transaction).</summary>
    private void CreateYearlyParts(IReadOnlyList<string> indicators)
    {
        Execute($"CREATE TABLE {YearlyParts.Table} (part INTEGER PRIMARY KEY, runs INTEGER NOT NULL, rows BIGINT NOT NULL, bytes BIGINT NOT NULL, xxhash3 UBIGINT NOT NULL)");
        Execute($"CREATE VIEW outcomes_yearly AS {YearlyParts.EmptyView(indicators)}");
        YearlyParts.Reset(Path);
    }

    private int[]? _yearCache;

    private int[] Years => _yearCache ??= Manifest.TryGetValue("years", out var y) && y.Length > 0
        ? y.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
        : [];

    /// <inheritdoc/>
    public IReadOnlySet<int> CompletedRuns()
    {
        var set = new HashSet<int>();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT run FROM outcomes";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            set.Add(reader.GetInt32(0));
        }

        return set;
    }

    /// <inheritdoc/>
    public void Write(RunBatch batch)
    {
        if (!_writer)
        {
            throw new InvalidOperationException("a store opened for reading does not take runs (ResultStore.OpenOrCreate does)");
        }

        YearlyPart? part = _yearly is not null && batch.Count > 0 ? _yearly.Write(_lastPart + 1, batch) : null;
        Commit(part, () =>
        {
            using var app = _db.CreateAppender("outcomes");
            for (int k = 0; k < batch.Count; k++)
            {
                var row = app.CreateRow().AppendValue(batch.Runs[k]);
                for (int o = 0; o < batch.OutcomesPerRun; o++)
                {
                    row = Append(row, batch.Outcomes[(k * batch.OutcomesPerRun) + o]);
                }

                row.EndRow();
            }
        });
    }

    /// <summary>
    /// Commits a batch: <paramref name="outcomes"/> appends its outcomes rows and <paramref name="part"/> (on disk under
    /// its temporary name, if the batch has yearly rows) is listed, in one transaction; the part is renamed after the
    /// commit, or deleted if the commit fails.
    /// </summary>
    private void Commit(YearlyPart? part, Action outcomes)
    {
        try
        {
            using var tx = _db.BeginTransaction();
            outcomes();
            if (part is { } p)
            {
                Execute(string.Create(CultureInfo.InvariantCulture, $"INSERT INTO {YearlyParts.Table} VALUES ({p.Number}, {p.Runs}, {p.Rows}, {p.Bytes}, {p.Hash})"));
            }

            tx.Commit();
        }
        catch
        {
            if (part is { } p)
            {
                File.Delete(YearlyParts.TemporaryPath(Path, p.Number));
            }

            throw;
        }

        if (part is { } committed)
        {
            _lastPart = committed.Number;
            YearlyParts.Publish(Path, committed, verify: false);

            // DuckDB reads the pattern when a view is created, so not before a part matches it; a process killed in
            // between leaves the view to the next connection's SettleYearlyParts.
            if (committed.Number == 1)
            {
                Execute($"CREATE OR REPLACE VIEW outcomes_yearly AS {YearlyParts.PartsView(Path)}");
            }
        }
    }

    private static IDuckDBAppenderRow Append(IDuckDBAppenderRow row, double v) => double.IsNaN(v) ? row.AppendNullValue() : row.AppendValue(v);

    /// <summary>A column of a table ordered by run (NULL → NaN): the experiment values of a parameter or an outcome's values.</summary>
    public double[] Column(string table, string column, string? where = null)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = $"SELECT {Quote(column)} FROM {table}{(where is null ? string.Empty : " WHERE " + where)} ORDER BY run";
        using var reader = cmd.ExecuteReader();
        var values = new List<double>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? double.NaN : reader.GetDouble(0));
        }

        return values.ToArray();
    }

    /// <summary>The run indices present in <c>outcomes</c>, ascending.</summary>
    public int[] CompletedRunsOrdered()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT run FROM outcomes ORDER BY run";
        using var reader = cmd.ExecuteReader();
        var runs = new List<int>();
        while (reader.Read())
        {
            runs.Add(reader.GetInt32(0));
        }

        return runs.ToArray();
    }

    /// <summary>Runs a SQL statement and returns its rows; SQL errors become input errors with DuckDB's message.</summary>
    public QueryResult Query(string sql)
    {
        try
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = sql;
            using var reader = cmd.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            return new QueryResult(columns, rows);
        }
        catch (DuckDBException e)
        {
            throw new BallastInputException($"SQL error: {FirstLine(e.Message)}", file: Path, field: "SQL", value: sql);
        }
    }

    /// <summary>Exports every table to <paramref name="directory"/> as <c>&lt;table&gt;.parquet</c> or <c>.csv</c> with DuckDB's COPY.</summary>
    public IReadOnlyList<string> Export(string directory, string format)
    {
        format = format.ToLowerInvariant();
        if (format is not ("parquet" or "csv"))
        {
            throw new BallastInputException($"unknown export format '{format}'; allowed: parquet, csv", field: "--file-format", value: format);
        }

        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var table in Tables)
        {
            var file = System.IO.Path.Combine(directory, $"{table}.{format}");
            string options = format == "parquet" ? "FORMAT parquet" : "FORMAT csv, HEADER true";
            try
            {
                Execute($"COPY (SELECT *{(table == "outcomes" ? Booleans() : string.Empty)} FROM {table}{(table is "experiments" or "outcomes" ? " ORDER BY run" : table == "outcomes_yearly" ? " ORDER BY run, year" : string.Empty)}) TO '{file.Replace("'", "''", StringComparison.Ordinal)}' ({options})");
            }
            catch (DuckDBException e)
            {
                throw new BallastInputException($"cannot export table '{table}': {FirstLine(e.Message)}", file: file);
            }

            written.Add(file);
        }

        return written;
    }

    /// <summary>
    /// Outcomes with unit 0/1 are stored as DOUBLE (the outcome matrix is one type) but exported as BOOLEAN, so Parquet
    /// and CSV readers see true/false.
    /// </summary>
    private string Booleans()
    {
        var flags = Outcomes.Where(o => o.Unit == "0/1").Select(o => $"CASE WHEN \"{o.Name}\" IS NULL OR isnan(\"{o.Name}\") THEN NULL ELSE \"{o.Name}\" <> 0 END AS \"{o.Name}\"").ToList();
        return flags.Count == 0 ? string.Empty : $" REPLACE ({string.Join(", ", flags)})";
    }

    private object? Scalar(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using DbCommand cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private bool HasTable(string name) =>
        Convert.ToInt64(Scalar($"SELECT count(*) FROM information_schema.tables WHERE table_name = '{name}'"), CultureInfo.InvariantCulture) > 0;

    /// <summary>Quotes an identifier for SQL.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string FirstLine(string s)
    {
        var sb = new StringBuilder();
        foreach (var ch in s)
        {
            if (ch == '\n')
            {
                break;
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_writer)
        {
            _writer = false;
            try
            {
                Execute("RESET threads");
            }
            catch (DuckDBException)
            {
                // A connection that cannot run a statement any more is closed below all the same.
            }
        }

        _db.Dispose();
    }
}
