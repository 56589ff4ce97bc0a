using System.CommandLine;
using System.Globalization;
using Ballast.Cli.Output;
using Ballast.Core;
using Ballast.Core.Analytics;
using Ballast.Engine.Ensembles;
using Ballast.Runs;

namespace Ballast.Cli.Commands;

/// <summary>
/// <c>ballast compare A.yaml B.yaml ...</c>: runs every scenario with the same seed and run indices (common random
/// numbers) and shows KPIs side by side with the paired difference to the first scenario and its spread.
/// </summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var files = new Argument<string[]>("scenarios") { Description = "Two or more scenario files; differences are against the first.", Arity = new ArgumentArity(2, 16) };
        var opts = EnsembleCliOptions.Create();
        var format = CommonOptions.Format();
        var charts = CommonOptions.Charts();
        var cmd = new Command("compare", "Run scenarios with common random numbers and compare their KPIs: medians, paired differences and their 5-95 % range.")
        {
            files, opts.Runs, opts.Seed, opts.Threads, opts.Out, format, charts,
        };
        cmd.SetAction(p => BallastCli.Guard(ctx, () =>
        {
            var paths = p.GetValue(files)!;
            Ballast.Reports.ChartFormat? chartFormat = p.GetValue(charts) is { } c ? Ballast.Reports.ChartExporter.Parse(c) : null;
            var reports = new List<Ballast.Reports.Model.ReportModel>();
            var prepared = paths.Select(PreparedScenario.FromFile).ToList();
            var codes = prepared.Skip(1).Aggregate(prepared[0].Inputs.Codes.AsEnumerable(), (acc, x) => acc.Intersect(x.Inputs.Codes)).ToList();
            var outRoot = p.GetValue(opts.Out) ?? Path.Combine("out", "compare");
            var runs = new List<PairedRuns>();
            RunRequest? first = null;
            for (var s = 0; s < prepared.Count; s++)
            {
                var request = opts.Request(p, prepared[s], outRoot);
                if (first is not null)
                {
                    request = request with { Runs = first.Runs, Seed = first.Seed };
                }

                first ??= request;
                request = request with { OutputDirectory = Path.Combine(outRoot, $"{s + 1}-{Path.GetFileNameWithoutExtension(paths[s])}") };
                var collector = new PairedRuns(prepared[s], codes, request.Runs);
                var outcome = ScenarioRunner.Run(prepared[s], request, null, collector.Add, ctx.Cancellation);
                runs.Add(collector);

                // Each scenario's own report in its results folder, and its data for the comparison report.
                var model = Ballast.Reports.Adapters.RunReports.Model(prepared[s], outcome.Manifest, outcome.Result);
                Ballast.Reports.ReportWriter.WriteAll(model, request.OutputDirectory!, chartFormat);
                reports.Add(model);
            }

            var comparison = new Ballast.Reports.Model.ComparisonModel(reports, Differences(runs));
            Ballast.Reports.ComparisonReportWriter.Write(comparison, Path.Combine(outRoot, Ballast.Reports.ComparisonReportWriter.FileName));
            if (chartFormat is { } cf)
            {
                Ballast.Reports.ChartExporter.WriteComparisonCharts(comparison, outRoot, cf);
            }

            var table = Build(runs, paths);
            table.Notes.Add($"Each scenario ran {first!.Runs} runs with seed {first.Seed} and the same run indices, so run r faces the same shocks in every scenario; Δ is the paired difference (scenario − {Path.GetFileName(paths[0])}), its median and 5-95 % range over runs. Results folders and comparison.html: {outRoot}.");
            table.Write(p.GetValue(format), ctx.Console, ctx.Out);
            return 0;
        }));
        return cmd;
    }

    /// <summary>The comparison table: one row per KPI, medians per scenario and paired differences to the first.</summary>
    public static ResultTable Build(IReadOnlyList<PairedRuns> runs, IReadOnlyList<string> names)
    {
        var cols = new List<ResultColumn> { new("kpi", "KPI", RightAlign: false) };
        for (var s = 0; s < runs.Count; s++)
        {
            cols.Add(new($"median_{s + 1}", Path.GetFileNameWithoutExtension(names[s]), "N3"));
        }

        for (var s = 1; s < runs.Count; s++)
        {
            var n = Path.GetFileNameWithoutExtension(names[s]);
            cols.Add(new($"delta_median_{s + 1}", $"Δ {n}", "+0.000;-0.000;0.000"));
            cols.Add(new($"delta_p5_{s + 1}", $"Δ p5", "+0.000;-0.000;0.000"));
            cols.Add(new($"delta_p95_{s + 1}", $"Δ p95", "+0.000;-0.000;0.000"));
        }

        var t = new ResultTable($"Comparison at {runs[0].Prepared.Inputs.HorizonYear}: {string.Join(" vs ", names.Select(Path.GetFileNameWithoutExtension))}", cols);
        foreach (var kpi in runs[0].KpiNames)
        {
            var cells = new List<object?> { kpi };
            cells.AddRange(runs.Select(r => (object?)Median(r.Values(kpi))));
            for (var s = 1; s < runs.Count; s++)
            {
                var a = runs[0].Values(kpi);
                var b = runs[s].Values(kpi);
                var d = new double[a.Length];
                for (var i = 0; i < d.Length; i++)
                {
                    d[i] = b[i] - a[i];
                }

                Array.Sort(d);
                cells.Add(Quantiles.Type7(d, 0.5));
                cells.Add(Quantiles.Type7(d, 0.05));
                cells.Add(Quantiles.Type7(d, 0.95));
            }

            t.Add(cells.ToArray());
        }

        t.Sources.Add(KpiTables.Citation);
        return t;
    }

    /// <summary>Paired differences to the first scenario (median and 5-95 % range over runs) for the comparison report.</summary>
    public static IReadOnlyList<Ballast.Reports.Model.KpiDifference> Differences(IReadOnlyList<PairedRuns> runs)
    {
        var result = new List<Ballast.Reports.Model.KpiDifference>();
        foreach (var kpi in runs[0].KpiNames)
        {
            for (var s = 1; s < runs.Count; s++)
            {
                var a = runs[0].Values(kpi);
                var b = runs[s].Values(kpi);
                var d = new double[a.Length];
                for (var i = 0; i < d.Length; i++)
                {
                    d[i] = b[i] - a[i];
                }

                Array.Sort(d);
                result.Add(new(kpi, string.Empty, runs[s].Prepared.Scenario.Name, runs[0].Prepared.Scenario.Name, Quantiles.Type7(d, 0.05), Quantiles.Type7(d, 0.5), Quantiles.Type7(d, 0.95)));
            }
        }

        return result;
    }

    private static double Median(double[] v)
    {
        var c = (double[])v.Clone();
        Array.Sort(c);
        return Quantiles.Type7(c, 0.5);
    }
}

