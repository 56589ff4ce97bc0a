using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Ballast.Web.Jobs;

/// <summary>
/// Job metadata in SQLite (<c>jobs.db</c> in the store folder) and one results folder per job (<c>jobs/ID/</c>). Every
/// status change is written through, so a restarted server knows every job; a results folder is published by an
/// atomic rename only when the job succeeds, so a folder that exists is complete.
/// </summary>
public sealed partial class JobStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens (creating if needed) the store under <paramref name="root"/>.</summary>
    public JobStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(JobsFolder);
        _connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(Root, "jobs.db"), Pooling = false }.ToString();
        using var c = Open();
        Exec(c, """
            CREATE TABLE IF NOT EXISTS jobs (
              id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
              created TEXT NOT NULL, started TEXT, finished TEXT, done INTEGER NOT NULL, total INTEGER NOT NULL,
              error TEXT, spec TEXT NOT NULL);
            PRAGMA journal_mode=WAL;
            """);
    }

    /// <summary>The store folder (absolute).</summary>
    public string Root { get; }

    private string JobsFolder => Path.Combine(Root, "jobs");

    /// <summary>True for a well-formed job id (32 lower-case hex digits): ids never become paths otherwise.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>A fresh job id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>The published results folder of a job.</summary>
    public string ResultsFolder(string id) => IsValidId(id) ? Path.Combine(JobsFolder, id) : throw new ArgumentException("bad job id", nameof(id));

    /// <summary>The scratch folder a running job writes into before it is published.</summary>
    public string WorkFolder(string id) => ResultsFolder(id) + ".partial";

    /// <summary>Adds a queued job.</summary>
    public void Add(JobRecord job) =>
        Write("INSERT INTO jobs (id, kind, name, status, created, started, finished, done, total, error, spec) VALUES ($id,$kind,$name,$status,$created,$started,$finished,$done,$total,$error,$spec)", job);

    /// <summary>Writes a job's changed fields.</summary>
    public void Update(JobRecord job) =>
        Write("UPDATE jobs SET status=$status, started=$started, finished=$finished, done=$done, total=$total, error=$error WHERE id=$id", job);

    /// <summary>A job by id, or null.</summary>
    public JobRecord? Get(string id) => IsValidId(id) ? Query("SELECT * FROM jobs WHERE id=$id", ("$id", id)).SingleOrDefault() : null;

    /// <summary>The most recent jobs, newest first.</summary>
    public IReadOnlyList<JobRecord> List(int limit) => Query("SELECT * FROM jobs ORDER BY created DESC, id LIMIT $n", ("$n", limit));

    /// <summary>
    /// Called at start-up: jobs that were running when the server stopped are marked failed (with the reason), their
    /// partial folders removed; queued jobs are returned so they can be queued again.
    /// </summary>
    public IReadOnlyList<JobRecord> Recover(DateTimeOffset now)
    {
        var queued = new List<JobRecord>();
        foreach (var job in AllUnfinished())
        {
            if (job.Status == JobStatus.Running)
            {
                Update(job with
                {
                    Status = JobStatus.Failed,
                    Finished = now,
                    Error = "the server stopped while this job was running; submit it again (same seed, same results)",
                });
            }
            else
            {
                queued.Add(job);
            }

            var partial = WorkFolder(job.Id);
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }
        }

        return queued;
    }

    private List<JobRecord> AllUnfinished() => Query("SELECT * FROM jobs WHERE status IN ('Queued','Running') ORDER BY created, id");

    /// <summary>Inserts or updates one job: its fields are bound by name, the statement uses those it names.</summary>
    private void Write(string sql, JobRecord job)
    {
        lock (_gate)
        {
            using var c = Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            Bind(cmd, job);
            cmd.ExecuteNonQuery();
        }
    }

    private List<JobRecord> Query(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            using var c = Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                cmd.Parameters.AddWithValue(name, value);
            }

            using var r = cmd.ExecuteReader();
            var list = new List<JobRecord>();
            while (r.Read())
            {
                list.Add(Read(r));
            }

            return list;
        }
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connection);
        c.Open();
        return c;
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand cmd, JobRecord j)
    {
        cmd.Parameters.AddWithValue("$id", j.Id);
        cmd.Parameters.AddWithValue("$kind", j.Kind.ToString());
        cmd.Parameters.AddWithValue("$name", j.Name);
        cmd.Parameters.AddWithValue("$status", j.Status.ToString());
        cmd.Parameters.AddWithValue("$created", Time(j.Created));
        cmd.Parameters.AddWithValue("$started", (object?)Time(j.Started) ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$finished", (object?)Time(j.Finished) ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$done", j.Done);
        cmd.Parameters.AddWithValue("$total", j.Total);
        cmd.Parameters.AddWithValue("$error", (object?)j.Error ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$spec", JsonSerializer.Serialize(j.Spec, Json));
    }

    private static JobRecord Read(SqliteDataReader r) => new(
        r.GetString(r.GetOrdinal("id")),
        Enum.Parse<JobKind>(r.GetString(r.GetOrdinal("kind"))),
        r.GetString(r.GetOrdinal("name")),
        Enum.Parse<JobStatus>(r.GetString(r.GetOrdinal("status"))),
        ParseTime(r, "created")!.Value,
        ParseTime(r, "started"),
        ParseTime(r, "finished"),
        r.GetInt64(r.GetOrdinal("done")),
        r.GetInt64(r.GetOrdinal("total")),
        r.IsDBNull(r.GetOrdinal("error")) ? null : r.GetString(r.GetOrdinal("error")),
        JsonSerializer.Deserialize<JobSpec>(r.GetString(r.GetOrdinal("spec")), Json)!);

    private static string? Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(SqliteDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();
}
