namespace Ballast.Reports.Analysis;

/// <summary>Stacked bars: one bar per category, one segment per stack (values ≥ 0).</summary>
/// <param name="YLabel">Y-axis label with unit.</param>
/// <param name="XLabel">X-axis label.</param>
/// <param name="Categories">Bars, left to right.</param>
/// <param name="Stacks">Segments, bottom to top; <c>Values[i]</c> is category i.</param>
public sealed record StackedBarSpec(string YLabel, string XLabel, IReadOnlyList<string> Categories, IReadOnlyList<BarSeries> Stacks);

/// <summary>One panel of a heat-map: <c>Values[row][column]</c>.</summary>
public sealed record HeatPanel(string Title, IReadOnlyList<IReadOnlyList<double>> Values);

/// <summary>Heat-maps side by side on one colour scale (white at zero to <paramref name="Colour"/> at the maximum).</summary>
/// <param name="Rows">Row labels.</param>
/// <param name="Columns">Column labels.</param>
/// <param name="Panels">Panels, left to right.</param>
/// <param name="ValueLabel">What the colour measures, with its unit (legend).</param>
/// <param name="Colour">Colour of the maximum.</param>
public sealed record HeatMapSpec(IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, IReadOnlyList<HeatPanel> Panels, string ValueLabel, string Colour);

/// <summary>A point on a scatter chart, with an optional horizontal interval.</summary>
public sealed record ScatterPoint(double X, double Y, string Label, string Colour, bool Highlight = false, double? XLow = null, double? XHigh = null);

/// <summary>A scatter chart; <paramref name="Connect"/> joins the points in order (a trajectory).</summary>
public sealed record ScatterSpec(string XLabel, string YLabel, IReadOnlyList<ScatterPoint> Points, bool Connect = false, bool LabelAll = true, double? XMin = null, double? XMax = null, double? YMin = null, double? YMax = null);

/// <summary>A distribution summarised for a box plot.</summary>
public sealed record BoxSummary(string Name, string Colour, double Min, double P25, double Median, double P75, double P90, double Max, double Mean);

/// <summary>Box plots side by side: box 25–75 %, median line, whiskers min–max, a tick at the 90th percentile, a dot at the mean.</summary>
public sealed record BoxPlotSpec(string YLabel, string XLabel, IReadOnlyList<BoxSummary> Boxes);

/// <summary>One axis of a parallel-coordinates chart: its label and whether higher values are better (drawn at the top).</summary>
/// <param name="Label">Axis label (lever or objective with its unit).</param>
/// <param name="HigherIsBetter">True when the top of the axis is the better end; levers: true (no preference, low at the bottom).</param>
public sealed record ParallelAxis(string Label, bool HigherIsBetter = true);

/// <summary>Parallel coordinates: one vertical axis per column, one polyline per row, each axis scaled to its own range.</summary>
/// <param name="Axes">The axes, left to right.</param>
/// <param name="Rows">One value per axis per row.</param>
/// <param name="RowLabels">A label per row (tooltips).</param>
public sealed record ParallelSpec(IReadOnlyList<ParallelAxis> Axes, IReadOnlyList<double[]> Rows, IReadOnlyList<string> RowLabels);

/// <summary>Charts of the analysis reports (stacked bars, heat-maps, scatter, box plots, parallel coordinates) on any <see cref="ICanvas"/>.</summary>
public static class AnalysisCharts
{
    private const string Axis = "#444444";
    private const string Grid = "#E5E5E5";

