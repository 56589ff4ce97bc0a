using Ballast.Reports.Charts;
using Ballast.Reports.Figures;
using Ballast.Reports.Model;

namespace Ballast.Cli.Output;

/// <summary>
/// Builds the HTML reports of <c>optimize</c>, <c>sensitivity</c>, <c>discover</c> and <c>robust</c> (<c>--out DIR</c>) from
/// the very tables the commands print, so every number in a report is one the command's CSV carries.
/// </summary>
internal static class AnalysisReports
{
    private const string Method = "Sobol indices: Saltelli et al. (2010) first order, Jansen (1999) total order, bootstrap intervals; Morris (1991) elementary effects with μ* (Campolongo et al. 2007).";

    /// <summary>A printed table as a report table: the same headers and the same formatted cells, with its notes.</summary>
    public static AnalysisTable Table(string id, ResultTable t) =>
        new(id, t.Title, Data(t), [.. t.Notes]);

    /// <summary>A printed table's cells as text, formatted as the terminal shows them.</summary>
    public static DataTable Data(ResultTable t)
    {
        var cols = t.DisplayColumns.ToList();
        return new([.. cols.Select(c => t.Columns[c].Header)], [.. t.Rows.Select(r => (IReadOnlyList<string>)[.. cols.Select(c => ResultTable.FormatCell(r[c], t.Columns[c]))])]);
    }

