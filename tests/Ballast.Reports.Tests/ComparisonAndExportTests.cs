using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ballast.Cli;
using Ballast.Core;
using Ballast.Reports.Figures;
using Ballast.Reports.Model;

namespace Ballast.Reports.Tests;

public class ComparisonAndExportTests
{
    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ballast-reports-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    internal static ComparisonModel Pair() => new(
        [SampleReports.MissilesHosted("baseline"), SampleReports.MissilesHosted("us-reassure", ratioShift: 0.1)],
        [new KpiDifference("Balance ratio at horizon", "ratio", "us-reassure", "baseline", 0.04, 0.1, 0.17)]);

    [Fact]
    public void The_comparison_puts_scenarios_side_by_side_with_their_differences()
    {
        string html = ComparisonReportWriter.Render(Pair());
        Assert.Contains("Ballast comparison: baseline vs us-reassure", html, StringComparison.Ordinal);

        // Paired difference from common random numbers, shown with its spread.
        Assert.Contains("<td>+0.1 [+0.04 to +0.17]</td>", html, StringComparison.Ordinal);

        // Headline: the median ratio at the horizon moves by exactly the shift.
        Assert.Contains("<td class=\"num\">+0.1</td>", html, StringComparison.Ordinal);

        // KPIs without a paired difference fall back to medians, and say so.
        Assert.Contains("±0 (medians)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("""(?:src|href)\s*=\s*["']?(?:https?:)?//""", RegexOptions.IgnoreCase), html);

        // Same missile deployments: the second map is not repeated.
        Assert.Contains("same missile deployments as baseline", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_comparison_draws_every_scenario_on_the_same_axes()
    {
        var c = Pair();
        string svg = ComparisonFigures.BalanceRatio(c).ToSvg();
        Assert.Contains("baseline: median", svg, StringComparison.Ordinal);
        Assert.Contains("us-reassure: median", svg, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(svg, "class=\"chart band-chart\""));
        foreach (var f in ComparisonFigures.All(c))
        {
            Assert.True(Regex.Count(f.ToSvg(), "<(path|polyline|rect|circle|line)\\b") > 10, f.Id);
        }
    }

    [Fact]
    public void A_comparison_needs_two_scenarios()
    {
        var e = Assert.Throws<BallastInputException>(() => ComparisonReportWriter.Render(new ComparisonModel([SampleReports.MissilesHosted()], [])));
        Assert.Contains("at least two scenarios, got 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_charts_are_well_formed_standalone_files()
    {
        string dir = TempDir();
        var files = ChartExporter.WriteReportCharts(SampleReports.MissilesHosted(), dir, ChartFormat.Svg);
        Assert.Equal(ReportFigures.All(SampleReports.MissilesHosted()).Select(f => $"{f.Id}.svg"), files.Select(Path.GetFileName));
        foreach (string f in files)
        {
            var doc = XDocument.Load(f);
            Assert.Equal("svg", doc.Root!.Name.LocalName);
            Assert.Equal("http://www.w3.org/2000/svg", doc.Root.Name.NamespaceName);
        }
    }

    [Fact]
    public void Png_charts_are_png_files_at_twice_the_drawing_size()
    {
        string dir = TempDir();
        var model = SampleReports.MissilesHosted();
        var files = ChartExporter.WriteReportCharts(model, dir, ChartFormat.Png);
        // Exported charts carry their title above and the source line below the drawing.
        var figures = ReportFigures.All(model).Select(f => f.Framed(ChartExporter.Source([model]))).ToList();
        Assert.All(ReportFigures.All(model).Zip(figures), t => Assert.True(t.Second.Height > t.First.Height + 40));
        for (int i = 0; i < files.Count; i++)
        {
            byte[] bytes = File.ReadAllBytes(files[i]);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);

            // IHDR width and height, big-endian at offsets 16 and 20.
            int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
            int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
            Assert.Equal((int)Math.Ceiling(figures[i].Width * 2), width);
            Assert.Equal((int)Math.Ceiling(figures[i].Height * 2), height);
        }
    }

    [Theory]
    [InlineData("svg", ChartFormat.Svg)]
    [InlineData(" PNG ", ChartFormat.Png)]
    public void Chart_formats_parse(string text, ChartFormat expected) => Assert.Equal(expected, ChartExporter.Parse(text));

    [Fact]
    public void An_unknown_chart_format_lists_the_allowed_values()
    {
        var e = Assert.Throws<BallastInputException>(() => ChartExporter.Parse("jpeg"));
        Assert.Contains("unknown chart format 'jpeg'. Allowed: svg, png.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_command_rebuilds_the_report_and_charts_from_a_results_folder()
    {
        string dir = TempDir();
        ReportModelStore.Save(SampleReports.MissilesHosted(), Path.Combine(dir, ReportModelStore.FileName));
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BallastCli.Run(["report", dir, "--charts", "svg"], output, error);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.ToString());
        Assert.True(File.Exists(Path.Combine(dir, ReportWriter.FileName)));
        Assert.Equal(7, Directory.GetFiles(Path.Combine(dir, ChartExporter.Folder), "*.svg").Length);
        Assert.Contains("report: ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_command_on_a_folder_without_results_is_an_input_error()
    {
        string dir = TempDir();
        var error = new StringWriter();
        int code = BallastCli.Run(["report", dir], new StringWriter(), error);
        Assert.Equal(BallastCli.InputError, code);
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("not a Ballast results folder (no manifest.json", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, ReportWriter.FileName)));
    }

    [Fact]
    public void Run_writes_the_report_and_report_rebuilds_it_identically_from_the_results_files()
    {
        string dir = TempDir();
        string scenario = Path.Combine(EngineReportTests.RepoRoot(), "scenarios", "missiles-hosted.yaml");
        var error = new StringWriter();
        int code = BallastCli.Run(["run", scenario, "--runs", "64", "--seed", "7", "--out", dir, "--charts", "png"], new StringWriter(), error);
        Assert.True(code == 0, error.ToString());
        string html = Path.Combine(dir, ReportWriter.FileName);
        string written = File.ReadAllText(html);
        Assert.Equal(7, Directory.GetFiles(Path.Combine(dir, ChartExporter.Folder), "*.png").Length);

        // Rebuild from manifest.json, kpis.json, percentiles.csv and scenario.yaml only.
        File.Delete(html);
        File.Delete(Path.Combine(dir, ReportModelStore.FileName));
        Assert.Equal(0, BallastCli.Run(["report", dir], new StringWriter(), new StringWriter()));
        Assert.Equal(written, File.ReadAllText(html));

        // And the numbers are the files' numbers: the horizon balance percentiles from percentiles.csv (variable, country, year, p5, p25, p50, …).
        var last = File.ReadLines(Path.Combine(dir, "percentiles.csv")).Where(l => l.StartsWith("balance,", StringComparison.Ordinal)).Last().Split(',');
        double p50 = double.Parse(last[5], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"data-kpi=\"ratio-p50\">{Format.Number(p50)}<", written, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_command_rejects_a_bad_chart_format_before_writing_anything()
    {
        string dir = TempDir();
        ReportModelStore.Save(SampleReports.MissilesHosted(), Path.Combine(dir, ReportModelStore.FileName));
        var error = new StringWriter();
        int code = BallastCli.Run(["report", dir, "--charts", "gif"], new StringWriter(), error);
        Assert.Equal(BallastCli.InputError, code);
        Assert.Contains("Allowed: svg, png", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, ReportWriter.FileName)));
    }
}
