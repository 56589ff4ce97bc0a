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
    [InlineData("colour", "blue", "levers.colour", "unknown lever; allowed: start, horizon, targets, architecture, us.stance.kind, us.stance.harshness, us.stance.target, us.stance.deadline, us.ally-stance.JPN.kind, us.ally-stance.JPN.harshness, us.ally-stance.KOR.kind, us.ally-stance.KOR.harshness, us.ally-stance.AUS.kind, us.ally-stance.AUS.harshness, us.ally-stance.PHL.kind, us.ally-stance.PHL.harshness, us.ally-stance.THA.kind, us.ally-stance.THA.harshness, spending.JPN.change-pct, spending.KOR.change-pct, spending.AUS.change-pct, spending.PHL.change-pct, spending.THA.change-pct, posture.JPN.troops, posture.KOR.troops, posture.AUS.troops, posture.PHL.troops, posture.THA.troops, us.theatre-share, growth.CHN, runs, seed")]
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

    [Fact]
    public void Budget_step_and_troop_levers_edit_the_first_year_shock_and_the_start_year_posture_of_one_ally()
    {
        var bases = new PostureEntry("JPN", 2024, null, 85);
        var later = new PostureEntry("KOR", 2030, 20_000, null);
        var start = Baseline() with { Us = Baseline().Us with { Posture = [bases, later] }, SpendingShocks = [new SpendingShock(2030, "JPN", 10)] };
        var s = ScenarioLevers.Apply(start, new Dictionary<string, string> { ["spending.JPN.change-pct"] = "25", ["posture.JPN.troops"] = "60000", ["posture.KOR.troops"] = "15000" });
        Assert.Equal([new SpendingShock(2030, "JPN", 10), new SpendingShock(2025, "JPN", 25)], s.SpendingShocks);
        Assert.Equal([later, new PostureEntry("JPN", 2024, 60_000, 85), new PostureEntry("KOR", 2024, 15_000, null)], s.Us.Posture);
        var values = ScenarioLevers.Read(s);
        Assert.Equal(("25", "60000", "15000", null), (values["spending.JPN.change-pct"], values["posture.JPN.troops"], values["posture.KOR.troops"], values["spending.KOR.change-pct"]));

        // Clearing the troops keeps Japan's bases; Korea's start-year entry had nothing else and goes.
        s = ScenarioLevers.Apply(s, new Dictionary<string, string> { ["spending.JPN.change-pct"] = "", ["posture.JPN.troops"] = "", ["posture.KOR.troops"] = "" });
        Assert.Equal([new SpendingShock(2030, "JPN", 10)], s.SpendingShocks);
        Assert.Equal([later, new PostureEntry("JPN", 2024, null, 85)], s.Us.Posture);
        Assert.Equal(LeverType.Integer, ScenarioLevers.All.Single(l => l.Key == "posture.PHL.troops").Type);
    }

    [Theory]
    [InlineData("spending.KOR.change-pct", "-100", "must be between -99 and 100")]
    [InlineData("posture.AUS.troops", "2500.5", "must be a whole number")]
    [InlineData("posture.AUS.troops", "-1", "must be between 0 and 200000")]
    public void Budget_step_and_troop_levers_refuse_values_out_of_bounds(string key, string value, string reason)
    {
        var e = Assert.Throws<BallastInputException>(() => ScenarioLevers.Apply(Baseline(), new Dictionary<string, string> { [key] = value }));
        Assert.Equal(("levers." + key, reason), (e.Field, e.Reason));
    }
}
