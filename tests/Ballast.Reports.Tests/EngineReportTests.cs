using System.Globalization;
using Ballast.Data.Scenarios;
using Ballast.Engine.Ensembles;
using Ballast.Reports.Adapters;
using Ballast.Reports.Figures;
using Ballast.Reports.Model;

namespace Ballast.Reports.Tests;

/// <summary>The real pipeline: the missiles-hosted scenario, a small ensemble, the adapter, the report.</summary>
public class EngineReportTests
{
    internal static readonly Lazy<(Core.Scenarios.Scenario Scenario, Core.Model.ModelInputs Inputs, EnsembleResult Result, ReportModel Model)> Run = new(() =>
    {
        var scenario = ScenarioLoader.Default.LoadFile(Path.Combine(RepoRoot(), "scenarios", "missiles-hosted.yaml"));
        var inputs = ScenarioCompiler.Compile(scenario).Inputs;
        var result = EnsembleRunner.Run(inputs, new EnsembleOptions(200, 20240101, Threads: 2));
        var model = ReportModelBuilder.Build(scenario, inputs, result, [new ManifestEntry("seed", "20240101"), new ManifestEntry("runs", "200")]);
        return (scenario, inputs, result, model);
    });

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ballast.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Ballast.slnx) not found above the test folder");
    }

    [Fact]
    public void The_report_shows_the_ensembles_numbers()
    {
        var (_, _, result, model) = Run.Value;
        string dir = Path.Combine(Path.GetTempPath(), "ballast-reports-tests", Guid.NewGuid().ToString("N"));
        string path = ReportWriter.WriteAll(model, dir);
        string html = File.ReadAllText(path);

        foreach (int year in result.Years)
        {
            var r = result.Get("balance", year);
            string row = string.Concat(new[] { year.ToString(CultureInfo.InvariantCulture), Format.Number(r.P5), Format.Number(r.P25), Format.Number(r.P50), Format.Number(r.P75), Format.Number(r.P95) }.Select(c => $"<td class=\"num\">{c}</td>"));
            Assert.Contains(row, html, StringComparison.Ordinal);
        }

        var k = result.Kpis;
        Assert.Contains($"data-kpi=\"ratio-p50\">{Format.Number(k.FinalBalance.P50)}<", html, StringComparison.Ordinal);
        Assert.Contains($"data-kpi=\"never-share\">{Format.Percent(k.ShareNeverCrossing)}<", html, StringComparison.Ordinal);
        Assert.Equal(k.Runs, model.Crossover.Runs);
        Assert.Equal(k.ShareNeverCrossing, model.Crossover.NeverShare, 12);
        Assert.Equal(k.CrossoverYearMedian, Headline.Of(model).MedianCrossoverYear);

        // Japan's share of GDP is drawn in percent from the engine's fractions.
        var jpn = model.Allies.Single(a => a.Iso3 == "JPN").Find(Indicators.Share)!;
        Assert.Equal(result.Get("share.JPN", result.Years[^1]).P50 * 100, jpn.Points[^1].P50, 12);
        Assert.InRange(jpn.Points[0].P50, 0.5, 3); // Japan spent about 1.4 % of GDP in 2024

        // Saved data round-trips into the same report.
        Assert.Equal(html, ReportWriter.Render(ReportModelStore.Load(Path.Combine(dir, ReportModelStore.FileName))));
    }

    [Fact]
    public void The_map_has_the_scenarios_rings_and_the_adversaries_theatre_systems()
    {
        var (scenario, _, _, model) = Run.Value;
        var coalition = model.Map.Rings.Where(r => !r.Adversary).ToList();
        Assert.Equal(scenario.Missiles.Count, coalition.Count);
        Assert.Contains(coalition, r => r.Host == "PHL" && r.Site.Contains("Laoag", StringComparison.Ordinal) && r.RangeKm == 1600);
        Assert.Contains(coalition, r => r.Host == "GUM" && r.RangeKm == 2776);
        Assert.Contains(model.Map.Rings, r => r.Adversary && r.Owner == "CHN" && r.System.StartsWith("DF-26", StringComparison.Ordinal));
        Assert.DoesNotContain(model.Map.Rings, r => r.RangeKm > 5500);

        var exposure = Geo.ExposureAnalysis.Assess(model.Map);
        Assert.True(exposure.Single(e => e.Kind == "capital" && e.Country == "JPN").Exposed);
        Assert.True(exposure.Single(e => e.Kind == "deployment site" && e.Country == "PHL").Exposed);
    }

    [Fact]
    public void The_network_has_spokes_at_the_start_and_the_scenarios_groupings()
    {
        var (_, inputs, _, model) = Run.Value;
        var start = model.Networks[0];
        Assert.Equal(inputs.ActorCount, start.Nodes.Count);
        Assert.Contains(start.Edges, e => e.A == "USA" && e.B == "JPN" && e.Kind == "defense-pact");
        Assert.Contains(start.Edges, e => (e.A, e.B) is ("JPN", "AUS") or ("AUS", "JPN") && e.Kind == "minilateral"); // the Quad
        Assert.All(start.Edges, e => Assert.InRange(e.Strength, 0, 1));
        Assert.Contains(start.Metrics, m => m.Name == "density");
    }

    [Fact]
    public void The_levers_are_written_in_words()
    {
        var model = Run.Value.Model;
        Assert.Contains(model.Scenario.Levers, l => l.Label == "Missile deployments" && l.Text.Contains("typhon-tomahawk (1,600 km, USA) in PHL at laoag from 2025", StringComparison.Ordinal));
        Assert.Contains(model.Scenario.Levers, l => l.Label == "US stance" && l.Text.Contains("from 2024 reassure (signal harshness 0.2)", StringComparison.Ordinal));
    }
}
