using Ballast.Core.Scenarios;
using CrisisType = Ballast.Core.Model.CrisisType;
using MissionArea = Ballast.Core.Model.MissionArea;

namespace Ballast.Core.Tests.Scenarios;

/// <summary>The declarations of <see cref="Scenario.Sections"/>: what the loader and writer rely on.</summary>
public class ScenarioSectionsTests
{
    /// <summary>One item of every section (two for the shocks, whose countries and region exclude each other).</summary>
    public static TheoryData<string, object> Items() => new()
    {
        { "links", new LinkSpec("quad", ["USA", "JPN", "AUS", "IND"], 0.3, 2017, 2030) },
        { "links", new LinkSpec(null, ["JPN", "KOR"], 0.5, 2024, null) },
        { "missiles", new MissileDeployment("typhon", 1600, "JPN", "USA", 2026, "camp-x") },
        { "programmes", new CoDevelopmentProgramme("gpi", ["USA", "JPN"], MissionArea.MissileDefence, 2025) },
        { "crises", new CrisisEvent(2028, CrisisType.TaiwanStrait, 0.7) },
        { "dialogues", new DialogueChannel(["USA", "CHN"], 2024, 2030, 0.4) },
        { "ties", new TieChange("KOR", "JPN", 2027, -0.3) },
        { "shocks", new EconomicShock(2026, [], "allies", -4) },
        { "shocks", new EconomicShock(2026, ["CHN", "JPN"], null, 1.5) },
        { "growth", new GrowthOverride("CHN", 4.5) },
        { "spending-shocks", new SpendingShock(2027, "CHN", 25) },
        { "posture", new PostureEntry("JPN", 2026, 50000, null) },
        { "posture", new PostureEntry("JPN", 2030, null, 30) },
        { "cost-sharing", new CostSharingAgreement("JPN", 2022, 2026, 1501.8, "SMA 2022-2026") },
        { "cost-sharing", new CostSharingAgreement("KOR", 2026, null, 1164, null) },
    };

    private static IEnumerable<ScenarioSection> All => Scenario.Sections.Concat(UsPolicy.Sections);

    private static ScenarioSection Section(string key) => All.Single(s => s.Key == key);

    [Theory]
    [MemberData(nameof(Items))]
    public void An_item_made_from_the_values_its_fields_read_reads_the_same(string key, object item)
    {
        var section = Section(key);
        var values = new ScenarioFieldValues();
        foreach (var f in section.Fields)
        {
            values[f.Key] = f.Read(item);
        }

        var made = section.Create(values);
        Assert.IsType(item.GetType(), made);
        foreach (var f in section.Fields)
        {
            Assert.Equal(f.Read(item), f.Read(made));
        }

        Assert.Equal(section.Identity(item), section.Identity(made));
    }

    [Fact]
    public void Keys_are_distinct_and_rules_name_fields_the_section_has()
    {
        Assert.Equal(All.Count(), All.Select(s => s.Path).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Scenario.Sections, s => Assert.Null(s.Parent));
        Assert.All(UsPolicy.Sections, s => Assert.Equal("us", s.Parent));
        foreach (var s in All)
        {
            Assert.Equal(s.Keys.Count, s.Keys.Distinct(StringComparer.Ordinal).Count());
            for (int i = 0; i < s.Fields.Count; i++)
            {
                var f = s.Fields[i];
                if (f.Years == ScenarioYears.Until)
                {
                    // An until is checked against its first year, so that field comes first and is required.
                    var from = s.Fields.Take(i).Single(x => x.Key == f.FromKey);
                    Assert.Equal((ScenarioFieldKind.Year, false), (from.Kind, from.Optional));
                }
            }

            Assert.All(s.OneOf.Concat(s.AnyOf).SelectMany(g => g), k => Assert.True(s.Fields.Single(f => f.Key == k).Optional, $"{s.Key}.{k}"));
        }
    }

    [Fact]
    public void A_section_replaces_its_items_and_leaves_the_others()
    {
        var s = new Scenario("t", "d", "q", 2024, 2035, ActorSelection.IndoPacific, [2], new UsPolicy([], null, [], []), Architecture.HubAndSpokes,
            [], [], [], [], [], [], [], [new GrowthOverride("CHN", 5)], ParameterSettings.None, null, null, null);
        var shock = new SpendingShock(2027, "RUS", -10);
        var changed = SpendingShock.Section.With(s, [shock]);
        Assert.Equal([shock], changed.SpendingShocks);
        Assert.Same(s.Growth, changed.Growth);
        Assert.Equal([shock], SpendingShock.Section.Items(changed));
    }

    [Fact]
    public void A_number_field_s_bounds_follow_its_declaration()
    {
        var change = SpendingShock.Section.Fields.Single(f => f.Key == "change-percent");
        Assert.False(change.InRange(-100));
        Assert.True(change.InRange(-99.9));
        Assert.True(change.InRange(100));
        Assert.False(change.InRange(100.1));
    }
}
