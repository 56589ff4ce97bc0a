using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Ballast.Web.Tests;

/// <summary>
/// The OpenAPI document as a contract (issue 17): every operation's real status codes and problem responses, a schema for
/// every response, optional request fields optional; it passes an OpenAPI linter; and a client generated from it (NSwag, at
/// test time, compiled in memory) drives the API.
/// </summary>
public sealed class OpenApiContractTests : IDisposable
{
    private readonly BallastFactory _f = new();
    private readonly HttpClient _c;

    public OpenApiContractTests() => _c = _f.CreateClient();

    public void Dispose() => _f.Dispose();

    private async Task<JsonElement> Document() => await (await _c.GetAsync("/openapi/v1.json")).Json();

    [Fact]
    public async Task Every_operation_declares_its_status_codes_and_a_schema_for_each_response()
    {
        var doc = await Document();
        int operations = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                operations++;
                string where = $"{op.Name.ToUpperInvariant()} {path.Name}";
                var responses = op.Value.GetProperty("responses");
                var codes = responses.EnumerateObject().Select(r => r.Name).ToHashSet();
                Assert.True(codes.Contains("200") || codes.Contains("201") || codes.Contains("202"), where);
                Assert.Contains("401", codes);
                Assert.Contains("403", codes);
                if (path.Name.Contains('{', StringComparison.Ordinal))
                {
                    Assert.True(codes.Contains("404"), where);
                }

                foreach (var r in responses.EnumerateObject())
                {
                    foreach (var media in r.Value.GetProperty("content").EnumerateObject())
                    {
                        Assert.True(media.Value.TryGetProperty("schema", out _), $"{where} {r.Name} {media.Name}");
                    }

                    if (r.Name.StartsWith('4'))
                    {
                        Assert.Equal("#/components/schemas/ProblemDetails", r.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
                    }
                }
            }
        }

        Assert.Equal(47, operations);
        var paths = doc.GetProperty("paths");
        foreach (var (path, method) in new[] { ("/api/jobs", "post"), ("/api/compare", "post"), ("/api/explore", "post"), ("/api/jobs/{id}/cancel", "post") })
        {
            var codes = paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains("202", codes);
            Assert.DoesNotContain("200", codes);
        }

