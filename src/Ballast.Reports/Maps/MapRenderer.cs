using Ballast.Reports.Geo;

namespace Ballast.Reports.Maps;

/// <summary>
/// Draws the Indo-Pacific map: Natural Earth countries coloured by role (shade = alignment), US bases and troops, missile
/// range rings (great circles) and capitals marked exposed or not. Works on any <see cref="ICanvas"/>.
/// </summary>
public static class MapRenderer
{
    /// <summary>Canvas size for a map of the given width (the height follows the projection, plus the legend strip).</summary>
    public static (double Width, double Height) Size(MapView view, double width = 960)
    {
        var proj = new MercatorView(view, width);
        return (width, proj.Height + LegendHeight);
    }

    private const double LegendHeight = 74;

    /// <summary>Draws the map with its legend onto a canvas sized by <see cref="Size"/>.</summary>
    public static void Draw(ICanvas c, MapLayers map, IReadOnlyList<Geo.CountryShape>? atlas = null)
    {
        atlas ??= WorldAtlas.Countries;
        var proj = new MercatorView(map.View, c.Width);
        var byNumeric = map.Countries.GroupBy(m => m.IsoNumeric).ToDictionary(g => g.Key, g => g.First());

        c.BeginGroup("map");
        c.Rect(0, 0, proj.Width, proj.Height, Style.Solid("#EAF2F8"));
        c.PushClip(0, 0, proj.Width, proj.Height);

        Graticule(c, proj);

        c.BeginGroup("countries");
        foreach (var shape in atlas)
        {
            MapCountry? mc = shape.IsoNumeric is int n && byNumeric.TryGetValue(n, out var m) ? m : null;
            var rings = new List<IReadOnlyList<Pt>>();
            foreach (var polygon in shape.Polygons)
            {
                foreach (var ring in polygon)
                {
                    var pts = proj.ProjectPath(ring.Lats, ring.Lons, 0.7);
                    if (pts.Count >= 3 && Overlaps(pts, proj))
                    {
                        rings.Add(pts);
                    }
                }
            }

            if (rings.Count == 0)
            {
                continue;
            }

            var role = mc?.Role ?? CountryRole.Other;
            double opacity = mc?.Alignment is double a && role is CountryRole.TreatyAlly or CountryRole.Partner ? 0.35 + (0.65 * Math.Clamp(a, 0, 1)) : 1;
            string title = mc is null ? shape.Name : mc.Alignment is double al
                ? $"{mc.Name}: {Palette.RoleName(role)}, alignment {al.ToString("0.00", CultureInfo.InvariantCulture)}"
                : $"{mc.Name}: {Palette.RoleName(role)}";
            c.Polygon(rings, new Style(Palette.ForRole(role), "#FFFFFF", 0.5, opacity), title);
        }

        c.EndGroup();

        RangeRings(c, proj, map.Rings);
        Posture(c, proj, map);
        Capitals(c, proj, map);

        c.PopClip();
        c.Rect(0, 0, proj.Width, proj.Height, Style.Line("#666666", 1));
        Legend(c, proj.Height, c.Width);
        c.EndGroup();
    }

    private static void Graticule(ICanvas c, MercatorView proj)
    {
        c.BeginGroup("graticule");
        var style = Style.Line("#C9D6E0", 0.6);
        for (double lon = Math.Ceiling(proj.View.WestLon / 20) * 20; lon <= proj.View.EastLon; lon += 20)
        {
            var a = proj.Project(proj.View.NorthLat, lon);
            var b = proj.Project(proj.View.SouthLat, lon);
            c.Line(a.X, a.Y, b.X, b.Y, style);
            string label = lon <= 180 ? $"{lon:0}°E" : $"{360 - lon:0}°W";
            c.Text(a.X + 2, proj.Height - 4, label.Replace("180°E", "180°", StringComparison.Ordinal), new TextStyle(8, Colour: "#7A8A99"));
        }

        for (double lat = Math.Ceiling(proj.View.SouthLat / 20) * 20; lat <= proj.View.NorthLat; lat += 20)
        {
            var a = proj.Project(lat, proj.View.WestLon);
            var b = proj.Project(lat, proj.View.EastLon);
            c.Line(a.X, a.Y, b.X, b.Y, style);
            c.Text(3, a.Y - 2, lat == 0 ? "0°" : lat > 0 ? $"{lat:0}°N" : $"{-lat:0}°S", new TextStyle(8, Colour: "#7A8A99"));
        }

        c.EndGroup();
    }

