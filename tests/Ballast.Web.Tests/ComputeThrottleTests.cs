using System.Net;
using Ballast.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ballast.Web.Tests;

/// <summary>
/// The compute limiter, filled deterministically: the test takes the server's permits itself (the limiter is one shared
/// instance), so a request finds it full without any timing.
/// </summary>
public sealed class ComputeThrottleTests
{
    private static readonly object Lp = new { scenario = "baseline", year = 2030, budget_share_pct = 3.5 };

    [Fact]
    public async Task A_full_limiter_refuses_compute_requests_with_a_429_problem_and_retry_after()
    {
        using var f = new BallastFactory().With("MaxConcurrentCompute", "1").With("MaxQueuedCompute", "0").With("ComputeRetryAfterSeconds", "7");
        using var c = f.CreateClient();
        var throttle = f.Services.GetRequiredService<ComputeThrottle>();
        using (var held = throttle.Limiter.AttemptAcquire())
        {
            Assert.True(held.IsAcquired);
            foreach (var (method, url) in new[]
            {
                (HttpMethod.Post, "/api/optimise"), (HttpMethod.Get, "/api/optimise/allocation.csv?scenario=baseline"),
                (HttpMethod.Get, "/api/jobs/none/sensitivity?outcome=balance_ratio"), (HttpMethod.Get, "/api/jobs/none/discover?where=balance_ratio%20%3C%201"),
                (HttpMethod.Get, "/optimise?scenario=baseline"),
            })
            {
                using var request = new HttpRequestMessage(method, url);
                if (method == HttpMethod.Post)
                {
                    request.Content = System.Net.Http.Json.JsonContent.Create(Lp);
                }

                using var r = await c.SendAsync(request);
                Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
                var p = await r.Json(HttpStatusCode.TooManyRequests);
                Assert.Equal(TimeSpan.FromSeconds(7), r.Headers.RetryAfter?.Delta);
                Assert.Equal(429, p.GetProperty("status").GetInt32());
                Assert.Equal("Too many compute requests", p.GetProperty("title").GetString());
                Assert.Equal(
                    "The server is already computing 1 requests with 0 waiting (MaxConcurrentCompute, MaxQueuedCompute); retry in 7 s.",
                    p.GetProperty("detail").GetString());
                Assert.Equal(7, p.GetProperty("retry_after_seconds").GetInt32());
                Assert.Equal(url.Split('?')[0], p.GetProperty("instance").GetString());
            }

            // Data queries, the optimiser page's plain form and job submission are not compute requests.
            Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/api/network?year=2024")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/api/burden")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/optimise")).StatusCode);
        }

        // Released, the same request is served.
        var ok = await (await c.PostJson("/api/optimise", Lp)).Json();
        Assert.Equal(2030, ok.GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task A_compute_request_waits_in_the_queue_for_a_slot_and_one_past_the_queue_is_refused()
    {
        using var f = new BallastFactory().With("MaxConcurrentCompute", "1").With("MaxQueuedCompute", "1");
        using var c = f.CreateClient();
        var limiter = f.Services.GetRequiredService<ComputeThrottle>().Limiter;
        var held = limiter.AttemptAcquire();
        Assert.True(held.IsAcquired);
        var waiting = c.PostJson("/api/optimise", Lp);

        // The queued request is visible in the limiter's statistics; the deadline only stops a broken build from hanging.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (limiter.GetStatistics()!.CurrentQueuedCount == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the request never queued");
            await Task.Delay(10);
        }

        Assert.False(waiting.IsCompleted);
        var refused = await c.PostJson("/api/optimise", Lp);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1", refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)); // the default
        held.Dispose();
        var served = await (await waiting).Json();
        Assert.Equal(2030, served.GetProperty("year").GetInt32());
    }

    [Fact]
    public void Exactly_the_compute_endpoints_carry_the_policy()
    {
        using var f = new BallastFactory();
        using var c = f.CreateClient();
        var limited = f.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == ComputeThrottle.Policy)
            .Select(e => e.RoutePattern.RawText)
            .Order(StringComparer.Ordinal)
            .ToList();
        // Validation and levers parse and check a whole scenario (up to the YAML limits) on the request, so they count as compute;
        // so do creating a game (a definition and its scenario), adjudicating and replaying (ensembles), branching and the report.
        Assert.Equal(["/api/games/", "/api/games/{id}/adjudicate", "/api/games/{id}/branch", "/api/games/{id}/replay", "/api/games/{id}/report", "/api/jobs/{id}/discover", "/api/jobs/{id}/sensitivity", "/api/optimise", "/api/optimise/{table}", "/api/scenarios/levers", "/api/scenarios/validate", "/optimise"], limited);
    }

    [Fact]
    public void Limits_are_checked()
    {
        Assert.Equal(("MaxConcurrentCompute", "must be a positive number"), new BallastWebOptions { MaxConcurrentCompute = 0 }.Check());
        Assert.Equal(("ComputeRetryAfterSeconds", "must be a positive number"), new BallastWebOptions { ComputeRetryAfterSeconds = 0 }.Check());
        Assert.Equal(("MaxQueuedCompute", "must be 0 or a positive number"), new BallastWebOptions { MaxQueuedCompute = -1 }.Check());
        Assert.Equal(("NetworkCacheEntries", "must be 0 or a positive number"), new BallastWebOptions { NetworkCacheEntries = -1 }.Check());
        Assert.Null(new BallastWebOptions { MaxQueuedCompute = 0, NetworkCacheEntries = 0 }.Check());
        var o = new BallastWebOptions();
        Assert.Equal(Environment.ProcessorCount, o.MaxConcurrentCompute);
        Assert.Equal(2 * Environment.ProcessorCount, o.MaxQueuedCompute);
    }
}
