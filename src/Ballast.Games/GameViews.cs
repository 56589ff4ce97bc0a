namespace Ballast.Games;

/// <summary>A game's state of play.</summary>
public enum GameStatus
{
    /// <summary>A turn is open for signals and moves.</summary>
    Open,

    /// <summary>The White Cell paused the game: no signals or moves until it resumes (the deadline moves by the pause).</summary>
    Paused,

    /// <summary>Every turn has been adjudicated.</summary>
    Finished,
}

/// <summary>A new game and its codes. The codes are shown once and stored only as hashes.</summary>
/// <param name="GameId">The game's id.</param>
/// <param name="TeamCodes">One code per team id.</param>
/// <param name="WhiteCellCode">The White Cell's code.</param>
/// <param name="SpectatorCode">The spectators' code.</param>
public sealed record GameCreated(string GameId, IReadOnlyDictionary<string, string> TeamCodes, string WhiteCellCode, string SpectatorCode);

/// <summary>A game in the list.</summary>
/// <param name="GameId">The game's id.</param>
/// <param name="Name">The definition's name.</param>
/// <param name="Title">The definition's title.</param>
/// <param name="Turn">The open turn (1-based; <see cref="Turns"/> + 1 once finished).</param>
/// <param name="Turns">Number of turns.</param>
/// <param name="Status">State of play.</param>
/// <param name="CreatedAt">When the game was created.</param>
/// <param name="ParentGameId">The game it was branched from, if any.</param>
/// <param name="BranchTurn">The turn it was branched at (the first turn played differently), if any.</param>
public sealed record GameSummary(string GameId, string Name, string Title, int Turn, int Turns, GameStatus Status, DateTimeOffset CreatedAt, string? ParentGameId, int? BranchTurn);

/// <summary>A team's place at the table.</summary>
/// <param name="Id">Team id.</param>
/// <param name="Name">Team name.</param>
/// <param name="Actors">Actors it controls.</param>
/// <param name="Human">Whether a person plays it (otherwise the model).</param>
/// <param name="Submitted">Whether it has submitted its moves for the open turn.</param>
public sealed record TeamStatus(string Id, string Name, IReadOnlyList<string> Actors, bool Human, bool Submitted);

/// <summary>A public signal.</summary>
/// <param name="Turn">Turn it was posted in.</param>
/// <param name="TeamId">The team that posted it.</param>
/// <param name="Text">What it says.</param>
public sealed record Signal(int Turn, string TeamId, string Text);

/// <summary>A team's moves of one turn.</summary>
/// <param name="Turn">The turn.</param>
/// <param name="TeamId">The team.</param>
/// <param name="ByModel">Whether the model made them (a model-played team).</param>
/// <param name="Moves">The moves (possibly none).</param>
/// <param name="CostUsdBn">What they cost, US$ bn.</param>
public sealed record TeamMoves(int Turn, string TeamId, bool ByModel, IReadOnlyList<Move> Moves, double CostUsdBn);

/// <summary>An inject made in a turn.</summary>
/// <param name="Turn">The turn it takes effect in.</param>
/// <param name="Inject">The inject.</param>
public sealed record InjectRecord(int Turn, Inject Inject);

/// <summary>Percentiles of an indicator over the ensemble.</summary>
/// <param name="P05">5th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
public sealed record Band(double P05, double P50, double P95);

/// <summary>The world indicators of one year: realised and, where the viewer may see it, the band.</summary>
/// <param name="Year">Model year.</param>
/// <param name="Balance">Balance ratio (coalition effectiveness / adversary effectiveness) on the realised path.</param>
/// <param name="SpendingRatio">Coalition spending / adversary spending on the realised path.</param>
/// <param name="BalanceBand">The balance over the ensemble, or null when hidden.</param>
/// <param name="SpendingRatioBand">The spending ratio over the ensemble, or null when hidden.</param>
public sealed record WorldYear(int Year, double Balance, double SpendingRatio, Band? BalanceBand, Band? SpendingRatioBand);

/// <summary>An actor's state at the end of a turn on the realised path, with bands where the viewer may see them.</summary>
/// <param name="Actor">ISO3.</param>
/// <param name="SpendingUsdBn">Military expenditure, US$ bn (constant 2023).</param>
/// <param name="BurdenPct">Spending in percent of GDP.</param>
/// <param name="Credibility">Perceived credibility of the US commitment.</param>
/// <param name="Alignment">Alignment with the US.</param>
/// <param name="Hedging">Nuclear-hedging propensity.</param>
/// <param name="State">Alignment state: aligned, hedging or bandwagoning.</param>
/// <param name="SpendingBand">Spending over the ensemble, or null when hidden.</param>
/// <param name="BurdenBand">Burden over the ensemble, or null when hidden.</param>
public sealed record ActorOutcome(string Actor, double SpendingUsdBn, double BurdenPct, double Credibility, double Alignment, double Hedging, string State, Band? SpendingBand, Band? BurdenBand);

/// <summary>One indicator with and without a team's moves of the turn (same draws: common random numbers).</summary>
/// <param name="Indicator">Indicator name (<c>balance</c>, <c>burden</c>...).</param>
/// <param name="Actor">The actor, for an actor indicator.</param>
/// <param name="Realised">On the realised path with the moves.</param>
/// <param name="RealisedWithout">On the realised path had the team not moved this turn.</param>
/// <param name="Median">Ensemble median with the moves.</param>
/// <param name="MedianWithout">Ensemble median had the team not moved this turn.</param>
public sealed record CounterfactualValue(string Indicator, string? Actor, double Realised, double RealisedWithout, double Median, double MedianWithout);

