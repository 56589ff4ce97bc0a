namespace Ballast.Reports.Model;

/// <summary>Scenarios to put side by side; the first is the reference the differences are taken against.</summary>
/// <param name="Scenarios">Two or more single-scenario models (same start year and actor set for a fair comparison).</param>
/// <param name="Differences">Paired KPI differences from a common-random-numbers comparison, if the engine computed them;
/// when empty the report shows differences of medians and says so.</param>
public sealed record ComparisonModel(IReadOnlyList<ReportModel> Scenarios, IReadOnlyList<KpiDifference> Differences);

/// <summary>The ensemble distribution of a paired KPI difference (scenario minus reference, run by run with common random numbers).</summary>
/// <param name="Kpi">KPI name, as in <see cref="KpiRow.Name"/>.</param>
/// <param name="Unit">Unit.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Reference">The reference scenario.</param>
/// <param name="P5">5th percentile of the difference.</param>
/// <param name="P50">Median difference.</param>
/// <param name="P95">95th percentile of the difference.</param>
public sealed record KpiDifference(string Kpi, string Unit, string Scenario, string Reference, double P5, double P50, double P95);
