namespace Ballast.Web.Api;

/// <summary>
/// The shared services name bad input with the CLI's option names (<c>--year</c>); the API renames them to its own
/// request fields so a problem document names what the client actually sent.
/// </summary>
internal static class Fields
{
    /// <summary>Runs <paramref name="work"/>, renaming the field of an input error by <paramref name="names"/>.</summary>
    public static T Renamed<T>(IReadOnlyDictionary<string, string> names, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (BallastInputException e) when (e.Field is not null && names.ContainsKey(e.Field))
        {
            throw new BallastInputException(e.Reason, e.File, e.Line, names[e.Field], e.Value);
        }
    }
}
