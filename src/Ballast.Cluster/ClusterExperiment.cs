using System.Runtime.InteropServices;
using System.Diagnostics;
using Ballast.Core;
using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Orleans;

namespace Ballast.Cluster;

/// <summary>How an experiment went on the cluster.</summary>
/// <param name="Summary">Runs in the design, skipped (already stored) and executed now.</param>
/// <param name="RunsBySilo">Runs stored per silo that ran them (silo address → runs).</param>
/// <param name="Ranges">Ranges stored.</param>
/// <param name="Requeued">Ranges run again because the silo holding them died.</param>
/// <param name="Dropped">Results dropped as second results of a range (never stored).</param>
/// <param name="Resubmitted">Times the client resubmitted the job because the coordinator had lost it.</param>
public sealed record ClusterSummary(ExperimentSummary Summary, IReadOnlyDictionary<string, int> RunsBySilo, int Ranges, int Requeued, int Dropped, int Resubmitted)
{
    /// <summary>One line on how the work went: ranges, runs per silo, ranges run again, second results dropped, coordinator restarts.</summary>
    public string Note => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Cluster: {Ranges} ranges; runs per silo {string.Join(", ", RunsBySilo.Select(kv => $"{kv.Key} {kv.Value}"))}; ranges run again after a silo died: {Requeued}; second results dropped: {Dropped}; coordinator restarts: {Resubmitted}.");
}

/// <summary>
/// The client side of a cluster experiment: cuts the rows not yet in the store into ranges, submits them to the
/// coordinator and stores finished ranges as they come back, gathered into transactions of the store's preferred size. The store is the record of what is
/// done: a range counts as done only once its rows are committed, a range whose rows are already stored is never
/// written again, and a client started again after a crash resumes from the store like a local <c>explore</c>.
/// </summary>
public static class ClusterExperiment
{
    /// <summary>
    /// Ranges for a small experiment (a policy's futures in robust and search, a web explore job): a sixteenth of its
    /// runs, at least 16, so the silos have enough pieces to share while each range stays long against its fixed cost.
    /// </summary>
    public static int PolicyRangeSize(int futures) => Math.Max(16, futures / 16);

