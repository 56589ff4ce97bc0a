using System.Globalization;
using System.Net;
using System.Text.Json;
using Ballast.Cluster;
using Ballast.Store;
using Ballast.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Ballast.Web.Tests;

/// <summary>
/// Explore jobs of the web app on an Orleans cluster (setting <c>Ballast:Cluster</c>): Orleans' in-process test cluster
/// of two silos, reached through their gateways as a real deployment is. The job's store equals the in-process job's
/// bit for bit, and a cluster that cannot be reached fails the job with a message instead of leaving it running.
/// </summary>
[Collection("web-cluster")]
public sealed class ClusterJobTests(ClusterJobTests.Silos silos) : IClassFixture<ClusterJobTests.Silos>
{
    /// <summary>Two silos with one-thread range workers, under a cluster id of their own.</summary>
    public sealed class Silos : IAsyncLifetime
    {
        public TestCluster Cluster { get; private set; } = null!;

        public string ClusterId { get; } = "ballast-web-" + Guid.NewGuid().ToString("N")[..8];

        /// <summary>The silos' gateways as the setting takes them.</summary>
        public string Gateways => string.Join(",", Cluster.Silos.Select(s => s.GatewayAddress.Endpoint.ToString()));

        public async Task InitializeAsync()
        {
            var builder = new TestClusterBuilder(2);
            builder.Options.ClusterId = ClusterId;
            builder.Options.ServiceId = ClusterId;
            // Real sockets: the web app reaches the silos' gateways as a separate client would, not through the test cluster's in-memory transport.
            builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
            builder.AddSiloBuilderConfigurator<Workers>();
            Cluster = builder.Build();
            // Orleans blocks on its own start-up; xunit's synchronisation context would deadlock it.
            await Task.Run(Cluster.DeployAsync);
        }

        public async Task DisposeAsync() => await Task.Run(async () => await Cluster.DisposeAsync());

        private sealed class Workers : ISiloConfigurator
        {
            public void Configure(ISiloBuilder silo) => silo.AddBallastWorker(new WorkerOptions(Threads: 1));
        }
    }

