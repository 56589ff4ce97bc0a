using System.Net;
using System.Text;
using System.Text.Json;
using Ballast.Core;

namespace Ballast.Web.Tests;

/// <summary>
/// Bad input generated for every operation of the OpenAPI document (wrong types, missing fields, huge values, bad
/// encodings, deep and broken YAML): every answer is a 4xx problem document, never a 5xx.
/// </summary>
public sealed class HostileRequestTests : IDisposable
{
    private static readonly string DeepYaml = "a: " + new string('[', 50_000);
    private const string UnterminatedFlow = "a: {b: 1\nc: 2";

    private readonly BallastFactory _f = new BallastFactory().With("MaxQueuedCompute", "64");
    private readonly HttpClient _c;

    public HostileRequestTests() => _c = _f.CreateClient();

    public void Dispose()
    {
        _c.Dispose();
        _f.Dispose();
    }

    [Theory]
    [InlineData("/api/scenarios/validate")]
    [InlineData("/api/scenarios/levers")]
    [InlineData("/api/jobs")]
    [InlineData("/api/optimise")]
    [InlineData("/api/explore")]
    public async Task Deep_and_unterminated_yaml_are_located_400_problems_on_every_scenario_endpoint(string path)
    {
        foreach (var yaml in new[] { DeepYaml, UnterminatedFlow })
        {
            var body = JsonSerializer.Serialize(new { yaml, levers = new Dictionary<string, object>() });
            using var r = await _c.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)r.StatusCode} {text}");
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.Matches(yaml == DeepYaml ? "nests deeper than 64 levels" : "invalid YAML", text);
        }
    }

    [Fact]
    public async Task Every_operation_answers_generated_bad_input_with_a_4xx_problem()
    {
        using var doc = JsonDocument.Parse(await _c.GetStringAsync("/openapi/v1.json"));
        var failures = new List<string>();
        var sent = 0;
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                var method = op.Name.ToUpperInvariant();
                if (method is not ("GET" or "POST" or "PUT" or "DELETE"))
                {
                    continue;
                }

                foreach (var (url, content) in Cases(path.Name, op.Value, method))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
                    using var r = await _c.SendAsync(request);
                    sent++;
                    var status = (int)r.StatusCode;
                    var type = r.Content.Headers.ContentType?.MediaType;
                    if (status >= 500 || (status >= 400 && status != 404 && status != 405 && status != 415 && type != "application/problem+json"))
                    {
                        failures.Add($"{method} {url} ({Describe(content)}): {status} {type}");
                    }
                }
            }
        }

        Assert.True(sent > 100, $"only {sent} requests generated");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Describe(HttpContent? content) => content is null ? "no body" : content.Headers.ContentType?.ToString() ?? "?";

    private static IEnumerable<(string Url, HttpContent? Content)> Cases(string template, JsonElement op, string method)
    {
        var parameters = op.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().ToList() : [];
        // The test server refuses a NUL in a path before the app sees it, so those values go in the query only.
        string Fill(string value) => System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", value.Contains('\0', StringComparison.Ordinal) || value == "%00" ? "x" : Uri.EscapeDataString(value));
        string[] bad = ["", "-1", "abc", "1e308", "99999999999999999999", "NaN", new string('x', 5000), "%00", "\u202E", "[[[[", "JP\0N"];
        var query = parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();
        foreach (var v in bad)
        {
            var q = query.Count == 0 ? string.Empty : "?" + string.Join("&", query.Select(n => $"{n}={Uri.EscapeDataString(v)}"));
            yield return (Fill(v) + q, null);
        }

        if (method == "GET")
        {
            yield break;
        }

        var url = Fill("x");
        string[] bodies =
        [
            "{}", "[]", "null", "\"text\"", "1e999", "{\"yaml\": 5}", "{\"scenario\": [1]}", "{\"scenario\": \"baseline\", \"runs\": -1}",
            "{\"scenario\": \"baseline\", \"runs\": 1e30}", "{\"scenario\": \"baseline\", \"seed\": \"x\"}", "{\"scenario\": \"nope\"}",
            "{\"yaml\": \"\", \"scenario\": \"baseline\"}", "{\"levers\": {\"x\": {}}}", "{" + new string('[', 10_000), "{\"a\":",
            JsonSerializer.Serialize(new { yaml = DeepYaml }), JsonSerializer.Serialize(new { yaml = UnterminatedFlow }),
            JsonSerializer.Serialize(new { yaml = "a: " + new string('x', 2_000_000) }),
        ];
        foreach (var b in bodies)
        {
            yield return (url, new StringContent(b, Encoding.UTF8, "application/json"));
        }

        yield return (url, new ByteArrayContent([0xC3, 0x28, 0xFF, 0xFE]) { Headers = { ContentType = new("application/json") } });
        yield return (url, new StringContent("{}", Encoding.UTF8, "text/plain"));
    }

    [Fact]
    public async Task A_year_without_data_is_refused_with_the_same_message_as_the_cli()
    {
        using var r = await _c.GetAsync("/api/burden?year=3000");
        var text = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("must be between", text, StringComparison.Ordinal);
        Assert.Contains("the years with military spending as a share of GDP", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_request_limit_is_the_documented_one()
    {
        Assert.Equal(InputLimits.RequestBytes, new Ballast.Web.Hosting.BallastWebOptions().MaxRequestBytes);
        Assert.Equal(InputLimits.RunsPerJob, new Ballast.Web.Hosting.BallastWebOptions().MaxRunsPerJob);
        Assert.Equal(InputLimits.ConcurrentJobs, new Ballast.Web.Hosting.BallastWebOptions().MaxConcurrentJobs);
    }
}
