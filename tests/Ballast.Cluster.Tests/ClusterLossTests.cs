using Ballast.Cluster;
using Ballast.Core;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Ballast.Cluster.Tests;

/// <summary>
/// Every silo gone while a job runs: the client stops waiting after its patience with a located error that says how
/// many runs were stored, and exactly those runs are in the store (the rest can be run again from it).
/// </summary>
[Collection("cluster")]
public sealed class ClusterLossTests
{
    [Fact]
    public Task A_cluster_that_stops_answering_fails_the_job_saying_what_was_stored() => Task.Run(async () =>
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<OneThreadSilo>();
        builder.AddClientBuilderConfigurator<ImpatientClient>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        // Far more runs than one commit (row groups of ~10,000 runs), so the silo is killed with most of the job still to run.
        using var x = new Experiments(samples: 100_000, seed: 9);
        using var store = x.Store("lost");
        var firstCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new Progress(done =>
        {
            if (done > 0)
            {
                firstCommit.TrySetResult();
            }
        });
        var run = ClusterExperiment.RunAsync(cluster.Client, x.Job(), x.Design, x.Model.Outcomes.Count, x.YearlyPerRun, store, rangeSize: 1000,
            progress: progress, patience: TimeSpan.FromSeconds(3));
        await Task.WhenAny(firstCommit.Task, run);
        Assert.False(run.IsCompleted, "the job ended before the silo was killed");
        await cluster.KillSiloAsync(cluster.Primary!);

        var e = await Assert.ThrowsAsync<BallastInputException>(() => run);
        Assert.Equal("--cluster", e.Field);
        var m = System.Text.RegularExpressions.Regex.Match(e.Reason,
            "^the cluster stopped answering for 3 s while running baseline\\.yaml; ([0-9]+) of 100000 runs were stored before it stopped$");
        Assert.True(m.Success, e.Reason);
        long stored = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stored, 1, 99_999);
        Assert.Equal(stored, store.Query("SELECT count(DISTINCT run) FROM outcomes").Rows[0][0]);
        Assert.Equal(stored, (long)store.CompletedRuns().Count);
    });

    private sealed class OneThreadSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddBallastWorker(new WorkerOptions(Threads: 1));
    }

    // A call to a dead cluster fails within seconds rather than after the default 30 s response timeout.
    private sealed class ImpatientClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(2));
    }

    private sealed class Progress(Action<int> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value.Done);
    }
}
