namespace Ballast.Cli.Commands;

/// <summary>
/// <c>--countries</c> and <c>--group</c>: the two ways a command is told which countries it covers, made together and
/// resolved together (<see cref="CommonOptions.Selection"/>).
/// </summary>
/// <param name="groupDefault">What applies without <c>--group</c>, for its help text (null: nothing said).</param>
internal sealed class CountryOptions(string? groupDefault = null)
{
    /// <summary><c>--countries A,B,C</c>.</summary>
    public Option<string?> Countries { get; } = CommonOptions.Countries();

    /// <summary><c>--group NAME</c>.</summary>
    public Option<string?> Group { get; } = CommonOptions.Group(groupDefault);

    /// <summary>True when neither option is given.</summary>
    public bool NoneGiven(ParseResult p) => p.GetValue(Countries) is null && p.GetValue(Group) is null;

    /// <summary>The countries chosen, group membership as of <paramref name="year"/>; see <see cref="CommonOptions.Selection"/>.</summary>
    public IReadOnlyList<string> Resolve(ParseResult p, int year, CountryPanel panel, bool userData) =>
        CommonOptions.Selection(p.GetValue(Countries), p.GetValue(Group), year, panel, userData);
}
