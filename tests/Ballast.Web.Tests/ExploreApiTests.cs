using System.Net;
using System.Text.Json;

namespace Ballast.Web.Tests;

public sealed class ExploreApiTests : IClassFixture<ExploreApiTests.Server>
{
    private readonly Server _s;
    private readonly HttpClient _c;

    public ExploreApiTests(Server server)
    {
        _s = server;
        _c = server.Factory.CreateClient();
    }

    /// <summary>One server with one small Morris and one small Sobol exploration of the baseline, run once for the class.</summary>
    public sealed class Server : IDisposable
    {
        private readonly Lazy<Task<(string Morris, string Sobol, int Dimensions)>> _jobs;

        public Server()
        {
            _jobs = new(async () =>
            {
                var c = Factory.CreateClient();
                var m = await (await c.PostJson("/api/explore", new { scenario = "baseline", design = "morris", samples = 2, seed = 5 })).Json(HttpStatusCode.Accepted);
                var s = await (await c.PostJson("/api/explore", new { scenario = "baseline", design = "sobol", samples = 4, seed = 5 })).Json(HttpStatusCode.Accepted);
                var mid = m.GetProperty("id").GetString()!;
                var sid = s.GetProperty("id").GetString()!;
                Assert.Equal("Succeeded", (await TestHttp.WaitFor(c, mid)).GetProperty("status").GetString());
                Assert.Equal("Succeeded", (await TestHttp.WaitFor(c, sid)).GetProperty("status").GetString());
                var d = (int)(m.GetProperty("total").GetInt64() / 2) - 1; // Morris: r(D+1) runs
                Assert.Equal(4 * (d + 2), s.GetProperty("total").GetInt64()); // Sobol: N(D+2) runs
                return (mid, sid, d);
            });
        }

        public BallastFactory Factory { get; } = new BallastFactory().With("MaxExploreSamples", "8");

        public Task<(string Morris, string Sobol, int Dimensions)> Jobs => _jobs.Value;

        public void Dispose() => Factory.Dispose();
    }

