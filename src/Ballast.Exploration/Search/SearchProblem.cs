namespace Ballast.Exploration.Search;

/// <summary>A decision variable of a search: a real lever between its bounds.</summary>
/// <param name="Name">Name shown in results (a scenario lever's key, e.g. <c>burden.JPN</c>).</param>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound (above <paramref name="Lower"/>).</param>
public sealed record SearchVariable(string Name, double Lower, double Upper);

/// <summary>An objective of a search; every objective is minimised (negate one to maximise it).</summary>
/// <param name="Name">Name shown in results.</param>
/// <param name="Epsilon">Resolution that matters to the analyst: solutions closer than this in every objective are one
/// choice (ε-dominance, Laumanns et al. 2002); must be positive.</param>
public sealed record SearchObjective(string Name, double Epsilon);

/// <summary>
/// A many-objective problem: candidates are evaluated a generation at a time, so the problem can run them in parallel
/// (e.g. every candidate over the same futures, with common random numbers).
/// </summary>
public interface ISearchProblem
{
    /// <summary>Decision variables (levers) with their bounds.</summary>
    IReadOnlyList<SearchVariable> Variables { get; }

    /// <summary>Objectives, all minimised.</summary>
    IReadOnlyList<SearchObjective> Objectives { get; }

    /// <summary>Number of constraints; a candidate is feasible when every violation is 0.</summary>
    int Constraints { get; }

    /// <summary>
    /// Evaluates candidates: writes <c>objectives[c][o]</c> and <c>violations[c][k]</c> (≥ 0, 0 when the constraint
    /// holds). Must depend only on the candidate's values, not on the batch or the thread count.
    /// </summary>
    void Evaluate(IReadOnlyList<double[]> candidates, double[][] objectives, double[][] violations);
}

/// <summary>One evaluated candidate.</summary>
/// <param name="Values">Decision variables.</param>
/// <param name="Objectives">Objective values (minimised).</param>
/// <param name="Violation">Sum of the constraint violations (0 = feasible).</param>
public sealed record SearchSolution(double[] Values, double[] Objectives, double Violation)
{
    /// <summary>True when every constraint holds.</summary>
    public bool Feasible => Violation <= 0;
}
