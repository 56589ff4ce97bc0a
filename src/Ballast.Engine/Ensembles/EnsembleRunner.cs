using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ballast.Engine.Ensembles;

/// <summary>
/// Runs Monte Carlo ensembles of the model in parallel over blocks of runs. Every run draws from its own
/// counter-based stream keyed by (seed, run index), and the statistics are exactly mergeable, so the result is
/// bit-identical for any thread count, block size, or split of the run indices into ranges merged afterwards.
/// </summary>
public static class EnsembleRunner
{
    /// <summary>Runs an ensemble and returns percentiles and KPIs.</summary>
    public static EnsembleResult Run(ModelInputs inputs, EnsembleOptions options, EnsembleObservers? observers = null, CancellationToken cancellationToken = default)
    {
        var partial = RunPartial(inputs, options, observers, cancellationToken);
        var result = partial.ToResult(options.Threads); // no more threads than the ensemble was given
        partial.ReleasePages(); // nobody else holds this partial: its pages serve the next ensemble of these inputs
        return result;
    }

    /// <summary>Runs the range of run indices in <paramref name="options"/> and returns mergeable statistics.</summary>
    public static EnsemblePartial RunPartial(ModelInputs inputs, EnsembleOptions options, EnsembleObservers? observers = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        observers ??= new EnsembleObservers();
        // Tables, simulations and trajectory pages of these inputs are reused from earlier ensembles (built once).
        var pool = EnsemblePool.Of(inputs);
        EnsemblePartial? total = null;
        bool rows = observers.RunSink is not null || observers.RowWriter is not null;
        long completed = 0;
        var clock = Stopwatch.StartNew();
        // Column buffers of the blocks' summary rows, reused once a block is handed over (at most the hand-over window in use).
        var spareRows = new ConcurrentBag<RunBlockSummary>();
        ulong sampleBound = EnsemblePartial.SampleBound(options.Seed, options.FirstRun, options.Runs, options.SampleSize);
        try
        {
            RunBlocks();
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<NonFiniteResultException>().MinBy(x => x.Run) is { } first)
        {
            throw first; // the earliest such run, whatever the thread count
        }

        return total ?? new EnsemblePartial(inputs, options.Seed, options.SampleSize, pool);

        void RunBlocks() => BlockRunner.Run(
            options.FirstRun,
            options.Runs,
            options.BlockSize,
            options.Threads,
            () => new Worker(pool, options, sampleBound),
            (worker, first, count) =>
            {
                var summaries = rows ? spareRows.TryTake(out var spare) ? spare : worker.NewRows() : null;
                worker.RunBlock(first, count, observers.DecisionOverride, summaries);

                // Formatting happens here, in parallel; only the ordered hand-over holds the lock.
                var prepared = summaries is not null ? observers.RowWriter?.Prepare(summaries) : null;
                return (Rows: summaries, Prepared: prepared, Count: count);
            },
            block =>
            {
                if (block.Rows is not null && observers.RunSink is { } sink)
                {
                    for (int lane = 0; lane < block.Count; lane++)
                    {
                        sink(block.Rows.Row(lane));
                    }
                }

                if (block.Prepared is not null)
                {
                    observers.RowWriter!.Write(block.Prepared);
                }

                if (block.Rows is not null)
                {
                    spareRows.Add(block.Rows);
                }

                completed += block.Count;
                observers.Progress?.Invoke(new EnsembleProgress(completed, options.Runs, clock.Elapsed));
            },
            worker =>
            {
                SimulationPool.Return(worker.Simulation);
                if (total is null)
                {
                    total = worker.Partial; // the first worker's statistics become the total: no copy of its sample
                }
                else
                {
                    total.Merge(worker.Partial);
                    worker.Partial.ReleasePages();
                }
            },
            cancellationToken);
    }

    /// <summary>Merges partials of disjoint run ranges of the same ensemble into one result.</summary>
    public static EnsembleResult Merge(IEnumerable<EnsemblePartial> partials)
    {
        EnsemblePartial? acc = null;
        foreach (var p in partials)
        {
            if (acc is null)
            {
                acc = new EnsemblePartial(p.Inputs, p.Seed, p.SampleSize);
            }

            acc.Merge(p);
        }

        return (acc ?? throw new ArgumentException("no partials", nameof(partials))).ToResult();
    }

