using Ballast.Cluster;
using Ballast.Core;
using Ballast.Exploration.Experiments;
using Ballast.Store;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Ballast.Cluster.Tests;

/// <summary>
/// The cluster against the single-process runner on the same design and seed: the same bits in the store, every run
/// once, also when a silo is killed (not stopped) while it holds a range, and when the client resumes a store.
/// </summary>
[Collection("cluster")]
public sealed class ClusterTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_job_no_silo_can_run_fails_with_the_silo_s_message_and_the_silos_stay_up()
    {
        using var x = new Experiments(samples: 200, seed: 5);
        using var broken = x.Store("broken");
        var bad = x.Job() with { ScenarioYaml = File.ReadAllText(x.ScenarioPath).Replace("horizon: 2035", "horizon: 1900", StringComparison.Ordinal), ScenarioLabel = "broken.yaml" };
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        int silos = fixture.Cluster.GetActiveSilos().Count();

        var e = await Assert.ThrowsAsync<BallastInputException>(() =>
            ClusterExperiment.RunAsync(fixture.Cluster.Client, bad, x.Design, x.Model.Outcomes.Count, x.YearlyPerRun, broken, rangeSize: 50, cancel: patience.Token));

        Assert.Equal("--cluster", e.Field);
        Assert.StartsWith("the cluster could not run broken.yaml: broken.yaml:", e.Reason, StringComparison.Ordinal);
        Assert.Contains("horizon", e.Reason, StringComparison.Ordinal);
        Assert.Contains("(on silo ", e.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, broken.Query("SELECT count(*) FROM outcomes").Rows[0][0]);

        // Every silo is still up and the next job runs to the end.
        Assert.Equal(silos, fixture.Cluster.GetActiveSilos().Count());
        using var good = x.Store("good");
        var summary = await ClusterExperiment.RunAsync(fixture.Cluster.Client, x.Job(), x.Design, x.Model.Outcomes.Count, x.YearlyPerRun, good, rangeSize: 50, cancel: patience.Token);
        Assert.Equal(new ExperimentSummary(200, 0, 200), summary.Summary);
    }

    [Fact]
    public async Task Cluster_results_equal_the_single_process_run_bit_for_bit()
    {
        using var x = new Experiments(samples: 3000, seed: 11);
        using var local = x.Local();
        using var remote = x.Store("cluster");
        var summary = await ClusterExperiment.RunAsync(fixture.Cluster.Client, x.Job(), x.Design, x.Model.Outcomes.Count, x.YearlyPerRun, remote, rangeSize: 100);

        Assert.Equal(new ExperimentSummary(3000, 0, 3000), summary.Summary);
        Assert.Equal(30, summary.Ranges);
        Assert.Equal(3000, summary.RunsBySilo.Values.Sum());
        Assert.Equal(Experiments.Contents(local), Experiments.Contents(remote), new ContentsComparer());
        Assert.Equal(3000L, remote.Query("SELECT count(DISTINCT run) FROM outcomes").Rows[0][0]);
        Assert.Equal(3000L * x.Model.Years.Count, remote.Query("SELECT count(*) FROM outcomes_yearly").Rows[0][0]);
    }

    [Fact]
    public async Task A_cancelled_client_withdraws_its_job_so_the_silos_stop_taking_its_ranges()
    {
        // Far more runs than the first commit holds (a store commits row groups of ~10,000 runs), so the job is still running when cancelled.
        using var x = new Experiments(samples: 100000, seed: 9);
        using var remote = x.Store("cancelled");
        var job = x.Job();
        var coordinator = fixture.Cluster.Client.GetGrain<ICoordinatorGrain>(0);
        using var cancel = new CancellationTokenSource();
        var stored = new TaskCompletionSource();
        var progress = new Progress(() => stored.TrySetResult());
        var run = ClusterExperiment.RunAsync(fixture.Cluster.Client, job, x.Design, x.Model.Outcomes.Count, x.YearlyPerRun, remote, rangeSize: 200, progress: progress, cancel: cancel.Token);

        await stored.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Null(await coordinator.Collect(job.Id, 1)); // forgotten: no range of it is handed out any more
        Assert.DoesNotContain(await coordinator.Leases(), l => l.JobId == job.Id);
        Assert.Equal(0L, (long)remote.Query("SELECT count(*) FROM outcomes").Rows[0][0]! % 200); // whole ranges only
    }

    [Fact]
    public async Task A_resumed_client_runs_only_the_missing_rows_and_ends_equal()
    {
        using var x = new Experiments(samples: 1000, seed: 5);
        using var local = x.Local();
        using var remote = x.Store("resumed");
        // The first client "crashed" after rows 0–399 and 700–849 were stored.
        ExperimentRunner.Run(x.Model, x.Design, x.Parameters, remote, new RunOptions(Threads: 1, Rows: new RunRange(0, 400)));
        ExperimentRunner.Run(x.Model, x.Design, x.Parameters, remote, new RunOptions(Threads: 1, Rows: new RunRange(700, 150)));

        var summary = await ClusterExperiment.RunAsync(fixture.Cluster.Client, x.Job(), x.Design, x.Model.Outcomes.Count, x.YearlyPerRun, remote, rangeSize: 64);

        Assert.Equal(new ExperimentSummary(1000, 550, 450), summary.Summary);
        Assert.Equal(450, summary.RunsBySilo.Values.Sum());
        Assert.Equal(Experiments.Contents(local), Experiments.Contents(remote), new ContentsComparer());
    }

    [Fact]
    public async Task A_silo_killed_while_holding_a_range_loses_nothing_and_stores_nothing_twice()
    {
        using var x = new Experiments(samples: 48000, seed: 3);
        using var local = x.Local();
        using var remote = x.Store("killed");
        var cluster = fixture.Cluster;
        var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>(0);
        // Twelve ranges of 4,000 for three silos that each hold at most two leases (one running, one waiting): the two
        // other silos cannot take them all at once, so every silo that asks gets one.
        const int rangeSize = 4000;
        var run = ClusterExperiment.RunAsync(cluster.Client, x.Job(), x.Design, x.Model.Outcomes.Count, x.YearlyPerRun, remote, rangeSize: rangeSize);

        // The victim: the first silo seen holding a range other than the primary (which hosts the test cluster's
        // membership) and the coordinator's host.
        var host = await coordinator.Host();
        var candidates = cluster.SecondarySilos.Where(s => !s.SiloAddress.Equals(host)).ToArray();
        SiloHandle? victim = null;
        LeaseInfo[] held = [];
        while (!run.IsCompleted && victim is null)
        {
            var leases = await coordinator.Leases();
            var holder = candidates.FirstOrDefault(c => leases.Any(l => l.Silo.Equals(c.SiloAddress)));
            if (holder is null)
            {
                await Task.Delay(5);
                continue;
            }

            victim = holder;
            held = leases.Where(l => l.Silo.Equals(holder.SiloAddress)).ToArray();
        }

        if (victim is null)
        {
            var early = await run; // a failed job surfaces here with its own exception
            Assert.Fail($"the job ended before a candidate silo ({candidates.Length}) held a range; runs by silo: {string.Join(", ", early.RunsBySilo.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        Assert.NotNull(victim);

        await cluster.KillSiloAsync(victim);
        var summary = await run;
        output.WriteLine($"killed {victim.SiloAddress} holding range {held[0].First}; requeued {summary.Requeued}, dropped {summary.Dropped}, runs by silo: {string.Join(", ", summary.RunsBySilo.Select(kv => $"{kv.Key}={kv.Value}"))}");

        // Each range the victim held is either re-run elsewhere or was delivered by the victim before the kill took effect
        // (results already on their way are kept: first result wins); nothing is lost either way, as the counts below check.
        int victimRuns = summary.RunsBySilo.Where(kv => kv.Key.StartsWith(victim.SiloAddress.Endpoint.ToString() + "@", StringComparison.Ordinal)).Sum(kv => kv.Value);
        Assert.True(summary.Requeued * rangeSize + victimRuns >= held.Length * rangeSize,
            $"the killed silo's {held.Length} range(s) were neither run again ({summary.Requeued} requeued) nor delivered by it ({victimRuns} runs)");
        Assert.Equal(new ExperimentSummary(48000, 0, 48000), summary.Summary);
        Assert.Equal(48000, summary.RunsBySilo.Values.Sum());
        Assert.Equal(48000L, remote.Query("SELECT count(DISTINCT run) FROM outcomes").Rows[0][0]);
        Assert.Equal(48000L * x.Model.Years.Count, remote.Query("SELECT count(*) FROM outcomes_yearly").Rows[0][0]);
        Assert.Equal(Experiments.Contents(local), Experiments.Contents(remote), new ContentsComparer());
    }

    /// <summary>Reports on the calling thread.</summary>
    private sealed class Progress(Action report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report();
    }

    /// <summary>Compares store contents without printing megabytes when they differ.</summary>
    private sealed class ContentsComparer : IEqualityComparer<(long[] Outcomes, long[] Yearly)>
    {
        public bool Equals((long[] Outcomes, long[] Yearly) a, (long[] Outcomes, long[] Yearly) b) =>
            a.Outcomes.AsSpan().SequenceEqual(b.Outcomes) && a.Yearly.AsSpan().SequenceEqual(b.Yearly);

        public int GetHashCode((long[] Outcomes, long[] Yearly) obj) => obj.Outcomes.Length;
    }
}
