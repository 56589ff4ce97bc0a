using Ballast.Core.Analytics;
using Ballast.Core.Scenarios;
using Ballast.Data.Scenarios;
using Ballast.Exploration.Discovery;
using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Ballast.Exploration.Search;
using Ballast.Runs.Exploration;

namespace Ballast.Runs.Search;

/// <summary>A scenario lever searched over: a number lever between bounds, or a choice lever over its choices.</summary>
/// <param name="Lever">The catalogue lever (<see cref="ScenarioLevers.All"/>).</param>
/// <param name="Lower">Lower bound of a number lever (0 for a choice).</param>
/// <param name="Upper">Upper bound of a number lever (the number of choices for a choice).</param>
public sealed record SearchLever(ScenarioLever Lever, double Lower, double Upper)
{
    /// <summary>The lever's column in outputs and the store: its key in snake case, lower case as every field name (<c>us.ally-stance.JPN.kind</c> → <c>us_ally_stance_jpn_kind</c>).</summary>
    public string Column => Lever.Key.Replace('.', '_').Replace('-', '_').ToLowerInvariant();

    /// <summary>The lever's text for a search value: a number (whole for integer levers) or the choice it falls in.</summary>
    public string Text(double x) => Lever.Type switch
    {
        LeverType.Choice => Lever.Choices![Math.Clamp((int)Math.Floor(x), 0, Lever.Choices.Count - 1)],
        LeverType.Integer => Math.Round(x).ToString(CultureInfo.InvariantCulture),
        _ => x.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Parses <c>KEY</c> (the lever's own bounds or choices) or <c>KEY=LOW:HIGH</c>.</summary>
    public static SearchLever Parse(string spec)
    {
        var parts = spec.Split('=', 2, StringSplitOptions.TrimEntries);
        var key = parts[0];
        var lever = ScenarioLevers.All.FirstOrDefault(l => l.Key == key)
            ?? throw new BallastInputException($"unknown lever '{key}'; searchable levers: {string.Join(", ", Searchable.Select(l => l.Key))}", field: "--levers", value: spec);
        if (!Searchable.Contains(lever))
        {
            throw new BallastInputException($"lever '{key}' is not a policy lever a search can vary; searchable levers: {string.Join(", ", Searchable.Select(l => l.Key))}", field: "--levers", value: spec);
        }

        if (lever.Type == LeverType.Choice)
        {
            return parts.Length == 1
                ? new SearchLever(lever, 0, lever.Choices!.Count)
                : throw new BallastInputException($"lever '{key}' is a choice ({string.Join(", ", lever.Choices!)}): give it without bounds", field: "--levers", value: spec);
        }

        double lo = lever.Min ?? double.NaN;
        double hi = lever.Max ?? double.NaN;
        if (parts.Length == 2)
        {
            var bounds = parts[1].Split(':', StringSplitOptions.TrimEntries);
            if (bounds.Length != 2
                || !double.TryParse(bounds[0], NumberStyles.Float, CultureInfo.InvariantCulture, out lo)
                || !double.TryParse(bounds[1], NumberStyles.Float, CultureInfo.InvariantCulture, out hi))
            {
                throw new BallastInputException($"bounds of lever '{key}' must be written LOW:HIGH, e.g. {key}=0.1:0.5", field: "--levers", value: spec);
            }
        }

        if (!(hi > lo) || (lever.Min is double min && lo < min) || (lever.Max is double max && hi > max))
        {
            throw new BallastInputException($"bounds of lever '{key}' must satisfy {ScenarioLevers.Format(lever.Min ?? double.MinValue)} ≤ LOW < HIGH ≤ {ScenarioLevers.Format(lever.Max ?? double.MaxValue)}", field: "--levers", value: spec);
        }

        return new SearchLever(lever, lo, hi);
    }

    /// <summary>Levers that are policy choices (not the run settings start, horizon, runs, seed or the KPI targets).</summary>
    public static IReadOnlyList<ScenarioLever> Searchable { get; } =
        [.. ScenarioLevers.All.Where(l => l.Type is LeverType.Number or LeverType.Integer or LeverType.Choice && l.Key is not ("start" or "horizon" or "runs" or "seed"))];
}

/// <summary>
/// Runs one policy's experiment over a search's futures: in this process (<see cref="PolicySearch.Local"/>) or on a
/// cluster's silos, which rebuild the same model and design from the scenario and seed, so the numbers are the same.
/// </summary>
public interface IPolicyRunner
{
    /// <summary>Runs every row of <paramref name="design"/> for <paramref name="scenario"/> (the policy as written; compiled, with the explored parameters widened, as <paramref name="model"/>) into <paramref name="sink"/>.</summary>
    void Run(Scenario scenario, SimulationModel model, Design design, IReadOnlyList<ExplorationParameter> parameters, ulong seed, IRunSink sink, CancellationToken cancel);
}

/// <summary>A statistic of an outcome over the futures: the mean or a percentile.</summary>
/// <param name="Name">As written: <c>mean</c> or <c>pNN</c>.</param>
/// <param name="Quantile">The percentile as a probability, or NaN for the mean.</param>
public sealed record OutcomeStatistic(string Name, double Quantile)
{
    /// <summary>Parses <c>mean</c>, <c>p5</c> … <c>p95</c>.</summary>
    public static OutcomeStatistic Parse(string text, string field, string spec)
    {
        if (text == "mean")
        {
            return new OutcomeStatistic(text, double.NaN);
        }

        return text.Length > 1 && text[0] == 'p' && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is >= 1 and <= 99
            ? new OutcomeStatistic(text, p / 100.0)
            : throw new BallastInputException($"unknown statistic '{text}'; use mean or a percentile p1 … p99 (e.g. p10)", field: field, value: spec);
    }

    /// <summary>The statistic of the finite values (NaN when none is finite); <paramref name="scratch"/> is reordered.</summary>
    public double Of(double[] values, double[] scratch)
    {
        int n = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                scratch[n++] = v;
            }
        }

        if (n == 0)
        {
            return double.NaN;
        }

        var span = scratch.AsSpan(0, n);
        if (double.IsNaN(Quantile))
        {
            double sum = 0;
            foreach (var v in span)
            {
                sum += v;
            }

            return sum / n;
        }

        span.Sort();
        return Quantiles.Type7(span, Quantile);
    }
}

