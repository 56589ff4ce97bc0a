using System.Collections.Concurrent;
using System.Diagnostics;
using Ballast.Games.Log;

namespace Ballast.Games;

/// <summary>Settings of a <see cref="GameService"/>.</summary>
public sealed class GameServiceOptions
{
    /// <summary>The clock (deadlines, event times); the system clock by default.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Runs in each adjudication's band (at least 1,000 for play; fewer only in tests).</summary>
    public int BandRuns { get; init; } = 1000;

    /// <summary>Threads one adjudication may use (the numbers do not depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}

/// <summary>
/// Plays wargames: every operation checks the caller's role and the game's rules, then appends to the game's event log
/// (<see cref="IGameLog"/>); every read folds the log. Rule violations throw <see cref="GameRuleException"/> with a stable
/// code. Thread-safe: operations on one game are serialised, different games run in parallel. Observers hear of each
/// change after it is in the log.
/// </summary>
public sealed class GameService
{
    private readonly IGameLog _log;
    private readonly GameServiceOptions _options;
    private readonly ConcurrentDictionary<string, object> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GameDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly List<IGameObserver> _observers = [];

    /// <summary>Creates the service over a log.</summary>
    public GameService(IGameLog log, GameServiceOptions? options = null)
    {
        _log = log;
        _options = options ?? new GameServiceOptions();
        if (_options.BandRuns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "BandRuns must be at least 1");
        }
    }

    /// <summary>Adds an observer of live updates.</summary>
    public void Subscribe(IGameObserver observer)
    {
        lock (_observers)
        {
            _observers.Add(observer);
        }
    }

    /// <summary>
    /// Creates a game: the definition, the seed of its draws and which teams people play (the others are played by the
    /// model). Returns the id and the codes (one per team, one for the White Cell, one for spectators), which are not kept.
    /// </summary>
    public GameCreated Create(GameDefinition definition, ulong seed, IReadOnlyCollection<string> humanTeams)
    {
        foreach (var h in humanTeams)
        {
            if (definition.Team(h) is null)
            {
                throw new GameRuleException(GameErrors.Invalid, GameErrorKind.Invalid, $"no team '{InputLimits.Echo(h)}'; teams: {string.Join(", ", definition.Teams.Select(t => t.Id))}", "human");
            }
        }

        var id = GameCodes.NewGameId();
        var (codes, hashes) = NewCodes(id, definition);
        var created = new CreatedEvent(definition.Text, definition.Name + ".yaml", definition.ScenarioText, seed, RealisedRun(seed, _options.BandRuns), _options.BandRuns,
            [.. definition.Teams.Select(t => t.Id).Where(t => humanTeams.Contains(t, StringComparer.Ordinal))], hashes, null, null);
        Append(id, 0, [(EventTypes.Created, GameJson.Write(created))]);
        _definitions[id] = definition;
        return codes;
    }

    /// <summary>The role a code opens in a game; a wrong code is <see cref="GameErrors.BadCode"/>.</summary>
    public GameRole Authenticate(string gameId, string code)
    {
        var s = Load(gameId);
        return GameCodes.Match(gameId, code ?? string.Empty, s.Created.CodeHashes) switch
        {
            "white-cell" => GameRole.WhiteCell,
            "spectator" => GameRole.Spectator,
            { } team when team.StartsWith("team:", StringComparison.Ordinal) => GameRole.Team(team["team:".Length..]),
            _ => throw new GameRuleException(GameErrors.BadCode, GameErrorKind.Forbidden, "the code does not open this game", "code"),
        };
    }

    /// <summary>Every game, oldest first.</summary>
    public IReadOnlyList<GameSummary> List() =>
        [.. _log.GameIds().Select(id =>
        {
            var s = Load(id);
            return new GameSummary(id, s.Definition.Name, s.Definition.Title, s.Turn, s.Definition.Turns, s.Status, s.CreatedAt, s.Created.ParentGameId, s.Created.BranchTurn);
        })];

    /// <summary>The game's definition (public: teams, menus and criteria are the rules of the game).</summary>
    public GameDefinition Definition(string gameId) => Load(gameId).Definition;

