using Ballast.Core.Analytics;
using Ballast.Core.Tests.Support;

namespace Ballast.Core.Tests.Analytics;

public class DistributionsTests
{
    [Fact]
    public void NormalCdf_at_1_96_is_0_975002() => AssertNumbers.Close(0.975002, Distributions.NormalCdf(1.96), 5e-7);

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(-2.0, 0.022750131948179195)]
    [InlineData(3.0, 0.9986501019683699)]
    public void NormalCdf_matches_reference_values(double z, double expected) =>
        AssertNumbers.Close(expected, Distributions.NormalCdf(z), 1e-14);

    [Fact]
    public void NormalTwoSidedP_at_1_96_is_about_0_05() => AssertNumbers.Close(0.0499958, Distributions.NormalTwoSidedP(-1.96), 1e-7);

    [Fact]
    public void StudentT_two_sided_p_for_t_2_with_10_df_is_0_07339() =>
        AssertNumbers.Close(0.07339, Distributions.StudentTTwoSidedP(2.0, 10), 5e-6);

    [Fact]
    public void StudentT_with_one_df_is_the_Cauchy_distribution()
    {
        // Cauchy CDF: 1/2 + atan(t)/π, so F(1) = 0.75 and F(−3) = 0.1024163823495667.
        AssertNumbers.Close(0.75, Distributions.StudentTCdf(1, 1), 1e-14);
        AssertNumbers.Close(0.5 + (Math.Atan(-3) / Math.PI), Distributions.StudentTCdf(-3, 1), 1e-14);
    }

    [Fact]
    public void StudentT_with_three_df_matches_its_closed_form()
    {
        // ν = 3: P(|T| ≥ t) = 1 − (2/π)(θ + sinθ cosθ), θ = atan(t/√3).
        const double t = 2.3094010767585034;
        var theta = Math.Atan(t / Math.Sqrt(3));
        var expected = 1 - (2 / Math.PI * (theta + (Math.Sin(theta) * Math.Cos(theta))));
        AssertNumbers.Close(expected, Distributions.StudentTTwoSidedP(t, 3), 1e-13);
    }

    [Fact]
    public void StudentT_approaches_the_normal_for_many_degrees_of_freedom() =>
        AssertNumbers.Close(Distributions.NormalCdf(1.5), Distributions.StudentTCdf(1.5, 1e7), 1e-7);

    [Fact]
    public void StudentTCdf_is_symmetric() =>
        AssertNumbers.Close(1, Distributions.StudentTCdf(0.7, 4.5) + Distributions.StudentTCdf(-0.7, 4.5), 1e-14);
}
