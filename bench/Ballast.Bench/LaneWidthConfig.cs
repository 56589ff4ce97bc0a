using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Ballast.Bench;

/// <summary>
/// Two jobs: the runtime's default vector width (256-bit Vector&lt;T&gt;, 4 doubles) and 512-bit vectors (8 doubles,
/// <c>DOTNET_MaxVectorTBitWidth=512</c>, what <c>dotnet run</c> of the CLI uses); on hardware without AVX-512 the second
/// job falls back to the first width. Adds country-years and runs per second so the figures compare with the target directly.
/// </summary>
public sealed class LaneWidthConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public LaneWidthConfig()
    {
        AddJob(Job.Default.WithId("4 lanes"));
        AddJob(Job.Default.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_MaxVectorTBitWidth", "512")).WithId("8 lanes"));
        AddColumn(new CountryYearsColumn(), new RunsPerSecondColumn());
    }

    private static double? Seconds(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics is { } stats ? stats.Mean / 1e9 : null;

    private static int? Runs(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Runs")?.Value as int?;

    /// <summary>Million country-years per second of a benchmark with a <c>Runs</c> parameter on the baseline (16 actors × 11 years).</summary>
    private sealed class CountryYearsColumn : IColumn
    {
        public string Id => "CountryYearsPerSecond";

        public string ColumnName => "M cy/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Million country-years simulated per second on one core (runs × 16 actors × 11 years / mean)";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            Seconds(summary, benchmarkCase) is { } seconds && Runs(benchmarkCase) is { } n
                ? (n * 16.0 * 11 / seconds / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture)
                : "-";
    }

    /// <summary>Ensemble runs per second of a benchmark with a <c>Runs</c> parameter.</summary>
    private sealed class RunsPerSecondColumn : IColumn
    {
        public string Id => "RunsPerSecond";

        public string ColumnName => "runs/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 1;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Runs simulated per second on one core (runs / mean)";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            Seconds(summary, benchmarkCase) is { } seconds && Runs(benchmarkCase) is { } n
                ? (n / seconds).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                : "-";
    }
}
