using Ballast.Core.Scenarios;

namespace Ballast.Games;

/// <summary>
/// A wargame: the scenario the world starts from, the turns, the teams with the actors each controls, their move menus,
/// what each sees and how each is assessed. Read from YAML by <see cref="GameDefinitionLoader"/> (see docs/wargame.md);
/// immutable. The definition text and the scenario text are kept so that a game's log alone can rebuild it.
/// </summary>
/// <param name="Name">Short name (e.g. <c>indo-pacific-2025</c>).</param>
/// <param name="Title">Title shown to players.</param>
/// <param name="Description">What the game is about.</param>
/// <param name="Scenario">The scenario the world starts from (its start year is the game's start; its events stay in force).</param>
/// <param name="Turns">Number of turns, at least 1.</param>
/// <param name="YearsPerTurn">Model years per turn: 1 or 2.</param>
/// <param name="TurnMinutes">Minutes a turn stays open for moves after it opens (the deadline), or null for no deadline.</param>
/// <param name="Reveal">When secret moves become visible to the other teams.</param>
/// <param name="Teams">The teams, in the order they are listed (the hot-seat order); the White Cell is a role, not a team.</param>
/// <param name="Text">The definition's YAML text as read.</param>
/// <param name="ScenarioText">The scenario's YAML text as read.</param>
/// <param name="ScenarioFile">The scenario's file name as written in the definition (for messages).</param>
public sealed record GameDefinition(
    string Name,
    string Title,
    string Description,
    Scenario Scenario,
    int Turns,
    int YearsPerTurn,
    int? TurnMinutes,
    RevealRule Reveal,
    IReadOnlyList<TeamDefinition> Teams,
    string Text,
    string ScenarioText,
    string ScenarioFile)
{
    /// <summary>The year of the initial state (the scenario's start year).</summary>
    public int StartYear => Scenario.StartYear;

    /// <summary>The last model year of the last turn.</summary>
    public int EndYear => StartYear + (Turns * YearsPerTurn);

    /// <summary>First model year of a turn (1-based): the year its moves first take effect.</summary>
    public int FirstYear(int turn) => StartYear + ((turn - 1) * YearsPerTurn) + 1;

    /// <summary>Last model year of a turn (1-based): the year whose state closes it.</summary>
    public int LastYear(int turn) => StartYear + (turn * YearsPerTurn);

    /// <summary>The scenario compiled, without any move (the actors, their initial state).</summary>
    public Ballast.Core.Model.ModelInputs Inputs { get; init; } = null!;

    /// <summary>The team with an id, or null.</summary>
    public TeamDefinition? Team(string id) => Teams.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));
}

/// <summary>When one team's secret moves become visible to the other teams (they are always visible to the White Cell).</summary>
public enum RevealRule
{
    /// <summary>When the turn is adjudicated.</summary>
    AtAdjudication,

    /// <summary>When the White Cell reveals the turn.</summary>
    ByWhiteCell,

    /// <summary>When the game ends.</summary>
    AtEnd,
}

/// <summary>How a team is played when no person plays it.</summary>
public enum TeamPolicy
{
    /// <summary>The model's own behavioural rules only: the team makes no moves and its actors decide by the engine's rules.</summary>
    Rules,

    /// <summary>The documented US policy (docs/wargame.md): conditional stance toward allies below target, posture kept.</summary>
    Us,

    /// <summary>The documented China policy (docs/wargame.md): budget growth against the coalition, dialogue after crises.</summary>
    China,
}

/// <summary>A team.</summary>
/// <param name="Id">Identifier used in moves and codes (e.g. <c>us</c>, <c>japan</c>).</param>
/// <param name="Name">Name shown to players.</param>
/// <param name="Actors">The actors (ISO3) the team controls; its moves act through them.</param>
/// <param name="Policy">How the model plays the team when no person does.</param>
/// <param name="BudgetUsdBn">What the team may spend on moves per turn, US$ bn (constant 2023); moves with a cost may not exceed it.</param>
/// <param name="Menu">The moves the team may make, with bounds.</param>
/// <param name="Sees">What the team sees beyond its own actors and the public record.</param>
/// <param name="Criteria">How the team is assessed; it meets its objectives when every criterion is met (several teams may).</param>
public sealed record TeamDefinition(
    string Id,
    string Name,
    IReadOnlyList<string> Actors,
    TeamPolicy Policy,
    double BudgetUsdBn,
    IReadOnlyList<MenuItem> Menu,
    TeamSight Sees,
    IReadOnlyList<Criterion> Criteria)
{
    /// <summary>The menu item with an id, or null.</summary>
    public MenuItem? Item(string id) => Menu.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));
}

