using System.Collections.Immutable;
using Ballast.Core.Model;
using Ballast.Core.Random;

namespace Ballast.Engine.Ensembles;

/// <summary>
/// Exactly mergeable statistics of a set of runs: integer counters, and the trajectories of the runs whose
/// run-index hash is among the <see cref="SampleSize"/> smallest. Both are independent of the order in which runs arrive,
/// so any partition of the run indices (threads, blocks, processes, machines) merges to bit-identical results.
/// </summary>
public sealed class EnsemblePartial
{
    private readonly PriorityQueue<SampleRow, (ulong Hash, long Run)> _sample;
    private readonly long[] _crossByYear;
    private readonly long[] _realigned;
    private readonly long[] _hedged;
    private readonly long[] _executed;
    private readonly long[] _targetMet;     // [k * A + i]
    private readonly long[] _targetYearSum; // histogram [(k * A + i) * (T+2) + yearIndex]
    private readonly long[] _paths;

    /// <summary>Creates empty statistics for inputs and a seed.</summary>
    public EnsemblePartial(ModelInputs inputs, ulong seed, int sampleSize)
    {
        Inputs = inputs;
        Seed = seed;
        SampleSize = sampleSize;
        Layout = new IndicatorLayout(inputs.Codes);
        _sample = new PriorityQueue<SampleRow, (ulong, long)>(Comparer<(ulong Hash, long Run)>.Create((a, b) => b.CompareTo(a)));
        int years = inputs.Steps + 1;
        _crossByYear = new long[years + 1];
        _realigned = new long[inputs.ActorCount];
        _hedged = new long[inputs.ActorCount];
        _executed = new long[inputs.ActorCount];
        _targetMet = new long[inputs.TargetShares.Length * inputs.ActorCount];
        _targetYearSum = new long[inputs.TargetShares.Length * inputs.ActorCount * (years + 1)];
        _paths = new long[inputs.StancePaths.Length];
    }

    /// <summary>The inputs.</summary>
    public ModelInputs Inputs { get; }

    /// <summary>Master seed.</summary>
    public ulong Seed { get; }

    /// <summary>Maximum runs kept for percentiles.</summary>
    public int SampleSize { get; }

    /// <summary>Indicator layout.</summary>
    public IndicatorLayout Layout { get; }

    /// <summary>Runs counted.</summary>
    public long Runs { get; private set; }

    /// <summary>Largest run-index hash currently kept (runs above it can be skipped when the sample is full).</summary>
    internal ulong Threshold => _sample.Count < SampleSize ? ulong.MaxValue : _sample.Peek().Hash;

    /// <summary>The sampling hash of a run index (independent of partitioning).</summary>
    public static ulong SampleHash(ulong seed, long runIndex) => CounterRng.Mix(CounterRng.RunKey(seed, runIndex) ^ 0x243F6A8885A308D3UL);

    /// <summary>Adds a finished run's summary counters.</summary>
    public void AddSummary(RunSummary s)
    {
        Runs++;
        _paths[s.StancePath]++;
        int years = Inputs.Steps + 1;
        _crossByYear[s.CrossoverYear is { } cy ? cy - Inputs.StartYear : years]++;
        int a = Inputs.ActorCount;
        for (int i = 0; i < a; i++)
        {
            _realigned[i] += s.RealignmentYear[i] is null ? 0 : 1;
            _hedged[i] += s.HedgingCrossedYear[i] is null ? 0 : 1;
            _executed[i] += s.ThreatExecutedYear[i] is null ? 0 : 1;
            for (int k = 0; k < Inputs.TargetShares.Length; k++)
            {
                if (s.TargetMetYear[k][i] is { } y)
                {
                    _targetMet[(k * a) + i]++;
                    _targetYearSum[(((k * a) + i) * (years + 1)) + (y - Inputs.StartYear)]++;
                }
            }
        }
    }

    /// <summary>Offers a run's trajectory (indicator-major, then year) for the percentile sample.</summary>
    public void Offer(long runIndex, float[] trajectory)
    {
        ulong hash = SampleHash(Seed, runIndex);
        AddRow(new SampleRow(hash, runIndex, trajectory));
    }

    /// <summary>Merges another partial of the same inputs and seed into this one (commutative and associative).</summary>
    public void Merge(EnsemblePartial other)
    {
        if (other.Seed != Seed || other.Inputs.ActorCount != Inputs.ActorCount || other.SampleSize != SampleSize)
        {
            throw new ArgumentException("partials of different ensembles", nameof(other));
        }

        Runs += other.Runs;
        Add(_crossByYear, other._crossByYear);
        Add(_realigned, other._realigned);
        Add(_hedged, other._hedged);
        Add(_executed, other._executed);
        Add(_targetMet, other._targetMet);
        Add(_targetYearSum, other._targetYearSum);
        Add(_paths, other._paths);
        foreach (var (row, _) in other._sample.UnorderedItems)
        {
            AddRow(row);
        }
    }