    /// <summary>
    /// The optimiser's report. <paramref name="tables"/> are the command's tables in order (dividend, allocation, coverage,
    /// countries, programmes, assumptions); investment and capability cells are in US$ m (shown in bn).
    /// </summary>
    public static AnalysisPage Optimisation(string meta, IReadOnlyList<string> countries, IReadOnlyList<string> missions, IReadOnlyList<string> theatres, IReadOnlyList<ResultTable> tables)
    {
        var (dividend, alloc, cover, budgets, progs, assumptions) = (tables[0], tables[1], tables[2], tables[3], tables[4], tables[5]);
        double Cell(object?[] row, int i) => row[i] is double d ? d : 0;
        var stacks = missions.Select((m, k) => (m, k)).ToList();

        // Investment by country and mission (sum over theatres), countries that invest anything, in the problem's order.
        var byCountry = countries.Where(c => alloc.Rows.Any(r => (string)r[0]! == c)).ToList();
        double Sum(Func<object?[], bool> where) => alloc.Rows.Where(where).Sum(r => Cell(r, 3)) / 1000;
        var countrySeries = stacks.Select(s => new BarSeries(s.m, Palette.ForSeries(s.k), [.. byCountry.Select(c => Sum(r => (string)r[0]! == c && (string)r[1]! == s.m))])).ToList();
        var theatreSeries = stacks.Select(s => new BarSeries(s.m, Palette.ForSeries(s.k), [.. theatres.Select(t => Sum(r => (string)r[2]! == t && (string)r[1]! == s.m))])).ToList();
        var countryRows = byCountry.SelectMany(c => stacks.Select(s => (c, s.m, v: Sum(r => (string)r[0]! == c && (string)r[1]! == s.m)))).Where(q => q.v > 0)
            .Select(q => (IReadOnlyList<string>)[q.c, q.m, N2(q.v)]).ToList();
        var theatreRows = theatres.SelectMany(t => stacks.Select(s => (t, s.m, v: Sum(r => (string)r[2]! == t && (string)r[1]! == s.m)))).Where(q => q.v > 0)
            .Select(q => (IReadOnlyList<string>)[q.t, q.m, N2(q.v)]).ToList();
        var allocCountry = new Figure("allocation-country", "Federated allocation by country and mission area",
            "Each ally's and partner's investment in the federated solution, stacked by mission area (US$ bn a year, summed over theatres). " + meta + " Spending and GDP: SIPRI Military Expenditure Database and World Bank WDI (see Sources).",
            900, 380, c => AnalysisCharts.DrawStackedBars(c, 0, 0, 900, 380, new StackedBarSpec("Investment (US$ bn a year)", "Country", byCountry, countrySeries)),
            new DataTable(["Country", "Mission area", "Investment (US$ bn)"], countryRows));
        var allocTheatre = new Figure("allocation-theatre", "Federated allocation by theatre and mission area",
            "The same investment summed over countries, by theatre where the capability is meant to count (US$ bn a year).",
            900, 360, c => AnalysisCharts.DrawStackedBars(c, 0, 0, 900, 360, new StackedBarSpec("Investment (US$ bn a year)", "Theatre", theatres, theatreSeries)),
            new DataTable(["Theatre", "Mission area", "Investment (US$ bn)"], theatreRows));

        // Gap heat-map: coverage rows are mission × theatre in problem order.
        var rowOf = cover.Rows.ToDictionary(r => ((string)r[0]!, (string)r[1]!));
        IReadOnlyList<IReadOnlyList<double>> Grid(int col) => [.. missions.Select(m => (IReadOnlyList<double>)[.. theatres.Select(t => rowOf.TryGetValue((m, t), out var r) ? Cell(r, col) / 1000 : double.NaN)])];
        var heat = new Figure("gap-heat-map", "Unmet requirement by mission area and theatre",
            "Gap left in each mission area and theatre (requirement minus capability, bn US$-equivalent capability units a year) after the federated solution, left, and when each country covers its own needs alone (autonomous), right; same colour scale. Requirements follow the adversary's capability in the theatre (data/adversary_mission_mix.csv).",
            900, 360, c => AnalysisCharts.DrawHeatMap(c, 0, 0, 900, 360, new HeatMapSpec(missions, theatres, [new HeatPanel("Federated", Grid(5)), new HeatPanel("Autonomous", Grid(8))], "unmet requirement (bn units)", Palette.Vermillion)),
            new DataTable(["Mission area", "Theatre", "Requirement", "Federated gap", "Autonomous gap", "Federated duplication", "Autonomous duplication"],
                [.. cover.Rows.Select(r => (IReadOnlyList<string>)[(string)r[0]!, (string)r[1]!, N2(Cell(r, 3) / 1000), N2(Cell(r, 5) / 1000), N2(Cell(r, 8) / 1000), N2(Cell(r, 6) / 1000), N2(Cell(r, 9) / 1000)])]));

        return new AnalysisPage("Ballast roles and missions: federated vs autonomous", meta,
        [
            new("dividend", "The federated dividend", ["Deciding roles together (federated) against each country covering its own needs alone (autonomous): the money saved for the same coverage is the federated dividend."], [], [Table("dividend", dividend)]),
            new("allocation", "Who does what, where", [], [allocCountry, allocTheatre], [Table("allocation", alloc), Table("countries", budgets)]),
            new("gaps", "Gaps", [], [heat], []),
            new("programmes", "Co-development programmes", [], [], [Table("programmes", progs)]),
            new("assumptions", "Assumptions", ["Every parameter of the registry the optimiser used, with its value and source; the theatres' reference points and how requirements were derived are in the notes."], [], [Table("assumptions", assumptions)]),
        ],
        [.. tables.SelectMany(t => t.Sources)]);
    }