/// <summary>An objective of a policy search: a statistic of an outcome over the futures, to maximise or minimise.</summary>
/// <param name="Statistic">Mean or percentile.</param>
/// <param name="Outcome">Outcome name (<see cref="SimulationModel.OutcomeCatalogue"/>).</param>
/// <param name="OutcomeIndex">Its position in the catalogue.</param>
/// <param name="Maximise">True to maximise.</param>
/// <param name="Epsilon">Resolution in the outcome's unit: policies closer than this are one choice.</param>
public sealed record PolicyObjective(OutcomeStatistic Statistic, string Outcome, int OutcomeIndex, bool Maximise, double Epsilon)
{
    /// <summary>Name, e.g. <c>max p10 balance_ratio</c>.</summary>
    public string Name => $"{(Maximise ? "max" : "min")} {Statistic.Name} {Outcome}";

    /// <summary>Parses <c>STAT:OUTCOME[:max|min][:EPSILON]</c>, e.g. <c>p10:balance_ratio:max:0.01</c>.</summary>
    public static PolicyObjective Parse(string spec)
    {
        var parts = spec.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 4)
        {
            throw new BallastInputException("an objective is written STAT:OUTCOME[:max|min][:EPSILON], e.g. p10:balance_ratio:max", field: "--objectives", value: spec);
        }

        var stat = OutcomeStatistic.Parse(parts[0], "--objectives", spec);
        int index = IndexOf(parts[1], "--objectives", spec);
        bool max = parts.Length > 2 ? parts[2] switch
        {
            "max" => true,
            "min" => false,
            _ => throw new BallastInputException($"direction '{parts[2]}' must be max or min", field: "--objectives", value: spec),
        } : DefaultMaximise(parts[1]);
        double eps = DefaultEpsilon(SimulationModel.OutcomeCatalogue[index].Unit);
        if (parts.Length > 3 && (!double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out eps) || !(eps > 0) || !double.IsFinite(eps)))
        {
            throw new BallastInputException($"ε '{parts[3]}' must be a positive number in the outcome's unit", field: "--objectives", value: spec);
        }

        return new PolicyObjective(stat, parts[1], index, max, eps);
    }

    /// <summary>The position of an outcome in the catalogue, or a located error listing them.</summary>
    internal static int IndexOf(string name, string field, string spec)
    {
        var names = SimulationModel.OutcomeCatalogue.Select(o => o.Name).ToList();
        int index = names.IndexOf(name);
        if (index < 0)
        {
            throw new BallastInputException($"unknown outcome '{name}'; outcomes: {string.Join(", ", names.Where(n => n != "crossover_year"))}", field: field, value: spec);
        }

        if (name == "crossover_year")
        {
            // Missing when the balance never tips: a statistic over the runs where it does would reward tipping late
            // and ignore the runs where it never tips.
            throw new BallastInputException("crossover_year is missing in the futures where the balance never tips; search on crossed (the share of futures where it tips) instead", field: field, value: spec);
        }

        return index;
    }

    /// <summary>Higher is better for the balance, cohesion, credibility and the allied burden; lower otherwise.</summary>
    public static bool DefaultMaximise(string outcome) =>
        outcome is "balance_ratio" or "coalition_cohesion" or "mean_credibility" or "allied_mean_burden";

    /// <summary>A resolution that matters in each unit: 0.01 for ratios and shares, 0.05 pp of GDP, US$ 1 bn.</summary>
    public static double DefaultEpsilon(string unit) => unit switch
    {
        "% of GDP" => 0.05,
        "USD" => 1e9,
        "year" => 1,
        _ => 0.01,
    };
}

