using Ballast.Web;
using Ballast.Web.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ballast.Cli.Commands;

/// <summary>
/// <c>ballast serve</c>: the web dashboard and HTTP API from one process, on loopback by default. Any setting of the
/// <c>Ballast</c> configuration section can also be given as <c>--Ballast:NAME=VALUE</c> (docs/web.md).
/// </summary>
public static class ServeCommand
{
    private const string SettingPrefix = "--" + BallastWebOptions.Section + ":";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var port = new Option<int?>("--port", "-p") { Description = "Port on 127.0.0.1 (default 5080)." };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://0.0.0.0:8080 (anything but loopback needs an API key)." };
        var store = new Option<string?>("--store") { Description = "Folder for the job database and results (default ./ballast-store)." };
        var apiKey = new Option<string?>("--api-key") { Description = $"API key clients must send in X-Api-Key (default: ${AccessPolicy.KeyVariable})." };
        var maxRuns = new Option<int?>("--max-runs") { Description = "Most runs one job may ask for (default 20000)." };
        var maxJobs = new Option<int?>("--max-jobs") { Description = "Jobs executed at the same time (default 1)." };
        var maxCompute = new Option<int?>("--max-compute") { Description = "Optimiser, sensitivity and discovery requests computed at the same time (default: one per core)." };
        var computeQueue = new Option<int?>("--compute-queue") { Description = "Such requests waiting for a slot before further ones get 429 (default: two per core; 0 refuses at once)." };
        var cluster = new Option<string?>("--cluster") { Description = "Run explore jobs on an Orleans cluster reached through these silo gateways ('localhost' = 127.0.0.1:30000), as explore --cluster; this server stores the results.", HelpName = "HOST:PORT,..." };
        var clusterId = new Option<string?>("--cluster-id") { Description = "The cluster's name, as its silos' --cluster-id (default ballast)." };
        var cmd = new Command("serve", BallastCli.WithExamples(
            "Start the web dashboard and HTTP API (burden explorer, alliance network, scenario workbench, comparison; OpenAPI at /openapi/v1.json). Other limits: --Ballast:NAME=VALUE, e.g. --Ballast:MaxJobSeconds=120 (docs/web.md).",
            ["ballast serve", "ballast serve --port 8080 --store /var/lib/ballast", "ballast serve --urls http://0.0.0.0:8080 --api-key SECRET"]))
        {
            port, urls, store, apiKey, maxRuns, maxJobs, maxCompute, computeQueue, cluster, clusterId,
        };

        // The configuration section's settings pass through as --Ballast:NAME=VALUE; anything else is still refused below.
        cmd.TreatUnmatchedTokensAsErrors = false;
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

            var settings = Settings(p.UnmatchedTokens);
            var address = p.GetValue(urls) ?? (p.GetValue(port) is int n ? $"http://127.0.0.1:{n}" : null);
            using var app = BallastWebApp.Build(settings, o =>
            {
                o.Urls = address ?? o.Urls;
                o.Store = p.GetValue(store) ?? o.Store;
                o.ApiKey = p.GetValue(apiKey) ?? o.ApiKey;
                o.MaxRunsPerJob = p.GetValue(maxRuns) ?? o.MaxRunsPerJob;
                o.MaxConcurrentJobs = p.GetValue(maxJobs) ?? o.MaxConcurrentJobs;
                o.MaxConcurrentCompute = p.GetValue(maxCompute) ?? o.MaxConcurrentCompute;
                o.MaxQueuedCompute = p.GetValue(computeQueue) ?? o.MaxQueuedCompute;
                o.Cluster = p.GetValue(cluster) ?? o.Cluster;
                o.ClusterId = p.GetValue(clusterId) ?? o.ClusterId;
            });
            using var stop = ct.Register(() => app.Lifetime.StopApplication()); // Ctrl-C stops cleanly
            using var cancel = ctx.Cancellation.Register(() => app.Lifetime.StopApplication());

            // Start, then name the addresses actually bound: Kestrel endpoints in configuration override --urls, and a
            // public one without a key fails the start here (BindingCheck) with an input error.
            app.Start();
            var options = app.Services.GetRequiredService<IOptions<BallastWebOptions>>().Value;
            ctx.Err.WriteLine($"Ballast dashboard on {string.Join(", ", app.Urls)} (store: {Path.GetFullPath(options.Store)}); Ctrl-C stops.");
            app.WaitForShutdown();
            return 0;
        })));
        return cmd;
    }

    /// <summary>The <c>--Ballast:NAME=VALUE</c> (or <c>--Ballast:NAME VALUE</c>) tokens as configuration arguments; names are checked by the app.</summary>
    private static string[] Settings(IReadOnlyList<string> tokens)
    {
        var settings = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith(SettingPrefix, StringComparison.OrdinalIgnoreCase))
            {
                throw new BallastInputException($"unrecognized argument '{token}'; 'ballast serve --help' lists the options");
            }

            if (token.Contains('=', StringComparison.Ordinal))
            {
                settings.Add(token);
            }
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                settings.Add($"{token}={tokens[++i]}");
            }
            else
            {
                throw new BallastInputException($"give a value, e.g. {SettingPrefix}MaxJobSeconds=120", field: token);
            }
        }

        return [.. settings];
    }
}
