using System.Globalization;
using Ballast.Core.Countries;

namespace Ballast.Core.Network;

/// <summary>The type of a tie between two countries.</summary>
public enum TieKind
{
    /// <summary>A defence pact (ATOP defence obligation in either direction, or a treaty entered as data); written <c>defense-pact</c>.</summary>
    DefensePact,

    /// <summary>Joint membership of a minilateral grouping such as the Quad, AUKUS or the Japan–ROK–US trilateral; written <c>minilateral</c>.</summary>
    Minilateral,

    /// <summary>A security partnership without a defence treaty; written <c>partnership</c>.</summary>
    Partnership,
}

/// <summary>The written names of <see cref="TieKind"/> (<c>defense-pact</c>, <c>minilateral</c>, <c>partnership</c>).</summary>
public static class TieKinds
{
    /// <summary>The written name of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its name.</returns>
    public static string Name(TieKind kind) => kind switch
    {
        TieKind.DefensePact => "defense-pact",
        TieKind.Minilateral => "minilateral",
        TieKind.Partnership => "partnership",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses a written name, or returns null.</summary>
    /// <param name="text">The name.</param>
    /// <returns>The kind, or null when unknown.</returns>
    public static TieKind? TryParse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "defense-pact" or "defence-pact" => TieKind.DefensePact,
        "minilateral" => TieKind.Minilateral,
        "partnership" => TieKind.Partnership,
        _ => null,
    };
}

/// <summary>One row of ATOP's directed dyad-year file: the obligations state 1 has towards state 2 in a year.</summary>
/// <param name="Ccode1">COW code of the state with the obligation.</param>
/// <param name="Ccode2">COW code of the state it is owed to.</param>
/// <param name="Year">Year.</param>
/// <param name="Defense">Defence obligation.</param>
/// <param name="Offense">Offence obligation.</param>
/// <param name="Neutral">Neutrality obligation.</param>
/// <param name="NonAggression">Non-aggression obligation.</param>
/// <param name="Consultation">Consultation obligation.</param>
public sealed record AtopDyadYear(int Ccode1, int Ccode2, int Year, bool Defense, bool Offense, bool Neutral, bool NonAggression, bool Consultation);

/// <summary>A typed, weighted tie between two countries, with its source.</summary>
/// <param name="A">One country (ISO3).</param>
/// <param name="B">The other country (ISO3).</param>
/// <param name="Kind">The tie's type.</param>
/// <param name="Source">Where it comes from (e.g. "ATOP v5.1 2018", "quad: White House, ...").</param>
/// <param name="Weight">Strength of the tie (1 by default; a scenario lever may change it).</param>
public sealed record AllianceTie(string A, string B, TieKind Kind, string Source, double Weight = 1);

/// <summary>An undirected edge: all ties between one pair of countries (A &lt; B ordinally).</summary>
/// <param name="A">The country whose code sorts first.</param>
/// <param name="B">The other country.</param>
/// <param name="Ties">The ties between them (at least one).</param>
public sealed record AllianceEdge(string A, string B, IReadOnlyList<AllianceTie> Ties)
{
    /// <summary>Sum of the tie weights.</summary>
    public double Weight => Ties.Sum(t => t.Weight);

    /// <summary>The distinct kinds of tie on this edge.</summary>
    public IReadOnlyList<TieKind> Kinds => Ties.Select(t => t.Kind).Distinct().Order().ToList();

    /// <summary>True when the edge touches the country.</summary>
    /// <param name="iso3">Country.</param>
    /// <returns>Whether it is an endpoint.</returns>
    public bool Touches(string iso3) => A == iso3 || B == iso3;
}

/// <summary>How a grouping of <c>groupings.csv</c> becomes ties: every pair of members active in the year gets one tie of this kind.</summary>
/// <param name="Group">Group name, e.g. <c>quad</c>.</param>
/// <param name="Kind">Kind of tie.</param>
/// <param name="Weight">Weight of each tie.</param>
public sealed record GroupingTie(string Group, TieKind Kind, double Weight = 1);

/// <summary>
/// An undirected graph of countries with typed, weighted ties in one year: the hub-and-spokes alliance system and its
/// networked successors. Immutable; <see cref="With"/> and <see cref="Without"/> return new networks (scenario levers).
/// </summary>
public sealed class AllianceNetwork
{
    private readonly Dictionary<(string, string), AllianceEdge> _edges;

