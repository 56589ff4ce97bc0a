using Ballast.Core.Model;
using Ballast.Core.Parameters;
using Ballast.Engine.Model;
using Ballast.Exploration.Sensitivity;

namespace Ballast.Exploration.Experiments;

/// <summary>
/// The reference alliance model (<see cref="Simulation"/>) as an experiment model: the design chooses the values of the
/// scenario's uncertain parameters (<see cref="ModelInputs.Uncertain"/>), each run's own counter-based stream keyed by
/// (seed, run index) still drives its stance path and shocks, so a run's results depend only on its index and values.
/// </summary>
/// <param name="inputs">The compiled inputs.</param>
/// <param name="seed">The master seed of the runs' streams.</param>
/// <param name="blockSize">Runs simulated together by one worker.</param>
public sealed class SimulationModel(ModelInputs inputs, ulong seed, int blockSize = 16) : IExperimentModel
{
    private readonly ModelInputs _inputs = inputs;
    private readonly ModelTables _tables = new(inputs); // built once, shared by every worker's simulation
    private readonly ulong _seed = seed;
    private readonly int _blockSize = blockSize;

    /// <summary>The per-run outcomes, named and documented (see docs/exploration.md).</summary>
    public static IReadOnlyList<OutcomeDefinition> OutcomeCatalogue { get; } =
    [
        new("balance_ratio", "ratio", "Balance ratio B = coalition effectiveness / adversary effectiveness in the horizon year (> 1: the coalition leads)."),
        new("crossover_year", "year", "First year the balance ratio falls below 1 (the balance tips to the adversary); missing (NULL) when it never does by the horizon."),
        new("crossed", "0/1", "1 when the balance tipped by the horizon, else 0 (use this rather than crossover_year for sensitivity)."),
        new("allied_mean_burden", "% of GDP", "Mean military spending share of GDP over treaty allies and partners in the horizon year."),
        new("coalition_cohesion", "0-1", "Mean alignment with the US over allies and partners in the horizon year."),
        new("mean_credibility", "0-1", "Mean perceived credibility of the US commitment over allies and partners in the horizon year."),
        new("duplication_index", "0-1", "Spending-weighted duplication index of the aligned allies in the horizon year (overlap of their mix with the US mix; higher = more autonomous duplication)."),
        new("realignment_share", "share", "Share of allies and partners that have realigned (hedging or bandwagoning) by the horizon: the probability of realignment or hedging over runs."),
        new("nuclear_hedging_share", "share", "Share of allies and partners whose nuclear-hedging propensity crossed its threshold by the horizon."),
        new("us_cost_net", "USD", "US cost in the theatre net of host-nation support in the horizon year (constant 2023 USD)."),
    ];

