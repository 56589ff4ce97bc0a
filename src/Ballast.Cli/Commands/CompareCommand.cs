using Ballast.Runs.Comparison;

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
        var output = new OutputOptions();
        var charts = CommonOptions.Charts();
        return BallastCli.Command(ctx, "compare", "Run scenarios with common random numbers and compare their KPIs: medians, paired differences and their 5-95 % range.",
            ["ballast compare scenarios/baseline.yaml scenarios/us-reassure.yaml --runs 500", "ballast compare scenarios/baseline.yaml scenarios/networked.yaml --format csv"],
            [files, opts.Runs, opts.Seed, opts.Threads, opts.Out, opts.RunsFormat, .. output.Symbols, charts], p =>
        {
            var paths = p.GetValue(files)!;
            ChartFormat? chartFormat = p.GetValue(charts) is { } c ? ChartExporter.Parse(c) : null;
            var prepared = paths.Select(PreparedScenario.FromFile).ToList();
            var outRoot = p.GetValue(opts.Out) ?? Path.Combine("out", "compare");

            // The first scenario's runs and seed (from the options, else its own file) apply to every scenario.
            var request = opts.Request(p, prepared[0], outRoot);
            var outcome = ScenarioComparison.Run(
                prepared,
                request,
                s => Path.Combine(outRoot, $"{s + 1}-{Path.GetFileNameWithoutExtension(paths[s])}"),
                (_, scenario, r, sink) => RunCommand.Execute(ctx, scenario, r, sink),
                ctx.Cancellation);
            RunReports.WriteComparison(outRoot, outcome, chartFormat);

            var table = Build(outcome.Paired, paths, prepared[0].Inputs.HorizonYear);
            table.Notes.Add($"Each scenario ran {request.Runs} runs with seed {request.Seed} and the same run indices, so run r faces the same shocks in every scenario; Δ is the paired difference (scenario − {Path.GetFileName(paths[0])}), its median and 5-95 % range over runs. Results folders and comparison.html: {outRoot}.");
            if (outcome.Paired.PercentileBasis is { } basis)
            {
                table.Notes.Add($"Medians and Δ percentiles come from {basis}.");
            }
            var scenarios = new System.Text.Json.Nodes.JsonArray([.. paths.Select(s => (System.Text.Json.Nodes.JsonNode?)Path.GetFileNameWithoutExtension(s))]);
            output.Write(p, ctx, new ResultDocument("compare", table).With(new { request.Runs, request.Seed, prepared[0].Inputs.HorizonYear, Scenarios = scenarios }));
            return 0;
        });
    }

    /// <summary>The comparison table: one row per paired KPI, medians per scenario and paired differences to the first.</summary>
    public static ResultTable Build(PairedComparison paired, IReadOnlyList<string> names, int horizon)
    {
        var cols = new List<ResultColumn> { new("kpi", "KPI", RightAlign: false), new("unit", "Unit", RightAlign: false, Priority: 1) };
        for (var s = 0; s < names.Count; s++)
        {
            cols.Add(new($"median_{s + 1}", Path.GetFileNameWithoutExtension(names[s]), "N3"));
        }

        for (var s = 1; s < names.Count; s++)
        {
            var n = Path.GetFileNameWithoutExtension(names[s]);
            cols.Add(new($"delta_median_{s + 1}", $"Δ {n}", "+0.000;-0.000;0.000"));
            cols.Add(new($"delta_p5_{s + 1}", $"Δ p5", "+0.000;-0.000;0.000", Priority: 1));
            cols.Add(new($"delta_p95_{s + 1}", $"Δ p95", "+0.000;-0.000;0.000", Priority: 1));
        }

        var t = new ResultTable($"Comparison at {horizon}: {string.Join(" vs ", names.Select(Path.GetFileNameWithoutExtension))}", cols);
        foreach (var kpi in paired.Kpis)
        {
            var cells = new List<object?> { kpi.Id, kpi.Unit };
            cells.AddRange(kpi.Medians.Select(m => (object?)m));
            foreach (var d in kpi.Differences.Skip(1))
            {
                cells.AddRange([d?.P50, d?.P5, d?.P95]);
            }

            t.Add(cells.ToArray());
        }

        t.Sources.Add(KpiTables.Citation);
        return t;
    }
}
