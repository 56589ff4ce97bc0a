using System.Collections.Immutable;

namespace Ballast.Engine.Ensembles;

/// <summary>How to run an ensemble. Frozen before use.</summary>
/// <param name="Runs">Number of runs in this execution (the run indices are <paramref name="FirstRun"/> .. FirstRun + Runs − 1).</param>
/// <param name="Seed">Master seed; run r draws from the stream keyed by (Seed, r).</param>
/// <param name="Threads">Worker threads (≥ 1). Results do not depend on it.</param>
/// <param name="FirstRun">First run index (to split an ensemble into ranges executed separately and merged).</param>
/// <param name="BlockSize">Runs per block (vectorised together); results do not depend on it.</param>
/// <param name="SampleSize">Runs kept (selected by a hash of the run index, so the same for any partition) for per-year percentiles; exact when Runs ≤ SampleSize.</param>
public sealed record EnsembleOptions(int Runs, ulong Seed, int Threads = 1, long FirstRun = 0, int BlockSize = 16, int SampleSize = EnsembleOptions.DefaultSampleSize)
{
    /// <summary>Runs kept for the percentiles unless an ensemble says otherwise.</summary>
    public const int DefaultSampleSize = 4096;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> on nonsense.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(FirstRun);
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SampleSize, 1);
    }
}

/// <summary>Progress of an ensemble: runs finished out of the total, and the time since the start.</summary>
public readonly record struct EnsembleProgress(long Completed, long Total, TimeSpan Elapsed)
{
    /// <summary>Runs per second so far.</summary>
    public double RunsPerSecond => Elapsed.TotalSeconds > 0 ? Completed / Elapsed.TotalSeconds : 0;
}

/// <summary>Optional observers of a running ensemble.</summary>
/// <param name="RunSink">Receives every run's summary row, in run-index order (called from one thread at a time).</param>
/// <param name="Progress">Called after each block with the progress so far (from one thread at a time).</param>
/// <param name="DecisionOverride">Decisions supplied from outside for every block (wargame mode, tests).</param>
/// <param name="RowWriter">Receives the summary rows block by block, preparing them on the worker threads and writing them in run order.</param>
public sealed record EnsembleObservers(
    Action<RunSummary>? RunSink = null,
    Action<EnsembleProgress>? Progress = null,
    IDecisionOverride? DecisionOverride = null,
    IRunRowWriter? RowWriter = null);

/// <summary>
/// A consumer of per-run summary rows whose costly part runs in parallel: <see cref="Prepare"/> is called on the worker
/// thread that simulated a block (several blocks at once, so it must not touch shared state), and <see cref="Write"/>
/// one block at a time in run-index order, e.g. formatting CSV lines in the workers and appending them to a file in order.
/// </summary>
public interface IRunRowWriter
{
    /// <summary>
    /// Turns a block's rows (consecutive run indices) into what <see cref="Write"/> will write. The block's columns are reused
    /// once the block is written: what is returned may be the block itself, read in <see cref="Write"/>, but nothing may keep it after.
    /// </summary>
    object Prepare(RunBlockSummary block);

    /// <summary>Writes a prepared block; blocks arrive in run-index order from one thread at a time.</summary>
    void Write(object prepared);
}

/// <summary>One run's tidy summary row.</summary>
/// <param name="RunIndex">Run index.</param>
/// <param name="StancePath">Index of the US stance path drawn.</param>
/// <param name="CrossoverYear">First year with balance ratio below 1, or null (never crossed by the horizon).</param>
/// <param name="FinalBalance">Balance ratio in the horizon year.</param>
/// <param name="FinalShare">Burden per actor in the horizon year.</param>
/// <param name="FinalCredibility">Credibility per actor in the horizon year.</param>
/// <param name="FinalAlignment">Alignment per actor in the horizon year.</param>
/// <param name="FinalDuplication">Duplication index per actor in the horizon year.</param>
/// <param name="FinalHedging">Nuclear-hedging propensity per actor in the horizon year.</param>
/// <param name="State">Alignment state per actor at the horizon.</param>
/// <param name="RealignmentYear">Year of realignment per actor, or null.</param>
/// <param name="HedgingCrossedYear">Year the hedging threshold was crossed per actor, or null.</param>
/// <param name="ThreatExecutedYear">Year the US stepped back from the actor, or null.</param>
/// <param name="TargetMetYear">Year each target was first met, [target][actor], or null.</param>
public sealed record RunSummary(
    long RunIndex,
    int StancePath,
    int? CrossoverYear,
    double FinalBalance,
    ImmutableArray<double> FinalShare,
    ImmutableArray<double> FinalCredibility,
    ImmutableArray<double> FinalAlignment,
    ImmutableArray<double> FinalDuplication,
    ImmutableArray<double> FinalHedging,
    ImmutableArray<AlignmentState> State,
    ImmutableArray<int?> RealignmentYear,
    ImmutableArray<int?> HedgingCrossedYear,
    ImmutableArray<int?> ThreatExecutedYear,
    ImmutableArray<ImmutableArray<int?>> TargetMetYear);

