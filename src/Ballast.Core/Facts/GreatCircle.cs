namespace Ballast.Core.Facts;

/// <summary>A point on the Earth in decimal degrees (WGS84).</summary>
/// <param name="Lat">Latitude, degrees north (−90 to 90).</param>
/// <param name="Lon">Longitude, degrees east (−180 to 180).</param>
public readonly record struct GeoPoint(double Lat, double Lon);

/// <summary>
/// Great-circle geometry on a spherical Earth (IUGG mean radius): distances, destinations and range rings. The model
/// measures capital-to-capital and site distances with it; maps draw missile range rings with it.
/// </summary>
public static class GreatCircle
{
    /// <summary>The IUGG mean Earth radius R1, km; the sphere's error against the ellipsoid is under 0.5 %.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Half the Earth's circumference: the largest range a ring can have (its ring is the antipode).</summary>
    public const double MaxRangeKm = Math.PI * EarthRadiusKm;

    private const double Deg = Math.PI / 180;

    /// <summary>The haversine great-circle distance between two points, km.</summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        var dLat = (b.Lat - a.Lat) * Deg;
        var dLon = (b.Lon - a.Lon) * Deg;
        var s = Math.Sin(dLat / 2);
        var t = Math.Sin(dLon / 2);
        var h = (s * s) + (Math.Cos(a.Lat * Deg) * Math.Cos(b.Lat * Deg) * t * t);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The point reached going <paramref name="distanceKm"/> from <paramref name="from"/> on initial bearing <paramref name="bearingDeg"/> (clockwise from north).</summary>
    public static GeoPoint Destination(GeoPoint from, double bearingDeg, double distanceKm)
    {
        double d = distanceKm / EarthRadiusKm, b = bearingDeg * Deg, lat1 = from.Lat * Deg, lon1 = from.Lon * Deg;
        double sinLat2 = (Math.Sin(lat1) * Math.Cos(d)) + (Math.Cos(lat1) * Math.Sin(d) * Math.Cos(b));
        double lat2 = Math.Asin(Math.Clamp(sinLat2, -1, 1));
        double lon2 = lon1 + Math.Atan2(Math.Sin(b) * Math.Sin(d) * Math.Cos(lat1), Math.Cos(d) - (Math.Sin(lat1) * sinLat2));
        return new GeoPoint(lat2 / Deg, NormaliseLon(lon2 / Deg));
    }

    /// <summary>
    /// The range ring: <paramref name="points"/> points all at <paramref name="rangeKm"/> from the site, at evenly spaced bearings
    /// (the first point is due north, the ring is not repeated at the end). Longitudes are in [-180, 180); callers unwrap them
    /// for drawing across the antimeridian.
    /// </summary>
    public static IReadOnlyList<GeoPoint> Ring(GeoPoint site, double rangeKm, int points = 180)
    {
        if (!(rangeKm > 0) || rangeKm >= MaxRangeKm)
        {
            throw new ArgumentOutOfRangeException(nameof(rangeKm), rangeKm, $"a range ring needs a range in (0, {MaxRangeKm:0} km)");
        }

        if (points < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "a ring needs at least 3 points");
        }

        var ring = new GeoPoint[points];
        for (int i = 0; i < points; i++)
        {
            ring[i] = Destination(site, 360.0 * i / points, rangeKm);
        }

        return ring;
    }

    /// <summary>True when a ring around the site encloses a pole (its longitudes wind once round the globe).</summary>
    public static bool EnclosesPole(GeoPoint site, double rangeKm) =>
        rangeKm > DistanceKm(site, new GeoPoint(90, 0)) || rangeKm > DistanceKm(site, new GeoPoint(-90, 0));

    /// <summary>A longitude in [-180, 180).</summary>
    public static double NormaliseLon(double lon)
    {
        double l = ((lon + 180) % 360 + 360) % 360 - 180;
        return l;
    }

    /// <summary>
    /// Unwraps a sequence of longitudes so consecutive points never jump by more than 180° (the antimeridian is crossed by
    /// continuing past ±180), starting from the first longitude moved into [<paramref name="centre"/> − 180, <paramref name="centre"/> + 180).
    /// </summary>
    public static double[] Unwrap(IReadOnlyList<double> lons, double centre)
    {
        var result = new double[lons.Count];
        if (lons.Count == 0)
        {
            return result;
        }

        result[0] = centre + NormaliseLon(lons[0] - centre);
        for (int i = 1; i < lons.Count; i++)
        {
            result[i] = result[i - 1] + NormaliseLon(lons[i] - lons[i - 1]);
        }

        return result;
    }
}
