using Ballast.Core.Analytics;
using Ballast.Core.Panel;
using Ballast.Core.Tests.Support;
using static Ballast.Core.Tests.Support.TestPanel;

namespace Ballast.Core.Tests.Analytics;

public class BurdenAnalysisTests
{
    // AAA: 3.0 % in 2024, 2.5 % in 2019 → share grows 1.2^(1/5) − 1 = 3.7137 % a year.
    //   3.5 % target: n = ceil(ln(3.5/3)/ln(1.037137)) = ceil(4.2275) = 5 → 2029 (0.03·1.2^(4/5) = 3.471 % < 3.5 %, 0.03·1.2 = 3.6 %).
    // BBB: 1.0 % in 2024, 1.2 % in 2019 (falling); no GDP in 2024.
    private static readonly CountryPanel Panel = Of(
        Row("AAA", 2019, gdp: 800e9, milex: 20e9, share: 0.025, milexConstant: 20e9),
        Row("AAA", 2024, gdp: 1000e9, milex: 30e9, share: 0.03, milexConstant: 25e9),
        Row("BBB", 2019, share: 0.012, milex: 6e9),
        Row("BBB", 2024, share: 0.010, milex: 5e9),
        Row("DDD", 2024, gdp: 200e9, milex: 4e9));

    [Fact]
    public void Spending_gdp_and_share_carry_their_sources()
    {
        var r = BurdenAnalysis.Analyse(Panel, "AAA", 2024);
        Assert.Equal(new Observation(30e9, "SIPRI current USD"), r.Spending);
        Assert.Equal(new Observation(1000e9, "WDI NY.GDP.MKTP.CD"), r.Gdp);
        Assert.Equal(new Observation(0.03, "SIPRI share of GDP"), r.Share);
        AssertNumbers.Close(3.0, r.SharePercent, 1e-12);
    }

