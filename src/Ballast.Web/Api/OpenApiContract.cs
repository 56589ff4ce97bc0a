using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Ballast.Web.Api;

/// <summary>
/// Makes the OpenAPI document say what the API does, so generated clients work: every refusal the hosting rules and the
/// endpoints give (problem documents with their status codes), a schema for every response (text, CSV, SVG and files as
/// strings), request fields that may be left out marked optional, and an example for every request body.
/// </summary>
internal static class OpenApiContract
{
    // Request bodies that work as they are (POST /api/jobs etc.), by operation id.
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["submitRun"] = """{"scenario":"baseline","runs":500,"seed":1}""",
        ["submitCompare"] = """{"scenarios":[{"scenario":"us-conditional-3.5"},{"scenario":"us-reassure"}],"runs":500}""",
        ["submitExplore"] = """{"scenario":"baseline","design":"sobol","samples":16,"seed":7}""",
        ["optimise"] = """{"scenario":"baseline","year":2030,"budget_share_pct":3.5,"priorities":{"taiwan_strait":2},"programmes":true}""",
        ["validateScenario"] = """{"scenario":"us-reassure"}""",
        ["joinGame"] = """{"code":"the-code-from-your-facilitator"}""",
        ["postSignal"] = """{"text":"We will stand by our commitments in the region."}""",
        ["submitMoves"] = """{"moves":[{"item":"budget","value":5}]}""",
        ["injectEvent"] = """{"kind":"Crisis","value":0.6,"option":"taiwan-strait","text":"A blockade drill around Taiwan."}""",
        ["branchGame"] = """{"turn":2}""",
        ["applyLevers"] = """{"scenario":"baseline","levers":{"us.stance.kind":"conditional","us.stance.target":3.5,"us.stance.deadline":2030}}""",
    };

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Data"] = "The embedded data: countries, series, burden against targets, exploitation test, power, the alliance network.",
        ["Figures"] = "The dashboard's data charts as SVG and their data as CSV.",
        ["Scenarios"] = "Example scenarios, the lever schema, validation and lever edits.",
        ["Jobs"] = "Ensembles and comparisons run as jobs: submit (202), poll, cancel, results, files, report, figures.",
        ["Optimiser"] = "The roles-and-missions optimiser (LP/MIP).",
        ["Exploration"] = "Designed experiments as jobs, Sobol/Morris sensitivity and PRIM scenario discovery.",
        ["Wargames"] = "Seminar wargames: create, join with a code (header X-Game-Code or the session cookie from joining), signals, secret moves, the White Cell's operations, replay, branch, the after-action report. Live updates: the SignalR hub /hubs/games.",
    };

    /// <summary>Adds the transformers to the document's options.</summary>
    public static void Configure(OpenApiOptions o)
    {
        o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };

            // The key is needed only when the server listens beyond loopback: no requirement ({}) or the key header.
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes[AccessPolicy.Header] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = AccessPolicy.Header,
                Description = "The server's API key; required when it listens beyond loopback (BallastWebOptions.ApiKey).",
            };
            doc.Security = [new OpenApiSecurityRequirement(), new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AccessPolicy.Header, doc)] = [] }];
            // The server the document was asked from; without a host (an in-process test server) the CLI's default address.
            doc.Servers ??= [];
            if (doc.Servers.Count == 0)
            {
                doc.Servers.Add(new OpenApiServer { Url = "http://127.0.0.1:5080", Description = "ballast serve on its default address" });
            }

            // The server binds 127.0.0.1; a "localhost" URL names the same loopback, and the OpenAPI linter flags that host name.
            foreach (var server in doc.Servers)
            {
                server.Url = server.Url?.TrimEnd('/').Replace("://localhost", "://127.0.0.1", StringComparison.Ordinal);
            }

            foreach (var tag in doc.Tags ?? new HashSet<OpenApiTag>())
            {
                tag.Description ??= tag.Name is { } name ? TagDescriptions.GetValueOrDefault(name) : null;
            }

            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var d = context.Description;
            Describe(operation, d.HttpMethod ?? "GET", "/" + (d.RelativePath ?? string.Empty), d.ActionDescriptor.EndpointMetadata);
            return Task.CompletedTask;
        });
        o.AddSchemaTransformer((schema, context, _) =>
        {
            NamedFloatingPoint(schema, context.JsonPropertyInfo?.PropertyType);
            StringEnum(schema);
            OptionalWhenNullable(schema, context.JsonTypeInfo);
            return Task.CompletedTask;
        });
    }

    /// <summary>The refusals of one operation, its untyped responses as strings, and its request example.</summary>
    internal static void Describe(OpenApiOperation operation, string method, string path, IList<object> metadata)
    {
        operation.Responses ??= [];
        foreach (var response in operation.Responses.Values)
        {
            // Text (CSV, SVG, HTML, YAML) is a string, other files binary; JSON keeps its schema.
            foreach (var (type, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (!type.Contains("json", StringComparison.Ordinal))
                {
                    bool text = type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("svg", StringComparison.Ordinal);
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = text ? null : "binary" };
                }
            }
        }

        // Every /api operation has the group's 400 problem (ProducesProblem on the groups): its content is the problem schema.
        if (!operation.Responses.TryGetValue("400", out var bad) || bad.Content is null)
        {
            return;
        }

        void Problem(int status, string description)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse { Description = description, Content = bad.Content };
            }
        }

        bad.Description = "Bad input: a problem document naming the field (and for scenario errors file, line, column and value).";
        if (path.StartsWith("/api/games/{id}", StringComparison.Ordinal))
        {
            // A game's rules refuse by role and by state; the problem carries the rule's stable code.
            Problem(403, "Not allowed for the caller's role (no code, a wrong code, another team's or not the White Cell's), or refused by the access policy.");
            Problem(404, "No such game.");
            if (string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
            {
                Problem(409, "The game's state does not allow it: paused, finished, after the turn's deadline, already submitted, or not yet adjudicated.");
            }
        }

        Problem(401, "An API key is required (the server's access policy) and was missing or wrong.");
        Problem(403, "The request came from beyond loopback to a server without an API key.");
        bool post = string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);
        if (post)
        {
            Problem(413, "The request body is larger than MaxRequestBytes.");
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            Problem(404, "No such job, scenario, country, table, figure or file.");
        }

        if (path.StartsWith("/api/jobs/{id}/", StringComparison.Ordinal))
        {
            Problem(409, "The job has not succeeded (or is finished, for cancel; or is not an exploration, for sensitivity and discovery).");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Problem(429, "Too many compute requests: retry after the Retry-After header's seconds (also retry_after_seconds in the problem).");
        }
        else if (post && path is "/api/jobs" or "/api/compare" or "/api/explore")
        {
            Problem(429, "Too many jobs waiting (MaxQueuedJobs).");
        }

        // An operation without parameters or body cannot be given bad input.
        if (operation.Parameters is not { Count: > 0 } && operation.RequestBody is null)
        {
            operation.Responses.Remove("400");
        }

        if (operation.OperationId is { } id && Examples.TryGetValue(id, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Example = JsonNode.Parse(example);
        }
    }

    // A property that may be null may also be left out: the server treats a missing field as null (its default).
    private static void OptionalWhenNullable(OpenApiSchema schema, System.Text.Json.Serialization.Metadata.JsonTypeInfo type)
    {
        if (schema.Required is not { Count: > 0 } required || schema.Properties is null)
        {
            return;
        }

        foreach (var (name, property) in schema.Properties)
        {
            var clr = type.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType;
            if ((property.Type is JsonSchemaType t && t.HasFlag(JsonSchemaType.Null)) || (clr is not null && Nullable.GetUnderlyingType(clr) is not null))
            {
                required.Remove(name);
            }
        }
    }

    // Enums are written as their names (JsonStringEnumConverter): say they are strings, or clients expect numbers.
    private static void StringEnum(OpenApiSchema schema)
    {
        if (schema.Type is null && schema.Enum is { Count: > 0 } values && values.All(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String))
        {
            schema.Type = JsonSchemaType.String;
        }
    }

    // Numbers may be written "NaN" or "Infinity" (AllowNamedFloatingPointLiterals, for the rare non-finite statistic): the generator
    // says so as anyOf [number, those names] typed "object", which generated clients turn into a class. A number it is (null
    // allowed for a double?); docs/web.md tells clients to accept the named literals.
    private static void NamedFloatingPoint(OpenApiSchema schema, Type? clr)
    {
        if (schema.AnyOf is not { Count: > 0 } anyOf || !anyOf.Any(a => a.Type is JsonSchemaType.Number))
        {
            return;
        }

        bool nullable = (clr is not null && Nullable.GetUnderlyingType(clr) is not null) || anyOf.Any(a => a.Type is JsonSchemaType.Null);
        schema.AnyOf = null;
        schema.Type = nullable ? JsonSchemaType.Number | JsonSchemaType.Null : JsonSchemaType.Number;
    }
}
