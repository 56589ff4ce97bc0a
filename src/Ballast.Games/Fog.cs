namespace Ballast.Games;

/// <summary>
/// What each role may see (docs/wargame.md, "What each role sees"). The White Cell sees everything. A team sees its own
/// moves, the others' once their turn is revealed, injects once adjudicated, the world indicators, its own actors and the
/// actors its definition names, bands and its own counterfactual when its definition allows, and its own assessment.
/// A spectator sees the public record: signals, revealed moves, adjudicated injects and the world indicators with bands.
/// </summary>
internal static class Fog
{
    public static GameView View(GameState s, GameRole role, DateTimeOffset now)
    {
        var def = s.Definition;
        bool white = role.Kind == RoleKind.WhiteCell;
        var team = role.Kind == RoleKind.Team ? def.Team(role.TeamId!) : null;
        var adjudicated = s.Outcomes.Select(o => o.Turn).ToHashSet();
        var moves = s.Moves.Where(m => white || (team is not null && m.TeamId == team.Id) || s.IsRevealed(m.Turn)).ToList();
        var injects = s.Injects.Where(i => white || adjudicated.Contains(i.Turn)).ToList();
        var outcomes = s.Outcomes.Select(o => white ? o : Filter(o, team)).ToList();
        var turn = Math.Min(s.Turn, def.Turns);
        return new GameView(
            s.Id, def.Name, def.Title, role, s.Status, s.Turn, def.Turns,
            s.Finished ? def.EndYear + 1 : def.FirstYear(turn), s.Finished ? def.EndYear : def.LastYear(turn), s.Deadline(now),
            [.. def.Teams.Select(t => new TeamStatus(t.Id, t.Name, t.Actors, s.IsHuman(t.Id), s.Submitted(t.Id, s.Turn)))],
            [.. s.Signals], injects, moves, outcomes, s.Created.ParentGameId, s.Created.BranchTurn);
    }

    private static TurnOutcome Filter(TurnOutcome o, TeamDefinition? team)
    {
        bool band = team?.Sees.Band ?? true;
        var visible = team is null ? new HashSet<string>() : team.Actors.Concat(team.Sees.Actors).ToHashSet(StringComparer.Ordinal);
        return o with
        {
            World = [.. o.World.Select(w => band ? w : w with { BalanceBand = null, SpendingRatioBand = null })],
            Actors = [.. o.Actors.Where(a => visible.Contains(a.Actor)).Select(a => band ? a : a with { SpendingBand = null, BurdenBand = null })],
            Counterfactuals = [.. o.Counterfactuals.Where(c => team is not null && team.Sees.Counterfactual && c.TeamId == team.Id)],
            Assessments = [.. o.Assessments.Where(a => team is not null && a.TeamId == team.Id)],
        };
    }
}