    private static void RangeRings(ICanvas c, MercatorView proj, IReadOnlyList<RangeRing> rings)
    {
        c.BeginGroup("range-rings");

        // Largest first so smaller rings stay visible on top.
        foreach (var r in rings.OrderByDescending(r => r.RangeKm))
        {
            var site = new GeoPoint(r.Lat, r.Lon);
            var ring = GreatCircle.Ring(site, r.RangeKm, 240);
            double[] lats = [.. ring.Select(p => p.Lat), ring[0].Lat];
            double[] lons = [.. ring.Select(p => p.Lon), ring[0].Lon];
            string colour = r.Adversary ? Palette.Vermillion : Palette.Blue;
            string title = $"{r.System} ({r.Owner}) at {r.Site}, {r.Host}: range {r.RangeKm.ToString("#,0", CultureInfo.InvariantCulture)} km";
            var style = new Style(null, colour, 1.6, 1, 0.9, r.Adversary ? null : "7 4");
            if (GreatCircle.EnclosesPole(site, r.RangeKm))
            {
                // A ring round a pole winds once round the globe: draw it at three offsets so it spans the window.
                foreach (double shift in new[] { -360.0, 0, 360 })
                {
                    c.Polyline(proj.ProjectPath(lats, lons, 1, shift), style, title);
                }
            }
            else
            {
                var pts = proj.ProjectPath(lats, lons, 1);
                c.Polygon([pts], new Style(colour, colour, 1.6, 0.05, 0.9, style.Dash), title);
            }

            var s = proj.Project(site);
            c.Circle(s.X, s.Y, 3.2, new Style(colour, "#FFFFFF", 1), title);
        }

        c.EndGroup();
    }

