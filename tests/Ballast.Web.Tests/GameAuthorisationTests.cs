using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ballast.Games;
using Ballast.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ballast.Web.Tests;

/// <summary>
/// Who may do what in a wargame (issue 14, item 7): every game endpoint and hub method × every role (each team of the
/// classroom game, the White Cell, spectators, nobody) gives the answer the matrix says; the matrix must name every game
/// endpoint the app maps and every hub method, so a new one without a row fails. Then no team reads another's secret moves
/// or private state before the game's reveal rule allows it, over HTTP or the hub; and no code reaches the log.
/// </summary>
public sealed class GameAuthorisationTests : IDisposable
{
    private static readonly string[] Teams = ["us", "japan", "china"];
    private readonly BallastFactory _f = new BallastFactory().With("GameBandRuns", "20");
    private readonly HttpClient _c;

    public GameAuthorisationTests() => _c = _f.CreateClient();

    public void Dispose() => _f.Dispose();

    private GameService Games => _f.Services.GetRequiredService<GameService>();

    /// <summary>One row: a request and the status each role gets; the setup puts a fresh game in the state the request needs.</summary>
    private sealed record Row(string Method, string Path, Func<string, HttpStatusCode> Expected, Func<string?, object?>? Body = null, Action<GameService, GameCreated>? Setup = null);

    private static Func<string, HttpStatusCode> Everyone(HttpStatusCode status) => _ => status;

    private static Func<string, HttpStatusCode> WithCode(HttpStatusCode status, HttpStatusCode anonymous = HttpStatusCode.Forbidden) => r => r == "anonymous" ? anonymous : status;

    private static Func<string, HttpStatusCode> Only(HttpStatusCode status, params string[] roles) => r => roles.Contains(r) ? status : HttpStatusCode.Forbidden;

    private static readonly Row[] Matrix =
    [
        new("GET", "/api/games/", Everyone(HttpStatusCode.OK)),
        new("GET", "/api/games/definitions", Everyone(HttpStatusCode.OK)),
        new("POST", "/api/games/", Everyone(HttpStatusCode.Created), _ => new { definition = "classroom" }),
        new("POST", "/api/games/{id}/join", WithCode(HttpStatusCode.OK, HttpStatusCode.BadRequest), code => new { code = code ?? string.Empty }),
        new("GET", "/api/games/{id}", WithCode(HttpStatusCode.OK)),
        new("GET", "/api/games/{id}/menu?team=japan", Only(HttpStatusCode.OK, "japan", "white-cell")),
        new("POST", "/api/games/{id}/signals", Only(HttpStatusCode.OK, Teams), _ => new { text = "We keep our word." }),
        new("POST", "/api/games/{id}/moves", Only(HttpStatusCode.OK, "japan"), _ => new { team = "japan", moves = Array.Empty<object>() }),
        new("POST", "/api/games/{id}/injects", Only(HttpStatusCode.OK, "white-cell"), _ => new { kind = "Crisis", value = 0.5, option = "taiwan-strait", text = "Drills." }),
        new("POST", "/api/games/{id}/pause", Only(HttpStatusCode.OK, "white-cell")),
        new("POST", "/api/games/{id}/resume", Only(HttpStatusCode.OK, "white-cell"), Setup: (g, c) => g.Pause(c.GameId, GameRole.WhiteCell)),
        new("POST", "/api/games/{id}/adjudicate", Only(HttpStatusCode.OK, "white-cell")),
        new("POST", "/api/games/{id}/reveal", Only(HttpStatusCode.OK, "white-cell"), _ => new { turn = 1 }, (g, c) => g.Adjudicate(c.GameId, GameRole.WhiteCell)),
        new("POST", "/api/games/{id}/branch", Only(HttpStatusCode.Created, "white-cell"), _ => new { turn = 1 }),
        new("GET", "/api/games/{id}/replay", WithCode(HttpStatusCode.OK), Setup: (g, c) => g.Adjudicate(c.GameId, GameRole.WhiteCell)),
        new("GET", "/api/games/{id}/report", Only(HttpStatusCode.OK, "white-cell"), Setup: (g, c) => g.Adjudicate(c.GameId, GameRole.WhiteCell)),
        new("GET", "/games", Everyone(HttpStatusCode.OK)),
        new("GET", "/games/new", Everyone(HttpStatusCode.OK)),
        new("GET", "/games/{id}", Everyone(HttpStatusCode.OK)),
    ];

    // Hub methods: every role holding a code may watch (notifications carry no secret); nobody else.
    private static readonly Dictionary<string, Func<string, bool>> HubMatrix = new(StringComparer.Ordinal)
    {
        ["Watch"] = r => r != "anonymous",
        ["Unwatch"] = r => r != "anonymous",
    };

