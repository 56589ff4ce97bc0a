using System.CommandLine;
using System.Text.RegularExpressions;

namespace Ballast.Cli.Tests;

/// <summary>
/// The command line's vocabulary and the docs that show it: every command has examples that parse, no help text names
/// a .NET type, options mean one thing everywhere, and every command line in README.md and docs/*.md parses with the
/// real parser, so the docs cannot drift from the CLI.
/// </summary>
public sealed partial class HelpAndDocsTests
{
    private static readonly RootCommand Root = BallastCli.Root(new CliContext(TextWriter.Null, TextWriter.Null, interactive: false));

    private static IEnumerable<Command> All(Command c) => c.Subcommands.SelectMany(s => s.Subcommands.Count > 0 ? All(s) : [s]);

    [Fact]
    public void Every_command_shows_one_to_three_examples_that_parse()
    {
        foreach (var command in All(Root))
        {
            var examples = command.Description!.Split("\n\nExamples:\n")[1].Split('\n').Select(l => l.Trim()).ToList();
            Assert.InRange(examples.Count, 1, 3);
            foreach (var example in examples)
            {
                Assert.StartsWith("ballast " + Path(command), example, StringComparison.Ordinal);
                Assert.Equal(string.Empty, Errors(example));
            }
        }
    }

    [Fact]
    public void No_help_names_a_dotnet_type_or_a_capitalised_choice()
    {
        foreach (var command in All(Root).Append(Root))
        {
            var (code, help, _) = CliRunner.Run([.. Path(command).Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
            Assert.Equal(0, code);
            Assert.DoesNotMatch(TypeName(), help);
        }
    }

    [Fact]
    public void Threads_is_j_and_format_is_lowercase_everywhere()
    {
        var threads = All(Root).SelectMany(c => c.Options).Where(o => o.Name == "--threads").ToList();
        Assert.Equal(["adjudicate", "compare", "episodes", "explore", "play", "replay", "robust", "run", "search", "validate"], threads.Select(o => o.Parents.OfType<Command>().Single().Name).Order(StringComparer.Ordinal));
        Assert.All(threads, o => Assert.Equal(["-j"], o.Aliases.Order(StringComparer.Ordinal)));
        Assert.DoesNotContain(All(Root).SelectMany(c => c.Options), o => o.Aliases.Contains("-t"));
        var formats = All(Root).SelectMany(c => c.Options).Where(o => o.Name == "--format").ToList();
        Assert.All(formats, o => Assert.Equal("table|csv|json", o.HelpName));
        Assert.DoesNotContain(All(Root).SelectMany(c => c.Options), o => o.Name == "--samples" && o.ValueType != typeof(int));
    }

    [Fact]
    public void Optimise_is_also_spelt_optimize()
    {
        Assert.Equal("optimise", Root.Parse(["optimize", "x.yaml"]).CommandResult.Command.Name);
        Assert.Equal("optimise", Root.Parse(["optimise", "x.yaml"]).CommandResult.Command.Name);
    }

    [Fact]
    public void An_unknown_table_is_refused_naming_the_tables()
    {
        var (code, o, e) = CliRunner.Run("power", "--table", "ranks");
        Assert.Equal((2, string.Empty, "error: --table: 'ranks' is not one of countries, balance\n"), (code, o, e));
    }

    public static TheoryData<string, int, string> DocCommandLines()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var (file, line, text) in CodeLines())
        {
            data.Add(file, line, text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocCommandLines))]
    public void Every_command_line_in_the_docs_parses(string file, int line, string commandLine)
    {
        Assert.True(Errors(commandLine) == string.Empty, $"{file}:{line}: {commandLine}: {Errors(commandLine)}");
    }

    [Fact]
    public void Every_option_the_docs_mention_with_a_command_exists()
    {
        var problems = new List<string>();
        foreach (var (file, line, text) in Mentions())
        {
            var tokens = Tokens(text);
            var command = Find(tokens.Skip(1).ToList(), out _);
            if (command is null)
            {
                problems.Add($"{file}:{line}: '{text}' names no command");
                continue;
            }

            foreach (var option in OptionNames().Matches(text).Select(m => m.Value))
            {
                if (!command.Options.Any(o => o.Name == option || o.Aliases.Contains(option)) && option != "--help" && !option.StartsWith("--Ballast:", StringComparison.Ordinal))
                {
                    problems.Add($"{file}:{line}: '{text}': {Path(command)} has no {option}");
                }
            }
        }

        Assert.Empty(problems);
    }

