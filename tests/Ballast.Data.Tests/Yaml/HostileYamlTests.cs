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
}
