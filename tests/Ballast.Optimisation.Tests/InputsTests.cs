using Ballast.Core;
using Ballast.Core.Countries;
using Ballast.Core.Facts;
using Ballast.Core.Model;
using Ballast.Data.Countries;
using Ballast.Data.Csv;
using Ballast.Data.Parameters;
using Ballast.Optimisation.Inputs;
using Ballast.Optimisation.Model;

namespace Ballast.Optimisation.Tests;

public class InputsTests
{
    private static CsvTable Csv(string text) => CsvTable.Parse("test.csv", new StringReader(text));

    [Fact]
    public void Embedded_data_loads_with_a_source_on_every_row()
    {
        Assert.Equal(6, OptimiserData.Theatres.Length);
        Assert.All(OptimiserData.Theatres, t => Assert.False(string.IsNullOrWhiteSpace(t.Source)));
        Assert.All(OptimiserData.Productivity, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
        Assert.All(OptimiserData.Programmes, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
        Assert.Equal(["CHN", "PRK", "RUS"], OptimiserData.AdversaryMixes.Select(a => a.Iso3).ToArray());
        Assert.All(OptimiserData.AdversaryMixes, a => Assert.Equal(1, a.Shares.Sum(), 9));
    }

    [Fact]
    public void The_registry_holds_the_engine_gradient_once_and_every_optimiser_parameter()
    {
        var r = OptimiserData.Registry;
        Assert.Equal(ParameterRegistryLoader.Default["lsg_distance_km"], r["lsg_distance_km"]);
        Assert.All(ProblemBuilder.ParameterNames, n => Assert.True(r.Contains(n), n));
        var twice = Assert.Throws<BallastInputException>(() => OptimiserData.Combine(ParameterRegistryLoader.Default, ParameterRegistryLoader.Default));
        Assert.Contains("is defined twice", twice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Hand_checked_rows_of_the_data_files()
    {
        var jpn = OptimiserData.Productivity.Single(p => p.Iso3 == "JPN" && p.Mission == MissionArea.MissileDefence);
        Assert.Equal(1.4, jpn.Productivity);
        var isr = OptimiserData.Programmes.Single(p => p.Key == "isr_network");
        Assert.Equal(MissionArea.IsrSpace, isr.Mission);
        Assert.Equal(1500, isr.FixedCostUsdM);
        Assert.Equal(1.3, isr.Multiplier);
        var taiwan = OptimiserData.Theatres.Single(t => t.Key == "taiwan_strait");
        Assert.Equal(new GeoPoint(24.3, 119.8), taiwan.Point);
    }

    [Fact]
    public void Bad_data_rows_are_reported_with_file_line_and_field()
    {
        var lat = Assert.Throws<BallastInputException>(() => OptimiserData.LoadTheatres(Csv("theatre,name,lat,lon,default_priority,source\nok,OK,1,2,1,x\nbad,Bad,95,2,1,x\n")));
        Assert.Equal(("test.csv", 3, "lat", "latitude must be in [-90, 90]"), (lat.File, lat.Line, lat.Field, lat.Reason));
        var mission = Assert.Throws<BallastInputException>(() => OptimiserData.LoadProductivity(Csv("country,mission,productivity,source_kind,source\nJPN,navy,1.2,assumption,x\n")));
        Assert.Equal(2, mission.Line);
        Assert.Equal("unknown mission area; allowed: maritime, air, long_range_strike, missile_defence, isr_space, cyber_ew, land", mission.Reason);
        var members = Assert.Throws<BallastInputException>(() => OptimiserData.LoadProgrammes(Csv("programme,name,mission,members,fixed_cost_usd_m,multiplier,source_kind,source\nsolo,Solo,air,JPN,1,1.2,assumption,x\n")));
        Assert.Equal("members", members.Field);
        var kind = Assert.Throws<BallastInputException>(() => OptimiserData.LoadProductivity(Csv("country,mission,productivity,source_kind,source\nJPN,air,1.2,guess,x\n")));
        Assert.Equal("source_kind", kind.Field);
        var sum = Assert.Throws<BallastInputException>(() => OptimiserData.LoadAdversaryMixes(Csv(
            "adversary,mission,share,source_kind,source\n" + string.Join("\n", MissionAreas.Keys.Select(k => $"XXX,{k},0.2,assumption,x")) + "\n")));
        Assert.Equal("XXX's mission shares sum to 1.4, not 1", sum.Reason);
    }

    [Fact]
    public void The_default_problem_has_the_coalition_the_theatres_and_engine_reach()
    {
        var built = ProblemBuilder.Build(new OptimiseRequest { Year = 2030 });
        var p = built.Problem;
        Assert.Equal(12, p.N);
        Assert.Equal(7, p.M);
        Assert.Equal(6, p.T);
        Assert.DoesNotContain("USA", p.Countries);
        Assert.DoesNotContain("CHN", p.Countries);

        // Tokyo to the East China Sea point, reach = exp(−d / lsg_distance_km).
        int jpn = p.Countries.IndexOf("JPN"), ecs = p.Theatres.IndexOf("east_china_sea");
        double d = GreatCircle.DistanceKm(new GeoPoint(35.6768601, 139.7638947), new GeoPoint(27.5, 125.0));
        Assert.InRange(d, 1600, 1700);
        Assert.Equal(Math.Exp(-d / 10000), p.Reach[(jpn * p.T) + ecs], 9);
        Assert.True(p.Requirement.All(r => r >= 0) && p.Requirement.Sum() > 0);

        // NZL is more than 10,000 km from the Indian Ocean point: it cannot contribute there.
        int nzl = p.Countries.IndexOf("NZL"), io = p.Theatres.IndexOf("indian_ocean");
        Assert.Equal(0, p.Reach[(nzl * p.T) + io]);
    }

    [Fact]
    public void Budget_share_sets_the_investment_budget_from_gdp_less_sustainment()
    {
        var a = ProblemBuilder.Build(new OptimiseRequest { Year = 2024, BudgetSharePercent = 3.5 }).Problem;
        var b = ProblemBuilder.Build(new OptimiseRequest { Year = 2024, BudgetSharePercent = 7 }).Problem;
        int k = a.Countries.IndexOf("KOR");
        Assert.Equal(2 * a.Budget[k], b.Budget[k], 6);
        Assert.Equal(0.3 * a.Spending[k], a.Budget[k], 6);
        double gdp = Ballast.Data.Panel.PanelBuilder.Default.Value("KOR", 2024, Ballast.Core.Panel.Series.GdpCurrentUsd)!.Value;
        Assert.Equal(0.035 * gdp / 1e6, a.Spending[k], 3);
    }

    [Fact]
    public void User_priorities_are_checked()
    {
        var unknown = Assert.Throws<BallastInputException>(() => ProblemBuilder.Build(new OptimiseRequest
        {
            Year = 2030,
            Priorities = new Dictionary<string, double> { ["arctic"] = 1 },
        }));
        Assert.Equal("unknown theatre 'arctic'; allowed: korean_peninsula, east_china_sea, taiwan_strait, south_china_sea, indian_ocean, south_west_pacific", unknown.Reason);
        var negative = Assert.Throws<BallastInputException>(() => ProblemBuilder.Build(new OptimiseRequest
        {
            Year = 2030,
            Priorities = new Dictionary<string, double> { ["Taiwan Strait"] = -2 },
        }));
        Assert.Equal("--priority", negative.Field);
        var share = Assert.Throws<BallastInputException>(() => ProblemBuilder.Build(new OptimiseRequest { Year = 2030, BudgetSharePercent = 0 }));
        Assert.Equal("--budget-share", share.Field);
    }

    [Fact]
    public void A_coalition_that_cannot_reach_the_theatres_is_refused()
    {
        // Wellington is 10,061 km from the Korean Peninsula point and 10,179 km from the Indian Ocean point, both within China's reach.
        Actor[] actors = [new("NZL", CountryRole.Partner, "test"), new("CHN", CountryRole.Adversary, "test")];
        var e = Assert.Throws<BallastInputException>(() => ProblemBuilder.Build(new OptimiseRequest { Year = 2030, Actors = actors }));
        Assert.Equal("theatre 'korean_peninsula' has a requirement and priority 1 but no coalition country with a budget can reach it; give it --priority korean_peninsula=0 or add a country within range", e.Reason);
        var ok = ProblemBuilder.Build(new OptimiseRequest { Year = 2030, Actors = actors, Priorities = new Dictionary<string, double> { ["indian_ocean"] = 0, ["korean_peninsula"] = 0 } });
        Assert.Equal(["NZL"], ok.Problem.Countries.ToArray());
    }

    [Fact]
    public void Agreed_programmes_are_committed_and_unknown_ones_noted()
    {
        var built = ProblemBuilder.Build(new OptimiseRequest
        {
            Year = 2030,
            Programmes = true,
            Agreed =
            [
                new AgreedProgramme("isr_network", ["JPN", "AUS"], MissionArea.IsrSpace, 2026),
                new AgreedProgramme("space_lasers", ["JPN", "AUS"], MissionArea.IsrSpace, 2026),
            ],
        });
        var isr = built.Problem.Programmes.Single(p => p.Name == "isr_network");
        Assert.True(isr.Committed);
        Assert.Equal(2, isr.Members.Length);
        Assert.Contains(built.Notes, n => n.Contains("space_lasers", StringComparison.Ordinal));
        Assert.Equal(4, built.Problem.Programmes.Length);
    }

    [Fact]
    public void Loss_of_strength_is_exponential_within_range_and_nil_beyond()
    {
        Assert.Equal(1, LossOfStrength.Reach(0, 10000, 10000));
        Assert.Equal(Math.Exp(-0.5), LossOfStrength.Reach(5000, 10000, 10000), 12);
        Assert.Equal(0, LossOfStrength.Reach(10001, 10000, 10000));
    }

    [Fact]
    public void Default_actor_set_roles_are_what_the_builder_uses()
    {
        var roles = CountryData.IndoPacific.Actors.GroupBy(a => a.Role).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(12, roles[CountryRole.TreatyAlly] + roles[CountryRole.Partner]);
        Assert.Equal(3, roles[CountryRole.Adversary]);
    }
}
