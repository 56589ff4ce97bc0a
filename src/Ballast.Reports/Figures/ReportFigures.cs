using Ballast.Reports.Maps;
using Ballast.Reports.Networks;

namespace Ballast.Reports.Figures;

/// <summary>Builds the report's figures from a <see cref="ReportModel"/> (one function per figure, reusable by the web app).</summary>
public static class ReportFigures
{
    /// <summary>Every figure of a single-scenario report, in report order.</summary>
    public static IReadOnlyList<Figure> All(ReportModel m) =>
    [
        BalanceRatio(m),
        Crossover(m),
        Burden(m),
        SmallMultiples(m),
        Missions(m),
        Map(m),
        Network(m),
    ];

    /// <summary>The balance ratio over time with its bands and the parity line.</summary>
    public static Figure BalanceRatio(ReportModel m)
    {
        var spec = new BandChartSpec(
            AxisLabel(m.BalanceRatio),
            [new ChartSeries(m.Scenario.Name, m.BalanceRatio, Palette.Blue)],
            [new ReferenceLine(1, "parity (1.0)", Palette.Vermillion)],
            Legend: false);
        return new Figure(
            "balance-ratio",
            "Balance of power: coalition against adversaries",
            $"{m.BalanceRatio.Label} by year: the line is the median of {Format.Integer(m.Crossover.Runs)} runs, the dark band the middle half of runs (25th–75th percentile) and the light band 90 % of runs (5th–95th). Below the dashed parity line the adversaries' capability exceeds the coalition's.",
            900,
            360,
            c => ChartRenderer.DrawBandChart(c, 0, 0, c.Width, c.Height, spec),
            BandTable(m.BalanceRatio));
    }

    /// <summary>The crossover-year distribution with the share that never crosses.</summary>
    public static Figure Crossover(ReportModel m)
    {
        var (categories, shares) = CrossoverBars(m.Crossover, m.Scenario.StartYear + 1, m.Scenario.HorizonYear);
        var colours = categories.Select(c => c == "never" ? Palette.BluishGreen : (string?)null).ToList();
        var spec = new BarChartSpec("Share of runs (%)", "Year the balance ratio first falls below parity", categories, [new BarSeries(m.Scenario.Name, Palette.Vermillion, shares)], CategoryColours: colours);
        var h = Headline.Of(m);
        string median = h.MedianCrossoverYear is int y ? $"; among runs that cross, the median crossover year is {y}" : string.Empty;
        return new Figure(
            "crossover",
            "Crossover year",
            $"In how many runs (percent of {Format.Integer(m.Crossover.Runs)}) the balance ratio first falls below parity in each year; the green bar is the share that never crosses by {m.Scenario.HorizonYear} ({Format.Percent(m.Crossover.NeverShare)}){median}.",
            900,
            300,
            c => ChartRenderer.DrawBarChart(c, 0, 0, c.Width, c.Height, spec),
            new DataTable(
                ["Year", "Runs", "Share of runs (%)"],
                categories.Select((cat, i) => (IReadOnlyList<string>)[cat, Format.Integer(CountFor(m.Crossover, cat)), Format.Number(shares[i])]).ToList()));
    }

    /// <summary>Allies' military spending as a share of GDP against the targets.</summary>
    public static Figure Burden(ReportModel m)
    {
        // Observed years before the start (from the embedded data) lead into each ally's simulated median: a band of zero width.
        var history = (m.ShareHistory ?? []).ToDictionary(h => h.Iso3, StringComparer.Ordinal);
        var series = m.Allies.Select((a, i) => (a, band: a.Find(Indicators.Share), i)).Where(t => t.band is not null)
            .Select(t =>
            {
                var observed = history.TryGetValue(t.a.Iso3, out var h)
                    ? h.Points.Where(p => p.Year < t.band!.Points[0].Year).Select(p => new BandPoint(p.Year, p.Value, p.Value, p.Value, p.Value, p.Value)).ToList()
                    : [];
                return new ChartSeries(t.a.Name, t.band! with { Points = [.. observed, .. t.band!.Points] }, Palette.ForSeries(t.i), Dash: t.i >= Palette.Series.Count ? "6 3" : null);
            }).ToList();
        var targets = m.TargetsPercent.Select(t => new ReferenceLine(t, $"{Format.Number(t)} % target", Palette.Black)).ToList();
        bool hasHistory = history.Values.Any(h => h.Points.Count > 0);
        var spec = new BandChartSpec("Military spending (% of GDP)", series, targets, Marker: hasHistory ? new YearMarker(m.Scenario.StartYear, "data | simulated") : null);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var s in series)
        {
            rows.AddRange(s.Band.Points.Select(p => (IReadOnlyList<string>)[s.Name, p.Year.ToString(CultureInfo.InvariantCulture), p.Year < m.Scenario.StartYear ? "observed" : "simulated", Format.Number(p.P5), Format.Number(p.P25), Format.Number(p.P50), Format.Number(p.P75), Format.Number(p.P95)]));
        }

