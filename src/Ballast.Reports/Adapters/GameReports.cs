using Ballast.Games;
using Ballast.Core.Text;
using H = Ballast.Reports.Html.Html;

namespace Ballast.Reports.Adapters;

/// <summary>
/// The after-action report of a wargame (docs/wargame.md): one self-contained HTML page like the run report, with the
/// world's path against its band, each turn's moves, injects and signals, the counterfactuals, the assessment per team
/// and the branches played from the game. Built from the White Cell's record, so it shows everything; hand it only to
/// people who may see all moves.
/// </summary>
public static class GameReports
{
    /// <summary>A branch of the game, with its record.</summary>
    /// <param name="GameId">The branch's id.</param>
    /// <param name="Record">The branch's White Cell record.</param>
    public sealed record BranchRecord(string GameId, GameView Record);

    /// <summary>The report as HTML text.</summary>
    public static string Page(GameDefinition definition, GameView record, IReadOnlyList<BranchRecord> branches)
    {
        var sb = new StringBuilder();
        H.Begin(sb, $"After-action report: {definition.Title}");
        sb.Append("<h1>").Append(E(definition.Title)).Append("</h1>\n");
        sb.Append("<p>").Append(E(definition.Description)).Append("</p>\n");
        sb.Append("<p>Game <code>").Append(E(record.GameId)).Append("</code>: ").Append(record.Outcomes.Count).Append(" of ").Append(record.Turns)
            .Append(" turns adjudicated, ").Append(definition.YearsPerTurn).Append(" model year(s) a turn from ").Append(definition.FirstYear(1)).Append(". ");
        if (record.Outcomes.Count > 0)
        {
            var o = record.Outcomes[0];
            sb.Append("Realised draw: run ").Append(o.RealisedRun).Append(" of a band of ").Append(o.BandRuns).Append(" runs, seed ").Append(o.Seed).Append('.');
        }

        if (record.ParentGameId is not null)
        {
            sb.Append(" Branched from game <code>").Append(E(record.ParentGameId)).Append("</code> at turn ").Append(record.BranchTurn).Append('.');
        }

        sb.Append("</p>\n<table class=\"data-table\"><thead><tr><th>Team</th><th>Actors</th><th>Played by</th></tr></thead><tbody>");
        foreach (var t in record.Teams)
        {
            sb.Append("<tr><td>").Append(E(t.Name)).Append("</td><td>").Append(E(string.Join(", ", t.Actors))).Append("</td><td>")
                .Append(t.Human ? "people" : "the model (" + E(PolicyText(definition.Team(t.Id)!.Policy)) + ")").Append("</td></tr>");
        }

        sb.Append("</tbody></table>\n");
        if (record.Outcomes.Count > 0)
        {
            H.Figure(sb, BalanceFigure(record, branches));
            Assessment(sb, definition, record);
        }

        foreach (var o in record.Outcomes)
        {
            Turn(sb, definition, record, o);
        }

        if (branches.Count > 0)
        {
            Branches(sb, record, branches);
        }

        H.End(sb, "Ballast wargame after-action report. Adjudicated by the Ballast model (docs/model.md); the band is the ensemble's 5th to 95th percentile on common random numbers.");
        return sb.ToString();
    }

    /// <summary>Writes the report to a file atomically; returns its full path.</summary>
    public static string Write(string path, GameDefinition definition, GameView record, IReadOnlyList<BranchRecord> branches)
    {
        H.WriteAtomically(path, Page(definition, record, branches));
        return Path.GetFullPath(path);
    }

    /// <summary>The report of a game from its service as HTML text: its record and every branch made from it.</summary>
    public static string Page(GameService games, string gameId)
    {
        var record = games.Record(gameId);
        var branches = games.List().Where(g => g.ParentGameId == gameId).Select(g => new BranchRecord(g.GameId, games.Record(g.GameId))).ToList();
        return Page(games.Definition(gameId), record, branches);
    }

    /// <summary>The report of a game from its service, written to a file atomically; returns its full path.</summary>
    public static string Write(string path, GameService games, string gameId)
    {
        H.WriteAtomically(path, Page(games, gameId));
        return Path.GetFullPath(path);
    }

