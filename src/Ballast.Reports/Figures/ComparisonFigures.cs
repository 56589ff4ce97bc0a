using Ballast.Reports.Networks;

namespace Ballast.Reports.Figures;

/// <summary>Figures that put several scenarios on the same axes (one colour and dash per scenario, the same in every figure).</summary>
public static class ComparisonFigures
{
    private static readonly string?[] Dashes = [null, "7 3", "2 3", "8 3 2 3"];

    /// <summary>Every comparison figure, in report order.</summary>
    public static IReadOnlyList<Figure> All(ComparisonModel c) =>
        [BalanceRatio(c), Crossover(c), AllyGrid(c), Missions(c), Network(c)];

    /// <summary>Colour of the i-th scenario.</summary>
    public static string Colour(int i) => Palette.ForSeries(i);

    /// <summary>Dash pattern of the i-th scenario (so the scenarios differ without colour too).</summary>
    public static string? Dash(int i) => Dashes[i % Dashes.Length];

    /// <summary>The balance ratio of every scenario on one chart.</summary>
    public static Figure BalanceRatio(ComparisonModel c)
    {
        var s = c.Scenarios;
        var spec = new BandChartSpec(
            ReportFigures.AxisLabel(s[0].BalanceRatio),
            s.Select((m, i) => new ChartSeries(m.Scenario.Name, m.BalanceRatio, Colour(i), Dash: Dash(i))).ToList(),
            [new ReferenceLine(1, "parity (1.0)", Palette.Black)]);
        var rows = s.SelectMany(m => m.BalanceRatio.Points.Select(p => (IReadOnlyList<string>)[m.Scenario.Name, p.Year.ToString(CultureInfo.InvariantCulture), Format.Number(p.P5), Format.Number(p.P25), Format.Number(p.P50), Format.Number(p.P75), Format.Number(p.P95)])).ToList();
        return new Figure(
            "compare-balance-ratio",
            "Balance ratio, scenario by scenario",
            "The balance ratio of each scenario on the same axes: median lines with the 25th–75th (and, for up to three scenarios, 5th–95th) percentile bands. The dashed line is parity.",
            900,
            380,
            cv => ChartRenderer.DrawBandChart(cv, 0, 0, cv.Width, cv.Height, spec),
            new DataTable(["Scenario", "Year", "P5", "P25", "P50", "P75", "P95"], rows));
    }

    /// <summary>Crossover-year distributions as grouped bars on one year axis.</summary>
    public static Figure Crossover(ComparisonModel c)
    {
        var s = c.Scenarios;
        int horizon = s.Max(m => m.Scenario.HorizonYear);
        var all = s.Select(m => ReportFigures.CrossoverBars(m.Crossover, s.Min(x => x.Scenario.StartYear) + 1, horizon)).ToList();
        var years = all.SelectMany(a => a.Categories).Where(x => x != "never").Select(int.Parse).DefaultIfEmpty(horizon);
        int first = years.Min();
        var cats = Enumerable.Range(first, horizon - first + 1).Select(y => y.ToString(CultureInfo.InvariantCulture)).Append("never").ToList();
        var series = s.Select((m, i) =>
        {
            var (cs, vs) = all[i];
            var lookup = cs.Zip(vs).ToDictionary(t => t.First, t => t.Second);
            return new BarSeries(m.Scenario.Name, Colour(i), cats.Select(k => lookup.GetValueOrDefault(k)).ToList());
        }).ToList();
        var spec = new BarChartSpec("Share of runs (%)", "Year the balance ratio first falls below parity (or never)", cats, series);
        return new Figure(
            "compare-crossover",
            "Crossover year, scenario by scenario",
            "For each scenario, the share of runs whose balance ratio first falls below parity in each year, and the share that never does (last group).",
            900,
            320,
            cv => ChartRenderer.DrawBarChart(cv, 0, 0, cv.Width, cv.Height, spec),
            new DataTable(
                ["Year", .. s.Select(m => m.Scenario.Name + " (% of runs)")],
                cats.Select((k, j) => (IReadOnlyList<string>)[k, .. series.Select(b => Format.Number(b.Values[j]))]).ToList()));
    }

    /// <summary>Allies (rows) by indicator (columns), every scenario overlaid on shared axes.</summary>
    public static Figure AllyGrid(ComparisonModel c)
    {
        string[] columns = [Indicators.Share, Indicators.Credibility, Indicators.Alignment, Indicators.Duplication, Indicators.NuclearHedging];
        var allies = c.Scenarios.SelectMany(m => m.Allies).Select(a => (a.Iso3, a.Name)).Distinct().ToList();
        const double panelW = 180, panelH = 120, header = 48;
        var ranges = columns.Select(ind =>
        {
            var pts = c.Scenarios.SelectMany(m => m.Allies).Select(a => a.Find(ind)).Where(b => b is not null).SelectMany(b => b!.Points).ToList();
            return pts.Count == 0 ? (0.0, 1.0) : Scale.NiceDomain(Math.Min(0, pts.Min(p => p.P25)), pts.Max(p => p.P75), 3);
        }).ToList();
        var targets = c.Scenarios[0].TargetsPercent;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var m in c.Scenarios)
        {
            foreach (var a in m.Allies)
            {
                foreach (var ind in columns)
                {
                    if (a.Find(ind) is { Points.Count: > 0 } b)
                    {
                        var last = b.Points[^1];
                        rows.Add([m.Scenario.Name, a.Name, b.Label, last.Year.ToString(CultureInfo.InvariantCulture), Format.Number(last.P25), Format.Number(last.P50), Format.Number(last.P75)]);
                    }
                }
            }
        }

