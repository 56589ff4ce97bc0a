using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Ballast.Web.Tests;

/// <summary>The dashboard in headless Chromium (Debian's package; test.sh installs it) against the app on a loopback port.</summary>
public sealed class BrowserTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] Flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
    // A smaller band than play's 1,000 keeps the wargame's adjudications quick.
    private readonly BallastFactory _factory = new BallastFactory().With("GameBandRuns", "200");
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
            // A 400 from the validate endpoint is how the editor learns of a bad line, a 403 how a game page learns it must
            // join first: expected, not errors of the page.
            if (m.Type == "error" && !m.Text.Contains("status of 400", StringComparison.Ordinal) && !m.Text.Contains("status of 403", StringComparison.Ordinal))
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

    private static async Task Join(IPage page, string code)
    {
        await page.Locator("#game-join:not([hidden])").WaitForAsync();
        await page.FillAsync("#game-code", code);
        await page.ClickAsync("#game-join-button");
        await page.Locator("#game[data-live=on]").WaitForAsync();
    }

    private static Task Turn(IPage page, int turn) =>
        page.Locator($"#game[data-turn='{turn}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

    /// <summary>Every form control has a label, ids are unique, the page has one h1 and a main landmark.</summary>
    private static async Task Accessible(IPage page)
    {
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const out = [];
              document.querySelectorAll('input, select, textarea').forEach(el => {
                if (el.type === 'hidden' || el.closest('[hidden]')) return;
                if (!(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')) out.push('no label: ' + (el.id || el.name || el.outerHTML.slice(0, 60)));
              });
              const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
              ids.filter((id, i) => ids.indexOf(id) !== i).forEach(id => out.push('duplicate id: ' + id));
              if (document.querySelectorAll('h1').length !== 1) out.push('h1 count ' + document.querySelectorAll('h1').length);
              if (!document.querySelector('main')) out.push('no main');
              document.querySelectorAll('table').forEach(t => { if (!t.querySelector('caption')) out.push('table without caption'); });
              return out;
            }
            """);
        Assert.Empty(problems);
    }

    /// <summary>
    /// A wargame (issue 14, item 8): three browser contexts — the White Cell, the US and Japan, each with its own cookies —
    /// play a two-turn classroom game to the end with live updates over the hub. The model plays China.
    /// </summary>
    [Fact]
    public async Task The_White_Cell_the_US_and_Japan_play_a_wargame_of_two_turns_to_the_end()
    {
        // The facilitator uploads a two-turn classroom game and lets the model play China.
        var white = await Open("/games/new");
        await white.Locator("#new-humans input").First.WaitForAsync();
        await white.Locator("#new-upload").SetInputFilesAsync(new FilePayload { Name = "classroom-2.yaml", MimeType = "text/yaml", Buffer = Encoding.UTF8.GetBytes(TestGames.Classroom(turns: 2)) });
        await white.Locator("#new-humans input[value=china]").WaitForAsync();
        await white.Locator("#new-humans input[value=china]").UncheckAsync();
        await white.ClickAsync("#new-create");
        await white.Locator("#new-codes:not([hidden]) table").WaitForAsync();
        await Accessible(white);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in await white.Locator("#new-code-table tbody tr").AllAsync())
        {
            var cells = await row.Locator("th, td").AllInnerTextsAsync();
            codes[cells[1].Length > 0 ? cells[1] : cells[0]] = cells[2];
        }

        Assert.Equal(new[] { "japan", "Spectator", "us", "White Cell", "china" }.Order(StringComparer.Ordinal), codes.Keys.Order(StringComparer.Ordinal));
        var gamePath = new Uri(await white.Locator("#new-open").GetAttributeAsync("href") ?? string.Empty, UriKind.Relative).ToString();
        await white.ClickAsync("#new-open");
        await Join(white, codes["White Cell"]);
        Assert.Equal("White Cell", await white.InnerTextAsync("#game-role"));

        var us = await Open(gamePath);
        await Join(us, codes["us"]);
        var japan = await Open(gamePath);
        await Join(japan, codes["japan"]);
        Assert.Equal("Team: Japan", await japan.InnerTextAsync("#game-role"));
        Assert.StartsWith("Moves close in ", await japan.InnerTextAsync("#game-clock"), StringComparison.Ordinal);

        // The move form follows the menu: bounds as min/max.
        Assert.Equal("-5", await japan.GetAttributeAsync("#move-budget", "min"));
        Assert.Equal("20", await japan.GetAttributeAsync("#move-budget", "max"));
        Assert.Equal("2500", await japan.GetAttributeAsync("#move-host", "max"));
        await Accessible(japan);

        for (int turn = 1; turn <= 2; turn++)
        {
            await us.FillAsync("#signal-text", $"Turn {turn}: the alliance holds.");
            await us.ClickAsync("#signal-send");
            await japan.Locator("#game-signals li", new() { HasText = $"Turn {turn}: the alliance holds." }).WaitForAsync();

            await us.FillAsync("#move-budget", "3");
            await us.FillAsync("#move-troops", "55");
            await us.ClickAsync("#move-submit");
            await us.Locator("#move-status", new() { HasText = $"Moves submitted for turn {turn}" }).WaitForAsync();

            // Japan hears of it live, without the content.
            await japan.Locator("#game-live", new() { HasText = $"United States submitted its moves for turn {turn}." }).WaitForAsync();
            Assert.Equal(0, await japan.EvaluateAsync<int>($"() => [...document.querySelectorAll('#game-moves tbody tr')].filter(r => r.cells[0].textContent === '{turn}' && r.cells[1].textContent === 'United States').length"));
            await japan.FillAsync("#move-budget", "10");
            await japan.FillAsync("#move-host", turn == 1 ? "1500" : "2000");
            await japan.ClickAsync("#move-submit");
            await japan.Locator("#move-status", new() { HasText = $"Moves submitted for turn {turn}" }).WaitForAsync();

            // The White Cell sees both submitted and adjudicates; every page moves on by itself.
            await white.Locator("#game-teams tbody tr", new() { HasText = "Japan" }).Filter(new() { HasText = "submitted" }).WaitForAsync();
            await white.ClickAsync("#white-adjudicate");
            await white.Locator("#white-status", new() { HasText = $"Turn {turn} adjudicated." }).WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            await Turn(us, turn + 1);
            await Turn(japan, turn + 1);
            await japan.Locator("#game-live", new() { HasText = $"Turn {turn} adjudicated." }).WaitForAsync();

            // Revealed at adjudication: the US now sees Japan's moves, and its own counterfactual, not Japan's.
            Assert.Contains("host " + (turn == 1 ? "1,500" : "2,000"), await us.InnerTextAsync("#game-moves"), StringComparison.Ordinal);
            Assert.Contains("Counterfactual of United States", await us.InnerTextAsync("#game-outcomes"), StringComparison.Ordinal);
            Assert.DoesNotContain("Counterfactual of Japan", await us.InnerTextAsync("#game-outcomes"), StringComparison.Ordinal);
            Assert.Contains("Assessment of Japan", await japan.InnerTextAsync("#game-outcomes"), StringComparison.Ordinal);
            await japan.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"game-japan-turn{turn}.png"), FullPage = true });
        }

        foreach (var page in new[] { white, us, japan })
        {
            await page.Locator("#game[data-status=Finished]").WaitForAsync();
            Assert.Equal("Game over after 2 turns", await page.InnerTextAsync("#game-turn"));
            Assert.True(await page.Locator("#moves-section").IsHiddenAsync());
        }

        Assert.Equal(2, await white.Locator("#game-outcomes h3").CountAsync());
        Assert.True(await us.Locator("#game-report").IsHiddenAsync());

        // The White Cell's after-action report.
        var report = await white.RunAndWaitForPopupAsync(() => white.ClickAsync("#game-report"));
        await report.WaitForLoadStateAsync(LoadState.Load);
        Assert.Matches("^/api/games/[0-9a-z]+/report$", new Uri(report.Url).AbsolutePath);
        Assert.Contains("host 2", await report.ContentAsync(), StringComparison.Ordinal);
        await report.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "game-report.png") });
        await report.CloseAsync();
        await Accessible(white);
        await white.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "game-white-cell.png"), FullPage = true });
        Clean();
    }
}