    /// <summary>The command lines of the docs' code blocks (continued lines joined), without a prompt or a trailing comment.</summary>
    private static IEnumerable<(string File, int Line, string Text)> CodeLines()
    {
        foreach (var file in DocFiles())
        {
            var lines = File.ReadAllLines(file);
            bool code = false;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    code = !code;
                    continue;
                }

                var text = lines[i].Trim();
                text = text.StartsWith("$ ", StringComparison.Ordinal) ? text[2..] : text;
                text = text.StartsWith(DotnetRun, StringComparison.Ordinal) ? "ballast " + text[DotnetRun.Length..] : text;
                if (!code || !text.StartsWith("ballast ", StringComparison.Ordinal))
                {
                    continue;
                }

                int first = i;
                while (text.EndsWith('\\') && i + 1 < lines.Length)
                {
                    text = text[..^1] + " " + lines[++i].Trim();
                }

                // A synopsis ([--opt X], a|b, ...) is checked for its option names, not parsed.
                if (!text.Contains('[', StringComparison.Ordinal))
                {
                    yield return (System.IO.Path.GetRelativePath(RepoPaths.Root, file), first + 1, text);
                }
            }
        }
    }

    /// <summary>Every `ballast ...` the docs show, in code blocks or inline.</summary>
    private static IEnumerable<(string File, int Line, string Text)> Mentions()
    {
        foreach (var file in DocFiles())
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match m in InlineCommand().Matches(lines[i]))
                {
                    var text = m.Groups[1].Value.Replace("\\|", "|", StringComparison.Ordinal);
                    if (!text.Split(' ')[1].Contains('|', StringComparison.Ordinal))
                    {
                        yield return (System.IO.Path.GetRelativePath(RepoPaths.Root, file), i + 1, text);
                    }
                }
            }
        }

        foreach (var c in CodeLines())
        {
            yield return c;
        }
    }

    private const string DotnetRun = "dotnet run --project src/Ballast.Cli -- ";

    private static IEnumerable<string> DocFiles() =>
        [System.IO.Path.Combine(RepoPaths.Root, "README.md"), .. Directory.GetFiles(System.IO.Path.Combine(RepoPaths.Root, "docs"), "*.md").Order(StringComparer.Ordinal)];

    /// <summary>The parser's errors for a command line (empty when it parses).</summary>
    private static string Errors(string commandLine)
    {
        var tokens = Tokens(commandLine);
        var parse = Root.Parse(tokens.Skip(1).ToList());
        return string.Join("; ", parse.Errors.Select(e => e.Message.Split('\n')[0]));
    }

    /// <summary>Shell-like words: quotes group, a comment or a redirection ends the command.</summary>
    private static List<string> Tokens(string commandLine)
    {
        var tokens = new List<string>();
        foreach (Match m in Word().Matches(commandLine))
        {
            var w = m.Value;
            if (w.StartsWith('#') || w is ">" or "|" or "&&" or "2>" || w.StartsWith('>'))
            {
                break;
            }

            tokens.Add(w.Length >= 2 && (w[0] == '"' || w[0] == '\'') ? w[1..^1] : w);
        }

        return tokens;
    }

    private static Command? Find(List<string> words, out int used)
    {
        Command current = Root;
        used = 0;
        foreach (var w in words)
        {
            var next = current.Subcommands.FirstOrDefault(s => s.Name == w || s.Aliases.Contains(w));
            if (next is null)
            {
                break;
            }

            current = next;
            used++;
        }

        return used == 0 ? null : current;
    }

    private static string Path(Command c) => c == Root ? string.Empty : string.Join(' ', Parents(c).Reverse().Select(x => x.Name));

    private static IEnumerable<Command> Parents(Command c)
    {
        for (Command? x = c; x is not null && x != Root; x = x.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return x;
        }
    }

    [GeneratedRegex(@"""[^""]*""|'[^']*'|\S+")]
    private static partial Regex Word();

    [GeneratedRegex(@"`(ballast [^`]*)`")]
    private static partial Regex InlineCommand();

    [GeneratedRegex(@"(?<![\w-])--[A-Za-z][\w-]*(:[A-Za-z]+)?")]
    private static partial Regex OptionNames();

    [GeneratedRegex(@"\b(Int16|Int32|Int64|UInt32|UInt64|String|Boolean|Double|Decimal|Nullable|OutputFormat)\b|Csv\|Json\|Table|\[default: [A-Z][a-z]+\]")]
    private static partial Regex TypeName();
}
