using System.Globalization;
using Ballast.Core.Panel;

namespace Ballast.Core.Analytics;

/// <summary>Whether, and when, a country reaches a spending target if its burden trend holds.</summary>
public enum TargetStatus
{
    /// <summary>The share of GDP is already at or above the target in the year analysed.</summary>
    AlreadyMet,

    /// <summary>Below target now, but the share trend reaches it within the horizon (see <see cref="TargetGap.YearReached"/>).</summary>
    ReachedOnTrend,

    /// <summary>Below target and the share trend does not reach it within the horizon (including a flat or falling trend).</summary>
    NotWithinHorizon,

    /// <summary>The share or its trend is missing, so nothing can be said.</summary>
    Unknown,
}

/// <summary>Options of the burden analysis.</summary>
/// <param name="TargetsPercent">Targets in percent of GDP (2 means 2 %).</param>
/// <param name="TrendYears">Length of the trend window in years (growth from year − TrendYears to year).</param>
/// <param name="HorizonYears">How many years ahead a target may be reached before it counts as not within the horizon.</param>
public sealed record BurdenOptions(IReadOnlyList<double> TargetsPercent, int TrendYears = 5, int HorizonYears = 50)
{
    /// <summary>The default: NATO's traditional 2 % and the 3.5 % core-defence target; a 5-year trend; a 50-year horizon.</summary>
    public static BurdenOptions Default { get; } = new([2.0, 3.5]);
}

/// <summary>The distance of one country from one target.</summary>
/// <param name="TargetPercent">The target, in percent of GDP.</param>
/// <param name="GapPoints">Target minus share, in percentage points; positive = short of the target, negative = above it.</param>
/// <param name="GapUsd">The gap in current US dollars (gap fraction × GDP); positive = the extra spending needed.</param>
/// <param name="Status">Whether and how the target is reached on the current share trend.</param>
/// <param name="YearReached">The first year the target is reached on trend (the analysed year when already met); null otherwise.</param>
public sealed record TargetGap(double TargetPercent, Observation? GapPoints, Observation? GapUsd, TargetStatus Status, int? YearReached)
{
    /// <summary>True when the target is not reached within the horizon on the current trend.</summary>
    public bool NotWithinHorizon => Status == TargetStatus.NotWithinHorizon;

    /// <summary>
    /// The status as every output names it (the CLI's <c>reach_T_status</c>, the API's <c>reach_status</c>): <c>met</c>,
    /// <c>on_trend</c>, <c>not_within_50_years</c>, or null without data.
    /// </summary>
    public string? StatusCode => Status switch
    {
        TargetStatus.AlreadyMet => "met",
        TargetStatus.ReachedOnTrend => "on_trend",
        TargetStatus.NotWithinHorizon => "not_within_50_years",
        _ => null,
    };

    /// <summary>The year reached when the target is met or reached on trend, else null (the outputs' <c>reach_T_year</c>).</summary>
    public int? ReachYear => Status is TargetStatus.ReachedOnTrend or TargetStatus.AlreadyMet ? YearReached : null;
}

/// <summary>Compound annual growth over the trend window.</summary>
/// <param name="FromYear">First year of the window.</param>
/// <param name="ToYear">Last year of the window.</param>
/// <param name="SpendingGrowth">Compound annual growth of military expenditure (constant dollars where both endpoints exist, else current), as a fraction.</param>
/// <param name="ShareGrowth">Compound annual growth of the share of GDP, as a fraction (0.02 = the share grows 2 % a year, relative).</param>
public sealed record BurdenTrend(int FromYear, int ToYear, Observation? SpendingGrowth, Observation? ShareGrowth);

/// <summary>One country's burden in one year.</summary>
/// <param name="Iso3">Country.</param>
/// <param name="Year">Year.</param>
/// <param name="Spending">Military expenditure, current US dollars.</param>
/// <param name="Gdp">GDP, current US dollars.</param>
/// <param name="Share">Military expenditure as a fraction of GDP.</param>
/// <param name="Trend">Growth of spending and share over the trend window.</param>
/// <param name="Targets">The gap to each target, in the order of <see cref="BurdenOptions.TargetsPercent"/>.</param>
public sealed record BurdenRow(
    string Iso3,
    int Year,
    Observation? Spending,
    Observation? Gdp,
    Observation? Share,
    BurdenTrend Trend,
    IReadOnlyList<TargetGap> Targets)
{
    /// <summary>The share in percent of GDP, or null.</summary>
    public double? SharePercent => Share?.Value * 100;
}

