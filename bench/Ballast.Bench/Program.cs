using System.Diagnostics;
using System.Globalization;
using Ballast.Bench;
using Ballast.Core.Model;
using Ballast.Data.Parameters;
using Ballast.Engine.Ensembles;
using Ballast.Engine.Model;
using BenchmarkDotNet.Running;

// `--lanemath`: per-call cost of the model's vector exp/log/normal against the runtime's (LaneMathQuick.cs).
if (args.Length > 0 && args[0] == "--lanemath")
{
    return LaneMathQuick.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000_000);
}

// `--exploration [sobol]`: stopwatch figures for designs, Sobol analysis, PRIM, the store and explore (ExplorationQuick.cs);
// `sobol` times the Sobol analyses alone.
if (args.Length > 0 && args[0] == "--exploration")
{
    return args.Length > 1 && args[1] == "sobol" ? ExplorationQuick.Sobol() : ExplorationQuick.Run();
}

// `--search-hypervolume OBJECTIVES A.csv B.csv ...`: hypervolumes of `ballast search --format csv` Pareto sets against one
// reference point and normalisation, each as a share of the last file's (bench/search-convergence.sh).
if (args.Length > 3 && args[0] == "--search-hypervolume")
{
    return SearchHypervolume.Run(args[1], args[2..]);
}

// `--explore SAMPLES THREADS [STORE [BATCH]]` (BATCH: runs per batch, default the store's preferred): `ballast explore scenarios/baseline.yaml --samples SAMPLES --threads THREADS`
// in-process (the same LHS design and seed), into a new DuckDB store at STORE, or with `none` (the default) into no store:
// the model-only rate of the same design on the same threads (issue 18's yardstick for the store).
if (args.Length > 0 && args[0] == "--explore")
{
    return ExplorationQuick.ExploreBaseline(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture),
        args.Length > 3 && args[3] != "none" ? args[3] : null, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : null);
}

// `--game GAMES_DIR`: wargame timings (GameQuick.cs): a turn's adjudication, 50 concurrent games, a 10-turn replay.
if (args.Length > 0 && args[0] == "--game")
{
    return GameQuick.Run(args.Length > 1 ? args[1] : "games");
}

// `--measure kernel|partial|ensemble runs [block]`: only that work (after one warm-up block), for instruction counting under
// callgrind (diff two run counts to cancel start-up) and for per-thread CPU time, both independent of machine load.
if (args.Length > 0 && args[0] == "--measure")
{
    bool kernelOnly = args[1] == "kernel";
    int runs = int.Parse(args[2], CultureInfo.InvariantCulture);
    var inputs = EnsembleBenchmarks.BaselineInputs();
    // Optional fourth argument: runs per block (default: the engine default).
    int block = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : EnsembleBenchmarks.Block;
    var sim = new Simulation(inputs, block);
    long[] idx = [.. Enumerable.Range(0, block).Select(i => (long)i)];
    sim.Reset(idx, 0);
    sim.RunToHorizon();
    EnsembleRunner.Run(inputs, new EnsembleOptions(block, 1, 1, BlockSize: block));
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    double check = 0;
    if (args[1] == "reset")
    {
        // Block set-up only (parameter draws, packing, initial state, first record).
        for (int b = 0; b < runs / block; b++)
        {
            sim.Reset(idx, (ulong)b);
            check += sim.Indicator(sim.Layout.Of(CoalitionIndicator.Balance), 0, 0);
        }
    }
    else if (kernelOnly)
    {
        for (int b = 0; b < runs / block; b++)
        {
            sim.Reset(idx, (ulong)b);
            sim.RunToHorizon();
            check += EnsembleBenchmarks.Check(sim);
        }
    }
    else if (args[1] == "partial")
    {
        // Per-run work only (kernel, counters, sampled trajectories), without the one-off percentiles at the end.
        var partial = EnsembleRunner.RunPartial(inputs, new EnsembleOptions(runs, 1, 1, BlockSize: block));
        var toResult = Stopwatch.StartNew();
        check = partial.ToResult().Kpis.FinalBalance.P50;
        Console.WriteLine($"percentiles and KPIs (ToResult): {toResult.Elapsed.TotalSeconds:F3} s");
    }
    else
    {
        check = EnsembleRunner.Run(inputs, new EnsembleOptions(runs, 1, 1, BlockSize: block)).Kpis.FinalBalance.P50;
    }

    double wall = sw.Elapsed.TotalSeconds;
    double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
    double cyM = (double)runs * inputs.ActorCount * inputs.Steps / 1e6;
    Console.WriteLine($"{args[1]} {runs} runs, Vector<double>.Count {System.Numerics.Vector<double>.Count}: wall {wall:F3} s ({cyM / wall:F1} M cy/s), process CPU {cpu:F3} s ({cyM / cpu:F1} M cy/s per core) [{check:R}]");
    return 0;
}

