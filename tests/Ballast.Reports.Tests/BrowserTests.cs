using Ballast.Reports.Figures;
using Microsoft.Playwright;

namespace Ballast.Reports.Tests;

/// <summary>Opens a generated report in headless Chromium (Debian's package, installed by test.sh) through Playwright.</summary>
public class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>Where screenshots go: the test output folder, so CI keeps them with the results.</summary>
    public static string ScreenshotDir => Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task The_report_opens_offline_with_no_console_error_no_request_and_drawn_figures()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: test.sh installs Debian's chromium package (apt-get install -y chromium)");
        string dir = Path.Combine(Path.GetTempPath(), "ballast-reports-browser", Guid.NewGuid().ToString("N"));
        string path = Path.Combine(dir, ReportWriter.FileName);
        // The real pipeline: missiles-hosted, a 200-run ensemble, the adapter.
        var model = EngineReportTests.Run.Value.Model;
        ReportWriter.Write(model, path);
        string url = new Uri(path).AbsoluteUri;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumFlags });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, msg) =>
        {
            if (msg.Type is "error" or "warning")
            {
                errors.Add($"{msg.Type}: {msg.Text}");
            }
        };
        page.PageError += (_, e) => errors.Add($"page error: {e}");
        page.Request += (_, r) =>
        {
            if (r.Url != url)
            {
                requests.Add(r.Url);
            }
        };

        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.NotNull(response);

        Assert.Empty(errors);
        Assert.Empty(requests);

        // Every figure has an SVG with drawn, visible elements, and at least one data mark (marks carry a <title> tooltip).
        foreach (var f in ReportFigures.All(model))
        {
            int drawn = await page.EvaluateAsync<int>(
                """
                id => [...document.querySelectorAll(`figure[data-figure="${id}"] svg :is(path, polyline, rect:not(.bg), circle, line)`)]
                  .filter(e => { const b = e.getBBox(); return b.width > 0 || b.height > 0; }).length
                """,
                f.Id);
            int marks = await page.EvaluateAsync<int>(
                """
                id => [...document.querySelectorAll(`figure[data-figure="${id}"] svg :is(path, polyline, rect, circle) > title`)]
                  .filter(t => { const b = t.parentElement.getBBox(); return b.width > 0 || b.height > 0; }).length
                """,
                f.Id);
            Assert.True(drawn > 5 && marks > 0, $"figure {f.Id}: {drawn} drawn elements, {marks} data marks");
        }

        int countries = await page.EvaluateAsync<int>("() => document.querySelectorAll('figure[data-figure=map] g.countries path').length");
        int rings = await page.EvaluateAsync<int>("() => document.querySelectorAll('figure[data-figure=map] g.range-rings :is(path, polyline)').length");
        int nodes = await page.EvaluateAsync<int>("() => document.querySelectorAll('figure[data-figure=network] g.network-panel circle').length");
        int edges = await page.EvaluateAsync<int>("() => document.querySelectorAll('figure[data-figure=network] g.network-panel polyline').length");
        int bands = await page.EvaluateAsync<int>("() => document.querySelectorAll('figure[data-figure=balance-ratio] path[fill-opacity]').length");
        Assert.True(countries >= 15, $"map draws {countries} countries");
        Assert.Equal(model.Map.Rings.Count, rings);
        Assert.Equal(model.Networks.Sum(n => n.Nodes.Count), nodes);
        Assert.Equal(model.Networks.Sum(n => n.Edges.Count), edges);
        Assert.Equal(2, bands);
        int exposed = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('figure[data-figure=map] g.capitals title')].filter(t => t.textContent.includes('exposed to')).length");
        Assert.True(exposed > 0, "no capital is marked exposed on the map");

        // The data tables are there but collapsed.
        Assert.False(await page.Locator("figure[data-figure=burden] details table").IsVisibleAsync());

        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, "report-full.png"), FullPage = true });
        foreach (var f in ReportFigures.All(model))
        {
            await page.Locator($"figure[data-figure={f.Id}]").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotDir, $"figure-{f.Id}.png") });
        }

        await page.Locator("#headline").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotDir, "report-headline.png") });

        // Printable: the print stylesheet lays the report out as A4 pages.
        byte[] pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
        Assert.True(pdf.Length > 10_000);
        Assert.Empty(errors);
        Assert.Empty(requests);

        // The comparison report, in the same browser.
        string cmpPath = Path.Combine(dir, ComparisonReportWriter.FileName);
        var comparison = ComparisonAndExportTests.Pair();
        ComparisonReportWriter.Write(comparison, cmpPath);
        string cmpUrl = new Uri(cmpPath).AbsoluteUri;
        url = cmpUrl;
        await page.GotoAsync(cmpUrl, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        foreach (var f in ComparisonFigures.All(comparison))
        {
            int drawn = await page.EvaluateAsync<int>(
                "id => [...document.querySelectorAll(`figure[data-figure=\"${id}\"] svg :is(path, polyline, rect:not(.bg), circle, line)`)].filter(e => { const b = e.getBBox(); return b.width > 0 || b.height > 0; }).length",
                f.Id);
            Assert.True(drawn > 10, $"comparison figure {f.Id}: only {drawn} drawn elements");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, "comparison-full.png"), FullPage = true });
        await page.Locator("figure[data-figure=compare-allies]").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotDir, "figure-compare-allies.png") });
        Assert.Empty(errors);
        Assert.Empty(requests);
    }
}
