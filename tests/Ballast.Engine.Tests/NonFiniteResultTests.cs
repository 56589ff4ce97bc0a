using Ballast.Core;

namespace Ballast.Engine.Tests;

/// <summary>Parameters that take the model outside finite numbers stop the ensemble with an input error, never a result.</summary>
public class NonFiniteResultTests
{
    [Theory]
    [InlineData(-5.0)]
    [InlineData(1e308)]
    public void A_depreciation_that_makes_the_model_non_finite_stops_the_ensemble(double delta)
    {
        var b = TestKit.Tiny();
        b.Overrides["delta"] = delta;
        var inputs = b.Build(TestKit.Registry);
        var e = Assert.Throws<NonFiniteResultException>(() => EnsembleRunner.Run(inputs, new EnsembleOptions(8, 1)));
        Assert.IsAssignableFrom<BallastInputException>(e);
        Assert.Matches(@"^run \d+ ended with (NaN|-?∞|-?Infinity) in '[^']+': the parameters take the model outside the numbers it can compute", e.Message);
    }

    [Fact]
    public void Ordinary_parameters_run_to_a_result()
    {
        var inputs = TestKit.Tiny().Build(TestKit.Registry);
        Assert.Equal(8, EnsembleRunner.Run(inputs, new EnsembleOptions(8, 1)).Kpis.Runs);
    }
}
