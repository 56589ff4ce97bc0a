namespace Ballast.Games;

/// <summary>Who is asking: a team, the White Cell (facilitators, sees everything), a spectator (public record only) or nobody.</summary>
public enum RoleKind
{
    /// <summary>Not authenticated: may see the game list only.</summary>
    Anonymous,

    /// <summary>A spectator: the public record (signals, revealed moves, world indicators).</summary>
    Spectator,

    /// <summary>A team: its own moves and state, the public record and what its definition lets it see.</summary>
    Team,

    /// <summary>The White Cell: everything, and the facilitator's operations (injects, pause, adjudicate, reveal).</summary>
    WhiteCell,
}

/// <summary>A role in one game.</summary>
/// <param name="Kind">The kind of role.</param>
/// <param name="TeamId">The team's id for <see cref="RoleKind.Team"/>; null otherwise.</param>
public sealed record GameRole(RoleKind Kind, string? TeamId)
{
    /// <summary>The anonymous role.</summary>
    public static GameRole Anonymous { get; } = new(RoleKind.Anonymous, null);

    /// <summary>The spectator role.</summary>
    public static GameRole Spectator { get; } = new(RoleKind.Spectator, null);

    /// <summary>The White Cell role.</summary>
    public static GameRole WhiteCell { get; } = new(RoleKind.WhiteCell, null);

    /// <summary>A team's role.</summary>
    public static GameRole Team(string teamId) => new(RoleKind.Team, teamId);

    /// <inheritdoc/>
    public override string ToString() => Kind == RoleKind.Team ? "team " + TeamId : Kind.ToString();
}

/// <summary>A move: one menu item with its value (and target and option where the item has them).</summary>
/// <param name="Item">The menu item's id.</param>
/// <param name="Value">The value, within the item's bounds.</param>
/// <param name="Target">The actor (ISO3) acted on, one of the item's targets; null when the item acts on the team's own actor.</param>
/// <param name="Option">The option (mission area, stance kind, crisis kind), one of the item's options; null when it has none.</param>
/// <param name="Deadline">For a conditional stance: the year by which the target must be met.</param>
/// <param name="Actor">Which of the team's own actors makes the move, when the team controls several; null = its first.</param>
public sealed record Move(string Item, double Value, string? Target = null, string? Option = null, int? Deadline = null, string? Actor = null);

/// <summary>The kind of a White Cell inject.</summary>
public enum InjectKind
{
    /// <summary>A crisis of a kind (<see cref="Inject.Option"/>: taiwan-strait, korean-peninsula, south-china-sea, gray-zone) and intensity in [0, 1].</summary>
    Crisis,

    /// <summary>An economic shock: GDP change in percent for a country (<see cref="Inject.Target"/>) or a region (<see cref="Inject.Option"/>: all, allies, adversaries...).</summary>
    Shock,

    /// <summary>A change of government in a country: its tie with the US changes by the value (in [-1, 1]) and its spending by <see cref="Inject.SpendingChangePct"/>.</summary>
    GovernmentChange,
}

/// <summary>A White Cell inject, shaping the years of the turn it is made in (from the turn's opening state on).</summary>
/// <param name="Kind">What happens.</param>
/// <param name="Value">Intensity (crisis), GDP change % (shock) or tie change with the US (government change).</param>
/// <param name="Target">The country (ISO3), where the kind has one.</param>
/// <param name="Option">Crisis kind or shock region.</param>
/// <param name="SpendingChangePct">For a change of government: the change of the country's spending in percent (0 when absent).</param>
/// <param name="Text">The announcement shown to every team.</param>
public sealed record Inject(InjectKind Kind, double Value, string? Target = null, string? Option = null, double SpendingChangePct = 0, string Text = "");

/// <summary>HTTP-like class of a rule violation, so each host maps it without a table of codes.</summary>
public enum GameErrorKind
{
    /// <summary>The request is malformed or breaks a rule of the game (400).</summary>
    Invalid,

    /// <summary>The role may not do this (403).</summary>
    Forbidden,

    /// <summary>No such game (404).</summary>
    NotFound,

