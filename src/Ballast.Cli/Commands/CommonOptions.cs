namespace Ballast.Cli.Commands;

/// <summary>Options shared by several commands, so they read and behave the same everywhere.</summary>
public static class CommonOptions
{
    /// <summary>The <c>store</c> argument: a results store (DuckDB file), as <c>ballast explore</c> writes it.</summary>
    public static Argument<string> Store(string description = "Results store (DuckDB file).") => new("store") { Description = description };

    /// <summary>The <c>scenario</c> argument: one scenario YAML file.</summary>
    public static Argument<string> Scenario(string description) => new("scenario") { Description = description };

    /// <summary><c>--format table|csv|json</c>; not given means table (no default factory, whose help text would print the .NET name).</summary>
    public static Option<OutputFormat?> Format() => new("--format", "-f")
    {
        Description = "Output format: table (default; notes on standard error), csv (one table) or json (one object). docs/outputs.md describes every field.",
        HelpName = "table|csv|json",
    };

    /// <summary><c>--threads/-j N</c>: worker threads (the same name and letter in every command).</summary>
    public static Option<int?> Threads() => new("--threads", "-j")
    {
        Description = "Worker threads (default: all cores). Results do not depend on it.",
        HelpName = "N",
    };

    /// <summary>The thread count asked for, or every core; below 1 is an input error.</summary>
    public static int ThreadCount(ParseResult p, Option<int?> option)
    {
        var threads = p.GetValue(option) ?? Environment.ProcessorCount;
        if (threads < 1)
        {
            throw new BallastInputException("the number of threads must be at least 1", field: "--threads", value: threads.ToString(CultureInfo.InvariantCulture));
        }

        return threads;
    }

    /// <summary><c>--charts svg|png</c>: also write each chart as a separate file in DIR/charts (used by run, compare and report).</summary>
    public static Option<string?> Charts() => new("--charts")
    {
        Description = "Also write every chart as a separate file, svg or png, in the charts folder of the results folder.",
        HelpName = "svg|png",
    };

    /// <summary><c>--out DIR</c> of the analysis commands: also write a self-contained HTML report <c>DIR/FILE</c>.</summary>
    public static Option<string?> ReportOut(string fileName) => new("--out", "-o")
    {
        Description = $"Also write a self-contained HTML report, DIR/{fileName} (charts, tables, sources; no network).",
        HelpName = "DIR",
    };

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

    /// <summary>The names <c>--group</c> accepts (<see cref="CountrySelection.Choices"/>; written out so the help text does not load the data, and checked by a test).</summary>
    public const string GroupNames =
        "a named group as of --year (aukus, indo-pacific, nato, prk-rus-treaty, quad, treaty-allies, trilateral, us-india-mdp), "
        + "an actor set's treaty allies and partners (euro-atlantic) or 'allies' (every ally and partner of the actor sets)";

    /// <summary><c>--group NAME</c>; <paramref name="defaultText"/> says what applies without it.</summary>
    public static Option<string?> Group(string? defaultText = null) => new("--group", "-g")
    {
        Description = "Countries of " + GroupNames + (defaultText is null ? "." : $"; default: {defaultText}."),
    };

    /// <summary>The embedded panel, or the user's file.</summary>
    public static CountryPanel Panel(string? dataPath) =>
        dataPath is null ? PanelBuilder.Default : PanelBuilder.LoadUser(dataPath);

    /// <summary>
    /// Resolves the countries a command covers (<see cref="CountrySelection.Resolve"/>): <c>--countries</c>, else <c>--group</c>
    /// as of the year, else the countries of a user file, else the default Indo-Pacific set.
    /// </summary>
    public static IReadOnlyList<string> Selection(string? countries, string? group, int year, CountryPanel panel, bool userData) =>
        CountrySelection.Resolve(countries, group, year, userData ? () => panel.Countries.Order(StringComparer.Ordinal).ToList() : CountrySelection.IndoPacific);

    /// <summary>The display name of a code.</summary>
    public static string Name(string iso3) => CountrySelection.Name(iso3);
}
