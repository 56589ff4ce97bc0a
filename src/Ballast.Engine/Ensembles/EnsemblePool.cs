using System.Collections.Concurrent;

namespace Ballast.Engine.Ensembles;

/// <summary>
/// What ensembles of the same inputs can share from call to call: the tables, simulations (with all their buffers) and the
/// trajectory pages of the percentile sample. A small ensemble is otherwise dominated by building these; reusing them makes
/// its cost close to its kernel time. Nothing in here carries results from one call to the next: a simulation is reset at
/// every block and a page is written before it is read.
/// </summary>
internal sealed class EnsemblePool
{
    // One pool per inputs object, alive as long as the inputs are (a finished scenario's pool goes with it).
    private static readonly ConditionalWeakTable<ModelInputs, EnsemblePool> Pools = [];

    // Simulations kept per block size: one per core (about 1 MB each for the baseline).
    private static readonly int Keep = Math.Max(2, Environment.ProcessorCount);

    // Pages kept: the sample of a 2,048-run ensemble (32 pages of 64 trajectories; about 21 MB for the baseline's 213
    // indicators × 12 years), so small ensembles allocate no pages while a pool never holds a large ensemble's sample.
    private const int KeepPages = 32;

    private readonly ConcurrentDictionary<int, ConcurrentBag<Simulation>> _simulations = new();
    private readonly ConcurrentBag<ArraySegment<float>> _pages = [];

    private EnsemblePool(ModelInputs inputs) => Tables = new ModelTables(inputs);

    /// <summary>The tables of the inputs, built once.</summary>
    public ModelTables Tables { get; }

    /// <summary>The pool of <paramref name="inputs"/> (made on first use).</summary>
    public static EnsemblePool Of(ModelInputs inputs) => Pools.GetValue(inputs, i => new EnsemblePool(i));

    /// <summary>A simulation for blocks of <paramref name="blockSize"/> runs, reused when one is free.</summary>
    public Simulation RentSimulation(int blockSize) =>
        Bag(blockSize).TryTake(out var sim) ? sim : new Simulation(Tables, blockSize);

    /// <summary>Gives a simulation back for the next ensemble.</summary>
    public void Return(Simulation sim, int blockSize)
    {
        var bag = Bag(blockSize);
        if (bag.Count < Keep)
        {
            bag.Add(sim);
        }
    }

    /// <summary>A trajectory page of <paramref name="length"/> values (contents undefined).</summary>
    public ArraySegment<float> RentPage(int length)
    {
        while (_pages.TryTake(out var page))
        {
            if (page.Count == length)
            {
                return page;
            }
        }

        return NewPage(length);
    }

    /// <summary>
    /// A page of <paramref name="length"/> values starting on a cache line (<see cref="Memory.CacheLines.Allocate{T}"/>): a
    /// block of 16 runs then writes each page row's share as one whole line, which <see cref="EnsemblePartial.NarrowRows"/>
    /// stores past the caches.
    /// </summary>
    public static ArraySegment<float> NewPage(int length) => Memory.CacheLines.Allocate<float>(length);

    /// <summary>Gives pages back once their trajectories are no longer read.</summary>
    public void Return(IEnumerable<ArraySegment<float>> pages)
    {
        foreach (var page in pages)
        {
            if (_pages.Count >= KeepPages)
            {
                break;
            }

            _pages.Add(page);
        }
    }

    private ConcurrentBag<Simulation> Bag(int blockSize) => _simulations.GetOrAdd(blockSize, _ => []);
}