        string observedText = hasHistory
            ? $" Years before {m.Scenario.StartYear} are observed (SIPRI share of GDP from the embedded data), the simulation starts from the {m.Scenario.StartYear} data at the dotted line."
            : string.Empty;
        return new Figure(
            "burden",
            "Allies' burden against the targets",
            $"Each ally's military spending as a share of GDP (median line; {(series.Count > 3 ? "band: 25th–75th percentile of runs, the 5th–95th is in the small multiples below" : "bands: 25th–75th and 5th–95th percentile of runs")}) against the targets of {string.Join(" and ", m.TargetsPercent.Select(t => Format.Number(t) + " %"))} of GDP (dashed).{observedText}",
            900,
            420,
            c => ChartRenderer.DrawBandChart(c, 0, 0, c.Width, c.Height, spec),
            new DataTable(["Ally", "Year", "Kind", "P5", "P25", "P50", "P75", "P95"], rows));
    }

    /// <summary>Small multiples: one row per ally, one column per indicator, shared y-axis per column.</summary>
    public static Figure SmallMultiples(ReportModel m)
    {
        const double panelW = 165, panelH = 118, header = 30;
        var columns = Indicators.SmallMultiples;
        var labels = columns.Select(ind => m.Allies.Select(a => a.Find(ind)).FirstOrDefault(b => b is not null)).ToList();
        var ranges = columns.Select(ind =>
        {
            var pts = m.Allies.Select(a => a.Find(ind)).Where(b => b is not null).SelectMany(b => b!.Points).ToList();
            return pts.Count == 0 ? (0.0, 1.0) : Scale.NiceDomain(Math.Min(0, pts.Min(p => p.P5)), pts.Max(p => p.P95), 3);
        }).ToList();
        double width = panelW * columns.Count, height = header + (panelH * Math.Max(1, m.Allies.Count));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var a in m.Allies)
        {
            foreach (var s in a.Series.Where(s => columns.Contains(s.Indicator)))
            {
                rows.AddRange(s.Points.Select(p => (IReadOnlyList<string>)[a.Name, s.Label, s.Unit, p.Year.ToString(CultureInfo.InvariantCulture), Format.Number(p.P5), Format.Number(p.P50), Format.Number(p.P95)]));
            }
        }

        return new Figure(
            "small-multiples",
            "Each ally: spending, share, credibility, alignment, duplication, nuclear hedging",
            "One row per ally and one column per indicator, with the same vertical scale down each column so allies compare directly. Median line with 25th–75th and 5th–95th percentile bands. Credibility is the ally's belief that the US will defend it; duplication is the overlap of its mix with the US mix; nuclear hedging is the propensity to seek an independent deterrent.",
            width,
            height,
            c =>
            {
                c.BeginGroup("small-multiples");
                for (int j = 0; j < columns.Count; j++)
                {
                    var l = labels[j];
                    string head = ShortLabel(columns[j]);
                    c.Text((j * panelW) + (panelW / 2), 13, head, new TextStyle(11, Anchor.Middle, Bold: true));
                    c.Text((j * panelW) + (panelW / 2), 26, l is null ? string.Empty : $"({l.Unit})", new TextStyle(9.5, Anchor.Middle, "#555555"));
                }

                for (int i = 0; i < m.Allies.Count; i++)
                {
                    var a = m.Allies[i];
                    for (int j = 0; j < columns.Count; j++)
                    {
                        var band = a.Find(columns[j]);
                        var spec = new BandChartSpec(
                            band?.Unit ?? string.Empty,
                            band is null ? [] : [new ChartSeries(a.Name, band, Palette.ForSeries(i))],
                            columns[j] == Indicators.Share ? m.TargetsPercent.Select(t => new ReferenceLine(t, Format.Number(t) + " %", Palette.Black)).ToList() : [],
                            ranges[j].Item1,
                            Math.Max(ranges[j].Item2, columns[j] == Indicators.Share && m.TargetsPercent.Count > 0 ? m.TargetsPercent.Max() : double.MinValue),
                            Title: a.Name,
                            Legend: false);
                        ChartRenderer.DrawBandChart(c, j * panelW, header + (i * panelH), panelW, panelH, spec);
                    }
                }

                c.EndGroup();
            },
            new DataTable(["Ally", "Indicator", "Unit", "Year", "P5", "P50", "P95"], rows));
    }

    /// <summary>Coalition effectiveness per mission area at the start and the horizon.</summary>
    public static Figure Missions(ReportModel m)
    {
        var cats = m.Missions.Select(x => x.Mission).ToList();
        string unit = m.Missions.Count > 0 ? m.Missions[0].Unit : "index";
        var spec = new BarChartSpec(
            $"Effectiveness ({unit})",
            "Mission area",
            cats,
            [
                new BarSeries($"{m.Scenario.StartYear} (start)", Palette.SkyBlue, m.Missions.Select(x => x.Start.P50).ToList(), m.Missions.Select(x => x.Start.P5).ToList(), m.Missions.Select(x => x.Start.P95).ToList()),
                new BarSeries($"{m.Scenario.HorizonYear} (horizon)", Palette.Blue, m.Missions.Select(x => x.Horizon.P50).ToList(), m.Missions.Select(x => x.Horizon.P5).ToList(), m.Missions.Select(x => x.Horizon.P95).ToList()),
            ]);
        return new Figure(
            "missions",
            "Coalition effectiveness by mission area",
            "Coalition effectiveness in each of the seven mission areas at the start and at the horizon: bars are medians, whiskers the 5th–95th percentile of runs. Effectiveness combines allies' capability with low substitution between members, interoperability and the loss of strength with distance.",
            900,
            340,
            c => ChartRenderer.DrawBarChart(c, 0, 0, c.Width, c.Height, spec),
            new DataTable(
                ["Mission", "Unit", "Start P5", "Start P50", "Start P95", "Horizon P5", "Horizon P50", "Horizon P95"],
                m.Missions.Select(x => (IReadOnlyList<string>)[x.Mission, x.Unit, Format.Number(x.Start.P5), Format.Number(x.Start.P50), Format.Number(x.Start.P95), Format.Number(x.Horizon.P5), Format.Number(x.Horizon.P50), Format.Number(x.Horizon.P95)]).ToList()));
    }

    /// <summary>The map with roles, alignment, US posture, range rings and exposed capitals.</summary>
    public static Figure Map(ReportModel m)
    {
        var (w, h) = MapRenderer.Size(m.Map.View);
        var exposure = Geo.ExposureAnalysis.Assess(m.Map);
        int exposedCapitals = exposure.Count(e => e.Kind == "capital" && e.Exposed);
        int exposedSites = exposure.Count(e => e.Kind != "capital" && e.Exposed);
        return new Figure(
            "map",
            "The theatre: roles, US posture and missile ranges",
            $"Countries coloured by role (allies and partners paler where alignment with the US at the horizon is lower); US bases (squares) and troops (orange circles); great-circle range rings of {m.Map.Rings.Count(r => !r.Adversary)} coalition deployments (blue, dashed) and {m.Map.Rings.Count(r => r.Adversary)} adversary systems (vermillion). {exposedCapitals} of {m.Map.Capitals.Count} capitals and {exposedSites} of {exposure.Count(e => e.Kind != "capital")} coalition deployment sites lie within adversary range (the capitals of the coalition and of third countries; the adversaries' own are not counted). US bases are those of Vine's list in hosts where the US still had troops in the {m.Scenario.StartYear} data. {Geo.WorldAtlas.Citation}",
            w,
            h,
            c => MapRenderer.Draw(c, m.Map),
            new DataTable(
                ["Place", "Country", "Kind", "Exposed", "Nearest adversary system", "Distance (km)", "Range (km)", "In range of"],
                exposure.Select(e => (IReadOnlyList<string>)[e.Place, e.Country, e.Kind, e.Exposed ? "yes" : "no", e.NearestSystem ?? "—", Format.Integer((long)Math.Round(e.DistanceKm)), Format.Integer((long)Math.Round(e.RangeKm)), string.Join("; ", e.InRangeOf)]).ToList()));
    }

    /// <summary>The alliance network at the start and the horizon.</summary>
    public static Figure Network(ReportModel m)
    {
        var (w, h) = NetworkRenderer.Size(m.Networks.Count);
        return new Figure(
            "network",
            "The alliance network in the model: start and horizon",
            "The model's alliance ties at the start and at the horizon. The US sits in the centre: ties that all run to the centre are hub-and-spokes; ties between allies around the circle are a networked architecture. Nodes are sized by military spending (area), edges by strength, coloured and dashed by type. These are the ties the simulation uses: a spoke from the US to every ally with a treaty or a partnership (its strength the ally's median belief in the US commitment that year) and the ally-to-ally links of the scenario (strength above zero). `ballast network --year Y` and the dashboard's network page count another set, the ties in the data: ATOP defence pacts and minilateral groupings among all the default countries (the adversaries' pacts too, partnerships not), so their tie counts and US share differ from these.",
            w,
            h,
            c => NetworkRenderer.Draw(c, m.Networks),
            new DataTable(
                ["Snapshot", "Year", "From", "To", "Type", "Strength"],
                m.Networks.SelectMany(s => s.Edges.Select(e => (IReadOnlyList<string>)[s.Label, s.Year.ToString(CultureInfo.InvariantCulture), e.A, e.B, e.Kind, Format.Number(e.Strength)])).ToList()));
    }

    /// <summary>A column header short enough for a 165-pixel panel.</summary>
    public static string ShortLabel(string indicator) => indicator switch
    {
        Indicators.Spending => "Military spending",
        Indicators.Share => "Share of GDP",
        Indicators.Credibility => "Credibility",
        Indicators.Alignment => "Alignment",
        Indicators.Duplication => "Duplication",
        Indicators.NuclearHedging => "Nuclear hedging",
        _ => indicator,
    };

    /// <summary>A band series as a table (year and percentiles).</summary>
    public static DataTable BandTable(BandSeries b) =>
        new(["Year", "P5", "P25", "P50", "P75", "P95"], b.Points.Select(p => (IReadOnlyList<string>)[p.Year.ToString(CultureInfo.InvariantCulture), Format.Number(p.P5), Format.Number(p.P25), Format.Number(p.P50), Format.Number(p.P75), Format.Number(p.P95)]).ToList());

    /// <summary>Axis label "Label (unit)".</summary>
    public static string AxisLabel(BandSeries b) => string.IsNullOrEmpty(b.Unit) ? b.Label : $"{b.Label} ({b.Unit})";

    /// <summary>Crossover bars: every simulated year (from <paramref name="firstYear"/>, or earlier if a run crosses earlier) to the horizon, then "never"; values in percent of runs.</summary>
    public static (List<string> Categories, List<double> SharesPercent) CrossoverBars(CrossoverDistribution d, int firstYear, int horizon)
    {
        var cats = new List<string>();
        var shares = new List<double>();
        int first = Math.Min(firstYear, d.CountsByYear.Count == 0 ? firstYear : d.CountsByYear.Min(c => c.Year));
        int last = Math.Max(horizon, d.CountsByYear.Count == 0 ? horizon : d.CountsByYear.Max(c => c.Year));
        for (int y = first; y <= last; y++)
        {
            cats.Add(y.ToString(CultureInfo.InvariantCulture));
            shares.Add(d.Runs == 0 ? 0 : 100.0 * d.CountsByYear.Where(c => c.Year == y).Sum(c => c.Count) / d.Runs);
        }

        cats.Add("never");
        shares.Add(100 * d.NeverShare);
        return (cats, shares);
    }

    private static long CountFor(CrossoverDistribution d, string category) =>
        category == "never" ? d.NeverCrossed : d.CountsByYear.Where(c => c.Year.ToString(CultureInfo.InvariantCulture) == category).Sum(c => (long)c.Count);
}
