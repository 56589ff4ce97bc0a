using System.Collections.Immutable;
using Ballast.Optimisation.Model;

namespace Ballast.Optimisation.Tests;

/// <summary>Small hand-built problems whose optimum is known.</summary>
internal static class Instances
{
    public const double Alpha = 1, Beta = 0.25, Gamma = 0.05;

    /// <summary>A problem with reach 1 and concern 1 everywhere, unless given.</summary>
    public static RolesProblem Make(
        double[] budget,
        double[,] productivity,
        double[,] requirement,
        double[]? priority = null,
        double[,]? reach = null,
        ImmutableArray<ProgrammeOption>? programmes = null)
    {
        int n = budget.Length, m = productivity.GetLength(1), t = requirement.GetLength(1);
        var prod = new double[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < m; k++)
            {
                prod[(i * m) + k] = productivity[i, k];
            }
        }

        var r = new double[n * t];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < t; k++)
            {
                r[(i * t) + k] = reach?[i, k] ?? 1;
            }
        }

        var req = new double[m * t];
        for (int k = 0; k < m; k++)
        {
            for (int j = 0; j < t; j++)
            {
                req[(k * t) + j] = requirement[k, j];
            }
        }

        return new RolesProblem
        {
            Countries = [.. Enumerable.Range(0, n).Select(i => ((char)('A' + i)).ToString())],
            Missions = [.. Enumerable.Range(0, m).Select(k => "m" + k)],
            Theatres = [.. Enumerable.Range(0, t).Select(k => "t" + k)],
            Budget = [.. budget],
            Spending = [.. budget.Select(b => b * 2)],
            Productivity = [.. prod],
            Reach = [.. r],
            Concern = [.. r],
            Requirement = [.. req],
            Priority = [.. priority ?? Enumerable.Repeat(1.0, t).ToArray()],
            GapWeight = Alpha,
            DuplicationWeight = Beta,
            MoneyWeight = Gamma,
            Programmes = programmes ?? [],
        };
    }

    public static double X(RolesProblem p, Solving.RolesSolution s, int i, int m, int t) => s.Investment[(((i * p.M) + m) * p.T) + t];
}
