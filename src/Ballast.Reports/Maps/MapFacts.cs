using Ballast.Data.Countries;
using Ballast.Data.Embedded;

namespace Ballast.Reports.Maps;

/// <summary>
/// Map layers from the embedded data: capitals (peacesciencer/COW, OpenStreetMap coordinates), US bases (David Vine's list via
/// troopdata), US troops (DMDC via troopdata), country centroids (mledoze/countries). Facts only: no model output.
/// </summary>
public static class MapFacts
{
    /// <summary>Citations for the files these layers come from.</summary>
    public static IReadOnlyList<Citation> Citations { get; } =
    [
        new("US bases abroad", "David Vine, Lists of U.S. Military Bases Abroad, 1776–2020 (American University Digital Research Archive), as packaged in Michael E. Flynn's R package troopdata (data/us_bases_abroad.csv)."),
        new("US troops abroad", "US Department of Defense, Defense Manpower Data Center quarterly personnel reports (active duty by host country), compiled in Michael E. Flynn's R package troopdata (data/us_troops_abroad.csv)."),
        new("Capitals", "Steven V. Miller, peacesciencer cow_capitals (Correlates of War state capitals, coordinates geocoded from OpenStreetMap, ODbL) (data/capitals.csv)."),
        new("Country centroids", "mledoze/countries (world-countries), ODbL (data/countries_reference.csv)."),
    ];

    /// <summary>The latest capital of each listed country (countries without a COW capital fall back to their centroid, labelled by name).</summary>
    public static IReadOnlyList<MapPlace> Capitals(IEnumerable<string> iso3s)
    {
        var latest = CapitalRows();
        var centroids = Centroids();
        var result = new List<MapPlace>();
        foreach (string iso3 in iso3s.Distinct(StringComparer.Ordinal))
        {
            if (latest.TryGetValue(iso3, out var c))
            {
                result.Add(c);
            }
            else if (centroids.TryGetValue(iso3, out var p))
            {
                result.Add(new MapPlace(iso3, p.Name, p.Point.Lat, p.Point.Lon));
            }
        }

        return result;
    }

    /// <summary>
    /// US bases and sites abroad inside the view (rows flagged as a base or a "lily pad"). Vine's list covers 1776–2020 and
    /// gives no closing dates, so with <paramref name="year"/> a host's sites are kept only while the US has troops there: the
    /// latest DMDC count at or before the year is above zero (Afghanistan, 0 from 2022, drops out of a 2024 map). Hosts the
    /// troop data do not list are kept.
    /// </summary>
    public static IReadOnlyList<MapBase> Bases(MapView view, int? year = null)
    {
        var withoutTroops = year is int y ? HostsWithoutTroops(y) : [];
        var t = EmbeddedData.Csv("us_bases_abroad.csv");
        t.Require("iso3c", "basename", "lat", "lon", "base", "lilypad");
        int iso = t.Column("iso3c"), name = t.Column("basename"), lat = t.Column("lat"), lon = t.Column("lon"), b = t.Column("base"), lp = t.Column("lilypad");
        double centre = (view.WestLon + view.EastLon) / 2;
        var result = new List<MapBase>();
        foreach (var r in t.Records)
        {
            if (r.Number(lat) is not double la || r.Number(lon) is not double lo || (r.Number(b) != 1 && r.Number(lp) != 1) || withoutTroops.Contains(r.RequiredText(iso)))
            {
                continue;
            }

            double unwrapped = centre + GreatCircle.NormaliseLon(lo - centre);
            if (la >= view.SouthLat && la <= view.NorthLat && unwrapped >= view.WestLon && unwrapped <= view.EastLon)
            {
                result.Add(new MapBase(r.RequiredText(name), r.RequiredText(iso), la, lo));
            }
        }

        return result;
    }

