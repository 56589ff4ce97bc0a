namespace Ballast.Engine.Ensembles;

/// <summary>
/// The one parallel loop over a range of runs, used by ensembles (<see cref="EnsembleRunner"/>) and designed experiments
/// alike: the range is cut into blocks of consecutive runs, each thread runs blocks on a worker of its own (a simulation
/// and its buffers), and the blocks' results are handed over one at a time in block order, whatever the thread count or
/// the order in which blocks finish. A run's numbers depend only on its index, so what a caller writes is deterministic.
/// </summary>
public static class BlockRunner
{
    /// <summary>
    /// Runs a range of runs like <see cref="Run{TWorker, TResult}"/> for blocks that leave nothing to hand over (each writes
    /// its own slice of a caller's buffer).
    /// </summary>
    /// <param name="first">First run of the range.</param>
    /// <param name="count">Runs in the range.</param>
    /// <param name="blockSize">Runs per block.</param>
    /// <param name="threads">Most threads used; 0 = one per core.</param>
    /// <param name="createWorker">Makes a worker for a thread (called once per thread that takes part).</param>
    /// <param name="runBlock">Runs one block on a worker: (worker, first run of the block, runs in it). Called in parallel.</param>
    /// <param name="release">Receives each worker once its thread is done, one call at a time; may be null.</param>
    /// <param name="cancellationToken">Stops the loop between blocks (throws <see cref="OperationCanceledException"/>).</param>
    public static void Run<TWorker>(
        long first,
        long count,
        int blockSize,
        int threads,
        Func<TWorker> createWorker,
        Action<TWorker, long, int> runBlock,
        Action<TWorker>? release,
        CancellationToken cancellationToken = default) =>
        Run(
            first,
            count,
            blockSize,
            threads,
            createWorker,
            (worker, start, size) =>
            {
                runBlock(worker, start, size);
                return size;
            },
            deliver: null,
            release,
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="count"/> runs from <paramref name="first"/> in blocks of <paramref name="blockSize"/> (the last
    /// may be shorter) on up to <paramref name="threads"/> threads (0 = one per core).
    /// </summary>
    /// <param name="first">First run of the range.</param>
    /// <param name="count">Runs in the range.</param>
    /// <param name="blockSize">Runs per block.</param>
    /// <param name="threads">Most threads used; 0 = one per core.</param>
    /// <param name="createWorker">Makes a worker for a thread (called once per thread that takes part).</param>
    /// <param name="runBlock">Runs one block on a worker: (worker, first run of the block, runs in it) → the block's result. Called in parallel.</param>
    /// <param name="deliver">Receives every block's result, in block order, one call at a time; null when the results need no hand-over.</param>
    /// <param name="release">Receives each worker once its thread is done, one call at a time (to merge its statistics or keep it for reuse); may be null.</param>
    /// <param name="cancellationToken">Stops the loop between blocks (throws <see cref="OperationCanceledException"/>).</param>
    public static void Run<TWorker, TResult>(
        long first,
        long count,
        int blockSize,
        int threads,
        Func<TWorker> createWorker,
        Func<TWorker, long, int, TResult> runBlock,
        Action<TResult>? deliver,
        Action<TWorker>? release,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        int blocks = checked((int)((count + blockSize - 1) / blockSize));
        var gate = new object();
        var finished = new Dictionary<int, TResult>(); // blocks done out of order, waiting for their predecessors
        int next = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.For(
            0,
            blocks,
            parallel,
            createWorker,
            (b, _, worker) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                long start = first + ((long)b * blockSize);
                var result = runBlock(worker, start, (int)Math.Min(blockSize, first + count - start));
                if (deliver is not null)
                {
                    lock (gate)
                    {
                        finished[b] = result;
                        while (finished.Remove(next, out var ready))
                        {
                            deliver(ready);
                            next++;
                        }
                    }
                }

                return worker;
            },
            worker =>
            {
                if (release is not null)
                {
                    lock (gate)
                    {
                        release(worker);
                    }
                }
            });
    }
}
