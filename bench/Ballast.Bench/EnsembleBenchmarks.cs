using Ballast.Core.Model;
using Ballast.Core.Parameters;
using Ballast.Data.Parameters;
using Ballast.Engine.Ensembles;
using Ballast.Testing;
using BenchmarkDotNet.Attributes;

namespace Ballast.Bench;

/// <summary>
/// Baseline-shaped ensembles (16 actors, 2024→2035): a small and a large fixed configuration, single-threaded
/// so that the figure is per core. Country-years per second = runs · 16 · 11 / time.
/// </summary>
[MemoryDiagnoser]
public class EnsembleBenchmarks
{
    private ModelInputs _inputs = null!;
    private Simulation _sim = null!;
    private long[] _idx = null!;

    /// <summary>Runs per ensemble.</summary>
    [Params(1_000, 10_000)]
    public int Runs { get; set; }

    /// <summary>The baseline-shaped synthetic inputs.</summary>
    public static ModelInputs BaselineInputs() => SyntheticInputs.Baseline(ParameterRegistryLoader.Default, b =>
    {
        b.Uncertain.Add(new UncertainParameter("beta_s", new Distribution(DistributionKind.Uniform, -0.3, 0)));
        b.Uncertain.Add(new UncertainParameter("g_c", new Distribution(DistributionKind.Normal, 0.072, 0.01)));
    });

    [GlobalSetup]
    public void Setup()
    {
        _inputs = BaselineInputs();
        _sim = new Simulation(_inputs, 64);
        _idx = [.. Enumerable.Range(0, 64).Select(i => (long)i)];
    }

    /// <summary>The model kernel only: blocks of 64 runs stepped to the horizon.</summary>
    [Benchmark]
    public double Kernel()
    {
        double acc = 0;
        for (int b = 0; b < Runs / 64; b++)
        {
            _sim.Reset(_idx, (ulong)b);
            _sim.RunToHorizon();
            acc += _sim.Indicator(0, _inputs.Steps, 0);
        }

        return acc;
    }

    /// <summary>A full ensemble on one thread: kernel, summaries, sampling and percentiles.</summary>
    [Benchmark]
    public EnsembleResult Ensemble() => EnsembleRunner.Run(_inputs, new EnsembleOptions(Runs, 1, Threads: 1));
}