/// <summary>A team's counterfactual: "had you not moved this turn".</summary>
/// <param name="TeamId">The team.</param>
/// <param name="Values">The world balance and the team's actors' burden, with and without its moves.</param>
public sealed record Counterfactual(string TeamId, IReadOnlyList<CounterfactualValue> Values);

/// <summary>A criterion checked at the end of a turn.</summary>
/// <param name="Name">The criterion's name.</param>
/// <param name="Value">Its indicator on the realised path.</param>
/// <param name="Met">Whether the realised value meets it.</param>
/// <param name="ShareOfRuns">Share of the ensemble's runs that meet it (how likely it was).</param>
public sealed record CriterionResult(string Name, double Value, bool Met, double ShareOfRuns);

/// <summary>A team's assessment at the end of a turn.</summary>
/// <param name="TeamId">The team.</param>
/// <param name="Criteria">Each criterion.</param>
/// <param name="Met">Whether every criterion is met (several teams may meet theirs).</param>
public sealed record TeamAssessment(string TeamId, IReadOnlyList<CriterionResult> Criteria, bool Met);

/// <summary>
/// What an adjudication produced: the world moved along one realised draw (<see cref="Seed"/>, <see cref="RealisedRun"/>)
/// with the band of <see cref="BandRuns"/> runs on the same streams, and each moving team's counterfactual. The White Cell
/// sees it whole; <see cref="GameService.View"/> filters it for other roles.
/// </summary>
/// <param name="Turn">The turn.</param>
/// <param name="FirstYear">First model year of the turn.</param>
/// <param name="LastYear">Last model year of the turn.</param>
/// <param name="Seed">The master seed of the draws.</param>
/// <param name="RealisedRun">The run index of the realised path (one of the band's runs).</param>
/// <param name="BandRuns">Number of runs in the band.</param>
/// <param name="World">World indicators per year of the turn.</param>
/// <param name="Actors">Every actor's state at the end of the turn.</param>
/// <param name="Counterfactuals">Per team that moved: had it not moved.</param>
/// <param name="Assessments">Per team with criteria.</param>
public sealed record TurnOutcome(
    int Turn,
    int FirstYear,
    int LastYear,
    ulong Seed,
    long RealisedRun,
    int BandRuns,
    IReadOnlyList<WorldYear> World,
    IReadOnlyList<ActorOutcome> Actors,
    IReadOnlyList<Counterfactual> Counterfactuals,
    IReadOnlyList<TeamAssessment> Assessments);

/// <summary>A game as one role may see it (fog of war applied).</summary>
/// <param name="GameId">The game.</param>
/// <param name="Name">Definition name.</param>
/// <param name="Title">Title.</param>
/// <param name="Role">Who is looking.</param>
/// <param name="Status">State of play.</param>
/// <param name="Turn">The open turn (1-based; <see cref="Turns"/> + 1 once finished).</param>
/// <param name="Turns">Number of turns.</param>
/// <param name="FirstYear">First model year of the open turn (the year after the last turn once finished).</param>
/// <param name="LastYear">Last model year of the open turn.</param>
/// <param name="Deadline">When the open turn closes for moves, or null.</param>
/// <param name="Teams">Every team, human or model, and whether it has submitted (never what).</param>
/// <param name="Signals">Public signals.</param>
/// <param name="Injects">Injects the role may see (the White Cell's at once, others' after adjudication).</param>
/// <param name="Moves">Moves the role may see: its own, and others' once revealed (the White Cell all).</param>
/// <param name="Outcomes">Adjudicated turns, filtered for the role.</param>
/// <param name="ParentGameId">The game this one was branched from, if any.</param>
/// <param name="BranchTurn">The turn it was branched at, if any.</param>
public sealed record GameView(
    string GameId,
    string Name,
    string Title,
    GameRole Role,
    GameStatus Status,
    int Turn,
    int Turns,
    int FirstYear,
    int LastYear,
    DateTimeOffset? Deadline,
    IReadOnlyList<TeamStatus> Teams,
    IReadOnlyList<Signal> Signals,
    IReadOnlyList<InjectRecord> Injects,
    IReadOnlyList<TeamMoves> Moves,
    IReadOnlyList<TurnOutcome> Outcomes,
    string? ParentGameId,
    int? BranchTurn);

/// <summary>A team's menu for the open turn.</summary>
/// <param name="TeamId">The team.</param>
/// <param name="Actors">Its actors.</param>
/// <param name="BudgetUsdBn">What its moves may cost this turn, US$ bn.</param>
/// <param name="Turn">The open turn.</param>
/// <param name="FirstYear">The year the moves take effect.</param>
/// <param name="Deadline">When the turn closes, or null.</param>
/// <param name="Items">The menu.</param>
/// <param name="Submitted">Whether the team has submitted this turn.</param>
public sealed record TeamMenu(string TeamId, IReadOnlyList<string> Actors, double BudgetUsdBn, int Turn, int FirstYear, DateTimeOffset? Deadline, IReadOnlyList<MenuItem> Items, bool Submitted);

/// <summary>The result of replaying a game's log.</summary>
/// <param name="GameId">The game.</param>
/// <param name="TurnsCompared">Adjudicated turns recomputed.</param>
/// <param name="Identical">Whether every turn's outcome was reproduced bit for bit.</param>
/// <param name="FirstDifference">The first turn that differed and how, or null.</param>
/// <param name="Seconds">Wall time of the replay.</param>
public sealed record ReplayResult(string GameId, int TurnsCompared, bool Identical, string? FirstDifference, double Seconds);
