using Ballast.Core.Network;
using Ballast.Core.Tests.Support;

namespace Ballast.Core.Tests.Network;

public class NetworkMetricsTests
{
    private static AllianceNetwork Graph(string[] nodes, params (string A, string B)[] edges) =>
        new(2000, nodes, edges.Select(e => new AllianceTie(e.A, e.B, TieKind.DefensePact, "hand-drawn")));

    [Fact]
    public void A_star_around_the_patron_is_fully_centralised_with_every_tie_at_the_hub()
    {
        // Hub-and-spokes: USA linked to four allies, no ally-to-ally ties.
        var star = Graph(["USA", "JPN", "KOR", "AUS", "PHL"], ("USA", "JPN"), ("USA", "KOR"), ("USA", "AUS"), ("USA", "PHL"));
        var s = NetworkMetrics.Summarise(star);
        AssertNumbers.Close(1.0, s.DegreeCentralisation, 1e-15);
        AssertNumbers.Close(1.0, s.PatronShareOfTies, 1e-15);
        Assert.Equal(0, s.AllyToAllyTies);
        AssertNumbers.Close(0.4, s.Density, 1e-15); // 2·4/(5·4)
    }

    [Fact]
    public void A_triangle_is_complete_so_centralisation_is_zero_and_density_one()
    {
        var triangle = Graph(["USA", "JPN", "KOR"], ("USA", "JPN"), ("USA", "KOR"), ("JPN", "KOR"));
        var s = NetworkMetrics.Summarise(triangle);
        AssertNumbers.Close(0.0, s.DegreeCentralisation, 1e-15);
        AssertNumbers.Close(1.0, s.Density, 1e-15);
        AssertNumbers.Close(2.0 / 3.0, s.PatronShareOfTies, 1e-15);
        Assert.Equal(1, s.AllyToAllyTies);
    }

    [Fact]
    public void A_four_node_path_matches_the_hand_computation()
    {
        // JPN – USA – KOR – AUS. Degrees 1, 2, 2, 1; d_max = 2.
        // Centralisation = (1 + 0 + 0 + 1)/((4−1)(4−2)) = 2/6 = 1/3. Density = 2·3/(4·3) = 1/2.
        // Patron (USA) touches 2 of 3 edges; KOR–AUS is the one ally-to-ally tie.
        var path = Graph(["JPN", "USA", "KOR", "AUS"], ("JPN", "USA"), ("USA", "KOR"), ("KOR", "AUS"));
        var s = NetworkMetrics.Summarise(path);
        AssertNumbers.Close(1.0 / 3.0, s.DegreeCentralisation, 1e-15);
        AssertNumbers.Close(0.5, s.Density, 1e-15);
        AssertNumbers.Close(2.0 / 3.0, s.PatronShareOfTies, 1e-15);
        Assert.Equal((2, 1, 1), (s.PatronTies, s.NonPatronTies, s.AllyToAllyTies));
        Assert.Equal([1, 2, 2, 1], s.Degrees.Select(d => d.Value));
        Assert.Equal((4, 3), (s.NodeCount, s.EdgeCount));
    }

    [Fact]
    public void Ties_between_adversaries_are_not_ally_to_ally_ties()
    {
        var g = Graph(["USA", "JPN", "CHN", "PRK"], ("USA", "JPN"), ("CHN", "PRK"));
        var s = NetworkMetrics.Summarise(g, adversaries: ["CHN", "PRK"]);
        Assert.Equal(1, s.NonPatronTies);
        Assert.Equal(0, s.AllyToAllyTies);
    }

    [Fact]
    public void Edges_are_counted_once_per_pair_but_under_every_kind_they_carry()
    {
        var g = new AllianceNetwork(2024, ["USA", "JPN"], [new("USA", "JPN", TieKind.DefensePact, "atop"), new("JPN", "USA", TieKind.Minilateral, "quad")]);
        var s = NetworkMetrics.Summarise(g);
        Assert.Equal(1, s.EdgeCount);
        Assert.Equal(1, s.EdgesByKind[TieKind.DefensePact]);
        Assert.Equal(1, s.EdgesByKind[TieKind.Minilateral]);
        Assert.Equal(0, s.EdgesByKind[TieKind.Partnership]);
    }

    [Fact]
    public void Undefined_metrics_of_tiny_or_empty_networks_are_null()
    {
        var pair = Graph(["USA", "JPN"]);
        var s = NetworkMetrics.Summarise(pair);
        Assert.Null(s.DegreeCentralisation);
        Assert.Null(s.PatronShareOfTies);
        Assert.Equal(0.0, s.Density);
        Assert.Null(NetworkMetrics.Density(Graph(["USA"])));
    }

    [Fact]
    public void An_empty_graph_of_three_has_zero_centralisation() =>
        AssertNumbers.Close(0.0, NetworkMetrics.DegreeCentralisation(Graph(["A", "B", "C"])), 1e-15);
}
