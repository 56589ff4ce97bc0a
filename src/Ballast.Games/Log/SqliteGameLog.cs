using Microsoft.Data.Sqlite;

namespace Ballast.Games.Log;

/// <summary>
/// The game log in an embedded SQLite database: one table of events keyed by (game, sequence), so a second writer of the
/// same position fails on the key and nothing is overwritten. Each call opens its own connection (pooled), so one
/// instance serves many threads; WAL mode lets readers run beside the writer.
/// </summary>
public sealed class SqliteGameLog : IGameLog
{
    private readonly string _connection;

    /// <summary>Opens (creating when missing) the database file at <paramref name="path"/>.</summary>
    public SqliteGameLog(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        _connection = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        using var c = Open();
        Execute(c, "PRAGMA journal_mode=WAL;");
        Execute(c, """
            CREATE TABLE IF NOT EXISTS game_events (
              game TEXT NOT NULL,
              seq INTEGER NOT NULL,
              type TEXT NOT NULL,
              at TEXT NOT NULL,
              data TEXT NOT NULL,
              PRIMARY KEY (game, seq)
            );
            """);
    }

    /// <inheritdoc/>
    public bool TryAppend(string gameId, long expectedCount, IReadOnlyList<(string Type, DateTimeOffset At, string Data)> events)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        using (var count = c.CreateCommand())
        {
            count.Transaction = tx;
            count.CommandText = "SELECT COUNT(*) FROM game_events WHERE game = $g";
            count.Parameters.AddWithValue("$g", gameId);
            if ((long)count.ExecuteScalar()! != expectedCount)
            {
                return false;
            }
        }

        using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO game_events (game, seq, type, at, data) VALUES ($g, $s, $t, $a, $d)";
        var g = insert.Parameters.Add("$g", SqliteType.Text);
        var s = insert.Parameters.Add("$s", SqliteType.Integer);
        var t = insert.Parameters.Add("$t", SqliteType.Text);
        var a = insert.Parameters.Add("$a", SqliteType.Text);
        var d = insert.Parameters.Add("$d", SqliteType.Text);
        long seq = expectedCount;
        foreach (var e in events)
        {
            g.Value = gameId;
            s.Value = seq++;
            t.Value = e.Type;
            a.Value = e.At.ToString("O", CultureInfo.InvariantCulture);
            d.Value = e.Data;
            try
            {
                insert.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                // A constraint violation: another writer took this position between our count and our insert.
                return false;
            }
        }

        tx.Commit();
        return true;
    }

    /// <inheritdoc/>
    public IReadOnlyList<GameEvent> Read(string gameId)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT seq, type, at, data FROM game_events WHERE game = $g ORDER BY seq";
        cmd.Parameters.AddWithValue("$g", gameId);
        using var r = cmd.ExecuteReader();
        var list = new List<GameEvent>();
        while (r.Read())
        {
            list.Add(new GameEvent(r.GetInt64(0), r.GetString(1), DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture), r.GetString(3)));
        }

        return list;
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> GameIds()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT game FROM game_events WHERE seq = 0 ORDER BY at, game";
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read())
        {
            list.Add(r.GetString(0));
        }

        return list;
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connection);
        c.Open();
        Execute(c, "PRAGMA busy_timeout=5000;");
        return c;
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
