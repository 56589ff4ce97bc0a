using Ballast.Core.Scenarios;
using Ballast.Data.Scenarios;

namespace Ballast.Data.Tests.Scenarios;

/// <summary><c>spending-shocks</c>: reading, located errors, writing back, compiling (a run: Engine.Tests SpendingShockTests).</summary>
public class SpendingShockScenarioTests
{
    // The loader tests' header ends on line 9; the section's first item is line 11, its mapping at column 5, 'year' at 7.
    private const string Header = ScenarioLoaderTests.Header + "\nspending-shocks:\n";

    private static Scenario Load(string entries) => ScenarioLoaderTests.Load(Header + entries);

    private static void Fails(string entries, string message) => ScenarioLoaderTests.Fails(Header + entries, message);

    [Fact]
    public void Shocks_read_with_country_names_in_file_order()
    {
        var s = Load("  - { year: 2027, country: China, change-percent: 25 }\n  - { year: 2026, country: RUS, change-percent: -10.5 }");
        Assert.Equal([new SpendingShock(2027, "CHN", 25), new SpendingShock(2026, "RUS", -10.5)], s.SpendingShocks);
        Assert.Empty(ScenarioLoaderTests.Load(ScenarioLoaderTests.Header).SpendingShocks);
    }

    [Fact]
    public void A_change_of_minus_100_percent_or_more_is_located() =>
        Fails("  - { year: 2027, country: CHN, change-percent: -100 }",
            "x.yaml:11:49: field 'spending-shocks[0].change-percent': a spending change must be more than -100 % (which would leave no spending) and at most 100 %, found -100");

    [Fact]
    public void The_start_year_is_not_a_simulated_year() =>
        Fails("  - { year: 2024, country: CHN, change-percent: 20 }",
            "x.yaml:11:13: field 'spending-shocks[0].year': year 2024 is outside the simulated years 2025-2035");

    [Fact]
    public void A_missing_country_is_located_at_the_item() =>
        Fails("  - { year: 2027, change-percent: 20 }",
            "x.yaml:11:5: field 'spending-shocks[0].country': required field is missing");

    [Fact]
    public void Two_shocks_of_one_country_and_year_are_a_duplicate() =>
        Fails("  - { year: 2027, country: CHN, change-percent: 20 }\n  - { year: 2027, country: China, change-percent: 5 }",
            "x.yaml:12:5: field 'spending-shocks[1]': duplicate spending shock (country and year) 'CHN 2027'");

    [Fact]
    public void An_unknown_key_gets_the_closest_one() =>
        Fails("  - { year: 2027, country: CHN, change: 20 }",
            "x.yaml:11:33: field 'spending-shocks[0].change': unknown field 'change'; did you mean 'change-percent'?");

    [Fact]
    public void Written_back_they_read_the_same()
    {
        var a = Load("  - { year: 2027, country: China, change-percent: 25 }\n  - { year: 2030, country: PRK, change-percent: -5 }");
        var yaml = ScenarioWriter.ToYaml(a);
        Assert.Contains("spending-shocks:\n  - { year: 2027, country: CHN, change-percent: 25 }\n  - { year: 2030, country: PRK, change-percent: -5 }\n", yaml, StringComparison.Ordinal);
        Assert.Equal(a.SpendingShocks, ScenarioLoaderTests.Load(yaml).SpendingShocks);
    }

    [Fact]
    public void Compiled_into_the_year_s_factor_of_the_actor_and_ignored_for_a_non_actor()
    {
        var c = ScenarioCompiler.Compile(Load("  - { year: 2027, country: CHN, change-percent: 25 }\n  - { year: 2028, country: FRA, change-percent: 10 }"));
        var m = c.Inputs;
        int chn = m.IndexOf("CHN");
        Assert.Equal(1.25, m.SpendingShock[(3 * m.ActorCount) + chn]);
        Assert.Equal(m.SpendingShock.Length - 1, m.SpendingShock.Count(x => x == 1));
        Assert.Contains("spending shock: FRA is not an actor of this scenario; ignored.", c.Notes);
    }
}
