using Ballast.Exploration.Sampling;

namespace Ballast.Exploration.Sensitivity;

/// <summary>Morris screening measures of one parameter.</summary>
/// <param name="Parameter">Parameter name.</param>
/// <param name="Mu">μ: mean elementary effect (signed; effects of opposite signs cancel).</param>
/// <param name="MuStar">μ*: mean absolute elementary effect (Campolongo, Cariboni and Saltelli 2007), the ranking measure.</param>
/// <param name="MuStarHalfWidth">Bootstrap half-width of μ* (z × sd of resampled μ*).</param>
/// <param name="Sigma">σ: standard deviation of the elementary effects (non-linearity or interactions).</param>
/// <param name="Effects">Number of elementary effects (one per trajectory).</param>
public sealed record MorrisIndex(string Parameter, double Mu, double MuStar, double MuStarHalfWidth, double Sigma, int Effects);

/// <summary>
/// Morris elementary-effects screening (Morris 1991, "Factorial sampling plans for preliminary computational
/// experiments", Technometrics 33, 161–174; μ* from Campolongo et al. 2007). Each trajectory of D+1 rows moves one
/// parameter at a time; the elementary effect is Δy / Δx with Δx measured on the design's scale.
/// </summary>
public static class MorrisAnalysis
{
    /// <summary>Analyses a trajectory design <paramref name="x"/> (rows × D, row-major) with outcomes <paramref name="y"/>.</summary>
    public static IReadOnlyList<MorrisIndex> Analyze(ReadOnlySpan<double> x, ReadOnlySpan<double> y, IReadOnlyList<string> parameters,
        int resamples = 1000, double confidence = 0.95, ulong seed = 0)
    {
        int d = parameters.Count;
        int rows = y.Length;
        if (d < 1 || x.Length != rows * d || rows % (d + 1) != 0 || rows == 0)
        {
            throw new BallastInputException($"{rows} rows do not form Morris trajectories for {d} parameters: need a multiple of {d + 1} rows", field: "design");
        }

        int r = rows / (d + 1);
        var effects = new double[d][];
        for (int j = 0; j < d; j++)
        {
            effects[j] = new double[r];
        }

        var seen = new bool[d];
        for (int t = 0; t < r; t++)
        {
            Array.Clear(seen);
            for (int k = 0; k < d; k++)
            {
                int row = (t * (d + 1)) + k;
                int changed = -1;
                for (int j = 0; j < d; j++)
                {
                    if (Math.Abs(x[((row + 1) * d) + j] - x[(row * d) + j]) > 1e-12)
                    {
                        if (changed >= 0)
                        {
                            throw NotMorris(t, row, "more than one parameter changes");
                        }

                        changed = j;
                    }
                }

                if (changed < 0)
                {
                    throw NotMorris(t, row, "no parameter changes");
                }

                if (seen[changed])
                {
                    throw NotMorris(t, row, $"parameter '{parameters[changed]}' moves twice in the trajectory");
                }

                seen[changed] = true;
                double dy = y[row + 1] - y[row];
                if (!double.IsFinite(dy))
                {
                    throw new BallastInputException($"the outcome is missing or not finite in trajectory {t} (rows {row}–{row + 1}); Morris effects need a value in every run", field: "--outcome");
                }

                effects[changed][t] = dy / (x[((row + 1) * d) + changed] - x[(row * d) + changed]);
            }
        }

        double z = Statistics.NormalQuantile(0.5 + (confidence / 2));
        var result = new MorrisIndex[d];
        for (int j = 0; j < d; j++)
        {
            var e = effects[j];
            double mu = e.Average();
            double muStar = e.Average(Math.Abs);
            double sigma = Statistics.StdDev(e);
            var boot = new double[Math.Max(0, resamples)];
            ulong counter = 0;
            for (int b = 0; b < boot.Length; b++)
            {
                double s = 0;
                for (int i = 0; i < r; i++)
                {
                    s += Math.Abs(e[CounterHash.Below(r, seed, 0x4D53_0000UL + (ulong)j, ref counter)]);
                }

                boot[b] = s / r;
            }

            result[j] = new MorrisIndex(parameters[j], mu, muStar, boot.Length >= 2 ? z * Statistics.StdDev(boot) : double.NaN, sigma, r);
        }

        return result;
    }

    private static BallastInputException NotMorris(int t, int row, string why) =>
        new($"rows {row + 1} and {row + 2} (trajectory {t + 1}) are not a Morris step: {why}", field: "design", value: row.ToString(CultureInfo.InvariantCulture));
}
