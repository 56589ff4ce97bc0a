using static Ballast.Reports.Html.Html;

namespace Ballast.Reports;

/// <summary>Writes the comparison report: scenarios side by side on the same axes, with their differences.</summary>
public static class ComparisonReportWriter
{
    /// <summary>The comparison report's file name.</summary>
    public const string FileName = "comparison.html";

    /// <summary>Renders and writes the comparison report atomically.</summary>
    public static void Write(ComparisonModel model, string path) => WriteAtomically(path, Render(model));

    /// <summary>The comparison report as an HTML string.</summary>
    public static string Render(ComparisonModel c)
    {
        if (c.Scenarios.Count < 2)
        {
            throw new BallastInputException($"a comparison needs at least two scenarios, got {c.Scenarios.Count}");
        }

        var s = c.Scenarios;
        var reference = s[0];
        var sb = new StringBuilder(1 << 20);
        string names = string.Join(" vs ", s.Select(m => m.Scenario.Name));
        Begin(sb, $"Ballast comparison: {names}");
        sb.Append("<header class=\"report\"><h1>Ballast comparison: ").Append(E(names)).Append("</h1>\n<p class=\"meta\">Differences are each scenario minus <strong>")
            .Append(E(reference.Scenario.Name)).Append("</strong>. ")
            .Append(c.Differences.Count > 0 ? "Runs share common random numbers, so differences are taken run by run." : "Differences are differences of medians (no paired runs were supplied).")
            .Append("</p></header>\n");

        sb.Append("<section id=\"question\"><h2>The scenarios and their levers</h2>\n");
        var labels = s.SelectMany(m => m.Scenario.Levers.Select(l => l.Label)).Distinct().ToList();
        Table(sb, ["", .. s.Select(m => m.Scenario.Name)], new IReadOnlyList<string>[] { ["Question", .. s.Select(m => m.Scenario.Question)], ["Years", .. s.Select(m => $"{m.Scenario.StartYear + 1}–{m.Scenario.HorizonYear}")], ["Runs", .. s.Select(m => Format.Integer(m.Crossover.Runs))] }
            .Concat(labels.Select(l => (IReadOnlyList<string>)[l, .. s.Select(m => m.Scenario.Levers.FirstOrDefault(x => x.Label == l)?.Text ?? "—")])), "levers-table");
        sb.Append("</section>\n");

        sb.Append("<section id=\"headline\"><h2>Headline</h2>\n");
        var heads = s.Select(Headline.Of).ToList();
        var h0 = heads[0];
        Table(sb, ["Scenario", "Balance ratio at horizon, median [P5–P95]", "Difference in median", "Runs crossing parity", "Difference", "Median crossover year", "Never cross"],
            s.Select((m, i) => (IReadOnlyList<string>)[
                m.Scenario.Name,
                $"{Format.Number(heads[i].RatioP50)} [{Format.Number(heads[i].RatioP5)}–{Format.Number(heads[i].RatioP95)}]",
                i == 0 ? "—" : Signed(heads[i].RatioP50 - h0.RatioP50),
                Format.Percent(heads[i].CrossShare),
                i == 0 ? "—" : Signed((heads[i].CrossShare - h0.CrossShare) * 100) + " pp",
                heads[i].MedianCrossoverYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
                Format.Percent(heads[i].NeverShare)]),
            "headline-table");
        Figure(sb, ComparisonFigures.BalanceRatio(c), "cmp");
        Figure(sb, ComparisonFigures.Crossover(c), "cmp");
        sb.Append("</section>\n");

        sb.Append("<section id=\"allies\"><h2>Ally by ally</h2>\n");
        Figure(sb, ComparisonFigures.AllyGrid(c), "cmp");
        sb.Append("</section>\n<section id=\"missions\"><h2>Coalition effectiveness</h2>\n");
        Figure(sb, ComparisonFigures.Missions(c), "cmp");
        sb.Append("</section>\n");

        sb.Append("<section id=\"map\"><h2>Maps</h2>\n");
        for (int i = 0; i < s.Count; i++)
        {
            if (i > 0 && SameRings(s[i].Map, reference.Map))
            {
                sb.Append("<p class=\"muted\">").Append(E(s[i].Scenario.Name)).Append(": same missile deployments as ").Append(E(reference.Scenario.Name)).Append(" (map not repeated).</p>\n");
                continue;
            }

            var f = ReportFigures.Map(s[i]);
            Figure(sb, f with { Id = $"map-{i}", Title = $"{s[i].Scenario.Name}: {f.Title}" }, "cmp");
        }

        sb.Append("</section>\n<section id=\"network\"><h2>Alliance network</h2>\n");
        Figure(sb, ComparisonFigures.Network(c), "cmp");
        sb.Append("</section>\n");

        sb.Append("<section id=\"kpis\"><h2>Key performance indicators and differences</h2>\n");
        KpiTable(sb, c);
        if (c.Differences.Count > 0)
        {
            sb.Append("<h3>Paired differences at the horizon, run by run</h3>\n<p class=\"muted\">Every scenario ran the same run indices with the same seed, so run r faces the same shocks everywhere; each row is the distribution over runs of (scenario − reference)")
                .Append(reference.PercentileBasis is { } basis ? ", its percentiles over " + E(basis) : string.Empty).Append(".</p>\n");
            Table(sb, ["Indicator", "Scenario", "Reference", "Median difference", "P5", "P95"], c.Differences.Select(d => (IReadOnlyList<string>)[d.Kpi, d.Scenario, d.Reference, Signed(d.P50), Signed(d.P5), Signed(d.P95)]), "difference-table");
        }

        sb.Append("</section>\n");

        sb.Append("<section id=\"manifest\"><h2>Run manifests</h2>\n");
        var keys = s.SelectMany(m => m.Manifest.Select(e => e.Key)).Distinct().ToList();
        Table(sb, ["Field", .. s.Select(m => m.Scenario.Name)], keys.Select(k => (IReadOnlyList<string>)[k, .. s.Select(m => m.Manifest.FirstOrDefault(e => e.Key == k)?.Value ?? "—")]), "manifest-table");
        sb.Append("</section>\n");

        sb.Append("<section id=\"assumptions\"><h2>Parameters that differ</h2>\n");
        var differing = s.SelectMany(m => m.Parameters.Select(p => p.Name)).Distinct()
            .Where(n => s.Select(m => m.Parameters.FirstOrDefault(p => p.Name == n)).Select(p => p is null ? "—" : $"{p.Value}|{p.Distribution}").Distinct().Count() > 1).ToList();
        if (differing.Count == 0)
        {
            sb.Append("<p>Every scenario uses the same parameter values; the full registry is in each scenario's own report.</p>\n");
        }
        else
        {
            Table(sb, ["Parameter", .. s.Select(m => m.Scenario.Name)], differing.Select(n => (IReadOnlyList<string>)[n, .. s.Select(m => m.Parameters.FirstOrDefault(p => p.Name == n) is { } p ? (p.Distribution.Length > 0 ? p.Distribution : Format.Number(p.Value)) : "—")]), "parameter-table");
        }

        sb.Append("</section>\n");
        ReportWriter.CiteThis(sb, $"the comparison of the scenarios {string.Join(", ", s.Select(m => $"'{m.Scenario.Name}'"))} ({Format.Integer(s[0].Crossover.Runs)} runs each)");
        ReportWriter.Citations(sb, s.SelectMany(m => m.Citations).DistinctBy(x => x.Text).ToList());
        End(sb, "Generated by Ballast. Self-contained: this file makes no network request. Print it from the browser for a PDF.");
        return sb.ToString();
    }

