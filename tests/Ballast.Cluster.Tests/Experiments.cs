using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Ballast.Runs.Exploration;
using Ballast.Store;

namespace Ballast.Cluster.Tests;

/// <summary>An exploration of the baseline scenario, run locally or on a cluster into stores that can be compared value by value.</summary>
internal sealed class Experiments : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ballast-cluster-" + Guid.NewGuid().ToString("N"));

    public Experiments(int samples, ulong seed)
    {
        Directory.CreateDirectory(_dir);
        ScenarioPath = ScenarioFile("baseline");
        Seed = seed;
        var (scenario, model, parameters, hash) = ExplorationSetup.Load(ScenarioPath, seed);
        Model = model;
        Parameters = parameters;
        Design = Design.Create(new DesignSpec(DesignKind.LatinHypercube, samples, seed), parameters.Count);
        Layout = ExplorationSetup.Layout(scenario, hash, Design, seed, model, parameters);
    }

    public string ScenarioPath { get; }

    public ulong Seed { get; }

    public SimulationModel Model { get; }

    public IReadOnlyList<ExplorationParameter> Parameters { get; }

    public Design Design { get; }

    public StoreLayout Layout { get; }

    public int YearlyPerRun => Model.Years.Count * Model.YearlyIndicators.Count;

    public ResultStore Store(string name) => ResultStore.OpenOrCreate(Path.Combine(_dir, name + ".duckdb"), Layout, Design);

    public ExperimentJob Job() => new(Guid.NewGuid().ToString("N"), File.ReadAllText(ScenarioPath), "baseline.yaml", Seed, Design.Spec.Describe());

    /// <summary>The single-process reference: the whole design through the local runner.</summary>
    public ResultStore Local(string name = "local")
    {
        var store = Store(name);
        ExperimentRunner.Run(Model, Design, Parameters, store, new RunOptions(Threads: 2));
        return store;
    }

    /// <summary>Every value of outcomes and outcomes_yearly, ordered by run (and year), as raw bits so NaN compares too.</summary>
    public static (long[] Outcomes, long[] Yearly) Contents(ResultStore store)
    {
        static long[] Bits(QueryResult q) => q.Rows.SelectMany(r => r).Select(v => v is null ? long.MinValue : BitConverter.DoubleToInt64Bits(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        return (Bits(store.Query("SELECT * FROM outcomes ORDER BY run")), Bits(store.Query("SELECT * FROM outcomes_yearly ORDER BY run, year")));
    }

    public static string ScenarioFile(string name) => Path.Combine(Root(), "scenarios", name + ".yaml");

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ballast.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
