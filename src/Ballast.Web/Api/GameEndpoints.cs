using Ballast.Games;

namespace Ballast.Web.Api;

/// <summary>Create a game from an example definition or from definition YAML (exactly one).</summary>
/// <param name="Definition">Example game name (see <c>GET /api/games/definitions</c>).</param>
/// <param name="Yaml">Game definition YAML text; its scenario must be one of the example scenarios.</param>
/// <param name="FileName">A label for messages (never opened as a path).</param>
/// <param name="Seed">Master seed of the adjudication draws (default: the game's scenario's, else 1).</param>
/// <param name="Human">The teams people play (default: every team); the model plays the others.</param>
public sealed record CreateGameRequest(string? Definition, string? Yaml, string? FileName, ulong? Seed, IReadOnlyList<string>? Human);

/// <summary>One code of a new game: who it lets in.</summary>
/// <param name="Role">Team, WhiteCell or Spectator.</param>
/// <param name="Team">The team's id, for a team code.</param>
/// <param name="Code">The code (shown once; the server keeps only its hash).</param>
public sealed record GameCode(RoleKind Role, string? Team, string Code);

/// <summary>A new game (created or branched) and its codes.</summary>
/// <param name="Id">The game's id.</param>
/// <param name="Codes">Every team's code, the White Cell's and the spectators'.</param>
/// <param name="Links">The game's view (<c>self</c>) and its page (<c>page</c>).</param>
public sealed record GameCreatedResponse(string Id, IReadOnlyList<GameCode> Codes, IReadOnlyDictionary<string, string> Links)
{
    /// <summary>The response for a new game.</summary>
    public static GameCreatedResponse Of(GameCreated g) => new(
        g.GameId,
        [.. g.TeamCodes.Select(t => new GameCode(RoleKind.Team, t.Key, t.Value)), new GameCode(RoleKind.WhiteCell, null, g.WhiteCellCode), new GameCode(RoleKind.Spectator, null, g.SpectatorCode)],
        new Dictionary<string, string>(StringComparer.Ordinal) { ["self"] = $"/api/games/{g.GameId}", ["page"] = $"/games/{g.GameId}" });
}

/// <summary>Join a game: the code is checked and the browser gets a session cookie for the game.</summary>
/// <param name="Code">The code the facilitator gave (a team's, the White Cell's or the spectators').</param>
public sealed record JoinRequest(string? Code);

/// <summary>The role a code gives in a game.</summary>
/// <param name="Id">The game.</param>
/// <param name="Role">Team, WhiteCell or Spectator.</param>
/// <param name="Team">The team's id, for a team.</param>
public sealed record JoinResponse(string Id, RoleKind Role, string? Team);

/// <summary>A public signal.</summary>
/// <param name="Text">What the team says to everyone (at most 500 characters).</param>
public sealed record SignalRequest(string? Text);

/// <summary>A team's secret moves for the open turn.</summary>
/// <param name="Moves">The moves (an empty list submits "no move").</param>
/// <param name="Team">The team moving (default: the caller's; another team's is refused).</param>
public sealed record MovesRequest(IReadOnlyList<Move>? Moves, string? Team);

/// <summary>Reveal an adjudicated turn's moves to every team.</summary>
/// <param name="Turn">The turn (default: the last adjudicated one).</param>
public sealed record RevealRequest(int? Turn);

/// <summary>Branch a game at a past turn into a new game.</summary>
/// <param name="Turn">The first turn to be played differently: the new game keeps the turns before it, and of this turn the injects, signals and the people's moves.</param>
/// <param name="Moves">Moves that replace a team's moves of that turn, by team id ("what if Japan had hosted").</param>
public sealed record BranchRequest(int? Turn, IReadOnlyDictionary<string, IReadOnlyList<Move>>? Moves);

/// <summary>An example game definition.</summary>
/// <param name="Name">Its name (to create a game from).</param>
/// <param name="Title">Its title.</param>
/// <param name="Description">What the game is about.</param>
/// <param name="StartYear">Year of the initial state.</param>
/// <param name="Turns">Number of turns.</param>
/// <param name="YearsPerTurn">Model years per turn.</param>
/// <param name="Teams">Team ids, in order.</param>
public sealed record GameDefinitionInfo(string Name, string Title, string Description, int StartYear, int Turns, int YearsPerTurn, IReadOnlyList<string> Teams);

