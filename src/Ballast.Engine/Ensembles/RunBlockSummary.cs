using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Ballast.Engine.Ensembles;

/// <summary>
/// The summary rows of one block of consecutive runs as columns (actor-major, runs innermost: index <c>actor · Capacity + lane</c>),
/// filled from a finished simulation without a single allocation. The runner reuses these buffers from block to block, so
/// writing a large ensemble's per-run rows leaves nothing for the collector; <see cref="Row"/> builds a
/// <see cref="RunSummary"/> when a consumer wants one.
/// </summary>
public sealed class RunBlockSummary
{
    /// <summary>Creates empty columns for blocks of at most <paramref name="capacity"/> runs of <paramref name="actors"/> actors.</summary>
    public RunBlockSummary(int actors, int targets, int capacity)
    {
        Actors = actors;
        Targets = targets;
        Capacity = capacity;
        RunIndex = new long[capacity];
        StancePath = new int[capacity];
        CrossoverYear = new int?[capacity];
        FinalBalance = new double[capacity];
        FinalShare = new double[actors * capacity];
        FinalCredibility = new double[actors * capacity];
        FinalAlignment = new double[actors * capacity];
        FinalDuplication = new double[actors * capacity];
        FinalHedging = new double[actors * capacity];
        State = new AlignmentState[actors * capacity];
        RealignmentYear = new int?[actors * capacity];
        HedgingCrossedYear = new int?[actors * capacity];
        ThreatExecutedYear = new int?[actors * capacity];
        TargetMetYear = new int?[targets * actors * capacity];
    }

    /// <summary>Actors per run.</summary>
    public int Actors { get; }

    /// <summary>Burden targets.</summary>
    public int Targets { get; }

    /// <summary>Runs the columns can hold; the stride of the per-actor columns.</summary>
    public int Capacity { get; }

    /// <summary>Runs held (consecutive run indices).</summary>
    public int Count { get; private set; }

    /// <summary>Run index per run.</summary>
    public long[] RunIndex { get; }

    /// <summary>Stance path per run.</summary>
    public int[] StancePath { get; }

    /// <summary>First year with balance ratio below 1 per run, or null.</summary>
    public int?[] CrossoverYear { get; }

    /// <summary>Balance ratio in the horizon year per run.</summary>
    public double[] FinalBalance { get; }

    /// <summary>Burden at the horizon, [actor · Capacity + lane].</summary>
    public double[] FinalShare { get; }

    /// <summary>Credibility at the horizon, [actor · Capacity + lane].</summary>
    public double[] FinalCredibility { get; }

    /// <summary>Alignment at the horizon, [actor · Capacity + lane].</summary>
    public double[] FinalAlignment { get; }

    /// <summary>Duplication index at the horizon, [actor · Capacity + lane].</summary>
    public double[] FinalDuplication { get; }

    /// <summary>Nuclear-hedging propensity at the horizon, [actor · Capacity + lane].</summary>
    public double[] FinalHedging { get; }

    /// <summary>Alignment state at the horizon, [actor · Capacity + lane].</summary>
    public AlignmentState[] State { get; }

    /// <summary>Year of realignment or null, [actor · Capacity + lane].</summary>
    public int?[] RealignmentYear { get; }

    /// <summary>Year the hedging threshold was crossed or null, [actor · Capacity + lane].</summary>
    public int?[] HedgingCrossedYear { get; }

    /// <summary>Year the US stepped back from the actor or null, [actor · Capacity + lane].</summary>
    public int?[] ThreatExecutedYear { get; }

    /// <summary>Year target k was first met or null, [(k · Actors + actor) · Capacity + lane].</summary>
    public int?[] TargetMetYear { get; }

    /// <summary>Reads the first <paramref name="count"/> lanes of a finished simulation (the horizon values, states and event years of each run).</summary>
    public void Fill(Simulation sim, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        var layout = sim.Layout;
        int t = sim.Inputs.Steps;
        int r = Capacity;
        Count = count;
        for (int lane = 0; lane < count; lane++)
        {
            RunIndex[lane] = sim.RunIndexOf(lane);
            StancePath[lane] = sim.StancePathOf(lane);
            CrossoverYear[lane] = sim.CrossoverYear(lane);
        }

        sim.IndicatorLanes(layout.Of(CoalitionIndicator.Balance), t)[..count].CopyTo(FinalBalance);
        for (int i = 0; i < Actors; i++)
        {
            sim.IndicatorLanes(layout.Of(ActorIndicator.Share, i), t)[..count].CopyTo(FinalShare.AsSpan(i * r));
            sim.IndicatorLanes(layout.Of(ActorIndicator.Credibility, i), t)[..count].CopyTo(FinalCredibility.AsSpan(i * r));
            sim.IndicatorLanes(layout.Of(ActorIndicator.Alignment, i), t)[..count].CopyTo(FinalAlignment.AsSpan(i * r));
            sim.IndicatorLanes(layout.Of(ActorIndicator.Duplication, i), t)[..count].CopyTo(FinalDuplication.AsSpan(i * r));
            sim.IndicatorLanes(layout.Of(ActorIndicator.Hedging, i), t)[..count].CopyTo(FinalHedging.AsSpan(i * r));
            for (int lane = 0; lane < count; lane++)
            {
                int at = (i * r) + lane;
                State[at] = sim.StateOf(i, lane);
                RealignmentYear[at] = sim.RealignmentYear(i, lane);
                HedgingCrossedYear[at] = sim.HedgingCrossedYear(i, lane);
                ThreatExecutedYear[at] = sim.ThreatExecutedYear(i, lane);
            }

            for (int k = 0; k < Targets; k++)
            {
                for (int lane = 0; lane < count; lane++)
                {
                    TargetMetYear[(((k * Actors) + i) * r) + lane] = sim.TargetMetYear(k, i, lane);
                }
            }
        }
    }

    /// <summary>The summary row of one run of the block.</summary>
    public RunSummary Row(int lane)
    {
        int a = Actors;
        int r = Capacity;
        ImmutableArray<T> Column<T>(T[] values, int offset = 0)
        {
            var row = new T[a];
            for (int i = 0; i < a; i++)
            {
                row[i] = values[offset + (i * r) + lane];
            }

            return ImmutableCollectionsMarshal.AsImmutableArray(row);
        }

        var targets = new ImmutableArray<int?>[Targets];
        for (int k = 0; k < Targets; k++)
        {
            targets[k] = Column(TargetMetYear, k * a * r);
        }

        return new RunSummary(
            RunIndex[lane],
            StancePath[lane],
            CrossoverYear[lane],
            FinalBalance[lane],
            Column(FinalShare),
            Column(FinalCredibility),
            Column(FinalAlignment),
            Column(FinalDuplication),
            Column(FinalHedging),
            Column(State),
            Column(RealignmentYear),
            Column(HedgingCrossedYear),
            Column(ThreatExecutedYear),
            [.. targets]);
    }
}
