namespace Ballast.Reports.Geo;

/// <summary>Whether a place lies inside adversary missile range, and the nearest such system.</summary>
/// <param name="Place">Place name.</param>
/// <param name="Country">Country (ISO3).</param>
/// <param name="Kind"><c>capital</c> or <c>deployment site</c>.</param>
/// <param name="Position">Where it is.</param>
/// <param name="InRangeOf">Adversary systems whose range covers the place.</param>
/// <param name="NearestSystem">The adversary system with the largest margin (range minus distance), or null with no adversary rings.</param>
/// <param name="DistanceKm">Distance to that system's site, km.</param>
/// <param name="RangeKm">That system's range, km.</param>
public sealed record PlaceExposure(string Place, string Country, string Kind, GeoPoint Position, IReadOnlyList<string> InRangeOf, string? NearestSystem, double DistanceKm, double RangeKm)
{
    /// <summary>True when at least one adversary system can reach the place.</summary>
    public bool Exposed => InRangeOf.Count > 0;
}

/// <summary>Exposure of capitals and coalition deployment sites to adversary missile rings (pure geometry).</summary>
public static class ExposureAnalysis
{
    /// <summary>The exposure of every capital and every coalition deployment site in the map layers.</summary>
    public static IReadOnlyList<PlaceExposure> Assess(MapLayers map)
    {
        var adversary = map.Rings.Where(r => r.Adversary).ToList();
        var places = map.Capitals.Select(c => (c.Name, c.Iso3, Kind: "capital", new GeoPoint(c.Lat, c.Lon)))
            .Concat(map.Rings.Where(r => !r.Adversary).Select(r => (Name: r.Site, Iso3: r.Host, Kind: "deployment site", new GeoPoint(r.Lat, r.Lon))))
            .DistinctBy(p => (p.Name, p.Iso3, p.Kind));
        var result = new List<PlaceExposure>();
        foreach (var (name, iso3, kind, pos) in places)
        {
            var inRange = new List<string>();
            RangeRing? best = null;
            double bestMargin = double.NegativeInfinity, bestDistance = 0;
            foreach (var r in adversary)
            {
                double d = GreatCircle.DistanceKm(pos, new GeoPoint(r.Lat, r.Lon));
                if (d <= r.RangeKm)
                {
                    inRange.Add($"{r.System} ({r.Owner}, {r.Site})");
                }

                if (r.RangeKm - d > bestMargin)
                {
                    bestMargin = r.RangeKm - d;
                    best = r;
                    bestDistance = d;
                }
            }

            result.Add(new PlaceExposure(name, iso3, kind, pos, inRange.Distinct().ToList(), best?.System, bestDistance, best?.RangeKm ?? 0));
        }

        return result;
    }
}
