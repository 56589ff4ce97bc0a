namespace Ballast.Reports.Charts;

/// <summary>Draws band charts, bar charts and grids of small multiples onto any <see cref="ICanvas"/>.</summary>
public static class ChartRenderer
{
    private const string Axis = "#444444";
    private const string Grid = "#E5E5E5";

    /// <summary>Draws a band chart into the rectangle (x, y, w, h) of the canvas.</summary>
    public static void DrawBandChart(ICanvas c, double x, double y, double w, double h, BandChartSpec spec)
    {
        c.BeginGroup("chart band-chart");
        bool small = w < 260;
        double left = small ? 40 : 58, right = small ? 12 : 20, bottom = small ? 26 : 40;
        var legend = spec.Legend ? LegendLayout(spec.Series.Select(s => s.Name).ToList(), x + left, x + w - right - 190) : [];
        double legendLines = legend.Count == 0 ? 0 : legend.Max(l => l.Line) + 1;
        double top = spec.Title is null ? (spec.Legend ? 12 + (14 * legendLines) : 10) : 20;
        var points = spec.Series.SelectMany(s => s.Band.Points).ToList();
        int y0 = points.Count == 0 ? 0 : points.Min(p => p.Year), y1 = points.Count == 0 ? 1 : points.Max(p => p.Year);
        if (y1 == y0)
        {
            y1 = y0 + 1;
        }

        double lo = spec.YMin ?? Math.Min(points.Count == 0 ? 0 : points.Min(p => spec.Series.Any(s => s.ShowBand) ? p.P5 : p.P50), spec.References.Count == 0 ? double.MaxValue : spec.References.Min(r => r.Value));
        double hi = spec.YMax ?? Math.Max(points.Count == 0 ? 1 : points.Max(p => spec.Series.Any(s => s.ShowBand) ? p.P95 : p.P50), spec.References.Count == 0 ? double.MinValue : spec.References.Max(r => r.Value));
        if (spec.YMin is null && lo > 0 && lo < hi * 0.5)
        {
            lo = 0; // start at zero when that costs little, so levels read honestly
        }

        (lo, hi) = spec.YMin is not null && spec.YMax is not null ? (lo, hi) : Scale.NiceDomain(lo, hi, small ? 3 : 5);
        var xs = new Scale(y0, y1, x + left, x + w - right);
        var ys = new Scale(lo, hi, y + h - bottom, y + top);

        if (spec.Title is not null)
        {
            c.Text(x + left, y + 13, spec.Title, new TextStyle(small ? 10 : 12, Bold: true));
        }

        Axes(c, xs, ys, spec.YLabel, spec.XLabel, small, integerX: true);

        bool crowded = spec.Series.Count(s => s.ShowBand) > 3;
        c.PushClip(xs.From, ys.To, xs.To - xs.From, ys.From - ys.To);
        foreach (var s in spec.Series)
        {
            var pts = s.Band.Points;
            if (pts.Count == 0)
            {
                continue;
            }

            if (s.ShowBand && !crowded)
            {
                c.Polygon([Band(pts, xs, ys, p => p.P5, p => p.P95)], Style.Solid(s.Colour, 0.14), $"{s.Name}: 5th–95th percentile");
                c.Polygon([Band(pts, xs, ys, p => p.P25, p => p.P75)], Style.Solid(s.Colour, 0.26), $"{s.Name}: 25th–75th percentile");
            }
            else if (s.ShowBand)
            {
                // Many overlapping series: only the middle half of runs, faint, so the medians stay readable.
                c.Polygon([Band(pts, xs, ys, p => p.P25, p => p.P75)], Style.Solid(s.Colour, 0.12), $"{s.Name}: 25th–75th percentile");
            }
        }

        if (spec.Marker is { } marker && marker.Year >= y0 && marker.Year <= y1)
        {
            c.Line(xs[marker.Year], ys.From, xs[marker.Year], ys.To, Style.Line(Axis, 1, "2 3"));
            c.Text(xs[marker.Year] + 4, ys.To + 12, marker.Label, new TextStyle(small ? 8 : 10, Anchor.Start, Axis, Halo: true));
        }

        foreach (var r in spec.References)
        {
            c.Line(xs.From, ys[r.Value], xs.To, ys[r.Value], Style.Line(r.Colour, 1.2, "5 4"));

            // Labels sit at the left end: the right end is where the series' latest values are.
            c.Text(xs.From + 4, ys[r.Value] - 3, r.Label, new TextStyle(small ? 8 : 10, Anchor.Start, r.Colour, Halo: true));
        }

        foreach (var s in spec.Series)
        {
            var line = s.Band.Points.Select(p => new Pt(xs[p.Year], ys[p.P50])).ToList();
            c.Polyline(line, Style.Line(s.Colour, small ? 1.6 : 2.2, s.Dash), $"{s.Name}: median");
            if (line.Count == 1)
            {
                c.Circle(line[0].X, line[0].Y, 2.5, Style.Solid(s.Colour));
            }
        }

        c.PopClip();

        for (int i = 0; i < legend.Count; i++)
        {
            var s = spec.Series[i];
            double ly = y + 14 + (14 * legend[i].Line);
            c.Line(legend[i].X, ly - 4, legend[i].X + 16, ly - 4, Style.Line(s.Colour, 2.5, s.Dash));
            c.Text(legend[i].X + 20, ly, s.Name, new TextStyle(10));
        }

        if (legend.Count > 0 && spec.Series.Any(s => s.ShowBand))
        {
            c.Text(x + w - right, y + 14, crowded ? "bands: 25–75 % of runs" : "bands: 25–75 % and 5–95 % of runs", new TextStyle(9, Anchor.End, "#666666"));
        }

        c.EndGroup();
    }

