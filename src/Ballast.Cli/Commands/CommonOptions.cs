using System.CommandLine;
using Ballast.Cli.Output;
using Ballast.Core;
using Ballast.Core.Panel;
using Ballast.Data.Countries;
using Ballast.Data.Panel;

namespace Ballast.Cli.Commands;

/// <summary>Options shared by several commands, so they read and behave the same everywhere.</summary>
public static class CommonOptions
{
    /// <summary><c>--format table|csv|json</c>.</summary>
    public static Option<OutputFormat> Format() => new("--format", "-f")
    {
        Description = "Output format: table (default), csv or json.",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    /// <summary><c>--charts svg|png</c>: also write each chart as a separate file in DIR/charts (used by run, compare and report).</summary>
    public static Option<string?> Charts() => new("--charts")
    {
        Description = "Also write every chart as a separate file in OUT/charts: svg or png.",
        HelpName = "svg|png",
    };

    /// <summary><c>--out DIR</c> of the analysis commands: also write a self-contained HTML report <c>DIR/FILE</c>.</summary>
    public static Option<string?> ReportOut(string fileName) => new("--out", "-o")
    {
        Description = $"Also write a self-contained HTML report, DIR/{fileName} (charts, tables, sources; no network).",
        HelpName = "DIR",
    };

    /// <summary>Writes an analysis report into <paramref name="directory"/> and, in table format, says where.</summary>
    internal static void WriteReport(CliContext ctx, OutputFormat format, string directory, string fileName, Ballast.Reports.Analysis.AnalysisPage page)
    {
        string path = Ballast.Reports.Analysis.AnalysisReportWriter.Write(page, directory, fileName);
        if (format == OutputFormat.Table)
        {
            ctx.Out.WriteLine($"Report: {path}");
        }
    }

    /// <summary><c>--data FILE.csv</c>: a user panel instead of the embedded data.</summary>
    public static Option<string?> Data() => new("--data")
    {
        Description = "Use your own panel CSV (columns: " + string.Join(",", PanelBuilder.UserColumns) + ") instead of the embedded data.",
    };

    /// <summary><c>--year Y</c>.</summary>
    public static Option<int?> Year(string description = "Year (default: the last year with data).") => new("--year", "-y")
    {
        Description = description,
    };

    /// <summary><c>--countries A,B,C</c>.</summary>
    public static Option<string?> Countries() => new("--countries", "-c")
    {
        Description = "Comma-separated country codes or names (ISO3, COW or source names).",
    };

    /// <summary><c>--group NAME</c>.</summary>
    public static Option<string?> Group() => new("--group", "-g")
    {
        Description = "A named group: treaty-allies, quad, aukus, trilateral, nato, indo-pacific (membership as of --year).",
    };

    /// <summary>The embedded panel, or the user's file.</summary>
    public static CountryPanel Panel(string? dataPath) =>
        dataPath is null ? PanelBuilder.Default : PanelBuilder.LoadUser(dataPath);

    /// <summary>
    /// Resolves the countries a command covers: <c>--countries</c>, else <c>--group</c> as of the year, else the
    /// countries of a user file, else the default Indo-Pacific set.
    /// </summary>
    public static IReadOnlyList<string> Selection(string? countries, string? group, int year, CountryPanel panel, bool userData)
    {
        if (countries is not null && group is not null)
        {
            throw new BallastInputException("give either --countries or --group, not both", field: "--countries");
        }

        if (countries is not null)
        {
            var list = countries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => CountryData.Registry.Resolve(c, field: "--countries").Iso3).Distinct().ToList();
            if (list.Count == 0)
            {
                throw new BallastInputException("no countries given", field: "--countries", value: countries);
            }

            return list;
        }

        if (group is not null)
        {
            if (group.Equals("indo-pacific", StringComparison.OrdinalIgnoreCase) && !CountryData.Groups.Contains(group))
            {
                return CountryData.IndoPacific.Actors.Select(a => a.Iso3).ToList();
            }

            var members = CountryData.Groups.Get(group).MembersIn(year);
            if (members.Count == 0)
            {
                throw new BallastInputException($"group '{group}' had no members in {year}", field: "--group", value: group);
            }

            return members;
        }

        if (userData)
        {
            return panel.Countries.Order(StringComparer.Ordinal).ToList();
        }

        return CountryData.IndoPacific.Actors.Select(a => a.Iso3).ToList();
    }

    /// <summary>The display name of a code.</summary>
    public static string Name(string iso3) => CountryData.Registry.ByIso3(iso3)?.Name ?? iso3;
}
