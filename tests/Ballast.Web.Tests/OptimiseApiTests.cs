using System.Net;

namespace Ballast.Web.Tests;

public sealed class OptimiseApiTests : IClassFixture<OptimiseApiTests.Server>
{
    private readonly HttpClient _c;

    public OptimiseApiTests(Server server) => _c = server.Factory.CreateClient();

    public sealed class Server : IDisposable
    {
        public BallastFactory Factory { get; } = new BallastFactory { Executor = new GateExecutor() }.With("OptimiserTimeLimitSeconds", "20");

        public void Dispose() => Factory.Dispose();
    }

    [Fact]
    public async Task Optimise_returns_allocation_gaps_programmes_and_the_dividend_consistently()
    {
        var r = await (await _c.PostJson("/api/optimise", new { scenario = "baseline", year = 2030, budget_share_pct = 3.5, programmes = true })).Json();
        Assert.Equal("baseline", r.GetProperty("scenario").GetString());
        Assert.Equal(2030, r.GetProperty("year").GetInt32());
        Assert.Equal(20.0, r.GetProperty("time_limit_seconds").GetDouble()); // from configuration
        var d = r.GetProperty("dividend");

        // docs/optimiser.md's example (embedded data, 2030, 3.5 %, programmes): dividend US$ 99 bn, 14.3 % of US$ 695 bn.
        Assert.Equal(99, d.GetProperty("dividend_usd_bn").GetDouble(), 0);
        Assert.Equal(14.3, d.GetProperty("dividend_pct_of_spending").GetDouble(), 1);
        Assert.Equal(695, d.GetProperty("coalition_spending_usd_bn").GetDouble(), 0);

        // Federating never leaves more gap than going it alone; countries' spend adds up to the federated total.
        Assert.True(d.GetProperty("federated_gap_bn_units").GetDouble() <= d.GetProperty("autonomous_gap_bn_units").GetDouble() + 1e-6);
        var countries = r.GetProperty("countries").EnumerateArray().ToList();
        Assert.Equal(d.GetProperty("federated_spend_usd_bn").GetDouble(), countries.Sum(c => c.GetProperty("federated_spend_usd_bn").GetDouble()), 6);
        Assert.Equal(7 * 6, r.GetProperty("coverage").GetArrayLength()); // seven mission areas × six theatres
        Assert.NotEqual(0, r.GetProperty("allocation").GetArrayLength());
        Assert.All(r.GetProperty("allocation").EnumerateArray(), a => Assert.True(a.GetProperty("investment_usd_bn").GetDouble() >= 0.0005));
        var decisions = r.GetProperty("programme_decisions").EnumerateArray().ToDictionary(p => p.GetProperty("programme").GetString()!, p => p.GetProperty("decision").GetString());
        Assert.Contains("join", decisions.Values);
        Assert.NotEmpty(r.GetProperty("assumptions").EnumerateArray());
    }

    [Fact]
    public async Task Priorities_change_the_answer_and_yaml_is_accepted()
    {
        var yaml = await (await _c.GetAsync("/api/scenarios/baseline")).Json();
        var plain = await (await _c.PostJson("/api/optimise", new { yaml = yaml.GetProperty("yaml").GetString(), year = 2030 })).Json();
        var weighted = await (await _c.PostJson("/api/optimise", new { scenario = "baseline", year = 2030, priorities = new Dictionary<string, double> { ["taiwan_strait"] = 0 } })).Json();
        var byName = await (await _c.PostJson("/api/optimise", new { scenario = "baseline", year = 2030 })).Json();
        Assert.Equal(byName.GetProperty("dividend").GetProperty("dividend_usd_bn").GetDouble(), plain.GetProperty("dividend").GetProperty("dividend_usd_bn").GetDouble(), 6);
        var tw = weighted.GetProperty("coverage").EnumerateArray().Where(c => c.GetProperty("theatre").GetString() == "taiwan_strait").ToList();
        Assert.All(tw, c => Assert.Equal(0, c.GetProperty("priority").GetDouble()));
    }

    [Theory]
    [InlineData("""{"scenario":"baseline","budget_share_pct":0}""", "budget_share_pct")]
    [InlineData("""{"scenario":"baseline","budget_share_pct":101}""", "budget_share_pct")]
    [InlineData("""{"scenario":"baseline","year":1800}""", "year")]
    [InlineData("""{"scenario":"baseline","priorities":{"atlantis":1}}""", "priorities")]
    [InlineData("""{"scenario":"baseline","priorities":{"taiwan_strait":-1}}""", "priorities")]
    [InlineData("""{"scenario":"baseline","priorities":{"taiwan_strait":"high"}}""", "priorities.taiwan_strait")]
    [InlineData("""{"scenario":"nope"}""", "scenario")]
    [InlineData("""{"scenario":"baseline","yaml":"name: x"}""", "scenario")]
    [InlineData("""{"scenario":"baseline","year":"soon"}""", "year")]
    [InlineData("""{}""", "scenario")]
    public async Task Bad_optimiser_input_is_a_400_naming_the_field(string body, string field)
    {
        var p = await (await _c.PostAsync("/api/optimise", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest, field);
        Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Scenario_yaml_errors_point_at_the_line()
    {
        var p = await (await _c.PostJson("/api/optimise", new { yaml = "name: [", file_name = "mine.yaml" })).Json(HttpStatusCode.BadRequest);
        Assert.Equal("mine.yaml", p.GetProperty("file").GetString());
        Assert.True(p.GetProperty("line").GetInt32() >= 1);
    }

    [Fact]
    public async Task Tables_are_served_as_csv_and_bad_tables_are_400()
    {
        var csv = await _c.GetAsync("/api/optimise/allocation.csv?scenario=baseline&year=2030&budget_share_pct=3.5");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("country,mission,theatre,investment_usd_bn,capability_bn_units,share_of_budget_pct\r\n", text, StringComparison.Ordinal);
        var dividend = await (await _c.GetAsync("/api/optimise/dividend.csv?scenario=baseline&year=2030")).Content.ReadAsStringAsync();
        Assert.Contains("dividend_usd_bn,", dividend, StringComparison.Ordinal);
        await (await _c.GetAsync("/api/optimise/secrets.csv?scenario=baseline")).Problem(HttpStatusCode.BadRequest, "table");
        await (await _c.GetAsync("/api/optimise/allocation.csv")).Problem(HttpStatusCode.BadRequest, "scenario");
        await (await _c.GetAsync("/api/optimise/allocation.csv?scenario=baseline&budget_share_pct=abc")).Problem(HttpStatusCode.BadRequest, "budget_share_pct");
    }

    [Fact]
    public async Task The_optimiser_page_renders_tables_and_shows_errors_at_the_field()
    {
        var html = await (await _c.GetAsync("/optimise?scenario=baseline&year=2030&budget_share_pct=3.5")).Content.ReadAsStringAsync();
        Assert.Contains("Federated dividend", html, StringComparison.Ordinal);
        Assert.Contains("<caption>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/optimise/allocation.csv?scenario=baseline&amp;year=2030&amp;budget_share_pct=3.5&amp;programmes=false\"", html, StringComparison.Ordinal);
        Assert.Contains("<label>Budget share (% of GDP) <input", html, StringComparison.Ordinal);
        var bad = await (await _c.GetAsync("/optimise?scenario=baseline&budget_share_pct=0")).Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", bad, StringComparison.Ordinal);
        Assert.Contains("budget_share_pct: budget share 0 % must be greater than 0 and at most 100", bad, StringComparison.Ordinal);
    }
}