    /// <summary>The per-year indicators stored for every run.</summary>
    public static IReadOnlyList<(string Name, CoalitionIndicator Indicator)> YearlyCatalogue { get; } =
    [
        ("balance_ratio", CoalitionIndicator.Balance),
        ("coalition_effectiveness", CoalitionIndicator.Effectiveness),
        ("adversary_effectiveness", CoalitionIndicator.AdversaryEffectiveness),
        ("spending_ratio", CoalitionIndicator.SpendingRatio),
        ("duplication_index", CoalitionIndicator.CoalitionDuplication),
        ("realigned", CoalitionIndicator.Realigned),
        ("us_cost_net", CoalitionIndicator.UsCostNet),
        ("host_exposure", CoalitionIndicator.HostExposure),
        ("crisis", CoalitionIndicator.Crisis),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<OutcomeDefinition> Outcomes => OutcomeCatalogue;

    /// <inheritdoc/>
    public IReadOnlyList<string> YearlyIndicators { get; } = YearlyCatalogue.Select(y => y.Name).ToArray();

    /// <inheritdoc/>
    public IReadOnlyList<int> Years { get; } = Enumerable.Range(inputs.StartYear, inputs.Steps + 1).ToArray();

    /// <summary>The explored parameters of compiled inputs: their uncertain parameters, mapped through each distribution's quantile.</summary>
    public static IReadOnlyList<ExplorationParameter> ParametersOf(ModelInputs inputs) =>
        inputs.Uncertain.Select(u => new ExplorationParameter(u.Name, Describe(u.Distribution), Quantile(u.Distribution))).ToArray();

    /// <summary>The inverse CDF of a registry distribution (its <c>Sample(u, z)</c> with z = Φ⁻¹(u)).</summary>
    public static Func<double, double> Quantile(Distribution d) => p => d.Sample(p, Statistics.NormalQuantile(p));

    /// <summary>A distribution as text, e.g. <c>uniform(0.5, 1.5)</c>.</summary>
    public static string Describe(Distribution d) => d.Kind switch
    {
        DistributionKind.Triangular => string.Create(CultureInfo.InvariantCulture, $"triangular({d.A}, {d.B}, {d.C})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{d.Kind.ToString().ToLowerInvariant()}({d.A}, {d.B})"),
    };

    /// <inheritdoc/>
    public IExperimentWorker CreateWorker() => new Worker(this);

    private sealed class Worker(SimulationModel model) : IExperimentWorker
    {
        private readonly Simulation _sim = new(model._tables, model._blockSize);
        private readonly long[] _runs = new long[model._blockSize];
        private readonly int[] _allies = Enumerable.Range(0, model._inputs.ActorCount).Where(model._inputs.IsAlly).ToArray();

        public int BlockSize => model._blockSize;

        public void Run(ReadOnlySpan<int> runs, ReadOnlySpan<double> values, Span<double> outcomes, Span<double> yearly)
        {
            for (int k = 0; k < runs.Length; k++)
            {
                _runs[k] = runs[k];
            }

            _sim.Reset(_runs.AsSpan(0, runs.Length), model._seed, values);
            _sim.RunToHorizon();
            var layout = _sim.Layout;
            int t = model._inputs.Steps;
            int nOut = OutcomeCatalogue.Count;
            int nYear = model.Years.Count * YearlyCatalogue.Count;
            double allies = Math.Max(1, _allies.Length);
            for (int k = 0; k < runs.Length; k++)
            {
                var o = outcomes.Slice(k * nOut, nOut);
                int? cross = _sim.CrossoverYear(k);
                double burden = 0;
                double cohesion = 0;
                double credibility = 0;
                int realigned = 0;
                int hedged = 0;
                foreach (var i in _allies)
                {
                    burden += _sim.Indicator(layout.Of(ActorIndicator.Share, i), t, k);
                    cohesion += _sim.Indicator(layout.Of(ActorIndicator.Alignment, i), t, k);
                    credibility += _sim.Indicator(layout.Of(ActorIndicator.Credibility, i), t, k);
                    realigned += _sim.RealignmentYear(i, k) is null ? 0 : 1;
                    hedged += _sim.HedgingCrossedYear(i, k) is null ? 0 : 1;
                }

                o[0] = _sim.Indicator(layout.Of(CoalitionIndicator.Balance), t, k);
                o[1] = cross is int c ? c : double.NaN;
                o[2] = cross is null ? 0 : 1;
                o[3] = 100 * burden / allies;
                o[4] = cohesion / allies;
                o[5] = credibility / allies;
                o[6] = _sim.Indicator(layout.Of(CoalitionIndicator.CoalitionDuplication), t, k);
                o[7] = realigned / allies;
                o[8] = hedged / allies;
                o[9] = _sim.Indicator(layout.Of(CoalitionIndicator.UsCostNet), t, k);
                var y = yearly.Slice(k * nYear, nYear);
                for (int yi = 0; yi < model.Years.Count; yi++)
                {
                    for (int j = 0; j < YearlyCatalogue.Count; j++)
                    {
                        y[(yi * YearlyCatalogue.Count) + j] = _sim.Indicator(layout.Of(YearlyCatalogue[j].Indicator), yi, k);
                    }
                }
            }
        }
    }
}
