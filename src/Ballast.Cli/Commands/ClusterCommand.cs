using System.Net;
using Microsoft.Extensions.Hosting;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast cluster silo</c>: runs one Orleans silo whose worker takes run ranges of cluster experiments.</summary>
public static class ClusterCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext ctx)
    {
        var clusterId = ClusterId();
        var port = new Option<int>("--port") { Description = "Silo-to-silo port.", DefaultValueFactory = _ => 11111 };
        var gateway = new Option<int>("--gateway-port") { Description = "Port clients (explore --cluster) connect to.", DefaultValueFactory = _ => 30000 };
        var primary = new Option<string?>("--primary") { Description = "Localhost clustering: the first silo's HOST:PORT (its --port); leave out on the first silo.", HelpName = "HOST:PORT" };
        var invariant = new Option<string?>("--adonet-invariant") { Description = "Many machines: ADO.NET clustering through the membership database of this driver invariant (e.g. Npgsql); needs --adonet-connection. docs/scale.md sets it up.", HelpName = "NAME" };
        var connection = new Option<string?>("--adonet-connection") { Description = "ADO.NET clustering: connection string of the membership database (or the BALLAST_CLUSTER_CONNECTION environment variable).", HelpName = "TEXT" };
        var advertise = new Option<string?>("--advertise") { Description = "ADO.NET clustering: the IP address other machines reach this silo at.", HelpName = "IP" };
        var threads = CommonOptions.Threads();
        var silo = BallastCli.Command(ctx, "silo", "Runs a silo until Ctrl-C or SIGTERM: its worker pulls run ranges of 'explore --cluster' experiments from the cluster's coordinator (a faster silo pulls more). Localhost clustering by default; ADO.NET clustering for many machines.",
            ["ballast cluster silo -j 1", "ballast cluster silo --port 11112 --gateway-port 30001 --primary 127.0.0.1:11111 -j 1"],
            [clusterId, port, gateway, primary, invariant, connection, advertise, threads], p =>
        {
            string? inv = p.GetValue(invariant);
            string? conn = p.GetValue(connection) ?? Environment.GetEnvironmentVariable("BALLAST_CLUSTER_CONNECTION");
            if (inv is not null && string.IsNullOrWhiteSpace(conn))
            {
                throw new BallastInputException("ADO.NET clustering needs the membership database's connection string", field: "--adonet-connection");
            }

            IPAddress? address = null;
            if (p.GetValue(advertise) is string a && !IPAddress.TryParse(a, out address))
            {
                throw new BallastInputException("not an IP address", field: "--advertise", value: a);
            }

            var settings = new SiloSettings(
                p.GetValue(clusterId)!,
                p.GetValue(port),
                p.GetValue(gateway),
                p.GetValue(primary) is string pr ? ClusterHosting.Endpoint(pr, "--primary") : null,
                inv,
                conn,
                address);
            using var host = ClusterHosting.Silo(settings, new WorkerOptions(CommonOptions.ThreadCount(p, threads)));
            host.StartAsync(ctx.Cancellation).GetAwaiter().GetResult();
            ctx.Err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"silo of cluster '{settings.ClusterId}' on port {settings.SiloPort}, gateway {settings.GatewayPort} ({(inv is null ? "localhost clustering" : "ADO.NET clustering, " + inv)}); Ctrl-C stops."));
            try
            {
                host.WaitForShutdownAsync(ctx.Cancellation).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: stop the silo gracefully (its leases go back to the queue when the membership sees it leave).
            }

            host.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            return 0;
        });
        return new Command("cluster", "Cluster execution on Orleans: 'silo' runs a silo; explore --cluster sends an experiment's run ranges to the silos.") { silo };
    }

    /// <summary><c>--cluster-id</c>: the cluster's name, shared by its silos and clients.</summary>
    public static Option<string> ClusterId() => new("--cluster-id") { Description = "Cluster name; silos and clients must agree.", DefaultValueFactory = _ => "ballast" };
}
