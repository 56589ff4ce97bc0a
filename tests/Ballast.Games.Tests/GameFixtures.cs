using Ballast.Games.Log;

namespace Ballast.Games.Tests;

/// <summary>Paths, a clock the tests move by hand, and a service over a fresh SQLite log in a temporary folder.</summary>
internal static class GameFixtures
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ballast.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Ballast.slnx) not found above the test folder");
    }

    public static string Game(string name) => Path.Combine(RepoRoot(), "games", name + ".yaml");

    private static readonly Lazy<GameDefinition> LazyClassroom = new(() => GameDefinitionLoader.LoadFile(Game("classroom")));
    private static readonly Lazy<GameDefinition> LazyIndoPacific = new(() => GameDefinitionLoader.LoadFile(Game("indo-pacific-2025")));

    public static GameDefinition Classroom => LazyClassroom.Value;

    public static GameDefinition IndoPacific => LazyIndoPacific.Value;

    // One folder of databases per test process; the test host is stopped without running exit handlers, so the folders
    // of earlier processes that no longer run are deleted when the next one starts.
    private static readonly Lazy<string> Folder = new(() =>
    {
        foreach (var old in Directory.GetDirectories(Path.GetTempPath(), "ballast-games-tests-*"))
        {
            if (int.TryParse(old[(old.LastIndexOf('-') + 1)..], out var pid) && !Running(pid))
            {
                Directory.Delete(old, recursive: true);
            }
        }

        var dir = Path.Combine(Path.GetTempPath(), "ballast-games-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        return dir;
    });

    private static bool Running(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static (GameService Service, ManualClock Clock, string Db) Service(int bandRuns = 200, int threads = 2)
    {
        var db = Path.Combine(Folder.Value, Guid.NewGuid().ToString("N") + ".db");
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        return (new GameService(new SqliteGameLog(db), new GameServiceOptions { Clock = clock, BandRuns = bandRuns, Threads = threads }), clock, db);
    }
}

/// <summary>A clock that moves only when told.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
