namespace Ballast.Reports.Drawing;

/// <summary>A point in drawing units (pixels, y down).</summary>
public readonly record struct Pt(double X, double Y);

/// <summary>How a shape is filled and stroked. Colours are <c>#rrggbb</c>; null means none.</summary>
public sealed record Style(string? Fill = null, string? Stroke = null, double StrokeWidth = 1, double FillOpacity = 1, double StrokeOpacity = 1, string? Dash = null)
{
    /// <summary>Stroke only.</summary>
    public static Style Line(string colour, double width = 1, string? dash = null) => new(null, colour, width, 1, 1, dash);

    /// <summary>Fill only.</summary>
    public static Style Solid(string colour, double opacity = 1) => new(colour, null, 1, opacity);
}

/// <summary>Horizontal text anchor.</summary>
public enum Anchor
{
    /// <summary>Text starts at x.</summary>
    Start,

    /// <summary>Text is centred on x.</summary>
    Middle,

    /// <summary>Text ends at x.</summary>
    End,
}

/// <summary>Text appearance.</summary>
public sealed record TextStyle(double Size = 11, Anchor Anchor = Anchor.Start, string Colour = "#222222", bool Bold = false, double Rotate = 0, bool Halo = false);

/// <summary>
/// A minimal 2-D drawing surface. Charts, the map and the network draw through it once; <see cref="SvgCanvas"/> turns that into
/// an SVG string (inline in report.html, reusable by the web app) and <see cref="PngCanvas"/> into a PNG file.
/// </summary>
public interface ICanvas
{
    /// <summary>Width in pixels.</summary>
    double Width { get; }

    /// <summary>Height in pixels.</summary>
    double Height { get; }

    /// <summary>Starts a logical group (an SVG <c>g</c> with a class, for tests and styling).</summary>
    void BeginGroup(string cssClass);

    /// <summary>Ends the innermost group.</summary>
    void EndGroup();

    /// <summary>Clips everything drawn until <see cref="PopClip"/> to a rectangle.</summary>
    void PushClip(double x, double y, double w, double h);

    /// <summary>Ends the innermost clip.</summary>
    void PopClip();

    /// <summary>A rectangle.</summary>
    void Rect(double x, double y, double w, double h, Style style, string? title = null);

    /// <summary>A straight line.</summary>
    void Line(double x1, double y1, double x2, double y2, Style style);

    /// <summary>An open polyline.</summary>
    void Polyline(IReadOnlyList<Pt> points, Style style, string? title = null);

    /// <summary>A filled shape of one or more closed rings (even-odd rule, so holes work).</summary>
    void Polygon(IReadOnlyList<IReadOnlyList<Pt>> rings, Style style, string? title = null);

    /// <summary>A circle.</summary>
    void Circle(double cx, double cy, double r, Style style, string? title = null);

    /// <summary>Text at a baseline point.</summary>
    void Text(double x, double y, string text, TextStyle style);
}

/// <summary>Invariant number formatting for drawing output.</summary>
internal static class Num
{
    public static string F(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
