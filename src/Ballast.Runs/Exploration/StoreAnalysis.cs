using Ballast.Exploration.Discovery;
using Ballast.Store;

namespace Ballast.Runs.Exploration;

/// <summary>What sensitivity analysis and scenario discovery read from a results store; shared by the CLI and the web API.</summary>
public static class StoreAnalysis
{
    /// <summary>
    /// One outcome per design row: a per-run outcome, or with <paramref name="year"/> a yearly indicator in that year.
    /// <paramref name="outcomeField"/> and <paramref name="yearField"/> name the caller's inputs in errors.
    /// </summary>
    public static double[] Outcome(ResultStore results, string name, int? year, string outcomeField = "outcome", string yearField = "year")
    {
        if (year is int y)
        {
            var known = results.YearlyIndicators;
            if (!known.Contains(name))
            {
                throw new BallastInputException($"unknown yearly indicator '{name}'; known: {string.Join(", ", known)}", field: outcomeField, value: name);
            }

            var values = results.Column("outcomes_yearly", name, $"year = {y.ToString(CultureInfo.InvariantCulture)}");
            return values.Length == results.DesignRows ? values
                : throw new BallastInputException($"no yearly rows for {y}; years: {results.Manifest["years"]}", field: yearField, value: y.ToString(CultureInfo.InvariantCulture));
        }

        var outcomes = results.Outcomes.Select(o => o.Name).ToList();
        return outcomes.Contains(name) ? results.Column("outcomes", name)
            : throw new BallastInputException($"unknown outcome '{name}'; known outcomes: {string.Join(", ", outcomes)} (or a yearly indicator with --year: {string.Join(", ", results.YearlyIndicators)})", field: outcomeField, value: name);
    }

    /// <summary>
    /// The inputs of scenario discovery: each parameter's values over the finished runs (in run order) and whether each
    /// run meets <paramref name="condition"/>. Throws when the store has no finished run.
    /// </summary>
    public static (double[][] X, bool[] Y) Discovery(ResultStore results, Condition condition)
    {
        var runs = results.CompletedRunsOrdered();
        if (runs.Length == 0)
        {
            throw new BallastInputException("the store has no finished runs", file: results.Path);
        }

        var done = runs.ToHashSet();
        var x = results.Parameters.Select(n => results.Column("experiments", n).Where((_, i) => done.Contains(i)).ToArray()).ToArray();
        var columns = condition.Outcomes.ToDictionary(o => o, o => results.Column("outcomes", o));
        return (x, condition.Evaluate(columns));
    }
}
