using System.Collections.Concurrent;

namespace Ballast.Engine.Tests;

public class BlockRunnerTests
{
    private sealed class Worker
    {
        public List<(long First, int Count)> Blocks { get; } = [];
    }

    private static (List<(long First, int Count)> Delivered, List<Worker> Released) Run(int threads)
    {
        var delivered = new List<(long First, int Count)>();
        var released = new List<Worker>();
        BlockRunner.Run(
            5,
            103,
            10,
            threads,
            () => new Worker(),
            (worker, first, count) =>
            {
                // Early blocks take longest, so with several threads they finish after later ones.
                Thread.Sleep((int)(115 - first) / 10);
                worker.Blocks.Add((first, count));
                return (first, count);
            },
            delivered.Add,
            released.Add);
        return (delivered, released);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(0)]
    public void Blocks_are_handed_over_in_block_order_whatever_the_thread_count(int threads)
    {
        var (delivered, released) = Run(threads);
        var expected = Enumerable.Range(0, 10).Select(b => (5L + (10 * b), 10)).Append((105L, 3));
        Assert.Equal(expected, delivered);
        Assert.Equal(expected, released.SelectMany(w => w.Blocks).Order());
        Assert.Equal(released.Count, released.Distinct().Count());
    }

    [Fact]
    public void A_slow_block_holds_back_at_most_a_window_of_finished_blocks()
    {
        // Block 0 is slow; the other thread may run ahead only a bounded window (32 blocks per thread), so the results
        // waiting for hand-over never pile up, whatever the ensemble size.
        int finishedBeforeFirst = -1;
        int finished = 0;
        var delivered = new List<long>();
        BlockRunner.Run(
            0,
            1000,
            1,
            2,
            () => 0,
            (_, first, _) =>
            {
                if (first == 0)
                {
                    Thread.Sleep(300);
                    finishedBeforeFirst = Volatile.Read(ref finished);
                }

                Interlocked.Increment(ref finished);
                return first;
            },
            delivered.Add,
            null);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), delivered);
        Assert.InRange(finishedBeforeFirst, 0, 64);
    }

    [Fact]
    public void A_failing_block_propagates_its_exception_and_releases_waiting_threads()
    {
        var ex = Assert.ThrowsAny<Exception>(() => BlockRunner.Run(
            0,
            1000,
            1,
            2,
            () => 0,
            (_, first, _) => first == 3 ? throw new InvalidOperationException("block 3 failed") : first,
            _ => { },
            null));
        var inner = ex is AggregateException agg ? Assert.Single(agg.InnerExceptions) : ex;
        Assert.Equal("block 3 failed", inner.Message);
    }

    [Fact]
    public void Blocks_without_results_cover_every_run_once()
    {
        var seen = new int[50];
        var workers = new ConcurrentBag<int[]>();
        BlockRunner.Run(
            0,
            50,
            16,
            2,
            () => new int[1],
            (blocks, first, count) =>
            {
                blocks[0]++;
                for (long r = first; r < first + count; r++)
                {
                    Interlocked.Increment(ref seen[r]);
                }
            },
            workers.Add);
        Assert.All(seen, n => Assert.Equal(1, n));
        Assert.Equal(4, workers.Sum(w => w[0]));
    }

    [Fact]
    public void An_empty_range_runs_nothing()
    {
        int calls = 0;
        BlockRunner.Run(0, 0, 8, 2, () => 0, (_, _, _) => calls++, null);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Cancellation_stops_the_loop()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => BlockRunner.Run(0, 100, 10, 1, () => 0, (_, _, _) => { }, null, cts.Token));
    }
}
