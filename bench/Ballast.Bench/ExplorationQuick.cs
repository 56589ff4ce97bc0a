using System.Diagnostics;
using Ballast.Core.Parameters;
using Ballast.Data.Parameters;
using Ballast.Data.Scenarios;
using Ballast.Exploration.Discovery;
using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Ballast.Exploration.Sensitivity;
using Ballast.Store;

namespace Ballast.Bench;

/// <summary>Stopwatch figures for the exploration methods (median of 5 after a warm-up); BenchmarkDotNet is too slow for the shared 2-core machine here.</summary>
public static class ExplorationQuick
{
    public static int Run()
    {
        Time("LHS 100,000 x 10", () => Design.Create(new DesignSpec(DesignKind.LatinHypercube, 100_000, 1), 10));
        Time("Saltelli on scrambled Sobol, N = 2^14, D = 10 (196,608 rows)", () => Design.Create(new DesignSpec(DesignKind.Sobol, 1 << 14, 1), 10));
        Sobol();
        var names = Enumerable.Range(0, 10).Select(i => $"x{i}").ToArray();
        foreach (int n in new[] { 1000, 100_000 })
        {
            var (x, y) = Planted(n, 10);
            Time($"PRIM {n:N0} rows x 10 inputs (EMA Workbench ~0.2 s at 1,000)", () => Prim.Find(x, names, y));
        }

        StoreThroughput();
        Explore();
        return 0;
    }

    /// <summary>The Sobol analyses alone (bootstrap included): Ishigami and the G-function.</summary>
    public static int Sobol()
    {
        var ish = Design.Create(new DesignSpec(DesignKind.Sobol, 1024, 1), 3);
        var yIsh = Ishigami(ish);
        Time("Sobol analysis, Ishigami, N = 1024, 1000 resamples (SALib 148.8 ms, issue 18)", () => SobolAnalysis.Analyze(yIsh, ["x1", "x2", "x3"], false, 1000));

        var g = Design.Create(new DesignSpec(DesignKind.Sobol, 1 << 14, 2), 10);
        var yG = GFunction(g);
        var names = Enumerable.Range(0, 10).Select(i => $"x{i}").ToArray();
        Time("Sobol analysis, G-function, N = 2^14, D = 10, 1000 resamples", () => SobolAnalysis.Analyze(yG, names, false, 1000));
        var yG2 = GFunction(Design.Create(new DesignSpec(DesignKind.Sobol, 1 << 12, 2, SecondOrder: true), 10));
        Time("Sobol analysis, G-function, N = 2^12, D = 10, second order, 1000 resamples", () => SobolAnalysis.Analyze(yG2, names, true, 1000));
        return 0;
    }

