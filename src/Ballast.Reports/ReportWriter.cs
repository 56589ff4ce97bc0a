using static Ballast.Reports.Html.Html;

namespace Ballast.Reports;

/// <summary>Writes the single-scenario report: one self-contained HTML file (inline CSS and SVG, no script, no external reference).</summary>
public static class ReportWriter
{
    /// <summary>The report's file name inside a results folder.</summary>
    public const string FileName = "report.html";

    /// <summary>Renders the report and writes it to <paramref name="path"/> atomically.</summary>
    public static void Write(ReportModel model, string path) => WriteAtomically(path, Render(model));

    /// <summary>
    /// Everything a run leaves for readers in its output folder: <c>report-data.json</c> (so <c>ballast report DIR</c> can
    /// rebuild), <c>report.html</c>, and with <paramref name="charts"/> every chart as a file in <c>charts/</c>. Returns the report's path.
    /// </summary>
    public static string WriteAll(ReportModel model, string outputDirectory, ChartFormat? charts = null)
    {
        Directory.CreateDirectory(outputDirectory);
        ReportModelStore.Save(model, Path.Combine(outputDirectory, ReportModelStore.FileName));
        string path = Path.Combine(outputDirectory, FileName);
        Write(model, path);
        if (charts is ChartFormat f)
        {
            ChartExporter.WriteReportCharts(model, outputDirectory, f);
        }

        return path;
    }

