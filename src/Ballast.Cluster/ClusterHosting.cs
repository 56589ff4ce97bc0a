using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Ballast.Cluster;

/// <summary>How silos find each other.</summary>
/// <param name="ClusterId">The cluster's name; silos and clients must agree.</param>
/// <param name="SiloPort">This silo's port for silo-to-silo traffic.</param>
/// <param name="GatewayPort">This silo's port for clients.</param>
/// <param name="Primary">Localhost clustering: the first silo's silo-to-silo endpoint (null: this silo is the first).</param>
/// <param name="AdoNetInvariant">ADO.NET clustering for many machines: the driver's invariant name (e.g. <c>Npgsql</c>); null for localhost clustering.</param>
/// <param name="AdoNetConnection">ADO.NET clustering: the membership database's connection string.</param>
/// <param name="Advertise">ADO.NET clustering: the address other machines reach this silo at.</param>
public sealed record SiloSettings(
    string ClusterId = "ballast",
    int SiloPort = 11111,
    int GatewayPort = 30000,
    IPEndPoint? Primary = null,
    string? AdoNetInvariant = null,
    string? AdoNetConnection = null,
    IPAddress? Advertise = null);

/// <summary>Builds silos and clients of a Ballast cluster (one place, for the CLI, the tests and the benchmark).</summary>
public static class ClusterHosting
{
    /// <summary>Adds the coordinator's dependencies and the range worker to a silo.</summary>
    public static ISiloBuilder AddBallastWorker(this ISiloBuilder silo, WorkerOptions worker)
    {
        silo.Services.AddSingleton(worker);
        silo.Services.AddHostedService<RangeWorker>();
        return silo;
    }

    /// <summary>A silo host: localhost clustering by default, ADO.NET clustering when an invariant is given.</summary>
    public static IHost Silo(SiloSettings settings, WorkerOptions worker)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            if (settings.AdoNetInvariant is null)
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, settings.Primary, serviceId: settings.ClusterId, clusterId: settings.ClusterId);
            }
            else
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = settings.AdoNetInvariant;
                    o.ConnectionString = settings.AdoNetConnection;
                });
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = settings.ClusterId;
                    o.ServiceId = settings.ClusterId;
                });
                silo.ConfigureEndpoints(settings.Advertise ?? IPAddress.Loopback, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            }

            silo.AddBallastWorker(worker);
        });
        return builder.Build();
    }

    /// <summary>A client host that reaches the cluster through the given gateways (any silo's gateway port).</summary>
    public static IHost Client(string clusterId, IReadOnlyList<IPEndPoint> gateways)
    {
        var builder = Host.CreateApplicationBuilder();
        // The client's failures reach the user as one line of the command's own; Orleans' retries would flood the terminal.
        builder.Logging.SetMinimumLevel(LogLevel.None);
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateways.ToArray());
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = clusterId;
            });
        });
        return builder.Build();
    }

    /// <summary>How long a client waits for a gateway before giving up.</summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Starts a client of the cluster, stopped and disposed with the returned connection; a cluster that cannot be reached is an
    /// input error naming the gateways and the target's setting.
    /// </summary>
    public static async Task<ClusterConnection> ConnectAsync(ClusterTarget target, CancellationToken cancel)
    {
        var (clusterId, gateways, field) = target;
        var host = Client(clusterId, gateways);
        // Orleans keeps retrying unreachable gateways for minutes; a user waiting for an experiment to start wants to know sooner.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        patience.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(patience.Token).ConfigureAwait(false);
            return new ClusterConnection(host);
        }
        catch (Exception e) when (e is Orleans.Runtime.OrleansException or System.Net.Sockets.SocketException or TimeoutException
            || (e is OperationCanceledException && !cancel.IsCancellationRequested))
        {
            host.Dispose();
            string why = e is OperationCanceledException ? $"no gateway answered within {ConnectTimeout.TotalSeconds:F0} s" : e.Message.Split('\n')[0];
            throw new Ballast.Core.BallastInputException(
                $"cannot reach the cluster '{clusterId}' at {string.Join(", ", gateways)} ({why}); start silos with 'ballast cluster silo'",
                field: field, value: string.Join(",", gateways));
        }
    }

    /// <summary>Parses <c>HOST:PORT[,HOST:PORT…]</c> (a gateway list; <c>localhost</c> alone means 127.0.0.1:30000).</summary>
    /// <param name="text">The list.</param>
    /// <param name="field">The setting it came from, for errors.</param>
    public static IReadOnlyList<IPEndPoint> Gateways(string text, string field = "--cluster")
    {
        if (text == "localhost")
        {
            return [new IPEndPoint(IPAddress.Loopback, 30000)];
        }

        var list = new List<IPEndPoint>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(Endpoint(part, field));
        }

        return list.Count > 0 ? list : throw new Ballast.Core.BallastInputException("give at least one gateway HOST:PORT", field: field, value: text);
    }

    /// <summary>Parses <c>HOST:PORT</c>; a host name is resolved to its first IPv4 address.</summary>
    public static IPEndPoint Endpoint(string text, string field)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new Ballast.Core.BallastInputException("expected HOST:PORT, e.g. 127.0.0.1:30000", field: field, value: text);
        }

        string host = text[..colon];
        if (!IPAddress.TryParse(host, out var address))
        {
            try
            {
                address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                    ?? throw new Ballast.Core.BallastInputException("the host has no IPv4 address", field: field, value: text);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                throw new Ballast.Core.BallastInputException($"cannot resolve the host ({e.Message})", field: field, value: text);
            }
        }

        return new IPEndPoint(address, port);
    }
}

/// <summary>A started cluster client: stopped (waiting at most 5 s) and disposed when its scope ends, however it ends.</summary>
public sealed class ClusterConnection : IDisposable, IAsyncDisposable
{
    private readonly IHost host;

    internal ClusterConnection(IHost host) => this.host = host;

    /// <summary>The client to send grain calls through.</summary>
    public Orleans.IClusterClient Client => host.Services.GetRequiredService<Orleans.IClusterClient>();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // A client whose gateways went away can take long to stop; the work's outcome is known already.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await host.StopAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Disposed below all the same.
        }

        host.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
