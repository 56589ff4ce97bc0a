namespace Ballast.Reports.Figures;

/// <summary>A table of text cells shown behind a chart (collapsed) and exported as CSV by the web app.</summary>
public sealed record DataTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// A figure: what to draw (onto any canvas), its caption, and the data behind it. The HTML report inlines it as SVG;
/// <c>--charts svg|png</c> writes it as a file; the web app can call <see cref="ToSvg"/> directly.
/// </summary>
/// <param name="Id">File and anchor name, e.g. <c>balance-ratio</c>.</param>
/// <param name="Title">Heading.</param>
/// <param name="Caption">What the figure shows, in a sentence or two, with its sources.</param>
/// <param name="Width">Canvas width in pixels.</param>
/// <param name="Height">Canvas height in pixels.</param>
/// <param name="Draw">Draws the figure.</param>
/// <param name="Table">The data behind the figure.</param>
public sealed record Figure(string Id, string Title, string Caption, double Width, double Height, Action<ICanvas> Draw, DataTable Table)
{
    /// <summary>The figure as a standalone SVG element.</summary>
    public string ToSvg(string idPrefix = "f")
    {
        var canvas = new SvgCanvas(Width, Height, Title, $"{idPrefix}-{Id}");
        Draw(canvas);
        return canvas.ToSvg();
    }

    /// <summary>Writes the figure as a PNG file (2 pixels per unit).</summary>
    public void SavePng(string path, double scale = 2)
    {
        using var canvas = new PngCanvas(Width, Height, scale);
        Draw(canvas);
        canvas.Save(path);
    }
}
