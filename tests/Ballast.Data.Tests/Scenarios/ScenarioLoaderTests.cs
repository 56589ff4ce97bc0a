using Ballast.Core.Countries;
using Ballast.Core.Parameters;
using CrisisType = Ballast.Core.Model.CrisisType;
using DistributionKind = Ballast.Core.Model.DistributionKind;
using MissionArea = Ballast.Core.Model.MissionArea;
using StanceKind = Ballast.Core.Model.StanceKind;
using Ballast.Core.Scenarios;
using Ballast.Data.Scenarios;

namespace Ballast.Data.Tests.Scenarios;

public class ScenarioLoaderTests
{
    // Line numbers in the tests below count from this header: 'name' is line 1, 'us:' line 7, 'stance:' line 8, the phase line 9.
    internal const string Header = """
        name: t
        description: d
        question: q
        start: 2024
        horizon: 2035
        actors: indo-pacific
        us:
          stance:
            - { from: 2024, kind: reassure, harshness: 0.2 }
        """;

    internal static Scenario Load(string yaml) => ScenarioLoader.Default.Load(yaml, "x.yaml");

    internal static void Fails(string yaml, string message)
    {
        var e = Assert.Throws<ScenarioException>(() => Load(yaml));
        Assert.Equal(message, e.Message);
    }

    public static TheoryData<string> Examples() =>
        new(Directory.GetFiles(Path.Combine(RepoRoot(), "scenarios"), "*.yaml").Select(Path.GetFileName).Order().Cast<string>());

    internal static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Ballast.slnx")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        }

