using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Ballast.Web.Tests;

/// <summary>
/// A wargame in headless Chromium (issue 14, item 8): three browser contexts — the White Cell, the US and Japan, each with
/// its own cookies — play a two-turn classroom game to the end with live updates over the hub, against the app on a
/// loopback port. The model plays China.
/// </summary>
public sealed class GameBrowserTests : IAsyncLifetime, IDisposable
{
    private readonly BallastFactory _factory = new BallastFactory().With("GameBandRuns", "200");
    private readonly List<string> _errors = [];
    private readonly List<string> _offsite = [];
    private IPlaywright? _pw;
    private IBrowser? _browser;
    private string _base = string.Empty;

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        _base = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Directory.CreateDirectory(BrowserTests.Shots);
        _pw = await Playwright.CreateAsync();
        _browser = await _pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Args = BrowserTests.Flags, Headless = true });
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

    /// <summary>A page in a browser context of its own (its own cookies: one player).</summary>
    private async Task<IPage> Player(string path)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1300, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.Console += (_, m) =>
        {
            // A refused request is how a page learns of a rule (e.g. 403 before joining): expected, not an error of the page.
            if (m.Type == "error" && !m.Text.Contains("status of 403", StringComparison.Ordinal))
            {
                _errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => _errors.Add(e);
        page.Request += (_, r) =>
        {
            var local = _base.Replace("http://", "ws://", StringComparison.Ordinal);
            if (!r.Url.StartsWith(_base, StringComparison.Ordinal) && !r.Url.StartsWith(local, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                _offsite.Add(r.Url);
            }
        };
        await page.GotoAsync(_base + path);
        return page;
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

    [Fact]
    public async Task The_White_Cell_the_US_and_Japan_play_two_turns_to_the_end()
    {
        // The facilitator uploads a two-turn classroom game and lets the model play China.
        var white = await Player("/games/new");
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

        var us = await Player(gamePath);
        await Join(us, codes["us"]);
        var japan = await Player(gamePath);
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
            await japan.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserTests.Shots, $"game-japan-turn{turn}.png"), FullPage = true });
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
        await report.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserTests.Shots, "game-report.png") });
        await report.CloseAsync();
        await Accessible(white);
        await white.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserTests.Shots, "game-white-cell.png"), FullPage = true });
        Assert.Empty(_errors);
        Assert.Empty(_offsite);
    }
}