/// <summary>
/// Burden-sharing analytics: spending, GDP and share of GDP; the gap to each target in points and in money; the
/// trend; the year each target is reached if the trend holds. Missing figures stay null, never zero, and every figure
/// carries the name of the series it came from.
/// </summary>
public static class BurdenAnalysis
{
    /// <summary>Analyses a set of countries in one year, in the order given.</summary>
    /// <param name="panel">The country-year panel.</param>
    /// <param name="countries">ISO3 codes.</param>
    /// <param name="year">Year analysed.</param>
    /// <param name="options">Targets, trend window and horizon; <see cref="BurdenOptions.Default"/> when null.</param>
    /// <returns>One row per country.</returns>
    public static IReadOnlyList<BurdenRow> Analyse(CountryPanel panel, IEnumerable<string> countries, int year, BurdenOptions? options = null) =>
        countries.Distinct(StringComparer.Ordinal).Select(c => Analyse(panel, c, year, options)).ToList();

    /// <summary>Analyses one country over a span of years (for a time series view).</summary>
    /// <param name="panel">The country-year panel.</param>
    /// <param name="iso3">Country.</param>
    /// <param name="fromYear">First year.</param>
    /// <param name="toYear">Last year (inclusive).</param>
    /// <param name="options">Targets, trend window and horizon; <see cref="BurdenOptions.Default"/> when null.</param>
    /// <returns>One row per year.</returns>
    public static IReadOnlyList<BurdenRow> Series(CountryPanel panel, string iso3, int fromYear, int toYear, BurdenOptions? options = null) =>
        Enumerable.Range(fromYear, Math.Max(0, toYear - fromYear + 1)).Select(y => Analyse(panel, iso3, y, options)).ToList();

    /// <summary>Analyses one country in one year.</summary>
    /// <param name="panel">The country-year panel.</param>
    /// <param name="iso3">Country.</param>
    /// <param name="year">Year analysed.</param>
    /// <param name="options">Targets, trend window and horizon; <see cref="BurdenOptions.Default"/> when null.</param>
    /// <returns>The row.</returns>
    public static BurdenRow Analyse(CountryPanel panel, string iso3, int year, BurdenOptions? options = null)
    {
        options ??= BurdenOptions.Default;
        if (options.TrendYears < 1 || options.HorizonYears < 1)
        {
            throw new ArgumentException("the trend window and horizon must be at least one year.", nameof(options));
        }

        var row = panel.Row(iso3, year);
        var spending = row?[Panel.Series.MilexCurrentUsd];
        var gdp = row?[Panel.Series.GdpCurrentUsd];
        var share = Share(panel, iso3, year);
        var trend = Trend(panel, iso3, year, options.TrendYears);
        var targets = options.TargetsPercent.Select(t => Gap(t, share, gdp, trend.ShareGrowth, year, options.HorizonYears)).ToList();
        return new BurdenRow(iso3, year, spending, gdp, share, trend, targets);
    }

    /// <summary>
    /// The share of GDP for a country-year: the panel's <see cref="Panel.Series.MilexShare"/> where present, else
    /// current-dollar spending ÷ current-dollar GDP (its source names both series); null when neither is possible.
    /// </summary>
    /// <param name="panel">The country-year panel.</param>
    /// <param name="iso3">Country.</param>
    /// <param name="year">Year.</param>
    /// <returns>The share as a fraction, with its source, or null.</returns>
    public static Observation? Share(CountryPanel panel, string iso3, int year)
    {
        var row = panel.Row(iso3, year);
        if (row is null)
        {
            return null;
        }

        if (row[Panel.Series.MilexShare] is Observation s)
        {
            return s;
        }

        if (row[Panel.Series.MilexCurrentUsd] is Observation m && row[Panel.Series.GdpCurrentUsd] is Observation g && g.Value > 0)
        {
            return new Observation(m.Value / g.Value, $"{m.Source} / {g.Source}");
        }

        return null;
    }

    /// <summary>Compound annual growth rate (end/start)^(1/years) − 1, or null when it is undefined (a non-positive endpoint).</summary>
    /// <param name="start">Value at the start of the window.</param>
    /// <param name="end">Value at the end of the window.</param>
    /// <param name="years">Length of the window in years (at least 1).</param>
    /// <returns>The growth rate as a fraction, or null.</returns>
    public static double? CompoundGrowth(double start, double end, int years)
    {
        if (years < 1 || !(start > 0) || !(end > 0) || !double.IsFinite(start) || !double.IsFinite(end))
        {
            return null;
        }

        return Math.Pow(end / start, 1.0 / years) - 1;
    }