    /// <summary>The sensitivity report: a Sobol table (S1, ST with half-widths) or a Morris table (μ*, ±, μ, σ).</summary>
    public static AnalysisPage Sensitivity(string meta, ResultTable t, bool sobol)
    {
        double Cell(object?[] r, int i) => r[i] is double d ? d : double.NaN;
        var names = t.Rows.Select(r => (string)r[0]!).ToList();
        Figure figure;
        if (sobol)
        {
            var first = new BarSeries("First order S1", Palette.Blue, [.. t.Rows.Select(r => Cell(r, 1))], [.. t.Rows.Select(r => Cell(r, 1) - Cell(r, 2))], [.. t.Rows.Select(r => Cell(r, 1) + Cell(r, 2))]);
            var total = new BarSeries("Total order ST", Palette.Orange, [.. t.Rows.Select(r => Cell(r, 3))], [.. t.Rows.Select(r => Cell(r, 3) - Cell(r, 4))], [.. t.Rows.Select(r => Cell(r, 3) + Cell(r, 4))]);
            figure = new Figure("sobol-indices", "Sobol indices with confidence intervals",
                "Share of the outcome's variance due to each parameter alone (first order) and with all its interactions (total order), parameters by decreasing total order; whiskers are the bootstrap confidence intervals. Estimates slightly below zero are sampling noise around zero.",
                900, 420, c => ChartRenderer.DrawBarChart(c, 0, 0, 900, 420, new BarChartSpec("Sensitivity index (share of variance)", "Parameter", names, [first, total], SlantLabels: true)),
                Data(t));
        }
        else
        {
            var points = t.Rows.Select((r, i) => new ScatterPoint(Cell(r, 1), Cell(r, 4), (string)r[0]!, Palette.ForSeries(i), false, Cell(r, 1) - Cell(r, 2), Cell(r, 1) + Cell(r, 2))).ToList();
            figure = new Figure("morris", "Morris screening: μ* against σ",
                "Each parameter's mean absolute elementary effect μ* (influence; horizontal lines: confidence interval) against the standard deviation σ of its effects (non-linearity or interactions), in outcome units per move across the parameter's whole distribution.",
                760, 420, c => AnalysisCharts.DrawScatter(c, 0, 0, 760, 420, new ScatterSpec("μ* (outcome units)", "σ (outcome units)", points)),
                Data(t));
        }

        return new AnalysisPage("Ballast sensitivity analysis", meta,
            [new("indices", sobol ? "Variance-based sensitivity (Sobol)" : "Elementary effects (Morris)", [], [figure], [Table("sensitivity", t)])],
            [.. t.Sources, Method]);
    }

    /// <summary>The scenario-discovery report: the peeling trajectory and the chosen box's restrictions.</summary>
    public static AnalysisPage Discovery(string meta, ResultTable trajectory, ResultTable box, int chosen)
    {
        var points = trajectory.Rows.Select(r => new ScatterPoint((double)r[1]!, (double)r[2]!, "box " + ((int)r[0]!).ToString(CultureInfo.InvariantCulture), (int)r[0]! == chosen ? Palette.Vermillion : Palette.Blue, (int)r[0]! == chosen)).ToList();
        var figure = new Figure("peeling-trajectory", "PRIM peeling trajectory: coverage against density",
            $"Each box on the trajectory, from all runs (coverage 1, density = the share of runs meeting the condition) to the smallest box; coverage is the share of the runs meeting the condition that fall in the box, density the share of the box's runs that meet it (both 0–1). The highlighted point is box {chosen.ToString(CultureInfo.InvariantCulture)}, shown below.",
            760, 420, c => AnalysisCharts.DrawScatter(c, 0, 0, 760, 420, new ScatterSpec("Coverage (share of cases in the box)", "Density (share of the box that are cases)", points, Connect: true, LabelAll: false, XMin: 0, XMax: 1, YMin: 0, YMax: 1)),
            Data(trajectory));
        return new AnalysisPage("Ballast scenario discovery (PRIM)", meta,
        [
            new("trajectory", "Peeling trajectory", [], [figure], []),
            new("box", "The chosen box", ["Restricted dimensions of the box, with a quasi-p-value per restriction (below 0.05, the restriction matters)."], [], [Table("box", box)]),
        ],
        [.. trajectory.Sources, .. box.Sources, "PRIM: Friedman and Fisher (1999), Bump hunting in high-dimensional data, Statistics and Computing 9; quasi-p-values as in the EMA Workbench (Kwakkel 2017)."]);
    }