    /// <summary>Active-duty US troops per host in the latest year of data at or before <paramref name="year"/>, drawn at the host's capital.</summary>
    public static IReadOnlyList<MapTroops> Troops(IEnumerable<string> hosts, int year)
    {
        var wanted = hosts.ToHashSet(StringComparer.Ordinal);
        var best = LatestTroops(year, wanted.Contains);
        var places = Capitals(best.Keys).ToDictionary(p => p.Iso3);
        return best.Where(kv => places.ContainsKey(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new MapTroops(kv.Key, kv.Value.Year, kv.Value.Troops, places[kv.Key].Lat, places[kv.Key].Lon))
            .ToList();
    }

    // The latest DMDC count of active-duty troops at or before the year, per host the filter accepts.
    private static Dictionary<string, (int Year, int Troops)> LatestTroops(int year, Func<string, bool> wanted)
    {
        var t = EmbeddedData.Csv("us_troops_abroad.csv");
        t.Require("iso3", "year", "troops_ad");
        int iso = t.Column("iso3"), yr = t.Column("year"), troops = t.Column("troops_ad");
        var best = new Dictionary<string, (int Year, int Troops)>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            // Rows without a code are regional totals and unassigned personnel.
            if (r.Text(iso) is not { } host || !wanted(host) || r.Number(troops) is not double n)
            {
                continue;
            }

            int y = r.Integer(yr);
            if (y <= year && (!best.TryGetValue(host, out var prev) || y > prev.Year))
            {
                best[host] = (y, (int)Math.Round(n));
            }
        }

        return best;
    }

    private static HashSet<string> HostsWithoutTroops(int year) =>
        LatestTroops(year, _ => true).Where(kv => kv.Value.Troops <= 0).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Map countries for an actor set, with alignment per country where known.</summary>
    public static IReadOnlyList<MapCountry> Countries(ActorSet actors, IReadOnlyDictionary<string, double>? alignment = null)
    {
        var registry = CountryData.Registry;
        var result = new List<MapCountry>();
        foreach (var a in actors.Actors)
        {
            if (registry.ByIso3(a.Iso3) is { IsoNumeric: int n } c)
            {
                result.Add(new MapCountry(a.Iso3, n, c.Name, a.Role, alignment is not null && alignment.TryGetValue(a.Iso3, out double al) ? al : null));
            }
        }

        return result;
    }

    private static Dictionary<string, MapPlace> CapitalRows()
    {
        var t = EmbeddedData.Csv("capitals.csv");
        t.Require("iso3", "capital", "enddate", "lat", "lng");
        int iso = t.Column("iso3"), cap = t.Column("capital"), end = t.Column("enddate"), lat = t.Column("lat"), lng = t.Column("lng");
        var rows = new Dictionary<string, (string End, MapPlace Place)>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            if (r.Text(iso) is not { } code || r.Number(lat) is not double la || r.Number(lng) is not double lo)
            {
                continue;
            }

            string e = r.Text(end) ?? string.Empty;
            if (!rows.TryGetValue(code, out var prev) || string.CompareOrdinal(e, prev.End) > 0)
            {
                rows[code] = (e, new MapPlace(code, r.RequiredText(cap), la, lo));
            }
        }

        return rows.ToDictionary(kv => kv.Key, kv => kv.Value.Place, StringComparer.Ordinal);
    }

    private static Dictionary<string, (string Name, GeoPoint Point)> Centroids()
    {
        var t = EmbeddedData.Csv("countries_reference.csv");
        t.Require("cca3", "name_common", "centroid_lat", "centroid_lng");
        int iso = t.Column("cca3"), name = t.Column("name_common"), lat = t.Column("centroid_lat"), lng = t.Column("centroid_lng");
        var result = new Dictionary<string, (string, GeoPoint)>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            if (r.Text(iso) is { } code && r.Number(lat) is double la && r.Number(lng) is double lo)
            {
                result[code] = (r.RequiredText(name), new GeoPoint(la, lo));
            }
        }

        return result;
    }
}
