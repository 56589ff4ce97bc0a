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

    public static (GameService Service, ManualClock Clock, string Db) Service(int bandRuns = 200, int threads = 2)
    {
        var db = Path.Combine(Path.GetTempPath(), "ballast-games-tests", Guid.NewGuid().ToString("N") + ".db");
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