    /// <summary>Runs the rows of <paramref name="design"/> that <paramref name="sink"/> lacks on the cluster.</summary>
    /// <param name="grains">The cluster client.</param>
    /// <param name="job">The job (its id unique to this client session).</param>
    /// <param name="design">The design.</param>
    /// <param name="outcomes">Outcomes per run.</param>
    /// <param name="yearlyPerRun">Yearly values per run.</param>
    /// <param name="sink">The results store.</param>
    /// <param name="rangeSize">Rows per range (the grain of work stealing and of a store transaction).</param>
    /// <param name="rows">Only these rows (a <c>--range</c>), or all.</param>
    /// <param name="progress">Stored and total runs.</param>
    /// <param name="field">The setting that named the cluster, for errors (the CLI's <c>--cluster</c>, the web's <c>Cluster</c>).</param>
    /// <param name="patience">How long the coordinator may go without answering (every silo down) before the run fails; two minutes when null.</param>
    /// <param name="cancel">Stops waiting (stored ranges stay stored) and withdraws the job's remaining ranges from the cluster.</param>
    public static async Task<ClusterSummary> RunAsync(IGrainFactory grains, ExperimentJob job, Design design, int outcomes, int yearlyPerRun, IRunSink sink,
        int rangeSize, RunRange? rows = null, IProgress<(int Done, int Total)>? progress = null, string field = "--cluster", TimeSpan? patience = null,
        CancellationToken cancel = default)
    {
        var scope = rows ?? new RunRange(0, design.Rows);
        // Runs committed or being committed: a range with any of them is never written again.
        var taken = new HashSet<int>(sink.CompletedRuns().Where(r => r >= scope.First && r < scope.End));
        int skipped = taken.Count;
        int committed = skipped;
        var coordinator = grains.GetGrain<ICoordinatorGrain>(0);
        var bySilo = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int ranges = 0;
        int resubmitted = -1;
        int requeuedBefore = 0;
        int droppedBefore = 0;
        Collected? last = null;

        // (Re)submits every range of the scope not yet taken; after a coordinator loss its counters restart at 0.
        async Task SubmitAsync()
        {
            var missing = Enumerable.Range(scope.First, scope.Count).Where(r => !taken.Contains(r)).ToList();
            var cut = RunRange.Cut(missing, Math.Max(1, rangeSize));
            requeuedBefore += last?.Requeued ?? 0;
            droppedBefore += last?.Dropped ?? 0;
            last = null;
            resubmitted++;
            await coordinator.Submit(job, cut.Select(c => c.First).ToArray(), cut.Select(c => c.Count).ToArray()).ConfigureAwait(false);
        }

        // Ranges are committed on a background task while the next ones are collected (as the local runner overlaps the
        // store with the model), in the order they arrived, gathered into transactions of the store's preferred size
        // (ranges received but not yet committed are not done: a client that stops loses them and runs them again).
        Task storing = Task.CompletedTask;
        List<RangeResult> inFlight = [];
        List<RangeResult> gathered = [];
        int gatheredRuns = 0;
        int preferred = Math.Max(1, sink.PreferredBatchSize);
        var batch = new RunBatch(0, outcomes, yearlyPerRun);

        async Task AwaitStoredAsync()
        {
            await storing.ConfigureAwait(false);
            foreach (var r in inFlight)
            {
                bySilo[r.Silo] = bySilo.GetValueOrDefault(r.Silo) + r.Count;
                committed += r.Count;
                ranges++;
            }

            if (inFlight.Count > 0)
            {
                progress?.Report((committed, scope.Count));
            }

            inFlight = [];
        }

        // Hands the gathered ranges to the store as one batch, once the previous batch is committed.
        async Task StoreGatheredAsync()
        {
            await AwaitStoredAsync().ConfigureAwait(false);
            if (gathered.Count == 0)
            {
                return;
            }

            var group = gathered;
            int runs = gatheredRuns;
            inFlight = group;
            gathered = [];
            gatheredRuns = 0;
            storing = Task.Run(
                () =>
                {
                    if (batch.Runs.Length < runs)
                    {
                        batch = new RunBatch(runs, outcomes, yearlyPerRun);
                    }

                    int k = 0;
                    foreach (var r in group)
                    {
                        for (int i = 0; i < r.Count; i++)
                        {
                            batch.Runs[k + i] = r.First + i;
                        }

                        MemoryMarshal.Cast<byte, double>(r.Outcomes).CopyTo(batch.Outcomes.AsSpan(k * outcomes));
                        MemoryMarshal.Cast<byte, double>(r.Yearly).CopyTo(batch.Yearly.AsSpan(k * yearlyPerRun));
                        k += r.Count;
                    }

                    batch.Count = runs;
                    sink.Write(batch);
                },
                CancellationToken.None);
        }

        // The coordinator's calls, retried while its silo is replaced; when no silo answers at all, ClusterSilentException
        // (turned into a located error below, once the batch being committed has landed, so its count is final).
        Task Retry(Func<Task> call) => ClusterExperiment.Retry(call, patience ?? DefaultPatience, cancel);

        try
        {
            await Retry(SubmitAsync).ConfigureAwait(false);
            while (taken.Count < scope.Count)
            {
                cancel.ThrowIfCancellationRequested();
                Collected? got = null;
                await Retry(async () => got = await coordinator.Collect(job.Id, 8).ConfigureAwait(false)).ConfigureAwait(false);
                if (got is null)
                {
                    // The coordinator's silo died and it came back empty: hand it what is not stored yet.
                    await Retry(SubmitAsync).ConfigureAwait(false);
                    continue;
                }

                last = got;
                if (got.Failure is not null)
                {
                    await Retry(() => coordinator.Finish(job.Id)).ConfigureAwait(false);
                    throw new BallastInputException($"the cluster could not run {job.ScenarioLabel}: {got.Failure}", field: field);
                }

                foreach (var r in got.Ranges.Where(r => !Enumerable.Range(r.First, r.Count).Any(taken.Contains)))
                {
                    taken.UnionWith(Enumerable.Range(r.First, r.Count));
                    gathered.Add(r);
                    gatheredRuns += r.Count;
                }

                if (gatheredRuns >= preferred || (gathered.Count > 0 && taken.Count == scope.Count))
                {
                    await StoreGatheredAsync().ConfigureAwait(false);
                }
                else if (storing.IsCompleted)
                {
                    // Reports a finished batch (or its failure) now rather than at the next hand-over.
                    await AwaitStoredAsync().ConfigureAwait(false);
                }

                if (got.Ranges.Length == 0)
                {
                    await Task.Delay(20, cancel).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e)
        {
            // A batch handed to the store commits whole (or not at all) before we leave, so the store is never closed under it.
            bool landed;
            try
            {
                storing.Wait(CancellationToken.None);
                landed = true;
            }
            catch (AggregateException)
            {
                // The exception that brought us here is the one to report.
                landed = false;
            }

            if (cancel.IsCancellationRequested)
            {
                await WithdrawAsync(coordinator, job.Id).ConfigureAwait(false);
            }

            if (e is ClusterSilentException)
            {
                // The count includes the batch that was still being committed when the cluster went silent.
                int stored = committed + (landed ? inFlight.Sum(r => r.Count) : 0);
                throw new BallastInputException(
                    $"the cluster stopped answering for {(patience ?? DefaultPatience).TotalSeconds:0} s while running {job.ScenarioLabel}; {stored} of {scope.Count} runs were stored before it stopped",
                    field: field);
            }

            throw;
        }

        await AwaitStoredAsync().ConfigureAwait(false);
        await Retry(() => coordinator.Finish(job.Id)).ConfigureAwait(false);
        return new ClusterSummary(new ExperimentSummary(scope.Count, skipped, scope.Count - skipped), bySilo, ranges,
            requeuedBefore + (last?.Requeued ?? 0), droppedBefore + (last?.Dropped ?? 0), Math.Max(0, resubmitted));
    }

    /// <summary>
    /// A cancelled job (a web job cancelled or over its time limit; the CLI stopped) is forgotten by the coordinator, so
    /// the silos do not go on simulating ranges nobody will store. Best effort, for a few seconds: if the coordinator
    /// cannot be reached, its ranges are lost with it anyway.
    /// </summary>
    private static async Task WithdrawAsync(ICoordinatorGrain coordinator, string jobId)
    {
        try
        {
            await coordinator.Finish(jobId).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // Nothing more to do: the job is being abandoned.
        }
    }

    private static readonly TimeSpan DefaultPatience = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Calls the coordinator until it answers: while the silo it lived on is being declared dead, calls fail or time
    /// out, and then it is activated again elsewhere. After <paramref name="patience"/> without an answer, throws
    /// <see cref="ClusterSilentException"/>.
    /// </summary>
    private static async Task Retry(Func<Task> call, TimeSpan patience, CancellationToken cancel)
    {
        var since = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await call().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                if (since.Elapsed >= patience)
                {
                    throw new ClusterSilentException();
                }

                await Task.Delay(200, cancel).ConfigureAwait(false);
            }
        }
    }

    /// <summary>No silo answered the coordinator's calls for the whole patience.</summary>
    private sealed class ClusterSilentException : Exception;
}
