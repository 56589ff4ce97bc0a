using System.Diagnostics;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast explore SCENARIO.yaml --design D --samples N</c>: runs a designed experiment over the scenario's uncertainties into a results store.</summary>
public static class ExploreCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var scenario = CommonOptions.Scenario("Scenario YAML file.");
        var design = new Option<string>("--design", "-d") { Description = "Design: lhs, sobol, morris, factorial, montecarlo.", DefaultValueFactory = _ => "lhs" };
        var samples = new Option<int>("--samples", "-n") { Description = "Runs (lhs, montecarlo), base samples N (sobol: N(D+2) runs, N(2D+2) with --second-order), trajectories (morris: r(D+1) runs), or the most runs (factorial).", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Master seed (default: the scenario's seed, else 1)." };
        var store = new Option<string?>("--store") { Description = "Results store file (default: results.duckdb in --out)." };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => "." };
        var levels = new Option<int?>("--levels") { Description = "Morris grid levels p (even; default 4) or factorial levels per dimension (default: the most that fit --samples)." };
        var second = new Option<bool>("--second-order") { Description = "Sobol: add the rows needed for second-order indices." };
        var threads = CommonOptions.Threads();
        var output = new OutputOptions();
        var batch = new Option<int?>("--batch-size") { Description = $"Runs committed per transaction (a kill loses at most two batches; default: enough runs to fill a row group of the store, 10,240 for a 12-year horizon); with --cluster, runs per range a silo takes (default {Ballast.Exploration.Experiments.RunOptions.DefaultBatchSize})." };
        var range = new Option<string?>("--range") { Description = "Run only design rows FIRST to END-1 (one task of a batch-scheduler array job; merge the stores with 'ballast store merge').", HelpName = "FIRST:END" };
        var cluster = new Option<string?>("--cluster") { Description = "Run on an Orleans cluster reached through these silo gateways ('localhost' = 127.0.0.1:30000); this process stores the results.", HelpName = "HOST:PORT,..." };
        var clusterId = ClusterCommand.ClusterId();
        return BallastCli.Command(ctx, "explore", "Runs a designed experiment (LHS, Sobol/Saltelli, Morris, factorial, Monte Carlo) over the scenario's uncertain parameters and stores every run; re-running resumes.",
            ["ballast explore scenarios/baseline.yaml --design sobol --samples 256 --store sobol.duckdb", "ballast explore scenarios/baseline.yaml --design morris --samples 20 --levels 6 --out results", "ballast explore scenarios/baseline.yaml --samples 100000 --cluster localhost"],
            [scenario, design, samples, seed, store, outDir, levels, second, threads, batch, range, cluster, clusterId, .. output.Symbols], p =>
        {
            var file = p.GetValue(scenario)!;
            var kind = DesignSpec.Parse(p.GetValue(design)!);
            var loaded = ScenarioLoader.Default.LoadFile(file);
            ulong s = p.GetValue(seed) ?? loaded.Seed ?? 1;
            var (sc, model, parameters, hash) = ExplorationSetup.Load(file, s);
            var spec = new DesignSpec(kind, p.GetValue(samples), s, p.GetValue(levels) ?? 0, p.GetValue(second));
            var d = Design.Create(spec, parameters.Count);
            string path = OutputLocation.FilePath(p.GetValue(store), "--store") ?? Path.Combine(OutputLocation.Folder(p.GetValue(outDir)!, "--out"), "results.duckdb");
            var layout = ExplorationSetup.Layout(sc, hash, d, s, model, parameters);
            using var results = ResultStore.OpenOrCreate(path, layout, d);
            var watch = Stopwatch.StartNew();
            long lastReport = 0;
            var progress = new SyncProgress(v =>
            {
                if (watch.ElapsedMilliseconds - lastReport >= 2000 || v.Done == v.Total)
                {
                    lastReport = watch.ElapsedMilliseconds;
                    ctx.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {v.Done}/{v.Total} runs ({watch.Elapsed.TotalSeconds:F1} s)"));
                }
            });
            RunRange? rows = p.GetValue(range) is string r ? RunRange.Parse(r, d.Rows) : null;
            ExperimentSummary summary;
            string? clusterNote = null;
            if (p.GetValue(cluster) is string gateways)
            {
                // The silos rebuild the model from the scenario's text; this process only stores what comes back.
                var onCluster = ClusterExploration.Run(ClusterTarget.Parse(gateways, p.GetValue(clusterId)!), File.ReadAllText(file), Path.GetFileName(file), s, d, model,
                    results, Math.Max(1, p.GetValue(batch) ?? RunOptions.DefaultBatchSize), rows, progress, ctx.Cancellation);
                summary = onCluster.Summary;
                clusterNote = onCluster.Note;
            }
            else
            {
                summary = ExperimentRunner.Run(model, d, parameters, results, new RunOptions(CommonOptions.ThreadCount(p, threads), p.GetValue(batch), rows), progress);
            }

            double secs = watch.Elapsed.TotalSeconds;
            var table = new ResultTable($"explore {sc.Name}: {DesignSpec.NameOf(kind)} design", [
                new("store", "Store", RightAlign: false),
                new("design", "Design", RightAlign: false),
                new("parameters", "Parameters"),
                new("runs", "Runs"),
                new("resumed_skipped", "Already stored"),
                new("executed", "Executed now"),
                new("runs_per_second", "Runs/s", "N0", Priority: 1),
            ]);
            table.Add(path, spec.Describe(), parameters.Count, summary.Total, summary.Skipped, summary.Executed, secs > 0 ? summary.Executed / secs : double.NaN);
            if (rows is { } part)
            {
                table.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Rows {part.First} to {part.End - 1} of the design's {d.Rows} (--range); merge the parts' stores with 'ballast store merge'."));
            }

            if (clusterNote is not null)
            {
                table.Notes.Add(clusterNote);
            }

            table.Notes.Add("Explored parameters: " + string.Join(", ", parameters.Select(x => $"{x.Name} ~ {x.Distribution}")));
            table.Notes.Add("Outcomes: " + string.Join(", ", model.Outcomes.Select(o => o.Name)) + " (see docs/exploration.md); next: ballast sensitivity / discover / query on the store.");
            table.Notes.Add($"The store is {Path.GetFileName(path)} and the folder {Path.GetFileName(path)}.parts beside it (the yearly rows): copy or move them together.");
            output.Write(p, ctx, new ResultDocument("explore", table));
            return 0;
        });
    }

    /// <summary>Reports progress on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SyncProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
