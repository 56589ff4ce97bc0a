using System.Globalization;
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
        AddColumn(
            new RateColumn("CountryYearsPerSecond", "M cy/s", "Million country-years simulated per second on one core (runs × 16 actors × 11 years / mean)", (runs, seconds) => (runs * 16.0 * 11 / seconds / 1e6).ToString("F1", CultureInfo.InvariantCulture)),
            new RateColumn("RunsPerSecond", "runs/s", "Runs simulated per second on one core (runs / mean)", (runs, seconds) => (runs / seconds).ToString("N0", CultureInfo.InvariantCulture)));
    }

    /// <summary>A rate computed from a benchmark's <c>Runs</c> parameter and its mean time (baseline: 16 actors × 11 years).</summary>
    private sealed class RateColumn(string id, string name, string legend, Func<int, double, string> format) : IColumn
    {
        public string Id => id;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { } stats && benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Runs")?.Value is int runs
                ? format(runs, stats.Mean / 1e9)
                : "-";
    }
}