    private static string Key(string method, string path) => method + " " + path.Split('?')[0];

    [Fact]
    public void The_matrix_names_every_game_endpoint_and_hub_method()
    {
        var mapped = _f.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } p && (p.StartsWith("/api/games", StringComparison.Ordinal) || p.StartsWith("/games", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => Key(m, e.RoutePattern.RawText!)))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Matrix.Select(r => Key(r.Method, r.Path)).Order(StringComparer.Ordinal), mapped);

        // The hub's endpoints are its transport (connect, negotiate); what it lets a caller do is its methods.
        var hub = _f.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!).Where(p => p.StartsWith("/hubs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal([GameHub.Path, GameHub.Path + "/negotiate"], hub);
        var methods = typeof(GameHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).Order(StringComparer.Ordinal);
        Assert.Equal(HubMatrix.Keys.Order(StringComparer.Ordinal), methods);
        Assert.Equal(19 * 6, Matrix.Length * TestGames.Roles.Length);
        Assert.Equal(2 * 6, HubMatrix.Count * TestGames.Roles.Length);
    }

    [Fact]
    public async Task Every_role_gets_the_answer_the_matrix_gives_on_every_endpoint()
    {
        int cells = 0;
        foreach (var row in Matrix)
        {
            var created = Games.Create(GameCatalog.Resolve("classroom", null, null), 3, Teams);
            row.Setup?.Invoke(Games, created);
            var codes = Codes(created);

            // Refusals first: they must leave the game as it was for the roles allowed after them.
            foreach (var role in TestGames.Roles.OrderBy(r => row.Expected(r) == HttpStatusCode.Forbidden ? 0 : 1))
            {
                var path = row.Path.Replace("{id}", created.GameId, StringComparison.Ordinal);
                var method = new HttpMethod(row.Method);
                bool header = !row.Path.EndsWith("/join", StringComparison.Ordinal);
                var r = await _c.SendAsync(TestGames.Request(method, path, header ? codes[role] : null, row.Body?.Invoke(codes[role])));
                var expected = row.Expected(role);
                var text = await r.Content.ReadAsStringAsync();
                Assert.True(r.StatusCode == expected, $"{row.Method} {row.Path} as {role}: expected {(int)expected}, got {(int)r.StatusCode}: {text}");
                if (expected == HttpStatusCode.Forbidden)
                {
                    var problem = JsonDocument.Parse(text).RootElement;
                    Assert.Contains(problem.GetProperty("code").GetString(), new[] { GameErrors.NotATeam, GameErrors.NotWhiteCell, GameErrors.WrongTeam, GameErrors.BadCode });
                }

                cells++;
            }
        }

        Assert.Equal(114, cells);
    }

    [Fact]
    public async Task Every_role_gets_the_answer_the_matrix_gives_on_every_hub_method()
    {
        var created = Games.Create(GameCatalog.Resolve("classroom", null, null), 3, Teams);
        var codes = Codes(created);
        int cells = 0;
        foreach (var (method, allowed) in HubMatrix)
        {
            foreach (var role in TestGames.Roles)
            {
                await using var hub = await Connect(codes[role]);
                if (allowed(role))
                {
                    await hub.InvokeAsync(method, created.GameId);
                }
                else
                {
                    var e = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(method, created.GameId));
                    Assert.Contains("forbidden", e.Message, StringComparison.Ordinal);
                }

                cells++;
            }
        }

        // A team's code is nothing in another game.
        var other = Games.Create(GameCatalog.Resolve("classroom", null, null), 3, Teams);
        await using var stray = await Connect(codes["japan"]);
        Assert.Contains("bad-code", (await Assert.ThrowsAsync<HubException>(() => stray.InvokeAsync<JoinResponse>("Watch", other.GameId))).Message, StringComparison.Ordinal);
        Assert.Equal(12, cells);
    }

    [Theory]
    [InlineData("at-adjudication")]
    [InlineData("by-white-cell")]
    [InlineData("at-end")]
    public async Task No_team_reads_another_teams_secret_moves_or_private_state_before_the_reveal_rule_allows(string reveal)
    {
        var (id, codes) = await TestGames.Create(_c, new { yaml = TestGames.Classroom(turns: 2, reveal: reveal), file_name = "secret.yaml", seed = 5 });
        var heard = new ConcurrentDictionary<string, ConcurrentQueue<string>>(StringComparer.Ordinal);
        var hubs = new List<HubConnection>();
        foreach (var role in new[] { "us", "china", "spectator", "white-cell" })
        {
            var hub = await Connect(codes[role]);
            var queue = heard.GetOrAdd(role, _ => new ConcurrentQueue<string>());
            foreach (var kind in Enum.GetValues<GameNotificationKind>())
            {
                hub.On<JsonElement>(GameBroadcast.Method(kind), n => queue.Enqueue(kind + " " + n.GetRawText()));
            }

            await hub.InvokeAsync<JoinResponse>("Watch", id);
            hubs.Add(hub);
        }

        // Japan's secret moves carry values no one else uses; turn 2's differ from turn 1's.
        string[] turn1 = ["1234.5", "7.25"], turn2 = ["1876.5", "9.75"];
        await Move(id, codes["japan"]!, 1234.5, 7.25);
        await Move(id, codes["us"]!, null, 3.5);
        await Move(id, codes["china"]!, null, 2.0);
        await Hidden(id, codes, turn1, "before adjudication");

        Assert.Equal(HttpStatusCode.OK, (await _c.Send(HttpMethod.Post, $"/api/games/{id}/adjudicate", codes["white-cell"])).StatusCode);
        if (reveal == "at-adjudication")
        {
            await Shown(id, codes, turn1);
        }
        else
        {
            await Hidden(id, codes, turn1, "after adjudication, " + reveal);
        }

        if (reveal == "by-white-cell")
        {
            Assert.Equal(HttpStatusCode.OK, (await _c.Send(HttpMethod.Post, $"/api/games/{id}/reveal", codes["white-cell"], new { turn = 1 })).StatusCode);
            await Shown(id, codes, turn1);
        }

        await Move(id, codes["japan"]!, 1876.5, 9.75);
        await Hidden(id, codes, turn2, "turn 2 before adjudication");
        Assert.Equal(HttpStatusCode.OK, (await _c.Send(HttpMethod.Post, $"/api/games/{id}/adjudicate", codes["white-cell"])).StatusCode);
        if (reveal == "by-white-cell")
        {
            await Hidden(id, codes, turn2, "turn 2 adjudicated, not revealed");
        }
        else
        {
            await Shown(id, codes, turn1.Concat(turn2).ToArray());
        }

        // The hub told everyone who moved and when, never what: no secret value in any notification.
        await Task.Delay(200);
        foreach (var (role, queue) in heard)
        {
            Assert.Contains(queue, n => n.StartsWith("MoveSubmitted", StringComparison.Ordinal) && n.Contains("\"team_id\":\"japan\"", StringComparison.Ordinal));
            Assert.Contains(queue, n => n.StartsWith("TurnResolved", StringComparison.Ordinal));
            Assert.All(queue, n => Assert.DoesNotContain("1234.5", n, StringComparison.Ordinal));
        }

        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task No_code_or_session_token_reaches_the_log()
    {
        var logs = new CapturedLogs();
        using var logged = _f.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace)));
        var c = logged.CreateClient(new() { HandleCookies = false });
        var (id, codes) = await TestGames.Create(c, new { definition = "classroom", human = Teams });
        var join = await c.PostAsync($"/api/games/{id}/join", System.Net.Http.Json.JsonContent.Create(new { code = codes["japan"] }));
        var cookie = Assert.Single(join.Headers.GetValues("Set-Cookie"));
        var token = cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
        var withCookie = new HttpRequestMessage(HttpMethod.Get, $"/api/games/{id}");
        withCookie.Headers.Add("Cookie", $"{GameSessions.CookieName(id)}={token}");
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(withCookie)).StatusCode);
        foreach (var role in TestGames.Roles)
        {
            await c.Send(HttpMethod.Get, $"/api/games/{id}", codes[role]);
            await c.Send(HttpMethod.Post, $"/api/games/{id}/signals", codes[role], new { text = "Signal" });
        }

        await c.Send(HttpMethod.Get, $"/api/games/{id}", "a-wrong-guess-at-a-code");
        await c.Send(HttpMethod.Post, $"/api/games/{id}/moves", codes["us"], new { moves = new[] { new { item = "budget", value = 99.0 } } });
        await using (var hub = await Connect(codes["white-cell"], logged.Server))
        {
            await hub.InvokeAsync<JoinResponse>("Watch", id);
        }

        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Contains($"/api/games/{id}/signals", StringComparison.Ordinal));
        foreach (var secret in codes.Values.OfType<string>().Append(token).Append("a-wrong-guess-at-a-code"))
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Game_cookies_and_the_code_header_are_masked_in_any_log_text()
    {
        // Nothing logs headers or cookies by default; a sink that does (HTTP logging, a proxy's line) still gets them masked.
        using var inner = new LoggerFactory();
        var redactor = new Ballast.Web.Hosting.RedactingLoggerFactory(inner, () => null);
        Assert.Equal("Cookie: ballast_game_pvjd35qcspzjc4cw=[redacted]; theme=dark", redactor.Redact("Cookie: ballast_game_pvjd35qcspzjc4cw=Xy_9-token; theme=dark"));
        Assert.Equal("X-Game-Code: [redacted]", redactor.Redact("X-Game-Code: aq1xftsgskk1j146ermh3z1vxr"));
        Assert.Equal("x-game-code=[redacted]&a=1", redactor.Redact("x-game-code=aq1xftsgskk1j146ermh3z1vxr&a=1"));
        Assert.True(redactor.Holds("X-Game-Code: aq1x"));
        Assert.False(redactor.Holds("GET /api/games/pvjd35qcspzjc4cw"));
    }

    private static Dictionary<string, string?> Codes(GameCreated g)
    {
        var codes = new Dictionary<string, string?>(StringComparer.Ordinal) { ["white-cell"] = g.WhiteCellCode, ["spectator"] = g.SpectatorCode, ["anonymous"] = null };
        foreach (var (team, code) in g.TeamCodes)
        {
            codes[team] = code;
        }

        return codes;
    }

    private async Task<HubConnection> Connect(string? code, Microsoft.AspNetCore.TestHost.TestServer? server = null)
    {
        server ??= _f.Server;
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, GameHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (code is not null)
                {
                    o.Headers[GameSessions.Header] = code;
                }
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        await hub.StartAsync();
        return hub;
    }

    private async Task Move(string id, string code, double? host, double budget)
    {
        var moves = new List<object> { new { item = "budget", value = budget } };
        if (host is double h)
        {
            moves.Add(new { item = "host", value = h });
        }

        var r = await _c.Send(HttpMethod.Post, $"/api/games/{id}/moves", code, new { moves });
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
    }

    /// <summary>Everything the US, China and a spectator can read holds none of the values; Japan and the White Cell see them.</summary>
    private async Task Hidden(string id, Dictionary<string, string?> codes, string[] secrets, string when)
    {
        foreach (var role in new[] { "us", "china", "spectator" })
        {
            var text = await Readable(id, role, codes[role]);
            foreach (var s in secrets)
            {
                Assert.False(text.Contains(s, StringComparison.Ordinal), $"{role} reads Japan's secret {s} {when}");
            }
        }

        await Shown(id, codes, secrets, ["japan", "white-cell"]);
    }

    private async Task Shown(string id, Dictionary<string, string?> codes, string[] values, string[]? roles = null)
    {
        foreach (var role in roles ?? ["us", "china", "spectator", "japan", "white-cell"])
        {
            var text = await Readable(id, role, codes[role]);
            Assert.All(values, v => Assert.Contains(v, text, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// What a role can read of the game over HTTP (its view, the lobby, its menu, the replay check), after checking its
    /// private state: only its own counterfactuals and assessments, only the actors its definition lets it see.
    /// </summary>
    private async Task<string> Readable(string id, string role, string? code)
    {
        var view = await _c.View(id, code);
        var team = Teams.Contains(role) ? role : null;
        var sees = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["us"] = ["USA", "JPN", "CHN"], ["japan"] = ["JPN", "USA"], ["china"] = ["CHN", "USA", "JPN"] };
        foreach (var outcome in view.GetProperty("outcomes").EnumerateArray())
        {
            var cf = outcome.GetProperty("counterfactuals").EnumerateArray().Select(x => x.GetProperty("team_id").GetString()).ToList();
            var assessed = outcome.GetProperty("assessments").EnumerateArray().Select(x => x.GetProperty("team_id").GetString()).ToList();
            var actors = outcome.GetProperty("actors").EnumerateArray().Select(x => x.GetProperty("actor").GetString()!).ToList();
            if (role == "white-cell")
            {
                Assert.Equal(3, assessed.Count);
                continue;
            }

            Assert.All(cf, t => Assert.Equal(team, t));
            Assert.All(assessed, t => Assert.Equal(team, t));
            Assert.All(actors, a => Assert.Contains(a, team is null ? [] : sees[team]));
        }

        var moves = view.GetProperty("moves").EnumerateArray().Select(m => m.GetProperty("team_id").GetString()).ToList();
        if (team is not null)
        {
            Assert.Contains(team, moves.Append(team));
        }

        var parts = new List<string> { view.GetRawText(), await _c.GetStringAsync("/api/games") };
        parts.Add(await (await _c.Send(HttpMethod.Get, $"/api/games/{id}/replay", code)).Content.ReadAsStringAsync());
        if (team is not null)
        {
            parts.Add(await (await _c.Send(HttpMethod.Get, $"/api/games/{id}/menu", code)).Content.ReadAsStringAsync());
        }

        return string.Join("\n", parts);
    }
}
