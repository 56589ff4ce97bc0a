namespace Ballast.Reports.Drawing;

/// <summary>
/// A canvas that draws onto another one moved down by <c>dy</c>, with its own height: lets a figure that draws itself at the
/// origin be placed under a title (exported charts with a title and a source line).
/// </summary>
/// <param name="inner">The canvas drawn onto.</param>
/// <param name="dy">Vertical offset in pixels.</param>
/// <param name="height">The height the figure sees.</param>
public sealed class OffsetCanvas(ICanvas inner, double dy, double height) : ICanvas
{
    /// <inheritdoc/>
    public double Width => inner.Width;

    /// <inheritdoc/>
    public double Height => height;

    /// <inheritdoc/>
    public void BeginGroup(string cssClass) => inner.BeginGroup(cssClass);

    /// <inheritdoc/>
    public void EndGroup() => inner.EndGroup();

    /// <inheritdoc/>
    public void PushClip(double x, double y, double w, double h) => inner.PushClip(x, y + dy, w, h);

    /// <inheritdoc/>
    public void PopClip() => inner.PopClip();

    /// <inheritdoc/>
    public void Rect(double x, double y, double w, double h, Style style, string? title = null) => inner.Rect(x, y + dy, w, h, style, title);

    /// <inheritdoc/>
    public void Line(double x1, double y1, double x2, double y2, Style style) => inner.Line(x1, y1 + dy, x2, y2 + dy, style);

    /// <inheritdoc/>
    public void Polyline(IReadOnlyList<Pt> points, Style style, string? title = null) => inner.Polyline(Move(points), style, title);

    /// <inheritdoc/>
    public void Polygon(IReadOnlyList<IReadOnlyList<Pt>> rings, Style style, string? title = null) => inner.Polygon(rings.Select(Move).ToList(), style, title);

    /// <inheritdoc/>
    public void Circle(double cx, double cy, double r, Style style, string? title = null) => inner.Circle(cx, cy + dy, r, style, title);

    /// <inheritdoc/>
    public void Text(double x, double y, string text, TextStyle style) => inner.Text(x, y + dy, text, style);

    private List<Pt> Move(IReadOnlyList<Pt> points) => points.Select(p => new Pt(p.X, p.Y + dy)).ToList();
}
