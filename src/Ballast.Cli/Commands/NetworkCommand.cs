using Ballast.Core.Countries;
using Ballast.Core.Network;
using Ballast.Data.Alliances;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast network</c>: the alliance graph of a year, its edges and its hub-and-spokes vs networked metrics.</summary>
public static class NetworkCommand
{
    /// <summary>The citation footer for alliance data.</summary>
    public const string Citation =
        "Sources: ATOP v5.1 (Leeds, Ritter, Mitchell and Long 2002; atopdata.org), directed dyad-years to 2018; groupings entered by Ballast with a citation per row (data/groupings.csv).";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var year = CommonOptions.Year("Year (default 2024).");
        var selected = new CountryOptions();
        var output = new OutputOptions("metrics", "edges");
        return BallastCli.Command(ctx, "network", "The alliance graph (ATOP defence pacts and minilateral groupings): edges, density, degree centralisation, the patron's share of ties, ally-to-ally ties.",
            ["ballast network --year 2024", "ballast network --group quad --table edges --format csv", "ballast network --year 2010 --format json"],
            [year, selected.Group, selected.Countries, .. output.Symbols], p =>
        {
            var y = p.GetValue(year) ?? 2024;
            DataYears.Check(y, DataYears.NetworkFirst, DataYears.NetworkLast, DataYears.NetworkData, "--year");

            var nodes = selected.Resolve(p, y, PanelBuilder.Default, false);
            var network = Build(y, nodes);
            var adversaries = CountryData.IndoPacific.WithRole(CountryRole.Adversary).Select(a => a.Iso3)
                .Concat(CountryData.ActorSet("euro-atlantic").WithRole(CountryRole.Adversary).Select(a => a.Iso3)).Distinct();
            var summary = NetworkMetrics.Summarise(network, NetworkMetrics.DefaultPatron, adversaries);
            output.Write(p, ctx, new ResultDocument("network", Metrics(summary, network), Edges(network)).With(new { Year = y }));
            return 0;
        });
    }

    /// <summary>The alliance network of a year among the given countries, from ATOP and the grouping data.</summary>
    public static AllianceNetwork Build(int year, IReadOnlyList<string> nodes) =>
        AllianceNetwork.Build(year, nodes, AtopCache.Value, c => CountryData.Registry.ByCow(c)?.Iso3, CountryData.Groups.All.SelectMany(g => g.Memberships));

    private static readonly Lazy<IReadOnlyList<AtopDyadYear>> AtopCache = new(AllianceData.LoadAtop);

    /// <summary>The metrics table.</summary>
    public static ResultTable Metrics(NetworkSummary s, AllianceNetwork network)
    {
        var t = new ResultTable($"Alliance network {s.Year}: {s.NodeCount} countries", [
            new("metric", "Metric", RightAlign: false),
            new("value", "Value", "0.###"),
            new("meaning", "What it shows", RightAlign: false),
        ], "metrics");
        t.Add("nodes", (double)s.NodeCount, "countries in the set");
        t.Add("edges", (double)s.EdgeCount, "pairs with a defence pact, minilateral or partnership tie");
        t.Add("density", s.Density, "share of possible pairs that are tied");
        t.Add("degree_centralisation", s.DegreeCentralisation, "Freeman: 1 = a pure star (hub-and-spokes), 0 = everyone equally tied");
        t.Add("patron_ties", (double)s.PatronTies, $"ties of the patron ({s.Patron})");
        t.Add("patron_share_of_ties", s.PatronShareOfTies, "share of all ties that run through the patron");
        t.Add("ally_to_ally_ties", (double)s.AllyToAllyTies, "ties between allies/partners not through the patron (networked architecture)");
        foreach (var kv in s.EdgesByKind.OrderBy(k => k.Key))
        {
            t.Add($"edges_{TieKinds.Name(kv.Key)}", (double)kv.Value, "edges carrying this kind of tie");
        }

        t.Notes.AddRange(network.Notes);
        t.Sources.Add(Citation);
        return t;
    }

    /// <summary>The edge list.</summary>
    public static ResultTable Edges(AllianceNetwork network)
    {
        var t = new ResultTable($"Alliance network {network.Year}: edges", [
            new("a", "A", RightAlign: false),
            new("b", "B", RightAlign: false),
            new("kinds", "Tie kinds", RightAlign: false),
            new("weight", "Weight", "0.##"),
            new("sources", "Sources", RightAlign: false, Priority: 1),
        ], "edges");
        foreach (var e in network.Edges)
        {
            t.Add(e.A, e.B, string.Join("+", e.Kinds.Select(TieKinds.Name)), e.Weight, string.Join(" | ", e.Ties.Select(x => x.Source).Distinct()));
        }

        t.Sources.Add(Citation);
        return t;
    }
}
