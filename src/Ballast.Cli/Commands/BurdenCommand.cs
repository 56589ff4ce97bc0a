namespace Ballast.Cli.Commands;

/// <summary><c>ballast burden</c>: each country's spending against GDP targets, its gap and its trend.</summary>
public static class BurdenCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var year = CommonOptions.Year();
        var targets = new Option<double[]>("--target")
        {
            Description = "Target share of GDP in percent; repeat for several (default: 2 and 3.5).",
            AllowMultipleArgumentsPerToken = true,
        };
        var selected = new CountryOptions();
        var data = CommonOptions.Data();
        var output = new OutputOptions();
        return BallastCli.Command(ctx, "burden", "Spending, GDP and share of GDP against targets: gap in points and money, 5-year trend, year each target is reached on trend.",
            ["ballast burden --year 2024 --target 2 3.5", "ballast burden --group nato --format csv", "ballast burden --countries JPN,KOR,AUS --format json"],
            [year, targets, selected.Countries, selected.Group, data, .. output.Symbols], p =>
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
            output.Write(p, ctx, new ResultDocument("burden", Build(rows, y, t)));
            return 0;
        });
    }

    /// <summary>The burden table.</summary>
    public static ResultTable Build(IReadOnlyList<BurdenRow> rows, int year, IReadOnlyList<double> targets)
    {
        var cols = new List<ResultColumn>
        {
            new("country", "Code", RightAlign: false),
            new("name", "Country", RightAlign: false, Priority: 3),
            new("year", "Year", Priority: 4),
            new("milex_usd_bn", "Milex (US$ bn)", "N1", DisplayScale: 1e9),
            new("gdp_usd_bn", "GDP (US$ bn)", "N0", DisplayScale: 1e9, Priority: 2),
            new("share_pct", "Share (%)", "N2"),
        };
        foreach (var target in targets)
        {
            var tl = target.ToString("0.##", CultureInfo.InvariantCulture);
            cols.Add(new($"gap_{tl}_pp", $"Gap to {tl}% (pp)", "N2"));
            cols.Add(new($"gap_{tl}_usd_bn", $"Gap to {tl}% (US$ bn)", "N1", DisplayScale: 1e9, Priority: 1));
            cols.Add(new($"reach_{tl}", $"Reaches {tl}%", Use: ColumnUse.Display));
            cols.Add(new($"reach_{tl}_year", $"Year {tl}% is reached on trend, the year analysed when already met (null: not within 50 years or no data)", Use: ColumnUse.Data));
            cols.Add(new($"reach_{tl}_status", $"Target {tl}%: met, on_trend, not_within_50_years, or null without data", Use: ColumnUse.Data));
        }

        cols.Add(new("milex_growth_5y_pct", "Milex growth (%/yr, 5y)", "N1", Priority: 2));
        cols.Add(new("share_growth_5y_pct", "Share growth (%/yr, 5y)", "N1", Priority: 2));
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
                    TargetStatus.NotWithinHorizon => "not in 50 y",
                    _ => null,
                });
                cells.Add(g.ReachYear);
                cells.Add(g.StatusCode);
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

        table.Notes.Add("Gap = target − share (positive: short of the target); in money: gap × GDP. 'Reaches' assumes the 5-year compound growth of the share continues ('not in 50 y': not within 50 years).");
        table.Notes.Add("Series used: " + string.Join("; ", sources));
        table.Sources.Add(PanelBuilder.Citation);
        return table;
    }
}
