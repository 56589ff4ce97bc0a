using System.Xml.Linq;

namespace Ballast.Architecture.Tests;

/// <summary>
/// The tools' package metadata, <c>ballast</c> and its optional optimiser companion <c>ballast-optimiser</c>, read from
/// the project files and the packaging rules they share (fast; packing itself is measured by
/// <c>bench/package-size.sh</c>): one package per platform, no symbols, readme, licence and project metadata, OR-Tools
/// in the companion only, and the README's install lines naming the packages that are built.
/// </summary>
public sealed class ToolPackageTests
{
    private static readonly XDocument Cli = XDocument.Load(Path.Combine(ArchitectureTests.Root, "src", "Ballast.Cli", "Ballast.Cli.csproj"));
    private static readonly XDocument Build = XDocument.Load(Path.Combine(ArchitectureTests.Root, "Directory.Build.props"));
    private static readonly XDocument Optimiser = XDocument.Load(Path.Combine(ArchitectureTests.Root, "src", "Ballast.Optimiser", "Ballast.Optimiser.csproj"));
    private static readonly XDocument Packaging = XDocument.Load(Path.Combine(ArchitectureTests.Root, "src", "ToolPackage.targets"));

    private static string Property(XDocument doc, string name) =>
        doc.Descendants(name).Select(e => e.Value.Trim()).SingleOrDefault() ?? throw new Xunit.Sdk.XunitException($"{name} is not set");

    [Fact]
    public void The_tools_are_packed_per_platform_framework_dependent()
    {
        Assert.Equal("true", Property(Cli, "PackAsTool"));
        Assert.Equal("ballast", Property(Cli, "ToolCommandName"));
        Assert.Equal("Ballast", Property(Cli, "PackageId"));
        Assert.Equal("true", Property(Optimiser, "PackAsTool"));
        Assert.Equal("ballast-optimiser", Property(Optimiser, "ToolCommandName"));
        Assert.Equal("Ballast-Optimiser", Property(Optimiser, "PackageId"));

        // Both take their platforms and packaging rules from one file.
        Assert.All([Cli, Optimiser], tool => Assert.Equal("..\\ToolPackage.targets", (string?)tool.Descendants("Import").Single().Attribute("Project")));
        Assert.Equal(["linux-x64", "linux-arm64", "osx-arm64", "win-x64"], Property(Packaging, "RuntimeIdentifiers").Split(';'));
        Assert.Equal("false", Property(Packaging, "SelfContained"));
        Assert.All([Cli, Optimiser, Packaging], doc => Assert.Empty(doc.Descendants("RuntimeIdentifier")));
    }

    [Fact]
    public void The_packages_carry_no_debug_symbols_or_xml_docs()
    {
        Assert.Equal("false", Property(Packaging, "CopyOutputSymbolsToPublishDirectory"));
        Assert.Equal("false", Property(Packaging, "PublishDocumentationFile"));
        Assert.Equal("false", Property(Packaging, "PublishReferencesDocumentationFiles"));

        // Dependencies' symbol files (OR-Tools ships Windows .pdb files) are removed from what is published into the package.
        var drop = Packaging.Descendants("Target").Single(t => (string?)t.Attribute("Name") == "DropSymbolsFromPublish");
        Assert.Equal("ComputeResolvedFilesToPublishList", (string?)drop.Attribute("AfterTargets"));
        var remove = drop.Descendants("ResolvedFileToPublish").Single();
        Assert.Equal("@(ResolvedFileToPublish)", (string?)remove.Attribute("Remove"));
        Assert.Equal("'%(Extension)' == '.pdb'", (string?)remove.Attribute("Condition"));
    }

    [Fact]
    public void The_platform_packages_are_ready_to_run_but_for_the_model()
    {
        // Start-up code compiled at pack time, only where a platform is set; the engine's model kernel is left to the
        // tiered JIT, which was faster for it, and so are the large libraries of the cluster, the web API's OpenAPI
        // document and calibration, which would double in size (docs/performance.md, issue 18, ninth round).
        var readyToRun = Packaging.Descendants("PublishReadyToRun").Single();
        Assert.Equal("true", readyToRun.Value.Trim());
        Assert.Equal("'$(RuntimeIdentifier)' != ''", (string?)readyToRun.Parent!.Attribute("Condition"));
        var excluded = Packaging.Descendants("PublishReadyToRunExclude").SelectMany(e => ((string?)e.Attribute("Include"))!.Split(';')).ToList();
        Assert.Equal("Ballast.Engine.dll", excluded[0]);
        Assert.Contains("Orleans.Runtime.dll", excluded);
        Assert.DoesNotContain(excluded, name => name.StartsWith("Ballast.", StringComparison.Ordinal) && name != "Ballast.Engine.dll");
    }

