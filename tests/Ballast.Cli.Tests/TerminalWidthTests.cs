using System.Text.RegularExpressions;

namespace Ballast.Cli.Tests;

/// <summary>Every table command fits 80- and 100-column terminals without splitting a number or truncating a header.</summary>
public sealed partial class TerminalWidthTests(CommandSamples samples) : IClassFixture<CommandSamples>
{
    public static TheoryData<int> Widths => [80, 100];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Tables_fit_the_terminal_without_breaking_numbers_or_headers(int width)
    {
        foreach (var (name, args) in samples.Commands)
        {
            var o = new StringWriter { NewLine = "\n" };
            var e = new StringWriter { NewLine = "\n" };
            Assert.True(BallastCli.Run(args, o, e, width: width) == 0, $"{name}: {e}");
            var lines = o.ToString().Split('\n');
            Assert.All(lines, l => Assert.True(new System.Globalization.StringInfo(l).LengthInTextElements <= width, $"{name} at {width}: line longer than the terminal: {l}"));
            Assert.False(o.ToString().Contains('…', StringComparison.Ordinal), $"{name} at {width}: a header or cell truncated:\n{o}");
            Assert.Empty(SplitNumbers(lines).Select(s => $"{name} at {width}: {s}"));
        }
    }

    [Fact]
    public void A_narrow_terminal_leaves_out_low_priority_columns_and_says_so()
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, BallastCli.Run(["burden", "--year", "2024", "--countries", "JPN"], o, e, width: 80));
        Assert.Contains("note: 80 columns are too few for every column of \"Burden sharing in 2024: military expenditure against targets\"; left out: Country, Year, Milex growth (%/yr, 5y), Share growth (%/yr, 5y) (a wider terminal or --format csv shows them).\n", e.ToString(), StringComparison.Ordinal);
        Assert.Contains("│ JPN  │  55.3 │ 4,030 │  1.37 │ 0.63 │ 25.3 │    2030 │ 2.13 │ 85.8 │    2039 │\n", o.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Below_the_essential_columns_each_row_becomes_a_list()
    {
        var o = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, BallastCli.Run(["power", "--year", "2023", "--table", "balance"], o, new StringWriter(), width: 40));
        Assert.Contains("│ Measure     │ CINC   │\n│ Coalition   │ 0.3342 │\n│ Adversaries │ 0.2864 │\n│ Ratio       │ 1.17   │\n", o.ToString(), StringComparison.Ordinal);
        Assert.All(o.ToString().Split('\n'), l => Assert.True(l.Length <= 40, l));
    }

    /// <summary>
    /// Cells of a continuation line (a row whose first cell is empty) that continue a number of the line above: a
    /// number wrapped mid-digit leaves its digits in the next line of the same column.
    /// </summary>
    private static IEnumerable<string> SplitNumbers(string[] lines)
    {
        for (int i = 1; i < lines.Length; i++)
        {
            var above = Cells(lines[i - 1]);
            var here = Cells(lines[i]);
            if (above is null || here is null || above.Length != here.Length || here[0].Length > 0)
            {
                continue;
            }

            for (int c = 1; c < here.Length; c++)
            {
                if (NumberPart().IsMatch(above[c]) && here[c].Length > 0 && NumberPart().IsMatch(here[c]))
                {
                    yield return $"'{above[c]}' continues as '{here[c]}'";
                }
            }
        }
    }

    private static string[]? Cells(string line) =>
        line.StartsWith('│') ? [.. line.Trim('│').Split('│').Select(c => c.Trim())] : null;

    [GeneratedRegex(@"^[-+]?[\d.,]+( ?%)?$")]
    private static partial Regex NumberPart();
}
