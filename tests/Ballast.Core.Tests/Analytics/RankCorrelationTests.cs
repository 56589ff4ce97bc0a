using Ballast.Core.Analytics;
using Ballast.Core.Tests.Support;

namespace Ballast.Core.Tests.Analytics;

public class RankCorrelationTests
{
    // The hand-computed five-country example (used again in ExploitationTestTests).
    // GDP x = 10, 20, 30, 40, 50 → ranks 1..5; share y = 1.5, 1.2, 2.5, 2.0, 3.0 → ranks 2, 1, 4, 3, 5.
    // Spearman: d = −1, 1, −1, 1, 0; Σd² = 4; ρ = 1 − 6·4/(5·24) = 0.8.
    //   t = 0.8·√(3/0.36) = 2.3094011 on 3 df; p = 1 − (2/π)(θ + sinθcosθ), θ = atan(t/√3) → 0.1040880.
    // Kendall: of the 10 pairs only (1,2) and (3,4) are discordant: C = 8, D = 2, S = 6, τ = 6/10 = 0.6.
    //   Var(S) = 5·4·15/18 = 16.667; z = 6/4.0825 = 1.4697; p = erfc(z/√2) = 0.1416447.
    private static readonly double[] Gdp = [10, 20, 30, 40, 50];
    private static readonly double[] Share = [1.5, 1.2, 2.5, 2.0, 3.0];

    [Fact]
    public void Ranks_give_tied_values_the_average_rank() =>
        Assert.Equal([1.0, 2.5, 2.5, 4.0, 5.0], RankCorrelation.Ranks([1, 7, 7, 9, 12]));

    [Fact]
    public void Ranks_follow_input_order() =>
        Assert.Equal([3.0, 1.0, 2.0], RankCorrelation.Ranks([30, 10, 20]));

    [Fact]
    public void Spearman_matches_the_hand_computed_example()
    {
        var r = RankCorrelation.Spearman(Gdp, Share);
        AssertNumbers.Close(0.8, r.Coefficient, 1e-12);
        Assert.Equal(5, r.N);
        AssertNumbers.Close(2.3094010767585034, r.Statistic, 1e-12);
        AssertNumbers.Close(0.10408803866182781, r.PValue, 1e-10);
    }

    [Fact]
    public void KendallTauB_matches_the_hand_computed_example()
    {
        var r = RankCorrelation.KendallTauB(Gdp, Share);
        AssertNumbers.Close(0.6, r.Coefficient, 1e-12);
        AssertNumbers.Close(1.4696938456699067, r.Statistic, 1e-12);
        AssertNumbers.Close(0.14164469029513682, r.PValue, 1e-10);
    }

    [Fact]
    public void KendallTauB_corrects_for_ties()
    {
        // x = 1, 2, 2, 3; y = 1, 3, 2, 4. Pair signs: +1, +1, +1, 0 (tie in x), +1, +1 → S = 5.
        // n0 = 6, n1 = 1 (one tied pair in x), n2 = 0: τb = 5/√(5·6) = 0.9128709.
        // Var(S) = (4·3·13 − 2·1·9)/18 = 138/18; z = 5/√7.6667 = 1.8057878; p = 0.0709515.
        var r = RankCorrelation.KendallTauB([1, 2, 2, 3], [1, 3, 2, 4]);
        AssertNumbers.Close(5 / Math.Sqrt(30), r.Coefficient, 1e-12);
        AssertNumbers.Close(1.8057877962865378, r.Statistic, 1e-12);
        AssertNumbers.Close(0.07095149242730567, r.PValue, 1e-10);
    }

    [Fact]
    public void Spearman_uses_average_ranks_for_ties()
    {
        // Ranks x = 1, 2.5, 2.5, 4; y = 1, 3, 2, 4: Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5 → ρ = 4.5/√22.5 = 0.9486833.
        var r = RankCorrelation.Spearman([1, 2, 2, 3], [1, 3, 2, 4]);
        AssertNumbers.Close(4.5 / Math.Sqrt(22.5), r.Coefficient, 1e-12);
    }

    [Fact]
    public void A_perfect_monotone_relation_has_coefficient_one_and_p_zero()
    {
        var r = RankCorrelation.Spearman([1, 2, 3, 4], [1, 8, 27, 64]);
        Assert.Equal(1.0, r.Coefficient);
        Assert.Equal(0.0, r.PValue);
        Assert.Equal(1.0, RankCorrelation.KendallTauB([1, 2, 3, 4], [1, 8, 27, 64]).Coefficient);
    }

    [Fact]
    public void A_constant_variable_leaves_the_coefficient_undefined()
    {
        Assert.Null(RankCorrelation.Spearman([1, 2, 3], [5, 5, 5]).Coefficient);
        Assert.Null(RankCorrelation.KendallTauB([1, 2, 3], [5, 5, 5]).Coefficient);
    }

    [Fact]
    public void Spearman_needs_three_pairs_for_a_p_value() =>
        Assert.Null(RankCorrelation.Spearman([1, 2], [3, 4]).PValue);

    [Fact]
    public void Mismatched_lengths_are_rejected() =>
        Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1, 2, 3], [1, 2]));

    [Fact]
    public void Both_coefficients_are_symmetric_in_their_arguments()
    {
        Assert.Equal(RankCorrelation.Spearman(Gdp, Share).Coefficient, RankCorrelation.Spearman(Share, Gdp).Coefficient);
        Assert.Equal(RankCorrelation.KendallTauB(Gdp, Share).Coefficient, RankCorrelation.KendallTauB(Share, Gdp).Coefficient);
    }
}