    /// <summary>Draws a (grouped) bar chart into the rectangle (x, y, w, h).</summary>
    public static void DrawBarChart(ICanvas c, double x, double y, double w, double h, BarChartSpec spec)
    {
        c.BeginGroup("chart bar-chart");
        double left = 58, right = 10, top = spec.Legend && spec.Series.Count > 1 ? 26 : 12, bottom = spec.SlantLabels ? 96 : 44;
        double hi = spec.YMax ?? Math.Max(1e-9, spec.Series.SelectMany(s => s.High ?? s.Values).DefaultIfEmpty(1).Max());
        if (spec.References is { Count: > 0 } refs)
        {
            hi = Math.Max(hi, refs.Max(r => r.Value));
        }

        // Estimates can dip below zero (a sensitivity index near 0, its interval): the axis then extends below the baseline.
        double min = Math.Min(0, spec.Series.SelectMany(s => s.Low ?? s.Values).Where(double.IsFinite).DefaultIfEmpty(0).Min());
        (double lo, hi) = spec.YMax is null ? Scale.NiceDomain(min, hi) : (min, hi);
        var ys = new Scale(lo, hi, y + h - bottom, y + top);
        double plotW = w - left - right;
        int n = Math.Max(1, spec.Categories.Count);
        double slot = plotW / n;
        double barW = slot * 0.8 / Math.Max(1, spec.Series.Count);

        // Y grid and labels.
        foreach (double t in ys.Ticks())
        {
            c.Line(x + left, ys[t], x + w - right, ys[t], Style.Line(Grid, 1));
            c.Text(x + left - 5, ys[t] + 3.5, Tick(t), new TextStyle(10, Anchor.End, Axis));
        }

        c.Line(x + left, ys[0], x + w - right, ys[0], Style.Line(Axis, 1));
        c.Line(x + left, ys.From, x + left, ys.To, Style.Line(Axis, 1));
        c.Text(x + 13, y + top + ((ys.From - ys.To) / 2), spec.YLabel, new TextStyle(11, Anchor.Middle, Axis, Rotate: -90));
        c.Text(x + left + (plotW / 2), y + h - 6, spec.XLabel, new TextStyle(11, Anchor.Middle, Axis));

        int every = spec.SlantLabels ? 1 : Math.Max(1, (int)Math.Ceiling(n / (plotW / 34.0)));
        for (int i = 0; i < spec.Categories.Count; i++)
        {
            double cx = x + left + (slot * (i + 0.5));
            if (i % every == 0 || i == spec.Categories.Count - 1)
            {
                var label = spec.SlantLabels ? new TextStyle(10, Anchor.End, Axis, Rotate: -35) : new TextStyle(n > 12 ? 9 : 10, Anchor.Middle, Axis);
                c.Text(spec.SlantLabels ? cx + 3 : cx, ys.From + 14, spec.Categories[i], label);
            }

            for (int s = 0; s < spec.Series.Count; s++)
            {
                var series = spec.Series[s];
                if (i >= series.Values.Count)
                {
                    continue;
                }

                double v = series.Values[i];
                string colour = spec.Series.Count == 1 && spec.CategoryColours is { } cc && i < cc.Count && cc[i] is { } o ? o : series.Colour;
                double bx = x + left + (slot * i) + (slot * 0.1) + (barW * s);
                c.Rect(bx, ys[Math.Max(0, v)], barW - 1, Math.Abs(ys[0] - ys[v]), Style.Solid(colour, 0.9), $"{series.Name} · {spec.Categories[i]}: {Tick(v)}");
                if (series.Low is { } low && series.High is { } high && i < low.Count && i < high.Count)
                {
                    double wx = bx + ((barW - 1) / 2);
                    c.Line(wx, ys[low[i]], wx, ys[high[i]], Style.Line(Axis, 1.2));
                    c.Line(wx - 3, ys[low[i]], wx + 3, ys[low[i]], Style.Line(Axis, 1.2));
                    c.Line(wx - 3, ys[high[i]], wx + 3, ys[high[i]], Style.Line(Axis, 1.2));
                }
            }
        }

        foreach (var r in spec.References ?? [])
        {
            c.Line(x + left, ys[r.Value], x + w - right, ys[r.Value], Style.Line(r.Colour, 1.2, "5 4"));
            c.Text(x + w - right - 3, ys[r.Value] - 3, r.Label, new TextStyle(10, Anchor.End, r.Colour, Halo: true));
        }

        if (spec.Legend && spec.Series.Count > 1)
        {
            double lx = x + left;
            foreach (var s in spec.Series)
            {
                c.Rect(lx, y + 6, 12, 10, Style.Solid(s.Colour, 0.9));
                c.Text(lx + 16, y + 15, s.Name, new TextStyle(10));
                lx += 30 + (s.Name.Length * 6.2);
            }
        }

        c.EndGroup();
    }

