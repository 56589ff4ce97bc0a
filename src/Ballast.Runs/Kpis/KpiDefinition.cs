namespace Ballast.Runs.Kpis;

/// <summary>Which way a KPI should move for the coalition.</summary>
public enum KpiDirection
{
    /// <summary>More is better (a higher balance ratio, a higher share of GDP).</summary>
    HigherIsBetter,

    /// <summary>Less is better (cost, exposure, the chance of realignment).</summary>
    LowerIsBetter,

    /// <summary>Neither (a count of runs per stance path).</summary>
    Neutral,
}

/// <summary>One KPI as every output shows it: machine name, label, unit, scale from the engine's value, number format, meaning and direction.</summary>
/// <param name="Id">Machine name (CSV and JSON columns; per ally it is suffixed <c>.ISO3</c>).</param>
/// <param name="Label">What people read, the same in the CLI, the web app and the report.</param>
/// <param name="Unit">Unit of the shown value.</param>
/// <param name="Scale">Factor from the engine's value to the shown one (1e-9 for dollars shown in US$ bn, 100 for fractions in %).</param>
/// <param name="Format">.NET number format of the shown value (e.g. <c>N3</c>; <c>0</c> for years).</param>
/// <param name="Description">One sentence on what it measures.</param>
/// <param name="Direction">Which way is better for the coalition.</param>
public sealed record KpiDefinition(string Id, string Label, string Unit, double Scale, string Format, string Description, KpiDirection Direction)
{
    /// <summary>The label with its unit where the unit says something the label does not (a column heading).</summary>
    public string Heading => Unit is "0–1" or "share of runs" or "year" ? Label : $"{Label} ({Unit})";

    /// <summary>The engine's value in the shown unit.</summary>
    public double Apply(double raw) => raw * Scale;
}

/// <summary>A KPI's spread over the ensemble in its shown unit; single-valued KPIs (shares of runs, medians) have only <see cref="P50"/>.</summary>
/// <param name="P5">5th percentile, or null.</param>
/// <param name="P50">Median (or the value), or null when there is none (no run crosses parity).</param>
/// <param name="P95">95th percentile, or null.</param>
public sealed record KpiValue(double? P5, double? P50, double? P95);

/// <summary>A KPI read from one ensemble: for the coalition, or for one ally (<see cref="Country"/>).</summary>
/// <param name="Kpi">The definition.</param>
/// <param name="Country">The ally's code, or null for a coalition KPI.</param>
/// <param name="Value">The value in the shown unit.</param>
public sealed record KpiReading(KpiDefinition Kpi, string? Country, KpiValue Value)
{
    /// <summary>Machine name: the KPI's, with <c>.ISO3</c> for an ally.</summary>
    public string Id => KpiCatalogue.Id(Kpi, Country);

    /// <summary>The label people read, prefixed with the ally's name for an ally.</summary>
    public string Name => KpiCatalogue.Name(Kpi, Country);
}
