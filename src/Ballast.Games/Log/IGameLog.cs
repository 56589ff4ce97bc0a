namespace Ballast.Games.Log;

/// <summary>One event of a game's log: its position, type, time and JSON payload.</summary>
/// <param name="Sequence">Position in the game's log, from 0.</param>
/// <param name="Type">Event type (<c>created</c>, <c>moves</c>, <c>signal</c>, <c>inject</c>, <c>paused</c>, <c>resumed</c>, <c>adjudicated</c>, <c>revealed</c>).</param>
/// <param name="At">When it was appended.</param>
/// <param name="Data">The payload, JSON.</param>
public sealed record GameEvent(long Sequence, string Type, DateTimeOffset At, string Data);

/// <summary>
/// The append-only event log of every game. A game's state is a function of its events alone; nothing is updated or
/// deleted. Appends are optimistic: they name the count of events the writer saw and fail if another writer was first.
/// </summary>
public interface IGameLog
{
    /// <summary>
    /// Appends events to a game's log (a new game when <paramref name="expectedCount"/> is 0), all or none. Returns false
    /// when the log no longer has <paramref name="expectedCount"/> events (another writer appended first).
    /// </summary>
    bool TryAppend(string gameId, long expectedCount, IReadOnlyList<(string Type, DateTimeOffset At, string Data)> events);

    /// <summary>A game's events in order; empty when there is no such game.</summary>
    IReadOnlyList<GameEvent> Read(string gameId);

    /// <summary>Every game's id, oldest first.</summary>
    IReadOnlyList<string> GameIds();
}
