using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ballast.Core.Analytics;
using Ballast.Data.Panel;
using Ballast.Reports.Adapters;
using Ballast.Reports.Figures;
using Ballast.Reports.Model;
using Ballast.Runs.Comparison;
using Ballast.Runs.Kpis;

namespace Ballast.Reports.Tests;

/// <summary>The report's content on a real ensemble (issue 17): KPI rows, key findings, the map's layers, history, network labels, citation.</summary>
public sealed partial class ReportContentTests
{
    [Fact]
    public void Years_are_printed_without_a_thousands_separator()
    {
        var row = new KpiRow("Median crossover year", "year", null, 2035, null, string.Empty);
        Assert.Equal("2035", row.Shown);
        Assert.Equal("2035", Format.Year(2035.0));
        string html = ReportWriter.Render(SampleReports.MissilesHosted() with { Kpis = [row] });
        Assert.Contains("<td class=\"single\" colspan=\"3\">2035</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2,035", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reports_say_when_percentiles_come_from_a_sample_of_the_runs()
    {
        string basis = Ballast.Runs.RunManifest.PercentileBasisOf(1_000_000, 4096);
        var sampled = SampleReports.MissilesHosted() with { Manifest = [new ManifestEntry("runs", "1000000"), new ManifestEntry("percentile_basis", basis)] };
        string html = ReportWriter.Render(sampled);
        Assert.Contains("Ensemble percentiles over a sample of 4096 of 1000000 runs chosen by a hash of the run index (the same for any thread count); rank error (standard deviation) 0.78 percentage points at p50, 0.34 at p5 and p95.</p>", html, StringComparison.Ordinal);

        var pair = ComparisonAndExportTests.Pair();
        string comparison = ComparisonReportWriter.Render(pair with { Scenarios = [sampled, pair.Scenarios[1]] });
        Assert.Contains("(scenario − reference), its percentiles over a sample of 4096 of 1000000 runs", comparison, StringComparison.Ordinal);

        // Without the manifest field (an older saved report) the run count stands alone, as before.
        string old = ReportWriter.Render(SampleReports.MissilesHosted() with { Manifest = [] });
        Assert.Matches("Ensemble percentiles over [0-9,]+ runs\\.</p>", old);
        Assert.DoesNotContain("its percentiles over", ComparisonReportWriter.Render(pair), StringComparison.Ordinal);
    }

    [Fact]
    public void A_kpi_row_shows_one_value_unless_its_percentiles_differ()
    {
        var (_, _, result, model) = EngineReportTests.Run.Value;
        int last = result.Years[^1];
        foreach (var k in model.Kpis)
        {
            if (k.HasSpread)
            {
                Assert.True(k.P5 < k.P95 && k.Value(k.P5) != k.Value(k.P95), k.Name);
                Assert.InRange(k.P50, k.P5!.Value, k.P95!.Value);
            }
        }

        // An ally's share: the catalogue's median with the indicator's 5th and 95th percentiles at the horizon, in percent.
        var share = model.Kpis.Single(k => k.Name == "Japan: Share of GDP");
        var band = result.Get("share.JPN", last);
        Assert.Equal(band.P5 * 100, share.P5!.Value, 12);
        Assert.Equal(band.P50 * 100, share.P50, 12);
        Assert.Equal(band.P95 * 100, share.P95!.Value, 12);

        // Shares of runs are one number.
        var realigns = model.Kpis.Single(k => k.Name == "Japan: Realigns");
        Assert.Null(realigns.P5);
        Assert.False(realigns.HasSpread);

        // No row shows the same number three times.
        string html = ReportWriter.Render(model);
        Assert.DoesNotMatch(TripleCell(), html);
    }

    [Fact]
    public void A_median_year_a_target_is_met_comes_with_the_share_of_runs_that_meet_it()
    {
        var (_, _, result, model) = EngineReportTests.Run.Value;
        var k = result.Kpis;
        int checkedRows = 0;
        for (int t = 0; t < k.Targets.Length; t++)
        {
            string target = KpiCatalogue.Percent(k.Targets[t]);
            foreach (var ally in k.Allies)
            {
                var row = model.Kpis.Single(r => r.Name == KpiCatalogue.Name(KpiCatalogue.TargetYear(k.Targets[t]), ally.Code));
                double p = ally.ProbabilityTargetMet[t];
                string expected = p <= 0 ? "not met in any run"
                    : p < 0.5 ? $"not met in most runs (met in {Format.Percent(p)}, median year among those {ally.MedianYearTargetMet[t]})"
                    : $"{ally.MedianYearTargetMet[t]} (met in {Format.Percent(p)} of runs)";
                Assert.Equal(expected, row.Text);
                Assert.Equal(expected, row.Shown);
                checkedRows++;
            }

            Assert.Contains(target, model.KeyFindings![2 + t], StringComparison.Ordinal);
        }

        Assert.Equal(k.Targets.Length * k.Allies.Length, checkedRows);
        Assert.Contains(model.Kpis, r => r.Text is { } text && text.StartsWith("not met in most runs (met in ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_key_findings_take_every_number_from_the_results()
    {
        var (_, _, result, model) = EngineReportTests.Run.Value;
        var k = result.Kpis;
        var f = model.KeyFindings!;
        int horizon = result.Years[^1];
        Assert.Equal(
            $"In {horizon} the balance ratio (coalition ÷ adversaries; 1 = parity) has a median of {Format.Number(k.FinalBalance.P50)}; 90 % of the 200 runs lie between {Format.Number(k.FinalBalance.P5)} and {Format.Number(k.FinalBalance.P95)}.",
            f[0]);
        Assert.StartsWith(k.ShareNeverCrossing >= 1 ? "No run falls below parity" : Format.Percent(1 - k.ShareNeverCrossing), f[1], StringComparison.Ordinal);
        for (int t = 0; t < k.Targets.Length; t++)
        {
            int meeting = k.Allies.Count(a => a.ProbabilityTargetMet[t] >= 0.5);
            Assert.StartsWith(meeting == 0 ? "None of the " : $"{meeting} of {k.Allies.Length} allies", f[2 + t], StringComparison.Ordinal);
        }

        string cost = Format.Number(k.UsCostNet.P50 * 1e-9);
        Assert.Equal(
            Format.Number(k.UsCostNet.P5 * 1e-9) == Format.Number(k.UsCostNet.P95 * 1e-9)
                ? $"The US net cost in the theatre in {horizon} is {cost} {KpiCatalogue.UsCostNet.Unit} in every run."
                : $"The US net cost in the theatre in {horizon} has a median of {cost} {KpiCatalogue.UsCostNet.Unit} (90 % of runs: {Format.Number(k.UsCostNet.P5 * 1e-9)} to {Format.Number(k.UsCostNet.P95 * 1e-9)}).",
            f[2 + k.Targets.Length]);
        Assert.DoesNotMatch("runs: ([0-9.,]+) to \\1\\)", string.Join(" ", f));
        Assert.Equal(3 + k.Targets.Length, f.Count); // no baseline given: no difference sentence
        string html = ReportWriter.Render(model);
        Assert.True(html.IndexOf("<section id=\"findings\">", StringComparison.Ordinal) < html.IndexOf("<section id=\"question\">", StringComparison.Ordinal));
        Assert.Contains(Html.Html.E(f[0]), html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_map_counts_no_adversary_capital_and_no_base_in_a_host_the_us_has_left()
    {
        var (_, inputs, _, model) = EngineReportTests.Run.Value;
        Assert.DoesNotContain(model.Map.Capitals, c => c.Iso3 is "CHN" or "PRK" or "RUS");
        Assert.Contains(model.Map.Capitals, c => c.Iso3 == "JPN");
        Assert.All(Geo.ExposureAnalysis.Assess(model.Map), e => Assert.NotEqual("CHN", e.Country));

        // Vine's list has Bagram and Kandahar; DMDC counts 0 US troops in Afghanistan from 2022, so a 2024 map has none there.
        Assert.Equal(2024, inputs.StartYear);
        Assert.DoesNotContain(model.Map.Bases, b => b.Host == "AFG");
        Assert.Contains(Maps.MapFacts.Bases(model.Map.View), b => b.Host == "AFG");
        Assert.Contains(Maps.MapFacts.Bases(model.Map.View, 2015), b => b.Host == "AFG");
        Assert.Contains(model.Map.Bases, b => b.Host == "JPN");
    }

    [Fact]
    public void The_burden_chart_starts_with_ten_observed_years_before_the_start()
    {
        var (_, inputs, _, model) = EngineReportTests.Run.Value;
        var japan = model.ShareHistory!.Single(h => h.Iso3 == "JPN");
        Assert.Equal(Enumerable.Range(inputs.StartYear - 10, 10), japan.Points.Select(p => p.Year));
        Assert.All(japan.Points, p => Assert.Equal(BurdenAnalysis.Share(PanelBuilder.Default, "JPN", p.Year)!.Value.Value * 100, p.Value, 12));

        var burden = ReportFigures.Burden(model);
        var rows = burden.Table.Rows.Where(r => r[0] == "Japan").ToList();
        Assert.Equal(["Japan", "2014", "observed"], rows[0].Take(3));
        Assert.Equal(10, rows.Count(r => r[2] == "observed"));
        Assert.Equal(model.Allies.Single(a => a.Iso3 == "JPN").Find(Indicators.Share)!.Points.Count, rows.Count(r => r[2] == "simulated"));
        Assert.Contains("data | simulated", burden.ToSvg(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_network_figure_says_it_counts_the_models_ties_not_the_datas()
    {
        var model = EngineReportTests.Run.Value.Model;
        Assert.All(model.Networks, n => Assert.Contains(n.Metrics, m => m.Name == "model ties"));
        Assert.All(model.Networks, n => Assert.DoesNotContain(n.Metrics, m => m.Name == "ties"));
        var figure = ReportFigures.Network(model);
        Assert.Contains("`ballast network --year Y`", figure.Caption, StringComparison.Ordinal);
        Assert.Contains("ATOP defence pacts and minilateral groupings", figure.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void Exported_charts_carry_their_title_and_source()
    {
        var model = SampleReports.MissilesHosted();
        string dir = Path.Combine(Path.GetTempPath(), "ballast-reports-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var files = ChartExporter.WriteReportCharts(model, dir, ChartFormat.Svg);
            string source = ChartExporter.Source([model]);
            Assert.StartsWith($"Source: Ballast {ReportWriter.Version}, scenario '{model.Scenario.Name}', ", source, StringComparison.Ordinal);
            foreach (var (file, figure) in files.Zip(ReportFigures.All(model)))
            {
                var texts = XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
                Assert.Contains(figure.Title, texts);
                Assert.Contains(texts, t => t.StartsWith("Source: Ballast", StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void The_cite_block_agrees_with_citation_cff()
    {
        string cff = File.ReadAllText(Path.Combine(EngineReportTests.RepoRoot(), "CITATION.cff"));
        Assert.Contains("cff-version: 1.2.0", cff, StringComparison.Ordinal);
        Assert.Contains($"version: {ReportWriter.Version}\n", cff, StringComparison.Ordinal);
        Assert.Contains($"repository-code: \"{ReportWriter.RepositoryUrl}\"", cff, StringComparison.Ordinal);
        string title = Regex.Match(cff, "^title: \"(.+)\"$", RegexOptions.Multiline).Groups[1].Value;
        Assert.StartsWith("Ballast: ", title, StringComparison.Ordinal);
        Assert.Contains(title, ReportWriter.Citation("x"), StringComparison.Ordinal);

        string html = ReportWriter.Render(SampleReports.MissilesHosted());
        Assert.Contains("<section id=\"cite\"><h2>Cite this report</h2>", html, StringComparison.Ordinal);
        Assert.Contains(Html.Html.E(title), html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_paired_with_the_baseline_shows_the_difference_and_a_finding()
    {
        var (scenario, inputs, result, _) = EngineReportTests.Run.Value;
        var paired = new PairedComparison(200, 20240101, ["baseline", scenario.Name],
        [
            new PairedKpi("balance", KpiCatalogue.Balance.Label, "ratio", KpiDirection.HigherIsBetter, [1.2, 1.1], [null, new KpiValue(-0.25, -0.1, 0.05)]),
            new PairedKpi("allies_realigned", KpiCatalogue.AlliesRealigned.Label, "countries", KpiDirection.LowerIsBetter, [0, 1], [null, new KpiValue(0, 1, 3)]),
        ]);
        var model = ReportModelBuilder.Build(scenario, inputs, result, [], baseline: RunReports.Differences(paired));
        Assert.Equal(2, model.Baseline!.Count);
        Assert.Equal(
            $"Against the baseline scenario with the same runs and seed, the balance ratio in {result.Years[^1]} differs by −0.1 (90 % of paired runs: −0.25 to +0.05), and the number of allies realigned by +1 (±0 to +3).",
            model.KeyFindings![^1]);
        string html = ReportWriter.Render(model);
        Assert.Contains("<h2>Difference from the baseline scenario</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Balance ratio</td><td>ratio</td><td class=\"num\">−0.1</td><td class=\"num\">−0.25</td><td class=\"num\">+0.05</td>", html, StringComparison.Ordinal);
    }

    // Three equal numbers side by side in the KPI table: what a single value copied into P5, median and P95 looked like.
    [GeneratedRegex("<td class=\"num\">([^<]+)</td><td class=\"num\">\\1</td><td class=\"num\">\\1</td><td>[A-Z]")]
    private static partial Regex TripleCell();
}