    /// <summary>The report as an HTML string.</summary>
    public static string Render(ReportModel m)
    {
        var sb = new StringBuilder(1 << 20);
        var s = m.Scenario;
        Begin(sb, $"Ballast report: {s.Name}");

        sb.Append("<header class=\"report\"><h1>Ballast report: ").Append(E(s.Name)).Append("</h1>\n");
        sb.Append("<p class=\"meta\">Simulated years ").Append(s.StartYear + 1).Append('–').Append(s.HorizonYear)
            .Append(" from the ").Append(s.StartYear).Append(" data · ").Append(Format.Integer(m.Crossover.Runs)).Append(" ensemble runs</p></header>\n");
        Toc(sb, m.KeyFindings is { Count: > 0 }, m.Baseline is { Count: > 0 });

        if (m.KeyFindings is { Count: > 0 } findings)
        {
            sb.Append("<section id=\"findings\"><h2>Key findings</h2>\n<p class=\"findings\">").Append(E(string.Join(" ", findings))).Append("</p></section>\n");
        }

        sb.Append("<section id=\"question\"><h2>The question and the levers</h2>\n");
        sb.Append("<p class=\"question\">").Append(E(s.Question)).Append("</p>\n<p>").Append(E(s.Description)).Append("</p>\n<dl class=\"levers\">");
        foreach (var l in s.Levers)
        {
            sb.Append("<dt>").Append(E(l.Label)).Append("</dt><dd>").Append(E(l.Text)).Append("</dd>");
        }

        sb.Append("</dl></section>\n");

        var h = Headline.Of(m);
        sb.Append("<section id=\"headline\"><h2>Headline</h2>\n<div class=\"headline\">");
        sb.Append("<div class=\"box\"><div class=\"muted\">Balance ratio in ").Append(h.HorizonYear).Append(" (median)</div><div class=\"big\" data-kpi=\"ratio-p50\">")
            .Append(Format.Number(h.RatioP50)).Append("</div><div class=\"muted\">90 % of runs between <span data-kpi=\"ratio-p5\">").Append(Format.Number(h.RatioP5))
            .Append("</span> and <span data-kpi=\"ratio-p95\">").Append(Format.Number(h.RatioP95)).Append("</span>; 1 = parity</div></div>");
        sb.Append("<div class=\"box\"><div class=\"muted\">Runs in which the coalition falls behind</div><div class=\"big\" data-kpi=\"cross-share\">")
            .Append(Format.Percent(h.CrossShare)).Append("</div><div class=\"muted\">")
            .Append(h.MedianCrossoverYear is int y ? $"median crossover year {y}" : "no run crosses parity").Append("</div></div>");
        sb.Append("<div class=\"box\"><div class=\"muted\">Runs that never cross by ").Append(s.HorizonYear).Append("</div><div class=\"big\" data-kpi=\"never-share\">")
            .Append(Format.Percent(h.NeverShare)).Append("</div><div class=\"muted\">").Append(Format.Integer(m.Crossover.NeverCrossed)).Append(" of ")
            .Append(Format.Integer(m.Crossover.Runs)).Append(" runs</div></div>");
        sb.Append("</div>\n");
        Figure(sb, ReportFigures.BalanceRatio(m));
        Figure(sb, ReportFigures.Crossover(m));
        sb.Append("</section>\n");

        if (m.Baseline is { Count: > 0 } baseline)
        {
            sb.Append("<section id=\"baseline\"><h2>Difference from the ").Append(E(baseline[0].Reference)).Append(" scenario</h2>\n<p class=\"muted\">")
                .Append("This scenario minus the ").Append(E(baseline[0].Reference)).Append(" scenario, run by run: both were run with the same ")
                .Append(Format.Integer(m.Crossover.Runs)).Append(" runs and seed (common random numbers), so each difference is that of one run's two futures; the median and the 5th–95th percentile of those differences.</p>\n");
            sb.Append("<div class=\"table-wrap\">");
            Table(sb, ["KPI", "Unit", "Median difference", "P5", "P95"], baseline.Select(d => (IReadOnlyList<string>)[d.Kpi, d.Unit, ComparisonReportWriter.Signed(d.P50), ComparisonReportWriter.Signed(d.P5), ComparisonReportWriter.Signed(d.P95)]), "baseline-table");
            sb.Append("</div></section>\n");
        }

        Section(sb, "burden", "Burden sharing", ReportFigures.Burden(m));
        Section(sb, "allies", "Ally by ally", ReportFigures.SmallMultiples(m));
        Section(sb, "missions", "Coalition effectiveness", ReportFigures.Missions(m));
        Section(sb, "map", "Map: posture, missile ranges and exposure", ReportFigures.Map(m));
        Section(sb, "network", "Alliance network", ReportFigures.Network(m));

        sb.Append("<section id=\"kpis\"><h2>Key performance indicators</h2>\n<p class=\"muted\">Ensemble percentiles over ")
            .Append(m.PercentileBasis is { } basis ? E(basis) : Format.Integer(m.Crossover.Runs) + " runs").Append(".</p>\n");
        KpiTable(sb, m.Kpis);
        sb.Append("</section>\n");

        if (m.History is { Count: > 0 } history)
        {
            sb.Append("<section id=\"history\"><h2>Against the data</h2>\n<p class=\"muted\">The model's burden (median and 90 % band, % of GDP) against the realised burden of each ally and partner, year by year (World Bank/SIPRI share of GDP, else COW NMC spending over Maddison GDP).</p>\n");
            static string Pct(double? v) => v is double x ? Format.Number(x * 100) : "–";
            Table(sb, ["Country", "Year", "Data", "Model p5", "Model median", "Model p95", "In 90 % band"], history.Select(h => (IReadOnlyList<string>)[h.Iso3, h.Year.ToString(CultureInfo.InvariantCulture), Pct(h.Realised), Pct(h.P5), Pct(h.P50), Pct(h.P95), h.Realised is double r ? (r >= h.P5 && r <= h.P95 ? "yes" : "no") : "–"]), "history-table");
            sb.Append("</section>\n");
        }

        sb.Append("<section id=\"assumptions\"><h2>Assumption registry</h2>\n<p class=\"muted\">Every model parameter with the value used in this run and its source: <em>calibrated</em> (fitted to data), <em>cited</em> (a published figure), or <em>assumption</em> (with the reasoning).</p>\n");
        Table(sb, ["Parameter", "Value", "Distribution", "Unit", "Source kind", "Source", "Meaning"], m.Parameters.Select(p => (IReadOnlyList<string>)[p.Name, Format.Number(p.Value), p.Distribution, p.Unit, p.SourceKind, p.Source, p.Description]), "parameter-table");
        sb.Append("</section>\n");

        sb.Append("<section id=\"manifest\"><h2>Run manifest</h2>\n");
        Table(sb, ["Field", "Value"], m.Manifest.Select(e => (IReadOnlyList<string>)[e.Key, e.Value]), "manifest-table");
        sb.Append("</section>\n");

        CiteThis(sb, $"the report of scenario '{s.Name}' ({Format.Integer(m.Crossover.Runs)} runs{Seed(m)}, {s.StartYear} data to {s.HorizonYear})");
        Citations(sb, m.Citations);
        End(sb, $"Generated by Ballast {typeof(ReportWriter).Assembly.GetName().Version?.ToString(3) ?? "?"}. Self-contained: this file makes no network request. Print it from the browser for a PDF.");
        return sb.ToString();
    }