    /// <summary>Per-thread state: one simulation (all buffers preallocated) and partial statistics.</summary>
    private sealed class Worker
    {
        private readonly Simulation _sim;
        private readonly long[] _runs; // the block's run indices (its first BlockSize values)
        private readonly int _blockSize;
        private readonly ulong _seed;
        private readonly ulong _sampleBound; // runs hashed above it never enter the sample
        private readonly List<(int Lane, int Slot, ArraySegment<float> Page, int Within)> _offered = [];

        public Worker(EnsemblePool pool, EnsembleOptions options, ulong sampleBound)
        {
            _sampleBound = sampleBound;
            _sim = SimulationPool.Rent(pool.Tables, options.BlockSize);
            _runs = Memory.CacheLines.Padded<long>(options.BlockSize);
            _blockSize = options.BlockSize;
            _seed = options.Seed;
            Partial = new EnsemblePartial(pool.Tables.Inputs, options.Seed, options.SampleSize, pool);
        }

        public EnsemblePartial Partial { get; }

        /// <summary>The worker's simulation (returned to the pool when the worker is done).</summary>
        public Simulation Simulation => _sim;

        /// <summary>Empty summary columns for this worker's blocks.</summary>
        public RunBlockSummary NewRows() => new(_sim.Inputs.ActorCount, _sim.Inputs.TargetShares.Length, _blockSize);

        /// <summary>Runs one block; fills <paramref name="rows"/> when someone consumes them (the counters are read from the lanes).</summary>
        public void RunBlock(long first, int count, IDecisionOverride? decisionOverride, RunBlockSummary? rows)
        {
            for (int k = 0; k < count; k++)
            {
                _runs[k] = first + k;
            }

            _sim.Reset(_runs.AsSpan(0, count), _seed);
            _sim.RunToHorizon(decisionOverride);
            NonFiniteResultException.ThrowIfAny(_sim, count);
            rows?.Fill(_sim, count);
            int n = _sim.Layout.Count;
            int years = _sim.Inputs.Steps + 1;
            var offered = _offered;
            offered.Clear();
            Partial.AddLanes(_sim, count);
            for (int lane = 0; lane < count; lane++)
            {
                if (EnsemblePartial.SampleHash(_seed, _runs[lane]) <= Math.Min(Partial.Threshold, _sampleBound))
                {
                    int slot = Partial.RentSlot();
                    var (page, within) = Partial.Location(slot);
                    offered.Add((lane, slot, page, within));
                }
            }

            // Write the sampled lanes' values into their slots: page rows are in the order of the simulation's records
            // (indicator-years, year-major), so each record row of the block goes to one row of a page, in one pass over the
            // records in order; when every lane is sampled into consecutive slots of one page (every block of a small ensemble)
            // that is one contiguous conversion per row.
            if (offered.Count > 0)
            {
                const int rowStride = EnsemblePartial.PageRows;
                var (firstLane, _, firstPage, firstWithin) = offered[0];
                bool contiguous = firstLane == 0 && offered.Count == count && firstWithin + count <= rowStride;
                for (int k = 1; k < offered.Count && contiguous; k++)
                {
                    contiguous = offered[k].Lane == k && offered[k].Page == firstPage && offered[k].Within == firstWithin + k;
                }

                var records = _sim.Records;
                int stride = _sim.RecordStride;
                int cells = n * years;
                if (contiguous)
                {
                    EnsemblePartial.NarrowRows(records, stride, firstPage.AsSpan(firstWithin), rowStride, cells, count);
                }
                else
                {
                    for (int c = 0; c < cells; c++)
                    {
                        var lanes = records.Slice(c * stride, stride);
                        int at = c * rowStride;
                        foreach (var (lane, _, page, within) in offered)
                        {
                            page[at + within] = (float)lanes[lane];
                        }
                    }
                }

                foreach (var (lane, slot, _, _) in offered)
                {
                    Partial.Offer(_runs[lane], slot);
                }
            }
        }
    }
}
