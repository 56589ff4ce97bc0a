using Ballast.Core.Model;
using Ballast.Core.Scenarios;
using Ballast.Data.Scenarios;
using StancePhase = Ballast.Core.Scenarios.StancePhase;

namespace Ballast.Data.Tests.Scenarios;

/// <summary><c>us.ally-stances</c>: reading, located errors, writing back and compiling.</summary>
public class AllyStanceScenarioTests
{
    // The loader tests' header ('us:' line 7) plus the list: the first ally stance is line 11; '    - { ally: ' puts the
    // mapping at column 7, the ally at 15, 'from' at 26.
    private const string Header = ScenarioLoaderTests.Header + "\n  ally-stances:\n";

    private static Scenario Load(string yaml) => ScenarioLoaderTests.Load(yaml);

    private static void Fails(string entries, string message) => ScenarioLoaderTests.Fails(Header + entries, message);

    [Fact]
    public void A_stance_per_ally_reads_with_its_years_and_conditions()
    {
        var s = Load("""
            name: carter
            description: d
            question: q
            start: 1977
            horizon: 2035
            actors: indo-pacific
            us:
              stance: [ { from: 1977, kind: reassure, harshness: 0.3 } ]
              ally-stances:
                - { ally: KOR, from: 1977, kind: disengage, harshness: 0.8 }
                - { ally: Japan, from: 1977, kind: reassure, harshness: 0.1 }
                - { ally: KOR, from: 2030, kind: conditional, harshness: 0.6, target: 3.5, deadline: 2032 }
                - { ally: IND, from: 1980, kind: reassure }
            """);
        Assert.Equal(
            [
                new AllyStance("KOR", new StancePhase(1977, StanceKind.Disengage, 0.8, null, null)),
                new AllyStance("JPN", new StancePhase(1977, StanceKind.Reassure, 0.1, null, null)),
                new AllyStance("KOR", new StancePhase(2030, StanceKind.Conditional, 0.6, 3.5, 2032)),
                new AllyStance("IND", new StancePhase(1980, StanceKind.Reassure, 0, null, null)),
            ],
            s.Us.AllyStances);
    }

    [Fact]
    public void Without_ally_stances_every_ally_follows_the_run_s_path() =>
        Assert.Empty(Load(ScenarioLoaderTests.Header).Us.AllyStances);

    [Fact]
    public void An_unknown_country_is_located() =>
        Assert.StartsWith(
            "x.yaml:11:15: field 'us.ally-stances[0].ally': unknown country 'Atlantis'",
            Assert.Throws<ScenarioException>(() => Load(Header + "    - { ally: Atlantis, from: 2026, kind: disengage, harshness: 1 }")).Message);

    [Fact]
    public void A_country_outside_the_actor_set_is_not_an_ally() =>
        Fails("    - { ally: FRA, from: 2026, kind: disengage, harshness: 1 }",
            "x.yaml:11:15: field 'us.ally-stances[0].ally': FRA is not a treaty ally or partner of the actor set");

    [Fact]
    public void An_adversary_is_not_an_ally() =>
        Fails("    - { ally: CHN, from: 2026, kind: reassure }",
            "x.yaml:11:15: field 'us.ally-stances[0].ally': CHN is not a treaty ally or partner of the actor set (it is adversary)");

    [Fact]
    public void The_patron_of_a_user_defined_set_is_not_an_ally()
    {
        var e = Assert.Throws<ScenarioException>(() => Load(Header.Replace("actors: indo-pacific", "actors: [ { country: USA, role: patron }, { country: JPN, role: treaty-ally }, { country: CHN, role: adversary } ]", StringComparison.Ordinal)
            + "    - { ally: USA, from: 2026, kind: reassure }"));
        Assert.Equal("x.yaml:11:15: field 'us.ally-stances[0].ally': USA is not a treaty ally or partner of the actor set (it is patron)", e.Message);
    }

