namespace Ballast.Reports.Drawing;

/// <summary>
/// Draws into an SVG document held as a string (no external references: fonts are system fonts, no images); the
/// label becomes the SVG's accessible name.
/// </summary>
/// <param name="width">Width in pixels.</param>
/// <param name="height">Height in pixels.</param>
/// <param name="label">Accessible label (aria-label).</param>
/// <param name="idPrefix">Prefix for element ids (clip paths), unique within one HTML page.</param>
public sealed class SvgCanvas(double width, double height, string label, string idPrefix = "c") : ICanvas
{
    private readonly StringBuilder _body = new();
    private readonly List<string> _defs = [];
    private int _clips;

    /// <inheritdoc />
    public double Width { get; } = width;

    /// <inheritdoc />
    public double Height { get; } = height;

    /// <inheritdoc />
    public void BeginGroup(string cssClass) => _body.Append("<g class=\"").Append(Esc(cssClass)).Append("\">");

    /// <inheritdoc />
    public void EndGroup() => _body.Append("</g>");

    /// <inheritdoc />
    public void PushClip(double x, double y, double w, double h)
    {
        string id = $"{idPrefix}-clip{_clips++}";
        _defs.Add($"<clipPath id=\"{id}\"><rect x=\"{Num.F(x)}\" y=\"{Num.F(y)}\" width=\"{Num.F(w)}\" height=\"{Num.F(h)}\"/></clipPath>");
        _body.Append("<g clip-path=\"url(#").Append(id).Append(")\">");
    }

    /// <inheritdoc />
    public void PopClip() => _body.Append("</g>");

    /// <inheritdoc />
    public void Rect(double x, double y, double w, double h, Style style, string? title = null) =>
        Element("rect", $"x=\"{Num.F(x)}\" y=\"{Num.F(y)}\" width=\"{Num.F(Math.Max(0, w))}\" height=\"{Num.F(Math.Max(0, h))}\"", style, title);

    /// <inheritdoc />
    public void Line(double x1, double y1, double x2, double y2, Style style) =>
        Element("line", $"x1=\"{Num.F(x1)}\" y1=\"{Num.F(y1)}\" x2=\"{Num.F(x2)}\" y2=\"{Num.F(y2)}\"", style with { Fill = null }, null);

    /// <inheritdoc />
    public void Polyline(IReadOnlyList<Pt> points, Style style, string? title = null)
    {
        if (points.Count < 2)
        {
            return;
        }

        Element("polyline", $"points=\"{Points(points)}\"", style with { Fill = null }, title);
    }

    /// <inheritdoc />
    public void Polygon(IReadOnlyList<IReadOnlyList<Pt>> rings, Style style, string? title = null)
    {
        var d = new StringBuilder();
        foreach (var ring in rings)
        {
            if (ring.Count < 3)
            {
                continue;
            }

            d.Append('M').Append(Num.F(ring[0].X)).Append(',').Append(Num.F(ring[0].Y));
            for (int i = 1; i < ring.Count; i++)
            {
                d.Append('L').Append(Num.F(ring[i].X)).Append(',').Append(Num.F(ring[i].Y));
            }

            d.Append('Z');
        }

        if (d.Length > 0)
        {
            Element("path", $"d=\"{d}\" fill-rule=\"evenodd\"", style, title);
        }
    }

    /// <inheritdoc />
    public void Circle(double cx, double cy, double r, Style style, string? title = null) =>
        Element("circle", $"cx=\"{Num.F(cx)}\" cy=\"{Num.F(cy)}\" r=\"{Num.F(r)}\"", style, title);

    /// <inheritdoc />
    public void Text(double x, double y, string text, TextStyle style)
    {
        string anchor = style.Anchor switch { Anchor.Middle => "middle", Anchor.End => "end", _ => "start" };
        _body.Append("<text x=\"").Append(Num.F(x)).Append("\" y=\"").Append(Num.F(y))
            .Append("\" font-size=\"").Append(Num.F(style.Size)).Append("\" text-anchor=\"").Append(anchor)
            .Append("\" fill=\"").Append(style.Colour).Append('"');
        if (style.Bold)
        {
            _body.Append(" font-weight=\"bold\"");
        }

        if (style.Halo)
        {
            _body.Append(" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        }

        if (style.Rotate != 0)
        {
            _body.Append(" transform=\"rotate(").Append(Num.F(style.Rotate)).Append(' ').Append(Num.F(x)).Append(' ').Append(Num.F(y)).Append(")\"");
        }

        _body.Append('>').Append(Esc(text)).Append("</text>");
    }

    /// <summary>The finished SVG element (no XML declaration, so it can be inlined in HTML or saved as a file).</summary>
    public string ToSvg()
    {
        var sb = new StringBuilder();
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(Num.F(Width)).Append(' ').Append(Num.F(Height))
            .Append("\" width=\"").Append(Num.F(Width)).Append("\" height=\"").Append(Num.F(Height))
            .Append("\" role=\"img\" aria-label=\"").Append(Esc(label))
            .Append("\" font-family=\"'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif\">");
        if (_defs.Count > 0)
        {
            sb.Append("<defs>").AppendJoin("", _defs).Append("</defs>");
        }

        sb.Append("<rect class=\"bg\" x=\"0\" y=\"0\" width=\"").Append(Num.F(Width)).Append("\" height=\"").Append(Num.F(Height)).Append("\" fill=\"#ffffff\"/>");
        sb.Append(_body).Append("</svg>");
        return sb.ToString();
    }

    private void Element(string name, string geometry, Style style, string? title)
    {
        _body.Append('<').Append(name).Append(' ').Append(geometry);
        _body.Append(" fill=\"").Append(style.Fill ?? "none").Append('"');
        if (style.Fill is not null && style.FillOpacity < 1)
        {
            _body.Append(" fill-opacity=\"").Append(style.FillOpacity.ToString("0.##", CultureInfo.InvariantCulture)).Append('"');
        }

        if (style.Stroke is not null)
        {
            _body.Append(" stroke=\"").Append(style.Stroke).Append("\" stroke-width=\"").Append(style.StrokeWidth.ToString("0.##", CultureInfo.InvariantCulture)).Append('"');
            if (style.StrokeOpacity < 1)
            {
                _body.Append(" stroke-opacity=\"").Append(style.StrokeOpacity.ToString("0.##", CultureInfo.InvariantCulture)).Append('"');
            }

            if (style.Dash is not null)
            {
                _body.Append(" stroke-dasharray=\"").Append(style.Dash).Append('"');
            }

            _body.Append(" stroke-linejoin=\"round\"");
        }

        if (title is null)
        {
            _body.Append("/>");
        }
        else
        {
            _body.Append("><title>").Append(Esc(title)).Append("</title></").Append(name).Append('>');
        }
    }

    private static string Points(IReadOnlyList<Pt> points)
    {
        var sb = new StringBuilder(points.Count * 10);
        foreach (var p in points)
        {
            sb.Append(Num.F(p.X)).Append(',').Append(Num.F(p.Y)).Append(' ');
        }

        return sb.ToString(0, sb.Length - 1);
    }

    private static string Esc(string s) => Html.Html.E(s);
}
