using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ballast.Architecture.Tests;

/// <summary>
/// The projects and their allowed dependencies, as <c>docs/architecture.md</c> states them: the table in that document
/// is the rule, the project files must match it exactly, and the model's projects must not do I/O.
/// </summary>
public sealed partial class ArchitectureTests
{
    [Fact]
    public void EveryProjectReferencesExactlyWhatTheArchitectureDocumentAllows()
    {
        var allowed = AllowedReferences();
        var actual = ActualReferences();
        Assert.Equal(allowed.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var problems = new List<string>();
        foreach (var (project, refs) in actual)
        {
            foreach (var r in refs.Except(allowed[project]))
            {
                problems.Add($"{project} references {r}, which docs/architecture.md does not allow");
            }

            foreach (var r in allowed[project].Except(refs))
            {
                problems.Add($"docs/architecture.md lets {project} reference {r}, but it does not: keep the table exact");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void TheLayeringHasNoCyclesAndOnlyTheCommandLineHostsTheWeb()
    {
        var refs = ActualReferences();
        Assert.Empty(refs["Ballast.Core"]);
        Assert.Equal(["Ballast.Core"], refs["Ballast.Engine"]);
        Assert.DoesNotContain("Ballast.Data", refs["Ballast.Engine"]);
        Assert.All(refs.Where(kv => kv.Key != "Ballast.Cli"), kv => Assert.DoesNotContain("Ballast.Web", kv.Value));
        Assert.All(refs, kv => Assert.DoesNotContain("Ballast.Cli", kv.Value));

        // Depth-first search for a cycle (MSBuild would refuse one, but a test names it).
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        bool Cyclic(string p)
        {
            if (state.TryGetValue(p, out var s))
            {
                return s == 1;
            }

            state[p] = 1;
            var found = refs[p].Any(Cyclic);
            state[p] = 2;
            return found;
        }

        Assert.DoesNotContain(refs.Keys, Cyclic);
    }

    [Theory]
    [InlineData("Ballast.Core")]
    [InlineData("Ballast.Engine")]
    [InlineData("Ballast.Exploration")]
    public void TheModelDoesNoInputOrOutput(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var used = md.TypeReferences
            .Select(h => md.GetTypeReference(h))
            .Select(t => md.GetString(t.Namespace) + "." + md.GetString(t.Name))
            .Where(IsInputOutput)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Empty(used);
    }

    [Fact]
    public void TheInputOutputRuleRecognisesFilesConsoleAndNetwork()
    {
        Assert.True(IsInputOutput("System.IO.File"));
        Assert.True(IsInputOutput("System.IO.FileStream"));
        Assert.True(IsInputOutput("System.IO.Directory"));
        Assert.True(IsInputOutput("System.Console"));
        Assert.True(IsInputOutput("System.Net.Http.HttpClient"));
        Assert.True(IsInputOutput("System.Diagnostics.Process"));
        Assert.False(IsInputOutput("System.IO.TextWriter"));
        Assert.False(IsInputOutput("System.Numerics.Vector`1"));
    }

    /// <summary>
    /// Types that reach the file system, the console, the network or other processes. Abstract readers and writers
    /// (<c>TextWriter</c>, <c>Stream</c>) are allowed: a caller may hand the model one.
    /// </summary>
    internal static bool IsInputOutput(string fullName) =>
        fullName.StartsWith("System.Net.", StringComparison.Ordinal)
        || fullName is "System.Console"
            or "System.IO.File" or "System.IO.FileInfo" or "System.IO.FileStream" or "System.IO.Directory"
            or "System.IO.DirectoryInfo" or "System.IO.StreamReader" or "System.IO.StreamWriter"
            or "System.Diagnostics.Process";

    /// <summary>The table of <c>docs/architecture.md</c>: project → the projects it may reference.</summary>
    private static Dictionary<string, HashSet<string>> AllowedReferences()
    {
        var doc = File.ReadAllLines(Path.Combine(Root, "docs", "architecture.md"));
        var start = Array.FindIndex(doc, l => l.StartsWith("| project | may reference", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/architecture.md has no '| project | may reference |' table");
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in doc.Skip(start + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            var project = ProjectName().Match(cells[1]).Value;
            var refs = ProjectName().Matches(cells[2]).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            result[project] = refs;
        }

        return result;
    }

    /// <summary>Every product project under <c>src/</c> with its project references, from the project files.</summary>
    private static Dictionary<string, HashSet<string>> ActualReferences() =>
        Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(
                f => Path.GetFileNameWithoutExtension(f),
                f => XDocument.Load(f).Descendants("ProjectReference")
                    .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
                    .ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);

    internal static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ballast.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Ballast.slnx) not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Ballast\.[A-Za-z]+")]
    private static partial Regex ProjectName();
}
