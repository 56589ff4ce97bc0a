using System.Net;
using System.Text.Json;
using Ballast.Web.Jobs;

namespace Ballast.Web.Tests;

public sealed class JobApiTests
{
    [Fact]
    public async Task A_run_job_finishes_and_serves_results_files_report_and_figures()
    {
        using var f = new BallastFactory();
        var c = f.CreateClient();
        var accepted = await (await c.PostJson("/api/jobs", new { scenario = "baseline", runs = 40, seed = 7 })).Json(HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal(40, accepted.GetProperty("total").GetInt64());
        var done = await TestHttp.WaitFor(c, id);
        Assert.Equal("Succeeded", done.GetProperty("status").GetString());
        Assert.Equal(1.0, done.GetProperty("progress").GetDouble());

        var res = await (await c.GetAsync($"/api/jobs/{id}/results")).Json();
        Assert.Equal(40, res.GetProperty("scenarios")[0].GetProperty("runs").GetInt64());
        Assert.Contains(res.GetProperty("kpis").EnumerateArray(), k => k.GetProperty("name").GetString() == "Balance ratio");
        Assert.Equal(0, res.GetProperty("paired").GetArrayLength());

        var files = (await (await c.GetAsync($"/api/jobs/{id}/files")).Json()).EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToList();
        Assert.Contains("manifest.json", files);
        Assert.Contains("percentiles.csv", files);
        var manifest = await c.GetAsync($"/api/jobs/{id}/files/manifest.json");
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        await (await c.GetAsync($"/api/jobs/{id}/files/..%2Fjobs.db")).Problem(HttpStatusCode.NotFound, "name");
        await (await c.GetAsync($"/api/jobs/{id}/files/../../jobs.db")).Problem(HttpStatusCode.BadRequest, "id"); // normalised to /api/jobs/jobs.db

        foreach (var fig in res.GetProperty("figures").EnumerateArray().Select(x => x.GetProperty("id").GetString()))
        {
            var svg = await c.GetAsync($"/api/jobs/{id}/figures/{fig}.svg");
            Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
            var csv = await c.GetAsync($"/api/jobs/{id}/figures/{fig}.csv");
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        }

        await (await c.GetAsync($"/api/jobs/{id}/figures/balance-ratio.png")).Problem(HttpStatusCode.BadRequest, "figure");
        await (await c.GetAsync($"/api/jobs/{id}/figures/balance-ratio.svg?scenario=3")).Problem(HttpStatusCode.BadRequest, "scenario");
        await (await c.PostAsync($"/api/jobs/{id}/cancel", null)).Problem(HttpStatusCode.Conflict, "id");
    }

    [Theory]
    [InlineData(0, "runs")]
    [InlineData(20001, "runs")]
    public async Task Runs_outside_the_cap_are_400(int runs, string field)
    {
        using var f = new BallastFactory { Executor = new GateExecutor() };
        await (await f.CreateClient().PostJson("/api/jobs", new { scenario = "baseline", runs })).Problem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_runs_cap_is_configurable()
    {
        using var f = new BallastFactory { Executor = new GateExecutor() }.With("MaxRunsPerJob", "10");
        var c = f.CreateClient();
        var p = await (await c.PostJson("/api/jobs", new { scenario = "baseline", runs = 11 })).Problem(HttpStatusCode.BadRequest, "runs");
        Assert.Contains("between 1 and 10", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var j = await (await c.PostJson("/api/jobs", new { scenario = "baseline" })).Json(HttpStatusCode.Accepted);
        Assert.Equal(10, j.GetProperty("runs").GetInt32()); // the scenario's 1000 runs capped
    }

    [Fact]
    public async Task Bad_job_requests_are_400_and_unknown_jobs_404()
    {
        using var f = new BallastFactory { Executor = new GateExecutor() };
        var c = f.CreateClient();
        await (await c.PostJson("/api/jobs", new { scenario = "nope" })).Problem(HttpStatusCode.BadRequest, "scenario");
        var syntax = await (await c.PostJson("/api/jobs", new { yaml = "name: [" })).Json(HttpStatusCode.BadRequest);
        Assert.Equal("scenario.yaml", syntax.GetProperty("file").GetString());
        Assert.True(syntax.GetProperty("line").GetInt32() >= 1);
        await (await c.GetAsync("/api/jobs/XYZ")).Problem(HttpStatusCode.BadRequest, "id");
        await (await c.GetAsync("/api/jobs/" + new string('a', 32))).Problem(HttpStatusCode.NotFound, "id");
        await (await c.GetAsync("/api/jobs?limit=0")).Problem(HttpStatusCode.BadRequest, "limit");
        await (await c.PostJson("/api/compare", new { scenarios = new[] { new { scenario = "baseline" } } })).Problem(HttpStatusCode.BadRequest, "scenarios");
        await (await c.PostJson("/api/compare", new { scenarios = new[] { new { scenario = "baseline" }, new { scenario = "x" } } })).Problem(HttpStatusCode.BadRequest, "scenarios[1].scenario");
        var seven = Enumerable.Repeat(new { scenario = "baseline" }, 7).ToArray();
        await (await c.PostJson("/api/compare", new { scenarios = seven })).Problem(HttpStatusCode.BadRequest, "scenarios");
    }

    [Fact]
    public async Task Cancel_stops_a_running_job_and_results_are_409_until_success()
    {
        var gate = new GateExecutor();
        using var f = new BallastFactory { Executor = gate };
        var c = f.CreateClient();
        var id = (await (await c.PostJson("/api/jobs", new { scenario = "baseline", runs = 5 })).Json(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var running = await (await c.GetAsync($"/api/jobs/{id}")).Json();
        Assert.Equal("Running", running.GetProperty("status").GetString());
        Assert.Equal(1, running.GetProperty("done").GetInt64());
        await (await c.GetAsync($"/api/jobs/{id}/results")).Problem(HttpStatusCode.Conflict, "id");
        await (await c.PostAsync($"/api/jobs/{id}/cancel", null)).Json(HttpStatusCode.Accepted);
        var end = await TestHttp.WaitFor(c, id);
        Assert.Equal("Cancelled", end.GetProperty("status").GetString());
        Assert.False(Directory.Exists(Path.Combine(f.Store, "jobs", id)));
    }

    [Fact]
    public async Task A_full_queue_refuses_with_429_and_queued_jobs_can_be_cancelled()
    {
        var gate = new GateExecutor();
        using var f = new BallastFactory { Executor = gate }.With("MaxQueuedJobs", "1").With("MaxConcurrentJobs", "1");
        var c = f.CreateClient();
        await c.PostJson("/api/jobs", new { scenario = "baseline", runs = 5 });
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = (await (await c.PostJson("/api/jobs", new { scenario = "baseline", runs = 5 })).Json(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        var full = await c.PostJson("/api/jobs", new { scenario = "baseline", runs = 5 });
        Assert.Equal(HttpStatusCode.TooManyRequests, full.StatusCode);
        Assert.Equal("application/problem+json", full.Content.Headers.ContentType?.MediaType);
        var cancelled = await (await c.PostAsync($"/api/jobs/{queued}/cancel", null)).Json(HttpStatusCode.Accepted);
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        gate.Release();
    }

    [Fact]
    public async Task A_job_over_the_time_limit_fails_with_the_reason()
    {
        using var f = new BallastFactory { Executor = new GateExecutor() }.With("MaxJobSeconds", "1");
        var c = f.CreateClient();
        var id = (await (await c.PostJson("/api/jobs", new { scenario = "baseline", runs = 5 })).Json(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        var end = await TestHttp.WaitFor(c, id);
        Assert.Equal("Failed", end.GetProperty("status").GetString());
        Assert.Contains("job time limit of 1 s", end.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_runs_scenarios_with_a_common_seed_and_reports_paired_differences()
    {
        using var f = new BallastFactory();
        var c = f.CreateClient();
        var id = (await (await c.PostJson("/api/compare", new { scenarios = new object[] { new { scenario = "us-conditional-3.5" }, new { scenario = "us-reassure" } }, runs = 30, seed = 11 })).Json(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        Assert.Equal("Succeeded", (await TestHttp.WaitFor(c, id)).GetProperty("status").GetString());
        var res = await (await c.GetAsync($"/api/jobs/{id}/results")).Json();
        Assert.Equal(2, res.GetProperty("scenarios").GetArrayLength());
        var values = res.GetProperty("kpis").EnumerateArray().First(k => k.GetProperty("id").GetString() == "balance").GetProperty("values");
        Assert.Equal(2, values.GetArrayLength());

        // The difference is taken run by run (common random numbers): its median, with the 5–95 % range over runs.
        var balance = res.GetProperty("paired").EnumerateArray().Single(k => k.GetProperty("id").GetString() == "balance");
        Assert.Equal("Balance ratio", balance.GetProperty("name").GetString());
        // Medians over the same runs (the summary's percentiles are kept in single precision).
        Assert.Equal(values[0].GetProperty("p50").GetDouble(), balance.GetProperty("medians")[0].GetDouble(), 6);
        Assert.Equal(values[1].GetProperty("p50").GetDouble(), balance.GetProperty("medians")[1].GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, balance.GetProperty("differences")[0].ValueKind);
        var d = balance.GetProperty("differences")[1];
        Assert.InRange(d.GetProperty("p50").GetDouble(), d.GetProperty("p5").GetDouble(), d.GetProperty("p95").GetDouble());
        Assert.True(d.GetProperty("p95").GetDouble() > d.GetProperty("p5").GetDouble());

        // Its report is the comparison report; every scenario has its own in its folder.
        Assert.Contains("Paired differences at the horizon, run by run", await (await c.GetAsync($"/api/jobs/{id}/report")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restarted_server_still_serves_finished_results_and_marks_interrupted_jobs_failed()
    {
        var store = BallastFactory.TempStore();
        string id;
        using (var first = new BallastFactory(store))
        {
            var c = first.CreateClient();
            id = (await (await c.PostJson("/api/jobs", new { scenario = "baseline", runs = 20, seed = 3 })).Json(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
            Assert.Equal("Succeeded", (await TestHttp.WaitFor(c, id)).GetProperty("status").GetString());
        }

        // A job the previous process left running (it died mid-run), with a half-written folder.
        var jobs = new JobStore(store);
        var spec = new JobSpec([new JobScenario("baseline", "name: x")], 5, 1);
        var orphan = new JobRecord(JobStore.NewId(), JobKind.Run, "baseline", JobStatus.Running, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, 2, 5, null, spec);
        jobs.Add(orphan);
        Directory.CreateDirectory(jobs.WorkFolder(orphan.Id));

        using var second = new BallastFactory(store);
        var c2 = second.CreateClient();
        var again = await (await c2.GetAsync($"/api/jobs/{id}")).Json();
        Assert.Equal("Succeeded", again.GetProperty("status").GetString());
        var res = await (await c2.GetAsync($"/api/jobs/{id}/results")).Json();
        Assert.Equal(20, res.GetProperty("scenarios")[0].GetProperty("runs").GetInt64());
        var lost = await (await c2.GetAsync($"/api/jobs/{orphan.Id}")).Json();
        Assert.Equal("Failed", lost.GetProperty("status").GetString());
        Assert.Contains("server stopped", lost.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(jobs.WorkFolder(orphan.Id)));
    }
}
