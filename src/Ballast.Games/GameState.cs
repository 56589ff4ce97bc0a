using Ballast.Games.Log;

namespace Ballast.Games;

/// <summary>A game's state folded from its events (the only source of truth); rebuilt on every read.</summary>
/// <remarks>Each property starts at its value on creation; <see cref="Fold"/> applies the later events.</remarks>
internal sealed class GameState(string id, GameDefinition definition, CreatedEvent created, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public GameDefinition Definition { get; } = definition;

    public CreatedEvent Created { get; } = created;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public long Count { get; private set; }

    public int Turn { get; private set; } = 1;

    public bool Finished => Turn > Definition.Turns;

    public DateTimeOffset? PausedAt { get; private set; }

    public TimeSpan PausedThisTurn { get; private set; }

    public DateTimeOffset TurnOpenedAt { get; private set; } = createdAt;

    public List<Signal> Signals { get; } = [];

    public List<TeamMoves> Moves { get; } = [];

    public List<InjectRecord> Injects { get; } = [];

    public List<TurnOutcome> Outcomes { get; } = [];

    public HashSet<int> Revealed { get; } = [];

    public GameStatus Status => Finished ? GameStatus.Finished : PausedAt is null ? GameStatus.Open : GameStatus.Paused;

    public bool IsHuman(string team) => Created.Humans.Contains(team, StringComparer.Ordinal);

    public bool Submitted(string team, int turn) => Moves.Any(m => m.Turn == turn && m.TeamId == team);

    /// <summary>The open turn's deadline: its opening plus the turn's minutes plus the time it spent paused.</summary>
    public DateTimeOffset? Deadline(DateTimeOffset now)
    {
        if (Definition.TurnMinutes is not { } minutes || Finished)
        {
            return null;
        }

        var paused = PausedThisTurn + (PausedAt is { } p ? now - p : TimeSpan.Zero);
        return TurnOpenedAt + TimeSpan.FromMinutes(minutes) + paused;
    }

    /// <summary>Whether a turn's moves are visible to every team.</summary>
    public bool IsRevealed(int turn) => Definition.Reveal switch
    {
        RevealRule.AtAdjudication => Outcomes.Any(o => o.Turn == turn),
        RevealRule.ByWhiteCell => Revealed.Contains(turn),
        _ => Finished,
    };

    public static GameState Fold(string id, IReadOnlyList<GameEvent> events, Func<CreatedEvent, GameDefinition> definition)
    {
        if (events.Count == 0 || events[0].Type != EventTypes.Created)
        {
            throw new GameRuleException(GameErrors.UnknownGame, GameErrorKind.NotFound, $"no game '{InputLimits.Echo(id)}'");
        }

        var created = GameJson.Read<CreatedEvent>(events[0]);
        var s = new GameState(id, definition(created), created, events[0].At);
        foreach (var e in events.Skip(1))
        {
            s.Apply(e);
        }

        s.Count = events.Count;
        return s;
    }

    private void Apply(GameEvent e)
    {
        switch (e.Type)
        {
            case EventTypes.Moves:
                var m = GameJson.Read<MovesEvent>(e);
                Moves.Add(new TeamMoves(m.Turn, m.TeamId, m.ByModel, m.Moves, m.CostUsdBn));
                break;
            case EventTypes.Signal:
                var sg = GameJson.Read<SignalEvent>(e);
                Signals.Add(new Signal(sg.Turn, sg.TeamId, sg.Text));
                break;
            case EventTypes.Inject:
                var inj = GameJson.Read<InjectEvent>(e);
                Injects.Add(new InjectRecord(inj.Turn, inj.Inject));
                break;
            case EventTypes.Paused:
                PausedAt = e.At;
                break;
            case EventTypes.Resumed:
                PausedThisTurn += e.At - (PausedAt ?? e.At);
                PausedAt = null;
                break;
            case EventTypes.Adjudicated:
                var a = GameJson.Read<AdjudicatedEvent>(e);
                Outcomes.Add(a.Outcome);
                Turn = a.Turn + 1;
                TurnOpenedAt = e.At;
                PausedThisTurn = TimeSpan.Zero;
                if (PausedAt is not null)
                {
                    PausedAt = e.At;
                }

                break;
            case EventTypes.Revealed:
                Revealed.Add(GameJson.Read<TurnEvent>(e).Turn);
                break;
            default:
                throw new InvalidDataException($"unknown event type '{e.Type}' at {e.Sequence}");
        }
    }
}
