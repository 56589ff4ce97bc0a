using System.Globalization;
using System.Text.RegularExpressions;
using Ballast.Core;
using Ballast.Reports.Figures;
using Ballast.Reports.Model;

namespace Ballast.Reports.Tests;

public partial class ReportTests
{
    [GeneratedRegex("""(?:src|href|xlink:href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""url\(\s*["']?(?!#)""", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();

    [GeneratedRegex("""<(?:script|link|img|iframe|object|embed|video|audio|source)\b""", RegexOptions.IgnoreCase)]
    private static partial Regex LoadingElement();

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ballast-reports-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void The_report_has_no_external_reference()
    {
        string html = ReportWriter.Render(SampleReports.MissilesHosted());
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotMatch(CssUrl(), html);
        Assert.DoesNotMatch(LoadingElement(), html);

        // URLs may appear only as citation text: in the cite-this block (the repository) and the citations list.
        string withoutCitations = html[..html.IndexOf("<section id=\"cite\">", StringComparison.Ordinal)];
        Assert.True(html.IndexOf("<section id=\"cite\">", StringComparison.Ordinal) < html.IndexOf("<section id=\"citations\">", StringComparison.Ordinal));
        Assert.Contains(ReportWriter.RepositoryUrl, html, StringComparison.Ordinal);
        string withoutNamespaces = withoutCitations.Replace("xmlns=\"http://www.w3.org/2000/svg\"", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", withoutNamespaces, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", withoutNamespaces, StringComparison.Ordinal);
        Assert.Contains("https://www.sipri.org/databases/milex", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sections_come_in_the_order_the_issue_lists()
    {
        string html = ReportWriter.Render(SampleReports.MissilesHosted());
        string[] order = ["question", "headline", "burden", "allies", "missions", "map", "network", "kpis", "assumptions", "manifest", "citations"];
        var positions = order.Select(id => html.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order().ToList(), positions);
    }

    [Fact]
    public void The_reports_numbers_match_the_saved_results_file()
    {
        string dir = TempDir();
        var original = SampleReports.MissilesHosted();
        ReportModelStore.Save(original, Path.Combine(dir, ReportModelStore.FileName));
        string htmlPath = ReportModelStore.Rebuild(dir);
        string html = File.ReadAllText(htmlPath);

        // Read the numbers back from the JSON file itself (not from the in-memory model).
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, ReportModelStore.FileName)));
        var root = json.RootElement;
        var last = root.GetProperty("balance_ratio").GetProperty("points").EnumerateArray().Last();
        Assert.Contains($"data-kpi=\"ratio-p50\">{Format.Number(last.GetProperty("p50").GetDouble())}<", html, StringComparison.Ordinal);
        Assert.Contains($"data-kpi=\"ratio-p5\">{Format.Number(last.GetProperty("p5").GetDouble())}<", html, StringComparison.Ordinal);
        Assert.Contains($"data-kpi=\"ratio-p95\">{Format.Number(last.GetProperty("p95").GetDouble())}<", html, StringComparison.Ordinal);

        var cross = root.GetProperty("crossover");
        int runs = cross.GetProperty("runs").GetInt32(), never = cross.GetProperty("never_crossed").GetInt32();
        Assert.Contains($"data-kpi=\"never-share\">{((double)never / runs * 100).ToString("0.0", CultureInfo.InvariantCulture)} %<", html, StringComparison.Ordinal);
        Assert.Contains("data-kpi=\"never-share\">34.0 %<", html, StringComparison.Ordinal); // 340 of 1000, by hand

        // Every balance-ratio year appears as a row of the chart's data table with the file's percentiles.
        foreach (var p in root.GetProperty("balance_ratio").GetProperty("points").EnumerateArray())
        {
            string row = string.Concat(new[] { p.GetProperty("year").GetInt32().ToString(CultureInfo.InvariantCulture) }
                .Concat(new[] { "p5", "p25", "p50", "p75", "p95" }.Select(k => Format.Number(p.GetProperty(k).GetDouble())))
                .Select(c => $"<td class=\"num\">{c}</td>"));
            Assert.Contains(row, html, StringComparison.Ordinal);
        }

        // KPI rows: name, unit, p5, p50, p95 exactly as in the file; a KPI with one value (no percentiles, or every run equal) in one cell.
        foreach (var k in root.GetProperty("kpis").EnumerateArray())
        {
            double? P(string f) => k.GetProperty(f).ValueKind == System.Text.Json.JsonValueKind.Number ? k.GetProperty(f).GetDouble() : null;
            string unit = k.GetProperty("unit").GetString()!;
            string V(double v) => unit == "year" ? Format.Year(v) : Format.Number(v);
            string cells = P("p5") is double p5 && P("p95") is double p95 && V(p5) != V(p95)
                ? string.Concat(new[] { p5, P("p50")!.Value, p95 }.Select(v => $"<td class=\"num\">{V(v)}</td>"))
                : $"<td class=\"single\" colspan=\"3\">{V(P("p50")!.Value)}</td>";
            Assert.Contains($"<td>{k.GetProperty("name").GetString()}</td><td>{unit}</td>{cells}", html, StringComparison.Ordinal);
        }

        // Parameters: every registry row is listed with its value and source.
        foreach (var p in root.GetProperty("parameters").EnumerateArray())
        {
            Assert.Contains($"<td>{p.GetProperty("name").GetString()}</td><td class=\"num\">{Format.Number(p.GetProperty("value").GetDouble())}</td>", html, StringComparison.Ordinal);
            Assert.Contains(Ballast.Reports.Html.Html.E(p.GetProperty("source").GetString()!), html, StringComparison.Ordinal);
        }

        // Manifest entries.
        string plain = html.Replace(" class=\"num\"", string.Empty, StringComparison.Ordinal);
        foreach (var e in root.GetProperty("manifest").EnumerateArray())
        {
            Assert.Contains($"<td>{e.GetProperty("key").GetString()}</td><td>{e.GetProperty("value").GetString()}</td>", plain, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_saved_model_round_trips_through_json()
    {
        string dir = TempDir();
        var original = SampleReports.MissilesHosted();
        string path = Path.Combine(dir, ReportModelStore.FileName);
        ReportModelStore.Save(original, path);
        var loaded = ReportModelStore.Load(path);
        Assert.Equal(ReportWriter.Render(original), ReportWriter.Render(loaded));
    }

    [Fact]
    public void A_malformed_results_file_is_rejected_with_file_line_and_field()
    {
        string dir = TempDir();
        string path = Path.Combine(dir, ReportModelStore.FileName);
        File.WriteAllText(path, "{\n  \"scenario\": {\n    \"name\": \"x\",\n    \"start_year\": \"soon\"\n  }\n}\n");
        var e = Assert.Throws<BallastInputException>(() => ReportModelStore.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(4, e.Line);
        Assert.Contains($"{path}:4", e.Message, StringComparison.Ordinal);
        Assert.Contains("start_year", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_results_folder_is_an_input_error()
    {
        var e = Assert.Throws<BallastInputException>(() => ReportModelStore.Rebuild(Path.Combine(TempDir(), "nope")));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_figure_draws_elements_and_carries_a_caption_and_a_data_table()
    {
        var m = SampleReports.MissilesHosted();
        foreach (var f in ReportFigures.All(m))
        {
            string svg = f.ToSvg();
            int drawn = Regex.Count(svg, "<(path|polyline|rect|circle|line)\\b");
            Assert.True(drawn > 10, $"{f.Id} draws only {drawn} elements");
            Assert.False(string.IsNullOrWhiteSpace(f.Caption));
            Assert.NotEmpty(f.Table.Rows);
            Assert.All(f.Table.Rows, r => Assert.Equal(f.Table.Columns.Count, r.Count));
        }
    }

    [Fact]
    public void The_map_marks_capitals_inside_adversary_range_as_exposed()
    {
        var m = SampleReports.MissilesHosted();
        var exposure = Geo.ExposureAnalysis.Assess(m.Map);

        // Tokyo–Beijing is about 2,100 km: inside the DF-26's 4,000 km, outside the DF-21D's 1,500 km.
        var tokyo = exposure.Single(e => e.Country == "JPN" && e.Kind == "capital");
        Assert.True(tokyo.Exposed);
        Assert.Contains(tokyo.InRangeOf, s => s.StartsWith("DF-26", StringComparison.Ordinal));
        Assert.DoesNotContain(tokyo.InRangeOf, s => s.StartsWith("DF-21D", StringComparison.Ordinal));

        // Canberra is about 8,900 km from Beijing and 8,200 km from Pyongyang: out of every adversary ring here.
        Assert.False(exposure.Single(e => e.Country == "AUS" && e.Kind == "capital").Exposed);

        string svg = ReportFigures.Map(m).ToSvg();
        Assert.Contains("Tokyo (JPN): exposed to DF-26", svg, StringComparison.Ordinal);
        Assert.Contains("Canberra (AUS): outside adversary missile range", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void The_headline_median_crossover_year_is_the_lower_median_of_crossing_runs()
    {
        var h = Headline.Of(SampleReports.MissilesHosted());

        // 660 runs cross; the 330th in year order falls in 2036 (12+40+85+120 = 257 < 330 ≤ 397).
        Assert.Equal(2036, h.MedianCrossoverYear);
        Assert.Equal(0.66, h.CrossShare, 12);
        Assert.Equal(0.34, h.NeverShare, 12);
    }
}
