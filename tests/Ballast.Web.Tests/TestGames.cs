using System.Net.Http.Json;
using System.Text.Json;
using Ballast.Web.Api;

namespace Ballast.Web.Tests;

/// <summary>Wargames over the HTTP API: the example definitions, creating a game, requests carrying a code.</summary>
internal static class TestGames
{
    /// <summary>The roles of the classroom game as the tests name them: its teams, the White Cell, spectators, nobody.</summary>
    public static readonly string[] Roles = ["us", "japan", "china", "white-cell", "spectator", "anonymous"];

    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ballast.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Ballast.slnx) not found above the test folder");
    }

    /// <summary>The classroom game's YAML with its turns or reveal rule changed.</summary>
    public static string Classroom(int? turns = null, string? reveal = null, int? minutes = null)
    {
        var text = File.ReadAllText(Path.Combine(Root(), "games", "classroom.yaml"));
        text = turns is int t ? Replace(text, "turns: 4", $"turns: {t}") : text;
        text = reveal is not null ? Replace(text, "reveal: at-adjudication", "reveal: " + reveal) : text;
        return minutes is int m ? Replace(text, "turn-minutes: 20", $"turn-minutes: {m}") : text;
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>Creates a game through the API; returns its id and each role's code (anonymous: none).</summary>
    public static async Task<(string Id, Dictionary<string, string?> Codes)> Create(HttpClient c, object body)
    {
        var g = await (await c.PostAsJsonAsync("/api/games", body)).Json(System.Net.HttpStatusCode.Created);
        var codes = new Dictionary<string, string?>(StringComparer.Ordinal) { ["anonymous"] = null };
        foreach (var code in g.GetProperty("codes").EnumerateArray())
        {
            var role = code.GetProperty("role").GetString()!;
            codes[role == "Team" ? code.GetProperty("team").GetString()! : role == "WhiteCell" ? "white-cell" : "spectator"] = code.GetProperty("code").GetString();
        }

        return (g.GetProperty("id").GetString()!, codes);
    }

    /// <summary>A request carrying a game code in the header (none for the anonymous role).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string url, string? code, object? body = null)
    {
        var m = new HttpRequestMessage(method, url);
        if (code is not null)
        {
            m.Headers.Add(GameSessions.Header, code);
        }

        if (body is not null)
        {
            m.Content = JsonContent.Create(body);
        }
        else if (method == HttpMethod.Post)
        {
            m.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        return m;
    }

    public static Task<HttpResponseMessage> Send(this HttpClient c, HttpMethod method, string url, string? code, object? body = null) =>
        c.SendAsync(Request(method, url, code, body));

    public static async Task<JsonElement> View(this HttpClient c, string id, string? code) =>
        await (await c.Send(HttpMethod.Get, $"/api/games/{id}", code)).Json();
}

/// <summary>A clock that moves only when told (turn deadlines).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