    [Fact]
    public async Task An_explore_job_on_the_cluster_equals_the_in_process_job_bit_for_bit()
    {
        using var local = new BallastFactory();
        using var cluster = new BallastFactory().With("Cluster", silos.Gateways).With("ClusterId", silos.ClusterId);
        var logs = new CapturedLogs();
        using var remote = cluster.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace)));
        var request = new { scenario = "baseline", design = "sobol", samples = 16, seed = 7 };

        var (localJob, localStore) = await Explore(local, local.Store, request);
        var (remoteJob, remoteStore) = await Explore(remote, cluster.Store, request);

        // 480 runs in ranges of a sixteenth (30 runs), shared by both silos.
        var note = Assert.Single(logs.Lines, l => l.Contains("ran on the cluster", StringComparison.Ordinal));
        Assert.Contains("Cluster: 16 ranges; runs per silo ", note, StringComparison.Ordinal);

        Assert.Equal(localJob.GetProperty("total").GetInt64(), remoteJob.GetProperty("total").GetInt64());
        Assert.Equal(localJob.GetProperty("total").GetInt64(), remoteJob.GetProperty("done").GetInt64());
        var (localOutcomes, localYearly) = Contents(localStore);
        var (remoteOutcomes, remoteYearly) = Contents(remoteStore);
        Assert.Equal(localJob.GetProperty("total").GetInt64() * 11, localOutcomes.Length); // every run: its index and 10 outcomes
        Assert.Equal(localOutcomes, remoteOutcomes);
        Assert.Equal(localYearly, remoteYearly);

        // What the API derives from the store is the same too (but for the job's id).
        static async Task<string> Sensitivity(WebApplicationFactory<Program> f, JsonElement job)
        {
            string id = job.GetProperty("id").GetString()!;
            var text = await f.CreateClient().GetStringAsync($"/api/jobs/{id}/sensitivity?outcome=balance_ratio&resamples=50");
            return text.Replace(id, "ID", StringComparison.Ordinal);
        }

        Assert.Equal(await Sensitivity(local, localJob), await Sensitivity(remote, remoteJob));
    }

    [Fact]
    public async Task An_unreachable_cluster_fails_the_job_with_the_reason()
    {
        // A port no silo listens on.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var f = new BallastFactory().With("Cluster", $"127.0.0.1:{port}").With("ClusterId", silos.ClusterId);
        var c = f.CreateClient();
        var job = await (await c.PostJson("/api/explore", new { scenario = "baseline", design = "lhs", samples = 8, seed = 1 })).Json(HttpStatusCode.Accepted);

        var end = await TestHttp.WaitFor(c, job.GetProperty("id").GetString()!, TimeSpan.FromMinutes(1));

        Assert.Equal("Failed", end.GetProperty("status").GetString());
        Assert.StartsWith(
            $"field 'Cluster', value '127.0.0.1:{port}': cannot reach the cluster '{silos.ClusterId}' at 127.0.0.1:{port} (",
            end.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("); start silos with 'ballast cluster silo'", end.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_setting_that_is_not_a_gateway_list_is_refused()
    {
        Assert.Equal(("Cluster", "'127.0.0.1': expected HOST:PORT, e.g. 127.0.0.1:30000"), new BallastWebOptions { Cluster = "127.0.0.1" }.Check());
        Assert.Equal(("ClusterId", "the cluster's name must be given"), new BallastWebOptions { Cluster = "localhost", ClusterId = " " }.Check());
        Assert.Null(new BallastWebOptions { Cluster = "localhost" }.Check());
        Assert.Null(new BallastWebOptions { Cluster = "127.0.0.1:30000, 127.0.0.1:30001" }.Check());
    }

    [Fact]
    public async Task Runs_and_comparisons_stay_in_the_process_when_a_cluster_is_set()
    {
        // The cluster runs designed experiments; an ensemble's report needs every run's whole trajectory, which a range's
        // results do not carry. A cluster that cannot be reached therefore does not stop a run job.
        using var f = new BallastFactory().With("Cluster", "127.0.0.1:9").With("ClusterId", silos.ClusterId);
        var c = f.CreateClient();
        var job = await (await c.PostJson("/api/jobs", new { scenario = "baseline", runs = 64, seed = 3 })).Json(HttpStatusCode.Accepted);
        Assert.Equal("Succeeded", (await TestHttp.WaitFor(c, job.GetProperty("id").GetString()!)).GetProperty("status").GetString());
    }

    /// <summary>Runs an explore job to the end; returns its final state and its store, downloaded through the API.</summary>
    private static async Task<(JsonElement Job, string Store)> Explore(WebApplicationFactory<Program> f, string folder, object request)
    {
        var c = f.CreateClient();
        var job = await (await c.PostJson("/api/explore", request)).Json(HttpStatusCode.Accepted);
        string id = job.GetProperty("id").GetString()!;
        var end = await TestHttp.WaitFor(c, id);
        Assert.True(end.GetProperty("status").GetString() == "Succeeded", end.GetRawText());
        string path = Path.Combine(folder, "download-" + id + ".duckdb");
        await File.WriteAllBytesAsync(path, await c.GetByteArrayAsync($"/api/jobs/{id}/files/results.duckdb"));

        // A store is its file and its parts folder (the yearly rows): both are listed among the job's files.
        var parts = (await (await c.GetAsync($"/api/jobs/{id}/files")).Json(HttpStatusCode.OK)).EnumerateArray()
            .Select(e => e.GetProperty("name").GetString()!).Where(n => n.StartsWith("results.duckdb.parts/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(parts);
        Directory.CreateDirectory(path + ".parts");
        foreach (var name in parts)
        {
            await File.WriteAllBytesAsync(Path.Combine(path + ".parts", name["results.duckdb.parts/".Length..]), await c.GetByteArrayAsync($"/api/jobs/{id}/files/{name}"));
        }

        return (end, path);
    }

    /// <summary>Every value of outcomes and outcomes_yearly, ordered by run (and year), as raw bits so NaN compares too.</summary>
    private static (long[] Outcomes, long[] Yearly) Contents(string path)
    {
        using var store = ResultStore.Open(path);
        static long[] Bits(QueryResult q) => [.. q.Rows.SelectMany(r => r).Select(v => v is null ? long.MinValue : BitConverter.DoubleToInt64Bits(Convert.ToDouble(v, CultureInfo.InvariantCulture)))];
        return (Bits(store.Query("SELECT * FROM outcomes ORDER BY run")), Bits(store.Query("SELECT * FROM outcomes_yearly ORDER BY run, year")));
    }
}