/// <summary>Per-year percentiles of one indicator.</summary>
/// <param name="Indicator">Indicator name (e.g. "share.JPN").</param>
/// <param name="Year">Calendar year.</param>
/// <param name="P5">5th percentile.</param>
/// <param name="P25">25th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P75">75th percentile.</param>
/// <param name="P95">95th percentile.</param>
public readonly record struct PercentileRow(string Indicator, int Year, double P5, double P25, double P50, double P75, double P95);

/// <summary>KPIs of one ally.</summary>
/// <param name="Code">Actor code.</param>
/// <param name="FinalShareMedian">Median burden at the horizon.</param>
/// <param name="ProbabilityTargetMet">Share of runs meeting each target by the horizon (same order as the targets).</param>
/// <param name="MedianYearTargetMet">Median year each target is met among runs that meet it, or null.</param>
/// <param name="FinalCredibilityMedian">Median credibility at the horizon.</param>
/// <param name="FinalAlignmentMedian">Median alignment at the horizon.</param>
/// <param name="FinalDuplicationMedian">Median duplication index at the horizon.</param>
/// <param name="FinalHedgingMedian">Median nuclear-hedging propensity at the horizon.</param>
/// <param name="ProbabilityHedgingThreshold">Share of runs whose hedging crossed the threshold by the horizon.</param>
/// <param name="ProbabilityRealigned">Share of runs in which the ally realigned.</param>
/// <param name="ProbabilityThreatExecuted">Share of runs in which the US stepped back from the ally.</param>
public sealed record AllyKpi(
    string Code,
    double FinalShareMedian,
    ImmutableArray<double> ProbabilityTargetMet,
    ImmutableArray<int?> MedianYearTargetMet,
    double FinalCredibilityMedian,
    double FinalAlignmentMedian,
    double FinalDuplicationMedian,
    double FinalHedgingMedian,
    double ProbabilityHedgingThreshold,
    double ProbabilityRealigned,
    double ProbabilityThreatExecuted);

/// <summary>The KPI summary of an ensemble.</summary>
/// <param name="Runs">Number of runs.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="Targets">Burden targets.</param>
/// <param name="ShareNeverCrossing">Share of runs whose balance never fell below 1 by the horizon.</param>
/// <param name="CrossoverYearMedian">Median crossover year among runs that cross, or null.</param>
/// <param name="CrossoverYearCounts">Number of runs crossing in each year (years with none omitted).</param>
/// <param name="FinalBalance">Percentiles of the balance ratio at the horizon.</param>
/// <param name="FinalEffectiveness">Percentiles of coalition effectiveness at the horizon.</param>
/// <param name="UsCostNet">Percentiles of the US net cost at the horizon.</param>
/// <param name="HostExposure">Percentiles of total host exposure at the horizon.</param>
/// <param name="CoalitionDuplication">Percentiles of the coalition duplication index at the horizon.</param>
/// <param name="Allies">Per-ally KPIs.</param>
/// <param name="StancePathCounts">Runs per stance path.</param>
/// <param name="PercentileSampleSize">Runs the percentiles were computed from (all runs when ≤ the sample size).</param>
public sealed record KpiSummary(
    long Runs,
    ulong Seed,
    ImmutableArray<double> Targets,
    double ShareNeverCrossing,
    int? CrossoverYearMedian,
    ImmutableSortedDictionary<int, long> CrossoverYearCounts,
    PercentileRow FinalBalance,
    PercentileRow FinalEffectiveness,
    PercentileRow UsCostNet,
    PercentileRow HostExposure,
    PercentileRow CoalitionDuplication,
    ImmutableArray<AllyKpi> Allies,
    ImmutableArray<long> StancePathCounts,
    int PercentileSampleSize);

/// <summary>The result of an ensemble: per-year percentiles of every indicator and the KPI summary.</summary>
/// <param name="Indicators">Indicator names in layout order.</param>
/// <param name="Years">Calendar years reported.</param>
/// <param name="Percentiles">Percentile rows, indicator-major then year.</param>
/// <param name="Kpis">KPI summary.</param>
public sealed record EnsembleResult(
    ImmutableArray<string> Indicators,
    ImmutableArray<int> Years,
    ImmutableArray<PercentileRow> Percentiles,
    KpiSummary Kpis)
{
    /// <summary>The percentile row of an indicator in a year.</summary>
    public PercentileRow Get(string indicator, int year) =>
        Percentiles[(Indicators.IndexOf(indicator) * Years.Length) + (year - Years[0])];
}