    /// <summary>Draws stacked bars into (x, y, w, h), with a legend above.</summary>
    public static void DrawStackedBars(ICanvas c, double x, double y, double w, double h, StackedBarSpec spec)
    {
        c.BeginGroup("chart stacked-bar-chart");
        int lines = LegendLines(spec.Stacks.Select(s => s.Name).ToList(), w - 70);
        double left = 58, right = 10, top = 12 + (16 * lines), bottom = 58;
        int n = Math.Max(1, spec.Categories.Count);
        double hi = Enumerable.Range(0, spec.Categories.Count).Select(i => spec.Stacks.Sum(s => i < s.Values.Count ? Math.Max(0, s.Values[i]) : 0)).DefaultIfEmpty(1).Max();
        (double lo, hi) = Scale.NiceDomain(0, Math.Max(hi, 1e-9));
        var ys = new Scale(lo, hi, y + h - bottom, y + top);
        YAxis(c, x + left, x + w - right, ys, spec.YLabel);
        double slot = (w - left - right) / n;
        for (int i = 0; i < spec.Categories.Count; i++)
        {
            double bx = x + left + (slot * i) + (slot * 0.15);
            double acc = 0;
            foreach (var s in spec.Stacks)
            {
                double v = i < s.Values.Count ? Math.Max(0, s.Values[i]) : 0;
                if (v > 0)
                {
                    c.Rect(bx, ys[acc + v], slot * 0.7, ys[acc] - ys[acc + v], Style.Solid(s.Colour, 0.92), $"{spec.Categories[i]} · {s.Name}: {ChartRenderer.Tick(v)}");
                    acc += v;
                }
            }

            // Category labels turn 40° when the slots are narrow, so long country or theatre names stay legible.
            double cx = x + left + (slot * (i + 0.5));
            bool turn = slot < 60;
            c.Text(cx + (turn ? 3 : 0), ys.From + 14, spec.Categories[i], new TextStyle(10, turn ? Anchor.End : Anchor.Middle, Axis, Rotate: turn ? -40 : 0));
        }

        c.Text(x + left + ((w - left - right) / 2), y + h - 4, spec.XLabel, new TextStyle(11, Anchor.Middle, Axis));
        Legend(c, x + left, y + 4, w - 70, spec.Stacks.Select(s => (s.Name, s.Colour)).ToList());
        c.EndGroup();
    }

