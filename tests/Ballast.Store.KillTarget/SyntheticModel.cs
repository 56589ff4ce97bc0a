using System.Globalization;
using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Ballast.Store;

namespace Ballast.Store.KillTarget;

/// <summary>Ishigami outcomes plus two yearly indicators; <c>spin</c> iterations of busy work make runs slow enough to kill mid-way.</summary>
public sealed class SyntheticModel(int spin) : IExperimentModel
{
    public static IReadOnlyList<ExplorationParameter> Parameters { get; } =
    [
        new("x1", "uniform(-pi, pi)", p => (p * 2 * Math.PI) - Math.PI),
        new("x2", "uniform(-pi, pi)", p => (p * 2 * Math.PI) - Math.PI),
        new("x3", "uniform(-pi, pi)", p => (p * 2 * Math.PI) - Math.PI),
    ];

    public IReadOnlyList<OutcomeDefinition> Outcomes { get; } =
    [
        new("ishigami", "1", "Ishigami function, a = 7, b = 0.1"),
        new("run_echo", "1", "the run index, to check rows land where they belong"),
    ];

    public IReadOnlyList<string> YearlyIndicators { get; } = ["level", "trend"];

    public IReadOnlyList<int> Years { get; } = [2025, 2026, 2027];

    public IExperimentWorker CreateWorker() => new Worker(spin);

    public static StoreLayout Layout(Design design) => new(
        new Dictionary<string, string>
        {
            [StoreLayout.ExperimentKey] = "synthetic:" + design.Spec.Describe(),
            ["scenario"] = "synthetic",
            ["design"] = design.Spec.Describe(),
            ["runs"] = design.Rows.ToString(CultureInfo.InvariantCulture),
        },
        Parameters,
        new SyntheticModel(0).Outcomes,
        ["level", "trend"],
        [2025, 2026, 2027]);

    private sealed class Worker(int spin) : IExperimentWorker
    {
        public int BlockSize => 1;

        public void Run(ReadOnlySpan<int> runs, ReadOnlySpan<double> values, Span<double> outcomes, Span<double> yearly)
        {
            for (int k = 0; k < runs.Length; k++)
            {
                double x1 = values[3 * k];
                double x2 = values[(3 * k) + 1];
                double x3 = values[(3 * k) + 2];
                double acc = 0;
                for (int i = 0; i < spin; i++)
                {
                    acc += Math.Sqrt(i + x1 * x1);
                }

                double y = Math.Sin(x1) + (7 * Math.Sin(x2) * Math.Sin(x2)) + (0.1 * Math.Pow(x3, 4) * Math.Sin(x1));
                outcomes[2 * k] = y + (acc * 0);
                outcomes[(2 * k) + 1] = runs[k];
                for (int t = 0; t < 3; t++)
                {
                    yearly[(k * 6) + (2 * t)] = y * (t + 1);
                    yearly[(k * 6) + (2 * t) + 1] = t == 0 ? double.NaN : t;
                }
            }
        }
    }
}

/// <summary>Reports each committed batch on standard output so the test knows when to kill.</summary>
public sealed class PrintingSink(ResultStore store) : IRunSink
{
    public IReadOnlySet<int> CompletedRuns() => store.CompletedRuns();

    public void Write(RunBatch batch)
    {
        store.Write(batch);
        Console.Out.WriteLine($"stored {batch.Count}");
        Console.Out.Flush();
    }
}