    [Fact]
    public async Task Morris_screening_ranks_every_parameter_and_serves_csv()
    {
        var (morris, _, d) = await _s.Jobs;
        var res = await (await _c.GetAsync($"/api/jobs/{morris}/results")).Json();
        Assert.Equal(d, res.GetProperty("parameters").GetArrayLength());
        Assert.Contains(res.GetProperty("outcomes").EnumerateArray(), o => o.GetProperty("name").GetString() == "balance_ratio");
        var files = await (await _c.GetAsync($"/api/jobs/{morris}/files")).Json();
        Assert.Contains(files.EnumerateArray(), f => f.GetProperty("name").GetString() == "results.duckdb");

        var s = await (await _c.GetAsync($"/api/jobs/{morris}/sensitivity?outcome=balance_ratio&resamples=50")).Json();
        Assert.Equal("morris", s.GetProperty("method").GetString());
        var rows = s.GetProperty("indices").EnumerateArray().ToList();
        Assert.Equal(d, rows.Count);
        var mu = rows.Select(r => r.GetProperty("mu_star").GetDouble()).ToList();
        Assert.Equal(mu.OrderByDescending(x => x), mu); // most influential first
        Assert.All(rows, r => Assert.True(r.GetProperty("mu_star").GetDouble() >= Math.Abs(r.GetProperty("mu").GetDouble()) - 1e-12)); // μ* ≥ |μ|

        var csv = await _c.GetAsync($"/api/jobs/{morris}/sensitivity?outcome=balance_ratio&resamples=50&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("parameter,mu_star,mu_star_half_width,mu,sigma", lines[0]);
        Assert.Equal(d + 1, lines.Length);
    }

    [Fact]
    public async Task Sobol_indices_and_a_prim_box_come_from_the_store()
    {
        var (_, sobol, d) = await _s.Jobs;
        var s = await (await _c.GetAsync($"/api/jobs/{sobol}/sensitivity?outcome=balance_ratio&resamples=50")).Json();
        Assert.Equal("sobol", s.GetProperty("method").GetString());
        Assert.Equal(4, s.GetProperty("base_samples").GetInt32());
        Assert.Equal(d, s.GetProperty("indices").GetArrayLength());

        // A condition met by every run: all cases, and the first box is all runs.
        var all = await (await _c.GetAsync($"/api/jobs/{sobol}/discover?where={Uri.EscapeDataString("balance_ratio > -1")}")).Json();
        Assert.Equal(all.GetProperty("points").GetInt32(), all.GetProperty("cases").GetInt32());
        Assert.Equal(4 * (d + 2), all.GetProperty("points").GetInt32());
        var step0 = all.GetProperty("trajectory")[0];
        Assert.Equal("all runs", step0.GetProperty("step").GetString());
        Assert.Equal(1.0, step0.GetProperty("mass").GetDouble());

        var csv = await (await _c.GetAsync($"/api/jobs/{sobol}/discover?where={Uri.EscapeDataString("balance_ratio > -1")}&format=csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("parameter,lower,upper,data_min,data_max,quasi_p_lower,quasi_p_upper\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_analysis_requests_are_400_naming_the_field()
    {
        var (morris, sobol, _) = await _s.Jobs;
        await (await _c.GetAsync($"/api/jobs/{morris}/sensitivity")).Problem(HttpStatusCode.BadRequest, "outcome");
        var unknown = await (await _c.GetAsync($"/api/jobs/{morris}/sensitivity?outcome=happiness")).Problem(HttpStatusCode.BadRequest, "outcome");
        Assert.Contains("known outcomes: balance_ratio", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await _c.GetAsync($"/api/jobs/{morris}/sensitivity?outcome=balance_ratio&method=sobol")).Problem(HttpStatusCode.BadRequest, "method");
        await (await _c.GetAsync($"/api/jobs/{morris}/sensitivity?outcome=balance_ratio&resamples=5")).Problem(HttpStatusCode.BadRequest, "resamples");
        await (await _c.GetAsync($"/api/jobs/{morris}/sensitivity?outcome=balance_ratio&confidence=2")).Problem(HttpStatusCode.BadRequest, "confidence");
        await (await _c.GetAsync($"/api/jobs/{morris}/sensitivity?outcome=balance_ratio&format=xml")).Problem(HttpStatusCode.BadRequest, "format");
        await (await _c.GetAsync($"/api/jobs/{morris}/sensitivity?outcome=balance_ratio&year=1900")).Problem(HttpStatusCode.BadRequest, "year");
        await (await _c.GetAsync($"/api/jobs/{sobol}/discover")).Problem(HttpStatusCode.BadRequest, "where");
        await (await _c.GetAsync($"/api/jobs/{sobol}/discover?where={Uri.EscapeDataString("balance_ratio <<")}")).Problem(HttpStatusCode.BadRequest, "where");
        await (await _c.GetAsync($"/api/jobs/{sobol}/discover?where={Uri.EscapeDataString("mood > 1")}")).Problem(HttpStatusCode.BadRequest, "where");
        await (await _c.GetAsync($"/api/jobs/{sobol}/discover?where={Uri.EscapeDataString("balance_ratio > -1")}&box=999")).Problem(HttpStatusCode.BadRequest, "box");
        await (await _c.GetAsync($"/api/jobs/{sobol}/discover?where={Uri.EscapeDataString("balance_ratio > -1")}&alpha=0.7")).Problem(HttpStatusCode.BadRequest, "alpha");
        await (await _c.GetAsync("/api/jobs/XYZ/sensitivity?outcome=balance_ratio")).Problem(HttpStatusCode.BadRequest, "id");
        await (await _c.GetAsync($"/api/jobs/{new string('b', 32)}/discover?where=crossed")).Problem(HttpStatusCode.NotFound, "id");
        await (await _c.GetAsync($"/api/jobs/{sobol}/figures/balance-ratio.svg")).Problem(HttpStatusCode.NotFound, "figure");
    }

    [Theory]
    [InlineData("""{"scenario":"baseline","samples":0}""", "samples")]
    [InlineData("""{"scenario":"baseline","samples":9}""", "samples")]
    [InlineData("""{"scenario":"baseline","design":"bogus"}""", "design")]
    [InlineData("""{"scenario":"baseline","levels":-1}""", "levels")]
    [InlineData("""{"scenario":"baseline","design":"morris","levels":3}""", "levels")]
    [InlineData("""{"scenario":"nope"}""", "scenario")]
    [InlineData("""{"yaml":"name: ["}""", "body")]
    [InlineData("""{"scenario":"baseline","seed":-1}""", "seed")]
    public async Task Bad_explore_requests_are_400_naming_the_field(string body, string field)
    {
        var r = await _c.PostAsync("/api/explore", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        if (field == "body")
        {
            var p = await r.Json(HttpStatusCode.BadRequest); // a YAML error points at the line instead
            Assert.Equal("scenario.yaml", p.GetProperty("file").GetString());
            return;
        }

        var problem = await r.Problem(HttpStatusCode.BadRequest, field);
        if (body.Contains("\"samples\":9", StringComparison.Ordinal))
        {
            Assert.Contains("between 1 and 8 (MaxExploreSamples)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_run_cap_applies_to_the_design_rows()
    {
        using var f = new BallastFactory { Executor = new GateExecutor() }.With("MaxRunsPerJob", "10");
        var p = await (await f.CreateClient().PostJson("/api/explore", new { scenario = "baseline", design = "morris", samples = 2 })).Problem(HttpStatusCode.BadRequest, "samples");
        Assert.Contains("(MaxRunsPerJob)", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analysis_needs_a_finished_explore_job()
    {
        var gate = new GateExecutor();
        using var f = new BallastFactory { Executor = gate };
        var c = f.CreateClient();
        var j = await (await c.PostJson("/api/explore", new { scenario = "baseline", design = "morris", samples = 1 })).Json(HttpStatusCode.Accepted);
        Assert.Equal("Explore", j.GetProperty("kind").GetString());
        var id = j.GetProperty("id").GetString()!;
        await (await c.GetAsync($"/api/jobs/{id}/sensitivity?outcome=balance_ratio")).Problem(HttpStatusCode.Conflict, "id");
        gate.Release();
        await TestHttp.WaitFor(c, id);
        var run = await (await c.PostJson("/api/jobs", new { scenario = "baseline", runs = 2 })).Json(HttpStatusCode.Accepted);
        var runId = run.GetProperty("id").GetString()!;
        await TestHttp.WaitFor(c, runId);
        await (await c.GetAsync($"/api/jobs/{runId}/discover?where=crossed")).Problem(HttpStatusCode.Conflict, "id");
    }

    [Fact]
    public async Task The_exploration_page_shows_indices_a_box_and_csv_links()
    {
        var (morris, sobol, _) = await _s.Jobs;
        var html = await (await _c.GetAsync($"/explore?job={morris}&outcome=balance_ratio&where={Uri.EscapeDataString("balance_ratio > -1")}")).Content.ReadAsStringAsync();
        Assert.Contains("Morris screening, most influential first", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/jobs/{morris}/sensitivity?outcome=balance_ratio&amp;format=csv\"", html, StringComparison.Ordinal);
        Assert.Contains("Scenario discovery: balance_ratio &gt; -1", html, StringComparison.Ordinal);
        var sobolHtml = await (await _c.GetAsync($"/explore?job={sobol}")).Content.ReadAsStringAsync();
        Assert.Contains("Sobol indices (N = 4", sobolHtml, StringComparison.Ordinal);
        var missing = await (await _c.GetAsync($"/explore?job={sobol}&outcome=crossover_year")).Content.ReadAsStringAsync();
        Assert.True(missing.Contains("fill_missing", StringComparison.Ordinal) || missing.Contains("Sobol indices", StringComparison.Ordinal));
        var none = await (await _c.GetAsync("/explore?job=nothing")).Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", none, StringComparison.Ordinal);
        Assert.Contains("<label>Samples <input type=\"number\" id=\"explore-samples\" name=\"samples\" min=\"1\" max=\"8\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finished_exploration_is_still_analysed_after_a_restart()
    {
        var store = BallastFactory.TempStore();
        string id;
        double muStar;
        using (var first = new BallastFactory(store))
        {
            var c = first.CreateClient();
            id = (await (await c.PostJson("/api/explore", new { scenario = "baseline", design = "morris", samples = 1, seed = 9 })).Json(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
            Assert.Equal("Succeeded", (await TestHttp.WaitFor(c, id)).GetProperty("status").GetString());
            muStar = (await (await c.GetAsync($"/api/jobs/{id}/sensitivity?outcome=balance_ratio&resamples=20")).Json()).GetProperty("indices")[0].GetProperty("mu_star").GetDouble();
        }

        using var second = new BallastFactory(store);
        var c2 = second.CreateClient();
        var job = await (await c2.GetAsync($"/api/jobs/{id}")).Json();
        Assert.Equal("Explore", job.GetProperty("kind").GetString());
        var again = await (await c2.GetAsync($"/api/jobs/{id}/sensitivity?outcome=balance_ratio&resamples=20")).Json();
        Assert.Equal(muStar, again.GetProperty("indices")[0].GetProperty("mu_star").GetDouble()); // same store, same seed: same numbers
    }

    [Fact]
    public async Task The_openapi_document_names_and_summarises_the_new_operations()
    {
        var doc = await (await _c.GetAsync("/openapi/v1.json")).Json();
        var ops = doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value).ToList();
        foreach (var name in new[] { "optimise", "optimiseTable", "submitExplore", "jobSensitivity", "jobDiscover" })
        {
            var op = ops.Single(o => o.TryGetProperty("operationId", out var id) && id.GetString() == name);
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("summary").GetString()));
        }

        _ = JsonSerializer.Serialize(doc);
    }
}
