namespace Ballast.Core.Facts;

/// <summary>A point on the Earth in decimal degrees (WGS84).</summary>
/// <param name="Lat">Latitude, degrees north (−90 to 90).</param>
/// <param name="Lon">Longitude, degrees east (−180 to 180).</param>
public readonly record struct GeoPoint(double Lat, double Lon);

/// <summary>Great-circle distances on a spherical Earth.</summary>
public static class GreatCircle
{
    /// <summary>The IUGG mean Earth radius R1, km.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>The haversine great-circle distance between two points, km.</summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        const double toRad = Math.PI / 180;
        var dLat = (b.Lat - a.Lat) * toRad;
        var dLon = (b.Lon - a.Lon) * toRad;
        var s = Math.Sin(dLat / 2);
        var t = Math.Sin(dLon / 2);
        var h = (s * s) + (Math.Cos(a.Lat * toRad) * Math.Cos(b.Lat * toRad) * t * t);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