    /// <summary>Draws the heat-map panels side by side into (x, y, w, h), with a colour legend beneath.</summary>
    public static void DrawHeatMap(ICanvas c, double x, double y, double w, double h, HeatMapSpec spec)
    {
        c.BeginGroup("chart heat-map");
        double max = spec.Panels.SelectMany(p => p.Values.SelectMany(r => r)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        double labelW = 110, gap = 18, top = 84, bottom = 40;
        int panels = Math.Max(1, spec.Panels.Count), rows = Math.Max(1, spec.Rows.Count), cols = Math.Max(1, spec.Columns.Count);
        double panelW = (w - labelW - (gap * (panels - 1)) - 70) / panels; // 70 px on the right for the last slanted column label
        double cellW = panelW / cols, cellH = (h - top - bottom) / rows;
        for (int r = 0; r < spec.Rows.Count; r++)
        {
            c.Text(x + labelW - 6, y + top + (cellH * (r + 0.5)) + 4, spec.Rows[r], new TextStyle(10, Anchor.End, Axis));
        }

        for (int p = 0; p < spec.Panels.Count; p++)
        {
            var panel = spec.Panels[p];
            double px = x + labelW + (p * (panelW + gap));
            c.Text(px + (panelW / 2), y + 14, panel.Title, new TextStyle(12, Anchor.Middle, Bold: true));
            for (int col = 0; col < spec.Columns.Count; col++)
            {
                // Column labels turn 40° so six theatre names fit above narrow cells.
                c.Text(px + (cellW * (col + 0.5)), y + top - 6, spec.Columns[col], new TextStyle(9.5, Anchor.Start, Axis, Rotate: -40));
            }

            for (int r = 0; r < spec.Rows.Count && r < panel.Values.Count; r++)
            {
                for (int col = 0; col < spec.Columns.Count && col < panel.Values[r].Count; col++)
                {
                    double v = panel.Values[r][col];
                    double share = max > 0 && double.IsFinite(v) ? Math.Clamp(v / max, 0, 1) : 0;
                    double cx = px + (cellW * col), cy = y + top + (cellH * r);
                    c.Rect(cx, cy, cellW - 1, cellH - 1, new Style(Mix(spec.Colour, share), "#FFFFFF", 1), $"{panel.Title} · {spec.Rows[r]} · {spec.Columns[col]}: {ChartRenderer.Tick(v)}");
                    if (cellW >= 34 && cellH >= 14)
                    {
                        c.Text(cx + (cellW / 2), cy + (cellH / 2) + 3.5, Short(v), new TextStyle(9, Anchor.Middle, share > 0.6 ? "#FFFFFF" : "#222222"));
                    }
                }
            }
        }

        // Colour legend: a ramp of 10 steps from 0 to the maximum.
        double lx = x + labelW, ly = y + h - bottom + 12, step = Math.Min(24, (w - labelW - 200) / 10);
        for (int k = 0; k < 10; k++)
        {
            c.Rect(lx + (k * step), ly, step, 10, Style.Solid(Mix(spec.Colour, (k + 0.5) / 10)));
        }

        c.Text(lx, ly + 22, "0", new TextStyle(9, Anchor.Middle, Axis));
        c.Text(lx + (10 * step), ly + 22, ChartRenderer.Tick(max), new TextStyle(9, Anchor.Middle, Axis));
        c.Text(lx + (10 * step) + 24, ly + 9, spec.ValueLabel, new TextStyle(10, Anchor.Start, Axis));
        c.EndGroup();
    }

    /// <summary>Draws a scatter chart (optionally a connected trajectory) into (x, y, w, h).</summary>
    public static void DrawScatter(ICanvas c, double x, double y, double w, double h, ScatterSpec spec)
    {
        c.BeginGroup("chart scatter-chart");
        double left = 58, right = 20, top = 14, bottom = 44;
        var pts = spec.Points;
        double xlo = spec.XMin ?? Math.Min(0, pts.Select(p => p.XLow ?? p.X).DefaultIfEmpty(0).Min());
        double xhi = spec.XMax ?? pts.Select(p => p.XHigh ?? p.X).DefaultIfEmpty(1).Max();
        double ylo = spec.YMin ?? Math.Min(0, pts.Select(p => p.Y).DefaultIfEmpty(0).Min());
        double yhi = spec.YMax ?? pts.Select(p => p.Y).DefaultIfEmpty(1).Max();
        if (spec.XMin is null || spec.XMax is null)
        {
            (xlo, xhi) = Scale.NiceDomain(xlo, xhi);
        }

        if (spec.YMin is null || spec.YMax is null)
        {
            (ylo, yhi) = Scale.NiceDomain(ylo, yhi);
        }

        var xs = new Scale(xlo, xhi, x + left, x + w - right);
        var ys = new Scale(ylo, yhi, y + h - bottom, y + top);
        YAxis(c, xs.From, xs.To, ys, spec.YLabel);
        foreach (double t in xs.Ticks(6))
        {
            c.Line(xs[t], ys.From, xs[t], ys.From + 4, Style.Line(Axis, 1));
            c.Text(xs[t], ys.From + 15, ChartRenderer.Tick(t), new TextStyle(10, Anchor.Middle, Axis));
        }

        c.Text((xs.From + xs.To) / 2, y + h - 6, spec.XLabel, new TextStyle(11, Anchor.Middle, Axis));
        if (spec.Connect && pts.Count > 1)
        {
            c.Polyline(pts.Select(p => new Pt(xs[p.X], ys[p.Y])).ToList(), Style.Line(Palette.Grey, 1.5), "trajectory");
        }

        foreach (var p in pts)
        {
            if (p.XLow is double a && p.XHigh is double b)
            {
                c.Line(xs[a], ys[p.Y], xs[b], ys[p.Y], Style.Line(p.Colour, 1.2));
            }

            c.Circle(xs[p.X], ys[p.Y], p.Highlight ? 6 : 4, new Style(p.Colour, p.Highlight ? Palette.Black : "#FFFFFF", p.Highlight ? 2 : 1, 0.9), $"{p.Label}: ({ChartRenderer.Tick(p.X)}, {ChartRenderer.Tick(p.Y)})");
            if (spec.LabelAll || p.Highlight)
            {
                c.Text(xs[p.X] + 7, ys[p.Y] - 6, p.Label, new TextStyle(10, Anchor.Start, "#222222", p.Highlight, Halo: true));
            }
        }

        c.EndGroup();
    }

    /// <summary>Draws box plots into (x, y, w, h).</summary>
    public static void DrawBoxPlot(ICanvas c, double x, double y, double w, double h, BoxPlotSpec spec)
    {
        c.BeginGroup("chart box-plot");
        double left = 58, right = 10, top = 26, bottom = 44;
        double hi = spec.Boxes.Select(b => b.Max).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        double lo = Math.Min(0, spec.Boxes.Select(b => b.Min).Where(double.IsFinite).DefaultIfEmpty(0).Min());
        (lo, hi) = Scale.NiceDomain(lo, Math.Max(hi, lo + 1e-9));
        var ys = new Scale(lo, hi, y + h - bottom, y + top);
        YAxis(c, x + left, x + w - right, ys, spec.YLabel);
        double slot = (w - left - right) / Math.Max(1, spec.Boxes.Count);
        for (int i = 0; i < spec.Boxes.Count; i++)
        {
            var b = spec.Boxes[i];
            double cx = x + left + (slot * (i + 0.5)), bw = Math.Min(70, slot * 0.45);
            c.Line(cx, ys[b.Min], cx, ys[b.Max], Style.Line(Axis, 1.2));
            c.Line(cx - (bw / 4), ys[b.Max], cx + (bw / 4), ys[b.Max], Style.Line(Axis, 1.2));
            c.Line(cx - (bw / 4), ys[b.Min], cx + (bw / 4), ys[b.Min], Style.Line(Axis, 1.2));
            c.Rect(cx - (bw / 2), ys[b.P75], bw, Math.Max(1, ys[b.P25] - ys[b.P75]), new Style(b.Colour, Axis, 1, 0.75), $"{b.Name}: 25th–75th percentile {ChartRenderer.Tick(b.P25)}–{ChartRenderer.Tick(b.P75)}");
            c.Line(cx - (bw / 2), ys[b.Median], cx + (bw / 2), ys[b.Median], Style.Line(Palette.Black, 2.2));
            c.Line(cx - (bw / 2) - 6, ys[b.P90], cx + (bw / 2) + 6, ys[b.P90], Style.Line(Palette.Vermillion, 2, "4 2"));
            c.Circle(cx, ys[b.Mean], 3.5, new Style("#FFFFFF", Palette.Black, 1.4), $"{b.Name}: mean {ChartRenderer.Tick(b.Mean)}");
            c.Text(cx, ys.From + 15, b.Name, new TextStyle(10, Anchor.Middle, Axis));
        }

        c.Text(x + left + ((w - left - right) / 2), y + h - 6, spec.XLabel, new TextStyle(11, Anchor.Middle, Axis));
        c.Text(x + left, y + 14, "box: 25–75 % of futures · bar: median · dashed: 90th percentile · circle: mean · whiskers: min–max", new TextStyle(9.5, Anchor.Start, "#666666"));
        c.EndGroup();
    }

    /// <summary>
    /// Parallel coordinates (Inselberg 1985): each row a line across the axes, each axis scaled from its minimum to its
    /// maximum over the rows, the better end at the top, so trade-offs show as crossing lines.
    /// </summary>
    public static void DrawParallelCoordinates(ICanvas c, double x, double y, double w, double h, ParallelSpec spec)
    {
        c.BeginGroup("chart parallel-coordinates");
        double left = 40, right = 40, top = 34, bottom = 46;
        int n = spec.Axes.Count;
        double step = n > 1 ? (w - left - right) / (n - 1) : 0;
        var ranges = Enumerable.Range(0, n).Select(k =>
        {
            var values = spec.Rows.Select(r => r[k]).Where(double.IsFinite).ToList();
            return values.Count == 0 ? (Lo: 0.0, Hi: 1.0) : (Lo: values.Min(), Hi: values.Max());
        }).ToArray();
        double Y(int k, double v)
        {
            var (lo, hi) = ranges[k];
            double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
            if (!spec.Axes[k].HigherIsBetter)
            {
                t = 1 - t;
            }

            return y + h - bottom - (t * (h - top - bottom));
        }

        for (int i = 0; i < spec.Rows.Count; i++)
        {
            var pts = Enumerable.Range(0, n).Where(k => double.IsFinite(spec.Rows[i][k])).Select(k => new Pt(x + left + (k * step), Y(k, spec.Rows[i][k]))).ToList();
            c.Polyline(pts, Style.Line(Palette.ForSeries(i % 8), 1.4), spec.RowLabels[i]);
        }

        for (int k = 0; k < n; k++)
        {
            double ax = x + left + (k * step);
            var (lo, hi) = ranges[k];
            bool up = spec.Axes[k].HigherIsBetter;
            c.Line(ax, y + top, ax, y + h - bottom, Style.Line(Axis, 1.2));
            c.Text(ax, y + top - 6, ChartRenderer.Tick(up ? hi : lo), new TextStyle(9.5, Anchor.Middle, Axis));
            c.Text(ax, y + h - bottom + 13, ChartRenderer.Tick(up ? lo : hi), new TextStyle(9.5, Anchor.Middle, Axis));
            c.Text(ax, y + h - bottom + 28, spec.Axes[k].Label, new TextStyle(10, Anchor.Middle, Axis));
        }

        c.Text(x + left, y + 13, "one line per policy · each axis from its lowest to its highest value in the set · the better end of each objective at the top", new TextStyle(9.5, Anchor.Start, "#666666"));
        c.EndGroup();
    }

    /// <summary>Blends white towards <paramref name="colour"/> (<c>#rrggbb</c>) by <paramref name="share"/> in [0, 1].</summary>
    public static string Mix(string colour, double share)
    {
        int r = Convert.ToInt32(colour.Substring(1, 2), 16), g = Convert.ToInt32(colour.Substring(3, 2), 16), b = Convert.ToInt32(colour.Substring(5, 2), 16);
        int M(int v) => (int)Math.Round(255 + ((v - 255) * Math.Clamp(share, 0, 1)));
        return string.Create(CultureInfo.InvariantCulture, $"#{M(r):X2}{M(g):X2}{M(b):X2}");
    }

    private static string Short(double v) => !double.IsFinite(v) ? "–" : Math.Abs(v) < 0.05 ? "0" : v.ToString(Math.Abs(v) >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);

    private static void YAxis(ICanvas c, double from, double to, Scale ys, string label)
    {
        foreach (double t in ys.Ticks())
        {
            c.Line(from, ys[t], to, ys[t], Style.Line(Grid, 1));
            c.Text(from - 5, ys[t] + 3.5, ChartRenderer.Tick(t), new TextStyle(10, Anchor.End, Axis));
        }

        c.Line(from, ys.From, to, ys.From, Style.Line(Axis, 1));
        c.Line(from, ys.From, from, ys.To, Style.Line(Axis, 1));
        c.Text(from - 45, (ys.From + ys.To) / 2, label, new TextStyle(11, Anchor.Middle, Axis, Rotate: -90));
    }

    private static int LegendLines(IReadOnlyList<string> names, double width)
    {
        int lines = 1;
        double lx = 0;
        foreach (string n in names)
        {
            double item = 30 + (n.Length * 6.2);
            if (lx + item > width && lx > 0)
            {
                lines++;
                lx = 0;
            }

            lx += item;
        }

        return lines;
    }

    private static void Legend(ICanvas c, double x, double y, double width, IReadOnlyList<(string Name, string Colour)> items)
    {
        double lx = 0, ly = y;
        foreach (var (name, colour) in items)
        {
            double item = 30 + (name.Length * 6.2);
            if (lx + item > width && lx > 0)
            {
                lx = 0;
                ly += 16;
            }

            c.Rect(x + lx, ly + 2, 12, 10, Style.Solid(colour, 0.92));
            c.Text(x + lx + 16, ly + 11, name, new TextStyle(10));
            lx += item;
        }
    }
}
