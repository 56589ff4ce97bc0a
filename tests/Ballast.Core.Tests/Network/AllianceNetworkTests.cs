using Ballast.Core.Countries;
using Ballast.Core.Network;

namespace Ballast.Core.Tests.Network;

public class AllianceNetworkTests
{
    private static readonly Dictionary<int, string> Cow = new() { [2] = "USA", [740] = "JPN", [732] = "KOR", [900] = "AUS", [710] = "CHN", [731] = "PRK" };
    private static readonly string[] Nodes = ["USA", "JPN", "KOR", "AUS", "CHN", "PRK"];

    private static readonly AtopDyadYear[] Atop =
    [
        new(2, 740, 2017, true, false, false, false, true),
        new(2, 740, 2018, true, false, false, false, true),
        new(740, 2, 2018, false, false, false, false, true), // one-sided: Japan owes no defence to the US
        new(732, 2, 2018, true, false, false, false, true),
        new(710, 731, 2018, true, false, false, false, false),
        new(2, 900, 2018, false, false, false, false, true), // consultation only: not a defence pact
    ];

    private static readonly GroupMembership[] Groups =
    [
        new("quad", "AUS", 2017, null, "quad source"),
        new("quad", "JPN", 2017, null, "quad source"),
        new("quad", "USA", 2017, null, "quad source"),
        new("quad", "IND", 2017, null, "quad source"),
        new("trilateral", "JPN", 2023, null, "camp david"),
        new("trilateral", "KOR", 2023, null, "camp david"),
        new("trilateral", "USA", 2023, null, "camp david"),
    ];

    private static string? Iso(int cow) => Cow.GetValueOrDefault(cow);

    [Fact]
    public void A_defence_obligation_in_either_direction_makes_a_defense_pact_edge()
    {
        var n = AllianceNetwork.Build(2018, Nodes, Atop, Iso, []);
        Assert.Equal([TieKind.DefensePact], n.Edge("JPN", "USA")?.Kinds);
        Assert.Equal([TieKind.DefensePact], n.Edge("USA", "KOR")?.Kinds);
        Assert.NotNull(n.Edge("CHN", "PRK"));
        Assert.Null(n.Edge("USA", "AUS"));
        Assert.Equal(3, n.Edges.Count);
        Assert.Empty(n.Notes);
    }

    [Fact]
    public void Years_after_atop_carry_the_last_pacts_forward_and_say_so()
    {
        var n = AllianceNetwork.Build(2024, Nodes, Atop, Iso, []);
        Assert.NotNull(n.Edge("USA", "KOR"));
        Assert.Contains(n.Notes, s => s.Contains("carried forward", StringComparison.Ordinal));
        Assert.Contains("2018 (carried forward)", n.Edge("USA", "KOR")!.Ties[0].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_pair_of_active_grouping_members_gets_a_minilateral_tie()
    {
        var n = AllianceNetwork.Build(2024, Nodes, Atop, Iso, Groups);

        // Quad among the nodes: AUS–JPN, AUS–USA, JPN–USA (India is not a node); trilateral: JPN–KOR, JPN–USA, KOR–USA.
        Assert.Equal([TieKind.Minilateral], n.Edge("AUS", "JPN")?.Kinds);
        Assert.Equal([TieKind.DefensePact, TieKind.Minilateral], n.Edge("JPN", "USA")?.Kinds);
        Assert.Equal(3, n.Edge("JPN", "USA")!.Ties.Count);
        Assert.NotNull(n.Edge("JPN", "KOR"));
        Assert.DoesNotContain(n.Edges, e => e.Touches("IND"));
    }

    [Fact]
    public void Groupings_not_yet_active_add_no_ties()
    {
        var n = AllianceNetwork.Build(2018, Nodes, Atop, Iso, Groups);
        Assert.Null(n.Edge("JPN", "KOR"));
        Assert.NotNull(n.Edge("AUS", "JPN"));
    }

    [Fact]
    public void Only_the_groupings_asked_for_become_ties()
    {
        var n = AllianceNetwork.Build(2024, Nodes, Atop, Iso, Groups, [new GroupingTie("trilateral", TieKind.Partnership, 0.5)]);
        Assert.Null(n.Edge("AUS", "JPN"));
        Assert.Equal([TieKind.Partnership], n.Edge("JPN", "KOR")?.Kinds);
        Assert.Equal(0.5, n.Edge("JPN", "KOR")!.Weight);
    }

    [Fact]
    public void Isolated_countries_stay_as_nodes_of_degree_zero()
    {
        var n = new AllianceNetwork(2000, ["USA", "JPN", "NZL"], [new AllianceTie("USA", "JPN", TieKind.DefensePact, "s")]);
        Assert.Equal(3, n.Nodes.Count);
        Assert.Equal(0, n.Degree("NZL"));
        Assert.Equal(["JPN"], n.Neighbours("USA"));
    }

    [Fact]
    public void Ties_to_countries_outside_the_node_set_and_self_ties_are_dropped()
    {
        var n = new AllianceNetwork(2000, ["USA", "JPN"], [new("USA", "GBR", TieKind.DefensePact, "s"), new("USA", "USA", TieKind.Partnership, "s")]);
        Assert.Empty(n.Edges);
    }

    [Fact]
    public void With_and_Without_return_new_networks_and_leave_the_original_alone()
    {
        var n = new AllianceNetwork(2030, ["USA", "JPN", "KOR"], [new("USA", "JPN", TieKind.DefensePact, "s"), new("USA", "KOR", TieKind.DefensePact, "s")]);
        var linked = n.With(new AllianceTie("JPN", "KOR", TieKind.Partnership, "scenario"));
        var rift = linked.Without("KOR", "JPN");
        Assert.Equal(2, n.Edges.Count);
        Assert.Equal(3, linked.Edges.Count);
        Assert.Equal(2, rift.Edges.Count);
    }

    [Fact]
    public void Tie_kinds_have_written_names_that_round_trip()
    {
        foreach (var k in Enum.GetValues<TieKind>())
        {
            Assert.Equal(k, TieKinds.TryParse(TieKinds.Name(k)));
        }

        Assert.Equal("defense-pact", TieKinds.Name(TieKind.DefensePact));
        Assert.Null(TieKinds.TryParse("entente"));
    }

    [Fact]
    public void Restrict_and_WithoutIsolates_keep_only_the_chosen_nodes_and_their_ties()
    {
        var n = new AllianceNetwork(2000, ["USA", "JPN", "NZL", "CHN"], [new("USA", "JPN", TieKind.DefensePact, "s"), new("USA", "CHN", TieKind.Partnership, "s")]);
        Assert.Equal(["USA", "JPN", "NZL"], n.Restrict(["USA", "JPN", "NZL"]).Nodes);
        Assert.Single(n.Restrict(["USA", "JPN", "NZL"]).Edges);
        Assert.Equal(["USA", "JPN", "CHN"], n.WithoutIsolates().Nodes);
    }
}
