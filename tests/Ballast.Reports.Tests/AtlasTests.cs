using System.Text;
using Ballast.Reports.Charts;
using Ballast.Reports.Geo;

namespace Ballast.Reports.Tests;

public class AtlasTests
{
    [Fact]
    public void A_quantised_topology_decodes_delta_arcs_and_reversed_arcs()
    {
        // Two squares sharing the edge x = 1, quantised with scale 1 and translate (100, 10).
        const string topo = """
            {"type":"Topology","transform":{"scale":[1,1],"translate":[100,10]},
             "objects":{"countries":{"type":"GeometryCollection","geometries":[
               {"type":"Polygon","arcs":[[0,1]],"id":"001","properties":{"name":"West"}},
               {"type":"MultiPolygon","arcs":[[[2,-1]]],"id":"002","properties":{"name":"East"}}]}},
             "arcs":[[[1,0],[0,1]],[[1,1],[-1,0],[0,-1],[1,0]],[[1,0],[1,0],[0,1],[-1,0]]]}
            """;
        var shapes = WorldAtlas.Decode(new MemoryStream(Encoding.UTF8.GetBytes(topo)));
        Assert.Equal(2, shapes.Count);
        var west = shapes[0].Polygons[0][0];
        Assert.Equal([101, 101, 100, 100, 101], west.Lons);
        Assert.Equal([10, 11, 11, 10, 10], west.Lats);
        var east = shapes[1].Polygons[0][0];
        Assert.Equal(2, shapes[1].IsoNumeric);
        Assert.Equal([101, 102, 102, 101, 101], east.Lons);
        Assert.Equal([10, 10, 11, 11, 10], east.Lats);
    }

    [Fact]
    public void The_embedded_natural_earth_atlas_places_japan_where_it_is()
    {
        var japan = WorldAtlas.Countries.Single(c => c.IsoNumeric == 392);
        Assert.Equal("Japan", japan.Name);
        var lats = japan.Polygons.SelectMany(p => p[0].Lats).ToList();
        var lons = japan.Polygons.SelectMany(p => p[0].Lons).ToList();
        Assert.InRange(lats.Min(), 24, 31);
        Assert.InRange(lats.Max(), 44, 46);
        Assert.InRange(lons.Min(), 122, 130);
        Assert.InRange(lons.Max(), 145, 154);
        Assert.True(WorldAtlas.Countries.Count > 200);
    }

    [Theory]
    [InlineData(0, 1, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(0, 3.5, new double[] { 0, 1, 2, 3 })]
    [InlineData(2024, 2040, new double[] { 2025, 2030, 2035, 2040 })]
    public void Scales_pick_nice_ticks(double lo, double hi, double[] expected)
    {
        var s = new Scale(lo, hi, 0, 100);
        var ticks = s.Ticks(5);
        Assert.Equal(expected.Length, ticks.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], ticks[i], 9);
        }
    }
}