    /// <summary>The robust-comparison report: the regret table and each policy's regret distribution over the futures.</summary>
    public static AnalysisPage Robust(string meta, ResultTable t, IReadOnlyList<string> policies, IReadOnlyList<double[]> regret)
    {
        var boxes = policies.Select((p, i) =>
        {
            var r = regret[i].Where(v => !double.IsNaN(v)).Order().ToArray();
            return new BoxSummary(p, Palette.ForSeries(i), r.Length == 0 ? double.NaN : r[0], Quantiles.Type7(r, 0.25), Quantiles.Type7(r, 0.5), Quantiles.Type7(r, 0.75), Quantiles.Type7(r, 0.9), r.Length == 0 ? double.NaN : r[^1], r.Length == 0 ? double.NaN : r.Average());
        }).ToList();
        var figure = new Figure("regret", "Regret of each policy over the sampled futures",
            "Distribution over the futures of each policy's regret: how far its outcome falls short of the best policy's in the same future (outcome units; 0 = best). Robust policies have low maximum and 90th-percentile regret.",
            Math.Max(560, 150 * policies.Count), 400, c => AnalysisCharts.DrawBoxPlot(c, 0, 0, Math.Max(560, 150 * policies.Count), 400, new BoxPlotSpec("Regret (outcome units)", "Policy", boxes)),
            new DataTable(["Policy", "Min", "P25", "Median", "P75", "P90", "Max", "Mean"], [.. boxes.Select(b => (IReadOnlyList<string>)[b.Name, N3(b.Min), N3(b.P25), N3(b.Median), N3(b.P75), N3(b.P90), N3(b.Max), N3(b.Mean)])]));
        return new AnalysisPage("Ballast robust policy comparison", meta,
            [new("regret", "Regret", [], [figure], [Table("regret", t)])],
            [.. t.Sources, "Regret: Savage (1951); Robust Decision Making: Lempert, Popper and Bankes (2003), Shaping the Next One Hundred Years, RAND MR-1626."]);
    }

    /// <summary>The policy-search report: the Pareto set as parallel coordinates (levers, then objectives) and as a table.</summary>
    public static AnalysisPage Search(string meta, ResultTable t, IReadOnlyList<ParallelAxis> axes, IReadOnlyList<double[]> rows)
    {
        double width = Math.Max(640, 130 * axes.Count);
        var labels = rows.Select((_, i) => $"policy {i + 1}").ToList();
        var figure = new Figure("pareto", "Trade-offs of the Pareto set",
            "Each line is one policy of the ε-nondominated set: its lever values on the left axes, its objectives (over the search's futures) on the right; the better end of every objective is at the top, so lines that cross between two objectives show a trade-off between them.",
            width, 420, c => AnalysisCharts.DrawParallelCoordinates(c, 0, 0, width, 420, new ParallelSpec(axes, rows, labels)),
            new DataTable(["Policy", .. axes.Select(a => a.Label)], [.. rows.Select((r, i) => (IReadOnlyList<string>)[labels[i], .. r.Select(N3)])]));
        return new AnalysisPage("Ballast policy search", meta,
            [new("pareto", "Pareto set", [], [figure], [Table("pareto", t)])],
            [.. t.Sources, "NSGA-II: Deb, Pratap, Agarwal and Meyarivan (2002), IEEE Trans. Evol. Comput. 6(2); ε-dominance: Laumanns, Thiele, Deb and Zitzler (2002), Evol. Comput. 10(3); parallel coordinates: Inselberg (1985), The Visual Computer 1."]);
    }

