using Ballast.Core.Countries;
using Ballast.Data.Countries;

namespace Ballast.Runs.Countries;

/// <summary>What a host calls the two selection inputs, so errors name the option or request field the user wrote.</summary>
/// <param name="Countries">The country list's name (<c>--countries</c> on the command line, <c>countries</c> in a query).</param>
/// <param name="Group">The group's name (<c>--group</c>, <c>group</c>).</param>
public sealed record SelectionFields(string Countries, string Group)
{
    /// <summary>The command line's option names.</summary>
    public static SelectionFields Cli { get; } = new("--countries", "--group");

    /// <summary>The web API's query parameter names.</summary>
    public static SelectionFields Query { get; } = new("countries", "group");
}

/// <summary>A name the group input accepts, with what it selects.</summary>
/// <param name="Name">The name as typed.</param>
/// <param name="Description">What it selects.</param>
public sealed record GroupChoice(string Name, string Description);

/// <summary>
/// Which countries a command, a web query or a calibration covers: a list of codes or names, or a group. A group is a
/// named group of <c>data/groupings.csv</c> (membership as of the year), else an actor set's treaty allies and partners
/// (<c>euro-atlantic</c>), else <see cref="AllAllies"/> for those of every actor set. One implementation, so the CLI,
/// the web app and the calibration accept the same names and fail with the same messages.
/// </summary>
public static class CountrySelection
{
    /// <summary>Name of the pseudo-group of every treaty ally and partner of the built-in actor sets.</summary>
    public const string AllAllies = "allies";

    /// <summary>Every name the group input accepts, sorted: named groups, actor sets that are not also groups, and <see cref="AllAllies"/>.</summary>
    public static IReadOnlyList<GroupChoice> Choices { get; } = BuildChoices();

    /// <summary>
    /// The countries selected: <paramref name="countries"/> (comma-separated codes or names), else <paramref name="group"/>
    /// as of <paramref name="year"/>, else <paramref name="fallback"/>. Errors are <see cref="BallastInputException"/>s
    /// whose field is the host's name for the input (<paramref name="fields"/>, the CLI's by default).
    /// </summary>
    public static IReadOnlyList<string> Resolve(string? countries, string? group, int year, Func<IReadOnlyList<string>> fallback, SelectionFields? fields = null)
    {
        fields ??= SelectionFields.Cli;
        if (countries is not null && group is not null)
        {
            throw new BallastInputException($"give either {fields.Countries} or {fields.Group}, not both", field: fields.Countries);
        }

        if (countries is not null)
        {
            var list = countries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => CountryData.Registry.Resolve(c, field: fields.Countries).Iso3).Distinct().ToList();
            return list.Count > 0 ? list : throw new BallastInputException("no countries given", field: fields.Countries, value: countries);
        }

        return group is not null ? Group(group, year, fields) : fallback();
    }

    /// <summary>The members of a group as of a year (see the class summary for the names accepted).</summary>
    public static IReadOnlyList<string> Group(string group, int year, SelectionFields? fields = null)
    {
        fields ??= SelectionFields.Cli;
        var name = group.Trim();
        if (CountryData.Groups.Contains(name))
        {
            var members = CountryData.Groups.Get(name).MembersIn(year);
            return members.Count > 0 ? members : throw new BallastInputException($"group '{group}' had no members in {year}", field: fields.Group, value: group);
        }

        if (name.Equals(AllAllies, StringComparison.OrdinalIgnoreCase))
        {
            return CountryData.ActorSets.Values.OrderBy(s => s.Name, StringComparer.Ordinal).SelectMany(Allies).Distinct().ToList();
        }

        if (CountryData.ActorSets.TryGetValue(name, out var set))
        {
            return Allies(set).ToList();
        }

        throw new BallastInputException($"unknown group '{group}'. Known groups: {string.Join(", ", Choices.Select(c => c.Name))}.", field: fields.Group, value: group);
    }

    /// <summary>Every actor of the default Indo-Pacific set (the US, its allies and partners, the adversaries).</summary>
    public static IReadOnlyList<string> IndoPacific() => CountryData.IndoPacific.Actors.Select(a => a.Iso3).ToList();

    /// <summary>The coalition of the Indo-Pacific set: the US with its treaty allies and partners.</summary>
    public static IReadOnlyList<string> IndoPacificCoalition() => CountryData.IndoPacific.Actors
        .Where(a => a.Role is CountryRole.Patron or CountryRole.TreatyAlly or CountryRole.Partner).Select(a => a.Iso3).ToList();

    /// <summary>The display name of a code (the code itself when unknown).</summary>
    public static string Name(string iso3) => CountryData.Registry.ByIso3(iso3)?.Name ?? iso3;

    private static IEnumerable<string> Allies(ActorSet set) =>
        set.Actors.Where(a => a.Role is CountryRole.TreatyAlly or CountryRole.Partner).Select(a => a.Iso3);

    private static List<GroupChoice> BuildChoices()
    {
        var choices = CountryData.Groups.All.Select(g => new GroupChoice(g.Name, g.Description)).ToList();
        choices.AddRange(CountryData.ActorSets.Values.Where(s => !CountryData.Groups.Contains(s.Name))
            .Select(s => new GroupChoice(s.Name, $"treaty allies and partners of the {s.Name} actor set")));
        choices.Add(new GroupChoice(AllAllies, "every treaty ally and partner of the actor sets"));
        return choices.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }
}