    /// <summary>Tick label text: integers without decimals, small numbers with up to 3 significant digits.</summary>
    public static string Tick(double v)
    {
        if (Math.Abs(v - Math.Round(v)) < 1e-9 && Math.Abs(v) < 1e7)
        {
            return Math.Round(v).ToString("0", CultureInfo.InvariantCulture);
        }

        double a = Math.Abs(v);
        string fmt = a >= 100 ? "0" : a >= 10 ? "0.#" : a >= 1 ? "0.##" : "0.###";
        return v.ToString(fmt, CultureInfo.InvariantCulture);
    }

    private static List<(double X, int Line)> LegendLayout(IReadOnlyList<string> names, double start, double limit)
    {
        var placed = new List<(double X, int Line)>();
        double lx = start;
        int line = 0;
        foreach (string name in names)
        {
            double width = 28 + (name.Length * 6.2);
            if (lx + width > limit && lx > start)
            {
                lx = start;
                line++;
            }

            placed.Add((lx, line));
            lx += width;
        }

        return placed;
    }

    private static void Axes(ICanvas c, Scale xs, Scale ys, string yLabel, string xLabel, bool small, bool integerX)
    {
        double fs = small ? 8.5 : 10;
        foreach (double t in ys.Ticks(small ? 3 : 5))
        {
            c.Line(xs.From, ys[t], xs.To, ys[t], Style.Line(Grid, 1));
            c.Text(xs.From - 4, ys[t] + 3.5, Tick(t), new TextStyle(fs, Anchor.End, Axis));
        }

        var xticks = xs.Ticks(small ? 3 : 6).Where(t => !integerX || Math.Abs(t - Math.Round(t)) < 1e-9).ToList();
        foreach (double t in xticks)
        {
            c.Line(xs[t], ys.From, xs[t], ys.From + 4, Style.Line(Axis, 1));
            c.Text(xs[t], ys.From + (small ? 12 : 15), Tick(t), new TextStyle(fs, Anchor.Middle, Axis));
        }

        c.Line(xs.From, ys.From, xs.To, ys.From, Style.Line(Axis, 1));
        c.Line(xs.From, ys.From, xs.From, ys.To, Style.Line(Axis, 1));
        double midY = (ys.From + ys.To) / 2;
        c.Text(xs.From - (small ? 30 : 44), midY, yLabel, new TextStyle(small ? 8.5 : 11, Anchor.Middle, Axis, Rotate: -90));
        if (!small)
        {
            c.Text((xs.From + xs.To) / 2, ys.From + 32, xLabel, new TextStyle(11, Anchor.Middle, Axis));
        }
    }

    private static List<Pt> Band(IReadOnlyList<Model.BandPoint> pts, Scale xs, Scale ys, Func<Model.BandPoint, double> lo, Func<Model.BandPoint, double> hi)
    {
        var ring = new List<Pt>(pts.Count * 2);
        ring.AddRange(pts.Select(p => new Pt(xs[p.Year], ys[hi(p)])));
        ring.AddRange(pts.Reverse().Select(p => new Pt(xs[p.Year], ys[lo(p)])));
        return ring;
    }
}