    /// <summary>
    /// The validation report: the metrics table, then per region a grid of small multiples, one per country, with the
    /// realised burden and every origin's forecast fan (median and 90 % interval), in % of GDP.
    /// </summary>
    public static AnalysisPage Validation(string meta, ResultTable t, ValidationResult r, ResultTable? episodes = null)
    {
        var sections = new List<AnalysisSection>
        {
            new("metrics", "Forecast errors by region and horizon", [
                "Mean absolute error of the burden (percentage points of GDP) of the model, its combination with constant share and three naive forecasts, pooled over countries and origins; coverage is the share of realised burdens inside the 90 % interval. Targets of issue 13: a 5-year MAE at least 10 % below the best naive forecast in each region, and 90 % coverage between 85 and 95 %.",
            ], [], [Table("metrics", t)]),
        };
        foreach (var region in r.Forecasts.Select(f => f.Region).Distinct().Order(StringComparer.Ordinal))
        {
            var countries = r.Forecasts.Where(f => f.Region == region).Select(f => f.Forecast.Iso3).Distinct().Order(StringComparer.Ordinal).ToList();
            const int Columns = 4;
            const double PanelWidth = 240, PanelHeight = 170;
            int rows = (countries.Count + Columns - 1) / Columns;
            double width = Columns * PanelWidth, height = rows * PanelHeight;
            var figure = new Figure("fans-" + region.ToLowerInvariant(), $"{region}: forecast fans against the realised burden",
                "Each panel is one country: the realised burden (black) and, from every origin, the model's median forecast with its 90 % interval (shaded; colours alternate by origin). % of GDP. Spending: SIPRI with its World Bank back-cast; GDP: World Bank WDI.",
                width, height, c =>
                {
                    for (int k = 0; k < countries.Count; k++)
                    {
                        var own = r.Forecasts.Where(f => f.Forecast.Iso3 == countries[k]).ToList();
                        var series = new List<ChartSeries>();
                        foreach (var (origin, i) in own.Select(f => f.Origin).Distinct().Order().Select((o, i) => (o, i)))
                        {
                            var pts = own.Where(f => f.Origin == origin).OrderBy(f => f.Forecast.Year)
                                .Select(f => new BandPoint(f.Forecast.Year, 100 * f.Forecast.Low, 100 * f.Forecast.Low, 100 * f.Forecast.Model, 100 * f.Forecast.High, 100 * f.Forecast.High)).ToList();
                            series.Add(new ChartSeries(origin.ToString(CultureInfo.InvariantCulture), new BandSeries("share_gdp", "forecast", "%", pts), i % 2 == 0 ? Palette.Blue : Palette.Vermillion));
                        }

                        var actual = own.GroupBy(f => f.Forecast.Year).OrderBy(g => g.Key).Select(g => 100 * g.First().Forecast.Realised).ToList();
                        var years = own.Select(f => f.Forecast.Year).Distinct().Order().ToList();
                        series.Add(new ChartSeries("realised", new BandSeries("share_gdp", "realised", "%", [.. years.Select((y, n) => new BandPoint(y, actual[n], actual[n], actual[n], actual[n], actual[n]))]), Palette.Black, ShowBand: false));
                        ChartRenderer.DrawBandChart(c, (k % Columns) * PanelWidth, (k / Columns) * PanelHeight, PanelWidth, PanelHeight,
                            new BandChartSpec("% of GDP", series, [], Title: countries[k], Legend: false));
                    }
                },
                new DataTable(["Country", "Origin", "Year", "Realised %", "Model %", "5th %", "95th %", "Constant share %", "Regional drift %"],
                    [.. r.Forecasts.Where(f => f.Region == region).Select(f => (IReadOnlyList<string>)[f.Forecast.Iso3, f.Origin.ToString(CultureInfo.InvariantCulture), f.Forecast.Year.ToString(CultureInfo.InvariantCulture),
                        N3(100 * f.Forecast.Realised), N3(100 * f.Forecast.Model), N3(100 * f.Forecast.Low), N3(100 * f.Forecast.High), N3(100 * f.Forecast.ConstantShare), N3(100 * f.RegionalDrift)])]));
            sections.Add(new("fans-" + region.ToLowerInvariant(), $"{region}: forecasts against actuals", [], [figure], []));
        }

        if (episodes is not null)
        {
            sections.Add(new("episodes", "Historical episodes against the model", [
                "Each episode of scenarios/history/ is run from its start year; the realised change of the burden over the episode (from the data) is set against the model's median change and 90 % band. Targets of issue 13: the realised direction reproduced by the median, with at least half its size.",
                .. episodes.Notes,
            ], [], [Table("episodes", episodes)]));
        }

        return new AnalysisPage("Ballast validation: rolling-origin burden forecasts", meta, sections,
            [.. t.Sources, "Forecast combination: Bates, J. M. and Granger, C. W. J. (1969), \"The combination of forecasts\", Operational Research Quarterly 20(4)."]);
    }

    private static string N2(double v) => v.ToString("N2", CultureInfo.InvariantCulture);

    private static string N3(double v) => double.IsNaN(v) ? "–" : v.ToString("N3", CultureInfo.InvariantCulture);
}
