namespace Ballast.Reports.Geo;

/// <summary>A ring of a country outline as parallel latitude/longitude arrays (degrees).</summary>
public sealed record GeoRing(double[] Lats, double[] Lons);

/// <summary>A country's outline: polygons, each an outer ring followed by its holes.</summary>
/// <param name="IsoNumeric">ISO 3166-1 numeric code, or null for features without one (e.g. disputed areas).</param>
/// <param name="Name">Natural Earth name.</param>
/// <param name="Polygons">The polygons.</param>
public sealed record CountryShape(int? IsoNumeric, string Name, IReadOnlyList<IReadOnlyList<GeoRing>> Polygons);

/// <summary>
/// Country boundaries from Natural Earth 1:50m (npm package world-atlas 2.0.2, <c>countries-50m.json</c>), embedded in this
/// assembly at build time. Decodes the TopoJSON topology (quantised, delta-encoded arcs shared between neighbours).
/// </summary>
public static class WorldAtlas
{
    /// <summary>The citation shown under every map.</summary>
    public const string Citation = "Boundaries: Natural Earth 1:50m Cultural Vectors, version 4.1.0 (public domain), as TopoJSON in the npm package world-atlas 2.0.2 by Mike Bostock (ISC licence).";

    private const string Resource = "Ballast.Reports.world-atlas.countries-50m.json";
    private static readonly Lazy<IReadOnlyList<CountryShape>> Shapes = new(() => Decode(OpenEmbedded()));

    /// <summary>Every country in the embedded atlas.</summary>
    public static IReadOnlyList<CountryShape> Countries => Shapes.Value;

    /// <summary>Decodes a TopoJSON topology's <c>countries</c> object.</summary>
    public static IReadOnlyList<CountryShape> Decode(Stream topoJson)
    {
        using var doc = JsonDocument.Parse(topoJson);
        var root = doc.RootElement;
        double sx = 1, sy = 1, tx = 0, ty = 0;
        bool quantised = root.TryGetProperty("transform", out var transform);
        if (quantised)
        {
            sx = transform.GetProperty("scale")[0].GetDouble();
            sy = transform.GetProperty("scale")[1].GetDouble();
            tx = transform.GetProperty("translate")[0].GetDouble();
            ty = transform.GetProperty("translate")[1].GetDouble();
        }

        // Arcs: positions are deltas from the previous position when the topology is quantised.
        var arcs = new List<(double[] Lons, double[] Lats)>();
        foreach (var arc in root.GetProperty("arcs").EnumerateArray())
        {
            int n = arc.GetArrayLength();
            var lons = new double[n];
            var lats = new double[n];
            double x = 0, y = 0;
            int i = 0;
            foreach (var pos in arc.EnumerateArray())
            {
                double px = pos[0].GetDouble(), py = pos[1].GetDouble();
                if (quantised)
                {
                    x += px;
                    y += py;
                    lons[i] = (x * sx) + tx;
                    lats[i] = (y * sy) + ty;
                }
                else
                {
                    lons[i] = px;
                    lats[i] = py;
                }

                i++;
            }

            arcs.Add((lons, lats));
        }

        var shapes = new List<CountryShape>();
        foreach (var g in root.GetProperty("objects").GetProperty("countries").GetProperty("geometries").EnumerateArray())
        {
            string type = g.GetProperty("type").GetString() ?? string.Empty;
            int? id = g.TryGetProperty("id", out var idEl) && int.TryParse(idEl.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;
            string name = g.TryGetProperty("properties", out var props) && props.TryGetProperty("name", out var nm) ? nm.GetString() ?? string.Empty : string.Empty;
            var polygons = new List<IReadOnlyList<GeoRing>>();
            if (type == "Polygon")
            {
                polygons.Add(Polygon(g.GetProperty("arcs"), arcs));
            }
            else if (type == "MultiPolygon")
            {
                foreach (var p in g.GetProperty("arcs").EnumerateArray())
                {
                    polygons.Add(Polygon(p, arcs));
                }
            }

            if (polygons.Count > 0)
            {
                shapes.Add(new CountryShape(id, name, polygons));
            }
        }

        return shapes;
    }

    private static List<GeoRing> Polygon(JsonElement rings, List<(double[] Lons, double[] Lats)> arcs)
    {
        var result = new List<GeoRing>();
        foreach (var ring in rings.EnumerateArray())
        {
            var lons = new List<double>();
            var lats = new List<double>();
            foreach (var a in ring.EnumerateArray())
            {
                int index = a.GetInt32();
                bool reversed = index < 0;
                var (arcLons, arcLats) = arcs[reversed ? ~index : index];
                int n = arcLons.Length;

                // Consecutive arcs share their joining point: skip it on every arc after the first.
                int skip = lons.Count > 0 ? 1 : 0;
                for (int k = skip; k < n; k++)
                {
                    int j = reversed ? n - 1 - k : k;
                    lons.Add(arcLons[j]);
                    lats.Add(arcLats[j]);
                }
            }

            result.Add(new GeoRing([.. lats], [.. lons]));
        }

        return result;
    }

    private static Stream OpenEmbedded() =>
        typeof(WorldAtlas).Assembly.GetManifestResourceStream(Resource)
        ?? throw new InvalidOperationException($"embedded resource {Resource} is missing: Ballast.Reports was built without web/node_modules (run its build with npm available)");
}