    [Fact]
    public void Gap_is_target_minus_share_in_points_and_in_money()
    {
        var r = BurdenAnalysis.Analyse(Panel, "AAA", 2024);
        var two = r.Targets[0];
        var threeAndHalf = r.Targets[1];
        Assert.Equal((2.0, 3.5), (two.TargetPercent, threeAndHalf.TargetPercent));
        AssertNumbers.Close(-1.0, two.GapPoints?.Value, 1e-12);
        AssertNumbers.Close(-10e9, two.GapUsd?.Value, 1e-3);
        AssertNumbers.Close(0.5, threeAndHalf.GapPoints?.Value, 1e-12);
        AssertNumbers.Close(5e9, threeAndHalf.GapUsd?.Value, 1e-3);
        Assert.Contains("WDI NY.GDP.MKTP.CD", threeAndHalf.GapUsd?.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_already_met_is_reported_as_met_in_the_year_analysed()
    {
        var two = BurdenAnalysis.Analyse(Panel, "AAA", 2024).Targets[0];
        Assert.Equal(TargetStatus.AlreadyMet, two.Status);
        Assert.Equal(2024, two.YearReached);
    }

    [Fact]
    public void The_year_a_target_is_reached_follows_the_share_trend()
    {
        var r = BurdenAnalysis.Analyse(Panel, "AAA", 2024);
        AssertNumbers.Close(Math.Pow(1.2, 0.2) - 1, r.Trend.ShareGrowth?.Value, 1e-12);
        Assert.Equal(TargetStatus.ReachedOnTrend, r.Targets[1].Status);
        Assert.Equal(2029, r.Targets[1].YearReached);
    }

    [Fact]
    public void Spending_growth_uses_constant_dollars_when_present()
    {
        var trend = BurdenAnalysis.Analyse(Panel, "AAA", 2024).Trend;
        AssertNumbers.Close(Math.Pow(1.25, 0.2) - 1, trend.SpendingGrowth?.Value, 1e-12);
        Assert.Contains("constant", trend.SpendingGrowth?.Source, StringComparison.Ordinal);
        Assert.Equal((2019, 2024), (trend.FromYear, trend.ToYear));
    }

    [Fact]
    public void Spending_growth_falls_back_to_current_dollars()
    {
        var trend = BurdenAnalysis.Analyse(Panel, "BBB", 2024).Trend;
        AssertNumbers.Close(Math.Pow(5.0 / 6.0, 0.2) - 1, trend.SpendingGrowth?.Value, 1e-12);
        Assert.Contains("current", trend.SpendingGrowth?.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_falling_share_never_reaches_the_target_and_is_flagged()
    {
        var two = BurdenAnalysis.Analyse(Panel, "BBB", 2024).Targets[0];
        Assert.Equal(TargetStatus.NotWithinHorizon, two.Status);
        Assert.True(two.NotWithinHorizon);
        Assert.Null(two.YearReached);
    }

    [Fact]
    public void Missing_gdp_leaves_the_money_gap_missing_not_zero()
    {
        var r = BurdenAnalysis.Analyse(Panel, "BBB", 2024);
        Assert.Null(r.Gdp);
        Assert.Null(r.Targets[0].GapUsd);
        AssertNumbers.Close(1.0, r.Targets[0].GapPoints?.Value, 1e-12);
    }

    [Fact]
    public void A_country_without_data_gets_nulls_and_unknown_status()
    {
        var r = BurdenAnalysis.Analyse(Panel, "CCC", 2024);
        Assert.Null(r.Spending);
        Assert.Null(r.Share);
        Assert.Null(r.Trend.ShareGrowth);
        Assert.All(r.Targets, t => Assert.Equal(TargetStatus.Unknown, t.Status));
        Assert.All(r.Targets, t => Assert.Null(t.GapPoints));
    }

    [Fact]
    public void Share_is_computed_from_spending_and_gdp_when_the_share_series_is_missing()
    {
        var share = BurdenAnalysis.Share(Panel, "DDD", 2024);
        AssertNumbers.Close(0.02, share?.Value, 1e-15);
        Assert.Contains("SIPRI current USD", share?.Source, StringComparison.Ordinal);
        Assert.Contains("WDI NY.GDP.MKTP.CD", share?.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_trend_a_target_below_the_share_is_unknown()
    {
        var r = BurdenAnalysis.Analyse(Panel, "DDD", 2024, new BurdenOptions([1.5, 5.0]));
        Assert.Equal(TargetStatus.AlreadyMet, r.Targets[0].Status);
        Assert.Equal(TargetStatus.Unknown, r.Targets[1].Status);
    }

    [Fact]
    public void Any_targets_can_be_given()
    {
        var r = BurdenAnalysis.Analyse(Panel, "AAA", 2024, new BurdenOptions([5.0]));
        var five = Assert.Single(r.Targets);
        AssertNumbers.Close(2.0, five.GapPoints?.Value, 1e-12);
    }

    [Theory]
    [InlineData(0.01, 0.10, 0.02, 8)] // 1.1^7 = 1.949 < 2, 1.1^8 = 2.144 ≥ 2
    [InlineData(0.02, 0.0, 0.035, null)]
    [InlineData(0.01, 0.01, 0.035, null)] // needs 126 years, beyond 50
    [InlineData(0.125, 1.0, 0.5, 2)] // exactly on the boundary in binary: 0.125·2² = 0.5
    public void YearsToTarget_finds_the_first_year_share_times_growth_reaches_the_target(double share, double growth, double target, int? years)
    {
        var (_, n) = BurdenAnalysis.YearsToTarget(share, growth, target, 50);
        Assert.Equal(years, n);
    }

    [Fact]
    public void CompoundGrowth_is_undefined_for_non_positive_values()
    {
        Assert.Null(BurdenAnalysis.CompoundGrowth(0, 5, 5));
        AssertNumbers.Close(0.1, BurdenAnalysis.CompoundGrowth(100, 161.051, 5), 1e-12);
    }

    [Fact]
    public void Analyse_keeps_the_order_of_countries() =>
        Assert.Equal(["BBB", "AAA"], BurdenAnalysis.Analyse(Panel, ["BBB", "AAA"], 2024).Select(r => r.Iso3));

    [Fact]
    public void Series_gives_one_row_per_year() =>
        Assert.Equal([2019, 2020, 2021, 2022, 2023, 2024], BurdenAnalysis.Series(Panel, "AAA", 2019, 2024).Select(r => r.Year));
}
