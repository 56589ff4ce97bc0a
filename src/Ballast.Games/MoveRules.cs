using Ballast.Core.Model;
using Ballast.Core.Text;

namespace Ballast.Games;

/// <summary>Checks moves against a team's menu and budget, and injects against the scenario; gives each move's cost.</summary>
internal static class MoveRules
{
    /// <summary>Regions a shock inject may name instead of a country.</summary>
    public static readonly string[] Regions = ["all", "patron", "allies", "partners", "adversaries"];

    /// <summary>Each actor's spending now (US$ bn): at the end of the last adjudicated turn, or at the start.</summary>
    public static IReadOnlyDictionary<string, double> SpendingNow(GameState s)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        var inputs = s.Definition.Inputs;
        for (int i = 0; i < inputs.ActorCount; i++)
        {
            d[inputs.Codes[i]] = inputs.MilitaryExpenditure[i] / 1e9;
        }

        if (s.Outcomes.Count > 0)
        {
            foreach (var a in s.Outcomes[^1].Actors)
            {
                d[a.Actor] = a.SpendingUsdBn;
            }
        }

        return d;
    }

    /// <summary>Checks every move and returns their total cost (US$ bn); throws the first violation.</summary>
    public static double Check(GameDefinition game, TeamDefinition team, IReadOnlyList<Move> moves, IReadOnlyDictionary<string, double> spendingBn)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        double cost = 0;
        for (int i = 0; i < moves.Count; i++)
        {
            var m = moves[i];
            var field = $"moves[{i}]";
            var item = team.Item(m.Item ?? string.Empty)
                ?? throw new GameRuleException(GameErrors.UnknownItem, GameErrorKind.Invalid, $"team '{team.Id}' has no move '{InputLimits.Echo(m.Item ?? string.Empty)}'; menu: {string.Join(", ", team.Menu.Select(x => x.Id))}", field + ".item");
            var actor = m.Actor ?? team.Actors[0];
            if (!team.Actors.Contains(actor, StringComparer.Ordinal))
            {
                throw new GameRuleException(GameErrors.WrongTeam, GameErrorKind.Forbidden, $"team '{team.Id}' does not control {InputLimits.Echo(actor)}", field + ".actor");
            }

            if (!double.IsFinite(m.Value) || m.Value < item.Min || m.Value > item.Max)
            {
                throw new GameRuleException(GameErrors.MoveOutOfBounds, GameErrorKind.Invalid,
                    $"'{item.Id}' takes a value from {Fmt(item.Min)} to {Fmt(item.Max)} ({item.Unit}), not {Fmt(m.Value)}", field + ".value");
            }

            if (item.Targets.Count > 0 ? m.Target is null || !item.Targets.Contains(m.Target, StringComparer.Ordinal) : m.Target is not null)
            {
                throw new GameRuleException(GameErrors.BadTarget, GameErrorKind.Invalid,
                    item.Targets.Count > 0 ? $"'{item.Id}' needs a target among {string.Join(", ", item.Targets)}" : $"'{item.Id}' takes no target", field + ".target");
            }

            if (item.Options.Count > 0 ? m.Option is null || !item.Options.Contains(m.Option, StringComparer.Ordinal) : m.Option is not null)
            {
                throw new GameRuleException(GameErrors.BadOption, GameErrorKind.Invalid,
                    item.Options.Count > 0 ? $"'{item.Id}' needs an option among {string.Join(", ", item.Options)}" : $"'{item.Id}' takes no option", field + ".option");
            }

            if (item.Kind == MoveKind.Stance && m.Option == "conditional" && (m.Deadline is not { } dl || dl < game.FirstYear(1) || dl > game.Scenario.HorizonYear))
            {
                throw new GameRuleException(GameErrors.MoveOutOfBounds, GameErrorKind.Invalid,
                    $"a conditional stance needs a deadline year from {game.FirstYear(1)} to {game.Scenario.HorizonYear}", field + ".deadline");
            }

            if (!seen.Add($"{item.Id}|{actor}|{m.Target}|{m.Option}"))
            {
                throw new GameRuleException(GameErrors.DuplicateMove, GameErrorKind.Invalid, $"'{item.Id}' appears twice for the same actor, target and option", field);
            }

            cost += Cost(game, item, m, actor, spendingBn);
        }

        if (cost > team.BudgetUsdBn + 1e-9)
        {
            throw new GameRuleException(GameErrors.OverBudget, GameErrorKind.Invalid,
                $"the moves cost US$ {Fmt(Math.Round(cost, 2))} bn; team '{team.Id}' has US$ {Fmt(team.BudgetUsdBn)} bn a turn", "moves");
        }

        return cost;
    }

    /// <summary>
    /// A move's cost, US$ bn: the item's fixed cost plus, for spending, the extra spending the model will make over the
    /// turn's years at today's level (a cut frees nothing for other moves: no deficits are carried).
    /// </summary>
    public static double Cost(GameDefinition game, MenuItem item, Move m, string actor, IReadOnlyDictionary<string, double> spendingBn) =>
        item.CostUsdBn + (item.Kind == MoveKind.Spending && m.Value > 0 ? m.Value / 100 * spendingBn[actor] * game.YearsPerTurn : 0);

    public static void CheckInject(GameDefinition game, Inject inject)
    {
        var codes = game.Inputs.Codes;
        if (inject.Target is not null && !codes.Contains(inject.Target))
        {
            throw Bad($"'{InputLimits.Echo(inject.Target)}' is not an actor of the game", "target");
        }

        switch (inject.Kind)
        {
            case InjectKind.Crisis:
                if (inject.Option is null || !Names.TryParseKebab<CrisisType>(inject.Option, StringComparison.Ordinal, out _))
                {
                    throw Bad($"a crisis needs a kind: {string.Join(", ", Names.KebabValues<CrisisType>())}", "option");
                }

                if (inject.Value is not (>= 0 and <= 1))
                {
                    throw Bad("a crisis's intensity is between 0 and 1", "value");
                }

                break;
            case InjectKind.Shock:
                if ((inject.Target is null) == (inject.Option is null) || (inject.Option is not null && !Regions.Contains(inject.Option)))
                {
                    throw Bad($"a shock names a country (target) or a region (option: {string.Join(", ", Regions)})", "target");
                }

                if (inject.Value is not (> -100 and <= 100))
                {
                    throw Bad("a shock's GDP change is more than -100 % and at most 100 %", "value");
                }

                break;
            case InjectKind.GovernmentChange:
                if (inject.Target is null || inject.Target == codes[game.Inputs.PatronIndex])
                {
                    throw Bad("a change of government names a country other than the patron", "target");
                }

                if (inject.Value is not (>= -1 and <= 1))
                {
                    throw Bad("the tie change with the US is between -1 and 1", "value");
                }

                if (inject.SpendingChangePct is not (> -100 and <= 100))
                {
                    throw Bad("the spending change is more than -100 % and at most 100 %", "spendingPercent");
                }

                break;
            default:
                throw Bad("unknown inject kind", "kind");
        }

        if (inject.Text.Length > 2000)
        {
            throw Bad("an announcement has at most 2000 characters", "text");
        }
    }

    private static GameRuleException Bad(string message, string field) => new(GameErrors.Invalid, GameErrorKind.Invalid, message, field);

    private static string Fmt(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
