using System.Globalization;
using System.Text.RegularExpressions;

namespace Ballast.Cli.Tests;

/// <summary>The HTML reports of optimize, sensitivity, discover and robust (<c>--out DIR</c>).</summary>
public sealed partial class AnalysisReportTests : IDisposable
{
    private readonly string _dir = RepoPaths.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex("""(?:src|href|xlink:href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""url\(\s*["']?(?!#)""", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();

    [GeneratedRegex("""<(?:script|link|img|iframe|object|embed|video|audio|source)\b""", RegexOptions.IgnoreCase)]
    private static partial Regex LoadingElement();

    [GeneratedRegex("""<figure id="fig-(?<id>[^"]+)".*?</figure>""", RegexOptions.Singleline)]
    private static partial Regex FigureElement();

    [GeneratedRegex("""</title></(?:rect|circle|polyline|path|polygon)>""")]
    private static partial Regex DrawnMark();

    /// <summary>Same rules as report.html: nothing that loads, addresses only as citation text in the Sources list.</summary>
    private static void AssertSelfContained(string html)
    {
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotMatch(CssUrl(), html);
        Assert.DoesNotMatch(LoadingElement(), html);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", html, StringComparison.Ordinal);
        string body = html[..html.IndexOf("<section id=\"citations\">", StringComparison.Ordinal)].Replace("xmlns=\"http://www.w3.org/2000/svg\"", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", body, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", body, StringComparison.Ordinal);
    }

    /// <summary>Each named figure is present, inline SVG, with at least <paramref name="marks"/> drawn data marks (elements with a tooltip).</summary>
    private static void AssertFigures(string html, int marks, params string[] ids)
    {
        var figures = FigureElement().Matches(html).ToDictionary(m => m.Groups["id"].Value, m => m.Value);
        Assert.Equal(ids.Order(StringComparer.Ordinal), figures.Keys.Order(StringComparer.Ordinal));
        foreach (string id in ids)
        {
            Assert.Contains("<svg", figures[id], StringComparison.Ordinal);
            int drawn = DrawnMark().Count(figures[id]);
            Assert.True(drawn >= marks, $"figure {id} has {drawn} drawn marks");
            Assert.Contains("<figcaption>", figures[id], StringComparison.Ordinal);
            Assert.Contains("<details><summary>Data behind this chart", figures[id], StringComparison.Ordinal);
        }
    }

    private static string Cell(double v, string format) => "<td class=\"num\">" + v.ToString(format, CultureInfo.InvariantCulture) + "</td>";

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Optimize_writes_optimisation_html_whose_dividend_and_gaps_match_the_csv()
    {
        string scenario = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(scenario, """
            name: optimiser-report
            description: Indo-Pacific default with a reassuring US.
            question: Who should do what, where?
            start: 2024
            horizon: 2030
            actors: indo-pacific
            us:
              stance:
                - from: 2024
                  kind: reassure
            """);
        string outDir = Path.Combine(_dir, "opt");
        var (code, json, err) = CliRunner.Run("optimise", scenario, "--year", "2030", "--budget-share", "3.5", "--out", outDir, "--format", "json");
        Assert.True(code == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(json); // json output stays one document
        string html = File.ReadAllText(Path.Combine(outDir, "optimisation.html"));
        AssertSelfContained(html);
        AssertFigures(html, 10, "allocation-country", "allocation-theatre", "gap-heat-map");
        foreach (string section in new[] { "dividend", "allocation", "gaps", "programmes", "assumptions" })
        {
            Assert.Contains($"<section id=\"{section}\">", html, StringComparison.Ordinal);
        }

        // 7 mission areas × 6 theatres × (federated, autonomous) heat-map cells.
        string heat = FigureElement().Matches(html).Single(m => m.Groups["id"].Value == "gap-heat-map").Value;
        Assert.Equal(84, Regex.Count(heat, "<rect [^>]*><title>(Federated|Autonomous) · "));

        var tables = doc.RootElement.GetProperty("tables");
        Assert.Contains(Cell(doc.RootElement.GetProperty("dividend_usd_bn").GetDouble(), "N2"), html, StringComparison.Ordinal);

        // The heat-map's data table: every gap in bn units, as the JSON gives them.
        string heatTable = heat[heat.IndexOf("<table", StringComparison.Ordinal)..];
        var coverage = tables.GetProperty("coverage").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(42, coverage.Count);
        foreach (var r in coverage)
        {
            double N(string name) => r.GetProperty(name).GetDouble();
            string expected = $"<td>{r.GetProperty("mission").GetString()}</td><td>{r.GetProperty("theatre").GetString()}</td>{Cell(N("requirement_bn_units"), "N2")}{Cell(N("federated_gap_bn_units"), "N2")}{Cell(N("autonomous_gap_bn_units"), "N2")}";
            Assert.Contains(expected, heatTable, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Robust_writes_robust_html_whose_regret_table_matches_the_csv()
    {
        var (code, csv, err) = CliRunner.Run("robust", RepoPaths.Scenario("us-conditional-3.5"), RepoPaths.Scenario("us-reassure"), "--futures", "12", "--out", _dir, "--format", "csv");
        Assert.True(code == 0, err);
        string html = File.ReadAllText(Path.Combine(_dir, "robust.html"));
        AssertSelfContained(html);
        AssertFigures(html, 4, "regret"); // per policy: a box and a mean marker
        var rows = csv.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(2, rows.Count);
        foreach (var r in rows)
        {
            Assert.Contains($"<tr><td>{r[0]}</td>{Cell(Parse(r[1]), "N3")}{Cell(Parse(r[2]), "N3")}{Cell(Parse(r[3]), "N3")}{Cell(Parse(r[4]), "N3")}", html, StringComparison.Ordinal);
        }

        // The chart's own table: the maximum of each policy's regret distribution is the table's maximum regret.
        string figure = FigureElement().Matches(html).Single().Value;
        foreach (var r in rows)
        {
            Assert.Matches($"<tr><td>{Regex.Escape(r[0])}</td>(<td class=\"num\">[^<]*</td>){{5}}{Regex.Escape(Cell(Parse(r[2]), "N3"))}", figure);
        }
    }

    [Fact]
    public void Sensitivity_and_discover_write_their_reports_from_a_store()
    {
        string sobolStore = Path.Combine(_dir, "sobol.duckdb"), morrisStore = Path.Combine(_dir, "morris.duckdb");
        string scenario = RepoPaths.Scenario("baseline");
        Assert.Equal(0, CliRunner.Run("explore", scenario, "--design", "sobol", "--samples", "8", "--store", sobolStore, "--format", "csv").Code);
        Assert.Equal(0, CliRunner.Run("explore", scenario, "--design", "morris", "--samples", "4", "--store", morrisStore, "--format", "csv").Code);

        var sobol = CliRunner.Run("sensitivity", sobolStore, "--outcome", "balance_ratio", "--resamples", "50", "--out", Path.Combine(_dir, "sobol"), "--format", "csv");
        Assert.True(sobol.Code == 0, sobol.Err);
        string html = File.ReadAllText(Path.Combine(_dir, "sobol", "sensitivity.html"));
        AssertSelfContained(html);
        var rows = sobol.Out.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
        AssertFigures(html, 2 * rows.Count, "sobol-indices"); // an S1 and an ST bar per parameter
        foreach (var r in rows)
        {
            Assert.Contains($"<tr><td>{r[0]}</td>{Cell(Parse(r[1]), "N3")}{Cell(Parse(r[2]), "N3")}{Cell(Parse(r[3]), "N3")}", html, StringComparison.Ordinal);
        }

        var morris = CliRunner.Run("sensitivity", morrisStore, "--outcome", "balance_ratio", "--out", Path.Combine(_dir, "morris"));
        Assert.True(morris.Code == 0, morris.Err);
        Assert.Contains("report: " + Path.Combine(_dir, "morris", "sensitivity.html") + "\n", morris.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("report:", morris.Out, StringComparison.Ordinal);
        string morrisHtml = File.ReadAllText(Path.Combine(_dir, "morris", "sensitivity.html"));
        AssertSelfContained(morrisHtml);
        AssertFigures(morrisHtml, 13, "morris"); // one point per uncertain parameter of the baseline

        var discover = CliRunner.Run("discover", sobolStore, "--where", "balance_ratio >= 1.2", "--out", _dir, "--format", "csv");
        Assert.True(discover.Code == 0, discover.Err);
        string discovery = File.ReadAllText(Path.Combine(_dir, "discovery.html"));
        AssertSelfContained(discovery);
        AssertFigures(discovery, 2, "peeling-trajectory");
        Assert.Contains("<table class=\"box-table\">", discovery, StringComparison.Ordinal);
        Assert.Contains("Quasi-p (lower)", discovery, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_out_no_report_is_written()
    {
        var (code, _, err) = CliRunner.Run("robust", RepoPaths.Scenario("baseline"), RepoPaths.Scenario("us-reassure"), "--futures", "4", "--format", "csv");
        Assert.True(code == 0, err);
        Assert.Empty(Directory.GetFiles(_dir));
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "robust.html")));
    }
}