/// <summary>What a team sees beyond its own actors, its own moves, the public signals and the public world indicators.</summary>
/// <param name="Actors">Other actors (ISO3) whose state summary the team sees after each adjudication.</param>
/// <param name="Band">Whether the team sees the band of what could have happened (percentiles over the ensemble).</param>
/// <param name="Counterfactual">Whether the team sees its own counterfactual (had it not moved).</param>
public sealed record TeamSight(IReadOnlyList<string> Actors, bool Band, bool Counterfactual);

/// <summary>The kind of a move: which scenario lever or model decision it sets (docs/wargame.md lists their effect).</summary>
public enum MoveKind
{
    /// <summary>Next years' military spending of an own actor, percent above (below) what its rule gives; costs the extra spending.</summary>
    Spending,

    /// <summary>Percentage points of an own actor's investment moved into one mission area (the engine's decision override).</summary>
    Mix,

    /// <summary>Host US missiles of a range (km) in an own actor.</summary>
    HostMissiles,

    /// <summary>US troops (thousands) stationed in a host.</summary>
    Posture,

    /// <summary>A cost-sharing demand on a host: host-nation support, US$ m a year.</summary>
    CostSharing,

    /// <summary>US stance toward one ally: reassure, conditional (target % of GDP and deadline) or disengage.</summary>
    Stance,

    /// <summary>Join, strengthen, weaken or leave a tie with another actor (change of link strength in [-1, 1]).</summary>
    Tie,

    /// <summary>A co-development programme with another actor in one mission area.</summary>
    Programme,

    /// <summary>Coercion against a host: a gray-zone crisis of an intensity.</summary>
    Coercion,

    /// <summary>Initiate a crisis of a kind and intensity.</summary>
    Crisis,

    /// <summary>Open a dialogue channel with another actor of a strength.</summary>
    Dialogue,
}

/// <summary>One entry of a team's move menu.</summary>
/// <param name="Id">Identifier used in moves (e.g. <c>budget</c>).</param>
/// <param name="Kind">What the move sets.</param>
/// <param name="Label">Label shown on forms.</param>
/// <param name="Min">Smallest value allowed.</param>
/// <param name="Max">Largest value allowed.</param>
/// <param name="Unit">Unit of the value (for forms).</param>
/// <param name="Targets">Actors (ISO3) the move may act on (the host, ally or partner); empty when the move acts on the team's own actor.</param>
/// <param name="Options">Allowed options (mission area, stance kind or crisis kind, kebab-case); empty when the kind has none.</param>
/// <param name="CostUsdBn">Cost of making the move once, US$ bn, on top of any cost the model gives it (spending).</param>
public sealed record MenuItem(
    string Id,
    MoveKind Kind,
    string Label,
    double Min,
    double Max,
    string Unit,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Options,
    double CostUsdBn);

/// <summary>An assessment criterion, checked on the realised world at the end of each adjudicated turn.</summary>
/// <param name="Name">What the criterion stands for (shown in the assessment).</param>
/// <param name="Indicator">Indicator name: an actor indicator (<c>burden</c>, <c>spending</c>, <c>credibility</c>, <c>alignment</c>, <c>hedging</c>) with an actor, or a world indicator (<c>balance</c>, <c>spending-ratio</c>).</param>
/// <param name="Actor">The actor (ISO3) of an actor indicator; null for a world indicator.</param>
/// <param name="AtLeast">Met when the value is at least this, if set.</param>
/// <param name="AtMost">Met when the value is at most this, if set.</param>
public sealed record Criterion(string Name, string Indicator, string? Actor, double? AtLeast, double? AtMost);
