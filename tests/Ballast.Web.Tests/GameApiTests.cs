using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballast.Web.Api;

namespace Ballast.Web.Tests;

/// <summary>Wargames over the HTTP API: create, join, moves, the White Cell's operations, replay, branch, and refusals as problems.</summary>
public sealed class GameApiTests : IDisposable
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly BallastFactory _f;
    private readonly HttpClient _c;

    public GameApiTests()
    {
        _f = new BallastFactory { Clock = _clock }.With("GameBandRuns", "40");
        _c = _f.CreateClient();
    }

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task The_lobby_lists_the_example_definitions_and_the_games()
    {
        var defs = await (await _c.GetAsync("/api/games/definitions")).Json();
        Assert.Equal(["classroom", "indo-pacific-2025"], defs.EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        var classroom = defs[0];
        Assert.Equal(4, classroom.GetProperty("turns").GetInt32());
        Assert.Equal(["us", "japan", "china"], classroom.GetProperty("teams").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal(0, (await (await _c.GetAsync("/api/games")).Json()).GetArrayLength());
        var (id, codes) = await TestGames.Create(_c, new { definition = "classroom", seed = 7 });
        Assert.Equal(5, codes.Count(c => c.Value is not null));
        var list = await (await _c.GetAsync("/api/games")).Json();
        var game = Assert.Single(list.EnumerateArray());
        Assert.Equal(id, game.GetProperty("game_id").GetString());
        Assert.Equal("Open", game.GetProperty("status").GetString());
        Assert.Equal(1, game.GetProperty("turn").GetInt32());

        // The lobby is public, and holds no code.
        var text = list.GetRawText();
        Assert.All(codes.Values.OfType<string>(), code => Assert.DoesNotContain(code, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_refuses_an_unknown_example_bad_yaml_and_an_unknown_team()
    {
        var unknown = await (await _c.PostAsJsonAsync("/api/games", new { definition = "chess" })).Problem(HttpStatusCode.BadRequest, "definition");
        Assert.Contains("allowed: classroom, indo-pacific-2025", unknown.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var bad = await (await _c.PostAsJsonAsync("/api/games", new { yaml = TestGames.Classroom().Replace("turns: 4", "turns: 40", StringComparison.Ordinal), file_name = "my-game.yaml" })).Problem(HttpStatusCode.BadRequest, "turns");
        Assert.Equal("my-game.yaml", bad.GetProperty("file").GetString());
        Assert.Contains("after the scenario's horizon 2035", bad.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var team = await (await _c.PostAsJsonAsync("/api/games", new { definition = "classroom", human = new[] { "france" } })).Problem(HttpStatusCode.BadRequest, "human");
        Assert.Equal("invalid", team.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Joining_sets_an_http_only_cookie_that_holds_a_session_token_not_the_code()
    {
        var (id, codes) = await TestGames.Create(_c, new { definition = "classroom" });
        var browser = _f.CreateClient(new() { HandleCookies = false });
        var join = await browser.PostAsJsonAsync($"/api/games/{id}/join", new { code = codes["japan"] });
        var who = await join.Json();
        Assert.Equal("Team", who.GetProperty("role").GetString());
        Assert.Equal("japan", who.GetProperty("team").GetString());
        var cookie = Assert.Single(join.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(GameSessions.CookieName(id) + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(codes["japan"]!, cookie, StringComparison.Ordinal);

        // The cookie opens the game as Japan; for another game it is nothing.
        var token = cookie[(GameSessions.CookieName(id).Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
        var view = new HttpRequestMessage(HttpMethod.Get, $"/api/games/{id}");
        view.Headers.Add("Cookie", $"{GameSessions.CookieName(id)}={token}");
        var seen = await (await browser.SendAsync(view)).Json();
        Assert.Equal("japan", seen.GetProperty("role").GetProperty("team_id").GetString());
        var (other, _) = await TestGames.Create(_c, new { definition = "classroom" });
        var elsewhere = new HttpRequestMessage(HttpMethod.Get, $"/api/games/{other}");
        elsewhere.Headers.Add("Cookie", $"{GameSessions.CookieName(other)}={token}");
        Assert.Equal("not-a-team", (await (await browser.SendAsync(elsewhere)).Problem(HttpStatusCode.Forbidden, GameSessions.Header)).GetProperty("code").GetString());

        // A wrong code is refused without echoing it; no code at all is a bad request.
        var wrong = await (await browser.PostAsJsonAsync($"/api/games/{id}/join", new { code = "0123456789abcdefghjkmnpqrs" })).Problem(HttpStatusCode.Forbidden, "code");
        Assert.Equal("bad-code", wrong.GetProperty("code").GetString());
        Assert.DoesNotContain("0123456789abcdefghjkmnpqrs", wrong.GetRawText(), StringComparison.Ordinal);
        await (await browser.PostAsJsonAsync($"/api/games/{id}/join", new { code = string.Empty })).Problem(HttpStatusCode.BadRequest, "code");
    }

    [Fact]
    public async Task Codes_are_128_bit_random_and_unique()
    {
        var all = new List<string>();
        for (int i = 0; i < 8; i++)
        {
            var (_, codes) = await TestGames.Create(_c, new { definition = "classroom" });
            all.AddRange(codes.Values.OfType<string>());
        }

        // 26 Crockford base-32 digits carry 130 bits; 40 codes, all distinct.
        Assert.Equal(40, all.Count);
        Assert.Equal(40, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, code => Assert.Matches("^[0-9a-hjkmnp-tv-z]{26}$", code));
    }

    [Fact]
    public async Task Bad_moves_are_refused_with_problem_details()
    {
        var (id, codes) = await TestGames.Create(_c, new { definition = "classroom", human = new[] { "us", "japan" } });
        string us = codes["us"]!, japan = codes["japan"]!;

        // Out of bounds: Japan's budget move is -5 to 20 %.
        var bounds = await (await _c.Send(HttpMethod.Post, $"/api/games/{id}/moves", japan, new { moves = new[] { new { item = "budget", value = 25.0 } } })).Problem(HttpStatusCode.BadRequest, "moves[0].value");
        Assert.Equal("move-out-of-bounds", bounds.GetProperty("code").GetString());
        Assert.Equal("https://ballast.invalid/problems/move-out-of-bounds", bounds.GetProperty("type").GetString());

        // Wrong team: the US may not move for Japan, nor read Japan's menu.
        var wrong = await (await _c.Send(HttpMethod.Post, $"/api/games/{id}/moves", us, new { team = "japan", moves = Array.Empty<object>() })).Problem(HttpStatusCode.Forbidden, "team");
        Assert.Equal("wrong-team", wrong.GetProperty("code").GetString());
        Assert.Equal("wrong-team", (await (await _c.Send(HttpMethod.Get, $"/api/games/{id}/menu?team=japan", us)).Problem(HttpStatusCode.Forbidden, "team")).GetProperty("code").GetString());

        // A model-played team takes no moves from anyone.
        Assert.Equal("wrong-state", (await (await _c.Send(HttpMethod.Post, $"/api/games/{id}/moves", codes["china"], new { moves = Array.Empty<object>() })).Problem(HttpStatusCode.Conflict, "game")).GetProperty("code").GetString());

        // Twice in a turn.
        Assert.Equal(HttpStatusCode.OK, (await _c.Send(HttpMethod.Post, $"/api/games/{id}/moves", us, new { moves = new[] { new { item = "budget", value = 2.0 } } })).StatusCode);
        Assert.Equal("already-submitted", (await (await _c.Send(HttpMethod.Post, $"/api/games/{id}/moves", us, new { moves = Array.Empty<object>() })).Problem(HttpStatusCode.Conflict, "game")).GetProperty("code").GetString());

        // After the deadline (20 minutes a turn).
        _clock.Advance(TimeSpan.FromMinutes(21));
        var late = await (await _c.Send(HttpMethod.Post, $"/api/games/{id}/moves", japan, new { moves = Array.Empty<object>() })).Problem(HttpStatusCode.Conflict, "game");
        Assert.Equal("after-deadline", late.GetProperty("code").GetString());
        Assert.Equal("turn 1 closed for moves at 2026-03-02 09:20:00Z", late.GetProperty("detail").GetString());

        // Not the White Cell; paused; an unknown game.
        Assert.Equal("not-white-cell", (await (await _c.Send(HttpMethod.Post, $"/api/games/{id}/adjudicate", us)).Problem(HttpStatusCode.Forbidden, GameSessions.Header)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _c.Send(HttpMethod.Post, $"/api/games/{id}/pause", codes["white-cell"])).StatusCode);
        Assert.Equal("game-paused", (await (await _c.Send(HttpMethod.Post, $"/api/games/{id}/signals", us, new { text = "Hello" })).Problem(HttpStatusCode.Conflict, "game")).GetProperty("code").GetString());
        var unknown = await (await _c.Send(HttpMethod.Get, "/api/games/nosuchgame", us)).Problem(HttpStatusCode.NotFound, "id");
        Assert.Equal("unknown-game", unknown.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Two_turns_replay_bit_for_bit_and_a_branch_keeps_the_turns_before_it()
    {
        var (id, codes) = await TestGames.Create(_c, new { definition = "classroom", seed = 11, human = new[] { "us", "japan" } });
        string white = codes["white-cell"]!;
        for (int turn = 1; turn <= 2; turn++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _c.Send(HttpMethod.Post, $"/api/games/{id}/signals", codes["us"], new { text = $"Turn {turn}: we stand by Japan." })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _c.Send(HttpMethod.Post, $"/api/games/{id}/moves", codes["us"], new { moves = new[] { new { item = "budget", value = 3.0 } } })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _c.Send(HttpMethod.Post, $"/api/games/{id}/moves", codes["japan"], new { moves = new object[] { new { item = "budget", value = 10.0 }, new { item = "host", value = 1500.0 } } })).StatusCode);
            var after = await (await _c.Send(HttpMethod.Post, $"/api/games/{id}/adjudicate", white)).Json();
            Assert.Equal(turn + 1, after.GetProperty("turn").GetInt32());
        }

        var replay = await (await _c.Send(HttpMethod.Get, $"/api/games/{id}/replay", codes["spectator"])).Json();
        Assert.True(replay.GetProperty("identical").GetBoolean(), replay.GetRawText());
        Assert.Equal(2, replay.GetProperty("turns_compared").GetInt32());
        Assert.Equal(JsonValueKind.Null, replay.GetProperty("first_difference").ValueKind);

        // Branch at turn 2 with Japan's moves replaced: turn 1 is the same outcome, bit for bit; the branch plays turn 2 again.
        var branch = await (await _c.Send(HttpMethod.Post, $"/api/games/{id}/branch", white, new { turn = 2, moves = new Dictionary<string, object[]> { ["japan"] = [new { item = "host", value = 2500.0 }] } })).Json(HttpStatusCode.Created);
        string branchId = branch.GetProperty("id").GetString()!;
        Assert.NotEqual(id, branchId);
        var branchWhite = branch.GetProperty("codes").EnumerateArray().Single(c => c.GetProperty("role").GetString() == "WhiteCell").GetProperty("code").GetString();
        Assert.NotEqual(white, branchWhite);
        var original = await _c.View(id, white);
        var copy = await _c.View(branchId, branchWhite);
        Assert.Equal(2, copy.GetProperty("turn").GetInt32());
        Assert.Equal(id, copy.GetProperty("parent_game_id").GetString());
        Assert.Equal(original.GetProperty("outcomes")[0].GetRawText(), Assert.Single(copy.GetProperty("outcomes").EnumerateArray()).GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await _c.Send(HttpMethod.Post, $"/api/games/{branchId}/adjudicate", branchWhite)).StatusCode);
        var replayed = await _c.View(branchId, branchWhite);
        Assert.NotEqual(original.GetProperty("outcomes")[1].GetRawText(), replayed.GetProperty("outcomes")[1].GetRawText());

        // The original's codes do not open the branch.
        Assert.Equal("bad-code", (await (await _c.Send(HttpMethod.Get, $"/api/games/{branchId}", white)).Problem(HttpStatusCode.Forbidden, "code")).GetProperty("code").GetString());
    }
}
