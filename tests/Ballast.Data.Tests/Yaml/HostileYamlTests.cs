using Ballast.Core;
using Ballast.Data.Scenarios;

namespace Ballast.Data.Tests.Yaml;

/// <summary>Scenario text built to break the YAML reader: every case is a located error, never a crash of the process.</summary>
public class HostileYamlTests
{
    private static ScenarioException Fails(string yaml) =>
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Default.Load(yaml, "x.yaml"));

    [Fact]
    public void Fifty_thousand_open_brackets_are_a_located_depth_error_not_a_stack_overflow()
    {
        var e = Fails("a: " + new string('[', 50_000));
        Assert.Equal($"x.yaml:1:{3 + InputLimits.YamlDepth}: the document nests deeper than {InputLimits.YamlDepth} levels", e.Message);
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void Flow_nesting_at_the_limit_is_read_and_one_past_it_is_refused(char open, char close)
    {
        // The root mapping is one level, so the flow collections may add YamlDepth - 1.
        string Nest(int n) => "a: " + new string(open, n) + (open == '{' ? "b: 1" : "1") + new string(close, n);
        var atLimit = Fails(Nest(InputLimits.YamlDepth - 1));
        Assert.DoesNotContain("nests deeper", atLimit.Message, StringComparison.Ordinal);
        var past = Fails(Nest(InputLimits.YamlDepth));
        Assert.Equal($"x.yaml:1:{3 + InputLimits.YamlDepth}: the document nests deeper than {InputLimits.YamlDepth} levels", past.Message);
    }

    [Fact]
    public void Block_nesting_by_compact_sequences_is_bounded_too()
    {
        var e = Fails("a:\n" + string.Concat(Enumerable.Repeat("- ", 30_000)) + "x\n");
        Assert.Contains($"the document nests deeper than {InputLimits.YamlDepth} levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Brackets_inside_quotes_and_comments_do_not_count()
    {
        var text = "name: \"" + new string('[', 500) + "\" # " + new string('{', 500) + "\nother: '" + new string('[', 500) + "'\n";
        var e = Fails(text);
        Assert.DoesNotContain("nests deeper", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: {b: 1\nc: 2")]
    [InlineData("a: [1, 2\nb: 3")]
    [InlineData("a: {b: [1, {c: 2}")]
    [InlineData("{")]
    [InlineData("[")]
    [InlineData("a: \"unterminated")]
    [InlineData("a: 'x\n")]
    [InlineData("? [\n")]
    [InlineData("a: *nothing")]
    [InlineData("a: !!binary ~~~")]
    [InlineData("&a [*a]")]
    [InlineData("a: %\n")]
    [InlineData("%YAML 9.9\n---\na: 1")]
    [InlineData("\t- a")]
    [InlineData("a: |\n  x\n b")]
    public void Every_yaml_failure_is_a_located_input_error(string yaml)
    {
        var e = Fails(yaml);
        Assert.StartsWith("x.yaml:", e.Message, StringComparison.Ordinal);
        Assert.True(e.Line >= 1);
    }

    [Fact]
    public void An_unterminated_flow_mapping_names_its_line()
    {
        var e = Fails("a: {b: 1\nc: 2");
        Assert.Matches(@"^x\.yaml:\d+:\d+: invalid YAML: ", e.Message);
    }

    [Fact]
    public void Text_at_the_size_limit_reaches_the_parser_and_one_character_more_is_refused()
    {
        var at = "a: 1\n#" + new string('x', InputLimits.YamlChars - 6);
        Assert.Equal(InputLimits.YamlChars, at.Length);
        Assert.Equal("x.yaml:1:1: field 'a': unknown field 'a'; did you mean 'us'?", Fails(at).Message);
        Assert.Equal($"x.yaml:1:1: file is larger than {InputLimits.YamlChars} characters", Fails(at + "x").Message);
    }

    private const string Scenario = Ballast.Data.Tests.Scenarios.ScenarioLoaderTests.Header + "\nparameters:\n";

    [Theory]
    [InlineData("  overrides: { delta: -5 }", "x.yaml:11:23: field 'parameters.overrides.delta': must be between 0 and 1 (a yearly rate lies between 0 and 1 (all of a stock in one year)), found -5")]
    [InlineData("  overrides: { delta: 1e308 }", "x.yaml:11:23: field 'parameters.overrides.delta': must be between 0 and 1 (a yearly rate lies between 0 and 1 (all of a stock in one year)), found 1E+308")]
    [InlineData("  overrides: { initial_alignment: 1.5 }", "x.yaml:11:35: field 'parameters.overrides.initial_alignment': must be between 0 and 1 (a fraction lies between 0 and 1), found 1.5")]
    [InlineData("  overrides: { q_harshness: 1e6 }", "x.yaml:11:29: field 'parameters.overrides.q_harshness': must be between -100 and 100 (a coefficient lies between -100 and 100), found 1E+06")]
    [InlineData("  uncertain: { delta: { uniform: { min: -1, max: 0.1 } } }", "x.yaml:11:23: field 'parameters.uncertain.delta': draws from -1 to 0.1 leave the allowed range 0 to 1 (a yearly rate lies between 0 and 1 (all of a stock in one year))")]
    [InlineData("  uncertain: { delta: { normal: { mean: 0.075, sd: 0.1 } } }", "x.yaml:11:23: field 'parameters.uncertain.delta': draws from -0.325 to 0.475 leave the allowed range 0 to 1 (a yearly rate lies between 0 and 1 (all of a stock in one year))")]
    public void Overrides_and_distributions_outside_a_parameters_range_are_refused_where_written(string line, string message)
    {
        Assert.Equal(message, Fails(Scenario + line).Message);
    }

    [Theory]
    [InlineData("  overrides: { delta: 0 }")]
    [InlineData("  overrides: { delta: 1 }")]
    [InlineData("  overrides: { q_harshness: -100 }")]
    [InlineData("  uncertain: { delta: { uniform: { min: 0, max: 1 } } }")]
    public void Values_at_the_ends_of_a_range_are_accepted(string line)
    {
        Assert.NotNull(ScenarioLoader.Default.Load(Scenario + line, "x.yaml"));
    }

    [Fact]
    public void Every_registry_value_and_distribution_lies_in_its_range()
    {
        foreach (var p in Ballast.Data.Parameters.ParameterRegistryLoader.Default.All)
        {
            var range = Ballast.Core.Parameters.ParameterRange.ForUnit(p.Unit);
            Assert.True(range.Contains(p.Value), $"{p.Name} = {p.Value}: {range.Outside(p.Value)}");
        }
    }

    [Theory]
    [InlineData("growth:\n  - {{ country: {0}, percent: 1 }}\n", "unknown country", 900_000)]
    [InlineData("{0}: 1\n", "unknown field", 1000)] // YAML itself refuses plain keys over 1024 characters
    [InlineData("runs: {0}\n", "expected a whole number", 900_000)]
    [InlineData("parameters:\n  overrides: {{ {0}: 1 }}\n", "unknown parameter", 1000)]
    // Its cost is bounded by construction (suggestions compare at most Names.MaxComparedChars characters, tested in
    // NamesTests); speed itself is measured in bench/, not asserted here.
    public void A_near_megabyte_value_is_refused_and_echoed_cut_short(string template, string reason, int length)
    {
        var huge = new string('q', length);
        var text = Scenario.Replace("parameters:\n", string.Empty, StringComparison.Ordinal) + string.Format(System.Globalization.CultureInfo.InvariantCulture, template, huge);
        var e = Fails(text);
        Assert.True(e.Message.Contains(reason, StringComparison.Ordinal), e.Message[..Math.Min(300, e.Message.Length)]);
        Assert.Contains($"… ({length} characters)", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 1000, $"{e.Message.Length} characters");
        Assert.True((e.Value?.Length ?? 0) < 200);
    }
}