    private static void KpiTable(StringBuilder sb, ComparisonModel c)
    {
        var s = c.Scenarios;
        var names = s.SelectMany(m => m.Kpis.Select(k => k.Name)).Distinct().ToList();
        var columns = new List<string> { "KPI", "Unit" };
        columns.AddRange(s.Select(m => $"{m.Scenario.Name}: median [P5–P95]"));
        columns.AddRange(s.Skip(1).Select(m => $"{m.Scenario.Name} − {s[0].Scenario.Name}"));
        var rows = new List<IReadOnlyList<string>>();
        foreach (string n in names)
        {
            var kpis = s.Select(m => m.Kpis.FirstOrDefault(k => k.Name == n)).ToList();
            var row = new List<string> { n, kpis.FirstOrDefault(k => k is not null)?.Unit ?? string.Empty };
            row.AddRange(kpis.Select(k => k is null ? "—" : k.Summary));
            for (int i = 1; i < s.Count; i++)
            {
                var paired = c.Differences.FirstOrDefault(d => d.Kpi == n && d.Scenario == s[i].Scenario.Name && d.Reference == s[0].Scenario.Name);
                row.Add(paired is not null
                    ? Paired(paired)
                    : kpis[i] is { } k && kpis[0] is { } k0 ? Signed(k.P50 - k0.P50) + " (medians)" : "—");
            }

            rows.Add(row);
        }

        Table(sb, columns, rows, "kpi-table");
    }

    private static bool SameRings(MapLayers a, MapLayers b) =>
        a.Rings.Count == b.Rings.Count && a.Rings.Zip(b.Rings).All(t => t.First == t.Second);

    /// <summary>A paired difference as "median [P5 to P95]", or one signed number when the runs' differences do not vary.</summary>
    internal static string Paired(KpiDifference d) =>
        d.P5 == d.P95 ? Signed(d.P50) : $"{Signed(d.P50)} [{Signed(d.P5)} to {Signed(d.P95)}]";

    internal static string Signed(double v) => (v > 0 ? "+" : v < 0 ? "−" : "±") + Format.Number(Math.Abs(v));
}
