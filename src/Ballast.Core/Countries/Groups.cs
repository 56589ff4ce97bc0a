namespace Ballast.Core.Countries;

/// <summary>One country's membership of a named group over a span of years (inclusive).</summary>
/// <param name="Group">Group name, e.g. <c>nato</c>.</param>
/// <param name="Iso3">Member country.</param>
/// <param name="FromYear">First year of membership.</param>
/// <param name="UntilYear">Last year of membership, or null if still a member.</param>
/// <param name="Source">Citation for the membership dates.</param>
public sealed record GroupMembership(string Group, string Iso3, int FromYear, int? UntilYear, string Source)
{
    /// <summary>True when the country was a member in the year.</summary>
    public bool ActiveIn(int year) => year >= FromYear && (UntilYear is null || year <= UntilYear);
}

/// <summary>A named group of countries (an alliance, a minilateral, an actor set) whose membership changes by year.</summary>
public sealed record CountryGroup(string Name, string Description, IReadOnlyList<GroupMembership> Memberships)
{
    /// <summary>The members in a given year, in the order they were listed.</summary>
    public IReadOnlyList<string> MembersIn(int year) =>
        Memberships.Where(m => m.ActiveIn(year)).Select(m => m.Iso3).Distinct().ToList();

    /// <summary>The first year any member was active.</summary>
    public int FoundedIn => Memberships.Min(m => m.FromYear);
}

/// <summary>The catalogue of named groups, e.g. <c>treaty-allies</c>, <c>quad</c>, <c>aukus</c>, <c>nato</c>.</summary>
public sealed class GroupCatalog
{
    private readonly Dictionary<string, CountryGroup> _groups;

    /// <summary>Builds a catalogue from groups.</summary>
    public GroupCatalog(IEnumerable<CountryGroup> groups) =>
        _groups = groups.ToDictionary(g => g.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every group.</summary>
    public IReadOnlyCollection<CountryGroup> All => _groups.Values;

    /// <summary>A group by name; unknown names get an error listing the known groups.</summary>
    public CountryGroup Get(string name)
    {
        if (_groups.TryGetValue(name.Trim(), out var g))
        {
            return g;
        }

        throw new BallastInputException(
            $"unknown group '{name}'. Known groups: {string.Join(", ", _groups.Keys.Order(StringComparer.Ordinal))}.",
            field: "--group",
            value: name);
    }

    /// <summary>True if a group of that name exists.</summary>
    public bool Contains(string name) => _groups.ContainsKey(name.Trim());
}