    private static string PolicyText(TeamPolicy p) => p switch
    {
        TeamPolicy.Us => "US policy",
        TeamPolicy.China => "China policy",
        _ => "behavioural rules",
    };

    private static Figure BalanceFigure(GameView record, IReadOnlyList<BranchRecord> branches)
    {
        var years = record.Outcomes.SelectMany(o => o.World).ToList();
        var band = new BandSeries("balance", "Balance (band)", "ratio", [.. years.Select(w => new BandPoint(w.Year, w.BalanceBand!.P05, w.BalanceBand.P50, w.BalanceBand.P50, w.BalanceBand.P50, w.BalanceBand.P95))]);
        var realised = new BandSeries("balance", "Balance (realised)", "ratio", [.. years.Select(w => new BandPoint(w.Year, w.Balance, w.Balance, w.Balance, w.Balance, w.Balance))]);
        var series = new List<ChartSeries>
        {
            new("Band: median and 5-95 %", band, Palette.SkyBlue),
            new("Realised", realised, Palette.Blue, ShowBand: false),
        };
        string[] colours = [Palette.Vermillion, Palette.BluishGreen, Palette.ReddishPurple, Palette.Orange];
        for (int b = 0; b < branches.Count; b++)
        {
            var path = branches[b].Record.Outcomes.SelectMany(o => o.World).ToList();
            series.Add(new($"Branch {branches[b].GameId} (from turn {branches[b].Record.BranchTurn})",
                new BandSeries("balance", "branch", "ratio", [.. path.Select(w => new BandPoint(w.Year, w.Balance, w.Balance, w.Balance, w.Balance, w.Balance))]),
                colours[b % colours.Length], ShowBand: false, Dash: "6 3"));
        }

        var spec = new BandChartSpec("Balance ratio (coalition / adversary effectiveness)", series, [new ReferenceLine(1, "parity", Palette.Grey)]);
        var rows = years.Select(w => (IReadOnlyList<string>)[w.Year.ToString(CultureInfo.InvariantCulture), F(w.Balance), F(w.BalanceBand!.P05), F(w.BalanceBand.P50), F(w.BalanceBand.P95)]).ToList();
        return new Figure("game-balance", "The world's path against its band",
            "The balance ratio on the realised draw (line), the ensemble's median and 5-95 % band, and the realised path of each branch.",
            760, 360, c => ChartRenderer.DrawBandChart(c, 0, 0, c.Width, c.Height, spec),
            new DataTable(["year", "realised", "p5", "p50", "p95"], rows));
    }

    private static void Assessment(StringBuilder sb, GameDefinition definition, GameView record)
    {
        var last = record.Outcomes[^1];
        sb.Append("<h2>Assessment after turn ").Append(last.Turn).Append(" (").Append(last.LastYear).Append(")</h2>\n");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var a in last.Assessments)
        {
            foreach (var c in a.Criteria)
            {
                rows.Add([definition.Team(a.TeamId)!.Name, c.Name, F(c.Value), c.Met ? "met" : "not met", (c.ShareOfRuns * 100).ToString("0", CultureInfo.InvariantCulture) + " %"]);
            }
        }

