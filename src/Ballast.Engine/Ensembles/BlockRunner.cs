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
        int workers = Math.Max(1, Math.Min(threads > 0 ? threads : Environment.ProcessorCount, blocks));
        var handOver = deliver is null ? null : new HandOver<TResult>(deliver, Window * workers);
        int claimed = -1;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        using var wake = handOver is null ? default : cancellationToken.Register(handOver.Stop);

        // One loop per thread claiming blocks in order: the blocks finished but not yet handed over are at most a window
        // behind the oldest running one, so memory stays bounded and no thread waits on another's hand-over.
        Parallel.For(
            0,
            blocks == 0 ? 0 : workers,
            parallel,
            createWorker,
            (_, _, worker) =>
            {
                try
                {
                    int b;
                    while ((b = Interlocked.Increment(ref claimed)) < blocks)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (handOver is not null && !handOver.WaitForRoom(b))
                        {
                            break; // another thread failed or the run was cancelled: its exception is the one that propagates
                        }

                        long start = first + ((long)b * blockSize);
                        var result = runBlock(worker, start, (int)Math.Min(blockSize, first + count - start));
                        handOver?.Add(b, result);
                    }
                }
                catch
                {
                    handOver?.Stop();
                    throw;
                }

                return worker;
            },
            worker =>
            {
                if (release is not null)
                {
                    lock (parallel)
                    {
                        release(worker);
                    }
                }
            });
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Blocks finished per worker thread that may wait for hand-over before that thread pauses.</summary>
    private const int Window = 32;

    /// <summary>
    /// The ordered hand-over: results are parked by block number and handed over in order by whichever thread is free to
    /// (one at a time, outside the lock, so the other threads keep simulating while it writes).
    /// </summary>
    private sealed class HandOver<TResult>(Action<TResult> deliver, int window)
    {
        private readonly Dictionary<int, TResult> _finished = [];
        private int _next;
        private bool _delivering;
        private bool _stopped;

        /// <summary>Waits while block <paramref name="block"/> is a whole window ahead of the next to hand over; false once stopped.</summary>
        public bool WaitForRoom(int block)
        {
            lock (_finished)
            {
                while (block - _next >= window && !_stopped)
                {
                    Monitor.Wait(_finished);
                }

                return !_stopped;
            }
        }

        /// <summary>Parks a finished block and, unless another thread is handing over, hands over every block now in order.</summary>
        public void Add(int block, TResult result)
        {
            lock (_finished)
            {
                _finished[block] = result;
                if (_delivering)
                {
                    return;
                }

                _delivering = true;
            }

            try
            {
                while (true)
                {
                    TResult ready;
                    lock (_finished)
                    {
                        if (_stopped || !_finished.Remove(_next, out ready!))
                        {
                            _delivering = false;
                            return;
                        }
                    }

                    deliver(ready);
                    lock (_finished)
                    {
                        _next++;
                        Monitor.PulseAll(_finished);
                    }
                }
            }
            catch
            {
                lock (_finished)
                {
                    _delivering = false;
                }

                throw;
            }
        }

        /// <summary>Releases every waiting thread (a block failed, or the run was cancelled).</summary>
        public void Stop()
        {
            lock (_finished)
            {
                _stopped = true;
                Monitor.PulseAll(_finished);
            }
        }
    }
}
