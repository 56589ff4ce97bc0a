using System.Xml.Linq;

namespace Ballast.Architecture.Tests;

/// <summary>
/// The <c>ballast</c> tool's package metadata, read from the project files (fast; packing itself is measured by
/// <c>bench/package-size.sh</c>): one package per platform, no symbols, readme, licence and project metadata, and the
/// README's install line naming the package that is built.
/// </summary>
public sealed class ToolPackageTests
{
    private static readonly XDocument Cli = XDocument.Load(Path.Combine(ArchitectureTests.Root, "src", "Ballast.Cli", "Ballast.Cli.csproj"));
    private static readonly XDocument Build = XDocument.Load(Path.Combine(ArchitectureTests.Root, "Directory.Build.props"));
    private static readonly XDocument Packaging = XDocument.Load(Path.Combine(ArchitectureTests.Root, "src", "Ballast.Cli", "ToolPackage.targets"));

    private static string Property(XDocument doc, string name) =>
        doc.Descendants(name).Select(e => e.Value.Trim()).SingleOrDefault() ?? throw new Xunit.Sdk.XunitException($"{name} is not set");

    [Fact]
    public void The_tool_is_packed_per_platform_framework_dependent()
    {
        Assert.Equal("true", Property(Cli, "PackAsTool"));
        Assert.Equal("ballast", Property(Cli, "ToolCommandName"));
        Assert.Equal("Ballast", Property(Cli, "PackageId"));
        Assert.Equal(["linux-x64", "linux-arm64", "osx-arm64", "win-x64"], Property(Cli, "RuntimeIdentifiers").Split(';'));
        Assert.Equal("false", Property(Cli, "SelfContained"));
        Assert.Empty(Cli.Descendants("RuntimeIdentifier"));
    }

    [Fact]
    public void The_package_carries_no_debug_symbols_or_xml_docs()
    {
        Assert.Equal("false", Property(Cli, "CopyOutputSymbolsToPublishDirectory"));
        Assert.Equal("false", Property(Cli, "PublishDocumentationFile"));
        Assert.Equal("false", Property(Cli, "PublishReferencesDocumentationFiles"));

        // Dependencies' symbol files (OR-Tools ships Windows .pdb files) are removed from what is published into the package.
        Assert.Contains(Cli.Descendants("Import"), i => (string?)i.Attribute("Project") == "ToolPackage.targets");
        var drop = Packaging.Descendants("Target").Single(t => (string?)t.Attribute("Name") == "DropSymbolsFromPublish");
        Assert.Equal("ComputeResolvedFilesToPublishList", (string?)drop.Attribute("AfterTargets"));
        var remove = drop.Descendants("ResolvedFileToPublish").Single();
        Assert.Equal("@(ResolvedFileToPublish)", (string?)remove.Attribute("Remove"));
        Assert.Equal("'%(Extension)' == '.pdb'", (string?)remove.Attribute("Condition"));
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
    public void The_package_has_readme_licence_and_project_metadata()
    {
        Assert.Equal("README.md", Property(Cli, "PackageReadmeFile"));
        var readme = Cli.Descendants("None").Single(e => (string?)e.Attribute("Include") == "..\\..\\README.md");
        Assert.Equal("true", (string?)readme.Attribute("Pack"));
        Assert.Equal("\\", (string?)readme.Attribute("PackagePath"));

        Assert.Equal("MIT", Property(Cli, "PackageLicenseExpression"));
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(ArchitectureTests.Root, "LICENSE")), StringComparison.Ordinal);
        Assert.StartsWith("Ballast: ", Property(Cli, "Description"), StringComparison.Ordinal);
        Assert.Contains("burden-sharing", Property(Cli, "PackageTags").Split(';'));
        Assert.Equal("$(RepositoryUrl)", Property(Cli, "PackageProjectUrl"));
        Assert.Equal("git", Property(Cli, "RepositoryType"));
        Assert.Equal("Ballast contributors", Property(Build, "Authors"));
        Assert.StartsWith("https://github.com/", Property(Build, "RepositoryUrl"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_readmes_install_lines_name_the_package_and_folder_that_pack_writes()
    {
        string readme = File.ReadAllText(Path.Combine(ArchitectureTests.Root, "README.md"));
        Assert.Contains("dotnet pack src/Ballast.Cli -c Release\n", readme, StringComparison.Ordinal);
        Assert.Contains($"dotnet tool install --global --add-source artifacts/nupkg {Property(Cli, "PackageId").ToLowerInvariant()}\n", readme, StringComparison.Ordinal);
        Assert.EndsWith("..\\..\\artifacts\\nupkg", Property(Cli, "PackageOutputPath"), StringComparison.Ordinal);
    }
}
