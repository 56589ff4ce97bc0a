namespace Ballast.Core.Network;

/// <summary>The structure of an alliance network in one year: hub-and-spokes or networked.</summary>
/// <param name="Year">Year.</param>
/// <param name="Patron">The patron (hub), e.g. USA.</param>
/// <param name="NodeCount">Number of countries N.</param>
/// <param name="EdgeCount">Number of edges E (pairs with at least one tie).</param>
/// <param name="Density">2E/(N(N−1)); null when N &lt; 2.</param>
/// <param name="DegreeCentralisation">Freeman degree centralisation Σ(d_max − d_i)/((N−1)(N−2)): 1 for a star, 0 for a complete or empty graph; null when N &lt; 3.</param>
/// <param name="PatronTies">Edges touching the patron.</param>
/// <param name="PatronShareOfTies">PatronTies ÷ E; null when there are no edges.</param>
/// <param name="NonPatronTies">Edges not touching the patron.</param>
/// <param name="AllyToAllyTies">Edges touching neither the patron nor an adversary (ties among allies and partners).</param>
/// <param name="Degrees">Degree of every node, in node order.</param>
/// <param name="EdgesByKind">How many edges carry each kind of tie (an edge with two kinds counts under both).</param>
public sealed record NetworkSummary(
    int Year,
    string Patron,
    int NodeCount,
    int EdgeCount,
    double? Density,
    double? DegreeCentralisation,
    int PatronTies,
    double? PatronShareOfTies,
    int NonPatronTies,
    int AllyToAllyTies,
    IReadOnlyList<KeyValuePair<string, int>> Degrees,
    IReadOnlyDictionary<TieKind, int> EdgesByKind);

/// <summary>
/// Metrics of an <see cref="AllianceNetwork"/>: size, density, Freeman degree centralisation, the patron's share of
/// ties and the number of ally-to-ally ties. A hub-and-spokes system has a high centralisation and patron share; a
/// networked ("federated") architecture adds ally-to-ally ties and lowers both.
/// </summary>
public static class NetworkMetrics
{
    /// <summary>The patron of the US-led alliance system.</summary>
    public const string DefaultPatron = "USA";

    /// <summary>Density 2E/(N(N−1)), or null when N &lt; 2.</summary>
    /// <param name="network">The network.</param>
    /// <returns>The density.</returns>
    public static double? Density(AllianceNetwork network)
    {
        double n = network.Nodes.Count;
        return n < 2 ? null : 2.0 * network.Edges.Count / (n * (n - 1));
    }

    /// <summary>
    /// Freeman's degree centralisation Σ_i(d_max − d_i)/((N−1)(N−2)): the sum of differences from the most central
    /// node, divided by its maximum possible value (reached by a star). Null when N &lt; 3.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <returns>The centralisation, between 0 and 1.</returns>
    public static double? DegreeCentralisation(AllianceNetwork network)
    {
        var n = network.Nodes.Count;
        if (n < 3)
        {
            return null;
        }

        var degrees = network.Nodes.Select(network.Degree).ToList();
        var max = degrees.Max();
        return degrees.Sum(d => (double)(max - d)) / ((n - 1.0) * (n - 2.0));
    }

    /// <summary>The share of all edges that touch the patron, or null when there are no edges.</summary>
    /// <param name="network">The network.</param>
    /// <param name="patron">The patron (ISO3).</param>
    /// <returns>The share, between 0 and 1.</returns>
    public static double? PatronShareOfTies(AllianceNetwork network, string patron = DefaultPatron) =>
        network.Edges.Count == 0 ? null : (double)network.Edges.Count(e => e.Touches(patron)) / network.Edges.Count;

    /// <summary>All metrics at once.</summary>
    /// <param name="network">The network.</param>
    /// <param name="patron">The patron (ISO3), USA by default.</param>
    /// <param name="adversaries">Adversaries (ISO3): edges touching them do not count as ally-to-ally ties.</param>
    /// <returns>The summary.</returns>
    public static NetworkSummary Summarise(AllianceNetwork network, string patron = DefaultPatron, IEnumerable<string>? adversaries = null)
    {
        var enemies = (adversaries ?? []).ToHashSet(StringComparer.Ordinal);
        var patronTies = network.Edges.Count(e => e.Touches(patron));
        var nonPatron = network.Edges.Where(e => !e.Touches(patron)).ToList();
        var allyToAlly = nonPatron.Count(e => !enemies.Contains(e.A) && !enemies.Contains(e.B));
        var byKind = Enum.GetValues<TieKind>().ToDictionary(k => k, k => network.Edges.Count(e => e.Ties.Any(t => t.Kind == k)));
        return new NetworkSummary(
            network.Year,
            patron,
            network.Nodes.Count,
            network.Edges.Count,
            Density(network),
            DegreeCentralisation(network),
            patronTies,
            PatronShareOfTies(network, patron),
            nonPatron.Count,
            allyToAlly,
            network.Nodes.Select(n => new KeyValuePair<string, int>(n, network.Degree(n))).ToList(),
            byKind);
    }
}
