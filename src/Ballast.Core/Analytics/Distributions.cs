namespace Ballast.Core.Analytics;

/// <summary>
/// Cumulative distribution functions used by the significance tests (standard normal, Student's t), built on
/// <see cref="SpecialFunctions"/>.
/// </summary>
public static class Distributions
{
    /// <summary>The standard normal CDF Φ(z) = erfc(−z/√2)/2.</summary>
    /// <param name="z">Standard score.</param>
    /// <returns>P(Z ≤ z).</returns>
    public static double NormalCdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));

    /// <summary>Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|) = erfc(|z|/√2).</summary>
    /// <param name="z">Standard score.</param>
    /// <returns>The two-sided p-value.</returns>
    public static double NormalTwoSidedP(double z) => SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>The CDF of Student's t distribution with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    /// <param name="t">The statistic.</param>
    /// <param name="degreesOfFreedom">Degrees of freedom, greater than zero (need not be whole).</param>
    /// <returns>P(T ≤ t).</returns>
    public static double StudentTCdf(double t, double degreesOfFreedom)
    {
        var tail = 0.5 * StudentTTwoSidedP(t, degreesOfFreedom);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>Two-sided p-value of a t statistic: P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).</summary>
    /// <param name="t">The statistic.</param>
    /// <param name="degreesOfFreedom">Degrees of freedom ν, greater than zero.</param>
    /// <returns>The two-sided p-value.</returns>
    public static double StudentTTwoSidedP(double t, double degreesOfFreedom)
    {
        if (degreesOfFreedom <= 0 || double.IsNaN(degreesOfFreedom))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "degrees of freedom must be > 0.");
        }

        if (double.IsInfinity(t))
        {
            return 0;
        }

        var nu = degreesOfFreedom;
        return SpecialFunctions.RegularizedBeta(nu / 2, 0.5, nu / (nu + (t * t)));
    }
}
