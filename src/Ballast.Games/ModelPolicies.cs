namespace Ballast.Games;

/// <summary>
/// How the model plays a team no person plays (docs/wargame.md, "Model-played teams"). A team with the
/// <see cref="TeamPolicy.Rules"/> policy makes no moves: its actors decide by the engine's behavioural rules. The US and
/// China policies are small documented rules on top, reading only what the team may see (its own actors, the actors it
/// sees and the world indicators of the last adjudicated turn). Moves that would exceed the budget are dropped, last first.
/// </summary>
internal static class ModelPolicies
{
    /// <summary>The burden (% of GDP) the US policy asks of allies.</summary>
    public const double UsTargetPercent = 2.0;

    /// <summary>Years the US policy gives an ally to reach the target.</summary>
    public const int UsDeadlineYears = 4;

    /// <summary>Spending change (% vs rule) of the China policy when the coalition leads (balance above 1) and when it does not.</summary>
    public const double ChinaSurge = 5.0, ChinaSteady = 1.0;

    public static IReadOnlyList<Move> Moves(GameState s, TeamDefinition team)
    {
        var view = Fog.View(s, GameRole.Team(team.Id), DateTimeOffset.MinValue);
        var last = view.Outcomes.Count > 0 ? view.Outcomes[^1] : null;
        var moves = team.Policy switch
        {
            TeamPolicy.Us => UsMoves(s, team, last),
            TeamPolicy.China => ChinaMoves(s, team, last),
            _ => [],
        };
        var spending = MoveRules.SpendingNow(s);
        while (moves.Count > 0 && moves.Sum(m => MoveRules.Cost(s.Definition, team.Item(m.Item)!, m, m.Actor ?? team.Actors[0], spending)) > team.BudgetUsdBn)
        {
            moves.RemoveAt(moves.Count - 1);
        }

        return moves;
    }

    // US: a conditional stance toward every ally on the menu whose burden is below the target (reassurance once it is
    // met), a change only when the stance would differ from the one the US last chose.
    private static List<Move> UsMoves(GameState s, TeamDefinition team, TurnOutcome? last)
    {
        var moves = new List<Move>();
        var def = s.Definition;
        foreach (var item in team.Menu.Where(i => i.Kind == MoveKind.Stance))
        {
            foreach (var ally in item.Targets)
            {
                double burden = last?.Actors.FirstOrDefault(a => a.Actor == ally)?.BurdenPct
                    ?? def.Inputs.Share[def.Inputs.Codes.IndexOf(ally)] * 100;
                var option = burden < UsTargetPercent ? "conditional" : "reassure";
                var previous = s.Moves.Where(m => m.TeamId == team.Id).SelectMany(m => m.Moves).LastOrDefault(m => m.Item == item.Id && m.Target == ally);
                if (!item.Options.Contains(option) || previous?.Option == option)
                {
                    continue;
                }

                moves.Add(option == "conditional"
                    ? new Move(item.Id, Math.Clamp(UsTargetPercent, item.Min, item.Max), ally, option, Math.Min(def.Scenario.HorizonYear, def.FirstYear(s.Turn) + UsDeadlineYears))
                    : new Move(item.Id, Math.Clamp(0, item.Min, item.Max), ally, option));
            }
        }

        return moves;
    }

    // China: spending above its rule, more when the coalition leads; a dialogue with each partner on the menu after a turn
    // in which a crisis was injected.
    private static List<Move> ChinaMoves(GameState s, TeamDefinition team, TurnOutcome? last)
    {
        var moves = new List<Move>();
        if (team.Menu.FirstOrDefault(i => i.Kind == MoveKind.Spending) is { } spend)
        {
            double balance = last?.World[^1].Balance ?? 1;
            moves.Add(new Move(spend.Id, Math.Clamp(balance > 1 ? ChinaSurge : ChinaSteady, spend.Min, spend.Max)));
        }

        bool crisisLastTurn = s.Injects.Any(i => i.Turn == s.Turn - 1 && i.Inject.Kind == InjectKind.Crisis);
        if (crisisLastTurn && team.Menu.FirstOrDefault(i => i.Kind == MoveKind.Dialogue) is { } talk)
        {
            moves.AddRange(talk.Targets.Select(t => new Move(talk.Id, Math.Clamp(0.3, talk.Min, talk.Max), t)));
        }

        return moves;
    }
}