/// <summary>A constraint of a policy search: a statistic of an outcome at most or at least a bound.</summary>
/// <param name="Text">As written.</param>
/// <param name="Statistic">Mean or percentile.</param>
/// <param name="Outcome">Outcome name.</param>
/// <param name="OutcomeIndex">Its position in the catalogue.</param>
/// <param name="AtMost">True for ≤, false for ≥.</param>
/// <param name="Bound">The bound, in the outcome's unit.</param>
public sealed record PolicyConstraint(string Text, OutcomeStatistic Statistic, string Outcome, int OutcomeIndex, bool AtMost, double Bound)
{
    /// <summary>Parses <c>STAT:OUTCOME&lt;=BOUND</c> or <c>STAT:OUTCOME&gt;=BOUND</c>, e.g. <c>p90:allied_mean_burden&lt;=5</c>.</summary>
    public static PolicyConstraint Parse(string spec)
    {
        int at = spec.IndexOf("<=", StringComparison.Ordinal);
        bool atMost = at >= 0;
        if (!atMost)
        {
            at = spec.IndexOf(">=", StringComparison.Ordinal);
        }

        var left = at >= 0 ? spec[..at].Trim().Split(':', StringSplitOptions.TrimEntries) : [];
        if (at < 0 || left.Length != 2 || !double.TryParse(spec[(at + 2)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double bound) || !double.IsFinite(bound))
        {
            throw new BallastInputException("a constraint is written STAT:OUTCOME<=BOUND or STAT:OUTCOME>=BOUND, e.g. p90:allied_mean_burden<=5", field: "--constraints", value: spec);
        }

        var stat = OutcomeStatistic.Parse(left[0], "--constraints", spec);
        return new PolicyConstraint(spec.Trim(), stat, left[1], PolicyObjective.IndexOf(left[1], "--constraints", spec), atMost, bound);
    }

    /// <summary>How far a statistic value is from meeting the constraint (0 when it is met; NaN counts as violated).</summary>
    public double Violation(double value) =>
        double.IsNaN(value) ? double.MaxValue / 4 : Math.Max(0, AtMost ? value - Bound : Bound - value);
}

/// <summary>What a policy scored over the futures: each objective's and constraint's statistic, in natural units.</summary>
/// <param name="Objectives">One value per objective (not negated).</param>
/// <param name="Constraints">One value per constraint.</param>
/// <param name="Error">Why the lever values could not be applied (then the policy is infeasible), or null.</param>
public sealed record PolicyScore(double[] Objectives, double[] Constraints, string? Error);

/// <summary>
/// A many-objective search over scenario levers (<see cref="Nsga2"/>): every candidate policy is the scenario with its
/// lever values, compiled and run over the same futures — a Latin hypercube over the scenario's uncertain parameters
/// (as in <c>explore</c>) with future k on random stream k in every policy (common random numbers), so differences
/// between policies are the policies'. Objectives and constraints are statistics over those futures.
/// </summary>
public sealed class PolicySearch : ISearchProblem
{
    private readonly Scenario _original;
    private readonly IReadOnlyList<SearchLever> _levers;
    private readonly IReadOnlyList<PolicyObjective> _objectives;
    private readonly IReadOnlyList<PolicyConstraint> _constraints;
    private readonly int _futures;
    private readonly ulong _seed;
    private readonly CancellationToken _cancel;
    private readonly IReadOnlyList<ExplorationParameter> _explored;
    private readonly string[] _parameters;
    private readonly Design _design;
    private readonly Dictionary<string, PolicyScore> _scores = new(StringComparer.Ordinal);
    private readonly IPolicyRunner _runner;

