using Ballast.Games;
using Microsoft.AspNetCore.SignalR;

namespace Ballast.Web.Api;

/// <summary>
/// Live updates of wargames (SignalR, <c>/hubs/games</c>). A connection watches a game with the same code → role
/// mapping as the HTTP API (the <c>X-Game-Code</c> header of the connecting request or the session cookie from joining):
/// a code that opens the game puts the connection in the game's group; without one the call is refused. Notifications
/// carry no secret content (who moved and when, never what), so every watcher of a game gets them; whatever a role may
/// see it then reads from <c>GET /api/games/{id}</c>, which applies the fog of war.
/// </summary>
internal sealed class GameHub(GameService games, GameSessions sessions) : Hub
{
    /// <summary>The hub's path.</summary>
    public const string Path = "/hubs/games";

    /// <summary>The group of a game's watchers.</summary>
    public static string Group(string gameId) => "game:" + gameId;

    /// <summary>Starts watching a game; returns the caller's role. Refused (a hub error naming the rule) without a code that opens it.</summary>
    public async Task<JoinResponse> Watch(string gameId)
    {
        var role = Authorise(gameId);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(gameId));
        return new JoinResponse(gameId, role.Kind, role.TeamId);
    }

    /// <summary>Stops watching a game (same authorisation as <see cref="Watch"/>).</summary>
    public async Task Unwatch(string gameId)
    {
        Authorise(gameId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(gameId));
    }

    private GameRole Authorise(string gameId)
    {
        var request = Context.GetHttpContext()?.Request ?? throw new HubException("forbidden: no request to read a game code from");
        try
        {
            var code = sessions.CodeOf(request, gameId ?? string.Empty)
                ?? throw new HubException($"forbidden ({GameErrors.NotATeam}): watching a game needs its code (join first, or send {GameSessions.Header})");
            return games.Authenticate(gameId ?? string.Empty, code);
        }
        catch (GameRuleException e)
        {
            // The rule's stable code and message reach the client; nothing else of the exception does.
            throw new HubException($"{e.Kind.ToString().ToLowerInvariant()} ({e.Code}): {e.Message}");
        }
    }
}

/// <summary>A live update as the hub sends it.</summary>
/// <param name="GameId">The game.</param>
/// <param name="Turn">The turn it happened in.</param>
/// <param name="TeamId">The team that did it, where one did.</param>
public sealed record GameNotice(string GameId, int Turn, string? TeamId);

/// <summary>
/// Passes the game service's notifications to the hub's game group, one client method per kind (<c>moveSubmitted</c>,
/// <c>signalPosted</c>, <c>injected</c>, <c>turnResolved</c>, <c>revealed</c>, <c>paused</c>, <c>resumed</c>).
/// Sending is fire-and-forget: a slow connection never holds up a move.
/// </summary>
internal sealed class GameBroadcast(IHubContext<GameHub> hub, ILogger<GameBroadcast> log) : IGameObserver
{
    /// <summary>The client method of a notification kind.</summary>
    public static string Method(GameNotificationKind kind) => kind switch
    {
        GameNotificationKind.MoveSubmitted => "moveSubmitted",
        GameNotificationKind.SignalPosted => "signalPosted",
        GameNotificationKind.Injected => "injected",
        GameNotificationKind.TurnResolved => "turnResolved",
        GameNotificationKind.Revealed => "revealed",
        GameNotificationKind.Paused => "paused",
        GameNotificationKind.Resumed => "resumed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a notification kind without a client method"),
    };

    public void Notify(GameNotification n)
    {
        var send = hub.Clients.Group(GameHub.Group(n.GameId)).SendAsync(Method(n.Kind), new GameNotice(n.GameId, n.Turn, n.TeamId));
        send.ContinueWith(t => log.LogWarning(t.Exception, "Live update {Kind} of game {Game} not sent", n.Kind, n.GameId), TaskContinuationOptions.OnlyOnFaulted);
    }
}
