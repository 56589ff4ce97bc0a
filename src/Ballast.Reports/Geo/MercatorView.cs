namespace Ballast.Reports.Geo;

/// <summary>
/// A Mercator projection of a longitude/latitude window onto pixels. Longitudes east of 180 (e.g. 200 = 160°W) are allowed, so
/// a Pacific-centred window crosses the antimeridian without a seam: every geometry is unwrapped around the window's centre.
/// </summary>
public sealed class MercatorView
{
    private const double Deg = Math.PI / 180;
    private readonly double _yNorth;
    private readonly double _yScale;

    /// <summary>Projects <paramref name="view"/> onto a canvas <paramref name="width"/> pixels wide (height follows from the projection).</summary>
    public MercatorView(MapView view, double width)
    {
        if (!(view.EastLon > view.WestLon) || view.EastLon - view.WestLon > 360 || !(view.NorthLat > view.SouthLat) || view.NorthLat >= 85 || view.SouthLat <= -85)
        {
            throw new ArgumentException($"invalid map view {view}", nameof(view));
        }

        View = view;
        Width = width;
        double lonSpan = (view.EastLon - view.WestLon) * Deg;
        _yNorth = MercY(view.NorthLat);
        double ySpan = _yNorth - MercY(view.SouthLat);
        _yScale = width / lonSpan;
        Height = ySpan * _yScale;
    }

    /// <summary>The window.</summary>
    public MapView View { get; }

    /// <summary>Width in pixels.</summary>
    public double Width { get; }

    /// <summary>Height in pixels.</summary>
    public double Height { get; }

    /// <summary>The window's centre longitude (geometry is unwrapped around it).</summary>
    public double CentreLon => (View.WestLon + View.EastLon) / 2;

    /// <summary>Pixel of an (already unwrapped) longitude and a latitude.</summary>
    public Pt Project(double lat, double lon)
    {
        double clamped = Math.Clamp(lat, -85, 85);
        return new Pt((lon - View.WestLon) * Deg * _yScale, (_yNorth - MercY(clamped)) * _yScale);
    }

    /// <summary>Pixel of a point, with its longitude moved next to the window's centre.</summary>
    public Pt Project(GeoPoint p) => Project(p.Lat, CentreLon + GreatCircle.NormaliseLon(p.Lon - CentreLon));

    /// <summary>True when the pixel lies inside the canvas (with a margin).</summary>
    public bool Inside(Pt p, double margin = 0) => p.X >= -margin && p.X <= Width + margin && p.Y >= -margin && p.Y <= Height + margin;

    /// <summary>
    /// Projects a ring or line: unwrapped around the centre, then thinned so consecutive kept points are at least
    /// <paramref name="minPixels"/> apart (keeps the inline SVG small without visible change).
    /// </summary>
    public List<Pt> ProjectPath(IReadOnlyList<double> lats, IReadOnlyList<double> lons, double minPixels, double lonShift = 0)
    {
        double[] unwrapped = GreatCircle.Unwrap(lons, CentreLon);
        var pts = new List<Pt>(lats.Count);
        Pt last = default;
        for (int i = 0; i < lats.Count; i++)
        {
            var p = Project(lats[i], unwrapped[i] + lonShift);
            if (i == 0 || i == lats.Count - 1 || Math.Abs(p.X - last.X) + Math.Abs(p.Y - last.Y) >= minPixels)
            {
                pts.Add(p);
                last = p;
            }
        }

        return pts;
    }

    private static double MercY(double lat) => Math.Log(Math.Tan((Math.PI / 4) + (lat * Deg / 2)));
}
