using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Ballast.Web.Api;

/// <summary>
/// Where a request's game code comes from: the <c>X-Game-Code</c> header (API clients), or the HTTP-only cookie a
/// browser gets when it joins (<c>POST /api/games/{id}/join</c>). The cookie holds a session token drawn at random, never
/// the code: the token maps to the code in this process only, so a copied cookie or log line never reveals a code and a
/// restart ends every browser session (join again). Codes are never read from a URL.
/// </summary>
public sealed class GameSessions
{
    /// <summary>Request header carrying a game code.</summary>
    public const string Header = "X-Game-Code";

    /// <summary>Prefix of the per-game session cookie (the game id follows).</summary>
    public const string CookiePrefix = "ballast_game_";

    // Sessions kept at most; the oldest are dropped past it (a browser that loses its session joins again).
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (string Game, string Code, long Order)> _sessions = new(StringComparer.Ordinal);
    private long _order;

    /// <summary>The cookie name for a game.</summary>
    public static string CookieName(string gameId) => CookiePrefix + gameId;

    /// <summary>Starts a session for a code that authenticated for the game; returns the cookie value.</summary>
    public string Open(string gameId, string code)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _sessions[token] = (gameId, code, Interlocked.Increment(ref _order));
        if (_sessions.Count > Capacity)
        {
            foreach (var old in _sessions.OrderBy(s => s.Value.Order).Take(_sessions.Count - Capacity).Select(s => s.Key).ToList())
            {
                _sessions.TryRemove(old, out _);
            }
        }

        return token;
    }

    /// <summary>Ends the session the request carries for the game, if any.</summary>
    public void Close(HttpRequest request, string gameId)
    {
        if (request.Cookies[CookieName(gameId)] is { } token)
        {
            _sessions.TryRemove(token, out _);
        }
    }

    /// <summary>The code a request presents for a game (header first, then the session cookie), or null.</summary>
    public string? CodeOf(HttpRequest request, string gameId)
    {
        if (request.Headers[Header].FirstOrDefault() is { Length: > 0 } header)
        {
            return header;
        }

        return request.Cookies[CookieName(gameId)] is { } token && _sessions.TryGetValue(token, out var s) && s.Game == gameId ? s.Code : null;
    }
}