    /// <summary>Builds a network from nodes and ties; ties whose ends are not both nodes are dropped, self-ties are ignored.</summary>
    /// <param name="year">The year the network describes.</param>
    /// <param name="nodes">The countries (ISO3); isolated countries stay as nodes of degree 0.</param>
    /// <param name="ties">The ties.</param>
    /// <param name="notes">Notes for reports (e.g. that ATOP data were carried forward).</param>
    public AllianceNetwork(int year, IEnumerable<string> nodes, IEnumerable<AllianceTie> ties, IEnumerable<string>? notes = null)
    {
        Year = year;
        Nodes = nodes.Distinct(StringComparer.Ordinal).ToList();
        var set = Nodes.ToHashSet(StringComparer.Ordinal);
        var grouped = new Dictionary<(string, string), List<AllianceTie>>();
        foreach (var t in ties)
        {
            if (t.A == t.B || !set.Contains(t.A) || !set.Contains(t.B))
            {
                continue;
            }

            var key = Key(t.A, t.B);
            if (!grouped.TryGetValue(key, out var list))
            {
                list = [];
                grouped[key] = list;
            }

            if (!list.Any(x => x.Kind == t.Kind && x.Source == t.Source))
            {
                list.Add(t);
            }
        }

        _edges = grouped.ToDictionary(kv => kv.Key, kv => new AllianceEdge(kv.Key.Item1, kv.Key.Item2, kv.Value));
        Edges = _edges.Values.OrderBy(e => e.A, StringComparer.Ordinal).ThenBy(e => e.B, StringComparer.Ordinal).ToList();
        Notes = notes?.ToList() ?? [];
    }

    /// <summary>The groupings turned into ties by default: <c>quad</c>, <c>aukus</c>, <c>trilateral</c> (minilateral),
    /// <c>us-india-mdp</c> (partnership) and <c>prk-rus-treaty</c> (a defence pact after ATOP's last year).</summary>
    public static IReadOnlyList<GroupingTie> DefaultGroupings { get; } =
    [
        new("quad", TieKind.Minilateral),
        new("aukus", TieKind.Minilateral),
        new("trilateral", TieKind.Minilateral),
        new("us-india-mdp", TieKind.Partnership),
        new("prk-rus-treaty", TieKind.DefensePact),
    ];

    /// <summary>The year the network describes.</summary>
    public int Year { get; }

    /// <summary>The countries, in the order given.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The edges, ordered by endpoints.</summary>
    public IReadOnlyList<AllianceEdge> Edges { get; }