    /// <summary>Computes percentiles and KPIs.</summary>
    public EnsembleResult ToResult()
    {
        var inp = Inputs;
        int years = inp.Steps + 1;
        var rows = _sample.UnorderedItems.Select(x => x.Element).OrderBy(r => r.Run).ToArray();
        int n = Layout.Count;
        var pct = new PercentileRow[n * years];
        var buf = new double[rows.Length];
        for (int ind = 0; ind < n; ind++)
        {
            for (int t = 0; t < years; t++)
            {
                for (int s = 0; s < rows.Length; s++)
                {
                    buf[s] = rows[s].Trajectory[(ind * years) + t];
                }

                pct[(ind * years) + t] = Percentiles(Layout.Names[ind], inp.StartYear + t, buf);
            }
        }

        int horizon = years - 1;
        PercentileRow Final(int ind) => pct[(ind * years) + horizon];
        long crossed = Runs - _crossByYear[years];
        int? medianCross = null;
        if (crossed > 0)
        {
            long acc = 0;
            for (int t = 0; t < years; t++)
            {
                acc += _crossByYear[t];
                if (2 * acc >= crossed)
                {
                    medianCross = inp.StartYear + t;
                    break;
                }
            }
        }

        var counts = ImmutableSortedDictionary.CreateBuilder<int, long>();
        for (int t = 0; t < years; t++)
        {
            if (_crossByYear[t] > 0)
            {
                counts[inp.StartYear + t] = _crossByYear[t];
            }
        }

        double runs = Math.Max(1, Runs);
        int a = inp.ActorCount;
        var allies = new List<AllyKpi>();
        for (int i = 0; i < a; i++)
        {
            if (!inp.IsAlly(i))
            {
                continue;
            }

            var pMet = new double[inp.TargetShares.Length];
            var yMet = new int?[inp.TargetShares.Length];
            for (int k = 0; k < pMet.Length; k++)
            {
                long met = _targetMet[(k * a) + i];
                pMet[k] = met / runs;
                long acc = 0;
                for (int t = 0; t <= years && met > 0; t++)
                {
                    acc += _targetYearSum[(((k * a) + i) * (years + 1)) + t];
                    if (2 * acc >= met)
                    {
                        yMet[k] = inp.StartYear + t;
                        break;
                    }
                }
            }

            allies.Add(new AllyKpi(
                inp.Codes[i],
                Final(Layout.Of(ActorIndicator.Share, i)).P50,
                [.. pMet],
                [.. yMet],
                Final(Layout.Of(ActorIndicator.Credibility, i)).P50,
                Final(Layout.Of(ActorIndicator.Alignment, i)).P50,
                Final(Layout.Of(ActorIndicator.Duplication, i)).P50,
                Final(Layout.Of(ActorIndicator.Hedging, i)).P50,
                _hedged[i] / runs,
                _realigned[i] / runs,
                _executed[i] / runs));
        }

        var kpi = new KpiSummary(
            Runs,
            Seed,
            inp.TargetShares,
            _crossByYear[years] / runs,
            medianCross,
            counts.ToImmutable(),
            Final(Layout.Of(CoalitionIndicator.Balance)),
            Final(Layout.Of(CoalitionIndicator.Effectiveness)),
            Final(Layout.Of(CoalitionIndicator.UsCostNet)),
            Final(Layout.Of(CoalitionIndicator.HostExposure)),
            Final(Layout.Of(CoalitionIndicator.CoalitionDuplication)),
            [.. allies],
            [.. _paths],
            rows.Length);
        return new EnsembleResult([.. Layout.Names], [.. Enumerable.Range(inp.StartYear, years)], [.. pct], kpi);
    }

    /// <summary>Percentiles (linear interpolation between order statistics, "type 7") of a sample; NaN when empty.</summary>
    public static PercentileRow Percentiles(string name, int year, double[] values)
    {
        Array.Sort(values);
        return new PercentileRow(name, year, Q(values, 0.05), Q(values, 0.25), Q(values, 0.5), Q(values, 0.75), Q(values, 0.95));
    }

    /// <summary>Quantile of sorted values by linear interpolation.</summary>
    public static double Q(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private void AddRow(SampleRow row)
    {
        if (_sample.Count < SampleSize)
        {
            _sample.Enqueue(row, (row.Hash, row.Run));
        }
        else
        {
            var top = _sample.Peek();
            if ((row.Hash, row.Run).CompareTo((top.Hash, top.Run)) < 0)
            {
                _sample.DequeueEnqueue(row, (row.Hash, row.Run));
            }
        }
    }

    private static void Add(long[] a, long[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            a[i] += b[i];
        }
    }

    private sealed record SampleRow(ulong Hash, long Run, float[] Trajectory);
}
