using Ballast.Core.Model;
using Ballast.Data.Scenarios;
using Ballast.Engine.Ensembles;
using Ballast.Engine.Model;
using BenchmarkDotNet.Attributes;

namespace Ballast.Bench;

/// <summary>
/// The baseline scenario (16 actors, 2024→2035) as ensembles of 1,000 and 10,000 runs, single-threaded so that the
/// figure is per core, with 4-lane (AVX2, the runtime's default) and 8-lane (AVX-512) vectors. The "M cy/s" column is
/// country-years per second: runs · 16 · 11 / mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LaneWidthConfig))]
public class EnsembleBenchmarks
{
    private ModelInputs _inputs = null!;
    private Simulation _sim = null!;
    private long[] _idx = null!;

    /// <summary>Runs per block, the engine's default.</summary>
    public const int Block = 16;

    /// <summary>Runs per ensemble.</summary>
    [Params(1_000, 10_000)]
    public int Runs { get; set; }

    /// <summary>
    /// The inputs <c>ballast run scenarios/baseline.yaml</c> simulates: the baseline scenario compiled against the embedded
    /// data (16 actors, 2024→2035, its uncertain parameters drawn per run).
    /// </summary>
    public static ModelInputs BaselineInputs()
    {
        var path = Path.Combine(RepositoryRoot(), "scenarios", "baseline.yaml");
        return ScenarioCompiler.Compile(ScenarioLoader.Default.LoadFile(path)).Inputs;
    }

    /// <summary>The repository root: the nearest folder above the bench binary that holds Ballast.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ballast.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the bench from inside the Ballast repository (Ballast.slnx not found above " + AppContext.BaseDirectory + ")");
    }

    /// <summary>A check value that depends on every ally's behaviour: the sum of the horizon-year balance over the block's lanes.</summary>
    public static double Check(Simulation sim)
    {
        double sum = 0;
        foreach (double v in sim.IndicatorLanes(sim.Layout.Of(CoalitionIndicator.Balance), sim.Inputs.Steps))
        {
            sum += v;
        }

        return sum;
    }

    [GlobalSetup]
    public void Setup()
    {
        _inputs = BaselineInputs();
        _sim = new Simulation(_inputs, Block);
        _idx = [.. Enumerable.Range(0, Block).Select(i => (long)i)];
    }

    /// <summary>The model kernel only: blocks of <see cref="Block"/> runs stepped to the horizon.</summary>
    [Benchmark]
    public double Kernel()
    {
        double acc = 0;
        for (int b = 0; b < Runs / Block; b++)
        {
            _sim.Reset(_idx, (ulong)b);
            _sim.RunToHorizon();
            acc += Check(_sim);
        }

        return acc;
    }

    /// <summary>A full ensemble on one thread: kernel, summaries, sampling and percentiles.</summary>
    [Benchmark]
    public EnsembleResult Ensemble() => EnsembleRunner.Run(_inputs, new EnsembleOptions(Runs, 1, Threads: 1));
}
