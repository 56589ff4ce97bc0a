using Ballast.Core.Analytics;
using Ballast.Data.Panel;
using Ballast.Runs.Countries;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast burden</c>: each country's spending against GDP targets, its gap and its trend.</summary>
public static class BurdenCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var year = CommonOptions.Year();
        var targets = new Option<double[]>("--target", "-t")
        {
            Description = "Target share of GDP in percent; repeat for several (default: 2 and 3.5).",
            AllowMultipleArgumentsPerToken = true,
        };
        var selected = new CountryOptions();
        var data = CommonOptions.Data();
        var format = CommonOptions.Format();
        return BallastCli.Command(ctx, "burden", "Spending, GDP and share of GDP against targets: gap in points and money, 5-year trend, year each target is reached on trend.", [year, targets, selected.Countries, selected.Group, data, format], p =>
        {
            var dataPath = p.GetValue(data);
            var panel = CommonOptions.Panel(dataPath);
            var y = DataYears.CheckShares(panel, p.GetValue(year) ?? DataYears.Shares(panel).Last, "--year");
            var t = p.GetValue(targets) is { Length: > 0 } given ? given : [2.0, 3.5];
            foreach (var v in t)
            {
                if (!(v > 0 && v <= 100))
                {
                    throw new BallastInputException("a target must be a percentage of GDP above 0 and at most 100", field: "--target", value: v.ToString(CultureInfo.InvariantCulture));
                }
            }

            var selection = selected.Resolve(p, y, panel, dataPath is not null);
            var rows = BurdenAnalysis.Analyse(panel, selection, y, new BurdenOptions(t));
            Build(rows, y, t).Write(p.GetValue(format), ctx.Console, ctx.Out);
            return 0;
        });
    }

    /// <summary>The burden table.</summary>
    public static ResultTable Build(IReadOnlyList<BurdenRow> rows, int year, IReadOnlyList<double> targets)
    {
        var cols = new List<ResultColumn>
        {
            new("country", "Code", RightAlign: false),
            new("name", "Country", RightAlign: false),
            new("year", "Year"),
            new("milex_current_usd", "Milex (US$ bn)", "N1", DisplayScale: 1e9),
            new("gdp_current_usd", "GDP (US$ bn)", "N0", DisplayScale: 1e9),
            new("share_pct", "Share (%)", "N2"),
        };
        foreach (var target in targets)
        {
            var tl = target.ToString("0.##", CultureInfo.InvariantCulture);
            cols.Add(new($"gap_{tl}_pp", $"Gap to {tl}% (pp)", "N2"));
            cols.Add(new($"gap_{tl}_usd", $"Gap to {tl}% (US$ bn)", "N1", DisplayScale: 1e9));
            cols.Add(new($"reach_{tl}", $"Reaches {tl}%", RightAlign: true));
        }

        cols.Add(new("milex_growth_5y_pct", "Milex growth (%/yr, 5y)", "N1"));
        cols.Add(new("share_growth_5y_pct", "Share growth (%/yr, 5y)", "N1"));
        var table = new ResultTable($"Burden sharing in {year}: military expenditure against targets", cols);
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var cells = new List<object?>
            {
                r.Iso3, CommonOptions.Name(r.Iso3), r.Year, r.Spending?.Value, r.Gdp?.Value, r.SharePercent,
            };
            foreach (var g in r.Targets)
            {
                cells.Add(g.GapPoints?.Value);
                cells.Add(g.GapUsd?.Value);
                cells.Add(g.Status switch
                {
                    TargetStatus.AlreadyMet => "met",
                    TargetStatus.ReachedOnTrend => g.YearReached?.ToString(CultureInfo.InvariantCulture),
                    TargetStatus.NotWithinHorizon => "not within 50 years",
                    _ => null,
                });
            }

            cells.Add(r.Trend.SpendingGrowth?.Value * 100);
            cells.Add(r.Trend.ShareGrowth?.Value * 100);
            table.Add(cells.ToArray());
            foreach (var o in new[] { r.Spending, r.Gdp, r.Share })
            {
                if (o is { } obs)
                {
                    sources.Add(obs.Source);
                }
            }
        }

        table.Notes.Add("Gap = target − share (positive: short of the target); in money: gap × GDP. 'Reaches' assumes the 5-year compound growth of the share continues.");
        table.Notes.Add("Series used: " + string.Join("; ", sources));
        table.Sources.Add(PanelBuilder.Citation);
        return table;
    }
}