    [Fact]
    public void Or_tools_goes_into_the_companion_package_and_stays_out_of_the_packed_ballast_tool()
    {
        // The pack-time exclusion list of the ballast tool: OR-Tools, its platform packages and the Protobuf only it uses
        // (tests/Ballast.Cli.Tests checks the list against the CLI's dependency graph).
        Assert.Equal(
            ["Google.OrTools", "Google.OrTools.runtime.linux-x64", "Google.OrTools.runtime.linux-arm64", "Google.OrTools.runtime.osx-arm64", "Google.OrTools.runtime.osx-x64", "Google.OrTools.runtime.win-x64", "Google.Protobuf"],
            Property(Cli, "CompanionPackages").Split(';'));
        Assert.Empty(Optimiser.Descendants("CompanionPackages"));
        Assert.Equal(["..\\Ballast.Optimisation\\Ballast.Optimisation.csproj"], Optimiser.Descendants("ProjectReference").Select(r => (string?)r.Attribute("Include")));

        // Only in the platform builds of the tool packages: a build, dotnet run and the tests (no RuntimeIdentifier) keep
        // OR-Tools and solve in process.
        var drop = Packaging.Descendants("Target").Single(t => (string?)t.Attribute("Name") == "DropCompanionPackages");
        Assert.Equal("ResolvePackageAssets", (string?)drop.Attribute("AfterTargets"));
        Assert.Equal("'$(CompanionPackages)' != '' and '$(RuntimeIdentifier)' != ''", (string?)drop.Attribute("Condition"));
        Assert.Equal(["RuntimeCopyLocalItems", "NativeCopyLocalItems", "ResourceCopyLocalItems", "RuntimeTargetsCopyLocalItems"], drop.Descendants("ItemGroup").Elements().Select(e => e.Name.LocalName));
        Assert.All(drop.Descendants("ItemGroup").Elements(), e =>
        {
            Assert.Equal($"@({e.Name.LocalName})", (string?)e.Attribute("Remove"));
            Assert.Equal($"$([System.String]::Copy(';$(CompanionPackages);').Contains(';%({e.Name.LocalName}.NuGetPackageId);'))", (string?)e.Attribute("Condition"));
        });
    }

    [Fact]
    public void Build_only_packages_stay_out_of_the_tool()
    {
        // Orleans lists Roslyn as a run-time dependency although only its code generator uses it at build time.
        Assert.Equal(["Microsoft.CodeAnalysis.Common", "Microsoft.CodeAnalysis.CSharp", "Microsoft.CodeAnalysis.Workspaces.Common"],
            Property(Packaging, "BuildOnlyPackages").Split(';').Where(p => p.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)));
        var drop = Packaging.Descendants("Target").Single(t => (string?)t.Attribute("Name") == "DropBuildOnlyPackages");
        Assert.Equal("ResolvePackageAssets", (string?)drop.Attribute("AfterTargets"));
        Assert.Equal(["RuntimeCopyLocalItems", "ResourceCopyLocalItems"], drop.Descendants("ItemGroup").Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void The_packages_have_readme_licence_and_project_metadata()
    {
        Assert.Equal("README.md", Property(Packaging, "PackageReadmeFile"));
        var readme = Packaging.Descendants("None").Single(e => (string?)e.Attribute("Include") == "$(MSBuildThisFileDirectory)..\\README.md");
        Assert.Equal("true", (string?)readme.Attribute("Pack"));
        Assert.Equal("\\", (string?)readme.Attribute("PackagePath"));

        Assert.Equal("MIT", Property(Packaging, "PackageLicenseExpression"));
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(ArchitectureTests.Root, "LICENSE")), StringComparison.Ordinal);
        Assert.All([Cli, Optimiser], tool => Assert.StartsWith("Ballast: ", Property(tool, "Description"), StringComparison.Ordinal));
        Assert.All([Cli, Optimiser], tool => Assert.Contains("burden-sharing", Property(tool, "PackageTags").Split(';')));
        Assert.Equal("$(RepositoryUrl)", Property(Packaging, "PackageProjectUrl"));
        Assert.Equal("git", Property(Packaging, "RepositoryType"));
        Assert.Equal("Ballast contributors", Property(Build, "Authors"));
        Assert.StartsWith("https://github.com/", Property(Build, "RepositoryUrl"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_readmes_install_lines_name_the_packages_and_folder_that_pack_writes()
    {
        string readme = File.ReadAllText(Path.Combine(ArchitectureTests.Root, "README.md"));
        Assert.Contains("dotnet pack src/Ballast.Cli -c Release\n", readme, StringComparison.Ordinal);
        Assert.Contains($"dotnet tool install --global --add-source artifacts/nupkg {Property(Cli, "PackageId").ToLowerInvariant()}\n", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet pack src/Ballast.Optimiser -c Release\n", readme, StringComparison.Ordinal);
        Assert.Contains($"dotnet tool install --global --add-source artifacts/nupkg {Property(Optimiser, "PackageId").ToLowerInvariant()}\n", readme, StringComparison.Ordinal);
        Assert.Equal("$(MSBuildThisFileDirectory)..\\artifacts\\nupkg", Property(Packaging, "PackageOutputPath"));

        // The message of a ballast without OR-Tools and without the companion gives the same install line.
        string solving = File.ReadAllText(Path.Combine(ArchitectureTests.Root, "src", "Ballast.Optimisation", "Solving", "RolesSolving.cs"));
        Assert.Contains($"run `dotnet tool install --global --add-source artifacts/nupkg {Property(Optimiser, "PackageId").ToLowerInvariant()}` (README, Install)", solving, StringComparison.Ordinal);
    }
}
