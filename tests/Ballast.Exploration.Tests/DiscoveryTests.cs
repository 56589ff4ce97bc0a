using Ballast.Core;

namespace Ballast.Exploration.Tests;

public class PrimTests
{
    [Fact]
    public void Prim_recovers_a_planted_box()
    {
        const int n = 4000;
        const int m = 5;
        var x = Enumerable.Range(0, m).Select(_ => new double[n]).ToArray();
        var y = new bool[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                x[j][i] = CounterHash.Uniform(3, (ulong)j, (ulong)i);
            }

            // Planted: 0.2 ≤ x0 ≤ 0.6 and x1 ≥ 0.7, plus 2 % label noise.
            bool inside = x[0][i] >= 0.2 && x[0][i] <= 0.6 && x[1][i] >= 0.7;
            bool flip = CounterHash.Uniform(4, 0, (ulong)i) < 0.02;
            y[i] = inside ^ flip;
        }

        string[] names = ["x0", "x1", "x2", "x3", "x4"];
        var result = Prim.Find(x, names, y);
        var box = result.Trajectory[result.Chosen];
        Assert.InRange(box.Lower[0], 0.17, 0.23);
        Assert.InRange(box.Upper[0], 0.57, 0.63);
        Assert.InRange(box.Lower[1], 0.67, 0.73);
        Assert.True(box.Density > 0.85, $"density {box.Density}");
        Assert.True(box.Coverage > 0.85, $"coverage {box.Coverage}");

        var restrictions = Prim.Restrictions(x, names, y, box);
        var x0 = restrictions.Single(r => r.Name == "x0");
        var x1 = restrictions.Single(r => r.Name == "x1");
        Assert.True(x0.QuasiPLower < 1e-10 && x0.QuasiPUpper < 1e-10);
        Assert.True(x1.QuasiPLower < 1e-10);
        Assert.True(double.IsNaN(x1.QuasiPUpper));

        // The trajectory starts from all data and peeling never lowers density much while coverage falls.
        Assert.Equal(1.0, result.Trajectory[0].Coverage);
        Assert.Equal(n, result.Trajectory[0].Count);
        Assert.True(result.Trajectory.Count > 5);
    }

    [Fact]
    public void No_cases_of_interest_is_a_clear_error()
    {
        var e = Assert.Throws<BallastInputException>(() => Prim.Find([new double[] { 1, 2 }], ["a"], [false, false]));
        Assert.Contains("no run satisfies the condition", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binomial_upper_tail_matches_hand_values()
    {
        // P(X ≥ 3) for X ~ Bin(4, 0.5) = (4 + 1) / 16.
        Assert.Equal(5.0 / 16, Statistics.BinomialUpperTail(3, 4, 0.5), 12);
        Assert.Equal(1.0, Statistics.BinomialUpperTail(0, 10, 0.3), 12);
        Assert.Equal(Math.Pow(0.2, 5), Statistics.BinomialUpperTail(5, 5, 0.2), 14);
    }
}

public class ConditionTests
{
    private static readonly string[] Outcomes = ["crossover_year", "balance_ratio_2035", "allied_mean_burden"];

    [Theory]
    [InlineData("crossover_year <= 2035", 2030, 1.2, true)]
    [InlineData("crossover_year <= 2035", double.NaN, 1.2, false)]
    [InlineData("crossover_year <= 2035 and balance_ratio_2035 > 1", 2030, 0.9, false)]
    [InlineData("crossover_year <= 2035 or balance_ratio_2035 > 1", 2040, 1.1, true)]
    [InlineData("not (crossover_year > 2035) AND 1 < balance_ratio_2035", 2035, 1.5, true)]
    [InlineData("crossover_year == 2030 && balance_ratio_2035 != 2", 2030, 1, true)]
    [InlineData("balance_ratio_2035 >= 1.5e0 || crossover_year < 2000", 1, 1.5, true)]
    public void Conditions_evaluate_as_written(string text, double crossover, double ratio, bool expected)
    {
        var c = Condition.Parse(text, Outcomes);
        var values = new Dictionary<string, double> { ["crossover_year"] = crossover, ["balance_ratio_2035"] = ratio, ["allied_mean_burden"] = 0.02 };
        Assert.Equal(expected, c.Evaluate(n => values[n]));
    }

    [Fact]
    public void Unknown_outcome_names_list_the_known_outcomes()
    {
        var e = Assert.Throws<BallastInputException>(() => Condition.Parse("crosover_year <= 2035", Outcomes));
        Assert.Equal("field '--where', value 'crosover_year': unknown outcome 'crosover_year' at column 1 of \"crosover_year <= 2035\"; known outcomes: crossover_year, balance_ratio_2035, allied_mean_burden", e.Message);
    }

    [Theory]
    [InlineData("", "the condition is empty; write e.g. 'crossover_year <= 2035' (at column 1 of \"\")")]
    [InlineData("crossover_year 2035", "expected a comparison (<, <=, >, >=, ==, !=) after 'crossover_year' (at column 16 of \"crossover_year 2035\")")]
    [InlineData("crossover_year = 2035", "'=' is not a comparison; use == or != (at column 16 of \"crossover_year = 2035\")")]
    [InlineData("(crossover_year < 2035", "missing ')' to close the '(' at column 1 (at column 23 of \"(crossover_year < 2035\")")]
    [InlineData("crossover_year < 2035 and", "the condition ends too early: expected an outcome name or a number (at column 26 of \"crossover_year < 2035 and\")")]
    [InlineData("crossover_year < 2035 balance_ratio_2035 > 1", "unexpected 'balance_ratio_2035' (join comparisons with 'and' or 'or') (at column 23 of \"crossover_year < 2035 balance_ratio_2035 > 1\")")]
    [InlineData("1 < 2", "a comparison needs at least one outcome name (at column 5 of \"1 < 2\")")]
    [InlineData("crossover_year < 20x35", "unexpected 'x35' (join comparisons with 'and' or 'or') (at column 20 of \"crossover_year < 20x35\")")]
    [InlineData("crossover_year ; drop table", "unexpected character ';' at column 16 of \"crossover_year ; drop table\"")]
    public void Bad_expressions_give_clear_errors(string text, string reason)
    {
        var e = Assert.Throws<BallastInputException>(() => Condition.Parse(text, Outcomes));
        Assert.Equal(reason, e.Reason);
    }
}

public class RegretTests
{
    [Fact]
    public void Regret_is_the_shortfall_from_the_best_policy_in_each_future()
    {
        // Three futures; policy A is best in two, B in one.
        double[] a = [1.0, 2.0, 0.5];
        double[] b = [0.8, 1.0, 1.5];
        var regret = Regret.Compute([a, b], Direction.Maximise);
        Assert.Equal([0, 0, 1.0], regret[0]);
        Assert.Equal(0.2, regret[1][0], 12);
        Assert.Equal([1.0, 0], regret[1][1..]);
        var summary = Regret.Summarise(["A", "B"], [a, b], Direction.Maximise, threshold: 1.0);
        Assert.Equal(1.0, summary[0].MaxRegret);
        Assert.Equal(2.0 / 3, summary[0].ShareMeetingThreshold, 12);
        Assert.Equal(2.0 / 3, summary[0].ShareBest, 12);
        Assert.Equal(0.8, summary[0].P90Regret, 12);
        var min = Regret.Compute([a, b], Direction.Minimise);
        Assert.Equal(0.2, min[0][0], 12);
        Assert.Equal([1.0, 0], min[0][1..]);
    }
}