        return dir;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_scenario_validates(string file)
    {
        var s = ScenarioLoader.Default.LoadFile(Path.Combine(RepoRoot(), "scenarios", file));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), s.Name);
        Assert.Equal(2024, s.StartYear);
        Assert.Equal(2035, s.HorizonYear);
        Assert.False(string.IsNullOrWhiteSpace(s.Question));
    }

    [Fact]
    public void All_nine_examples_exist()
    {
        string[] expected = ["baseline", "china-fast", "missiles-hosted", "networked", "pandemic-shock", "us-conditional-3.5", "us-disengage", "us-reassure", "us-split-stance"];
        var files = Directory.GetFiles(Path.Combine(RepoRoot(), "scenarios"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(expected, files);
    }

    [Fact]
    public void A_minimal_scenario_gets_the_defaults()
    {
        var s = Load(Header);
        Assert.Equal(ActorPreset.IndoPacific, s.Actors.Preset);
        Assert.Equal([2.0, 3.5], s.TargetsPercent);
        Assert.Equal(Architecture.HubAndSpokes, s.Architecture);
        var path = Assert.Single(s.Us.StancePaths);
        Assert.Equal(1.0, path.Probability);
        Assert.Equal(new StancePhase(2024, StanceKind.Reassure, 0.2, null, null), Assert.Single(path.Phases));
        Assert.Null(s.Runs);
        Assert.Empty(s.Links);
    }

    [Fact]
    public void The_conditional_example_reads_its_phases()
    {
        var s = ScenarioLoader.Default.LoadFile(Path.Combine(RepoRoot(), "scenarios", "us-conditional-3.5.yaml"));
        var path = Assert.Single(s.Us.StancePaths);
        Assert.Equal(new StancePhase(2025, StanceKind.Conditional, 0.9, 3.5, 2030), path.Phases[1]);
        Assert.Equal(StanceKind.Reassure, path.PhaseIn(2024).Kind);
        Assert.Equal(StanceKind.Conditional, path.PhaseIn(2031).Kind);
    }

    [Fact]
    public void Missile_system_takes_range_and_owner_from_the_catalogue()
    {
        var s = ScenarioLoader.Default.LoadFile(Path.Combine(RepoRoot(), "scenarios", "missiles-hosted.yaml"));
        var m = s.Missiles[0];
        Assert.Equal(("typhon-tomahawk", 1600.0, "PHL", "USA", 2025, "laoag"), (m.System, m.RangeKm, m.Host, m.Owner, m.Year, m.Site));
    }

    [Fact]
    public void Country_names_resolve_to_iso3() =>
        Assert.Equal(["USA", "JPN", "KOR"], Load(Header + "\nlinks:\n  - { members: [United States, Japan, South Korea], strength: 0.5, from: 2024 }").Links[0].Members);

    [Fact]
    public void Round_trip_of_a_full_scenario_is_exact()
    {
        const string full = """
            name: full
            description: every field
            question: "does it: round-trip?"
            start: 2020
            horizon: 2040
            actors:
              - { country: USA, role: patron }
              - { country: JPN, role: treaty-ally }
              - { country: IND, role: partner }
              - { country: CHN, role: adversary }
              - { country: SGP, role: other }
            targets: [3.5, 2, 5]
            us:
              stance-paths:
                - name: commit
                  probability: 0.6
                  stance:
                    - { from: 2020, kind: reassure }
                - name: pressure
                  probability: 0.3
                  stance:
                    - { from: 2020, kind: reassure, harshness: 0.1 }
                    - { from: 2025, kind: conditional, target: 3.5, deadline: 2030, harshness: 0.8 }
                - name: leave
                  probability: 0.1
                  stance:
                    - { from: 2026, kind: disengage, harshness: 1 }
              theatre-share: 0.4
              posture:
                - { host: JPN, year: 2026, troops: 50000, bases: 40 }
                - { host: JPN, year: 2030, bases: 30 }
              cost-sharing:
                - { host: JPN, from: 2022, until: 2026, amount-usd-m: 1501.8, name: SMA 2022-2026 }
                - { host: KOR, from: 2026, amount-usd-m: 1164 }
            architecture: networked
            links:
              - { name: quad, members: [USA, JPN, AUS, IND], strength: 0.5, from: 2017 }
              - { members: [JPN, AUS], strength: 0.6, from: 2024, until: 2030 }
            missiles:
              - { system: dark-eagle, host: GUM, year: 2026, site: andersen-afb }
              - { range-km: 2000, host: JPN, owner: USA, year: 2028 }
            programmes:
              - { name: gpi, members: [USA, JPN], mission: missile-defence, year: 2025 }
            crises:
              - { year: 2028, kind: taiwan-strait, intensity: 0.7 }
              - { year: 2029, kind: gray-zone, intensity: 0.2 }
            dialogues:
              - { parties: [USA, CHN], from: 2024, until: 2030, strength: 0.4 }
            ties:
              - { pair: [JPN, KOR], year: 2027, change: -0.3 }
            shocks:
              - { year: 2026, region: all, gdp-change-percent: -4 }
              - { year: 2027, countries: [CHN, JPN], gdp-change-percent: 1.5 }
            parameters:
              overrides:
                beta_s: -0.2
              uncertain:
                delta: { uniform: { min: 0.05, max: 0.1 } }
                lambda: { normal: { mean: 0.3, sd: 0.05 } }
                g_c: { triangular: { min: 0.03, mode: 0.05, max: 0.07 } }
                phi_default: { lognormal: { mu: 0, sigma: 0.2 } }
            growth:
              - { country: CHN, percent: 4.5 }
            runs: 500
            seed: 18446744073709551615
            """;
        var a = Load(full);
        var yaml = ScenarioWriter.ToYaml(a);
        var b = Load(yaml);
        Assert.Equal(yaml, ScenarioWriter.ToYaml(b));

        Assert.Equal([2.0, 3.5, 5.0], b.TargetsPercent);
        Assert.Equal(3, b.Us.StancePaths.Count);
        Assert.Equal(new StancePhase(2025, StanceKind.Conditional, 0.8, 3.5, 2030), b.Us.StancePaths[1].Phases[1]);
        Assert.Equal(new PostureEntry("JPN", 2030, null, 30), b.Us.Posture[1]);
        Assert.Equal(new CostSharingAgreement("KOR", 2026, null, 1164, null), b.Us.CostSharing[1]);
        Assert.Equal(new ActorEntry("IND", CountryRole.Partner), b.Actors.Countries[2]);
        Assert.Equal(new MissileDeployment("dark-eagle", 2776, "GUM", "USA", 2026, "andersen-afb"), b.Missiles[0]);
        Assert.Equal(new CoDevelopmentProgramme("gpi", b.Programmes[0].Members, MissionArea.MissileDefence, 2025), b.Programmes[0]);
        Assert.Equal(new CrisisEvent(2029, CrisisType.GrayZone, 0.2), b.Crises[1]);
        Assert.Equal(new TieChange("JPN", "KOR", 2027, -0.3), b.TieChanges[0]);
        Assert.Equal(["CHN", "JPN"], b.Shocks[1].Countries);
        Assert.Equal(-0.2, b.Parameters.Overrides["beta_s"]);
        Assert.Equal(new Distribution(DistributionKind.Triangular, 0.03, 0.05, 0.07), b.Parameters.Uncertain[2].Distribution);
        Assert.Equal(new Distribution(DistributionKind.LogNormal, 0, 0.2), b.Parameters.Uncertain[3].Distribution);
        Assert.Equal(ulong.MaxValue, b.Seed);
        Assert.Equal(500, b.Runs);
        Assert.Equal(Architecture.Networked, b.Architecture);
        Assert.Equal(0.4, b.Us.TheatreShare);
        Assert.Equal(new GrowthOverride("CHN", 4.5), Assert.Single(b.Growth));
    }

    // ---- every error path, with the exact message ------------------------------------------------------------

    [Fact]
    public void Unknown_stance_kind_lists_the_allowed_values() =>
        Fails(Header.Replace("kind: reassure", "kind: abandon", StringComparison.Ordinal),
            "x.yaml:9:27: field 'us.stance[0].kind': unknown value 'abandon'; allowed: reassure, conditional, disengage");

    [Fact]
    public void Unknown_field_suggests_the_closest_name() =>
        Fails(Header.Replace("horizon:", "horizn:", StringComparison.Ordinal),
            "x.yaml:5:1: field 'horizn': unknown field 'horizn'; did you mean 'horizon'?");

    [Fact]
    public void Unknown_field_without_a_close_name_lists_the_allowed_fields() =>
        Fails(Header + "\n  colour: red",
            "x.yaml:10:3: field 'us.colour': unknown field 'colour'; allowed: stance, stance-paths, theatre-share, posture, cost-sharing, ally-stances");

    [Fact]
    public void Unknown_field_that_is_part_of_a_name_suggests_it() =>
        Fails(Header + "\n  paths: []",
            "x.yaml:10:3: field 'us.paths': unknown field 'paths'; did you mean 'stance-paths'?");

    [Fact]
    public void A_very_long_unknown_field_gets_the_allowed_list_without_comparing_all_of_it()
    {
        var key = "stance" + new string('x', 1000); // YAML caps plain keys at 1024 characters
        var e = Assert.Throws<ScenarioException>(() => Load(Header + $"\n  {key}: 1"));
        Assert.EndsWith("; allowed: stance, stance-paths, theatre-share, posture, cost-sharing, ally-stances", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_field_is_named() =>
        Fails(Header.Replace("question: q\n", string.Empty, StringComparison.Ordinal),
            "x.yaml:1:1: field 'question': required field is missing");

    [Fact]
    public void Invalid_yaml_is_located() =>
        Fails(Header + "\nlinks: [ { members: [USA, JPN }",
            "x.yaml:10:31: invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'.");

    [Fact]
    public void Duplicate_key_is_an_error() =>
        Fails(Header + "\nstart: 2020", "x.yaml:10:1: field 'start': duplicate field 'start'; each field may appear once");

    [Fact]
    public void Root_must_be_a_mapping() =>
        Fails("- a\n- b", "x.yaml:1:1: expected a mapping (key: value), found a list");

    [Fact]
    public void Empty_file_is_an_error() => Fails(string.Empty, "x.yaml:1:1: the file is empty");

    [Fact]
    public void Start_outside_the_data_range() =>
        Fails(Header.Replace("start: 2024", "start: 2030", StringComparison.Ordinal),
            "x.yaml:4:8: field 'start': year 2030 is outside the data range 1950-2024");

    [Fact]
    public void Start_before_1950_is_outside_the_data_range() =>
        Fails(Header.Replace("start: 2024", "start: 1949", StringComparison.Ordinal),
            "x.yaml:4:8: field 'start': year 1949 is outside the data range 1950-2024");

    [Fact]
    public void An_episode_check_window_is_the_run_and_needs_data() =>
        Fails(Header.Replace("horizon: 2035", "horizon: 2030", StringComparison.Ordinal) + "\ncheck: { countries: [KOR], variable: burden, from: 2024, until: 2030 }",
            "x.yaml:10:65: field 'check.until': the window ends at the horizon 2030, which must have data (at most 2024)");

    [Fact]
    public void An_episode_check_compares_the_burden_only() =>
        Fails(Header + "\ncheck: { countries: [KOR], variable: gdp, from: 2024, until: 2035 }",
            "x.yaml:10:38: field 'check.variable': unknown value 'gdp'; allowed: burden");

    [Fact]
    public void Horizon_must_follow_start() =>
        Fails(Header.Replace("horizon: 2035", "horizon: 2024", StringComparison.Ordinal),
            "x.yaml:5:10: field 'horizon': horizon 2024 must be after start 2024");

    [Fact]
    public void Horizon_beyond_the_latest_year() =>
        Fails(Header.Replace("horizon: 2035", "horizon: 2200", StringComparison.Ordinal),
            "x.yaml:5:10: field 'horizon': horizon 2200 is beyond the latest allowed year 2100");

    [Fact]
    public void Non_numeric_year() =>
        Fails(Header.Replace("start: 2024", "start: soon", StringComparison.Ordinal),
            "x.yaml:4:8: field 'start': expected a whole number, found 'soon'");

    [Fact]
    public void Event_year_outside_the_simulated_years() =>
        Fails(Header + "\ncrises:\n  - { year: 2024, kind: taiwan-strait, intensity: 0.5 }",
            "x.yaml:11:13: field 'crises[0].year': year 2024 is outside the simulated years 2025-2035");

    [Fact]
    public void Share_out_of_range() =>
        Fails(Header + "\n  theatre-share: 1.5",
            "x.yaml:10:18: field 'us.theatre-share': must be between 0 and 1, found 1.5");

    [Fact]
    public void Harshness_out_of_range() =>
        Fails(Header.Replace("harshness: 0.2", "harshness: -0.1", StringComparison.Ordinal),
            "x.yaml:9:48: field 'us.stance[0].harshness': must be between 0 and 1, found -0.1");

    [Fact]
    public void Percentage_out_of_range() =>
        Fails(Header + "\ntargets: [2, 350]",
            "x.yaml:10:14: field 'targets[1]': a percentage must be between 0 and 100, found 350");

    [Theory]
    [InlineData("-120")]
    [InlineData("-100")]
    public void Gdp_change_out_of_range(string change) =>
        Fails(Header + $"\nshocks:\n  - {{ year: 2026, region: all, gdp-change-percent: {change} }}",
            $"x.yaml:11:52: field 'shocks[0].gdp-change-percent': a GDP change must be more than -100 % (which would leave no GDP) and at most 100 %, found {change}");

    [Fact]
    public void Probabilities_must_sum_to_one() =>
        Fails("""
            name: t
            description: d
            question: q
            start: 2024
            horizon: 2035
            us:
              stance-paths:
                - { name: a, probability: 0.5, stance: [ { from: 2024, kind: reassure } ] }
                - { name: b, probability: 0.4, stance: [ { from: 2024, kind: disengage, harshness: 1 } ] }
            """,
            "x.yaml:8:5: field 'us.stance-paths': probabilities sum to 0.9; they must sum to 1");

    [Fact]
    public void Stance_and_stance_paths_are_exclusive() =>
        Fails(Header + "\n  stance-paths: []",
            "x.yaml:10:17: field 'us.stance-paths': give either 'stance' (one certain path) or 'stance-paths' (several with probabilities), not both");

    [Fact]
    public void Conditional_stance_needs_a_target() =>
        Fails(Header.Replace("kind: reassure", "kind: conditional, deadline: 2030", StringComparison.Ordinal),
            "x.yaml:9:7: field 'us.stance[0].target': required field is missing");

    [Fact]
    public void Disengage_needs_a_harshness() =>
        Fails(Header.Replace("kind: reassure, harshness: 0.2", "kind: disengage", StringComparison.Ordinal),
            "x.yaml:9:7: field 'us.stance[0].harshness': required field is missing (a 'disengage' stance needs a signal harshness in [0, 1])");

    [Fact]
    public void Only_conditional_has_a_target() =>
        Fails(Header.Replace("harshness: 0.2", "harshness: 0.2, target: 3", StringComparison.Ordinal),
            "x.yaml:9:61: field 'us.stance[0].target': only a 'conditional' stance has a target");

    [Fact]
    public void Phases_must_increase() =>
        Fails(Header + "\n    - { from: 2024, kind: disengage, harshness: 1 }",
            "x.yaml:10:7: field 'us.stance[1].from': phases must start in increasing years; 2024 follows 2024");

    [Fact]
    public void Negative_amount() =>
        Fails(Header + "\n  cost-sharing:\n    - { host: JPN, from: 2027, amount-usd-m: -5 }",
            "x.yaml:11:46: field 'us.cost-sharing[0].amount-usd-m': amount must not be negative");

    [Fact]
    public void Negative_troops() =>
        Fails(Header + "\n  posture:\n    - { host: JPN, year: 2027, troops: -5 }",
            "x.yaml:11:40: field 'us.posture[0].troops': must not be negative");

    [Fact]
    public void A_posture_entry_without_troops_or_bases() =>
        Fails(Header + "\n  posture:\n    - { host: JPN, year: 2027 }",
            "x.yaml:11:7: field 'us.posture[0]': give 'troops', 'bases' or both");

    [Fact]
    public void Unknown_country_suggests_close_matches()
    {
        var e = Assert.Throws<ScenarioException>(() => Load(Header + "\n  posture:\n    - { host: JAP, year: 2027, troops: 5 }"));
        Assert.StartsWith("x.yaml:11:15: field 'us.posture[0].host': unknown country 'JAP'; did you mean ", e.Message, StringComparison.Ordinal);
        Assert.Contains("JPN (Japan)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_missile_system_suggests_the_closest() =>
        Fails(Header + "\nmissiles:\n  - { system: df-27, host: CHN, year: 2026 }",
            "x.yaml:11:15: field 'missiles[0].system': unknown missile system 'df-27'; did you mean 'df-17'?");

    [Fact]
    public void Missile_needs_system_or_range() =>
        Fails(Header + "\nmissiles:\n  - { host: JPN, owner: USA, year: 2026 }",
            "x.yaml:11:5: field 'missiles[0]': give a 'system' from the missile catalogue or a 'range-km'");

    [Fact]
    public void Missile_site_must_be_in_the_host() =>
        Fails(Header + "\nmissiles:\n  - { system: typhon-tomahawk, host: JPN, year: 2026, site: laoag }",
            "x.yaml:11:61: field 'missiles[0].site': site 'laoag' is in PHL, not in the host JPN");

    [Fact]
    public void Duplicate_country_in_a_list() =>
        Fails(Header + "\nlinks:\n  - { members: [USA, JPN, Japan], strength: 0.5, from: 2024 }",
            "x.yaml:11:27: field 'links[0].members[2]': duplicate country 'JPN'");

    [Fact]
    public void Duplicate_posture_entry() =>
        Fails(Header + "\n  posture:\n    - { host: JPN, year: 2027, troops: 5 }\n    - { host: Japan, year: 2027, bases: 5 }",
            "x.yaml:12:7: field 'us.posture[1]': duplicate posture entry (host and year) 'JPN 2027'");

    [Fact]
    public void Duplicate_programme_name() =>
        Fails(Header + "\nprogrammes:\n  - { name: a, members: [USA, JPN], mission: air, year: 2026 }\n  - { name: a, members: [USA, AUS], mission: land, year: 2026 }",
            "x.yaml:12:5: field 'programmes[1]': duplicate programme name 'a'");

    [Fact]
    public void Duplicate_target() =>
        Fails(Header + "\ntargets: [2, 2.0]", "x.yaml:10:14: field 'targets[1]': duplicate target '2'");

    [Fact]
    public void Unknown_mission_lists_the_seven() =>
        Fails(Header + "\nprogrammes:\n  - { name: a, members: [USA, JPN], mission: space, year: 2026 }",
            "x.yaml:11:46: field 'programmes[0].mission': unknown value 'space'; allowed: maritime, air, long-range-strike, missile-defence, isr-space, cyber-ew, land");

    [Fact]
    public void Unknown_crisis_type() =>
        Fails(Header + "\ncrises:\n  - { year: 2027, kind: invasion, intensity: 0.5 }",
            "x.yaml:11:25: field 'crises[0].kind': unknown value 'invasion'; allowed: taiwan-strait, korean-peninsula, south-china-sea, gray-zone");

    [Fact]
    public void Unknown_actor_set() =>
        Fails(Header.Replace("actors: indo-pacific", "actors: pacific", StringComparison.Ordinal),
            "x.yaml:6:9: field 'actors': unknown value 'pacific'; allowed: indo-pacific, euro-atlantic");

    [Fact]
    public void Unknown_architecture() =>
        Fails(Header + "\narchitecture: hub",
            "x.yaml:10:15: field 'architecture': unknown value 'hub'; allowed: hub-and-spokes, networked");

    [Fact]
    public void User_actor_set_needs_one_patron() =>
        Fails(Header.Replace("actors: indo-pacific", "actors:\n  - { country: JPN, role: treaty-ally }", StringComparison.Ordinal),
            "x.yaml:7:3: field 'actors': a user-defined actor set needs exactly one patron, found 0");

    [Fact]
    public void Unknown_role() =>
        Fails(Header.Replace("actors: indo-pacific", "actors:\n  - { country: JPN, role: ally }", StringComparison.Ordinal),
            "x.yaml:7:27: field 'actors[0].role': unknown value 'ally'; allowed: patron, treaty-ally, partner, adversary, other");

    [Fact]
    public void Link_needs_two_members() =>
        Fails(Header + "\nlinks:\n  - { members: [USA], strength: 0.5, from: 2024 }",
            "x.yaml:11:16: field 'links[0].members': give at least 2 countries, found 1");

    [Fact]
    public void Tie_pair_has_two_countries() =>
        Fails(Header + "\nties:\n  - { pair: [USA, JPN, KOR], year: 2027, change: 0.1 }",
            "x.yaml:11:13: field 'ties[0].pair': a pair has exactly two countries, found 3");

    [Fact]
    public void Tie_change_out_of_range() =>
        Fails(Header + "\nties:\n  - { pair: [KOR, JPN], year: 2027, change: -2 }",
            "x.yaml:11:45: field 'ties[0].change': must be between -1 and 1, found -2");

    [Fact]
    public void Duplicate_tie_change_in_either_order() =>
        Fails(Header + "\nties:\n  - { pair: [KOR, JPN], year: 2027, change: -0.2 }\n  - { pair: [JPN, KOR], year: 2027, change: 0.1 }",
            "x.yaml:12:5: field 'ties[1]': duplicate tie change (pair and year) 'JPN-KOR 2027'");

    [Fact]
    public void Shock_needs_countries_or_region() =>
        Fails(Header + "\nshocks:\n  - { year: 2026, gdp-change-percent: -3 }",
            "x.yaml:11:5: field 'shocks[0]': give either 'countries' or 'region'");

    [Fact]
    public void Unknown_region() =>
        Fails(Header + "\nshocks:\n  - { year: 2026, region: asia, gdp-change-percent: -3 }",
            "x.yaml:11:27: field 'shocks[0].region': unknown value 'asia'; allowed: all, patron, allies, partners, adversaries");

    [Fact]
    public void Distribution_must_be_known() =>
        Fails(Header + "\nparameters:\n  uncertain:\n    delta: { beta: { a: 1, b: 2 } }",
            "x.yaml:12:14: field 'parameters.uncertain.delta.beta': unknown field 'beta'; allowed: uniform, normal, triangular, lognormal");

    [Fact]
    public void Uniform_needs_min_below_max() =>
        Fails(Header + "\nparameters:\n  uncertain:\n    delta: { uniform: { min: 0.1, max: 0.05 } }",
            "x.yaml:12:40: field 'parameters.uncertain.delta.uniform.max': max must be greater than min (0.1)");

    [Fact]
    public void Normal_needs_positive_sd() =>
        Fails(Header + "\nparameters:\n  uncertain:\n    delta: { normal: { mean: 0.1, sd: 0 } }",
            "x.yaml:12:39: field 'parameters.uncertain.delta.normal.sd': standard deviation must be greater than 0");

    [Fact]
    public void Triangular_mode_inside_the_bounds() =>
        Fails(Header + "\nparameters:\n  uncertain:\n    delta: { triangular: { min: 0, mode: 2, max: 1 } }",
            "x.yaml:12:42: field 'parameters.uncertain.delta.triangular.mode': mode must lie between min (0) and max (1)");

    [Fact]
    public void Lognormal_needs_positive_sigma() =>
        Fails(Header + "\nparameters:\n  uncertain:\n    phi_default: { lognormal: { mu: 0, sigma: -1 } }",
            "x.yaml:12:47: field 'parameters.uncertain.phi_default.lognormal.sigma': sigma must be greater than 0");

    [Fact]
    public void Two_distributions_for_one_parameter() =>
        Fails(Header + "\nparameters:\n  uncertain:\n    delta: { normal: { mean: 0, sd: 1 }, uniform: { min: 0, max: 1 } }",
            "x.yaml:12:12: field 'parameters.uncertain.delta': give exactly one distribution: uniform, normal, triangular or lognormal");

    [Fact]
    public void Parameter_both_overridden_and_uncertain() =>
        Fails(Header + "\nparameters:\n  overrides: { delta: 1 }\n  uncertain:\n    delta: { normal: { mean: 0, sd: 1 } }",
            "x.yaml:13:5: field 'parameters.uncertain.delta': parameter 'delta' is both overridden and uncertain; give one");

    [Fact]
    public void Unknown_parameter_suggests_a_registry_name() =>
        Fails(Header + "\nparameters:\n  overrides: { lamda: 0.3 }",
            "x.yaml:11:16: field 'parameters.overrides.lamda': unknown parameter 'lamda'; did you mean 'lambda'?");

    [Fact]
    public void Growth_out_of_range() =>
        Fails(Header + "\ngrowth:\n  - { country: CHN, percent: 80 }",
            "x.yaml:11:30: field 'growth[0].percent': growth must be between -50 and 50 percent a year, found 80");

    [Fact]
    public void Override_must_be_a_number() =>
        Fails(Header + "\nparameters:\n  overrides: { delta: high }",
            "x.yaml:11:23: field 'parameters.overrides.delta': expected a number, found 'high'");

    [Fact]
    public void List_expected() =>
        Fails(Header + "\nlinks: quad", "x.yaml:10:8: field 'links': expected a list, found 'quad'");

    [Fact]
    public void Runs_must_be_positive() =>
        Fails(Header + "\nruns: 0", "x.yaml:10:7: field 'runs': runs must be between 1 and 100000000");

    [Fact]
    public void Seed_must_be_non_negative() =>
        Fails(Header + "\nseed: -1", "x.yaml:10:7: field 'seed': expected a non-negative whole number, found '-1'");

    [Fact]
    public void Probability_must_be_positive() =>
        Fails("""
            name: t
            description: d
            question: q
            start: 2024
            horizon: 2035
            us:
              stance-paths:
                - { name: a, probability: 1, stance: [ { from: 2024, kind: reassure } ] }
                - { name: b, probability: 0, stance: [ { from: 2024, kind: disengage, harshness: 1 } ] }
            """,
            "x.yaml:9:31: field 'us.stance-paths[1].probability': a stance path's probability must be greater than 0");

    [Fact]
    public void Missing_file()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Default.LoadFile("no/such.yaml"));
        Assert.Equal("no/such.yaml:1:1: file not found", e.Message);
    }

    [Fact]
    public void Errors_carry_line_column_field_and_value()
    {
        var e = Assert.Throws<ScenarioException>(() => Load(Header.Replace("kind: reassure", "kind: abandon", StringComparison.Ordinal)));
        Assert.Equal(("x.yaml", 9, 27, "us.stance[0].kind", "abandon"), (e.File, e.Line, e.Column, e.Field, e.Value));
        Assert.IsAssignableFrom<Ballast.Core.BallastInputException>(e);
    }
}
