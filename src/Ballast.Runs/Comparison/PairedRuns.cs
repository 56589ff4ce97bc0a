using Ballast.Core.Countries;
using Ballast.Core.Model;
using Ballast.Runs.Kpis;

namespace Ballast.Runs.Comparison;

/// <summary>
/// Horizon values of one scenario's KPIs (in their shown units) for the runs the ensemble's percentiles are taken from: every
/// run up to <see cref="EnsembleOptions.DefaultSampleSize"/> runs, above that the runs with the smallest run-index hashes
/// (<see cref="EnsemblePartial.SampleHash"/>). The hash depends only on the seed and the run index, so scenarios run with
/// the same seed and runs keep the same runs and pair run by run, and memory stays bounded whatever the number of runs.
/// </summary>
public sealed class PairedRuns
{
    private readonly List<(KpiDefinition Kpi, string? Country, Func<RunSummary, double> Get)> _kpis = [];
    private readonly ulong _seed;
    private readonly int _capacity;

    // The kept runs' slots, the largest (hash, run) on top, so a run with a smaller hash displaces it once the sample is full.
    private readonly PriorityQueue<int, (ulong Hash, long Run)> _kept = new(Comparer<(ulong Hash, long Run)>.Create((a, b) => b.CompareTo(a)));
    private readonly long[] _runOf;
    private double[] _values = [];
    private long[]? _order; // kept run indices ascending (fixed once read)
    private double[][]? _columns;

    /// <summary>Prepares the KPIs: the coalition's, and each of <paramref name="codes"/> that is an ally or partner in the scenario.</summary>
    /// <param name="prepared">The scenario.</param>
    /// <param name="codes">The actors every compared scenario has.</param>
    /// <param name="runs">Number of runs.</param>
    /// <param name="seed">The master seed (it decides which runs the sample keeps).</param>
    /// <param name="sampleSize">Runs kept at most.</param>
    public PairedRuns(PreparedScenario prepared, IReadOnlyList<string> codes, int runs, ulong seed, int sampleSize = EnsembleOptions.DefaultSampleSize)
    {
        Prepared = prepared;
        Runs = runs;
        SampleSize = sampleSize;
        _seed = seed;
        _capacity = Math.Min(runs, sampleSize);
        _runOf = new long[_capacity];
        Add(KpiCatalogue.Balance, null, s => s.FinalBalance);
        Add(KpiCatalogue.CrossedByHorizon, null, s => s.CrossoverYear is null ? 0 : 1);
        Add(KpiCatalogue.AlliesRealigned, null, s => s.State.Count(x => x != AlignmentState.Aligned));
        foreach (var c in codes)
        {
            var i = prepared.Inputs.Codes.IndexOf(c);
            if (prepared.Inputs.Roles[i] is CountryRole.Adversary or CountryRole.Patron)
            {
                continue;
            }

            Add(KpiCatalogue.Share, c, s => s.FinalShare[i]);
            Add(KpiCatalogue.Credibility, c, s => s.FinalCredibility[i]);
            Add(KpiCatalogue.Alignment, c, s => s.FinalAlignment[i]);
            Add(KpiCatalogue.Duplication, c, s => s.FinalDuplication[i]);
            Add(KpiCatalogue.Hedging, c, s => s.FinalHedging[i]);
        }

        _values = new double[_capacity * _kpis.Count];
    }

    /// <summary>The scenario.</summary>
    public PreparedScenario Prepared { get; }

    /// <summary>Number of runs of the ensemble.</summary>
    public int Runs { get; }

    /// <summary>Runs kept at most (all runs when there are no more).</summary>
    public int SampleSize { get; }

    /// <summary>The KPIs in order, with the ally each belongs to (null for the coalition).</summary>
    public IEnumerable<(KpiDefinition Kpi, string? Country)> Kpis => _kpis.Select(k => (k.Kpi, k.Country));

    /// <summary>The kept runs' indices, ascending (once every run has been added).</summary>
    public IReadOnlyList<long> RunIndices => Order();

    /// <summary>Values of the KPI with the given machine name (e.g. <c>credibility.JPN</c>) of the kept runs, in run-index order.</summary>
    public double[] Values(string id)
    {
        Order();
        return _columns![_kpis.FindIndex(k => KpiCatalogue.Id(k.Kpi, k.Country) == id)];
    }

    /// <summary>Records a run (any order); kept only while its run-index hash is among the sample's.</summary>
    public void Add(RunSummary s)
    {
        if (_order is not null)
        {
            throw new InvalidOperationException("the runs have been read: no more can be added");
        }

        var key = (EnsemblePartial.SampleHash(_seed, s.RunIndex), s.RunIndex);
        int slot;
        if (_kept.Count < _capacity)
        {
            slot = _kept.Count;
            _kept.Enqueue(slot, key);
        }
        else if (_kept.TryPeek(out int largest, out var top) && key.CompareTo(top) < 0)
        {
            slot = largest; // the displaced run's slot
            _kept.DequeueEnqueue(slot, key);
        }
        else
        {
            return;
        }

        _runOf[slot] = s.RunIndex;
        int k = _kpis.Count;
        for (int j = 0; j < k; j++)
        {
            _values[(slot * k) + j] = _kpis[j].Kpi.Apply(_kpis[j].Get(s));
        }
    }

    private long[] Order()
    {
        if (_order is null)
        {
            var slots = Enumerable.Range(0, _kept.Count).OrderBy(slot => _runOf[slot]).ToArray();
            int k = _kpis.Count;
            _columns = new double[k][];
            for (int j = 0; j < k; j++)
            {
                _columns[j] = [.. slots.Select(slot => _values[(slot * k) + j])];
            }

            _order = [.. slots.Select(slot => _runOf[slot])];
            _values = [];
        }

        return _order;
    }

    private void Add(KpiDefinition kpi, string? country, Func<RunSummary, double> get) => _kpis.Add((kpi, country, get));
}