    /// <summary>The game as a role may see it; anonymous callers may not (<see cref="GameErrors.NotATeam"/>).</summary>
    public GameView View(string gameId, GameRole role)
    {
        var s = Load(gameId);
        if (role.Kind == RoleKind.Anonymous)
        {
            throw new GameRuleException(GameErrors.NotATeam, GameErrorKind.Forbidden, "join the game with a code to see it");
        }

        if (role.Kind == RoleKind.Team)
        {
            TeamOf(s, role.TeamId!);
        }

        return Fog.View(s, role, _options.Clock.GetUtcNow());
    }

    /// <summary>A team's menu for the open turn; only that team may read it (the White Cell too).</summary>
    public TeamMenu Menu(string gameId, GameRole role, string teamId)
    {
        var s = Load(gameId);
        var team = TeamOf(s, teamId);
        if (role.Kind != RoleKind.WhiteCell && !(role.Kind == RoleKind.Team && role.TeamId == team.Id))
        {
            throw Wrong(role, teamId);
        }

        return new TeamMenu(team.Id, team.Actors, team.BudgetUsdBn, s.Turn, s.Definition.FirstYear(Math.Min(s.Turn, s.Definition.Turns)), s.Deadline(_options.Clock.GetUtcNow()), team.Menu, s.Submitted(team.Id, s.Turn));
    }

    /// <summary>Posts a team's public signal in the open turn.</summary>
    public void PostSignal(string gameId, GameRole role, string text)
    {
        Change(gameId, s =>
        {
            var team = RequireTeam(s, role);
            RequireOpen(s, deadline: false);
            var t = (text ?? string.Empty).Trim();
            if (t.Length is 0 or > 2000)
            {
                throw new GameRuleException(GameErrors.Invalid, GameErrorKind.Invalid, "a signal has 1 to 2000 characters", "text");
            }

            return ([(EventTypes.Signal, GameJson.Write(new SignalEvent(s.Turn, team.Id, t)))], new GameNotification(gameId, GameNotificationKind.SignalPosted, s.Turn, team.Id));
        });
    }

    /// <summary>
    /// Submits a team's secret moves for the open turn (once a turn; an empty list is a decision not to move). Each move is
    /// checked against the menu (item, bounds, target, option, own actor) and their cost against the team's budget.
    /// </summary>
    public TeamMoves SubmitMoves(string gameId, GameRole role, string teamId, IReadOnlyList<Move> moves)
    {
        TeamMoves? result = null;
        Change(gameId, s =>
        {
            var team = TeamOf(s, teamId);
            if (role.Kind != RoleKind.Team || role.TeamId != team.Id)
            {
                throw Wrong(role, teamId);
            }

            RequireOpen(s, deadline: true);
            if (!s.IsHuman(team.Id))
            {
                throw new GameRuleException(GameErrors.WrongState, GameErrorKind.Conflict, $"team '{team.Id}' is played by the model in this game");
            }

            if (s.Submitted(team.Id, s.Turn))
            {
                throw new GameRuleException(GameErrors.AlreadySubmitted, GameErrorKind.Conflict, $"team '{team.Id}' has submitted its moves for turn {s.Turn}");
            }

            var cost = MoveRules.Check(s.Definition, team, moves, MoveRules.SpendingNow(s));
            result = new TeamMoves(s.Turn, team.Id, false, [.. moves], cost);
            return ([(EventTypes.Moves, GameJson.Write(new MovesEvent(s.Turn, team.Id, false, result.Moves, cost)))], new GameNotification(gameId, GameNotificationKind.MoveSubmitted, s.Turn, team.Id));
        });
        return result!;
    }

    /// <summary>A White Cell inject, taking effect in the open turn's first year; teams see it once the turn is adjudicated.</summary>
    public void Inject(string gameId, GameRole role, Inject inject)
    {
        Change(gameId, s =>
        {
            RequireWhiteCell(role);
            RequireNotFinished(s);
            MoveRules.CheckInject(s.Definition, inject);
            return ([(EventTypes.Inject, GameJson.Write(new InjectEvent(s.Turn, inject)))], new GameNotification(gameId, GameNotificationKind.Injected, s.Turn, null));
        });
    }

