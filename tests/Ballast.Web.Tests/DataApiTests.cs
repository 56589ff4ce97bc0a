using System.Net;

namespace Ballast.Web.Tests;

public sealed class DataApiTests : IClassFixture<DataApiTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public BallastFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }

    private readonly HttpClient _c;

    public DataApiTests(Fixture f) => _c = f.Factory.CreateClient();

    [Fact]
    public async Task Countries_lists_the_indo_pacific_set_with_roles_and_groups()
    {
        var j = await (await _c.GetAsync("/api/countries")).Json();
        Assert.Equal("indo-pacific", j.GetProperty("set").GetString());
        var codes = j.GetProperty("countries").EnumerateArray().Select(x => x.GetProperty("country").GetString()).ToList();
        Assert.Contains("JPN", codes);
        Assert.Contains("CHN", codes);
        Assert.Contains(j.GetProperty("groups").EnumerateArray(), g => g.GetProperty("name").GetString() == "quad");
        var names = j.GetProperty("group_names").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.Equal(["allies", "aukus", "euro-atlantic", "indo-pacific", "nato", "prk-rus-treaty", "quad", "treaty-allies", "trilateral", "us-india-mdp"], names);
    }

    [Fact]
    public async Task Countries_unknown_set_is_a_400_naming_set() =>
        await (await _c.GetAsync("/api/countries?set=atlantis")).Problem(HttpStatusCode.BadRequest, "set");

    [Fact]
    public async Task Series_of_japan_has_rows_and_sources()
    {
        var j = await (await _c.GetAsync("/api/series/JPN?from=2020&to=2022")).Json();
        Assert.Equal("JPN", j.GetProperty("country").GetString());
        Assert.Equal([2020, 2021, 2022], j.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("year").GetInt32()));
        Assert.NotEmpty(j.GetProperty("sources").GetProperty("MilexShare").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/series/Narnia", "country")]
    [InlineData("/api/series/JPN?from=abc", "from")]
    [InlineData("/api/series/JPN?from=1700&to=1701", "country")]
    [InlineData("/api/shares?from=2020&to=2010", "from")]
    [InlineData("/api/shares?from=1800", "from")]
    [InlineData("/api/burden?targets=2,abc", "targets")]
    [InlineData("/api/burden?targets=0", "targets")]
    [InlineData("/api/burden?year=1800", "year")]
    [InlineData("/api/burden?year=twenty", "year")]
    [InlineData("/api/burden?countries=JPN&group=quad", "countries")]
    [InlineData("/api/burden?group=warsaw-pact", "group")]
    [InlineData("/api/burden?countries=JPN,Atlantis", "countries")]
    [InlineData("/api/exploitation?year=x", "year")]
    [InlineData("/api/exploitation?year=1500", "year")]
    [InlineData("/api/power?year=1990", "year")]
    [InlineData("/api/network?year=3000", "year")]
    [InlineData("/api/figures/network.svg?years=1990,x", "years")]
    [InlineData("/api/figures/network.svg?years=1990,1991,1992,1993,1994", "years")]
    [InlineData("/api/figures/shares.svg?targets=-1", "targets")]
    public async Task Bad_query_values_are_400_problems_naming_the_field(string url, string field) =>
        await (await _c.GetAsync(url)).Problem(HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task Burden_gives_gaps_for_each_target()
    {
        var j = await (await _c.GetAsync("/api/burden?year=2023&targets=2,3.5,5&group=quad")).Json();
        Assert.Equal([2.0, 3.5, 5.0], j.GetProperty("targets_pct").EnumerateArray().Select(x => x.GetDouble()));
        var rows = j.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["AUS", "IND", "JPN", "USA"], rows.Select(r => r.GetProperty("country").GetString()).Order());
        var usa = rows.Single(r => r.GetProperty("country").GetString() == "USA");
        var share = usa.GetProperty("share_pct").GetDouble();
        var gap2 = usa.GetProperty("gaps")[0];
        Assert.Equal(2 - share, gap2.GetProperty("gap_pp").GetDouble(), 6); // gap = target − share
        Assert.Equal("met", gap2.GetProperty("reach_status").GetString());
        Assert.Equal(2023, gap2.GetProperty("reach_year").GetInt32()); // met: the year analysed
        Assert.True(usa.GetProperty("milex_usd_bn").GetDouble() is > 500 and < 2000); // US$ bn, as the CLI's milex_usd_bn
    }

    [Fact]
    public async Task Exploitation_reports_both_rank_correlations()
    {
        var j = await (await _c.GetAsync("/api/exploitation?year=2023")).Json();
        Assert.True(j.GetProperty("n").GetInt32() >= 5);
        Assert.Equal(j.GetProperty("n").GetInt32(), j.GetProperty("table").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(j.GetProperty("interpretation").GetString()));
        Assert.True(j.GetProperty("spearman").GetProperty("p").GetDouble() is >= 0 and <= 1);
    }

    [Fact]
    public async Task Power_gives_a_balance_under_each_measure()
    {
        var j = await (await _c.GetAsync("/api/power?year=2022")).Json();
        Assert.Equal(4, j.GetProperty("balance").GetArrayLength());
        Assert.Contains(j.GetProperty("countries").EnumerateArray(), c => c.GetProperty("country").GetString() == "CHN");
    }

    [Fact]
    public async Task Network_moves_from_hub_and_spokes_towards_networked()
    {
        var old = await (await _c.GetAsync("/api/network?year=1990")).Json();
        var now = await (await _c.GetAsync("/api/network?year=2024")).Json();
        Assert.True(now.GetProperty("metrics").GetProperty("ally_to_ally_ties").GetInt32() > old.GetProperty("metrics").GetProperty("ally_to_ally_ties").GetInt32());
        Assert.NotEmpty(now.GetProperty("edges").EnumerateArray());
    }

    [Fact]
    public async Task Figures_are_svg_with_drawn_elements_and_csv_with_a_header()
    {
        var svg = await (await _c.GetAsync("/api/figures/shares.svg?group=quad&targets=2,3.5")).Content.ReadAsStringAsync();
        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("polyline", svg, StringComparison.Ordinal);
        var csv = await (await _c.GetAsync("/api/figures/shares.csv?group=quad")).Content.ReadAsStringAsync();
        Assert.StartsWith("Code,Country,Year,Share of GDP (%)\r\n", csv, StringComparison.Ordinal);
        var net = await _c.GetAsync("/api/figures/network.svg?years=1990,2024");
        Assert.Equal("image/svg+xml", net.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<circle", await net.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var netCsv = await (await _c.GetAsync("/api/figures/network.csv?years=2024")).Content.ReadAsStringAsync();
        Assert.StartsWith("Year,From,To,Type,Strength\r\n", netCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_routes_are_404_problems()
    {
        var r = await _c.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    [Fact]
    public async Task Openapi_lists_every_api_endpoint_and_the_reference_page_renders_it()
    {
        var doc = await (await _c.GetAsync("/openapi/v1.json")).Json();
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/countries", "/api/series/{country}", "/api/shares", "/api/burden", "/api/exploitation", "/api/power", "/api/network",
            "/api/figures/shares.svg", "/api/figures/shares.csv", "/api/figures/network.svg", "/api/figures/network.csv",
            "/api/scenarios", "/api/scenarios/schema", "/api/scenarios/{name}", "/api/scenarios/validate", "/api/scenarios/levers",
            "/api/jobs", "/api/compare", "/api/jobs/{id}", "/api/jobs/{id}/cancel", "/api/jobs/{id}/results", "/api/jobs/{id}/files",
            "/api/jobs/{id}/files/{name}", "/api/jobs/{id}/report", "/api/jobs/{id}/figures/{figure}",
            "/api/optimise", "/api/optimise/{table}", "/api/explore", "/api/jobs/{id}/sensitivity", "/api/jobs/{id}/discover",
        ];
        Assert.Equal([], expected.Where(e => !paths.Contains(e)).ToArray());
        var page = await (await _c.GetAsync("/api-docs")).Content.ReadAsStringAsync();
        Assert.Contains("/openapi/v1.json", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/burden")]
    [InlineData("/network")]
    [InlineData("/workbench")]
    [InlineData("/compare")]
    [InlineData("/optimise")]
    [InlineData("/explore")]
    [InlineData("/jobs")]
    [InlineData("/api-docs")]
    public async Task Dashboard_pages_are_served_with_local_assets_only(string path)
    {
        var html = await (await _c.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.Contains("<nav aria-label=\"Dashboard pages\">", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/assets/app.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
        var js = await _c.GetAsync("/assets/app.js");
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _c.GetAsync("/assets/..%2Fjobs.db")).StatusCode);
    }
}
