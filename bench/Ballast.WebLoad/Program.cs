using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Ballast.Web;
using Microsoft.AspNetCore.Builder;

// Starts the app in-process on a free loopback port over a scratch store, then fires a fixed number of requests per
// scenario with a fixed concurrency and a wall-clock cap, and prints answered requests/s with p50/p99 latency of the
// answered ones. A refusal (429 from the compute limiter) is counted apart and the client waits its Retry-After before
// asking again, as a well-behaved client would; latency is that of the answered attempt.
// Usage: dotnet run -c Release --project bench/Ballast.WebLoad [-- REQUESTS CONCURRENCY CAP_SECONDS [FILTER [unlimited]]]
// FILTER keeps only the scenarios whose name contains one of its comma-separated words (e.g. "network,optimise"; "" for
// all); "unlimited" turns the network cache off and the compute limit up (as before they existed), for A/B runs.
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var cap = TimeSpan.FromSeconds(args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 30);
var filter = args.Length > 3 ? args[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
var unlimited = args.Length > 4 && args[4] == "unlimited";
var store = Path.Combine(Path.GetTempPath(), "ballast-webload-" + Guid.NewGuid().ToString("N"));
var app = BallastWebApp.Build([], o =>
{
    o.Urls = "http://127.0.0.1:0";
    o.Store = store;
    o.MaxQueuedJobs = 1_000_000;
    o.MaxRunsPerJob = 100;
    if (unlimited)
    {
        o.NetworkCacheEntries = 0;
        o.MaxConcurrentCompute = 1_000_000;
    }
});
await app.StartAsync();
var address = app.Urls.First();
using var http = new HttpClient { BaseAddress = new Uri(address) };
Console.WriteLine($"Ballast web load: {requests} requests per scenario, {concurrency} concurrent, cap {cap.TotalSeconds} s, {address}, {Environment.ProcessorCount} cores{(unlimited ? ", no network cache, no compute limit" : string.Empty)}");
Console.WriteLine("scenario                           answered   req/s     p50 ms   p99 ms      429   errors");

await Measure("GET /api/countries", () => http.GetAsync("/api/countries"));
await Measure("GET /api/burden", () => http.GetAsync("/api/burden?year=2023&targets=2,3.5"));
await Measure("GET /api/network?year=2024", () => http.GetAsync("/api/network?year=2024"));
var years = new[] { 1990, 2005, 2018, 2024 };
var selections = new[] { string.Empty, "&countries=USA,JPN,KOR,AUS,PHL", "&countries=USA,JPN,AUS,IND" };
var mixed = 0;
await Measure("GET /api/network (12 queries)", () =>
{
    // Several distinct queries in turn, as a dashboard with a year slider and a country picker would send them.
    var i = Interlocked.Increment(ref mixed);
    return http.GetAsync($"/api/network?year={years[i % years.Length]}{selections[(i / years.Length) % selections.Length]}");
});
await Measure("GET /api/figures/shares.svg", () => http.GetAsync("/api/figures/shares.svg?group=quad"));
await Measure("POST /api/scenarios/validate", () => http.PostAsJsonAsync("/api/scenarios/validate", new { scenario = "baseline" }));
await Measure("POST /api/jobs (submit, 1 run)", () => http.PostAsJsonAsync("/api/jobs", new { scenario = "baseline", runs = 1 }));
await Measure("POST /api/optimise (LP)", () => http.PostAsJsonAsync("/api/optimise", new { scenario = "baseline", year = 2030, budget_share_pct = 3.5 }), warmUp: 3);
await Measure("POST /api/optimise (MIP)", () => http.PostAsJsonAsync("/api/optimise", new { scenario = "baseline", year = 2030, budget_share_pct = 3.5, programmes = true }), warmUp: 3);
await app.StopAsync();
try
{
    Directory.Delete(store, recursive: true);
}
catch (IOException)
{
    Console.WriteLine($"(scratch store left at {store}: a job was still finishing)");
}
return;

async Task Measure(string name, Func<Task<HttpResponseMessage>> call, int warmUp = 20)
{
    if (filter.Length > 0 && !filter.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)))
    {
        return;
    }

    for (var i = 0; i < warmUp; i++)
    {
        (await call()).Dispose(); // warm-up
    }

    var latencies = new List<double>(requests);
    var errors = 0;
    var refused = 0;
    var next = 0;
    var sw = Stopwatch.StartNew();
    var gate = new object();
    var workers = Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) <= requests && sw.Elapsed < cap)
        {
            while (true)
            {
                var t = Stopwatch.GetTimestamp();
                using var r = await call();
                await r.Content.ReadAsByteArrayAsync();
                var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (r.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                {
                    // A well-behaved client: wait as told and ask again; the refusal does not use up a request.
                    Interlocked.Increment(ref refused);
                    if (sw.Elapsed < cap)
                    {
                        await Task.Delay(r.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                        continue;
                    }

                    break;
                }

                lock (gate)
                {
                    latencies.Add(ms);
                    errors += r.IsSuccessStatusCode ? 0 : 1;
                }

                break;
            }
        }
    });
    await Task.WhenAll(workers);
    sw.Stop();
    latencies.Sort();
    double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {latencies.Count,8} {latencies.Count / sw.Elapsed.TotalSeconds,8:F1} {P(0.5),9:F2} {P(0.99),8:F2} {refused,8} {errors,8}"));
}