        return new Figure(
            "compare-allies",
            "Each ally under each scenario",
            "One row per ally, one column per indicator; every scenario drawn on the same axes (median line and 25th–75th percentile band), so a gap between lines is the scenario's effect on that ally.",
            panelW * columns.Length,
            header + (panelH * allies.Count),
            cv =>
            {
                cv.BeginGroup("small-multiples");
                double lx = 0;
                for (int i = 0; i < c.Scenarios.Count; i++)
                {
                    cv.Line(lx + 4, 10, lx + 28, 10, Style.Line(Colour(i), 2.5, Dash(i)));
                    cv.Text(lx + 32, 14, c.Scenarios[i].Scenario.Name, new TextStyle(11));
                    lx += 50 + (c.Scenarios[i].Scenario.Name.Length * 6.8);
                }

                for (int j = 0; j < columns.Length; j++)
                {
                    var l = c.Scenarios.SelectMany(m => m.Allies).Select(a => a.Find(columns[j])).FirstOrDefault(b => b is not null);
                    cv.Text((j * panelW) + (panelW / 2), 38, l is null ? ReportFigures.ShortLabel(columns[j]) : $"{ReportFigures.ShortLabel(columns[j])} ({l.Unit})", new TextStyle(10.5, Anchor.Middle, Bold: true));
                }

                for (int r = 0; r < allies.Count; r++)
                {
                    for (int j = 0; j < columns.Length; j++)
                    {
                        var series = new List<ChartSeries>();
                        for (int i = 0; i < c.Scenarios.Count; i++)
                        {
                            if (c.Scenarios[i].Allies.FirstOrDefault(a => a.Iso3 == allies[r].Iso3)?.Find(columns[j]) is { } band)
                            {
                                series.Add(new ChartSeries(c.Scenarios[i].Scenario.Name, band with { Points = band.Points.Select(p => p with { P5 = p.P25, P95 = p.P75 }).ToList() }, Colour(i), Dash: Dash(i)));
                            }
                        }

                        var refs = columns[j] == Indicators.Share ? targets.Select(t => new ReferenceLine(t, Format.Number(t) + " %", Palette.Black)).ToList() : [];
                        double hi = Math.Max(ranges[j].Item2, refs.Count > 0 ? refs.Max(x => x.Value) : double.MinValue);
                        ChartRenderer.DrawBandChart(cv, j * panelW, header + (r * panelH), panelW, panelH, new BandChartSpec(series.FirstOrDefault()?.Band.Unit ?? string.Empty, series, refs, ranges[j].Item1, hi, allies[r].Name, false));
                    }
                }

                cv.EndGroup();
            },
            new DataTable(["Scenario", "Ally", "Indicator", "Year", "P25", "P50", "P75"], rows));
    }

    /// <summary>Effectiveness by mission area at the horizon, grouped by scenario.</summary>
    public static Figure Missions(ComparisonModel c)
    {
        var missions = c.Scenarios[0].Missions.Select(x => x.Mission).ToList();
        var series = c.Scenarios.Select((m, i) =>
        {
            var byName = m.Missions.ToDictionary(x => x.Mission);
            BandPoint? P(string k) => byName.TryGetValue(k, out var x) ? x.Horizon : null;
            return new BarSeries(m.Scenario.Name, Colour(i), missions.Select(k => P(k)?.P50 ?? 0).ToList(), missions.Select(k => P(k)?.P5 ?? 0).ToList(), missions.Select(k => P(k)?.P95 ?? 0).ToList());
        }).ToList();
        string unit = c.Scenarios[0].Missions.Count > 0 ? c.Scenarios[0].Missions[0].Unit : "index";
        var spec = new BarChartSpec($"Effectiveness at the horizon ({unit})", "Mission area", missions, series);
        return new Figure(
            "compare-missions",
            "Coalition effectiveness by mission area at the horizon",
            "Median effectiveness per mission area at the horizon for each scenario; whiskers span the 5th–95th percentile of runs.",
            900,
            340,
            cv => ChartRenderer.DrawBarChart(cv, 0, 0, cv.Width, cv.Height, spec),
            new DataTable(
                ["Mission", .. c.Scenarios.Select(m => m.Scenario.Name + " P50 [P5–P95]")],
                missions.Select((k, j) => (IReadOnlyList<string>)[k, .. series.Select(b => $"{Format.Number(b.Values[j])} [{Format.Number(b.Low![j])}–{Format.Number(b.High![j])}]")]).ToList()));
    }

    /// <summary>The alliance network at the horizon under each scenario.</summary>
    public static Figure Network(ComparisonModel c)
    {
        var snaps = c.Scenarios.Where(m => m.Networks.Count > 0)
            .Select(m => m.Networks[^1] with { Label = $"{m.Scenario.Name} ({m.Networks[^1].Year})" }).ToList();
        var (w, h) = NetworkRenderer.Size(snaps.Count);
        return new Figure(
            "compare-network",
            "The alliance network at the horizon, scenario by scenario",
            "The alliance network at the horizon under each scenario, on one layout and one node scale (US in the centre): more ties around the circle means a more networked architecture.",
            w,
            h,
            cv => NetworkRenderer.Draw(cv, snaps),
            new DataTable(["Scenario", "From", "To", "Type", "Strength"], snaps.SelectMany(s => s.Edges.Select(e => (IReadOnlyList<string>)[s.Label, e.A, e.B, e.Kind, Format.Number(e.Strength)])).ToList()));
    }
}
