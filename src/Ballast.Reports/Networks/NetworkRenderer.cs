namespace Ballast.Reports.Networks;

/// <summary>
/// Draws alliance network snapshots side by side with one shared layout: the patron in the centre, everyone else on a
/// circle grouped by role, so spokes (ties to the patron) and ally-to-ally ties read at a glance. Nodes are sized by
/// spending (area ∝ spending, one scale for all panels); edges are coloured and dashed by type, widened by strength.
/// </summary>
public static class NetworkRenderer
{
    private static readonly string[] KindOrder = ["defense-pact", "minilateral", "partnership"];

    /// <summary>Canvas size for <paramref name="panels"/> snapshots side by side.</summary>
    public static (double Width, double Height) Size(int panels) => (Math.Max(1, panels) * 460, 520);

    /// <summary>Draws the snapshots side by side on a canvas sized by <see cref="Size"/>.</summary>
    public static void Draw(ICanvas c, IReadOnlyList<NetworkSnapshot> snapshots, string patron = "USA")
    {
        var nodes = snapshots.SelectMany(s => s.Nodes).GroupBy(n => n.Iso3).Select(g => g.First()).ToList();
        var ring = nodes.Where(n => n.Iso3 != patron)
            .OrderBy(n => RoleOrder(n.Role)).ThenByDescending(n => n.SpendingUsdBn).ThenBy(n => n.Iso3, StringComparer.Ordinal)
            .Select(n => n.Iso3).ToList();
        double maxSpending = Math.Max(1e-9, snapshots.SelectMany(s => s.Nodes).Select(n => n.SpendingUsdBn).DefaultIfEmpty(1).Max());
        var kinds = snapshots.SelectMany(s => s.Edges).Select(e => e.Kind).Distinct()
            .OrderBy(k => Array.IndexOf(KindOrder, k) is int i && i >= 0 ? i : 99).ThenBy(k => k, StringComparer.Ordinal).ToList();

        double panelW = c.Width / Math.Max(1, snapshots.Count);
        c.BeginGroup("network");
        for (int i = 0; i < snapshots.Count; i++)
        {
            DrawPanel(c, i * panelW, 0, panelW, c.Height - 40, snapshots[i], patron, ring, maxSpending, kinds);
        }

        // Legend: edge kinds.
        double lx = 10, ly = c.Height - 22;
        foreach (string kind in kinds)
        {
            var st = EdgeStyle(kind, kinds, 0.6);
            c.Line(lx, ly - 4, lx + 26, ly - 4, st);
            c.Text(lx + 30, ly, kind, new TextStyle(10));
            lx += 46 + (kind.Length * 6.2);
        }

        c.Text(lx + 6, ly, "edge width ∝ strength · node area ∝ military spending · colour = role", new TextStyle(10, Colour: "#555555"));
        c.EndGroup();
    }

    /// <summary>Node positions for a layout (patron at the centre), exposed for tests and the web app.</summary>
    public static IReadOnlyDictionary<string, Pt> Layout(IReadOnlyList<string> ring, string patron, double cx, double cy, double radius)
    {
        var pos = new Dictionary<string, Pt>(StringComparer.Ordinal) { [patron] = new Pt(cx, cy) };
        for (int i = 0; i < ring.Count; i++)
        {
            double angle = (-Math.PI / 2) + (2 * Math.PI * i / ring.Count);
            pos[ring[i]] = new Pt(cx + (radius * Math.Cos(angle)), cy + (radius * Math.Sin(angle)));
        }

        return pos;
    }

    private static void DrawPanel(ICanvas c, double x, double y, double w, double h, NetworkSnapshot s, string patron, IReadOnlyList<string> ring, double maxSpending, IReadOnlyList<string> kinds)
    {
        c.BeginGroup("network-panel");
        c.Text(x + (w / 2), y + 18, s.Label, new TextStyle(13, Anchor.Middle, Bold: true));
        double metricsH = 16 * Math.Min(3, (s.Metrics.Count + 1) / 2);
        double cx = x + (w / 2), cy = y + 28 + ((h - 28 - metricsH) / 2);
        double radius = Math.Min(w, h - 28 - metricsH) / 2 - 44;
        var pos = Layout(ring, patron, cx, cy, radius);
        var present = s.Nodes.ToDictionary(n => n.Iso3);

        foreach (var e in s.Edges.OrderByDescending(e => e.Strength))
        {
            if (!pos.TryGetValue(e.A, out var a) || !pos.TryGetValue(e.B, out var b))
            {
                continue;
            }

            c.Polyline([a, b], EdgeStyle(e.Kind, kinds, e.Strength), $"{e.A}–{e.B}: {e.Kind}, strength {e.Strength.ToString("0.00", CultureInfo.InvariantCulture)}");
        }

        foreach (var (iso3, p) in pos)
        {
            if (!present.TryGetValue(iso3, out var n))
            {
                continue;
            }

            double r = 4 + (24 * Math.Sqrt(Math.Max(0, n.SpendingUsdBn) / maxSpending));
            c.Circle(p.X, p.Y, r, new Style(Palette.ForRole(n.Role), "#222222", 1, 0.9), $"{n.Name} ({Palette.RoleName(n.Role)}): military spending {n.SpendingUsdBn.ToString("#,0.0", CultureInfo.InvariantCulture)} bn USD");
            double dx = p.X - cx, dy = p.Y - cy, len = Math.Sqrt((dx * dx) + (dy * dy));
            var anchor = len < 1 ? Anchor.Middle : dx > 8 ? Anchor.Start : dx < -8 ? Anchor.End : Anchor.Middle;
            double ox = len < 1 ? 0 : dx / len * (r + 5), oy = len < 1 ? r + 13 : dy / len * (r + 5);
            c.Text(p.X + ox, p.Y + oy + 4, iso3, new TextStyle(11, anchor, "#111111", Bold: true, Halo: true));
        }

        double my = y + h - metricsH + 8;
        for (int i = 0; i < s.Metrics.Count && i < 6; i++)
        {
            var m = s.Metrics[i];
            double mx = x + 16 + ((i % 2) * (w / 2));
            c.Text(mx, my + ((i / 2) * 16), $"{m.Name}: {m.Value.ToString("0.###", CultureInfo.InvariantCulture)}", new TextStyle(10.5, Colour: "#333333"));
        }

        c.EndGroup();
    }

    private static Style EdgeStyle(string kind, IReadOnlyList<string> kinds, double strength)
    {
        int i = kinds.ToList().IndexOf(kind);
        string colour = kind switch
        {
            "defense-pact" => Palette.Blue,
            "minilateral" => Palette.Orange,
            "partnership" => Palette.BluishGreen,
            _ => Palette.ForSeries(i + 3),
        };
        string? dash = kind switch { "defense-pact" => null, "minilateral" => "8 3", "partnership" => "2 3", _ => "6 2 2 2" };
        return new Style(null, colour, 0.8 + (5 * Math.Clamp(strength, 0, 1)), 1, 0.85, dash);
    }

    private static int RoleOrder(CountryRole role) => role switch
    {
        CountryRole.TreatyAlly => 0,
        CountryRole.Partner => 1,
        CountryRole.Other => 2,
        CountryRole.Adversary => 3,
        _ => 4,
    };
}
