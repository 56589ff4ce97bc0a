using System.Collections.Concurrent;

namespace Ballast.Engine.Ensembles;

/// <summary>
/// What ensembles can share from call to call: the tables of the same inputs, simulations (with all their buffers) of
/// inputs of the same shape (<see cref="SimulationPool"/>) and the trajectory pages of the percentile sample. A small
/// ensemble is otherwise dominated by building these; reusing them makes its cost close to its kernel time. Nothing in
/// here carries results from one call to the next: a simulation is reset at every block and a page is written before it
/// is read.
/// </summary>
internal sealed class EnsemblePool
{
    // One pool per inputs object, alive as long as the inputs are (a finished scenario's pool goes with it).
    private static readonly ConditionalWeakTable<ModelInputs, EnsemblePool> Pools = [];

    // Pages kept, whatever the inputs (a page's length is all that matters): the sample of a 2,048-run ensemble (32 pages
    // of 64 trajectories; about 21 MB for the baseline's 213 indicators × 12 years), so small ensembles allocate no pages
    // (also when every call has new inputs, as a workbench edit or a wargame turn does) while the process never holds a
    // large ensemble's sample.
    private const int KeepPages = 32;

    private static readonly ConcurrentBag<ArraySegment<float>> Pages = [];

    private EnsemblePool(ModelInputs inputs) => Tables = new ModelTables(inputs);

    /// <summary>The tables of the inputs, built once.</summary>
    public ModelTables Tables { get; }

    /// <summary>The pool of <paramref name="inputs"/> (made on first use).</summary>
    public static EnsemblePool Of(ModelInputs inputs) => Pools.GetValue(inputs, i => new EnsemblePool(i));

    /// <summary>A trajectory page of <paramref name="length"/> values (contents undefined).</summary>
    public static ArraySegment<float> RentPage(int length)
    {
        while (Pages.TryTake(out var page))
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
    public static void Return(IEnumerable<ArraySegment<float>> pages)
    {
        foreach (var page in pages)
        {
            if (Pages.Count >= KeepPages)
            {
                break;
            }

            Pages.Add(page);
        }
    }
}