    private static void Time(string label, Action action)
    {
        action();
        var times = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"{label}: {times[2]:F1} ms (median of 5)");
    }

    private static double[] Ishigami(Design d)
    {
        var y = new double[d.Rows];
        for (int i = 0; i < y.Length; i++)
        {
            var p = d.Row(i);
            double x1 = (p[0] * 2 * Math.PI) - Math.PI, x2 = (p[1] * 2 * Math.PI) - Math.PI, x3 = (p[2] * 2 * Math.PI) - Math.PI;
            y[i] = Math.Sin(x1) + (7 * Math.Sin(x2) * Math.Sin(x2)) + (0.1 * Math.Pow(x3, 4) * Math.Sin(x1));
        }

        return y;
    }

    private static double[] GFunction(Design d)
    {
        double[] a = [0, 1, 4.5, 9, 99, 99, 99, 99, 99, 99];
        var y = new double[d.Rows];
        for (int i = 0; i < y.Length; i++)
        {
            var p = d.Row(i);
            double prod = 1;
            for (int j = 0; j < 10; j++)
            {
                prod *= (Math.Abs((4 * p[j]) - 2) + a[j]) / (1 + a[j]);
            }

            y[i] = prod;
        }

        return y;
    }

    private static (double[][] X, bool[] Y) Planted(int n, int m)
    {
        var x = Enumerable.Range(0, m).Select(_ => new double[n]).ToArray();
        var y = new bool[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                x[j][i] = CounterHash.Uniform(3, (ulong)j, (ulong)i);
            }

            y[i] = (x[0][i] is >= 0.2 and <= 0.6 && x[1][i] >= 0.7) ^ (CounterHash.Uniform(4, 0, (ulong)i) < 0.02);
        }

        return (x, y);
    }

    private static (Ballast.Core.Model.ModelInputs Inputs, IReadOnlyList<ExplorationParameter> Parameters) Baseline()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "scenarios", "baseline.yaml");
        var scenario = ScenarioLoader.Default.LoadFile(path);
        var uncertain = ParameterRegistryLoader.Default.All.Where(p => p.Distribution is not null)
            .Select(p => new UncertainParameter(p.Name, p.Distribution!)).ToList();
        var inputs = ScenarioCompiler.Compile(scenario with { Parameters = scenario.Parameters with { Uncertain = uncertain } }).Inputs;
        return (inputs, SimulationModel.ParametersOf(inputs));
    }

    private sealed class NullSink : IRunSink
    {
        public IReadOnlySet<int> CompletedRuns() => new HashSet<int>();

        public void Write(RunBatch batch)
        {
        }
    }

    private static void Explore()
    {
        var (inputs, parameters) = Baseline();
        var design = Design.Create(new DesignSpec(DesignKind.LatinHypercube, 20_000, 1), parameters.Count);
        var model = new SimulationModel(inputs, 1);
        ExperimentRunner.Run(model, Design.Create(new DesignSpec(DesignKind.LatinHypercube, 512, 1), parameters.Count), parameters, new NullSink());
        var sw = Stopwatch.StartNew();
        ExperimentRunner.Run(model, design, parameters, new NullSink(), new RunOptions(Environment.ProcessorCount, 512));
        Console.WriteLine($"explore baseline, model only (LHS 20,000 runs, {parameters.Count} parameters, {Environment.ProcessorCount} threads): {20_000 / sw.Elapsed.TotalSeconds:N0} runs/s");
        string file = Path.Combine(Path.GetTempPath(), $"ballast-bench-{Environment.ProcessId}.duckdb");
        try
        {
            var layout = new StoreLayout(new Dictionary<string, string> { [StoreLayout.ExperimentKey] = "bench" }, parameters, model.Outcomes, model.YearlyIndicators, model.Years);
            sw.Restart();
            using var store = ResultStore.OpenOrCreate(file, layout, design);
            ExperimentRunner.Run(model, design, parameters, store, new RunOptions(Environment.ProcessorCount, 512));
            Console.WriteLine($"explore baseline into the DuckDB store (same 20,000 runs, {model.Years.Count} yearly rows each): {20_000 / sw.Elapsed.TotalSeconds:N0} runs/s");
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".wal");
        }
    }

    /// <summary>
    /// The baseline explored as <c>ballast explore scenarios/baseline.yaml --samples N --threads T</c> does (LHS, the
    /// scenario's seed), into a new store at <paramref name="store"/> or into none: prints runs/s of the run phase
    /// (after the store holds the design, as the CLI's figure) and its process CPU.
    /// </summary>
    public static int ExploreBaseline(int samples, int threads, string? store, int? batch)
    {
        var path = Path.Combine(EnsembleBenchmarks.RepositoryRoot(), "scenarios", "baseline.yaml");
        ulong seed = ScenarioLoader.Default.LoadFile(path).Seed ?? 1;
        var (scenario, model, parameters, hash) = Ballast.Runs.Exploration.ExplorationSetup.Load(path, seed);
        var design = Design.Create(new DesignSpec(DesignKind.LatinHypercube, samples, seed), parameters.Count);
        if (store is not null)
        {
            File.Delete(store);
            File.Delete(store + ".wal");
        }

        var results = store is null ? null : ResultStore.OpenOrCreate(store, Ballast.Runs.Exploration.ExplorationSetup.Layout(scenario, hash, design, seed, model, parameters), design);
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        IRunSink sink = (IRunSink?)results ?? new NullSink();
        int size = batch ?? sink.PreferredBatchSize;
        var summary = ExperimentRunner.Run(model, design, parameters, sink, new RunOptions(threads, size));
        double wall = sw.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        // Closing the store checkpoints what is still in its write-ahead log: part of the store's cost, shown apart.
        results?.Dispose();
        double close = sw.Elapsed.TotalSeconds - wall;
        double closeCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds - cpu;
        Console.WriteLine($"explore baseline {(store is null ? "model only" : "into the store")}: {summary.Executed} runs ({parameters.Count} parameters, {threads} threads, batches of {size}) in {wall:F2} s = {summary.Executed / wall:F0} runs/s; process CPU {cpu:F2} s ({cpu / summary.Executed * 1e6:F1} us per run); closing the store {close:F2} s ({closeCpu:F2} s CPU)");
        return 0;
    }

    private static void StoreThroughput()
    {
        var (inputs, parameters) = Baseline();
        var model = new SimulationModel(inputs, 1);
        var design = Design.Create(new DesignSpec(DesignKind.MonteCarlo, 50_000, 1), parameters.Count);
        var layout = new StoreLayout(new Dictionary<string, string> { [StoreLayout.ExperimentKey] = "bench" }, parameters, model.Outcomes, model.YearlyIndicators, model.Years);
        string file = Path.Combine(Path.GetTempPath(), $"ballast-store-{Environment.ProcessId}.duckdb");
        try
        {
            using var store = ResultStore.OpenOrCreate(file, layout, design);
            var batch = new RunBatch(512, model.Outcomes.Count, model.Years.Count * model.YearlyIndicators.Count);
            var sw = Stopwatch.StartNew();
            int rows = 0;
            for (int start = 0; start < 50_000; start += 512)
            {
                int count = Math.Min(512, 50_000 - start);
                batch.Count = count;
                for (int k = 0; k < count; k++)
                {
                    batch.Runs[k] = start + k;
                }

                store.Write(batch);
                rows += count * (1 + model.Years.Count);
            }

            Console.WriteLine($"store: {rows / sw.Elapsed.TotalSeconds:N0} rows/s ({50_000 / sw.Elapsed.TotalSeconds:N0} runs/s with {model.Years.Count} yearly rows each, batches of 512)");
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".wal");
        }
    }
}
