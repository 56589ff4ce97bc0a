using System.Diagnostics;
using Ballast.Engine.Ensembles;
using Ballast.Runs.Comparison;
using Spectre.Console;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast run SCENARIO.yaml</c>: a Monte Carlo ensemble of the reference model, saved to a results folder.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var scenario = CommonOptions.Scenario("Scenario YAML file (see docs/scenarios.md and scenarios/).");
        var opts = EnsembleCliOptions.Create();
        var output = new OutputOptions("kpis", "coalition", "allies");
        var charts = CommonOptions.Charts();
        return BallastCli.Command(ctx, "run", "Run a scenario as a Monte Carlo ensemble: per-year percentiles, per-run rows, KPIs and a manifest in the output folder.",
            ["ballast run scenarios/baseline.yaml", "ballast run scenarios/us-reassure.yaml --runs 5000 --seed 7 -j 4 --out out/reassure", "ballast run scenarios/baseline.yaml --format csv > kpis.csv"],
            [scenario, opts.Runs, opts.Seed, opts.Threads, opts.Out, opts.RunsFormat, .. output.Symbols, charts], p =>
        {
            var path = p.GetValue(scenario)!;
            var prepared = PreparedScenario.FromFile(path);
            var request = opts.Request(p, prepared, Path.Combine("out", Path.GetFileNameWithoutExtension(path)));
            ChartFormat? chartFormat = p.GetValue(charts) is { } c ? ChartExporter.Parse(c) : null;
            // A scenario other than the baseline also runs the baseline with the same runs and seed, for the report's difference.
            var baseline = BaselineComparison.For(prepared, request);
            var paired = baseline is null ? null : BaselineComparison.Run(prepared, baseline, request, (_, s, r, sink) => Execute(ctx, s, r, sink), ctx.Cancellation);
            var outcome = paired?.Scenarios[1] ?? Execute(ctx, prepared, request);
            if (request.OutputDirectory is { } dir)
            {
                RunReports.Write(dir, prepared, outcome.Manifest, outcome.Result, chartFormat, paired?.Paired);
            }

            var (m, k, inputs) = (outcome.Manifest, outcome.Result.Kpis, prepared.Inputs);
            ResultTable[] tables = [KpiTables.Tidy(m, k, inputs), KpiTables.Coalition(m, k, inputs), KpiTables.Allies(m, k, inputs)];
            if (HistoryCheck.Rows(prepared, outcome.Result) is { Count: > 0 } history)
            {
                tables = [.. tables, KpiTables.History(history)];
            }

            var doc = new ResultDocument("run", tables).With(new { m.Scenario, k.Runs, k.Seed, m.StartYear, m.HorizonYear, Results = request.OutputDirectory });
            doc.Notes.AddRange(prepared.Notes);
            output.Write(p, ctx, doc);
            if (output.Value(p) == OutputFormat.Table)
            {
                var runsFile = RunsFormats.FileName(RunsFormats.Resolve(request.RunsFormat, request.Runs));
                ctx.Err.WriteLine($"results: {request.OutputDirectory} (manifest.json, kpis.json, percentiles.csv, {(runsFile is null ? "" : runsFile + ", ")}report.html)");
            }

            return 0;
        });
    }

    /// <summary>Runs with a progress bar on a terminal, plain progress lines on standard error otherwise.</summary>
    public static RunOutcome Execute(CliContext ctx, PreparedScenario prepared, RunRequest request, Action<RunSummary>? sink = null)
    {
        if (ctx.Interactive)
        {
            RunOutcome? outcome = null;
            ctx.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(pc =>
                {
                    var task = pc.AddTask($"{prepared.Scenario.Name}: 0 runs/s", maxValue: request.Runs);
                    outcome = ScenarioRunner.Run(prepared, request, pr =>
                    {
                        task.Value = pr.Completed;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{prepared.Scenario.Name}: {pr.RunsPerSecond:N0} runs/s");
                    }, sink, ctx.Cancellation);
                });
            return outcome!;
        }

        var last = Stopwatch.StartNew();
        return ScenarioRunner.Run(prepared, request, pr =>
        {
            if (last.Elapsed.TotalSeconds >= 2 && pr.Completed < pr.Total)
            {
                last.Restart();
                var eta = pr.RunsPerSecond > 0 ? (pr.Total - pr.Completed) / pr.RunsPerSecond : double.NaN;
                ctx.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {pr.Completed}/{pr.Total} runs ({100.0 * pr.Completed / pr.Total:0}%), {pr.RunsPerSecond:N0} runs/s, ETA {eta:0}s"));
            }
        }, sink, ctx.Cancellation);
    }
}

/// <summary>The ensemble options shared by <c>run</c> and <c>compare</c>.</summary>
public sealed record EnsembleCliOptions(Option<int?> Runs, Option<ulong?> Seed, Option<int?> Threads, Option<string?> Out, Option<string?> RunsFormat)
{
    /// <summary>Creates the options.</summary>
    public static EnsembleCliOptions Create() => new(
        new Option<int?>("--runs", "-n") { Description = $"Number of runs (default: the scenario's, else {ScenarioRunner.DefaultRuns})." },
        new Option<ulong?>("--seed", "-s") { Description = $"Master seed (default: the scenario's, else {ScenarioRunner.DefaultSeed}). Same seed, same numbers, any thread count." },
        CommonOptions.Threads(),
        new Option<string?>("--out", "-o") { Description = "Output folder (default: out/<scenario name>)." },
        new Option<string?>("--runs-format")
        {
            Description = $"Per-run rows: csv (runs.csv), parquet (runs.parquet, compressed columns) or none (default: csv up to {RunsFormats.CsvUpTo:N0} runs, parquet above).",
        });

    /// <summary>The run request from the parsed options and the scenario's own defaults.</summary>
    public RunRequest Request(ParseResult p, PreparedScenario prepared, string defaultOut)
    {
        var runs = p.GetValue(Runs) ?? prepared.Scenario.Runs ?? ScenarioRunner.DefaultRuns;
        if (runs < 1)
        {
            throw new BallastInputException("the number of runs must be at least 1", field: "--runs", value: runs.ToString(CultureInfo.InvariantCulture));
        }

        var threads = CommonOptions.ThreadCount(p, Threads);
        RunsFormat? runsFormat = p.GetValue(RunsFormat) is { } f ? RunsFormats.Parse(f) : null;
        return new RunRequest(runs, p.GetValue(Seed) ?? prepared.Scenario.Seed ?? ScenarioRunner.DefaultSeed, threads, OutputLocation.Folder(p.GetValue(Out) ?? defaultOut, "--out"), runsFormat);
    }
}