/// <summary>
/// The wargame endpoints (docs/wargame.md, "Web play"). Who may call each is decided by the game code the request carries
/// (<see cref="GameSessions"/>: the <c>X-Game-Code</c> header or the session cookie from joining), mapped to a role by
/// <see cref="GameService"/>, which enforces every rule; a rule violation is a problem document with its stable
/// <c>code</c> (400 bad move, 403 wrong role, 404 unknown game, 409 wrong state or after the deadline).
/// </summary>
internal static class GameEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/games").WithTags("Wargames");
        g.ProducesProblem(StatusCodes.Status400BadRequest);
        g.MapGet("/", (GameService games) => games.List())
            .WithName("games").WithSummary("The lobby: every game on this server, its turn and state (public).");
        g.MapGet("/definitions", () => GameCatalog.List())
            .WithName("gameDefinitions").WithSummary("The example game definitions a facilitator can create a game from.");
        g.MapPost("/", (CreateGameRequest? body, GameService games) =>
            {
                var r = ScenarioEndpoints.Require(body);
                var definition = GameCatalog.Resolve(r.Definition, r.Yaml, r.FileName);
                var created = GameCreatedResponse.Of(games.Create(definition, r.Seed ?? definition.Scenario.Seed ?? 1, r.Human ?? [.. definition.Teams.Select(t => t.Id)]));
                return Results.Created(created.Links["self"], created);
            })
            .RequireRateLimiting(ComputeThrottle.Policy)
            .Produces<GameCreatedResponse>(StatusCodes.Status201Created).WithName("createGame").WithSummary("Creates a game (facilitator): its codes are in the answer, once.");
        g.MapPost("/{id}/join", (string id, JoinRequest? body, HttpContext http, GameService games, GameSessions sessions) =>
            {
                var code = ScenarioEndpoints.Require(body).Code;
                if (string.IsNullOrEmpty(code))
                {
                    throw new BallastInputException("give the code your facilitator handed out", field: "code");
                }

                var role = games.Authenticate(id, code);
                http.Response.Cookies.Append(GameSessions.CookieName(id), sessions.Open(id, code), new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = http.Request.IsHttps,
                    IsEssential = true,
                    Path = "/",
                });
                return new JoinResponse(id, role.Kind, role.TeamId);
            })
            .Produces<JoinResponse>().WithName("joinGame").WithSummary("Joins a game with a code: the answer names the role, and a browser gets an HTTP-only session cookie (never the code).");
        g.MapGet("/{id}", (string id, HttpRequest request, GameService games, GameSessions sessions) =>
                games.View(id, Role(request, id, games, sessions)))
            .Produces<GameView>().WithName("game").WithSummary("The game as the caller's role may see it (fog of war): teams, signals, its own moves, outcomes.");
        g.MapGet("/{id}/menu", (string id, string? team, HttpRequest request, GameService games, GameSessions sessions) =>
            {
                var role = Role(request, id, games, sessions);
                return games.Menu(id, role, TeamOf(role, team));
            })
            .Produces<TeamMenu>().WithName("gameMenu").WithSummary("A team's move menu for the open turn, with bounds, targets, options and budget: the caller's own (?team= for the White Cell).");
        g.MapPost("/{id}/signals", (string id, SignalRequest? body, HttpRequest request, GameService games, GameSessions sessions) =>
                Act(request, id, games, sessions, role => games.PostSignal(id, role, ScenarioEndpoints.Require(body).Text ?? string.Empty)))
            .Produces<GameView>().WithName("postSignal").WithSummary("Posts the calling team's public signal for the open turn.");
        g.MapPost("/{id}/moves", (string id, MovesRequest? body, HttpRequest request, GameService games, GameSessions sessions) =>
                Act(request, id, games, sessions, role =>
                {
                    var r = ScenarioEndpoints.Require(body);
                    games.SubmitMoves(id, role, TeamOf(role, r.Team), r.Moves ?? []);
                }))
            .Produces<GameView>().WithName("submitMoves").WithSummary("Submits the calling team's secret moves for the open turn (once per turn, before the deadline).");
        g.MapPost("/{id}/injects", (string id, Inject? body, HttpRequest request, GameService games, GameSessions sessions) =>
                Act(request, id, games, sessions, role => games.Inject(id, role, ScenarioEndpoints.Require(body))))
            .Produces<GameView>().WithName("injectEvent").WithSummary("White Cell: an inject (crisis, shock, change of government) taking effect this turn.");
        g.MapPost("/{id}/pause", (string id, HttpRequest request, GameService games, GameSessions sessions) =>
                Act(request, id, games, sessions, role => games.Pause(id, role)))
            .Produces<GameView>().WithName("pauseGame").WithSummary("White Cell: pauses the game (no signals or moves; the deadline moves by the pause).");
        g.MapPost("/{id}/resume", (string id, HttpRequest request, GameService games, GameSessions sessions) =>
                Act(request, id, games, sessions, role => games.Resume(id, role)))
            .Produces<GameView>().WithName("resumeGame").WithSummary("White Cell: resumes a paused game.");
        g.MapPost("/{id}/adjudicate", (string id, HttpRequest request, GameService games, GameSessions sessions) =>
                Act(request, id, games, sessions, role => games.Adjudicate(id, role)))
            .RequireRateLimiting(ComputeThrottle.Policy)
            .Produces<GameView>().WithName("adjudicateTurn").WithSummary("White Cell: adjudicates the open turn with the engine (the realised draw, the band and each team's counterfactual).");
        g.MapPost("/{id}/reveal", (string id, RevealRequest? body, HttpRequest request, GameService games, GameSessions sessions) =>
                Act(request, id, games, sessions, role => games.Reveal(id, role, body?.Turn ?? Math.Max(1, games.View(id, role).Outcomes.Select(o => o.Turn).DefaultIfEmpty(0).Max()))))
            .Produces<GameView>().WithName("revealMoves").WithSummary("White Cell: reveals the last adjudicated turn's moves to every team (games whose rule says so).");
        g.MapPost("/{id}/branch", (string id, BranchRequest? body, HttpRequest request, GameService games, GameSessions sessions) =>
            {
                var r = ScenarioEndpoints.Require(body);
                var turn = r.Turn ?? throw new BallastInputException("give the turn to branch at", field: "turn");
                var created = GameCreatedResponse.Of(games.Branch(id, Role(request, id, games, sessions), turn, r.Moves));
                return Results.Created(created.Links["self"], created);
            })
            .RequireRateLimiting(ComputeThrottle.Policy)
            .Produces<GameCreatedResponse>(StatusCodes.Status201Created).WithName("branchGame").WithSummary("White Cell: a new game with this game's turns before the given turn, with new codes.");
        g.MapGet("/{id}/replay", (string id, HttpRequest request, GameService games, GameSessions sessions) =>
            {
                // The answer holds no move or state (turn count, equal or not, time), so whoever may view the game may ask.
                games.View(id, Role(request, id, games, sessions));
                return games.Replay(id);
            })
            .RequireRateLimiting(ComputeThrottle.Policy)
            .Produces<ReplayResult>().WithName("replayGame").WithSummary("Replays the game's log and says whether every adjudicated turn is reproduced bit for bit.");
        g.MapGet("/{id}/report", (string id, HttpRequest request, GameService games, GameSessions sessions) =>
            {
                if (Role(request, id, games, sessions).Kind != RoleKind.WhiteCell)
                {
                    // The report is built from the White Cell's record: every team's moves, counterfactuals and assessments.
                    throw new GameRuleException(GameErrors.NotWhiteCell, GameErrorKind.Forbidden, "the after-action report shows every team's moves and private state: only the White Cell may read it");
                }

                return Results.Content(Ballast.Reports.Adapters.GameReports.Page(games, id), "text/html; charset=utf-8");
            })
            .RequireRateLimiting(ComputeThrottle.Policy)
            .Produces<string>(StatusCodes.Status200OK, "text/html").WithName("gameReport").WithSummary("White Cell: the after-action report (self-contained HTML): every turn's moves, the world's path against its band, the assessments, the branches.");
    }

    /// <summary>The role the request's code gives in the game (anonymous without a code); a wrong code is a 403.</summary>
    private static GameRole Role(HttpRequest request, string id, GameService games, GameSessions sessions) =>
        sessions.CodeOf(request, id) is { } code ? games.Authenticate(id, code) : GameRole.Anonymous;

    /// <summary>Does what the caller's role asks and answers with the game as that role now sees it.</summary>
    private static GameView Act(HttpRequest request, string id, GameService games, GameSessions sessions, Action<GameRole> act)
    {
        var role = Role(request, id, games, sessions);
        act(role);
        return games.View(id, role);
    }

    /// <summary>The team a request acts for: the one it names, else the caller's own; a role without a team must name one.</summary>
    private static string TeamOf(GameRole role, string? team) =>
        team ?? role.TeamId ?? (role.Kind == RoleKind.WhiteCell
            ? throw new BallastInputException("the White Cell names the team (team)", field: "team")
            : throw new GameRuleException(GameErrors.NotATeam, GameErrorKind.Forbidden, "only a team may do this"));
}
