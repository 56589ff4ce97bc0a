using System.Text.Json;
using System.Xml.Linq;

namespace Ballast.Cli.Tests;

/// <summary>
/// The packages the packed <c>ballast</c> tool leaves to the <c>ballast-optimiser</c> companion
/// (<c>CompanionPackages</c> in src/Ballast.Cli/Ballast.Cli.csproj), checked against the CLI's real dependency graph:
/// the deps.json of these tests, which reference the CLI.
/// </summary>
public sealed class CompanionPackagesTests
{
    [Fact]
    public void The_tool_leaves_out_exactly_or_tools_and_what_only_or_tools_needs()
    {
        var listed = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Ballast.Cli", "Ballast.Cli.csproj"))
            .Descendants("CompanionPackages").Single().Value.Split(';');
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Ballast.Cli.Tests.deps.json")));
        var graph = deps.RootElement.GetProperty("targets").EnumerateObject().Single().Value.EnumerateObject().ToDictionary(
            l => l.Name.Split('/')[0],
            l => l.Value.TryGetProperty("dependencies", out var d) ? d.EnumerateObject().Select(x => x.Name).ToArray() : [],
            StringComparer.Ordinal);

        // Everything OR-Tools brings (its platform packages, Protobuf) is left out, and nothing more.
        var orTools = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["Google.OrTools"]);
        while (queue.TryDequeue(out var p))
        {
            if (orTools.Add(p))
            {
                foreach (var d in graph[p])
                {
                    queue.Enqueue(d);
                }
            }
        }

        Assert.Equal(orTools.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));

        // Only the optimiser's project uses them: no other package (Orleans, ASP.NET, DuckDB...) loses a dependency.
        Assert.Equal(["Ballast.Optimisation"], graph.Where(kv => !orTools.Contains(kv.Key) && kv.Value.Any(orTools.Contains)).Select(kv => kv.Key));
    }
}