    [Theory]
    [InlineData(2023)]
    [InlineData(2036)]
    public void A_year_outside_start_to_horizon_is_located(int year) =>
        Fails($"    - {{ ally: KOR, from: {year}, kind: reassure }}",
            $"x.yaml:11:26: field 'us.ally-stances[0].from': year {year} is outside the allowed years 2024-2035");

    [Fact]
    public void A_conditional_ally_stance_needs_a_target() =>
        Fails("    - { ally: KOR, from: 2026, kind: conditional, harshness: 0.5, deadline: 2030 }",
            "x.yaml:11:7: field 'us.ally-stances[0].target': required field is missing");

    [Fact]
    public void A_conditional_ally_stance_needs_a_deadline() =>
        Fails("    - { ally: KOR, from: 2026, kind: conditional, harshness: 0.5, target: 3 }",
            "x.yaml:11:7: field 'us.ally-stances[0].deadline': required field is missing");

    [Fact]
    public void A_deadline_before_the_stance_starts_is_located() =>
        Fails("    - { ally: KOR, from: 2028, kind: conditional, harshness: 0.5, target: 3, deadline: 2027 }",
            "x.yaml:11:88: field 'us.ally-stances[0].deadline': year 2027 is outside the allowed years 2028-2100");

    [Fact]
    public void The_same_ally_and_year_twice_is_a_duplicate() =>
        Fails("    - { ally: KOR, from: 2026, kind: disengage, harshness: 1 }\n    - { ally: \"Korea, South\", from: 2026, kind: reassure }",
            "x.yaml:12:7: field 'us.ally-stances[1]': duplicate ally stance (ally and year) 'KOR 2026'");

    [Fact]
    public void An_unknown_key_suggests_the_closest() =>
        Fails("    - { ally: KOR, from: 2026, kind: reassure, harshnes: 0.1 }",
            "x.yaml:11:48: field 'us.ally-stances[0].harshnes': unknown field 'harshnes'; did you mean 'harshness'?");

    [Fact]
    public void Ally_stances_round_trip_through_the_writer()
    {
        var a = Load(Header + "    - { ally: KOR, from: 2026, kind: disengage, harshness: 0.8 }\n    - { ally: JPN, from: 2026, kind: reassure }\n    - { ally: KOR, from: 2030, kind: conditional, harshness: 0.6, target: 3.5, deadline: 2032 }");
        var yaml = ScenarioWriter.ToYaml(a);
        Assert.Contains("""
              ally-stances:
                - { ally: KOR, from: 2026, kind: disengage, harshness: 0.8 }
                - { ally: JPN, from: 2026, kind: reassure, harshness: 0 }
                - { ally: KOR, from: 2030, kind: conditional, harshness: 0.6, target: 3.5, deadline: 2032 }

            """, yaml, StringComparison.Ordinal);
        var b = Load(yaml);
        Assert.Equal(a.Us.AllyStances, b.Us.AllyStances);
        Assert.Equal(yaml, ScenarioWriter.ToYaml(b));
    }

    [Fact]
    public void The_example_compiles_to_a_stance_for_Korea_and_Japan_from_2026()
    {
        var s = ScenarioLoader.Default.LoadFile(Path.Combine(ScenarioLoaderTests.RepoRoot(), "scenarios", "us-split-stance.yaml"));
        var inputs = ScenarioCompiler.Compile(s).Inputs;
        int a = inputs.ActorCount, kor = inputs.IndexOf("KOR"), jpn = inputs.IndexOf("JPN"), aus = inputs.IndexOf("AUS");
        for (int t = 0; t <= inputs.Steps; t++)
        {
            bool on = inputs.StartYear + t >= 2026;
            Assert.Equal(on ? new StanceYear(StanceKind.Disengage, 0, 0, 0.8) : null, inputs.AllyStances[(t * a) + kor]);
            Assert.Equal(on ? new StanceYear(StanceKind.Reassure, 0, 0, 0) : null, inputs.AllyStances[(t * a) + jpn]);
            Assert.Null(inputs.AllyStances[(t * a) + aus]);
        }
    }
}
