using System.Net;
using System.Text;

namespace Ballast.Web.Tests;

public sealed class ScenarioApiTests : IClassFixture<DataApiTests.Fixture>
{
    private readonly HttpClient _c;

    public ScenarioApiTests(DataApiTests.Fixture f) => _c = f.Factory.CreateClient();

    private const string Bad = """
        name: broken
        description: a scenario with a bad stance
        question: does it load?
        start: 2024
        horizon: 2030
        actors: indo-pacific
        targets: [2]
        us:
          stance:
            - { from: 2024, kind: abandon, harshness: 0.2 }
        architecture: hub-and-spokes
        """;

    [Fact]
    public async Task Examples_are_listed_and_served()
    {
        var list = await (await _c.GetAsync("/api/scenarios")).Json();
        var names = list.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Contains("baseline", names);
        Assert.Contains("us-conditional-3.5", names);
        var b = await (await _c.GetAsync("/api/scenarios/baseline")).Json();
        Assert.Contains("name: baseline", b.GetProperty("yaml").GetString(), StringComparison.Ordinal);
        await (await _c.GetAsync("/api/scenarios/nope")).Problem(HttpStatusCode.NotFound, "name");
    }

    [Fact]
    public async Task Schema_lists_the_levers()
    {
        var s = await (await _c.GetAsync("/api/scenarios/schema")).Json();
        var keys = s.EnumerateArray().Select(x => x.GetProperty("key").GetString()).ToList();
        Assert.Contains("us.stance.harshness", keys);
        Assert.Contains("architecture", keys);
    }

    [Fact]
    public async Task Validate_accepts_an_example_and_returns_its_levers()
    {
        var j = await (await _c.PostJson("/api/scenarios/validate", new { scenario = "baseline" })).Json();
        Assert.True(j.GetProperty("valid").GetBoolean());
        Assert.Equal("reassure", j.GetProperty("levers").GetProperty("us.stance.kind").GetString());
        Assert.Equal("0.2", j.GetProperty("levers").GetProperty("us.stance.harshness").GetString());
    }

