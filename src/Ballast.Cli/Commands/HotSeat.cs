using Ballast.Games;

namespace Ballast.Cli.Commands;

/// <summary>
/// The terminal hot-seat of <c>ballast game play</c>: each turn, every human team in the definition's order sees its
/// menu and budget and types its moves (one a line, a blank line or <c>done</c> to submit, <c>signal: TEXT</c> for a public
/// signal); a rejected move is explained and the team asked again. Then the model adjudicates and every team's summary
/// is printed. Reads standard input line by line, so a file of answers plays a game unattended; at the end of input
/// the remaining teams make no move.
/// </summary>
internal sealed class HotSeat(CliContext ctx, GameService games, GameDefinition def, string gameId)
{
    public void Run()
    {
        var o = ctx.Out;
        o.WriteLine($"Game {gameId}: {def.Title} ({def.Turns} turns of {def.YearsPerTurn} year(s) from {def.FirstYear(1)}).");
        for (int turn = 1; turn <= def.Turns; turn++)
        {
            ctx.Cancellation.ThrowIfCancellationRequested();
            o.WriteLine();
            o.WriteLine($"== Turn {turn}: {Years(def.FirstYear(turn), def.LastYear(turn))} ==");
            var view = games.View(gameId, GameRole.WhiteCell);
            foreach (var team in def.Teams.Where(t => view.Teams.Single(x => x.Id == t.Id).Human))
            {
                Prompt(team, turn);
            }

            var outcome = games.Adjudicate(gameId, GameRole.WhiteCell);
            Summarise(outcome);
        }

        o.WriteLine();
        o.WriteLine($"Game {gameId} is over. Replay: ballast game replay {gameId}; report: ballast game report {gameId} --out aar.html");
    }

    /// <summary>One line per turn for a record: the world's balance and its band, and each team's moves.</summary>
    public static string TurnLine(GameDefinition def, TurnOutcome outcome, IEnumerable<TeamMoves> moves)
    {
        var w = outcome.World[^1];
        var text = string.Join("; ", moves.Where(m => m.Turn == outcome.Turn).Select(m => $"{m.TeamId}{(m.ByModel ? " (model)" : string.Empty)}: {(m.Moves.Count == 0 ? "no move" : string.Join(", ", m.Moves.Select(GameCommand.Text)))}"));
        return $"turn {outcome.Turn} ({Years(outcome.FirstYear, outcome.LastYear)}): balance {F(w.Balance)} (band {F(w.BalanceBand!.P05)}-{F(w.BalanceBand.P95)}, median {F(w.BalanceBand.P50)}); {text}";
    }

    private void Prompt(TeamDefinition team, int turn)
    {
        var o = ctx.Out;
        var menu = games.Menu(gameId, GameRole.Team(team.Id), team.Id);
        o.WriteLine();
        o.WriteLine($"-- {team.Name} ({string.Join(", ", team.Actors)}), budget US$ {F(team.BudgetUsdBn)} bn this turn --");
        foreach (var item in menu.Items)
        {
            var extra = (item.Targets.Count > 0 ? $" @{string.Join("|", item.Targets)}" : string.Empty) + (item.Options.Count > 0 ? $" :{string.Join("|", item.Options)}" : string.Empty);
            o.WriteLine($"  {item.Id}={F(item.Min)}..{F(item.Max)} {item.Unit}{extra}  {item.Label}{(item.CostUsdBn > 0 ? $" (costs US$ {F(item.CostUsdBn)} bn)" : string.Empty)}");
        }

        while (true)
        {
            o.WriteLine($"Moves for {team.Id}, one a line (ITEM=VALUE[@TARGET][:OPTION][/DEADLINE]); 'signal: TEXT' to signal; a blank line or 'done' submits:");
            var moves = new List<Move>();
            bool end = false;
            try
            {
                while (true)
                {
                    var line = ctx.In.ReadLine();
                    if (line is null)
                    {
                        end = true;
                        break;
                    }

                    line = line.Trim();
                    if (line.Length == 0 || line == "done")
                    {
                        break;
                    }

                    if (line.StartsWith("signal:", StringComparison.Ordinal))
                    {
                        games.PostSignal(gameId, GameRole.Team(team.Id), line["signal:".Length..]);
                        o.WriteLine("  signal posted");
                        continue;
                    }

                    moves.Add(GameCommand.ParseMove(line, "move"));
                }

                var done = games.SubmitMoves(gameId, GameRole.Team(team.Id), team.Id, moves);
                o.WriteLine($"  {team.Id}: {(done.Moves.Count == 0 ? "no move" : string.Join(", ", done.Moves.Select(GameCommand.Text)))} submitted (cost US$ {F(done.CostUsdBn)} bn)");
                return;
            }
            catch (BallastInputException e) when (!end)
            {
                o.WriteLine($"  rejected: {e.Message}; enter the team's moves again.");
            }
        }
    }

    private void Summarise(TurnOutcome outcome)
    {
        var o = ctx.Out;
        var view = games.View(gameId, GameRole.WhiteCell);
        o.WriteLine();
        o.WriteLine(TurnLine(def, outcome, view.Moves));
        foreach (var a in outcome.Assessments)
        {
            o.WriteLine($"  {a.TeamId}: {(a.Met ? "meets" : "does not meet")} its objectives ({string.Join("; ", a.Criteria.Select(c => $"{c.Name}: {F(c.Value)} {(c.Met ? "met" : "not met")}, {c.ShareOfRuns:P0} of runs"))})");
        }

        foreach (var c in outcome.Counterfactuals)
        {
            var b = c.Values[0];
            o.WriteLine($"  had {c.TeamId} not moved: balance {b.RealisedWithout:0.0000} instead of {b.Realised:0.0000} (median {b.MedianWithout:0.0000} instead of {b.Median:0.0000})");
        }
    }

    private static string Years(int first, int last) => first == last ? first.ToString(CultureInfo.InvariantCulture) : $"{first}-{last}";

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