    /// <summary>The game's state does not allow it now: paused, finished, already submitted, after the deadline (409).</summary>
    Conflict,
}

/// <summary>
/// A rule violation in a game. <see cref="Code"/> is stable (the web's problem details and the CLI print it); see
/// <see cref="GameErrors"/> for the codes. It is an input error, so the CLI exits with 2.
/// </summary>
public sealed class GameRuleException : BallastInputException
{
    /// <summary>Creates the error.</summary>
    public GameRuleException(string code, GameErrorKind kind, string message, string? field = null)
        : base(message, field: field)
    {
        Code = code;
        Kind = kind;
    }

    /// <summary>The stable error code (e.g. <c>move-out-of-bounds</c>).</summary>
    public string Code { get; }

    /// <summary>The class of the error.</summary>
    public GameErrorKind Kind { get; }
}

/// <summary>The stable error codes of <see cref="GameRuleException"/>.</summary>
public static class GameErrors
{
    /// <summary>No game with that id (404).</summary>
    public const string UnknownGame = "unknown-game";

    /// <summary>The code does not open the game (403).</summary>
    public const string BadCode = "bad-code";

    /// <summary>Only the White Cell may do this (403).</summary>
    public const string NotWhiteCell = "not-white-cell";

    /// <summary>Only a team may do this, or the role may not see this (403).</summary>
    public const string NotATeam = "not-a-team";

    /// <summary>The move or menu is for another team (403).</summary>
    public const string WrongTeam = "wrong-team";

    /// <summary>The menu has no such item (400).</summary>
    public const string UnknownItem = "unknown-item";

    /// <summary>The value is outside the item's bounds (400).</summary>
    public const string MoveOutOfBounds = "move-out-of-bounds";

    /// <summary>The target is not one of the item's targets (400).</summary>
    public const string BadTarget = "bad-target";

    /// <summary>The option is not one of the item's options (400).</summary>
    public const string BadOption = "bad-option";

    /// <summary>The moves cost more than the team's budget for the turn (400).</summary>
    public const string OverBudget = "over-budget";

    /// <summary>The same item twice for the same target in one submission (400).</summary>
    public const string DuplicateMove = "duplicate-move";

    /// <summary>A bad inject, signal or argument (400).</summary>
    public const string Invalid = "invalid";

    /// <summary>The turn's deadline has passed (409).</summary>
    public const string AfterDeadline = "after-deadline";

    /// <summary>The team has submitted its moves for this turn already (409).</summary>
    public const string AlreadySubmitted = "already-submitted";

    /// <summary>The game is paused (409).</summary>
    public const string Paused = "game-paused";

    /// <summary>The game is over (409).</summary>
    public const string Finished = "game-finished";

    /// <summary>The operation needs another state (not paused to resume, a turn not yet adjudicated to reveal...) (409).</summary>
    public const string WrongState = "wrong-state";

    /// <summary>The log changed while the operation ran (409; retry).</summary>
    public const string Concurrent = "concurrent-change";
}

/// <summary>What happened, for live updates (no secret content: a submission names the team and turn only).</summary>
public enum GameNotificationKind
{
    /// <summary>A team submitted its moves.</summary>
    MoveSubmitted,

    /// <summary>A team posted a public signal.</summary>
    SignalPosted,

    /// <summary>The White Cell made an inject.</summary>
    Injected,

    /// <summary>A turn was adjudicated.</summary>
    TurnResolved,

    /// <summary>A turn's moves were revealed.</summary>
    Revealed,

    /// <summary>The game was paused.</summary>
    Paused,

    /// <summary>The game was resumed.</summary>
    Resumed,
}

/// <summary>A live update.</summary>
/// <param name="GameId">The game.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Turn">The turn it happened in.</param>
/// <param name="TeamId">The team that did it, where one did.</param>
public sealed record GameNotification(string GameId, GameNotificationKind Kind, int Turn, string? TeamId);

/// <summary>Receives live updates from <see cref="GameService"/> after each change is in the log (the web pushes them over SignalR).</summary>
public interface IGameObserver
{
    /// <summary>Called after an event is appended; must not throw or block for long.</summary>
    void Notify(GameNotification notification);
}