/// <summary>Per-run horizon values of one scenario, kept in run-index order so scenarios can be paired run by run.</summary>
public sealed class PairedRuns
{
    private readonly Dictionary<string, double[]> _values = new(StringComparer.Ordinal);
    private readonly List<(string Name, Func<RunSummary, double> Get)> _kpis = [];

    /// <summary>Prepares the KPI list for the common actors.</summary>
    public PairedRuns(PreparedScenario prepared, IReadOnlyList<string> codes, int runs)
    {
        Prepared = prepared;
        var horizon = prepared.Inputs.HorizonYear;
        _kpis.Add(("balance", s => s.FinalBalance));
        _kpis.Add(("crossed_by_horizon", s => s.CrossoverYear is null ? 0 : 1));
        _kpis.Add(("allies_realigned", s => s.State.Count(x => x != Ballast.Core.Model.AlignmentState.Aligned)));
        foreach (var c in codes)
        {
            var i = prepared.Inputs.Codes.IndexOf(c);
            if (prepared.Inputs.Roles[i] is Ballast.Core.Countries.CountryRole.Adversary or Ballast.Core.Countries.CountryRole.Patron)
            {
                continue;
            }

            _kpis.Add(($"share_pct.{c}", s => s.FinalShare[i] * 100));
            _kpis.Add(($"credibility.{c}", s => s.FinalCredibility[i]));
            _kpis.Add(($"alignment.{c}", s => s.FinalAlignment[i]));
            _kpis.Add(($"duplication.{c}", s => s.FinalDuplication[i]));
            _kpis.Add(($"hedging.{c}", s => s.FinalHedging[i]));
        }

        foreach (var k in _kpis)
        {
            _values[k.Name] = new double[runs];
        }

        _ = horizon;
    }

    /// <summary>The scenario.</summary>
    public PreparedScenario Prepared { get; }

    /// <summary>KPI names in order.</summary>
    public IEnumerable<string> KpiNames => _kpis.Select(k => k.Name);

    /// <summary>Per-run values of a KPI.</summary>
    public double[] Values(string kpi) => _values[kpi];

    /// <summary>Records a run (called in run-index order).</summary>
    public void Add(RunSummary s)
    {
        foreach (var (name, get) in _kpis)
        {
            _values[name][s.RunIndex] = get(s);
        }
    }
}
