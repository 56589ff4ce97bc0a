using System.Globalization;
using Ballast.Engine.Ensembles;
using Ballast.Reports.Charts;
using Ballast.Reports.Figures;
using Ballast.Reports.Model;
using Ballast.Runs;
using Ballast.Web.Api;

namespace Ballast.Web.Jobs;

/// <summary>
/// Report charts built from a results folder's percentiles and KPIs alone (balance ratio, crossover, burden,
/// credibility), with the report's own chart renderer and captions in its style. Used when a results folder has no saved
/// report data (<c>report-data.json</c>); the full report figures are used otherwise.
/// </summary>
public static class ResultFigures
{
    /// <summary>The charts for one scenario's saved run.</summary>
    public static IReadOnlyList<Figure> FromPercentiles(SavedRun run, string name)
    {
        var r = run.Result;
        var k = r.Kpis;
        var list = new List<Figure>();
        if (Band(r, "balance", "balance", "Balance ratio", "coalition ÷ adversaries", 1) is { } balance)
        {
            var spec = new BandChartSpec(ReportFigures.AxisLabel(balance), [new ChartSeries(name, balance, Palette.Blue)], [new ReferenceLine(1, "parity (1.0)", Palette.Vermillion)], Legend: false);
            list.Add(new Figure(
                "balance-ratio",
                "Balance of power: coalition against adversaries",
                $"Balance ratio by year: median of {k.Runs.ToString(CultureInfo.InvariantCulture)} runs, dark band the middle half of runs (25th–75th percentile), light band 90 % (5th–95th). Below the dashed parity line the adversaries' capability exceeds the coalition's.",
                900,
                360,
                c => ChartRenderer.DrawBandChart(c, 0, 0, c.Width, c.Height, spec),
                ReportFigures.BandTable(balance)));
        }

        var horizon = r.Years[^1];
        var crossover = new CrossoverDistribution((int)k.Runs, k.CrossoverYearCounts.Select(kv => new YearCount(kv.Key, (int)kv.Value)).ToList(), (int)Math.Round(k.ShareNeverCrossing * k.Runs));
        var (cats, shares) = ReportFigures.CrossoverBars(crossover, r.Years[0], horizon);
        var bars = new BarChartSpec("Share of runs (%)", "Year the balance ratio first falls below parity", cats, [new BarSeries(name, Palette.Vermillion, shares)], CategoryColours: cats.Select(c => c == "never" ? Palette.BluishGreen : (string?)null).ToList());
        list.Add(new Figure(
            "crossover",
            "Crossover year",
            $"Share of runs in which the balance ratio first falls below parity in each year; the green bar is the share that never crosses by {horizon} ({(k.ShareNeverCrossing * 100).ToString("0.#", CultureInfo.InvariantCulture)} %).",
            900,
            300,
            c => ChartRenderer.DrawBarChart(c, 0, 0, c.Width, c.Height, bars),
            new DataTable(["Year", "Share of runs (%)"], cats.Select((cat, i) => (IReadOnlyList<string>)[cat, shares[i].ToString("0.##", CultureInfo.InvariantCulture)]).ToList())));

        list.Add(AllyChart(r, "burden", "Allies' burden against the targets", "share", "Military spending", "% of GDP", 100, k.Targets.Select(t => new ReferenceLine(t, $"{t.ToString("0.##", CultureInfo.InvariantCulture)} % target", Palette.Black)).ToList(),
            "Each ally's military spending as a share of GDP (median line; bands 25th–75th and 5th–95th percentile of runs) against the scenario's targets (dashed)."));
        list.Add(AllyChart(r, "credibility", "Allies' belief in the US commitment", "credibility", "Credibility", "0–1", 1, [],
            "Each ally's belief that the US will defend it (median and bands over runs). Pressure and disengagement lower it; reassurance and sunk posture raise it."));
        return list;
    }

    private static Figure AllyChart(EnsembleResult r, string id, string title, string indicator, string label, string unit, double scale, IReadOnlyList<ReferenceLine> refs, string caption)
    {
        var series = new List<ChartSeries>();
        var rows = new List<IReadOnlyList<string>>();
        var i = 0;
        foreach (var a in r.Kpis.Allies)
        {
            if (Band(r, $"{indicator}.{a.Code}", indicator, label, unit, scale) is not { } b)
            {
                continue;
            }

            series.Add(new ChartSeries(DataQueries.Name(a.Code), b, Palette.ForSeries(i), Dash: i >= Palette.Series.Count ? "6 3" : null));
            rows.AddRange(b.Points.Select(p => (IReadOnlyList<string>)[a.Code, p.Year.ToString(CultureInfo.InvariantCulture), F(p.P5), F(p.P25), F(p.P50), F(p.P75), F(p.P95)]));
            i++;
        }

        var spec = new BandChartSpec($"{label} ({unit})", series, refs);
        return new Figure(id, title, caption, 900, 420, c => ChartRenderer.DrawBandChart(c, 0, 0, c.Width, c.Height, spec), new DataTable(["Ally", "Year", "P5", "P25", "P50", "P75", "P95"], rows));
    }

    private static BandSeries? Band(EnsembleResult r, string name, string indicator, string label, string unit, double scale)
    {
        if (!r.Indicators.Contains(name))
        {
            return null;
        }

        var points = r.Years.Select(y => r.Get(name, y)).Where(p => double.IsFinite(p.P50))
            .Select(p => new BandPoint(p.Year, p.P5 * scale, p.P25 * scale, p.P50 * scale, p.P75 * scale, p.P95 * scale)).ToList();
        return points.Count == 0 ? null : new BandSeries(indicator, label, unit, points);
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