    /// <summary>Notes about how the network was built.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// Builds the network of a year from ATOP defence pacts and grouping ties. A pair has a <c>defense-pact</c> edge if
    /// either direction has a defence obligation in the year. ATOP v5.1 ends in 2018: for a later year the last ATOP
    /// year's pacts are carried forward (and a note says so); pacts made or ended since must be entered as grouping data.
    /// Every pair of members of a grouping active in the year gets a tie of the grouping's kind.
    /// </summary>
    /// <param name="year">Year.</param>
    /// <param name="nodes">The countries of interest (ISO3); ties to others are dropped.</param>
    /// <param name="atop">ATOP directed dyad-years (all years; the builder picks the year).</param>
    /// <param name="isoOfCow">Maps a COW code to ISO3 (e.g. <c>CountryRegistry.ByCow(c)?.Iso3</c>); null for unknown codes.</param>
    /// <param name="memberships">Group memberships by year (the rows of <c>groupings.csv</c>).</param>
    /// <param name="groupings">Which groups become ties, and of what kind; <see cref="DefaultGroupings"/> when null.</param>
    /// <returns>The network.</returns>
    public static AllianceNetwork Build(
        int year,
        IEnumerable<string> nodes,
        IReadOnlyCollection<AtopDyadYear> atop,
        Func<int, string?> isoOfCow,
        IEnumerable<GroupMembership> memberships,
        IEnumerable<GroupingTie>? groupings = null)
    {
        var notes = new List<string>();
        var ties = new List<AllianceTie>();
        if (atop.Count > 0)
        {
            var first = atop.Min(d => d.Year);
            var last = atop.Max(d => d.Year);
            var atopYear = Math.Min(year, last);
            if (year > last)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"ATOP v5.1 ends in {last}: its {last} defence pacts are carried forward to {year}; later pacts come only from grouping data."));
            }
            else if (year < first)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"ATOP data start in {first}: no defence pacts for {year}."));
            }

            var source = year > last
                ? string.Create(CultureInfo.InvariantCulture, $"ATOP v5.1 {last} (carried forward)")
                : string.Create(CultureInfo.InvariantCulture, $"ATOP v5.1 {atopYear}");
            foreach (var d in atop)
            {
                if (d.Year == atopYear && d.Defense && isoOfCow(d.Ccode1) is string a && isoOfCow(d.Ccode2) is string b)
                {
                    ties.Add(new AllianceTie(a, b, TieKind.DefensePact, source));
                }
            }
        }
        else
        {
            notes.Add("No ATOP data given: no defence pacts from ATOP.");
        }

        var all = memberships.ToList();
        foreach (var g in groupings ?? DefaultGroupings)
        {
            var active = all.Where(m => string.Equals(m.Group, g.Group, StringComparison.OrdinalIgnoreCase) && m.ActiveIn(year)).ToList();
            var members = active.Select(m => m.Iso3).Distinct(StringComparer.Ordinal).ToList();
            var citation = active.Select(m => m.Source).FirstOrDefault() ?? string.Empty;
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    ties.Add(new AllianceTie(members[i], members[j], g.Kind, $"{g.Group}: {citation}", g.Weight));
                }
            }
        }

        return new AllianceNetwork(year, nodes, ties, notes);
    }

    /// <summary>The edge between two countries, or null.</summary>
    /// <param name="a">One country.</param>
    /// <param name="b">The other.</param>
    /// <returns>The edge, or null.</returns>
    public AllianceEdge? Edge(string a, string b) => _edges.GetValueOrDefault(Key(a, b));

    /// <summary>The number of edges touching a country (0 for an isolated or unknown country).</summary>
    /// <param name="iso3">Country.</param>
    /// <returns>Its degree.</returns>
    public int Degree(string iso3) => Edges.Count(e => e.Touches(iso3));

    /// <summary>The countries a country has an edge with.</summary>
    /// <param name="iso3">Country.</param>
    /// <returns>Its neighbours, ordered.</returns>
    public IReadOnlyList<string> Neighbours(string iso3) =>
        Edges.Where(e => e.Touches(iso3)).Select(e => e.A == iso3 ? e.B : e.A).Order(StringComparer.Ordinal).ToList();

    /// <summary>A new network with an extra tie (a scenario lever: a new link between allies).</summary>
    /// <param name="tie">The tie to add.</param>
    /// <returns>The new network.</returns>
    public AllianceNetwork With(AllianceTie tie) => new(Year, Nodes, Edges.SelectMany(e => e.Ties).Append(tie), Notes);

    /// <summary>A new network without any tie between two countries (a scenario lever: a rift).</summary>
    /// <param name="a">One country.</param>
    /// <param name="b">The other.</param>
    /// <returns>The new network.</returns>
    public AllianceNetwork Without(string a, string b)
    {
        var key = Key(a, b);
        return new(Year, Nodes, Edges.Where(e => (e.A, e.B) != key).SelectMany(e => e.Ties), Notes);
    }

    /// <summary>The sub-network on a subset of the nodes (e.g. the coalition without its adversaries), keeping their ties.</summary>
    /// <param name="nodes">The nodes to keep; unknown codes are ignored.</param>
    /// <returns>The new network.</returns>
    public AllianceNetwork Restrict(IEnumerable<string> nodes)
    {
        var keep = nodes.ToHashSet(StringComparer.Ordinal);
        return new(Year, Nodes.Where(keep.Contains), Edges.SelectMany(e => e.Ties), Notes);
    }

    /// <summary>
    /// The network without isolated nodes (degree 0). Whole-set centralisation counts isolates as maximally peripheral,
    /// so a hub gaining a tie can raise it even as the system becomes more networked; use this view to compare structure.
    /// </summary>
    /// <returns>The new network.</returns>
    public AllianceNetwork WithoutIsolates() => Restrict(Nodes.Where(n => Degree(n) > 0));

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
