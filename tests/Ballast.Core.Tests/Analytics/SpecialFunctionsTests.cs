using Ballast.Core.Analytics;
using Ballast.Core.Tests.Support;

namespace Ballast.Core.Tests.Analytics;

public class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(5.0, 3.1780538303479458)] // ln 24
    [InlineData(0.5, 0.57236494292470008)] // ln √π
    [InlineData(10.5, 13.940625219403763)]
    [InlineData(0.1, 2.2527126517342059)]
    public void LogGamma_matches_reference_values(double x, double expected) =>
        AssertNumbers.Close(expected, SpecialFunctions.LogGamma(x), 1e-12);

    [Fact]
    public void RegularizedBeta_matches_the_binomial_sum_for_integer_shapes()
    {
        // I_0.4(2, 3) = Σ_{j=2..4} C(4,j) 0.4^j 0.6^(4−j) = 0.3456 + 0.1536 + 0.0256 = 0.5248.
        AssertNumbers.Close(0.5248, SpecialFunctions.RegularizedBeta(2, 3, 0.4), 1e-13);
        AssertNumbers.Close(1 - 0.5248, SpecialFunctions.RegularizedBeta(3, 2, 0.6), 1e-13);
    }

    [Fact]
    public void RegularizedBeta_is_zero_and_one_at_the_ends() =>
        Assert.Equal((0.0, 1.0), (SpecialFunctions.RegularizedBeta(2.5, 0.5, 0), SpecialFunctions.RegularizedBeta(2.5, 0.5, 1)));

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(20.0)]
    public void RegularizedGammaP_of_shape_one_is_the_exponential_cdf(double x) =>
        AssertNumbers.Close(1 - Math.Exp(-x), SpecialFunctions.RegularizedGammaP(1, x), 1e-14);

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(-1.0, 1.8427007929497148)]
    [InlineData(0.5, 0.4795001221869535)]
    public void Erfc_matches_reference_values(double x, double expected) =>
        AssertNumbers.Close(expected, SpecialFunctions.Erfc(x), 1e-14);

    [Fact]
    public void Erfc_keeps_relative_accuracy_far_in_the_tail() =>
        AssertNumbers.RelativelyClose(1.5374597944280351e-12, SpecialFunctions.Erfc(5), 1e-10);

    [Fact]
    public void Erf_is_odd()
    {
        AssertNumbers.Close(0.5204998778130465, SpecialFunctions.Erf(0.5), 1e-14);
        AssertNumbers.Close(-0.5204998778130465, SpecialFunctions.Erf(-0.5), 1e-14);
    }

    [Fact]
    public void LogGamma_rejects_non_positive_arguments() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogGamma(0));
}
