using System.Text.Json;

namespace Ballast.Web.Api;

/// <summary>A scenario given by example name or as YAML text (exactly one).</summary>
/// <param name="Scenario">Example name (see <c>GET /api/scenarios</c>).</param>
/// <param name="Yaml">Scenario YAML text.</param>
/// <param name="FileName">A label for messages (never opened as a path).</param>
public sealed record ScenarioRef(string? Scenario, string? Yaml, string? FileName);

/// <summary>Levers to apply to a scenario.</summary>
/// <param name="Scenario">Example name.</param>
/// <param name="Yaml">Scenario YAML text.</param>
/// <param name="FileName">A label for messages.</param>
/// <param name="Levers">Lever values by key (see <c>GET /api/scenarios/schema</c>); empty text clears an optional lever.</param>
public sealed record LeverRequest(string? Scenario, string? Yaml, string? FileName, Dictionary<string, JsonElement>? Levers);

/// <summary>The result of validating a scenario.</summary>
public sealed record ValidationResponse(bool Valid, ScenarioSummary Scenario, IReadOnlyDictionary<string, string?> Levers);

/// <summary>An example scenario's text.</summary>
public sealed record ExampleResponse(string Name, string Yaml, ScenarioSummary Scenario);

/// <summary>New YAML after applying levers.</summary>
public sealed record AppliedResponse(string Yaml, ScenarioSummary Scenario, IReadOnlyDictionary<string, string?> Levers);

/// <summary>Scenario endpoints: examples, the lever schema, validation and lever edits.</summary>
internal static class ScenarioEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/scenarios").WithTags("Scenarios");
        g.ProducesProblem(StatusCodes.Status400BadRequest);
        g.MapGet("/", () => ScenarioCatalog.List())
            .WithName("scenarios").WithSummary("The example scenarios, each a question from the source material.");
        g.MapGet("/schema", () => Levers.Schema)
            .WithName("scenarioSchema").WithSummary("The lever schema the workbench form is generated from.");
        g.MapGet("/{name}", (string name) =>
            {
                var yaml = ScenarioCatalog.Yaml(name);
                if (yaml is null)
                {
                    return Problems.Result(Problems.Status(404, "Unknown scenario", $"There is no example scenario '{name}'; see GET /api/scenarios.", "name"));
                }

                return Results.Ok(new ExampleResponse(name, yaml, ScenarioCatalog.Summary(ScenarioCatalog.Parse(yaml, name + ".yaml"))));
            })
            .Produces<ExampleResponse>().WithName("scenario").WithSummary("An example scenario's YAML text and summary.");
        g.MapPost("/validate", (ScenarioRef? body) =>
            {
                var r = Require(body);
                var (s, _) = ScenarioCatalog.Resolve(r.Scenario, r.Yaml, r.FileName, string.Empty);
                return new ValidationResponse(true, ScenarioCatalog.Summary(s), Levers.Read(s));
            })
            .RequireRateLimiting(ComputeThrottle.Policy) // a megabyte of YAML costs real CPU, so it shares the compute limit
            .WithName("validateScenario").WithSummary("Validates scenario YAML with the safe loader; a 400 problem names file, line, column and field.");
        g.MapPost("/levers", (LeverRequest? body) =>
            {
                var r = Require(body);
                var (s, _) = ScenarioCatalog.Resolve(r.Scenario, r.Yaml, r.FileName, string.Empty);
                var label = r.Scenario is null ? ScenarioCatalog.Label(r.FileName) : r.Scenario + ".yaml";
                var yaml = Levers.Apply(s, r.Levers ?? [], label);
                var applied = ScenarioCatalog.Parse(yaml, label);
                return new AppliedResponse(yaml, ScenarioCatalog.Summary(applied), Levers.Read(applied));
            })
            .RequireRateLimiting(ComputeThrottle.Policy)
            .WithName("applyLevers").WithSummary("Applies lever values to a scenario and returns the new YAML (validated).");
    }

    internal static T Require<T>(T? body)
        where T : class =>
        body ?? throw new BallastInputException("a JSON body is required (Content-Type: application/json)", field: "body");
}
