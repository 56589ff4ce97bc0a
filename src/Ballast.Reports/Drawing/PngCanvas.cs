using SkiaSharp;

namespace Ballast.Reports.Drawing;

/// <summary>Draws into a raster (SkiaSharp) and saves it as PNG; same drawing calls as <see cref="SvgCanvas"/>.</summary>
public sealed class PngCanvas : ICanvas, IDisposable
{
    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;
    private readonly SKTypeface _typeface;
    private readonly SKTypeface _bold;

    /// <summary>A canvas of a given size in drawing units, rasterised at <paramref name="scale"/> pixels per unit.</summary>
    public PngCanvas(double width, double height, double scale = 2)
    {
        Width = width;
        Height = height;
        _bitmap = new SKBitmap((int)Math.Ceiling(width * scale), (int)Math.Ceiling(height * scale));
        _canvas = new SKCanvas(_bitmap);
        _canvas.Clear(SKColors.White);
        _canvas.Scale((float)scale);
        _typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        _bold = SKTypeface.FromFamilyName("DejaVu Sans", SKFontStyle.Bold) ?? _typeface;
    }

    /// <inheritdoc />
    public double Width { get; }

    /// <inheritdoc />
    public double Height { get; }

    /// <inheritdoc />
    public void BeginGroup(string cssClass)
    {
        // Groups only matter for SVG structure.
    }

    /// <inheritdoc />
    public void EndGroup()
    {
    }

    /// <inheritdoc />
    public void PushClip(double x, double y, double w, double h)
    {
        _canvas.Save();
        _canvas.ClipRect(new SKRect((float)x, (float)y, (float)(x + w), (float)(y + h)));
    }

    /// <inheritdoc />
    public void PopClip() => _canvas.Restore();

    /// <inheritdoc />
    public void Rect(double x, double y, double w, double h, Style style, string? title = null)
    {
        var r = new SKRect((float)x, (float)y, (float)(x + Math.Max(0, w)), (float)(y + Math.Max(0, h)));
        Paint(style, (p) => _canvas.DrawRect(r, p));
    }

    /// <inheritdoc />
    public void Line(double x1, double y1, double x2, double y2, Style style) =>
        Paint(style with { Fill = null }, p => _canvas.DrawLine((float)x1, (float)y1, (float)x2, (float)y2, p));

    /// <inheritdoc />
    public void Polyline(IReadOnlyList<Pt> points, Style style, string? title = null)
    {
        if (points.Count < 2)
        {
            return;
        }

        using var path = new SKPath();
        path.MoveTo((float)points[0].X, (float)points[0].Y);
        for (int i = 1; i < points.Count; i++)
        {
            path.LineTo((float)points[i].X, (float)points[i].Y);
        }

        Paint(style with { Fill = null }, p => _canvas.DrawPath(path, p));
    }

    /// <inheritdoc />
    public void Polygon(IReadOnlyList<IReadOnlyList<Pt>> rings, Style style, string? title = null)
    {
        using var path = new SKPath { FillType = SKPathFillType.EvenOdd };
        foreach (var ring in rings)
        {
            if (ring.Count < 3)
            {
                continue;
            }

            path.MoveTo((float)ring[0].X, (float)ring[0].Y);
            for (int i = 1; i < ring.Count; i++)
            {
                path.LineTo((float)ring[i].X, (float)ring[i].Y);
            }

            path.Close();
        }

        Paint(style, p => _canvas.DrawPath(path, p));
    }

    /// <inheritdoc />
    public void Circle(double cx, double cy, double r, Style style, string? title = null) =>
        Paint(style, p => _canvas.DrawCircle((float)cx, (float)cy, (float)r, p));

    /// <inheritdoc />
    public void Text(double x, double y, string text, TextStyle style)
    {
        using var font = new SKFont(style.Bold ? _bold : _typeface, (float)style.Size);
        var align = style.Anchor switch { Anchor.Middle => SKTextAlign.Center, Anchor.End => SKTextAlign.Right, _ => SKTextAlign.Left };
        _canvas.Save();
        if (style.Rotate != 0)
        {
            _canvas.RotateDegrees((float)style.Rotate, (float)x, (float)y);
        }

        if (style.Halo)
        {
            using var halo = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3, StrokeJoin = SKStrokeJoin.Round };
            _canvas.DrawText(text, (float)x, (float)y, align, font, halo);
        }

        using var paint = new SKPaint { Color = Colour(style.Colour, 1), IsAntialias = true };
        _canvas.DrawText(text, (float)x, (float)y, align, font, paint);
        _canvas.Restore();
    }

    /// <summary>Writes the PNG file.</summary>
    public void Save(string path)
    {
        using var image = SKImage.FromBitmap(_bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _canvas.Dispose();
        _bitmap.Dispose();
    }

    private void Paint(Style style, Action<SKPaint> draw)
    {
        if (style.Fill is not null)
        {
            using var fill = new SKPaint { Color = Colour(style.Fill, style.FillOpacity), IsAntialias = true, Style = SKPaintStyle.Fill };
            draw(fill);
        }

        if (style.Stroke is not null)
        {
            using var stroke = new SKPaint
            {
                Color = Colour(style.Stroke, style.StrokeOpacity),
                IsAntialias = true,
                Style = SKPaintStyle.Stroke,
                StrokeWidth = (float)style.StrokeWidth,
                StrokeJoin = SKStrokeJoin.Round,
            };
            if (style.Dash is not null)
            {
                float[] intervals = style.Dash.Split(' ', ',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                if (intervals.Length % 2 == 1)
                {
                    intervals = [.. intervals, .. intervals];
                }

                stroke.PathEffect = SKPathEffect.CreateDash(intervals, 0);
            }

            draw(stroke);
        }
    }

    private static SKColor Colour(string hex, double opacity)
    {
        var c = SKColor.Parse(hex);
        return c.WithAlpha((byte)Math.Round(255 * Math.Clamp(opacity, 0, 1)));
    }
}