    [Fact]
    public async Task Validate_names_file_line_column_and_field_of_a_bad_scenario()
    {
        var p = await (await _c.PostJson("/api/scenarios/validate", new { yaml = Bad, file_name = "../../etc/mine.yaml" })).Problem(HttpStatusCode.BadRequest, "us.stance[0].kind");
        Assert.Equal(10, p.GetProperty("line").GetInt32());
        Assert.True(p.GetProperty("column").GetInt32() > 1);
        Assert.Equal("mine.yaml", p.GetProperty("file").GetString()); // a label only: the path is dropped
        Assert.Contains("allowed: reassure, conditional, disengage", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_type_tags_are_not_instantiated()
    {
        var yaml = "name: !!python/object/apply:os.system ['echo hi']\n" + Bad.Split('\n', 2)[1];
        var r = await _c.PostJson("/api/scenarios/validate", new { yaml });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var yaml2 = "name: !<tag:yaml.org,2002:System.IO.FileInfo> x\n" + Bad.Split('\n', 2)[1];
        Assert.Equal(HttpStatusCode.BadRequest, (await _c.PostJson("/api/scenarios/validate", new { yaml = yaml2 })).StatusCode);
    }

    [Theory]
    [InlineData("{}", "scenario")]
    [InlineData("{\"scenario\":\"baseline\",\"yaml\":\"name: x\"}", "scenario")]
    [InlineData("{\"scenario\":\"atlantis\"}", "scenario")]
    [InlineData("{\"scenario\": 5}", "scenario")]
    [InlineData("{\"scenario\": \"baseline\",", "body")]
    [InlineData("", "body")]
    public async Task Bad_validate_bodies_are_400_problems(string body, string field)
    {
        var r = await _c.PostAsync("/api/scenarios/validate", new StringContent(body, Encoding.UTF8, "application/json"));
        await r.Problem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Levers_rewrite_the_yaml_and_the_result_validates()
    {
        var j = await (await _c.PostJson("/api/scenarios/levers", new { scenario = "baseline", levers = new Dictionary<string, object> { ["us.stance.harshness"] = 0.8, ["architecture"] = "networked", ["targets"] = "2, 3.5, 5" } })).Json();
        var yaml = j.GetProperty("yaml").GetString()!;
        Assert.Contains("harshness: 0.8", yaml, StringComparison.Ordinal);
        Assert.Contains("architecture: networked", yaml, StringComparison.Ordinal);
        Assert.Equal("2, 3.5, 5", j.GetProperty("levers").GetProperty("targets").GetString());
        var again = await (await _c.PostJson("/api/scenarios/validate", new { yaml })).Json();
        Assert.Equal("networked", again.GetProperty("scenario").GetProperty("architecture").GetString());
    }

    [Fact]
    public async Task A_lever_of_the_catalogue_reaches_the_schema_the_yaml_and_the_loader()
    {
        var schema = await (await _c.GetAsync("/api/scenarios/schema")).Json();
        var growth = schema.EnumerateArray().Single(x => x.GetProperty("key").GetString() == "growth.CHN");
        Assert.Equal(("number", -50.0, 50.0, true), (growth.GetProperty("type").GetString(), growth.GetProperty("min").GetDouble(), growth.GetProperty("max").GetDouble(), growth.GetProperty("optional").GetBoolean()));
        var j = await (await _c.PostJson("/api/scenarios/levers", new { scenario = "baseline", levers = new Dictionary<string, object> { ["growth.CHN"] = 6.5 } })).Json();
        Assert.Contains("country: CHN, percent: 6.5", j.GetProperty("yaml").GetString()!, StringComparison.Ordinal);
        Assert.Equal("6.5", j.GetProperty("levers").GetProperty("growth.CHN").GetString());
    }

    [Fact]
    public async Task The_ally_stance_levers_reach_the_schema_the_yaml_and_the_loader()
    {
        var schema = await (await _c.GetAsync("/api/scenarios/schema")).Json();
        var kind = schema.EnumerateArray().Single(x => x.GetProperty("key").GetString() == "us.ally-stance.KOR.kind");
        Assert.Equal(("choice", true), (kind.GetProperty("type").GetString(), kind.GetProperty("optional").GetBoolean()));
        var j = await (await _c.PostJson("/api/scenarios/levers", new
        {
            scenario = "baseline",
            levers = new Dictionary<string, object> { ["us.ally-stance.KOR.kind"] = "disengage", ["us.ally-stance.KOR.harshness"] = 0.8, ["us.ally-stance.JPN.kind"] = "reassure" },
        })).Json();
        Assert.Contains("""
              ally-stances:
                - { ally: JPN, from: 2024, kind: reassure, harshness: 0.2 }
                - { ally: KOR, from: 2024, kind: disengage, harshness: 0.8 }
            """, j.GetProperty("yaml").GetString()!, StringComparison.Ordinal);
        Assert.Equal("disengage", j.GetProperty("levers").GetProperty("us.ally-stance.KOR.kind").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, j.GetProperty("levers").GetProperty("us.ally-stance.AUS.kind").ValueKind);
    }

    [Theory]
    [InlineData("us.ally-stance.JPN.harshness", "0.5", "levers.us.ally-stance.JPN.harshness")]
    [InlineData("colour", "blue", "levers.colour")]
    [InlineData("us.stance.harshness", "2", "levers.us.stance.harshness")]
    [InlineData("us.stance.kind", "abandon", "levers.us.stance.kind")]
    [InlineData("us.stance.kind", "conditional", "levers.us.stance.target")]
    [InlineData("horizon", "2020", "horizon")]
    [InlineData("start", "20.5", "levers.start")]
    public async Task Bad_lever_values_are_400_problems_naming_the_lever(string key, string value, string field) =>
        await (await _c.PostJson("/api/scenarios/levers", new { scenario = "baseline", levers = new Dictionary<string, string> { [key] = value } })).Problem(HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task Request_bodies_over_the_cap_are_413()
    {
        using var f = new BallastFactory().With("MaxRequestBytes", "1000");
        var c = f.CreateClient();
        var r = await c.PostJson("/api/scenarios/validate", new { yaml = new string('#', 5000) });
        await r.Problem(HttpStatusCode.RequestEntityTooLarge, "body");
        var chunked = new StringContent("{\"yaml\":\"" + new string('#', 5000) + "\"}", Encoding.UTF8, "application/json");
        chunked.Headers.ContentLength = null;
        var req = new HttpRequestMessage(HttpMethod.Post, "/api/scenarios/validate") { Content = new StreamContent(await chunked.ReadAsStreamAsync()) };
        req.Content.Headers.ContentType = new("application/json");
        var r2 = await c.SendAsync(req);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r2.StatusCode);
    }
}
