using System.Reflection;

namespace Ballast.Web.Hosting;

/// <summary>
/// Settings of the web app (configuration section <c>Ballast</c>; the CLI maps its options onto it). Every limit has a
/// default sized for a small shared machine; all are positive numbers.
/// </summary>
public sealed class BallastWebOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Ballast";

    /// <summary>Default listening address: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Folder holding the job database and the results folders; created if missing.</summary>
    public string Store { get; set; } = "ballast-store";

    /// <summary>Addresses to listen on (semicolon-separated), e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>API key; required (and then mandatory on every request) when bound to anything but loopback.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Largest request body in bytes.</summary>
    public long MaxRequestBytes { get; set; } = InputLimits.RequestBytes;

    /// <summary>Largest ensemble a job may ask for.</summary>
    public int MaxRunsPerJob { get; set; } = InputLimits.RunsPerJob;

    /// <summary>Runs used when a request gives none and the scenario sets none.</summary>
    public int DefaultRuns { get; set; } = 500;

    /// <summary>Jobs executed at the same time; further jobs wait in the queue.</summary>
    public int MaxConcurrentJobs { get; set; } = InputLimits.ConcurrentJobs;

    /// <summary>Jobs waiting in the queue before new submissions are refused with 429.</summary>
    public int MaxQueuedJobs { get; set; } = 32;

    /// <summary>Wall-clock limit of one job in seconds; a job over it is stopped and marked failed.</summary>
    public int MaxJobSeconds { get; set; } = 600;

    /// <summary>Most scenarios in one comparison.</summary>
    public int MaxCompareScenarios { get; set; } = 6;

    /// <summary>Largest sample count of an exploration (runs for LHS/Monte Carlo, base samples for Sobol, trajectories for Morris).</summary>
    public int MaxExploreSamples { get; set; } = 256;

    /// <summary>Time limit of each optimiser solve in seconds (a MIP stopped by it reports its best allocation and gap).</summary>
    public double OptimiserTimeLimitSeconds { get; set; } = 10;

    /// <summary>
    /// Synchronous compute requests (optimiser solves, sensitivity and discovery on a job's results) served at the same
    /// time; default one per core, since each keeps a core busy for its whole request.
    /// </summary>
    public int MaxConcurrentCompute { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Compute requests waiting for a slot before further ones are refused with 429 (0: refuse at once when busy).</summary>
    public int MaxQueuedCompute { get; set; } = 2 * Math.Max(1, Environment.ProcessorCount);

    /// <summary>Seconds a refused compute request is told to wait (the <c>Retry-After</c> header of the 429).</summary>
    public int ComputeRetryAfterSeconds { get; set; } = 1;

    /// <summary>Alliance-network answers kept in memory, one per distinct query (0: no cache).</summary>
    public int NetworkCacheEntries { get; set; } = 512;

    /// <summary>Runs in each wargame adjudication's band (the realised draw is one of them; fewer only for tests).</summary>
    public int GameBandRuns { get; set; } = 1000;

    /// <summary>Worker threads per ensemble (results do not depend on it).</summary>
    public int Threads { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// An Orleans cluster that runs explore jobs: some of its silos' gateways, <c>HOST:PORT[,HOST:PORT…]</c> or
    /// <c>localhost</c> (127.0.0.1:30000), as <c>ballast explore --cluster</c> takes them; null runs every job in this process.
    /// </summary>
    public string? Cluster { get; set; }

    /// <summary>The cluster's name (<c>ballast cluster silo --cluster-id</c>).</summary>
    public string ClusterId { get; set; } = "ballast";

    /// <summary>The cluster explore jobs run on, or null for this process.</summary>
    internal Ballast.Cluster.ClusterTarget? ClusterTarget => string.IsNullOrWhiteSpace(Cluster) ? null : Ballast.Cluster.ClusterTarget.Parse(Cluster, ClusterId, nameof(Cluster));

    private static readonly PropertyInfo[] Settings = typeof(BallastWebOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Checks the entries of the configuration section before they are bound: every key must be a setting (a misspelt
    /// limit would otherwise be ignored without a word) and every value of the setting's kind (the binder would throw
    /// with a .NET type name). Returns the first problem as (field, value, reason), or null.
    /// </summary>
    public static (string Field, string? Value, string Reason)? CheckSection(IEnumerable<(string Key, string? Value)> entries)
    {
        foreach (var (key, value) in entries)
        {
            var setting = Settings.FirstOrDefault(p => p.Name.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (setting is null)
            {
                return (key, value, $"unknown setting in section {Section}; the settings are {string.Join(", ", Settings.Select(p => p.Name))} (docs/web.md)");
            }

            var type = setting.PropertyType;
            var c = CultureInfo.InvariantCulture;
            if (value is null || type == typeof(string))
            {
                continue;
            }

            if (type == typeof(double) && !double.TryParse(value, NumberStyles.Float, c, out _))
            {
                return (setting.Name, value, "not a number");
            }

            if (type == typeof(int) || type == typeof(long))
            {
                if (!long.TryParse(value, NumberStyles.Integer, c, out var whole))
                {
                    return (setting.Name, value, "not a whole number");
                }

                if (type == typeof(int) && whole is < int.MinValue or > int.MaxValue)
                {
                    return (setting.Name, value, "too large");
                }
            }
        }

        return null;
    }

    /// <summary>Checks every limit; returns the first problem as (field, reason), or null.</summary>
    public (string Field, string Reason)? Check()
    {
        if (string.IsNullOrWhiteSpace(Store))
        {
            return ("Store", "the store folder must be given");
        }

        (string, long)[] positives =
        [
            (nameof(MaxRequestBytes), MaxRequestBytes), (nameof(MaxRunsPerJob), MaxRunsPerJob), (nameof(DefaultRuns), DefaultRuns),
            (nameof(MaxConcurrentJobs), MaxConcurrentJobs), (nameof(MaxQueuedJobs), MaxQueuedJobs), (nameof(MaxJobSeconds), MaxJobSeconds),
            (nameof(MaxCompareScenarios), MaxCompareScenarios), (nameof(Threads), Threads), (nameof(MaxExploreSamples), MaxExploreSamples),
            (nameof(MaxConcurrentCompute), MaxConcurrentCompute), (nameof(ComputeRetryAfterSeconds), ComputeRetryAfterSeconds),
            (nameof(GameBandRuns), GameBandRuns),
        ];
        foreach (var (name, value) in positives)
        {
            if (value <= 0)
            {
                return (name, "must be a positive number");
            }
        }

        foreach (var (name, value) in new[] { (nameof(MaxQueuedCompute), MaxQueuedCompute), (nameof(NetworkCacheEntries), NetworkCacheEntries) })
        {
            if (value < 0)
            {
                return (name, "must be 0 or a positive number");
            }
        }

        if (!double.IsFinite(OptimiserTimeLimitSeconds) || OptimiserTimeLimitSeconds <= 0)
        {
            return (nameof(OptimiserTimeLimitSeconds), "must be a positive number");
        }

        if (MaxCompareScenarios < 2)
        {
            return (nameof(MaxCompareScenarios), "a comparison needs at least 2 scenarios");
        }

        if (!string.IsNullOrWhiteSpace(Cluster))
        {
            if (string.IsNullOrWhiteSpace(ClusterId))
            {
                return (nameof(ClusterId), "the cluster's name must be given");
            }

            try
            {
                _ = ClusterTarget;
            }
            catch (BallastInputException e)
            {
                return (nameof(Cluster), $"'{e.Value}': {e.Reason}");
            }
        }

        return null;
    }
}