        H.Table(sb, ["Team", "Criterion", "Realised", "Result", "Runs meeting it"], rows, "data-table");
        var winners = last.Assessments.Where(a => a.Met).Select(a => definition.Team(a.TeamId)!.Name).ToList();
        sb.Append("<p>").Append(winners.Count == 0 ? "No team met all its criteria." : "Met all their criteria: " + E(string.Join(", ", winners)) + ".").Append("</p>\n");
    }

    private static void Turn(StringBuilder sb, GameDefinition definition, GameView record, TurnOutcome o)
    {
        sb.Append("<h2>Turn ").Append(o.Turn).Append(" (").Append(o.FirstYear);
        if (o.LastYear != o.FirstYear)
        {
            sb.Append('-').Append(o.LastYear);
        }

        sb.Append(")</h2>\n");
        foreach (var s in record.Signals.Where(s => s.Turn == o.Turn))
        {
            sb.Append("<p><strong>").Append(E(definition.Team(s.TeamId)!.Name)).Append(" signals:</strong> ").Append(E(s.Text)).Append("</p>\n");
        }

        foreach (var i in record.Injects.Where(i => i.Turn == o.Turn))
        {
            sb.Append("<p><strong>White Cell:</strong> ").Append(E(Describe(i.Inject))).Append("</p>\n");
        }

        var moves = record.Moves.Where(m => m.Turn == o.Turn).Select(m => (IReadOnlyList<string>)[
            definition.Team(m.TeamId)!.Name, m.ByModel ? "model" : "people", m.Moves.Count == 0 ? "no move" : string.Join("; ", m.Moves.Select(Describe)), F(m.CostUsdBn)]).ToList();
        H.Table(sb, ["Team", "By", "Moves", "Cost (US$ bn)"], moves, "data-table");
        var w = o.World[^1];
        sb.Append("<p>Balance ").Append(o.LastYear).Append(": ").Append(F(w.Balance)).Append(" (band ").Append(F(w.BalanceBand!.P05)).Append('-').Append(F(w.BalanceBand.P95))
            .Append("); spending ratio ").Append(F(w.SpendingRatio)).Append(".</p>\n");
        if (o.Counterfactuals.Count > 0)
        {
            var rows = o.Counterfactuals.SelectMany(c => c.Values.Select(v => (IReadOnlyList<string>)[
                definition.Team(c.TeamId)!.Name, v.Indicator + (v.Actor is null ? string.Empty : " " + v.Actor), F(v.Realised), F(v.RealisedWithout), F(v.Median), F(v.MedianWithout)])).ToList();
            sb.Append("<details><summary>Had they not moved (counterfactuals)</summary><div class=\"table-wrap\">");
            H.Table(sb, ["Team", "Indicator", "Realised", "Realised without", "Median", "Median without"], rows, "data-table");
            sb.Append("</div></details>\n");
        }

        var actors = o.Actors.Select(a => (IReadOnlyList<string>)[a.Actor, F(a.SpendingUsdBn), F(a.BurdenPct), F(a.Credibility), F(a.Alignment), F(a.Hedging), a.State]).ToList();
        sb.Append("<details><summary>State of every actor, ").Append(o.LastYear).Append("</summary><div class=\"table-wrap\">");
        H.Table(sb, ["Actor", "Spending (US$ bn)", "Burden (% GDP)", "Credibility", "Alignment", "Hedging", "State"], actors, "data-table");
        sb.Append("</div></details>\n");
    }

    private static void Branches(StringBuilder sb, GameView record, IReadOnlyList<BranchRecord> branches)
    {
        sb.Append("<h2>Branches</h2>\n");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var b in branches)
        {
            foreach (var o in b.Record.Outcomes.Where(o => o.Turn >= b.Record.BranchTurn))
            {
                var parent = record.Outcomes.FirstOrDefault(p => p.Turn == o.Turn);
                var changed = b.Record.Moves.Where(m => m.Turn == o.Turn && !m.ByModel).Select(m => m.TeamId + ": " + string.Join("; ", m.Moves.Select(Describe)));
                rows.Add([b.GameId, o.Turn.ToString(CultureInfo.InvariantCulture), string.Join(" | ", changed), F(o.World[^1].Balance), parent is null ? "-" : F(parent.World[^1].Balance)]);
            }
        }

        H.Table(sb, ["Branch", "Turn", "Moves by people in the branch", "Balance (branch)", "Balance (this game)"], rows, "data-table");
    }

    private static string Describe(Move m) =>
        m.Item + " " + F(m.Value) + (m.Target is null ? string.Empty : " on " + m.Target) + (m.Option is null ? string.Empty : " (" + m.Option + ")")
        + (m.Deadline is null ? string.Empty : " by " + m.Deadline) + (m.Actor is null ? string.Empty : " [" + m.Actor + "]");

    private static string Describe(Inject i) =>
        (i.Text.Length > 0 ? i.Text + " " : string.Empty) + $"({Names.Kebab(i.Kind)} {F(i.Value)}{(i.Target is null ? string.Empty : " " + i.Target)}{(i.Option is null ? string.Empty : " " + i.Option)})";

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string E(string s) => H.E(s);
}
