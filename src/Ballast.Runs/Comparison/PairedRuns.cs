using Ballast.Core.Countries;
using Ballast.Core.Model;
using Ballast.Runs.Kpis;

namespace Ballast.Runs.Comparison;

/// <summary>
/// Per-run horizon values of one scenario's KPIs (in their shown units), kept in run-index order so that scenarios run
/// with the same seed and run indices can be paired run by run.
/// </summary>
public sealed class PairedRuns
{
    private readonly List<(KpiDefinition Kpi, string? Country, Func<RunSummary, double> Get, double[] Values)> _kpis = [];

    /// <summary>Prepares the KPIs: the coalition's, and each of <paramref name="codes"/> that is an ally or partner in the scenario.</summary>
    /// <param name="prepared">The scenario.</param>
    /// <param name="codes">The actors every compared scenario has.</param>
    /// <param name="runs">Number of runs.</param>
    public PairedRuns(PreparedScenario prepared, IReadOnlyList<string> codes, int runs)
    {
        Prepared = prepared;
        Add(KpiCatalogue.Balance, null, s => s.FinalBalance, runs);
        Add(KpiCatalogue.CrossedByHorizon, null, s => s.CrossoverYear is null ? 0 : 1, runs);
        Add(KpiCatalogue.AlliesRealigned, null, s => s.State.Count(x => x != AlignmentState.Aligned), runs);
        foreach (var c in codes)
        {
            var i = prepared.Inputs.Codes.IndexOf(c);
            if (prepared.Inputs.Roles[i] is CountryRole.Adversary or CountryRole.Patron)
            {
                continue;
            }

            Add(KpiCatalogue.Share, c, s => s.FinalShare[i], runs);
            Add(KpiCatalogue.Credibility, c, s => s.FinalCredibility[i], runs);
            Add(KpiCatalogue.Alignment, c, s => s.FinalAlignment[i], runs);
            Add(KpiCatalogue.Duplication, c, s => s.FinalDuplication[i], runs);
            Add(KpiCatalogue.Hedging, c, s => s.FinalHedging[i], runs);
        }
    }

    /// <summary>The scenario.</summary>
    public PreparedScenario Prepared { get; }

    /// <summary>The KPIs in order, with the ally each belongs to (null for the coalition).</summary>
    public IEnumerable<(KpiDefinition Kpi, string? Country)> Kpis => _kpis.Select(k => (k.Kpi, k.Country));

    /// <summary>Per-run values of the KPI with the given machine name (e.g. <c>credibility.JPN</c>).</summary>
    public double[] Values(string id) => _kpis.First(k => KpiCatalogue.Id(k.Kpi, k.Country) == id).Values;

    /// <summary>Records a run (any order: each run has its own slot).</summary>
    public void Add(RunSummary s)
    {
        foreach (var (kpi, _, get, values) in _kpis)
        {
            values[s.RunIndex] = kpi.Apply(get(s));
        }
    }

    private void Add(KpiDefinition kpi, string? country, Func<RunSummary, double> get, int runs) => _kpis.Add((kpi, country, get, new double[runs]));
}
