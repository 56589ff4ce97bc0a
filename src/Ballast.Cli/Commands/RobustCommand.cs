using Ballast.Exploration.Robustness;

namespace Ballast.Cli.Commands;

/// <summary>
/// <c>ballast robust POLICY.yaml ... --futures N</c>: evaluates every policy over the same sampled futures (a Latin
/// hypercube over the union of the policies' uncertain parameters, and the same random streams per future) and
/// ranks them by regret, as in Robust Decision Making.
/// </summary>
public static class RobustCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var files = new Argument<string[]>("policies") { Description = "Two or more scenario files, one per policy.", Arity = new ArgumentArity(2, 32) };
        var futures = new Option<int>("--futures", "-n") { Description = "Number of sampled futures (default 500).", DefaultValueFactory = _ => 500 };
        var outcome = new Option<string>("--outcome") { Description = "Outcome to compare (default balance_ratio).", DefaultValueFactory = _ => "balance_ratio" };
        var direction = new Option<string?>("--direction") { Description = "maximise or minimise (default: maximise for balance, cohesion, credibility and burden; minimise otherwise)." };
        direction.AcceptOnlyFromAmong("maximise", "minimise");
        var threshold = new Option<double?>("--threshold") { Description = "Threshold the outcome should meet (e.g. 1 for balance_ratio); reports the share of futures meeting it." };
        var seed = new Option<ulong>("--seed", "-s") { Description = "Seed of the futures and the runs' random streams.", DefaultValueFactory = _ => ScenarioRunner.DefaultSeed };
        var threads = CommonOptions.Threads();
        var cluster = new Option<string?>("--cluster") { Description = "Run every policy's futures on an Orleans cluster reached through these silo gateways ('localhost' = 127.0.0.1:30000).", HelpName = "HOST:PORT,..." };
        var clusterId = ClusterCommand.ClusterId();
        var output = new OutputOptions();
        var report = new ReportOutOption(AnalysisReportWriter.Robust);
        return BallastCli.Command(ctx, "robust", "Compare policies over the same sampled futures (common random numbers): regret per future versus the best policy, maximum and 90th-percentile regret, share of futures meeting a threshold.",
            ["ballast robust scenarios/us-reassure.yaml scenarios/us-conditional-3.5.yaml --futures 200", "ballast robust scenarios/baseline.yaml scenarios/networked.yaml --outcome balance_ratio --threshold 1 --format csv"],
            [files, futures, outcome, direction, threshold, seed, threads, cluster, clusterId, .. output.Symbols, report.Option], p =>
        {
            report.Check(p);
            var paths = p.GetValue(files)!;
            var n = p.GetValue(futures);
            if (n < 2)
            {
                throw new BallastInputException("at least 2 futures are needed", field: "--futures", value: n.ToString(CultureInfo.InvariantCulture));
            }

            var name = p.GetValue(outcome)!;
            var catalogue = SimulationModel.OutcomeCatalogue;
            var index = catalogue.Select(o => o.Name).ToList().IndexOf(name);
            if (index < 0)
            {
                throw new BallastInputException($"unknown outcome '{name}'; outcomes: {string.Join(", ", catalogue.Select(o => o.Name))}", field: "--outcome", value: name);
            }

            var dir = p.GetValue(direction) is string d ? (d == "minimise" ? Direction.Minimise : Direction.Maximise) : DefaultDirection(name);
            var gateways = p.GetValue(cluster) is string g ? ClusterHosting.Gateways(g) : null;
            var result = Evaluate(paths, n, p.GetValue(seed), index, CommonOptions.ThreadCount(p, threads), ctx.Cancellation,
                gateways is null ? null : (p.GetValue(clusterId)!, gateways));
            var names = paths.Select(Path.GetFileNameWithoutExtension).Select(s => s!).ToList();
            var summary = Regret.Summarise(names, result.Outcomes, dir, p.GetValue(threshold));
            var t = new ResultTable($"Robustness of {names.Count} policies over {n} futures: {name} ({(dir == Direction.Maximise ? "higher is better" : "lower is better")})", [
                new("policy", "Policy", RightAlign: false),
                new("mean", "Mean outcome", "N3"),
                new("max_regret", "Max regret", "N3"),
                new("p90_regret", "90th pct regret", "N3"),
                new("mean_regret", "Mean regret", "N3"),
                new("share_meeting_threshold", "Share meeting threshold", "N2"),
                new("share_best", "Share best", "N2"),
            ]);
            foreach (var r in summary.OrderBy(r => r.MaxRegret))
            {
                t.Add(r.Policy, r.Mean, r.MaxRegret, r.P90Regret, r.MeanRegret, double.IsNaN(r.ShareMeetingThreshold) ? null : r.ShareMeetingThreshold, r.ShareBest);
            }

            t.Notes.Add($"Futures: Latin hypercube (seed {p.GetValue(seed)}) over {result.Parameters.Count} uncertain parameters ({string.Join(", ", result.Parameters)}); future k uses random stream k in every policy, so differences are the policies'.");
            t.Notes.Add("Regret in a future = best policy's outcome in that future minus this policy's (Savage 1951; Lempert, Popper and Bankes 2003). Sorted by maximum regret: the most robust policy first.");
            t.Sources.Add(KpiTables.Citation);
            report.Write(p, ctx, () =>
            {
                string meta = $"{names.Count} policies ({string.Join(", ", names)}) over {n} futures (seed {p.GetValue(seed)}); outcome {name}, {(dir == Direction.Maximise ? "higher is better" : "lower is better")}.";
                return AnalysisReports.Robust(meta, t, names, Regret.Compute(result.Outcomes, dir));
            });

            var doc = new ResultDocument("robust", t)
                .With(new { Outcome = name, Direction = dir == Direction.Maximise ? "maximise" : "minimise", Futures = n, Seed = p.GetValue(seed), Threshold = p.GetValue(threshold) });
            output.Write(p, ctx, doc);
            return 0;
        });
    }

    private static Direction DefaultDirection(string outcome) => outcome switch
    {
        "balance_ratio" or "coalition_cohesion" or "mean_credibility" or "allied_mean_burden" => Direction.Maximise,
        _ => Direction.Minimise,
    };

    /// <summary>Outcomes of each policy in each future, and the names of the uncertain parameters sampled.</summary>
    public sealed record RobustEvaluation(IReadOnlyList<double[]> Outcomes, IReadOnlyList<string> Parameters);

    /// <summary>
    /// Runs every policy on the same futures (<see cref="RobustFutures"/>) and returns one outcome per policy and future,
    /// in this process or, given a cluster's id and gateways, on its silos (the same numbers either way).
    /// </summary>
    public static RobustEvaluation Evaluate(IReadOnlyList<string> policyFiles, int futures, ulong seed, int outcomeIndex, int threads, CancellationToken cancel,
        (string Id, IReadOnlyList<System.Net.IPEndPoint> Gateways)? cluster = null)
    {
        var texts = policyFiles.Select(f => File.Exists(f) ? (File.ReadAllText(f), f) : throw new ScenarioException("file not found", f, 1, 1, null)).ToList();
        var (policies, parameters) = RobustFutures.Prepare(texts, futures, seed);
        var outcomes = new List<double[]>();
        using var connection = cluster is { } c ? ClusterHosting.ConnectAsync(new ClusterTarget(c.Id, c.Gateways), cancel).GetAwaiter().GetResult() : null;
        string session = Guid.NewGuid().ToString("N");
        for (int i = 0; i < policies.Count; i++)
        {
            var (model, design, ps) = policies[i];
            var result = new OutcomeColumn(futures, model.Outcomes.Count, outcomeIndex);
            if (connection is null)
            {
                ExperimentRunner.Run(model, design, ps, result, new RunOptions(Threads: Math.Max(1, threads), BatchSize: Math.Max(1, futures)), cancel: cancel);
            }
            else
            {
                var job = new ExperimentJob($"{session}-{i}", texts[i].Item1, Path.GetFileName(policyFiles[i]), seed, design.Spec.Describe(), [.. texts.Select(t => t.Item1)], i);
                ClusterExperiment.RunAsync(connection.Client, job, design, model.Outcomes.Count,
                    model.Years.Count * model.YearlyIndicators.Count, result, ClusterExperiment.PolicyRangeSize(futures), cancel: cancel).GetAwaiter().GetResult();
            }

            outcomes.Add(result.Values);
        }

        return new RobustEvaluation(outcomes, parameters);
    }

    /// <summary>Collects one outcome per future from an experiment's batches.</summary>
    private sealed class OutcomeColumn(int futures, int outcomes, int index) : IRunSink
    {
        public double[] Values { get; } = new double[futures];

        public IReadOnlySet<int> CompletedRuns() => new HashSet<int>();

        public void Write(RunBatch batch)
        {
            for (int k = 0; k < batch.Count; k++)
            {
                Values[batch.Runs[k]] = batch.Outcomes[(k * outcomes) + index];
            }
        }
    }
}