    /// <summary>
    /// Sets up the search; the futures' design is drawn once from <paramref name="seed"/>. Each policy's futures run on
    /// <paramref name="runner"/> (default: this process on <paramref name="threads"/> threads).
    /// </summary>
    public PolicySearch(Scenario scenario, IReadOnlyList<SearchLever> levers, IReadOnlyList<PolicyObjective> objectives,
        IReadOnlyList<PolicyConstraint> constraints, int futures, ulong seed, int threads, IPolicyRunner? runner = null, CancellationToken cancel = default)
    {
        if (futures < 2)
        {
            throw new BallastInputException($"at least 2 futures are needed, not {futures}", field: "--futures", value: futures.ToString(CultureInfo.InvariantCulture));
        }

        var duplicate = levers.GroupBy(l => l.Lever.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new BallastInputException($"lever '{duplicate.Key}' is given twice", field: "--levers", value: duplicate.Key);
        }

        _original = scenario;
        _levers = levers;
        _objectives = objectives;
        _constraints = constraints;
        _futures = futures;
        _seed = seed;
        _cancel = cancel;
        _runner = runner ?? new Local(threads);
        var inputs = ScenarioCompiler.Compile(ExplorationSetup.Widen(scenario)).Inputs;
        _explored = SimulationModel.ParametersOf(inputs);
        _parameters = [.. _explored.Select(p => p.Name)];
        _design = Futures(futures, seed);
        Variables = [.. levers.Select(l => new SearchVariable(l.Lever.Key, l.Lower, l.Upper))];
        Objectives = [.. objectives.Select(o => new SearchObjective(o.Name, o.Epsilon))];
    }

    /// <inheritdoc/>
    public IReadOnlyList<SearchVariable> Variables { get; }

    /// <inheritdoc/>
    public IReadOnlyList<SearchObjective> Objectives { get; }

    /// <inheritdoc/>
    public int Constraints => _constraints.Count + 1; // the last: lever values that cannot be applied

    /// <summary>Uncertain parameters the futures vary.</summary>
    public IReadOnlyList<string> Parameters => _parameters;

    /// <summary>Policies simulated so far (candidates with the same lever texts are simulated once).</summary>
    public int Simulated => _scores.Count;

    /// <summary>The lever texts of a candidate, e.g. <c>us.theatre-share=0.31</c>.</summary>
    public IReadOnlyList<string> Texts(double[] values) => [.. _levers.Select((l, i) => l.Text(values[i]))];

    /// <inheritdoc/>
    public void Evaluate(IReadOnlyList<double[]> candidates, double[][] objectives, double[][] violations)
    {
        for (int c = 0; c < candidates.Count; c++)
        {
            var score = Score(candidates[c], _design, _seed);
            for (int o = 0; o < _objectives.Count; o++)
            {
                double v = score.Objectives[o];
                objectives[c][o] = _objectives[o].Maximise ? -v : v;
            }

            for (int k = 0; k < _constraints.Count; k++)
            {
                violations[c][k] = _constraints[k].Violation(score.Constraints[k]);
            }

            violations[c][^1] = score.Error is null ? 0 : double.MaxValue / 4;
        }
    }

    /// <summary>Scores a policy on the search's futures (cached by lever texts).</summary>
    public PolicyScore Score(double[] values, Design design, ulong seed)
    {
        string key = string.Join("\u001f", Texts(values)) + "\u001e" + seed.ToString(CultureInfo.InvariantCulture) + "/" + design.Rows.ToString(CultureInfo.InvariantCulture);
        if (_scores.TryGetValue(key, out var known))
        {
            return known;
        }

        var score = Simulate(values, design, seed);
        _scores[key] = score;
        return score;
    }

    /// <summary>Scores a policy on the search's own futures.</summary>
    public PolicyScore ScoreOnSearchFutures(double[] values) => Score(values, _design, _seed);

    /// <summary>Scores a policy on fresh futures: a new design and new random streams from <paramref name="seed"/>.</summary>
    public PolicyScore ScoreOnFreshFutures(double[] values, int futures, ulong seed) => Score(values, Futures(futures, seed), seed);

    /// <summary>A design of futures: a Latin hypercube over the uncertain parameters.</summary>
    private Design Futures(int futures, ulong seed) =>
        Design.Create(new DesignSpec(DesignKind.LatinHypercube, futures, seed), Math.Max(1, _parameters.Length));

