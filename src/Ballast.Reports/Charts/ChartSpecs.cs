namespace Ballast.Reports.Charts;

/// <summary>One series on a band chart: the median as a line, the 25–75 and 5–95 percentile bands shaded.</summary>
/// <param name="Name">Legend name.</param>
/// <param name="Band">The data.</param>
/// <param name="Colour">Line and band colour.</param>
/// <param name="ShowBand">False to draw only the median.</param>
/// <param name="Dash">Line dash pattern (e.g. <c>6 3</c>), to tell series apart without colour.</param>
public sealed record ChartSeries(string Name, BandSeries Band, string Colour, bool ShowBand = true, string? Dash = null);

/// <summary>A horizontal reference line (a spending target, parity).</summary>
public sealed record ReferenceLine(double Value, string Label, string Colour);

/// <summary>A line-and-band chart over years.</summary>
/// <param name="YLabel">Y-axis label with unit.</param>
/// <param name="Series">Series to draw.</param>
/// <param name="References">Reference lines.</param>
/// <param name="YMin">Fixed lower bound (shared axes), or null to fit.</param>
/// <param name="YMax">Fixed upper bound, or null to fit.</param>
/// <param name="Title">Panel title (small multiples), or null.</param>
/// <param name="Legend">Whether to draw the legend.</param>
/// <param name="XLabel">X-axis label.</param>
/// <param name="Marker">A vertical line at a year (where observed data end and the simulation starts), or null.</param>
public sealed record BandChartSpec(
    string YLabel,
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<ReferenceLine> References,
    double? YMin = null,
    double? YMax = null,
    string? Title = null,
    bool Legend = true,
    string XLabel = "Year",
    YearMarker? Marker = null);

/// <summary>A vertical line at a year with a label.</summary>
public sealed record YearMarker(int Year, string Label);

/// <summary>One series of bars, optionally with whiskers (low–high).</summary>
public sealed record BarSeries(string Name, string Colour, IReadOnlyList<double> Values, IReadOnlyList<double>? Low = null, IReadOnlyList<double>? High = null);

/// <summary>A (grouped) bar chart; <paramref name="CategoryColours"/> overrides the colour of single-series bars per category; <paramref name="SlantLabels"/> turns category labels 35° (long names such as parameter names).</summary>
public sealed record BarChartSpec(
    string YLabel,
    string XLabel,
    IReadOnlyList<string> Categories,
    IReadOnlyList<BarSeries> Series,
    IReadOnlyList<ReferenceLine>? References = null,
    double? YMax = null,
    IReadOnlyList<string?>? CategoryColours = null,
    bool Legend = true,
    bool SlantLabels = false);
