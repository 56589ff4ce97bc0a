using Ballast.Core.Scenarios;
using Ballast.Exploration.Discovery;
using Ballast.Exploration.Search;
using Ballast.Runs.Search;

namespace Ballast.Cli.Commands;

/// <summary>
/// <c>ballast search SCENARIO --levers ... --objectives ...</c>: many-objective search (NSGA-II with an ε-archive) over
/// scenario levers for policies that stay good across sampled futures, then re-evaluation of the Pareto set on fresh
/// futures (out-of-sample robustness).
/// </summary>
public static class SearchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var scenario = CommonOptions.Scenario("Scenario YAML file whose levers are searched.");
        var levers = new Option<string>("--levers") { Description = "Levers to search, comma-separated: KEY (its own bounds or choices) or KEY=LOW:HIGH, e.g. us.theatre-share=0.1:0.5,us.stance.harshness.", Required = true };
        var objectives = new Option<string>("--objectives") { Description = "Objectives, comma-separated: STAT:OUTCOME[:max|min][:EPSILON], STAT = mean or p1…p99, e.g. p10:balance_ratio:max,p50:us_cost_net:min.", Required = true };
        var constraints = new Option<string?>("--constraints") { Description = "Constraints, comma-separated: STAT:OUTCOME<=BOUND or >=BOUND, e.g. p90:allied_mean_burden<=5." };
        var futures = new Option<int>("--futures", "-n") { Description = "Sampled futures every policy is run on (common random numbers).", DefaultValueFactory = _ => 200 };
        var fresh = new Option<int?>("--fresh-futures") { Description = "Fresh futures for the out-of-sample re-evaluation of the Pareto set (default: as many as --futures; 0 = none)." };
        var population = new Option<int>("--population") { Description = "Policies per generation (even).", DefaultValueFactory = _ => 40 };
        var generations = new Option<int>("--generations") { Description = "Generations after the first.", DefaultValueFactory = _ => 25 };
        var seed = new Option<ulong>("--seed", "-s") { Description = "Seed of the futures, the runs and the search.", DefaultValueFactory = _ => ScenarioRunner.DefaultSeed };
        var explain = new Option<int?>("--explain") { Description = "Instead of the Pareto set, show where policy K of it fails: PRIM over its fresh futures (see --fails)." };
        var fails = new Option<string>("--fails") { Description = "With --explain: the condition that counts as failure, over outcomes (as ballast discover --where).", DefaultValueFactory = _ => "balance_ratio < 1" };
        var threads = CommonOptions.Threads();
        var output = new OutputOptions();
        var report = new ReportOutOption(AnalysisReportWriter.Search);
        var cluster = new Option<string?>("--cluster") { Description = "Run every policy's futures on an Orleans cluster reached through these silo gateways ('localhost' = 127.0.0.1:30000); the same numbers as in this process.", HelpName = "HOST:PORT,..." };
        var clusterId = ClusterCommand.ClusterId();
        var store = new Option<string?>("--store") { Description = "Also write the Pareto set (levers, objectives, constraints, fresh-future scores) to this results store file (DuckDB: tables manifest and pareto; read it with ballast query)." };
        return BallastCli.Command(ctx, "search", "Searches scenario levers for policies that stay good across sampled futures (NSGA-II, ε-dominance archive) and re-evaluates the trade-off set on fresh futures.",
            [
                "ballast search scenarios/us-conditional-3.5.yaml --levers us.theatre-share=0.1:0.6,us.stance.harshness --objectives p10:balance_ratio:max,p50:us_cost_net:min --futures 200",
                "ballast search scenarios/baseline.yaml --levers us.theatre-share --objectives p50:balance_ratio,mean:crossed --constraints p90:allied_mean_burden<=5 --format csv",
                "ballast search scenarios/baseline.yaml --levers us.theatre-share --objectives p10:balance_ratio,p50:us_cost_net --explain 1 --fails \"balance_ratio < 1.1\"",
            ],
            [scenario, levers, objectives, constraints, futures, fresh, population, generations, seed, explain, fails, threads, cluster, clusterId, .. output.Symbols, report.Option, store], p =>
        {
            report.Check(p);
            var storePath = OutputLocation.FilePath(p.GetValue(store), "--store");
            var file = p.GetValue(scenario)!;
            var sc = ScenarioLoader.Default.LoadFile(file);
            var leverList = Split(p.GetValue(levers)!).Select(SearchLever.Parse).ToList();
            var objectiveList = Split(p.GetValue(objectives)!).Select(PolicyObjective.Parse).ToList();
            var constraintList = Split(p.GetValue(constraints) ?? string.Empty).Select(PolicyConstraint.Parse).ToList();
            int n = p.GetValue(futures);
            ulong s = p.GetValue(seed);
            int nThreads = p.GetValue(threads) is int j and > 0 ? j : Environment.ProcessorCount;
            using var connection = p.GetValue(cluster) is string g
                ? ClusterHosting.ConnectAsync(ClusterTarget.Parse(g, p.GetValue(clusterId)!), ctx.Cancellation).GetAwaiter().GetResult()
                : null;
            var runner = connection is null ? null : new ClusterPolicyRunner(connection.Client);
            var problem = new PolicySearch(sc, leverList, objectiveList, constraintList, n, s, nThreads, runner, ctx.Cancellation);
            var options = new Nsga2Options(p.GetValue(population), p.GetValue(generations), s);
            var progress = new SyncProgress(g => ctx.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generation {g.Generation}/{g.Generations}: {problem.Simulated} policies simulated")));
            var result = Nsga2.Run(problem, options, progress: progress, cancel: ctx.Cancellation);
            int simulated = problem.Simulated;
            int freshCount = p.GetValue(fresh) ?? n;
            if (freshCount is 1 or < 0)
            {
                throw new BallastInputException($"fresh futures must be 0 or at least 2, not {freshCount}", field: "--fresh-futures", value: freshCount.ToString(CultureInfo.InvariantCulture));
            }

            ulong freshSeed = unchecked(s + 0x9E3779B97F4A7C15UL);
            if (p.GetValue(explain) is int k)
            {
                if (k < 1 || k > result.Archive.Count)
                {
                    throw new BallastInputException($"policy {k} is not in the Pareto set (1 to {result.Archive.Count})", field: "--explain", value: k.ToString(CultureInfo.InvariantCulture));
                }

                output.Write(p, ctx, Explain(problem, result.Archive[k - 1].Values, k, p.GetValue(fails)!, Math.Max(2, freshCount), freshSeed));
                return 0;
            }

            var columns = new List<ResultColumn> { new("policy", "Policy", "N0") };
            columns.AddRange(leverList.Select(l => new ResultColumn(l.Column, l.Lever.Key, l.Lever.Type == LeverType.Integer ? "N0" : "N3", RightAlign: l.Lever.Type != LeverType.Choice)));
            columns.AddRange(objectiveList.Select(o => Column($"{o.Statistic.Name}_{o.Outcome}", $"{o.Statistic.Name} {o.Outcome}", o.Outcome)));
            columns.AddRange(constraintList.Select(c => Column($"{c.Statistic.Name}_{c.Outcome}" + "_constraint", c.Text, c.Outcome)));
            if (freshCount > 0)
            {
                columns.AddRange(objectiveList.Select(o => Column($"{o.Statistic.Name}_{o.Outcome}" + "_fresh", $"{o.Statistic.Name} {o.Outcome} (fresh)", o.Outcome)));
            }

            var chartRows = new List<double[]>();
            var table = new ResultTable($"Pareto set of {sc.Name}: {result.Archive.Count} policies ({string.Join("; ", objectiveList.Select(o => o.Name))})", columns);
            for (int i = 0; i < result.Archive.Count; i++)
            {
                var sol = result.Archive[i];
                var score = problem.ScoreOnSearchFutures(sol.Values);
                var row = new List<object?> { i + 1 };
                var texts = problem.Texts(sol.Values);
                for (int l = 0; l < leverList.Count; l++)
                {
                    row.Add(leverList[l].Lever.Type == LeverType.Choice ? texts[l] : double.Parse(texts[l], CultureInfo.InvariantCulture));
                }

                row.AddRange(score.Objectives.Select(v => (object?)v));
                chartRows.Add([.. sol.Values.Select((v, l) => leverList[l].Lever.Type == LeverType.Choice ? Math.Floor(v) : v), .. score.Objectives.Select((v, o) => objectiveList[o].Outcome == "us_cost_net" ? v / 1e9 : v)]);
                row.AddRange(score.Constraints.Select(v => (object?)v));
                if (freshCount > 0)
                {
                    row.AddRange(problem.ScoreOnFreshFutures(sol.Values, freshCount, freshSeed).Objectives.Select(v => (object?)v));
                }

                table.Add([.. row]);
            }

            if (result.Archive.Count == 1 && !result.Archive[0].Feasible)
            {
                table.Notes.Add("No policy met every constraint: the row is the least infeasible policy found.");
            }

            table.Notes.Add($"NSGA-II (Deb et al. 2002) with an ε-dominance archive (Laumanns et al. 2002): {options.Population} policies × {options.Generations + 1} generations = {result.Evaluations} candidates, {simulated} distinct policies simulated, each on {n} futures (Latin hypercube over {problem.Parameters.Count} uncertain parameters, seed {s}; future k on random stream k in every policy).");
            table.Notes.Add("ε (the resolution below which two policies are one choice): " + string.Join(", ", objectiveList.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Name} {o.Epsilon:G4}"))) + ".");
            if (freshCount > 0)
            {
                table.Notes.Add($"'(fresh)' columns: the same policies on {freshCount} fresh futures (another design and other random streams) — out-of-sample robustness; a policy that loses much there was fitted to the search's futures.");
            }

            table.Sources.Add(KpiTables.Citation);
            report.Write(p, ctx, () => AnalysisReports.Search(
                string.Create(CultureInfo.InvariantCulture, $"{sc.Name}: {result.Archive.Count} policies on the trade-off surface of {string.Join("; ", objectiveList.Select(o => o.Name))}, over {n} futures (seed {s}); {result.Evaluations} candidates."),
                table,
                [.. leverList.Select(l => new ParallelAxis(l.Lever.Type == LeverType.Choice ? l.Lever.Key + " (" + string.Join("/", l.Lever.Choices!) + ")" : l.Lever.Key)),
                    .. objectiveList.Select(o => new ParallelAxis($"{o.Statistic.Name} {o.Outcome}{(o.Outcome == "us_cost_net" ? " (US$ bn)" : string.Empty)}", o.Maximise))],
                chartRows));
            if (storePath is not null)
            {
                var manifest = new Dictionary<string, string>
                {
                    ["kind"] = "search",
                    ["scenario"] = sc.Name,
                    ["scenario_file"] = Path.GetFileName(file),
                    ["levers"] = string.Join(",", leverList.Select(l => $"{l.Lever.Key}={ScenarioLevers.Format(l.Lower)}:{ScenarioLevers.Format(l.Upper)}")),
                    ["objectives"] = string.Join(",", objectiveList.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Statistic.Name}:{o.Outcome}:{(o.Maximise ? "max" : "min")}:{o.Epsilon:R}"))),
                    ["constraints"] = string.Join(",", constraintList.Select(c => c.Text)),
                    ["futures"] = n.ToString(CultureInfo.InvariantCulture),
                    ["fresh_futures"] = freshCount.ToString(CultureInfo.InvariantCulture),
                    ["seed"] = s.ToString(CultureInfo.InvariantCulture),
                    ["population"] = options.Population.ToString(CultureInfo.InvariantCulture),
                    ["generations"] = options.Generations.ToString(CultureInfo.InvariantCulture),
                    ["parameters"] = string.Join(",", problem.Parameters),
                    ["program_version"] = typeof(SearchCommand).Assembly.GetName().Version?.ToString() ?? "0",
                };
                ResultStore.WriteTable(storePath, manifest, "pareto",
                    [.. table.Columns.Select(c => (c.Name, leverList.Any(l => l.Lever.Type == LeverType.Choice && c.Name == l.Column)))],
                    table.Rows);
                ctx.Err.WriteLine($"store: {storePath}");
            }

            output.Write(p, ctx, new ResultDocument("search", table)
                .With(new { Futures = n, FreshFutures = freshCount, Seed = s, options.Population, options.Generations, result.Evaluations, PoliciesSimulated = simulated }));
            return 0;
        });
    }

    /// <summary>Scenario discovery on one policy's fresh futures: which uncertain parameters make it fail.</summary>
    private static ResultDocument Explain(PolicySearch problem, double[] values, int k, string failsText, int futures, ulong seed)
    {
        var condition = Condition.Parse(failsText, [.. SimulationModel.OutcomeCatalogue.Select(o => o.Name)], "--fails");
        var (x, y) = problem.Failures(values, condition, futures, seed);
        var names = problem.Parameters;
        var prim = Prim.Find(x, names, y);
        var box = prim.Trajectory[prim.Chosen];
        var table = DiscoverCommand.BoxTable(string.Create(CultureInfo.InvariantCulture,
            $"Where policy {k} fails (\"{condition.Text}\" in {prim.Cases} of {prim.Points} fresh futures): box coverage {box.Coverage:P1}, density {box.Density:P1}, mass {box.Mass:P1}"), x, names, y, box);

        table.Notes.Add($"Policy {k}: {string.Join(", ", problem.Texts(values).Select((t, i) => $"{problem.Variables[i].Name} = {t}"))}.");
        if (prim.Cases == 0)
        {
            table.Notes.Add("The policy does not fail in any of these futures: there is no failure region to describe.");
        }

        table.Notes.Add("PRIM (Friedman and Fisher 1999; scenario discovery as in Bryant and Lempert 2010) over the policy's fresh futures; quasi-p-value below 0.05: the restriction matters.");
        return new ResultDocument("search", table)
            .With(new { Policy = k, Fails = condition.Text, prim.Cases, Futures = prim.Points, box.Coverage, box.Density, box.Mass });
    }

    private static IEnumerable<string> Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A statistic's column: US cost shown in US$ bn (CSV and JSON keep US$), the rest to three decimals.</summary>
    private static ResultColumn Column(string name, string header, string outcome) =>
        outcome == "us_cost_net" ? new ResultColumn(name, header + " (US$ bn)", "N1", DisplayScale: 1e9) : new ResultColumn(name, header, "N3");

    /// <summary>Reports progress on the calling thread.</summary>
    private sealed class SyncProgress(Action<(int Generation, int Generations)> report) : IProgress<(int Generation, int Generations)>
    {
        public void Report((int Generation, int Generations) value) => report(value);
    }
}