    // A KPI with a spread fills P5, median and P95; a single number (a share of runs, a median year) spans the three columns.
    private static void KpiTable(StringBuilder sb, IReadOnlyList<KpiRow> kpis)
    {
        sb.Append("<table class=\"kpi-table\"><thead><tr>");
        foreach (string c in (string[])["KPI", "Unit", "P5", "Median", "P95", "Meaning"])
        {
            sb.Append("<th scope=\"col\">").Append(c).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var k in kpis)
        {
            sb.Append("<tr><td>").Append(E(k.Name)).Append("</td><td>").Append(E(k.Unit)).Append("</td>");
            if (k.HasSpread)
            {
                sb.Append("<td class=\"num\">").Append(E(k.Value(k.P5))).Append("</td><td class=\"num\">").Append(E(k.Shown)).Append("</td><td class=\"num\">").Append(E(k.Value(k.P95))).Append("</td>");
            }
            else
            {
                sb.Append("<td class=\"single\" colspan=\"3\">").Append(E(k.Shown)).Append("</td>");
            }

            sb.Append("<td>").Append(E(k.Note)).Append("</td></tr>");
        }

        sb.Append("</tbody></table>\n");
    }

    /// <summary>How to cite Ballast (as in the repository's CITATION.cff), with what the page shows.</summary>
    public static string Citation(string what) =>
        $"Ballast contributors ({CitationYear}). Ballast: burden sharing, alliance networks and simulation of the US-led alliance system in the Indo-Pacific (version {Version}) [software]. {RepositoryUrl}. Cited for {what}.";

    /// <summary>The repository address cited.</summary>
    public const string RepositoryUrl = "https://github.com/ballast-project/ballast";

    /// <summary>The year of the release cited.</summary>
    public const int CitationYear = 2026;

    /// <summary>The program version (three parts), as in CITATION.cff.</summary>
    public static string Version => typeof(ReportWriter).Assembly.GetName().Version?.ToString(3) ?? "?";

    internal static void CiteThis(StringBuilder sb, string what)
    {
        sb.Append("<section id=\"cite\"><h2>Cite this report</h2>\n<p class=\"cite\">").Append(E(Citation(what)))
            .Append("</p>\n<p class=\"muted\">Cite the data sources below as well; the software's citation file is CITATION.cff in the repository.</p></section>\n");
    }

    private static string Seed(ReportModel m) =>
        m.Manifest.FirstOrDefault(e => e.Key == "seed") is { } seed ? $", seed {seed.Value}" : string.Empty;

    internal static void Citations(StringBuilder sb, IReadOnlyList<Citation> citations)
    {
        sb.Append("<section id=\"citations\"><h2>Data citations</h2>\n<ol class=\"citations\">");
        foreach (var c in citations.Append(new Citation("Map boundaries", Geo.WorldAtlas.Citation)).DistinctBy(c => c.Text))
        {
            sb.Append("<li><strong>").Append(E(c.Dataset)).Append(".</strong> ").Append(E(c.Text)).Append("</li>");
        }

        sb.Append("</ol></section>\n");
    }

    private static void Section(StringBuilder sb, string id, string title, Figure f)
    {
        sb.Append("<section id=\"").Append(id).Append("\"><h2>").Append(E(title)).Append("</h2>\n");
        Figure(sb, f);
        sb.Append("</section>\n");
    }

    private static void Toc(StringBuilder sb, bool findings, bool baseline)
    {
        List<(string Id, string Title)> items =
        [
            ("findings", "Key findings"), ("question", "Question and levers"), ("headline", "Headline"), ("burden", "Burden sharing"), ("allies", "Ally by ally"),
            ("missions", "Coalition effectiveness"), ("map", "Map"), ("network", "Alliance network"), ("kpis", "KPIs"),
            ("assumptions", "Assumption registry"), ("manifest", "Run manifest"), ("cite", "Cite this report"), ("citations", "Data citations"),
        ];
        if (baseline)
        {
            items.Insert(3, ("baseline", "Difference from the baseline"));
        }

        if (!findings)
        {
            items.RemoveAt(0);
        }

        sb.Append("<nav class=\"toc\" aria-label=\"Contents\">");
        foreach (var (id, title) in items)
        {
            sb.Append("<div><a href=\"#").Append(id).Append("\">").Append(E(title)).Append("</a></div>");
        }

        sb.Append("</nav>\n");
    }
}