    /// <summary>Pauses the game (White Cell): no signals or moves; the turn's deadline moves by the pause.</summary>
    public void Pause(string gameId, GameRole role) => Change(gameId, s =>
    {
        RequireWhiteCell(role);
        RequireNotFinished(s);
        if (s.PausedAt is not null)
        {
            throw new GameRuleException(GameErrors.WrongState, GameErrorKind.Conflict, "the game is paused already");
        }

        return ([(EventTypes.Paused, GameJson.Write(new TurnEvent(s.Turn)))], new GameNotification(gameId, GameNotificationKind.Paused, s.Turn, null));
    });

    /// <summary>Resumes a paused game (White Cell).</summary>
    public void Resume(string gameId, GameRole role) => Change(gameId, s =>
    {
        RequireWhiteCell(role);
        RequireNotFinished(s);
        if (s.PausedAt is null)
        {
            throw new GameRuleException(GameErrors.WrongState, GameErrorKind.Conflict, "the game is not paused");
        }

        return ([(EventTypes.Resumed, GameJson.Write(new TurnEvent(s.Turn)))], new GameNotification(gameId, GameNotificationKind.Resumed, s.Turn, null));
    });

    /// <summary>
    /// Adjudicates the open turn (White Cell): model-played teams move by their policy, then the engine moves the world
    /// along the game's realised draw with the band and every moving team's counterfactual. Returns the full outcome.
    /// </summary>
    public TurnOutcome Adjudicate(string gameId, GameRole role)
    {
        TurnOutcome? outcome = null;
        Change(gameId, s =>
        {
            RequireWhiteCell(role);
            RequireNotFinished(s);
            var events = new List<(string, string)>();
            var moves = new List<TeamMoves>(s.Moves);
            foreach (var team in s.Definition.Teams.Where(t => !s.IsHuman(t.Id) && !s.Submitted(t.Id, s.Turn)))
            {
                var m = ModelPolicies.Moves(s, team);
                var cost = MoveRules.Check(s.Definition, team, m, MoveRules.SpendingNow(s));
                moves.Add(new TeamMoves(s.Turn, team.Id, true, m, cost));
                events.Add((EventTypes.Moves, GameJson.Write(new MovesEvent(s.Turn, team.Id, true, m, cost))));
            }

            outcome = Adjudicator.Run(s.Definition, s.Created, moves, s.Injects, s.Turn, _options.Threads);
            events.Add((EventTypes.Adjudicated, GameJson.Write(new AdjudicatedEvent(s.Turn, outcome))));
            return (events, new GameNotification(gameId, GameNotificationKind.TurnResolved, s.Turn, null));
        });
        return outcome!;
    }

    /// <summary>Reveals an adjudicated turn's moves to every team (White Cell; for games whose rule is <see cref="RevealRule.ByWhiteCell"/>).</summary>
    public void Reveal(string gameId, GameRole role, int turn) => Change(gameId, s =>
    {
        RequireWhiteCell(role);
        if (!s.Outcomes.Any(o => o.Turn == turn))
        {
            throw new GameRuleException(GameErrors.WrongState, GameErrorKind.Conflict, $"turn {turn} has not been adjudicated", "turn");
        }

        if (s.Revealed.Contains(turn))
        {
            throw new GameRuleException(GameErrors.WrongState, GameErrorKind.Conflict, $"turn {turn} is revealed already", "turn");
        }

        return ([(EventTypes.Revealed, GameJson.Write(new TurnEvent(turn)))], new GameNotification(gameId, GameNotificationKind.Revealed, turn, null));
    });

