using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Ballast.Web.Hosting;

/// <summary>
/// The limit on requests that compute on the request itself (optimiser solves, sensitivity and discovery on a job's
/// results): at most <see cref="BallastWebOptions.MaxConcurrentCompute"/> at a time, <see cref="BallastWebOptions.MaxQueuedCompute"/>
/// waiting in arrival order, and further ones refused at once with a 429 problem and <c>Retry-After</c>. Ensembles are not
/// limited here: they are queued jobs (<see cref="BallastWebOptions.MaxQueuedJobs"/>). Endpoints opt in with
/// <c>RequireRateLimiting(ComputeThrottle.Policy)</c>; the one limiter is shared by all of them.
/// </summary>
public sealed class ComputeThrottle : IDisposable
{
    /// <summary>Name of the rate-limiting policy.</summary>
    public const string Policy = "compute";

    /// <summary>The limiter of the options' sizes.</summary>
    public ComputeThrottle(IOptions<BallastWebOptions> options)
    {
        var o = options.Value;
        PermitLimit = o.MaxConcurrentCompute;
        QueueLimit = o.MaxQueuedCompute;
        RetryAfterSeconds = o.ComputeRetryAfterSeconds;
        Limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = PermitLimit,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Compute requests served at once.</summary>
    public int PermitLimit { get; }

    /// <summary>Compute requests that may wait.</summary>
    public int QueueLimit { get; }

    /// <summary>The <c>Retry-After</c> of a refusal, in seconds.</summary>
    public int RetryAfterSeconds { get; }

    /// <summary>The shared limiter (its statistics show the requests being served and waiting).</summary>
    public ConcurrencyLimiter Limiter { get; }

    /// <inheritdoc/>
    public void Dispose() => Limiter.Dispose();

    /// <summary>The 429 problem of a refused compute request.</summary>
    internal Microsoft.AspNetCore.Mvc.ProblemDetails Refusal(string path)
    {
        var p = Problems.Status(
            StatusCodes.Status429TooManyRequests,
            "Too many compute requests",
            string.Create(CultureInfo.InvariantCulture, $"The server is already computing {PermitLimit} requests with {QueueLimit} waiting (MaxConcurrentCompute, MaxQueuedCompute); retry in {RetryAfterSeconds} s."));
        p.Instance = path;
        p.Extensions["retry_after_seconds"] = RetryAfterSeconds;
        return p;
    }

    /// <summary>Marks an endpoint that computes only when its query holds <paramref name="Key"/> (a page that is a plain form otherwise).</summary>
    /// <param name="Key">The query key.</param>
    internal sealed record ComputesWith(string Key);

    /// <summary>The rate-limiting policy: every limited request takes a permit of the shared limiter.</summary>
    internal sealed class ComputePolicy(ComputeThrottle throttle) : IRateLimiterPolicy<string>
    {
        private const string Computing = "compute";

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            http.Response.Headers.RetryAfter = throttle.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await Problems.Write(http, throttle.Refusal(http.Request.Path));
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            if (httpContext.GetEndpoint()?.Metadata.GetMetadata<ComputesWith>() is { } only && !httpContext.Request.Query.ContainsKey(only.Key))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            return RateLimitPartition.Get(Computing, _ => new Shared(throttle.Limiter));
        }
    }

    /// <summary>
    /// The shared limiter as the middleware's partition. The middleware disposes partitions idle for a while and would
    /// create a fresh limiter: this view reports never idle and leaves disposal to the throttle, so there is one limiter.
    /// </summary>
    private sealed class Shared(ConcurrencyLimiter inner) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => inner.AttemptAcquire(permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => inner.AcquireAsync(permitCount, cancellationToken);
    }
}
