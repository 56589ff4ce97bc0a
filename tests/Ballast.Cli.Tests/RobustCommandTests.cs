namespace Ballast.Cli.Tests;

public class RobustCommandTests
{
    [Fact]
    public void A_policy_compared_with_itself_has_no_regret_in_any_future()
    {
        var (code, csv, err) = CliRunner.Run("robust", RepoPaths.Scenario("baseline"), RepoPaths.Scenario("baseline"), "--futures", "16", "--format", "csv");
        Assert.True(code == 0, err);
        var rows = csv.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("0", r[2]); // max regret
            Assert.Equal("1", r[6]); // best (tied) in every future
        });
        Assert.Equal(rows[0][1], rows[1][1]); // same futures, same outcome
    }

    [Fact]
    public void Conditional_pressure_has_more_regret_on_the_balance_than_reassurance()
    {
        var (code, csv, err) = CliRunner.Run("robust", RepoPaths.Scenario("us-conditional-3.5"), RepoPaths.Scenario("us-reassure"), "--futures", "32", "--format", "csv");
        Assert.True(code == 0, err);
        var rows = csv.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToDictionary(r => r[0], r => double.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(rows["us-conditional-3.5"] > rows["us-reassure"]);
    }

    [Fact]
    public void Unknown_outcome_lists_the_outcomes()
    {
        var (code, _, e) = CliRunner.Run("robust", RepoPaths.Scenario("baseline"), RepoPaths.Scenario("us-reassure"), "--outcome", "happiness");
        Assert.Equal(2, code);
        Assert.StartsWith("error: field '--outcome', value 'happiness': unknown outcome 'happiness'; outcomes: balance_ratio, crossover_year, crossed,", e);
    }
}
