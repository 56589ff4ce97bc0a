namespace Ballast.Cli.Tests;

/// <summary>Finds files of the repository (example scenarios) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name + ".yaml");

    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "ballast-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ballast.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Ballast.slnx) not found above " + AppContext.BaseDirectory);
    }
}
