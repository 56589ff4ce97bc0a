using System.Globalization;
using Ballast.Core.Countries;
using Ballast.Core.Network;
using Ballast.Data.Alliances;
using Xunit.Abstractions;

namespace Ballast.Data.Tests.Alliances;

/// <summary>The real alliance network of the Indo-Pacific set: hub-and-spokes in 1990, more networked by 2024.</summary>
public class IndoPacificNetworkTests(ITestOutputHelper output)
{
    // COW codes of the Indo-Pacific default set (COW 365 is Russia / the Soviet Union).
    private static readonly Dictionary<int, string> CowToIso = new()
    {
        [2] = "USA",
        [740] = "JPN",
        [732] = "KOR",
        [900] = "AUS",
        [840] = "PHL",
        [800] = "THA",
        [750] = "IND",
        [713] = "TWN",
        [816] = "VNM",
        [850] = "IDN",
        [830] = "SGP",
        [820] = "MYS",
        [920] = "NZL",
        [710] = "CHN",
        [731] = "PRK",
        [365] = "RUS",
    };

    private static readonly string[] Adversaries = ["CHN", "PRK", "RUS"];

    private static readonly Lazy<(IReadOnlyList<AtopDyadYear> Atop, IReadOnlyList<GroupMembership> Groups)> Data =
        new(() => (AllianceData.LoadAtop(), AllianceData.LoadGroupings()));

    [Fact]
    public void The_network_moves_from_hub_and_spokes_in_1990_towards_a_networked_architecture_in_2024()
    {
        var y1990 = Summarise(1990);
        var y2024 = Summarise(2024);
        Assert.True(y2024.PatronShareOfTies < y1990.PatronShareOfTies, "patron share of ties should fall");
        Assert.True(y2024.AllyToAllyTies > y1990.AllyToAllyTies, "ally-to-ally ties should grow");
        Assert.Equal(0, y1990.AllyToAllyTies);
    }

    [Fact]
    public void Among_the_connected_coalition_the_star_of_1990_gives_way_to_a_less_centralised_web_in_2024()
    {
        // Over the whole 16-country set, Freeman centralisation rises slightly (0.314 → 0.343): the hub gains a tie while
        // seven partners stay isolated. Restricted to the connected coalition (no adversaries, no isolates) it falls.
        var c1990 = Coalition(1990);
        var c2024 = Coalition(2024);
        Assert.Equal(1.0, c1990.DegreeCentralisation!.Value, 1e-12); // the pure star of hub-and-spokes
        Assert.Equal(22.0 / 30.0, c2024.DegreeCentralisation!.Value, 1e-12);
        Assert.Equal(1.0, c1990.PatronShareOfTies!.Value, 1e-12);
        Assert.True(c2024.PatronShareOfTies < c1990.PatronShareOfTies);
    }

    private NetworkSummary Coalition(int year)
    {
        var n = Build(year);
        var s = NetworkMetrics.Summarise(n.Restrict(n.Nodes.Except(Adversaries)).WithoutIsolates());
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{year} connected coalition: N={s.NodeCount} E={s.EdgeCount} density={s.Density:0.0000} centralisation={s.DegreeCentralisation:0.0000} patronShare={s.PatronShareOfTies:0.0000} allyToAlly={s.AllyToAllyTies}"));
        return s;
    }

    [Fact]
    public void The_1990_network_is_the_five_us_treaty_alliances_plus_the_communist_pacts()
    {
        var n = Build(1990);
        Assert.Equal(["AUS", "JPN", "KOR", "PHL", "THA"], n.Neighbours("USA"));
        Assert.NotNull(n.Edge("CHN", "PRK"));
        Assert.NotNull(n.Edge("PRK", "RUS"));
        Assert.Equal(7, n.Edges.Count);
    }

    [Fact]
    public void The_2024_network_carries_atop_2018_forward_and_adds_the_minilaterals()
    {
        var n = Build(2024);
        Assert.Contains(n.Notes, s => s.Contains("carried forward", StringComparison.Ordinal));
        Assert.Contains(TieKind.Minilateral, n.Edge("JPN", "KOR")!.Kinds);
        Assert.Contains(TieKind.Minilateral, n.Edge("AUS", "IND")!.Kinds);
        Assert.Contains(TieKind.Partnership, n.Edge("IND", "USA")!.Kinds);
        Assert.Contains(TieKind.DefensePact, n.Edge("PRK", "RUS")!.Kinds);
    }

    private static AllianceNetwork Build(int year)
    {
        var (atop, groups) = Data.Value;
        var nodes = groups.Where(m => m.Group == "indo-pacific" && m.ActiveIn(year)).Select(m => m.Iso3).ToList();
        return AllianceNetwork.Build(year, nodes, atop.ToList(), c => CowToIso.GetValueOrDefault(c), groups);
    }

    private NetworkSummary Summarise(int year)
    {
        var n = Build(year);
        var s = NetworkMetrics.Summarise(n, "USA", Adversaries);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{year}: N={s.NodeCount} E={s.EdgeCount} density={s.Density:0.0000} centralisation={s.DegreeCentralisation:0.0000} patronTies={s.PatronTies} patronShare={s.PatronShareOfTies:0.0000} nonPatron={s.NonPatronTies} allyToAlly={s.AllyToAllyTies} kinds={string.Join(";", s.EdgesByKind.Select(k => $"{k.Key}:{k.Value}"))}"));
        output.WriteLine("  edges: " + string.Join(", ", n.Edges.Select(e => $"{e.A}-{e.B}[{string.Join("+", e.Kinds.Select(TieKinds.Name))}]")));
        output.WriteLine("  degrees: " + string.Join(", ", s.Degrees.Select(d => $"{d.Key}={d.Value}")));
        return s;
    }
}
