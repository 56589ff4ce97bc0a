using System.Net;

namespace Ballast.Web.Tests;

/// <summary>Run jobs write their report as <c>ballast run</c> does, with the difference from the baseline for other scenarios (issue 17).</summary>
public sealed class WebReportTests
{
    [Fact]
    public async Task A_run_job_of_another_scenario_reports_its_difference_from_the_baseline()
    {
        using var f = new BallastFactory();
        var c = f.CreateClient();
        var accepted = await (await c.PostJson("/api/jobs", new { scenario = "us-reassure", runs = 30, seed = 3 })).Json(HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetString()!;
        var done = await TestHttp.WaitFor(c, id);
        Assert.Equal("Succeeded", done.GetProperty("status").GetString());
        Assert.Equal(1.0, done.GetProperty("progress").GetDouble());

        var report = await c.GetAsync($"/api/jobs/{id}/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        string html = await report.Content.ReadAsStringAsync();
        Assert.Contains("<title>Ballast report: us-reassure</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Difference from the baseline scenario</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Against the baseline scenario with the same runs and seed, the balance ratio in ", html, StringComparison.Ordinal);

        var files = (await (await c.GetAsync($"/api/jobs/{id}/files")).Json()).EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToList();
        Assert.Contains("paired.json", files);
        Assert.Contains("report.html", files);
    }

    [Fact]
    public async Task A_baseline_run_job_has_a_report_without_a_baseline_difference()
    {
        using var f = new BallastFactory();
        var c = f.CreateClient();
        var id = (await (await c.PostJson("/api/jobs", new { scenario = "baseline", runs = 20, seed = 3 })).Json(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        await TestHttp.WaitFor(c, id);
        string html = await (await c.GetAsync($"/api/jobs/{id}/report")).Content.ReadAsStringAsync();
        Assert.Contains("<section id=\"findings\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Difference from the baseline", html, StringComparison.Ordinal);
        var files = (await (await c.GetAsync($"/api/jobs/{id}/files")).Json()).EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("paired.json", files);
    }
}