// `--repeat runs count [warm-up]`: a small ensemble's per-call cost in steady state, next to its kernel time. The same ensemble
// (seed 1, runs 0 .. runs − 1, one thread) and the kernel alone for the same runs (the blocks of 16 the ensemble runs, reset and
// stepped to the horizon, nothing else) run in alternating rounds, each timed as process CPU (what the percentiles' worker
// threads and the runtime spend counts). Both first run `warm-up` times (default 60): the runtime recompiles methods called
// once per ensemble only after 30 calls, so a shorter warm-up would time its compiler, not the ensemble.
if (args.Length > 0 && args[0] == "--repeat")
{
    int runs = int.Parse(args[1], CultureInfo.InvariantCulture);
    int count = int.Parse(args[2], CultureInfo.InvariantCulture);
    int warmUp = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60;
    var inputs = EnsembleBenchmarks.BaselineInputs();
    var options = new EnsembleOptions(runs, 1, 1);
    var sim = new Simulation(inputs, options.BlockSize);
    double Ensemble() => EnsembleRunner.Run(inputs, options).Kpis.FinalBalance.P50;
    double Kernel()
    {
        var idx = new long[options.BlockSize];
        double sum = 0;
        for (int first = 0; first < runs; first += options.BlockSize)
        {
            int n = Math.Min(options.BlockSize, runs - first);
            for (int k = 0; k < n; k++)
            {
                idx[k] = first + k;
            }

            sim.Reset(idx.AsSpan(0, n), options.Seed);
            sim.RunToHorizon();
            sum += sim.Indicator(sim.Layout.Of(CoalitionIndicator.Balance), inputs.Steps, 0);
        }

        return sum;
    }

    for (int k = 0; k < warmUp; k++)
    {
        Ensemble();
        Kernel();
    }

    // Rounds of a tenth of the count each, ensemble then kernel, so that both see the same machine.
    int rounds = Math.Min(10, count);
    var ratios = new List<double>();
    double check = 0, ensembleCpu = 0, kernelCpu = 0, wall = 0;
    long allocated = 0;
    int done = 0;
    for (int r = 0; r < rounds; r++)
    {
        int n = (count * (r + 1) / rounds) - (count * r / rounds);
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        long allocated0 = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        for (int k = 0; k < n; k++)
        {
            check += Ensemble();
        }

        wall += sw.Elapsed.TotalSeconds;
        allocated += GC.GetTotalAllocatedBytes(precise: true) - allocated0;
        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        for (int k = 0; k < n; k++)
        {
            check += Kernel() * 1e-9;
        }

        var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
        ensembleCpu += (cpu1 - cpu0).TotalSeconds;
        kernelCpu += (cpu2 - cpu1).TotalSeconds;
        ratios.Add((cpu1 - cpu0).TotalSeconds / (cpu2 - cpu1).TotalSeconds);
        done += n;
    }

    ratios.Sort();
    double each = wall / done;
    Console.WriteLine($"ensemble of {runs} runs x {done}: {each * 1e3:F2} ms each (process CPU {ensembleCpu / done * 1e3:F2} ms, {allocated / (double)done / 1e6:F2} MB allocated) = {runs * inputs.ActorCount * inputs.Steps / each / 1e6:F1} M cy/s, {runs / each:F0} runs/s; "
        + $"the kernel alone for the same runs: process CPU {kernelCpu / done * 1e3:F2} ms; ensemble / kernel {ensembleCpu / kernelCpu:F2} (rounds {ratios[0]:F2}–{ratios[^1]:F2}), Vector<double>.Count {System.Numerics.Vector<double>.Count}, after {warmUp} warm-up [{check:R}]");
    return 0;
}