    /// <summary>
    /// How a share reaches a target if it grows at a constant rate: already met when share ≥ target; otherwise the
    /// smallest n ≥ 1 with share·(1+g)^n ≥ target, if n ≤ horizon; otherwise not within the horizon (always so when g ≤ 0).
    /// </summary>
    /// <param name="share">Current share of GDP, as a fraction.</param>
    /// <param name="growth">Annual growth of the share, as a fraction.</param>
    /// <param name="targetShare">Target share of GDP, as a fraction.</param>
    /// <param name="horizonYears">The horizon in years.</param>
    /// <returns>The status and the number of years from now (0 when already met, null when not within the horizon).</returns>
    public static (TargetStatus Status, int? Years) YearsToTarget(double share, double growth, double targetShare, int horizonYears)
    {
        if (share >= targetShare)
        {
            return (TargetStatus.AlreadyMet, 0);
        }

        if (!(growth > 0) || !(share > 0))
        {
            return (TargetStatus.NotWithinHorizon, null);
        }

        var n = (int)Math.Max(1, Math.Ceiling(Math.Log(targetShare / share) / Math.Log(1 + growth)));

        // Guard the rounding of the logarithm at the boundary: step to the exact first year the inequality holds.
        while (n > 1 && share * Math.Pow(1 + growth, n - 1) >= targetShare)
        {
            n--;
        }

        while (share * Math.Pow(1 + growth, n) < targetShare && n <= horizonYears)
        {
            n++;
        }

        return n <= horizonYears ? (TargetStatus.ReachedOnTrend, n) : (TargetStatus.NotWithinHorizon, null);
    }

    private static BurdenTrend Trend(CountryPanel panel, string iso3, int year, int window)
    {
        var from = year - window;
        var startRow = panel.Row(iso3, from);
        var endRow = panel.Row(iso3, year);
        Observation? spendingGrowth = null;
        foreach (var series in new[] { Panel.Series.MilexConstantUsd, Panel.Series.MilexCurrentUsd })
        {
            if (startRow?[series] is Observation a && endRow?[series] is Observation b && CompoundGrowth(a.Value, b.Value, window) is double g)
            {
                spendingGrowth = new Observation(g, Describe(from, year, b.Source));
                break;
            }
        }

        Observation? shareGrowth = null;
        if (Share(panel, iso3, from) is Observation s0 && Share(panel, iso3, year) is Observation s1 && CompoundGrowth(s0.Value, s1.Value, window) is double gs)
        {
            shareGrowth = new Observation(gs, Describe(from, year, s1.Source));
        }

        return new BurdenTrend(from, year, spendingGrowth, shareGrowth);
    }

    private static TargetGap Gap(double targetPercent, Observation? share, Observation? gdp, Observation? shareGrowth, int year, int horizon)
    {
        if (!(targetPercent > 0) || !double.IsFinite(targetPercent))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"a target must be a positive percentage, not {targetPercent}."), nameof(targetPercent));
        }

        if (share is not Observation s)
        {
            return new TargetGap(targetPercent, null, null, TargetStatus.Unknown, null);
        }

        var label = targetPercent.ToString("0.##", CultureInfo.InvariantCulture);
        var gapPoints = targetPercent - (s.Value * 100);
        var points = new Observation(gapPoints, $"{label} % target - share ({s.Source})");
        Observation? money = gdp is Observation g ? new Observation(gapPoints / 100 * g.Value, $"gap x GDP ({g.Source})") : null;

        var target = targetPercent / 100;
        if (s.Value >= target)
        {
            return new TargetGap(targetPercent, points, money, TargetStatus.AlreadyMet, year);
        }

        if (shareGrowth is not Observation growth)
        {
            return new TargetGap(targetPercent, points, money, TargetStatus.Unknown, null);
        }

        var (status, years) = YearsToTarget(s.Value, growth.Value, target, horizon);
        return new TargetGap(targetPercent, points, money, status, years is int n ? year + n : null);
    }

    private static string Describe(int from, int to, string source) =>
        string.Create(CultureInfo.InvariantCulture, $"CAGR {from}-{to} of {source}");
}