        Assert.Contains("409", paths.GetProperty("/api/jobs/{id}/results").GetProperty("get").GetProperty("responses").EnumerateObject().Select(r => r.Name));
        Assert.Contains("429", paths.GetProperty("/api/optimise").GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name));
        foreach (var (path, method) in new[] { ("/api/optimise", "post"), ("/api/optimise/{table}", "get") })
        {
            // An installed server without the optimiser companion answers 503 (ProblemMappingTests).
            Assert.Contains("503", paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name));
        }

        foreach (var (path, method) in new[] { ("/api/games", "post"), ("/api/games/{id}/branch", "post") })
        {
            var codes = paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains("201", codes);
            Assert.DoesNotContain("200", codes);
        }

        Assert.Contains("409", paths.GetProperty("/api/games/{id}/moves").GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name));
        Assert.Equal("string", paths.GetProperty("/api/jobs/{id}/report").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("text/html").GetProperty("schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_field_and_query_parameter_follows_the_cli_naming_rule()
    {
        // docs/outputs.md: snake_case, the unit in the name (share_pct, milex_usd_bn), as the CLI's JSON.
        var doc = await Document();
        var snake = new System.Text.RegularExpressions.Regex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
        var names = doc.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(s => s.Value.TryGetProperty("properties", out _))
            .SelectMany(s => s.Value.GetProperty("properties").EnumerateObject().Select(p => (Where: s.Name, p.Name)))
            .Concat(doc.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject())
                .SelectMany(op => op.Value.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().Select(p => (Where: "parameter", Name: p.GetProperty("name").GetString()!)) : []))
            .ToList();
        Assert.True(names.Count > 200, $"{names.Count} names");
        Assert.Empty(names.Where(n => !snake.IsMatch(n.Name)).Select(n => $"{n.Where}.{n.Name}").Distinct());
        var burden = doc.GetProperty("components").GetProperty("schemas").GetProperty("BurdenItem").GetProperty("properties");
        Assert.Equal(["country", "gaps", "gdp_usd_bn", "milex_growth_5y_pct", "milex_usd_bn", "name", "share_growth_5y_pct", "share_pct"], burden.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Optional_request_fields_are_not_required_and_request_bodies_have_examples()
    {
        var doc = await Document();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var run = schemas.GetProperty("RunJobRequest");
        Assert.False(run.TryGetProperty("required", out var required) && required.GetArrayLength() > 0, run.ToString());
        Assert.Equal(["file_name", "runs", "scenario", "seed", "yaml"], run.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        // A double? field: a number or null, not an "object"; a double: a number.
        var budget = schemas.GetProperty("OptimiserRequest").GetProperty("properties").GetProperty("budget_share_pct");
        Assert.Equal(["null", "number"], budget.GetProperty("type").EnumerateArray().Select(t => t.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("number", schemas.GetProperty("JobView").GetProperty("properties").GetProperty("progress").GetProperty("type").GetString());
        Assert.Equal("string", schemas.GetProperty("JobStatus").GetProperty("type").GetString());

        var example = doc.GetProperty("paths").GetProperty("/api/jobs").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("baseline", example.GetProperty("scenario").GetString());
        foreach (var (path, op) in new[] { ("/api/jobs", "submitRun"), ("/api/compare", "submitCompare"), ("/api/explore", "submitExplore"), ("/api/optimise", "optimise"), ("/api/scenarios/validate", "validateScenario"), ("/api/scenarios/levers", "applyLevers") })
        {
            var post = doc.GetProperty("paths").GetProperty(path).GetProperty("post");
            Assert.Equal(op, post.GetProperty("operationId").GetString());
            var body = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");

            // The example is a request the server accepts as it is (validation only: the POSTs that start work are not sent).
            Assert.True(body.TryGetProperty("example", out var e), path);
            if (op is "validateScenario" or "applyLevers")
            {
                var answer = await _c.PostAsync(path, new StringContent(e.GetRawText(), System.Text.Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }
        }
    }

    [Fact]
    public async Task The_document_passes_the_redocly_linter()
    {
        string linter = Path.Combine(Root(), "tests", "Ballast.Web.Tests", "openapi", "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(linter), $"{linter} is missing: the test project's build runs npm ci in tests/Ballast.Web.Tests/openapi");
        string file = Path.Combine(Path.GetTempPath(), $"ballast-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await _c.GetStringAsync("/openapi/v1.json"));
        try
        {
            var start = new ProcessStartInfo(linter, ["lint", file, "--format=json"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            string output = await stdout;
            Assert.True(p.ExitCode == 0, output + await stderr);

            // Redocly's recommended rules: no error and no warning.
            using var report = JsonDocument.Parse(output);
            var totals = report.RootElement.GetProperty("totals");
            Assert.True(totals.GetProperty("errors").GetInt32() == 0 && totals.GetProperty("warnings").GetInt32() == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_client_generated_from_the_document_runs_a_job_and_reads_its_results_and_problems()
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(await _c.GetStringAsync("/openapi/v1.json"));

        // NSwag 14.8 writes its FileResponse class only for OpenAPI 2 "file" schemas, while its methods return FileResponse for
        // OpenAPI 3 binary content too: mark binary content as a file in its model so the class is written.
        foreach (var response in document.Operations.SelectMany(o => o.Operation.ActualResponses.Values).Where(r => r.Content.Values.Any(m => m.Schema?.Format == "binary")))
        {
            foreach (var media in response.Content.Values.Where(m => m.Schema is not null))
            {
                media.Schema.Type = NJsonSchema.JsonObjectType.File;
            }
        }

        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "BallastClient",
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
        };
        settings.CSharpGeneratorSettings.Namespace = "Generated";
        settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
        string code = new CSharpClientGenerator(document, settings).GenerateFile();
        var client = Compile(code, "Generated.BallastClient", _c);

        // Submit (202 is the declared success), poll, read the results and the report through the generated methods.
        var request = Create(client, "Generated.RunJobRequest", ("Scenario", "baseline"), ("Runs", 30), ("Seed", 5UL));
        object job = await Call(client, "SubmitRunAsync", request);
        string id = (string)Get(job, "Id");
        Assert.Equal(30L, Get(job, "Total"));
        for (var i = 0; i < 600 && Get(job, "Status").ToString() is "Queued" or "Running"; i++)
        {
            await Task.Delay(100);
            job = await Call(client, "JobAsync", id);
        }

        Assert.Equal("Succeeded", Get(job, "Status").ToString());
        object results = await Call(client, "JobResultsAsync", id);
        var kpis = ((System.Collections.IEnumerable)Get(results, "Kpis")).Cast<object>().ToList();
        Assert.Contains(kpis, k => (string)Get(k, "Name") == "Balance ratio");
        var files = ((System.Collections.IEnumerable)await Call(client, "JobFilesAsync", id)).Cast<object>().Select(x => (string)Get(x, "Name")).ToList();
        Assert.Contains("report.html", files);

        // Declared problems reach the client as typed exceptions with the status and the problem document.
        var unknown = await Assert.ThrowsAnyAsync<Exception>(() => Call(client, "JobAsync", new string('0', 32)));
        Assert.Equal(404, Get(unknown, "StatusCode"));
        Assert.Contains("There is no job", (string)Get(Get(unknown, "Result"), "Detail"), StringComparison.Ordinal);
        var bad = await Assert.ThrowsAnyAsync<Exception>(() => Call(client, "JobAsync", "not-an-id"));
        Assert.Equal(400, Get(bad, "StatusCode"));
    }

    private static object Compile(string code, string typeName, HttpClient http)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "BallastGeneratedClient",
            [CSharpSyntaxTree.ParseText(code)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var assembly = Assembly.Load(image.ToArray());
        return Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!, http)!;
    }

    private static object Create(object client, string typeName, params (string Name, object Value)[] values)
    {
        var o = Activator.CreateInstance(client.GetType().Assembly.GetType(typeName, throwOnError: true)!)!;
        foreach (var (name, value) in values)
        {
            o.GetType().GetProperty(name)!.SetValue(o, value);
        }

        return o;
    }

    private static object Get(object o, string property) =>
        o.GetType().GetProperty(property)?.GetValue(o) ?? throw new Xunit.Sdk.XunitException($"{o.GetType().Name}.{property} is missing or null");

    // Calls an async method of the generated client (the overload without a cancellation token) and returns its result.
    private static async Task<object> Call(object client, string method, params object[] args)
    {
        var m = client.GetType().GetMethods().Single(x => x.Name == method && x.GetParameters().Length == args.Length);
        var task = (Task)m.Invoke(client, args)!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ballast.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Ballast.slnx) not found above the test folder");
    }
}
