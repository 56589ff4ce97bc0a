using Ballast.Core.Facts;
using Ballast.Reports.Geo;
using Ballast.Reports.Model;

namespace Ballast.Reports.Tests;

public class GreatCircleTests
{
    /// <summary>Central angle from 3-D unit vectors (atan2 of |a×b| and a·b): independent of the haversine in the code under test.</summary>
    private static double IndependentDistanceKm(GeoPoint a, GeoPoint b)
    {
        static (double X, double Y, double Z) V(GeoPoint p)
        {
            double la = p.Lat * Math.PI / 180, lo = p.Lon * Math.PI / 180;
            return (Math.Cos(la) * Math.Cos(lo), Math.Cos(la) * Math.Sin(lo), Math.Sin(la));
        }

        var (ax, ay, az) = V(a);
        var (bx, by, bz) = V(b);
        double cx = (ay * bz) - (az * by), cy = (az * bx) - (ax * bz), cz = (ax * by) - (ay * bx);
        double cross = Math.Sqrt((cx * cx) + (cy * cy) + (cz * cz)), dot = (ax * bx) + (ay * by) + (az * bz);
        return GreatCircle.EarthRadiusKm * Math.Atan2(cross, dot);
    }

    [Theory]
    [InlineData(18.18, 120.53, 1600)] // Typhon at Laoag, northern Luzon
    [InlineData(26.355556, 127.7675, 2776)] // Dark Eagle at Kadena
    [InlineData(-17.7, 178.9, 1500)] // Fiji: the ring crosses the antimeridian
    [InlineData(78.2, 15.6, 2000)] // Svalbard: the ring encloses the North Pole
    [InlineData(-77.8, 166.7, 1200)] // McMurdo: encloses the South Pole, crosses the antimeridian
    [InlineData(39.03, 125.75, 13000)] // Hwasong-15 from Pyongyang: a ring on the far side of the globe
    [InlineData(0, 180, 500)] // on the antimeridian itself
    public void Every_ring_point_is_at_the_stated_distance_within_half_a_percent(double lat, double lon, double rangeKm)
    {
        var site = new GeoPoint(lat, lon);
        var ring = GreatCircle.Ring(site, rangeKm, 360);
        Assert.Equal(360, ring.Count);
        foreach (var p in ring)
        {
            double d = IndependentDistanceKm(site, p);
            Assert.True(Math.Abs(d - rangeKm) <= 0.005 * rangeKm, $"point {p} is {d:0.0} km from the site, not {rangeKm} km");
            Assert.InRange(p.Lon, -180, 180);
            Assert.InRange(p.Lat, -90, 90);
        }
    }

    [Fact]
    public void Distance_along_a_meridian_and_the_equator_is_radius_times_angle()
    {
        double tenDegrees = GreatCircle.EarthRadiusKm * 10 * Math.PI / 180;
        Assert.Equal(tenDegrees, GreatCircle.DistanceKm(new GeoPoint(0, 0), new GeoPoint(10, 0)), 6);
        Assert.Equal(tenDegrees, GreatCircle.DistanceKm(new GeoPoint(0, 175), new GeoPoint(0, -175)), 6);
        Assert.Equal(Math.PI * GreatCircle.EarthRadiusKm / 2, GreatCircle.DistanceKm(new GeoPoint(0, 30), new GeoPoint(90, 0)), 6);
    }

    [Fact]
    public void Pole_enclosure_is_detected_from_the_distance_to_the_pole()
    {
        Assert.True(GreatCircle.EnclosesPole(new GeoPoint(78.2, 15.6), 2000));
        Assert.False(GreatCircle.EnclosesPole(new GeoPoint(18.18, 120.53), 1600));
        Assert.True(GreatCircle.EnclosesPole(new GeoPoint(39.03, 125.75), 13000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(20016)]
    public void A_ring_needs_a_range_shorter_than_half_the_circumference(double range) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GreatCircle.Ring(new GeoPoint(0, 0), range));

    [Fact]
    public void Unwrapping_a_ring_across_the_antimeridian_leaves_no_jump_on_the_map()
    {
        var ring = GreatCircle.Ring(new GeoPoint(-17.7, 178.9), 1500, 180);
        Assert.Contains(ring, p => p.Lon < 0);
        Assert.Contains(ring, p => p.Lon > 0);
        var view = new MercatorView(MapView.IndoPacific, 960);
        var pts = view.ProjectPath(ring.Select(p => p.Lat).ToList(), ring.Select(p => p.Lon).ToList(), 0);
        for (int i = 1; i < pts.Count; i++)
        {
            Assert.True(Math.Abs(pts[i].X - pts[i - 1].X) < 20, $"jump of {pts[i].X - pts[i - 1].X:0} px between points {i - 1} and {i}");
        }

        // Fiji lies east of 180 in a Pacific-centred view, so the whole ring is on the canvas.
        Assert.All(pts, p => Assert.True(view.Inside(p), $"{p} is off the map"));
    }

    [Fact]
    public void Unwrap_continues_past_180_instead_of_jumping()
    {
        double[] u = GreatCircle.Unwrap([170, 179, -179, -170], 130);
        Assert.Equal([170, 179, 181, 190], u);
        Assert.Equal(200, GreatCircle.Unwrap([-160], 130)[0]); // 160°W sits east of 180 in a window centred on 130°E
    }
}
