using System.CommandLine;
using System.Globalization;
using Ballast.Core;
using Ballast.Web;
using Ballast.Web.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast serve</c>: the web dashboard and HTTP API from one process, on loopback by default.</summary>
public static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var port = new Option<int?>("--port", "-p") { Description = "Port on 127.0.0.1 (default 5080)." };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://0.0.0.0:8080 (anything but loopback needs an API key)." };
        var store = new Option<string?>("--store") { Description = "Folder for the job database and results (default ./ballast-store)." };
        var apiKey = new Option<string?>("--api-key") { Description = $"API key clients must send in X-Api-Key (default: ${BallastWebOptions.ApiKeyVariable})." };
        var maxRuns = new Option<int?>("--max-runs") { Description = "Most runs one job may ask for (default 20000)." };
        var maxJobs = new Option<int?>("--max-jobs") { Description = "Jobs executed at the same time (default 1)." };
        var maxCompute = new Option<int?>("--max-compute") { Description = "Optimiser, sensitivity and discovery requests computed at the same time (default: one per core)." };
        var computeQueue = new Option<int?>("--compute-queue") { Description = "Such requests waiting for a slot before further ones get 429 (default: two per core; 0 refuses at once)." };
        var cmd = new Command("serve", "Start the web dashboard and HTTP API (burden explorer, alliance network, scenario workbench, comparison; OpenAPI at /openapi/v1.json).")
        {
            port, urls, store, apiKey, maxRuns, maxJobs, maxCompute, computeQueue,
        };
        cmd.SetAction((p, ct) => Task.FromResult(BallastCli.Guard(ctx, () =>
        {
            if (p.GetValue(port) is int pt && p.GetValue(urls) is not null)
            {
                throw new BallastInputException("give either --port or --urls, not both", field: "--port", value: pt.ToString(CultureInfo.InvariantCulture));
            }

            if (p.GetValue(port) is int bad && (bad < 1 || bad > 65535))
            {
                throw new BallastInputException("a port is between 1 and 65535", field: "--port", value: bad.ToString(CultureInfo.InvariantCulture));
            }

            if (p.GetValue(maxCompute) is int mc && mc < 1)
            {
                throw new BallastInputException("must be at least 1", field: "--max-compute", value: mc.ToString(CultureInfo.InvariantCulture));
            }

            if (p.GetValue(computeQueue) is int cq && cq < 0)
            {
                throw new BallastInputException("must be 0 or more", field: "--compute-queue", value: cq.ToString(CultureInfo.InvariantCulture));
            }

            var address = p.GetValue(urls) ?? (p.GetValue(port) is int n ? $"http://127.0.0.1:{n}" : BallastWebOptions.DefaultUrls);
            var app = BallastWebApp.Build([], o =>
            {
                o.Urls = address;
                o.Store = p.GetValue(store) ?? o.Store;
                o.ApiKey = p.GetValue(apiKey) ?? o.ApiKey;
                o.MaxRunsPerJob = p.GetValue(maxRuns) ?? o.MaxRunsPerJob;
                o.MaxConcurrentJobs = p.GetValue(maxJobs) ?? o.MaxConcurrentJobs;
                o.MaxConcurrentCompute = p.GetValue(maxCompute) ?? o.MaxConcurrentCompute;
                o.MaxQueuedCompute = p.GetValue(computeQueue) ?? o.MaxQueuedCompute;
            });
            ctx.Err.WriteLine($"Ballast dashboard on {address} (store: {Path.GetFullPath(p.GetValue(store) ?? "ballast-store")}); Ctrl-C stops.");
            using var stop = ct.Register(() => app.Lifetime.StopApplication()); // Ctrl-C stops cleanly
            app.Run();
            return 0;
        })));
        return cmd;
    }
}