    private static void Posture(ICanvas c, MercatorView proj, MapLayers map)
    {
        c.BeginGroup("us-posture");
        double max = map.Troops.Count == 0 ? 1 : Math.Max(1, map.Troops.Max(t => t.Troops));
        foreach (var t in map.Troops.Where(t => t.Troops > 0))
        {
            var p = proj.Project(new GeoPoint(t.Lat, t.Lon));
            double r = 3 + (22 * Math.Sqrt(t.Troops / max));
            c.Circle(p.X, p.Y, r, new Style(Palette.Orange, Palette.Orange, 1, 0.25), $"US troops in {t.Host} ({t.Year}): {t.Troops.ToString("#,0", CultureInfo.InvariantCulture)}");
        }

        foreach (var b in map.Bases)
        {
            var p = proj.Project(new GeoPoint(b.Lat, b.Lon));
            if (proj.Inside(p))
            {
                c.Rect(p.X - 2.2, p.Y - 2.2, 4.4, 4.4, new Style(Palette.Black, "#FFFFFF", 0.6), $"US base: {b.Name} ({b.Host})");
            }
        }

        c.EndGroup();
    }

    private static void Capitals(ICanvas c, MercatorView proj, MapLayers map)
    {
        c.BeginGroup("capitals");
        var exposure = ExposureAnalysis.Assess(map).Where(e => e.Kind == "capital").ToDictionary(e => (e.Place, e.Country));
        foreach (var cap in map.Capitals)
        {
            var p = proj.Project(new GeoPoint(cap.Lat, cap.Lon));
            if (!proj.Inside(p))
            {
                continue;
            }

            bool exposed = exposure.TryGetValue((cap.Name, cap.Iso3), out var e) && e.Exposed;
            string title = exposed ? $"{cap.Name} ({cap.Iso3}): exposed to {string.Join("; ", e!.InRangeOf)}" : $"{cap.Name} ({cap.Iso3}): outside adversary missile range";
            if (exposed)
            {
                c.Polygon([[new Pt(p.X, p.Y - 5.5), new Pt(p.X + 5.5, p.Y), new Pt(p.X, p.Y + 5.5), new Pt(p.X - 5.5, p.Y)]], new Style(Palette.Vermillion, Palette.Black, 1), title);
            }
            else
            {
                c.Circle(p.X, p.Y, 3.8, new Style("#FFFFFF", Palette.Black, 1.4), title);
            }

            c.Text(p.X + 7, p.Y + 4, cap.Name, new TextStyle(10, Colour: "#111111", Bold: exposed, Halo: true));
        }

        c.EndGroup();
    }

    private static void Legend(ICanvas c, double top, double width)
    {
        c.BeginGroup("map-legend");
        double y = top + 18;
        double x = 8;
        foreach (var role in new[] { CountryRole.Patron, CountryRole.TreatyAlly, CountryRole.Partner, CountryRole.Adversary, CountryRole.Other })
        {
            c.Rect(x, y - 9, 14, 10, new Style(Palette.ForRole(role), "#666666", 0.5));
            c.Text(x + 18, y, Palette.RoleName(role), new TextStyle(10));
            x += 36 + (Palette.RoleName(role).Length * 6);
        }

        c.Text(x + 4, y, "paler fill = lower alignment with the US at the horizon", new TextStyle(10, Colour: "#555555"));

        y += 22;
        x = 8;
        c.Line(x, y - 4, x + 24, y - 4, new Style(null, Palette.Blue, 2, 1, 1, "7 4"));
        c.Text(x + 28, y, "coalition missile range", new TextStyle(10));
        x += 170;
        c.Line(x, y - 4, x + 24, y - 4, Style.Line(Palette.Vermillion, 2));
        c.Text(x + 28, y, "adversary missile range", new TextStyle(10));
        x += 170;
        c.Rect(x + 8, y - 8, 4.4, 4.4, Style.Solid(Palette.Black));
        c.Text(x + 18, y, "US base", new TextStyle(10));
        x += 80;
        c.Circle(x + 9, y - 4, 7, new Style(Palette.Orange, Palette.Orange, 1, 0.25));
        c.Text(x + 20, y, "US troops (area ∝ number)", new TextStyle(10));

        y += 22;
        x = 8;
        c.Polygon([[new Pt(x + 7, y - 9.5), new Pt(x + 12.5, y - 4), new Pt(x + 7, y + 1.5), new Pt(x + 1.5, y - 4)]], new Style(Palette.Vermillion, Palette.Black, 1));
        c.Text(x + 18, y, "capital within adversary range (exposed)", new TextStyle(10));
        x += 270;
        c.Circle(x + 7, y - 4, 3.8, new Style("#FFFFFF", Palette.Black, 1.4));
        c.Text(x + 18, y, "capital outside adversary range", new TextStyle(10));
        c.Text(width - 8, y, "Mercator; rings are great circles", new TextStyle(9, Anchor.End, "#666666"));
        c.EndGroup();
    }

    private static bool Overlaps(List<Pt> pts, MercatorView proj)
    {
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        foreach (var p in pts)
        {
            minX = Math.Min(minX, p.X);
            maxX = Math.Max(maxX, p.X);
            minY = Math.Min(minY, p.Y);
            maxY = Math.Max(maxY, p.Y);
        }

        return maxX >= 0 && minX <= proj.Width && maxY >= 0 && minY <= proj.Height;
    }
}
