using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Ballast.Web.Tests;

/// <summary>The dashboard in headless Chromium (Debian's package; test.sh installs it) against the app on a loopback port.</summary>
public sealed class BrowserTests : IAsyncLifetime, IDisposable
{
    internal static readonly string[] Flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
    private readonly BallastFactory _factory = new();
    private readonly List<string> _errors = [];
    private readonly List<string> _offsite = [];
    private IPlaywright? _pw;
    private IBrowser? _browser;
    private string _base = string.Empty;

    public static string Shots => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        _base = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Directory.CreateDirectory(Shots);
        _pw = await Playwright.CreateAsync();
        _browser = await _pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Args = Flags, Headless = true });
    }

    public void Dispose() => _factory.Dispose();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _pw?.Dispose();
        _factory.Dispose();
    }

    private async Task<IPage> Open(string path)
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.Console += (_, m) =>
        {
            // A 400 from the validate endpoint is how the editor learns of a bad line: expected, not an error of the page.
            if (m.Type == "error" && !m.Text.Contains("status of 400", StringComparison.Ordinal))
            {
                _errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => _errors.Add(e);
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(_base, StringComparison.Ordinal) && !r.Url.StartsWith("blob:", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                _offsite.Add(r.Url);
            }
        };
        await page.GotoAsync(_base + path);
        return page;
    }

    private void Clean()
    {
        Assert.Empty(_errors);
        Assert.Empty(_offsite);
    }

    [Fact]
    public async Task Burden_explorer_and_network_draw_their_charts()
    {
        var page = await Open("/burden");
        await page.Locator("#shares-figure svg polyline").First.WaitForAsync();
        Assert.True(await page.Locator("#shares-figure svg polyline").CountAsync() >= 5);
        await page.Locator("#gap-table table tbody tr").First.WaitForAsync();
        await page.Locator("#exploitation table").WaitForAsync();
        await page.Locator("input[name=target][value='5']").CheckAsync();
        await page.SelectOptionAsync("#group", "quad");
        await page.Locator("#gap-table caption").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#gap-table tbody tr').length === 4");
        Assert.Contains("Gap to 5% (pp)", await page.Locator("#gap-table thead").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#shares-figure[aria-busy=false] svg").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "burden.png"), FullPage = true });

        var net = await Open("/network");
        await net.Locator("#network-figure svg circle").First.WaitForAsync();
        await net.Locator("#network-metrics table").WaitForAsync();
        Assert.Contains("Ally-to-ally ties", await net.Locator("#network-metrics").InnerTextAsync(), StringComparison.Ordinal);
        await net.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "network.png"), FullPage = true });
        Clean();
    }

    [Fact]
    public async Task Workbench_runs_the_baseline_changes_a_lever_and_compares()
    {
        var page = await Open("/workbench");
        await page.Locator("#yaml-messages .ok").WaitForAsync();
        Assert.Contains("name: baseline", await page.InputValueAsync("#yaml"), StringComparison.Ordinal);

        // A bad edit is reported at its line.
        var good = await page.InputValueAsync("#yaml");
        await page.FillAsync("#yaml", good.Replace("kind: reassure", "kind: abandon", StringComparison.Ordinal));
        await page.Locator("#yaml-messages .error button[data-line]").WaitForAsync();
        Assert.Contains("allowed: reassure, conditional, disengage", await page.Locator("#yaml-messages").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#gutter .err").CountAsync());
        await page.FillAsync("#yaml", good);
        await page.Locator("#yaml-messages .ok").WaitForAsync();

        // Run a small ensemble and see the charts.
        await page.FillAsync("#runs", "40");
        await page.ClickAsync("#run");
        await page.Locator("#results:not([hidden]) #kpis table").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        await page.Locator("#figures figure[data-figure='balance-ratio'] svg path").First.WaitForAsync();
        Assert.True(await page.Locator("#figures figure svg").CountAsync() >= 3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "workbench-baseline.png"), FullPage = true });

        // "Open the full report" opens the run's report.html, which the job wrote (GET /api/jobs/{id}/report).
        var report = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#report-link"));
        await report.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal("Ballast report: baseline", await report.TitleAsync());
        Assert.Matches("^/api/jobs/[0-9a-f]{32}/report$", new Uri(report.Url).AbsolutePath);
        Assert.Contains("Key findings", await report.Locator("#findings h2").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await report.Locator("#fig-balance-ratio svg").CountAsync() == 1);
        await report.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "workbench-report.png") });
        await report.CloseAsync();

        // Change a lever through the form.
        await page.SelectOptionAsync("#lever-us-stance-kind", "conditional");
        await page.FillAsync("#lever-us-stance-target", "3.5");
        await page.FillAsync("#lever-us-stance-deadline", "2030");
        await page.FillAsync("#lever-us-stance-harshness", "0.8");
        await page.ClickAsync("#apply-levers");
        await page.WaitForFunctionAsync("() => document.querySelector('#yaml').value.includes('kind: conditional')");
        Assert.Contains("harshness: 0.8", await page.InputValueAsync("#yaml"), StringComparison.Ordinal);
        await page.ClickAsync("#run");
        await page.WaitForFunctionAsync("() => document.querySelector('#run-status').textContent.startsWith('Succeeded')", null, new PageWaitForFunctionOptions { Timeout = 120_000 });

        // Compare the edited scenario with the baseline.
        var cmp = page;
        await cmp.GotoAsync(_base + "/compare");
        await cmp.Locator("input[value='__workbench']").WaitForAsync();
        await cmp.FillAsync("#runs", "40");
        await cmp.ClickAsync("#compare-run");
        await cmp.Locator("#compare-results:not([hidden]) #compare-kpis table").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        Assert.Contains("− ", await cmp.Locator("#compare-paired thead").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("to ", await cmp.Locator("#compare-paired tbody").InnerTextAsync(), StringComparison.Ordinal);
        await cmp.Locator("#compare-figures figure svg").First.WaitForAsync();
        Assert.True(await cmp.Locator("#compare-figures figure svg").CountAsync() >= 4);
        await cmp.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "compare.png"), FullPage = true });

        // "Open the comparison report" opens comparison.html of the compare job.
        var comparison = await cmp.RunAndWaitForPopupAsync(() => cmp.ClickAsync("#report-link"));
        await comparison.WaitForLoadStateAsync(LoadState.Load);
        Assert.StartsWith("Ballast comparison: ", await comparison.TitleAsync(), StringComparison.Ordinal);
        Assert.Contains("Paired differences at the horizon, run by run", await comparison.ContentAsync(), StringComparison.Ordinal);
        await comparison.CloseAsync();
        Clean();
    }

    [Fact]
    public async Task Api_reference_lists_the_endpoints_and_tries_one()
    {
        var page = await Open("/api-docs");
        await page.Locator("details.endpoint").First.WaitForAsync();
        Assert.True(await page.Locator("details.endpoint").CountAsync() >= 25);
        var burden = page.Locator("details.endpoint[data-path='/api/burden']");
        await burden.Locator("summary").ClickAsync();
        await burden.Locator("input[name=year]").FillAsync("2023");
        await burden.Locator("button").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector(\"details.endpoint[data-path='/api/burden'] pre\").textContent.startsWith('200')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "api-reference.png") });
        Clean();
    }
}