    /// <summary>
    /// Branches a game at a turn (White Cell): a new game with the same definition, seed and players whose log is a copy of
    /// every turn before <paramref name="turn"/> and, of that turn, its injects and the people's moves; a team in
    /// <paramref name="replacedMoves"/> gets those moves instead (checked like any submission). The branch's turn
    /// <paramref name="turn"/> is open. Returns the new game's id and fresh codes.
    /// </summary>
    public GameCreated Branch(string gameId, GameRole role, int turn, IReadOnlyDictionary<string, IReadOnlyList<Move>>? replacedMoves = null)
    {
        RequireWhiteCell(role);
        var s = Load(gameId);
        if (turn < 1 || turn > s.Definition.Turns || turn > s.Turn)
        {
            throw new GameRuleException(GameErrors.Invalid, GameErrorKind.Invalid, $"a branch starts at a turn from 1 to {Math.Min(s.Turn, s.Definition.Turns)}", "turn");
        }

        var id = GameCodes.NewGameId();
        var (codes, hashes) = NewCodes(id, s.Definition);
        var replaced = replacedMoves ?? new Dictionary<string, IReadOnlyList<Move>>();
        var events = new List<(string Type, string Data)>
        {
            (EventTypes.Created, GameJson.Write(s.Created with { CodeHashes = hashes, ParentGameId = gameId, BranchTurn = turn })),
        };
        foreach (var e in _log.Read(gameId).Skip(1))
        {
            int? t = e.Type switch
            {
                EventTypes.Moves => GameJson.Read<MovesEvent>(e).Turn,
                EventTypes.Signal => GameJson.Read<SignalEvent>(e).Turn,
                EventTypes.Inject => GameJson.Read<InjectEvent>(e).Turn,
                EventTypes.Adjudicated or EventTypes.Revealed => GameJson.Read<TurnEvent>(e).Turn,
                _ => null, // pauses belong to the session, not to the world
            };
            var keep = t < turn || (t == turn && (e.Type == EventTypes.Inject || e.Type == EventTypes.Signal
                || (e.Type == EventTypes.Moves && GameJson.Read<MovesEvent>(e) is { ByModel: false } m && !replaced.ContainsKey(m.TeamId))));
            if (keep)
            {
                events.Add((e.Type, e.Data));
            }
        }

        var branchState = GameState.Fold(id, [.. events.Select((e, i) => new GameEvent(i, e.Type, _options.Clock.GetUtcNow(), e.Data))], _ => s.Definition);
        foreach (var (teamId, moves) in replaced.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var team = TeamOf(s, teamId);
            var cost = MoveRules.Check(s.Definition, team, moves, MoveRules.SpendingNow(branchState));
            events.Add((EventTypes.Moves, GameJson.Write(new MovesEvent(turn, team.Id, !s.IsHuman(team.Id), [.. moves], cost))));
        }

        Append(id, 0, events);
        _definitions[id] = s.Definition;
        return codes;
    }

    /// <summary>
    /// Replays a game's log: every adjudicated turn is recomputed from the events before it and compared bit for bit with
    /// the outcome the log holds.
    /// </summary>
    public ReplayResult Replay(string gameId)
    {
        var clock = Stopwatch.StartNew();
        var events = _log.Read(gameId);
        var s = Load(gameId);
        int compared = 0;
        for (int i = 1; i < events.Count; i++)
        {
            if (events[i].Type != EventTypes.Adjudicated)
            {
                continue;
            }

            var before = GameState.Fold(gameId, events.Take(i).ToList(), _ => s.Definition);
            var stored = GameJson.Read<AdjudicatedEvent>(events[i]);
            var again = Adjudicator.Run(s.Definition, s.Created, before.Moves, before.Injects, stored.Turn, _options.Threads);
            compared++;
            var a = GameJson.Write(stored.Outcome);
            var b = GameJson.Write(again);
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                return new ReplayResult(gameId, compared, false, $"turn {stored.Turn}: the recomputed outcome differs from the log", clock.Elapsed.TotalSeconds);
            }
        }