// `--paired scenario runs count`: a scenario paired with the baseline (`ballast run` of a scenario other than the baseline,
// and the web app's run jobs) `count` times in one process, each time compiled from its text as a new job is, into a
// scratch results folder without per-run rows (per-call costs of small paired runs: compiling, tables, both ensembles).
if (args.Length > 0 && args[0] == "--paired")
{
    var path = Path.Combine(EnsembleBenchmarks.RepositoryRoot(), "scenarios", args[1] + ".yaml");
    int runs = int.Parse(args[2], CultureInfo.InvariantCulture);
    int count = int.Parse(args[3], CultureInfo.InvariantCulture);
    var yaml = File.ReadAllText(path);
    var folder = Directory.CreateTempSubdirectory("ballast-paired-").FullName;
    try
    {
        double Once()
        {
            var prepared = Ballast.Runs.PreparedScenario.FromText(yaml, Path.GetFileName(path));
            var request = new Ballast.Runs.RunRequest(runs, 1, 1, folder, Ballast.Runs.RunsFormat.None);
            var baseline = Ballast.Runs.Comparison.BaselineComparison.For(prepared, request) ?? throw new InvalidOperationException("the scenario is not paired with the baseline");
            var paired = Ballast.Runs.Comparison.BaselineComparison.Run(prepared, baseline, request, (_, s, r, sink) => Ballast.Runs.ScenarioRunner.Run(s, r, sink: sink));
            return paired.Paired.Kpis[0].Medians[1];
        }

        Once();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        double check = 0;
        for (int k = 0; k < count; k++)
        {
            check += Once();
        }

        double each = sw.Elapsed.TotalSeconds / count;
        double cpuEach = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds / count;
        Console.WriteLine($"{args[1]} paired with the baseline, {runs} runs x {count}: {each * 1e3:F2} ms each (process CPU {cpuEach * 1e3:F2} ms) [{check:R}]");
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }

    return 0;
}

// `--quick [runs] [threads]`: a plain stopwatch run for fast figures; otherwise BenchmarkDotNet.
if (args.Length > 0 && args[0] == "--quick")
{
    int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
    var inputs = EnsembleBenchmarks.BaselineInputs();
    EnsembleRunner.Run(inputs, new EnsembleOptions(Math.Min(runs, 512), 1, threads));

    // Kernel only: one simulation block stepped to the horizon, no statistics.
    int block = EnsembleBenchmarks.Block;
    var sim = new Simulation(inputs, block);
    long[] idx = [.. Enumerable.Range(0, block).Select(i => (long)i)];
    int blocks = Math.Max(1, runs / block);
    var sw = Stopwatch.StartNew();
    for (int b = 0; b < blocks; b++)
    {
        sim.Reset(idx, (ulong)b);
        sim.RunToHorizon();
    }

    double kernel = sw.Elapsed.TotalSeconds;

    // Load indicator: the machine may be shared; scalar Math.Exp takes about 4-5 ns on an idle modern core.
    var probe = Stopwatch.StartNew();
    double acc = 0;
    for (int i = 0; i < 10_000_000; i++)
    {
        acc += Math.Exp(i * 1e-9);
    }

    Console.WriteLine($"load     : scalar Math.Exp {probe.Elapsed.TotalSeconds * 100:F1} ns (about 4-5 ns when the core is idle; {Environment.ProcessorCount} cores) [{acc:E1}]");
    double cy = (double)blocks * block * inputs.ActorCount * inputs.Steps;
    Console.WriteLine($"kernel   : {blocks * block} runs, {inputs.ActorCount} actors x {inputs.Steps} years in {kernel:F3} s = {cy / kernel / 1e6:F1} M country-years/s (1 core, {System.Numerics.Vector<double>.Count} lanes), {blocks * block / kernel:F0} runs/s");

    sw.Restart();
    var result = EnsembleRunner.Run(inputs, new EnsembleOptions(runs, 1, threads));
    double full = sw.Elapsed.TotalSeconds;
    double cyFull = (double)runs * inputs.ActorCount * inputs.Steps;
    Console.WriteLine($"ensemble : {runs} runs on {threads} thread(s) in {full:F3} s = {cyFull / full / 1e6:F1} M country-years/s ({cyFull / full / threads / 1e6:F1} per core), {runs / full:F0} runs/s; median balance {result.Kpis.FinalBalance.P50:F3}");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(EnsembleBenchmarks).Assembly).Run(args);
return 0;
