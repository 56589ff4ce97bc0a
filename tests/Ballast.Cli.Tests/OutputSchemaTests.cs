using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Ballast.Cli.Tests;

/// <summary>
/// Every command's <c>--format json</c> is one JSON object valid against its published schema,
/// docs/schemas/COMMAND.schema.json. Set BALLAST_APPROVE=1 to rewrite the schemas from the outputs (the same
/// approved-file habit as the table snapshots), then read the diff: a schema change is a change of contract.
/// </summary>
public sealed partial class OutputSchemaTests(CommandSamples samples) : IClassFixture<CommandSamples>
{
    private static string SchemaDir => Path.Combine(RepoPaths.Root, "docs", "schemas");

    [Fact]
    public void Every_command_prints_one_json_object_valid_against_its_schema()
    {
        var failures = new List<string>();
        foreach (var (name, args) in samples.Commands)
        {
            var (code, json, err) = CliRunner.Run([.. args, "--format", "json"]);
            Assert.True(code == 0, $"{name}: {err}");
            using var doc = JsonDocument.Parse(json); // throws on a second document ("Extra data")
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            var path = Path.Combine(SchemaDir, name + ".schema.json");
            if (Environment.GetEnvironmentVariable("BALLAST_APPROVE") == "1")
            {
                Directory.CreateDirectory(SchemaDir);
                File.WriteAllText(path, Infer(name, args, JsonNode.Parse(json)!.AsObject()).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
            }

            Assert.True(File.Exists(path), $"no schema {path}; run with BALLAST_APPROVE=1");
            var schema = JsonSchema.FromText(File.ReadAllText(path));
            var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });
            if (!result.IsValid)
            {
                failures.Add($"{name}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")));
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Every_published_schema_belongs_to_a_command_and_is_listed_in_the_outputs_page()
    {
        var names = samples.Commands.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        var files = Directory.GetFiles(SchemaDir, "*.schema.json").Select(f => Path.GetFileName(f)[..^".schema.json".Length]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, files);
        var page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "outputs.md"));
        Assert.All(files, f => Assert.Contains($"(schemas/{f}.schema.json)", page, StringComparison.Ordinal));
    }

    [Fact]
    public void A_schema_rejects_a_reach_year_written_as_text()
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaDir, "burden.schema.json")));
        var (_, json, _) = CliRunner.Run("burden", "--year", "2024", "--countries", "JPN", "--format", "json");
        var node = JsonNode.Parse(json)!;
        Assert.Equal(2039, node["rows"]![0]!["reach_3.5_year"]!.GetValue<int>());
        Assert.Equal("on_trend", node["rows"]![0]!["reach_3.5_status"]!.GetValue<string>());
        node["rows"]![0]!["reach_3.5_year"] = "2039";
        using var bad = JsonDocument.Parse(node.ToJsonString());
        Assert.False(schema.Evaluate(bad.RootElement).IsValid);
    }

    /// <summary>A schema for one command's output: its members, each table's columns typed and described by their headers.</summary>
    private static JsonObject Infer(string name, string[] args, JsonObject output)
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = $"ballast {string.Join(' ', name.Split('-'))} --format json",
            ["description"] = $"The output of `ballast {(name == "store-check" ? "store check" : name)} --format json` (docs/outputs.md). Every number is in the unit its name says; missing values are null.",
        };
        var body = ObjectOf(output, name == "query", name is "burden" or "compare");
        foreach (var (k, v) in body)
        {
            schema[k] = v?.DeepClone();
        }

        schema["properties"]!["command"] = new JsonObject { ["const"] = output["command"]!.GetValue<string>() };
        return schema;
    }

    private static JsonObject ObjectOf(JsonObject o, bool openRows, bool numberedColumns = false)
    {
        var props = new JsonObject();
        var required = new JsonArray();
        foreach (var (key, value) in o)
        {
            var s = key switch
            {
                "rows" when openRows => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("number", "string", "boolean", "null") } } },
                "rows" => Rows(value!.AsArray(), o["columns"]!.AsArray(), numberedColumns),
                "columns" => Columns(),
                "tables" => Tables(value!.AsObject()),
                "title" or "command" => new JsonObject { ["type"] = "string" },
                "notes" or "sources" => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                _ => Value(key, value),
            };
            required.Add(key);
            props[key] = s;
        }

        return new JsonObject { ["type"] = "object", ["required"] = required, ["properties"] = props, ["additionalProperties"] = false };
    }

    private static JsonObject Tables(JsonObject tables)
    {
        var props = new JsonObject();
        var required = new JsonArray();
        foreach (var (key, value) in tables)
        {
            props[key] = ObjectOf(value!.AsObject(), false);
            required.Add(key);
        }

        return new JsonObject { ["type"] = "object", ["required"] = required, ["properties"] = props, ["additionalProperties"] = false };
    }

    private static JsonObject Columns() => new()
    {
        ["type"] = "array",
        ["description"] = "The rows' fields in order, with the header the terminal table shows (its unit in words).",
        ["items"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("name", "header"),
            ["properties"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "string" }, ["header"] = new JsonObject { ["type"] = "string" } },
            ["additionalProperties"] = false,
        },
    };

    /// <summary>Row fields typed from every row's values; with <paramref name="numbered"/>, names with a target or scenario number become patterns.</summary>
    private static JsonObject Rows(JsonArray rows, JsonArray columns, bool numbered)
    {
        var props = new JsonObject();
        var patterns = new JsonObject();
        var required = new JsonArray();
        foreach (var c in columns)
        {
            var col = c!["name"]!.GetValue<string>();
            var kinds = rows.Select(r => r![col]).Where(v => v is not null).Select(v => Kind(col, v)).Distinct().ToList();
            // A column null in every sample row still holds values in other runs: type it by its name, else admit any scalar.
            if (kinds.Count == 0)
            {
                kinds = IntegerName().IsMatch(col) ? ["integer"] : ["boolean", "number", "string"];
            }

            var type = new JsonArray([.. kinds.Order(StringComparer.Ordinal).Select(k => (JsonNode?)k), "null"]);
            var field = new JsonObject { ["type"] = type, ["description"] = c!["header"]!.GetValue<string>() };
            var pattern = numbered ? NumberInName().Replace(col, "\u0000") : col;
            if (pattern != col)
            {
                var regex = "^" + Regex.Escape(pattern).Replace("\u0000", "[0-9.]+", StringComparison.Ordinal) + "$";
                field["description"] = NumberInName().Replace(c!["header"]!.GetValue<string>(), "N");
                patterns[regex] = field;
            }
            else
            {
                props[col] = field;
                required.Add(col);
            }
        }

        var item = new JsonObject { ["type"] = "object", ["required"] = required, ["properties"] = props, ["additionalProperties"] = false };
        if (patterns.Count > 0)
        {
            item["patternProperties"] = patterns;
        }

        return new JsonObject { ["type"] = "array", ["items"] = item };
    }

    private static JsonObject Value(string key, JsonNode? v) => v switch
    {
        JsonObject o => ObjectOf(o, false),
        JsonArray a => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = a.Count > 0 ? Kind(key, a[0]) : "string" } },
        null => new JsonObject { ["type"] = new JsonArray(IntegerName().IsMatch(key) ? "integer" : "number", "null") }, // the optional numbers of the command (a year, a threshold)
        _ => new JsonObject { ["type"] = new JsonArray(Kind(key, v), "null") },
    };

    /// <summary>The JSON type of a value; counts and years are integers, every other number a number.</summary>
    private static string Kind(string name, JsonNode? v) => v!.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number when IntegerName().IsMatch(name) => "integer",
        JsonValueKind.Number => "number",
        var k => k.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex(@"(^|_)(year|n|runs|cases|box|chosen_box|rows|run|seed|futures|from_year|until_year|start_year|horizon_year)$")]
    private static partial Regex IntegerName();

    [GeneratedRegex(@"(?<=_)[0-9]+(\.[0-9]+)?(?=_|$)")]
    private static partial Regex NumberInName();
}