        return new ReplayResult(gameId, compared, true, null, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The full record of a game for its White Cell (the after-action report reads it).</summary>
    public GameView Record(string gameId) => View(gameId, GameRole.WhiteCell);

    internal GameState Load(string gameId)
    {
        var events = _log.Read(gameId ?? string.Empty);
        return GameState.Fold(gameId ?? string.Empty, events, c => _definitions.GetOrAdd(gameId!, _ => GameDefinitionLoader.Load(c.DefinitionText, c.DefinitionFile, c.ScenarioText)));
    }

    private static long RealisedRun(ulong seed, int bandRuns) => (long)(Ballast.Engine.Random.CounterRng.Mix(seed ^ 0x6A09E667F3BCC909UL) % (ulong)bandRuns);

    private static (GameCreated Codes, Dictionary<string, string> Hashes) NewCodes(string id, GameDefinition definition)
    {
        var teamCodes = definition.Teams.ToDictionary(t => t.Id, _ => GameCodes.NewCode(), StringComparer.Ordinal);
        var white = GameCodes.NewCode();
        var spectator = GameCodes.NewCode();
        var hashes = teamCodes.ToDictionary(t => "team:" + t.Key, t => GameCodes.Hash(id, t.Value), StringComparer.Ordinal);
        hashes["white-cell"] = GameCodes.Hash(id, white);
        hashes["spectator"] = GameCodes.Hash(id, spectator);
        return (new GameCreated(id, teamCodes, white, spectator), hashes);
    }

    private void Change(string gameId, Func<GameState, (IReadOnlyList<(string Type, string Data)> Events, GameNotification Note)> decide)
    {
        GameNotification note;
        lock (_locks.GetOrAdd(gameId ?? string.Empty, _ => new object()))
        {
            var s = Load(gameId!);
            var (events, n) = decide(s);
            Append(gameId!, s.Count, events);
            note = n;
        }

        IGameObserver[] observers;
        lock (_observers)
        {
            observers = [.. _observers];
        }

        foreach (var o in observers)
        {
            o.Notify(note);
        }
    }

    private void Append(string gameId, long expected, IReadOnlyList<(string Type, string Data)> events)
    {
        var now = _options.Clock.GetUtcNow();
        if (!_log.TryAppend(gameId, expected, [.. events.Select(e => (e.Type, now, e.Data))]))
        {
            throw new GameRuleException(GameErrors.Concurrent, GameErrorKind.Conflict, "the game changed meanwhile; try again");
        }
    }

    private static TeamDefinition TeamOf(GameState s, string teamId) =>
        s.Definition.Team(teamId ?? string.Empty)
        ?? throw new GameRuleException(GameErrors.WrongTeam, GameErrorKind.Forbidden, $"no team '{InputLimits.Echo(teamId ?? string.Empty)}' in this game", "team");

    private static TeamDefinition RequireTeam(GameState s, GameRole role) =>
        role.Kind == RoleKind.Team
            ? TeamOf(s, role.TeamId!)
            : throw new GameRuleException(GameErrors.NotATeam, GameErrorKind.Forbidden, "only a team may do this");

    private static GameRuleException Wrong(GameRole role, string teamId) => role.Kind == RoleKind.Team
        ? new GameRuleException(GameErrors.WrongTeam, GameErrorKind.Forbidden, $"team '{role.TeamId}' may not act for team '{InputLimits.Echo(teamId ?? string.Empty)}'", "team")
        : new GameRuleException(GameErrors.NotATeam, GameErrorKind.Forbidden, "only the team itself may do this");

    private static void RequireWhiteCell(GameRole role)
    {
        if (role.Kind != RoleKind.WhiteCell)
        {
            throw new GameRuleException(GameErrors.NotWhiteCell, GameErrorKind.Forbidden, "only the White Cell may do this");
        }
    }

    private static void RequireNotFinished(GameState s)
    {
        if (s.Finished)
        {
            throw new GameRuleException(GameErrors.Finished, GameErrorKind.Conflict, "the game is over");
        }
    }

    private void RequireOpen(GameState s, bool deadline)
    {
        RequireNotFinished(s);
        if (s.PausedAt is not null)
        {
            throw new GameRuleException(GameErrors.Paused, GameErrorKind.Conflict, "the game is paused");
        }

        if (deadline && s.Deadline(_options.Clock.GetUtcNow()) is { } d && _options.Clock.GetUtcNow() > d)
        {
            throw new GameRuleException(GameErrors.AfterDeadline, GameErrorKind.Conflict, $"turn {s.Turn} closed for moves at {d.ToString("u", CultureInfo.InvariantCulture)}");
        }
    }
}
