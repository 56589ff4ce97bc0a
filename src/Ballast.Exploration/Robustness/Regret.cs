using Ballast.Core.Analytics;

namespace Ballast.Exploration.Robustness;

/// <summary>Whether more of an outcome is better.</summary>
public enum Direction
{
    /// <summary>Higher is better (e.g. balance ratio, cohesion).</summary>
    Maximise,

    /// <summary>Lower is better (e.g. duplication, US cost).</summary>
    Minimise,
}

/// <summary>Robustness of one policy over a set of futures.</summary>
/// <param name="Policy">Policy name.</param>
/// <param name="Mean">Mean outcome.</param>
/// <param name="MaxRegret">Largest regret over the futures.</param>
/// <param name="P90Regret">90th-percentile regret.</param>
/// <param name="MeanRegret">Mean regret.</param>
/// <param name="ShareMeetingThreshold">Share of futures in which the outcome meets the threshold (NaN without a threshold).</param>
/// <param name="ShareBest">Share of futures in which this policy is the best (ties count for each tied policy).</param>
public sealed record PolicyRobustness(string Policy, double Mean, double MaxRegret, double P90Regret, double MeanRegret, double ShareMeetingThreshold, double ShareBest);

/// <summary>
/// Regret-based robustness (Savage 1951; as used in Robust Decision Making, Lempert, Popper and Bankes 2003): in each
/// future the regret of a policy is how far its outcome falls short of the best policy in that same future; robust
/// policies have small maximum and high-percentile regret. All policies must be evaluated on the same futures
/// (common random numbers), so the differences are the policies', not the luck of the draw.
/// </summary>
public static class Regret
{
    /// <summary>Regret per policy and future: <c>result[p][f]</c>, ≥ 0.</summary>
    public static double[][] Compute(IReadOnlyList<double[]> outcomes, Direction direction)
    {
        int futures = outcomes.Count == 0 ? 0 : outcomes[0].Length;
        if (outcomes.Any(o => o.Length != futures))
        {
            throw new ArgumentException("every policy needs one outcome per future");
        }

        var regret = outcomes.Select(_ => new double[futures]).ToArray();
        for (int f = 0; f < futures; f++)
        {
            double best = double.NaN;
            foreach (var o in outcomes)
            {
                double v = o[f];
                if (!double.IsNaN(v) && (double.IsNaN(best) || (direction == Direction.Maximise ? v > best : v < best)))
                {
                    best = v;
                }
            }

            for (int p = 0; p < outcomes.Count; p++)
            {
                double v = outcomes[p][f];
                regret[p][f] = double.IsNaN(v) || double.IsNaN(best) ? double.NaN : Math.Abs(best - v);
            }
        }

        return regret;
    }

    /// <summary>Summarises regret per policy; <paramref name="threshold"/> (optional) is the level an outcome must reach (≥ when maximising, ≤ when minimising).</summary>
    public static IReadOnlyList<PolicyRobustness> Summarise(IReadOnlyList<string> policies, IReadOnlyList<double[]> outcomes, Direction direction, double? threshold)
    {
        if (policies.Count != outcomes.Count || policies.Count == 0)
        {
            throw new BallastInputException("give at least one policy", field: "policies");
        }

        var regret = Compute(outcomes, direction);
        var result = new List<PolicyRobustness>();
        for (int p = 0; p < policies.Count; p++)
        {
            var r = regret[p].Where(v => !double.IsNaN(v)).Order().ToArray();
            var o = outcomes[p].Where(v => !double.IsNaN(v)).ToArray();
            double meets = threshold is double t
                ? outcomes[p].Count(v => direction == Direction.Maximise ? v >= t : v <= t) / (double)outcomes[p].Length
                : double.NaN;
            result.Add(new PolicyRobustness(policies[p], o.Length == 0 ? double.NaN : o.Average(),
                r.Length == 0 ? double.NaN : r[^1], Quantiles.Type7(r, 0.9), r.Length == 0 ? double.NaN : r.Average(), meets,
                regret[p].Count(v => v == 0) / (double)Math.Max(1, regret[p].Length)));
        }

        return result;
    }
}
