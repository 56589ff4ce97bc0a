using Ballast.Core;
using StanceKind = Ballast.Core.Model.StanceKind;
using StancePath = Ballast.Core.Scenarios.StancePath;
using Ballast.Core.Parameters;
using Ballast.Core.Scenarios;

namespace Ballast.Core.Tests.Scenarios;

public class ScenarioLeversTests
{
    private static Scenario Baseline(params StancePath[] paths) => new(
        "t", "d", "q", 2024, 2035, ActorSelection.IndoPacific, [2, 3.5],
        new UsPolicy(paths.Length == 0 ? [new StancePath("default", 1, [new StancePhase(2024, StanceKind.Reassure, 0.2, null, null)])] : paths, null, [], []),
        Architecture.HubAndSpokes, [], [], [], [], [], [], [], [], ParameterSettings.None, null, null, null);

    [Fact]
    public void Keys_are_unique_and_every_lever_reads_the_baseline()
    {
        var keys = ScenarioLevers.All.Select(l => l.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        var values = ScenarioLevers.Read(Baseline());
        Assert.Equal("2024", values["start"]);
        Assert.Equal("2, 3.5", values["targets"]);
        Assert.Equal("hub-and-spokes", values["architecture"]);
        Assert.Equal("reassure", values["us.stance.kind"]);
        Assert.Equal("0.2", values["us.stance.harshness"]);
        Assert.Null(values["us.stance.target"]);
        Assert.Null(values["growth.CHN"]);
        Assert.Equal(["reassure", "conditional", "disengage"], ScenarioLevers.All.Single(l => l.Key == "us.stance.kind").Choices!);
    }

    [Fact]
    public void Applying_then_reading_gives_the_values_back()
    {
        var s = ScenarioLevers.Apply(Baseline(), new Dictionary<string, string>
        {
            ["us.stance.kind"] = "conditional", ["us.stance.target"] = "3.5", ["us.stance.deadline"] = "2030",
            ["targets"] = "5, 2, 2", ["growth.CHN"] = "6.5", ["seed"] = "42",
        });
        var phase = s.Us.StancePaths[0].Phases[0];
        Assert.Equal((StanceKind.Conditional, 3.5, 2030), (phase.Kind, phase.TargetPercent!.Value, phase.DeadlineYear!.Value));
        Assert.Equal([2.0, 5.0], s.TargetsPercent);
        Assert.Equal(new GrowthOverride("CHN", 6.5), Assert.Single(s.Growth));
        Assert.Equal(42UL, s.Seed);
        Assert.Equal("6.5", ScenarioLevers.Read(s)["growth.CHN"]);

        // Back to reassure drops the conditional's target and deadline; clearing the optional growth removes it.
        var back = ScenarioLevers.Apply(s, new Dictionary<string, string> { ["us.stance.kind"] = "reassure", ["growth.CHN"] = "" });
        Assert.Equal(new StancePhase(2024, StanceKind.Reassure, 0.2, null, null), back.Us.StancePaths[0].Phases[0]);
        Assert.Empty(back.Growth);
    }

    [Theory]
    [InlineData("colour", "blue", "levers.colour", "unknown lever; allowed: start, horizon, targets, architecture, us.stance.kind, us.stance.harshness, us.stance.target, us.stance.deadline, us.ally-stance.JPN.kind, us.ally-stance.JPN.harshness, us.ally-stance.KOR.kind, us.ally-stance.KOR.harshness, us.ally-stance.AUS.kind, us.ally-stance.AUS.harshness, us.ally-stance.PHL.kind, us.ally-stance.PHL.harshness, us.ally-stance.THA.kind, us.ally-stance.THA.harshness, us.theatre-share, growth.CHN, runs, seed")]
    [InlineData("us.stance.harshness", "2", "levers.us.stance.harshness", "must be between 0 and 1")]
    [InlineData("us.stance.kind", "abandon", "levers.us.stance.kind", "unknown value; allowed: reassure, conditional, disengage")]
    [InlineData("us.stance.kind", "conditional", "levers.us.stance.target", "a conditional stance needs a target and a deadline")]
    [InlineData("us.ally-stance.KOR.kind", "abandon", "levers.us.ally-stance.KOR.kind", "unknown value; allowed: reassure, conditional, disengage")]
    [InlineData("us.ally-stance.KOR.kind", "conditional", "levers.us.ally-stance.KOR.kind", "a conditional stance toward KOR needs a target and a deadline; write it in the YAML (us.ally-stances)")]
    [InlineData("us.ally-stance.JPN.harshness", "0.5", "levers.us.ally-stance.JPN.harshness", "choose a US stance toward JPN first")]
    [InlineData("us.ally-stance.JPN.harshness", "1.5", "levers.us.ally-stance.JPN.harshness", "must be between 0 and 1")]
    [InlineData("start", "20.5", "levers.start", "must be a whole number")]
    [InlineData("growth.CHN", "NaN", "levers.growth.CHN", "must be a number")]
    [InlineData("targets", "2, 0", "levers.targets", "must be between 0.1 and 100")]
    public void Bad_values_name_the_lever(string key, string value, string field, string reason)
    {
        var e = Assert.Throws<BallastInputException>(() => ScenarioLevers.Apply(Baseline(), new Dictionary<string, string> { [key] = value }));
        Assert.Equal((field, reason), (e.Field, e.Reason));
    }

    [Fact]
    public void Stance_levers_refuse_a_scenario_with_several_weighted_paths()
    {
        var two = Baseline(
            new StancePath("a", 0.5, [new StancePhase(2024, StanceKind.Reassure, 0.2, null, null)]),
            new StancePath("b", 0.5, [new StancePhase(2024, StanceKind.Disengage, 0.2, null, null)]));
        Assert.Null(ScenarioLevers.Read(two)["us.stance.kind"]);
        var e = Assert.Throws<BallastInputException>(() => ScenarioLevers.Apply(two, new Dictionary<string, string> { ["us.stance.harshness"] = "0.5" }));
        Assert.Equal("levers.us.stance.harshness", e.Field);
    }

    [Fact]
    public void Ally_stance_levers_set_and_clear_the_start_year_entry_of_one_ally()
    {
        var kind = ScenarioLevers.All.Single(l => l.Key == "us.ally-stance.KOR.kind");
        Assert.True(kind.Optional);
        Assert.Equal(["reassure", "conditional", "disengage"], kind.Choices!);
        Assert.Null(ScenarioLevers.Read(Baseline())["us.ally-stance.KOR.kind"]);

        // A new entry takes the US stance's signal (0.2) unless the harshness lever sets it; a later YAML entry stays;
        // levers apply in catalogue order (JPN before KOR).
        var later = new AllyStance("KOR", new StancePhase(2030, StanceKind.Conditional, 0.6, 3.5, 2032));
        var start = Baseline() with { Us = Baseline().Us with { AllyStances = [later] } };
        var s = ScenarioLevers.Apply(start, new Dictionary<string, string> { ["us.ally-stance.KOR.kind"] = "disengage", ["us.ally-stance.JPN.kind"] = "reassure" });
        Assert.Equal(
            [later, new AllyStance("JPN", new StancePhase(2024, StanceKind.Reassure, 0.2, null, null)), new AllyStance("KOR", new StancePhase(2024, StanceKind.Disengage, 0.2, null, null))],
            s.Us.AllyStances);
        s = ScenarioLevers.Apply(s, new Dictionary<string, string> { ["us.ally-stance.KOR.harshness"] = "0.8", ["us.ally-stance.JPN.kind"] = "" });
        Assert.Equal([later, new AllyStance("KOR", new StancePhase(2024, StanceKind.Disengage, 0.8, null, null))], s.Us.AllyStances);
        var values = ScenarioLevers.Read(s);
        Assert.Equal(("disengage", "0.8", null, null), (values["us.ally-stance.KOR.kind"], values["us.ally-stance.KOR.harshness"], values["us.ally-stance.JPN.kind"], values["us.ally-stance.JPN.harshness"]));
    }
}
