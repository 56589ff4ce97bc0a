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

    /// <summary>The figure with its title above and a source line (wrapped to the width) below, for a file that stands alone.</summary>
    public Figure Framed(string source)
    {
        const double titleHeight = 30, lineHeight = 14, padding = 8;
        var lines = Wrap(source, Math.Max(40, (int)(Width / 5.6)));
        double footer = padding + (lines.Count * lineHeight);
        return this with
        {
            Height = titleHeight + Height + footer,
            Draw = c =>
            {
                c.Rect(0, 0, c.Width, c.Height, Style.Solid("#ffffff"));
                c.Text(10, 20, Title, new TextStyle(15, Bold: true));
                Draw(new OffsetCanvas(c, titleHeight, Height));
                for (int i = 0; i < lines.Count; i++)
                {
                    c.Text(10, titleHeight + Height + padding + (lineHeight * (i + 1)) - 4, lines[i], new TextStyle(10, Colour: "#555555"));
                }
            },
        };
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Writes the figure as a PNG file (2 pixels per unit).</summary>
    public void SavePng(string path, double scale = 2)
    {
        using var canvas = new PngCanvas(Width, Height, scale);
        Draw(canvas);
        canvas.Save(path);
    }
}
