namespace Ballast.Exploration.Experiments;

/// <summary>
/// An input explored by a design: an uncertain parameter, or a policy lever with several levels. The design gives a
/// point on the probability scale in (0, 1); <see cref="Quantile"/> turns it into the value the model receives.
/// </summary>
/// <param name="Name">Registry or lever name (the column name in the store).</param>
/// <param name="Distribution">The distribution as text (e.g. <c>uniform(0.5, 1.5)</c>), for the manifest.</param>
/// <param name="Quantile">Inverse cumulative distribution function.</param>
/// <param name="Lever">True for a policy lever rather than an uncertainty.</param>
public sealed record ExplorationParameter(string Name, string Distribution, Func<double, double> Quantile, bool Lever = false);

/// <summary>A named, documented per-run outcome (so commands take names, not column numbers).</summary>
/// <param name="Name">Name (snake_case), e.g. <c>crossover_year</c>.</param>
/// <param name="Unit">Unit.</param>
/// <param name="Description">What it measures and how missing values arise.</param>
public sealed record OutcomeDefinition(string Name, string Unit, string Description);

/// <summary>
/// A model the exploration can run: given a run index and parameter values, it fills per-run outcomes and per-year
/// indicators. A run's results must depend only on (run index, values), so results are identical whatever the
/// thread count or order of execution.
/// </summary>
public interface IExperimentModel
{
    /// <summary>Per-run outcomes, in the order <see cref="IExperimentWorker.Run"/> writes them.</summary>
    IReadOnlyList<OutcomeDefinition> Outcomes { get; }

    /// <summary>Per-year indicators (names), in the order they are written for each year.</summary>
    IReadOnlyList<string> YearlyIndicators { get; }

    /// <summary>Years reported per run (first to last inclusive); yearly rows are written for each.</summary>
    IReadOnlyList<int> Years { get; }

    /// <summary>A worker with its own buffers; each thread uses its own.</summary>
    IExperimentWorker CreateWorker();
}

/// <summary>Runs experiments on one thread, a block of runs at a time (vectorised models fill SIMD lanes), reusing its buffers.</summary>
public interface IExperimentWorker
{
    /// <summary>The most runs <see cref="Run"/> takes at once.</summary>
    int BlockSize { get; }

    /// <summary>
    /// Runs a block of experiments: <paramref name="values"/> holds each run's parameter values (run-major). For the
    /// k-th run it writes <c>Outcomes.Count</c> values at <c>k * Outcomes.Count</c> into <paramref name="outcomes"/>
    /// (NaN = missing, e.g. never crossed) and <c>Years.Count × YearlyIndicators.Count</c> values (year-major) at
    /// <c>k</c> times that into <paramref name="yearly"/>.
    /// </summary>
    void Run(ReadOnlySpan<int> runs, ReadOnlySpan<double> values, Span<double> outcomes, Span<double> yearly);
}