    private PolicyScore Simulate(double[] values, Design design, ulong seed)
    {
        var (columns, error) = Run(values, design, seed);
        if (columns is null)
        {
            return new PolicyScore([.. _objectives.Select(_ => double.NaN)], [.. _constraints.Select(_ => double.NaN)], error);
        }

        var scratch = new double[design.Rows];
        return new PolicyScore(
            [.. _objectives.Select(o => o.Statistic.Of(columns[o.OutcomeIndex], scratch))],
            [.. _constraints.Select(c => c.Statistic.Of(columns[c.OutcomeIndex], scratch))],
            null);
    }

    /// <summary>
    /// Where a policy fails: runs it on <paramref name="futures"/> fresh futures from <paramref name="seed"/> and returns
    /// each future's uncertain parameter values (one column per parameter, as PRIM takes them) and whether
    /// <paramref name="fails"/> holds in it.
    /// </summary>
    public (double[][] X, bool[] Y) Failures(double[] values, Condition fails, int futures, ulong seed)
    {
        var design = Futures(futures, seed);
        var (columns, error) = Run(values, design, seed);
        if (columns is null)
        {
            throw new BallastInputException($"the policy's lever values cannot be applied: {error}", field: "--explain");
        }

        var names = SimulationModel.OutcomeCatalogue.Select(o => o.Name).ToList();
        var y = fails.Evaluate(fails.Outcomes.ToDictionary(o => o, o => columns[names.IndexOf(o)]));
        var x = _parameters.Select(_ => new double[futures]).ToArray();
        var row = new double[_parameters.Length];
        for (int k = 0; k < futures; k++)
        {
            ExperimentRunner.Values(design, _explored, k, row);
            for (int d = 0; d < row.Length; d++)
            {
                x[d][k] = row[d];
            }
        }

        return (x, y);
    }

    /// <summary>Every outcome of every future for a policy, or the reason its lever values cannot be applied.</summary>
    private (double[][]? Columns, string? Error) Run(double[] values, Design design, ulong seed)
    {
        // The runner gets the policy as written (a cluster's silo widens it as this search did); levers never touch the
        // uncertain parameters, so widening before or after applying them gives the same scenario.
        Scenario policy;
        Core.Model.ModelInputs inputs;
        try
        {
            policy = ScenarioLevers.Apply(_original, _levers.Select((l, i) => (l.Lever.Key, l.Text(values[i]))).ToDictionary(x => x.Key, x => x.Item2));
            inputs = ScenarioCompiler.Compile(ExplorationSetup.Widen(policy)).Inputs;
        }
        catch (BallastInputException e)
        {
            return (null, e.Message);
        }

        var model = new SimulationModel(inputs, seed);
        var parameters = SimulationModel.ParametersOf(inputs);
        if (!parameters.Select(p => p.Name).SequenceEqual(_parameters))
        {
            throw new BallastInputException("the levers change which parameters are uncertain; search levers must leave the scenario's uncertainties as they are", field: "--levers");
        }

        var sink = new OutcomeColumns(design.Rows, model.Outcomes.Count);
        _runner.Run(policy, model, design, parameters, seed, sink, _cancel);
        return (sink.Columns, null);
    }

    /// <summary>Runs a policy's futures in this process, one batch of all of them.</summary>
    /// <param name="Threads">Worker threads (0 = all cores).</param>
    public sealed record Local(int Threads) : IPolicyRunner
    {
        /// <inheritdoc/>
        public void Run(Scenario scenario, SimulationModel model, Design design, IReadOnlyList<ExplorationParameter> parameters, ulong seed, IRunSink sink, CancellationToken cancel) =>
            ExperimentRunner.Run(model, design, parameters, sink, new RunOptions(Threads, design.Rows), cancel: cancel);
    }

    /// <summary>Every outcome of every future, by outcome.</summary>
    private sealed class OutcomeColumns(int futures, int outcomes) : IRunSink
    {
        public double[][] Columns { get; } = [.. Enumerable.Range(0, outcomes).Select(_ => new double[futures])];

        public IReadOnlySet<int> CompletedRuns() => new HashSet<int>();

        public void Write(RunBatch batch)
        {
            for (int k = 0; k < batch.Count; k++)
            {
                for (int o = 0; o < batch.OutcomesPerRun; o++)
                {
                    Columns[o][batch.Runs[k]] = batch.Outcomes[(k * batch.OutcomesPerRun) + o];
                }
            }
        }
    }
}
