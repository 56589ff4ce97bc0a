using System.Collections.Immutable;
using Ballast.Core;
using Ballast.Optimisation.Model;
using Ballast.Optimisation.Solving;
using CsCheck;
using static Ballast.Optimisation.Tests.Instances;

namespace Ballast.Optimisation.Tests;

public class RolesSolverTests
{
    private const double Tol = 1e-6;

    [Fact]
    public void Two_countries_two_missions_specialise_by_comparative_advantage()
    {
        // A is twice as good at m0, B at m1; each budget covers exactly one requirement if spent on its advantage.
        var p = Make([10, 10], new double[,] { { 2, 1 }, { 1, 2 } }, new double[,] { { 20 }, { 20 } });
        var s = RolesSolver.Federated(p);

        Assert.Equal(SolveStatus.Optimal, s.Status);
        Assert.Equal(10, X(p, s, 0, 0, 0), 6);
        Assert.Equal(0, X(p, s, 0, 1, 0), 6);
        Assert.Equal(0, X(p, s, 1, 0, 0), 6);
        Assert.Equal(10, X(p, s, 1, 1, 0), 6);
        Assert.Equal(0, s.TotalGap, 6);
        Assert.Equal(0, s.TotalDuplication, 6);
        Assert.Equal(Gamma * 20, s.Objective, 6); // only money is left in the objective
        Assert.Equal("GLOP", s.Solver);
    }

    [Fact]
    public void Going_it_alone_duplicates_and_the_dividend_is_the_money_saved()
    {
        // Identical countries, each able to cover the whole requirement alone: alone, both do (10 units of
        // duplication, 20 spent); federated, 10 suffices.
        var p = Make([20, 20], new double[,] { { 1 }, { 1 } }, new double[,] { { 10 } });
        var d = RolesSolver.Dividend(p);

        Assert.Equal(20, d.Autonomous.TotalSpend, 6);
        Assert.Equal(10, d.Autonomous.TotalDuplication, 6);
        Assert.Equal(10, d.Federated.TotalSpend, 6);
        Assert.Equal(0, d.Federated.TotalDuplication, 6);
        Assert.Equal(10, d.CheapestCover.TotalSpend, 5);
        Assert.Equal(10, d.Dividend, 5);
        Assert.Equal(10.0 / 80, d.DividendShareOfSpending, 6); // spending = 2 × budget in the instance
        Assert.Equal(0.5, d.DividendShareOfInvestment, 6);
        Assert.Equal(10, d.DuplicationAvoided, 6);
    }

    [Fact]
    public void A_programme_worth_joining_is_joined_and_one_not_worth_it_is_not()
    {
        // Without programmes covering 100 costs 100. P1 (×2 for 10) covers it for 50 + 10 = 60: worth it.
        // P2 (×1.1 for 20) would cost 100/1.1 + 20 ≈ 110.9: not worth it, alone or on top of P1.
        var worth = new ProgrammeOption("p1", 0, [0, 1], 10, 2.0);
        var notWorth = new ProgrammeOption("p2", 0, [0, 1], 20, 1.1);
        var p = Make([60, 60], new double[,] { { 1 }, { 1 } }, new double[,] { { 100 } }, programmes: [worth, notWorth]);
        var s = RolesSolver.Federated(p);

        Assert.Equal("SCIP", s.Solver);
        Assert.Equal("p1", Assert.Single(s.Programmes));
        Assert.Equal(60, s.TotalSpend, 4);
        Assert.Equal(5, s.ProgrammeCost[0], 6); // equal budgets share the fixed cost equally
        Assert.Equal(0, s.TotalGap, 4);
        Assert.Equal(Gamma * 60, s.Objective, 4);

        var alone = RolesSolver.Federated(p with { Programmes = [notWorth] });
        Assert.Empty(alone.Programmes);
        Assert.Equal(100, alone.TotalSpend, 4);
        Assert.Equal(Gamma * 100, alone.Objective, 4);
    }

    [Fact]
    public void A_committed_programme_is_on_even_when_not_worth_it()
    {
        var p = Make([60, 60], new double[,] { { 1 }, { 1 } }, new double[,] { { 100 } },
            programmes: [new ProgrammeOption("p2", 0, [0, 1], 20, 1.1, Committed: true)]);
        var s = RolesSolver.Federated(p);
        Assert.Equal("p2", Assert.Single(s.Programmes));
        Assert.Equal(20 + (100 / 1.1), s.TotalSpend, 3);
    }

    [Fact]
    public void Scaling_all_budgets_and_requirements_scales_the_allocation_and_objective()
    {
        // The LP is positively homogeneous in its right-hand side: x*(λb) = λ x*(b) when the optimum is unique.
        var p = Make([10, 6], new double[,] { { 2, 1 }, { 1, 1.5 } }, new double[,] { { 30, 5 }, { 12, 20 } }, priority: [1, 2]);
        var s1 = RolesSolver.Federated(p);
        const double lambda = 3.7;
        var scaled = p with
        {
            Budget = [.. p.Budget.Select(b => b * lambda)],
            Requirement = [.. p.Requirement.Select(r => r * lambda)],
        };
        var s2 = RolesSolver.Federated(scaled);
        Assert.Equal(lambda * s1.Objective, s2.Objective, 6);
        for (int k = 0; k < s1.Investment.Length; k++)
        {
            Assert.Equal(lambda * s1.Investment[k], s2.Investment[k], 5);
        }
    }

    [Fact]
    public void With_binding_budgets_the_objective_moves_by_the_shadow_price()
    {
        // Gaps everywhere: every budget dollar is spent, and a small extra budget lowers the objective by its dual value.
        var p = Make([10, 6], new double[,] { { 2, 1 }, { 1, 1.5 } }, new double[,] { { 300, 50 }, { 120, 200 } }, priority: [1, 2]);
        var s = RolesSolver.Federated(p);
        Assert.Equal(16, s.TotalSpend, 6);
        const double delta = 0.01;
        for (int i = 0; i < 2; i++)
        {
            var budgets = p.Budget.ToArray();
            budgets[i] += delta;
            var s2 = RolesSolver.Federated(p with { Budget = [.. budgets] });
            Assert.Equal(s.Objective - (s.BudgetValue[i] * delta), s2.Objective, 6);
            Assert.True(s.BudgetValue[i] > 0);
        }

        // Hand check: country 1's best dollar is m1 in theatre 1 (priority 2, yield 1.5): 2 × 1.5 − γ = 2.95.
        Assert.Equal((2 * 1.5) - Gamma, s.BudgetValue[1], 6);
    }

    [Fact]
    public void Federated_is_never_worse_than_autonomous()
    {
        var gen =
            from n in Gen.Int[1, 4]
            from m in Gen.Int[1, 3]
            from t in Gen.Int[1, 3]
            from budget in Gen.Double[0.5, 50].Array[n]
            from prod in Gen.Double[0.2, 2].Array[n * m]
            from reach in Gen.Double[0, 1].Array[n * t]
            from req in Gen.Double[0, 40].Array[m * t]
            from prio in Gen.Double[0.1, 3].Array[t]
            select (n, m, t, budget, prod, reach, req, prio);
        gen.Sample(
            c =>
            {
                var p = new RolesProblem
                {
                    Countries = [.. Enumerable.Range(0, c.n).Select(i => "C" + i)],
                    Missions = [.. Enumerable.Range(0, c.m).Select(i => "m" + i)],
                    Theatres = [.. Enumerable.Range(0, c.t).Select(i => "t" + i)],
                    Budget = [.. c.budget],
                    Spending = [.. c.budget],
                    Productivity = [.. c.prod],
                    Reach = [.. c.reach],
                    Concern = [.. c.reach],
                    Requirement = [.. c.req],
                    Priority = [.. c.prio],
                    GapWeight = Alpha,
                    DuplicationWeight = Beta,
                    MoneyWeight = Gamma,
                };
                if (!Reachable(p))
                {
                    return true;
                }

                var d = RolesSolver.Dividend(p);
                return d.Federated.Objective <= d.Autonomous.Objective + (Tol * (1 + d.Autonomous.Objective))
                    && d.Dividend >= -Tol * (1 + d.Autonomous.TotalSpend)
                    && d.CheapestCover.TotalSpend <= d.Autonomous.TotalSpend + (Tol * (1 + d.Autonomous.TotalSpend));
            },
            iter: 60,
            seed: "4yxVFjPM7YG1");
    }

    [Fact]
    public void Zero_budgets_are_refused_with_a_clear_message()
    {
        var p = Make([0, 0], new double[,] { { 1 }, { 1 } }, new double[,] { { 10 } });
        var e = Assert.Throws<BallastInputException>(() => RolesSolver.Federated(p));
        Assert.Equal("every coalition country has a zero investment budget: there is nothing to allocate", e.Reason);
    }

    [Fact]
    public void A_theatre_nobody_can_reach_is_refused_naming_the_theatre()
    {
        var p = Make([10, 10], new double[,] { { 1 }, { 1 } }, new double[,] { { 10, 10 } }, reach: new double[,] { { 1, 0 }, { 1, 0 } });
        var e = Assert.Throws<BallastInputException>(() => RolesSolver.Federated(p));
        Assert.Equal("theatre 't1' has a requirement and priority 1 but no coalition country with a budget can reach it; give it --priority t1=0 or add a country within range", e.Reason);

        // With priority 0 the same theatre is simply left uncovered.
        var ok = RolesSolver.Federated(p with { Priority = [1, 0] });
        Assert.Equal(10, ok.TotalGap, 6);
    }

    [Fact]
    public void Negative_weights_and_priorities_are_refused()
    {
        var p = Make([10], new double[,] { { 1 } }, new double[,] { { 10 } });
        var dup = Assert.Throws<BallastInputException>(() => RolesSolver.Federated(p with { DuplicationWeight = -0.5 }));
        Assert.Equal("duplication weight of optimiser_duplication_weight is -0.5; it must be a finite number ≥ 0", dup.Reason);
        var prio = Assert.Throws<BallastInputException>(() => RolesSolver.Federated(p with { Priority = [-1] }));
        Assert.Equal("priority", prio.Field);
        var gap = Assert.Throws<BallastInputException>(() => RolesSolver.Federated(p with { GapWeight = 0 }));
        Assert.Contains("gap weight must be greater than 0", gap.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committed_programme_beyond_its_members_budgets_is_infeasible_with_a_message()
    {
        var p = Make([5, 5], new double[,] { { 1 }, { 1 } }, new double[,] { { 10 } },
            programmes: [new ProgrammeOption("too_big", 0, [0, 1], 50, 1.5, Committed: true)]);
        var e = Assert.Throws<BallastInputException>(() => RolesSolver.Federated(p));
        Assert.Equal("no allocation satisfies the budgets. Committed programmes (too_big) must fit in their members' budgets.", e.Reason);
    }

    [Fact]
    public void Ill_formed_programmes_are_refused()
    {
        var p = Make([10, 10], new double[,] { { 1 }, { 1 } }, new double[,] { { 10 } });
        Assert.Throws<BallastInputException>(() => RolesSolver.Federated(p with { Programmes = [new ProgrammeOption("solo", 0, [0], 1, 1.2)] }));
        var e = Assert.Throws<BallastInputException>(() => RolesSolver.Federated(p with { Programmes = [new ProgrammeOption("shrink", 0, [0, 1], 1, 0.8)] }));
        Assert.Equal("programme 'shrink' has capability multiplier 0.8; it must be at least 1", e.Reason);
    }

    [Fact]
    public void Solving_twice_gives_identical_numbers()
    {
        var p = Make([10, 6, 3], new double[,] { { 2, 1 }, { 1, 1.5 }, { 1, 1 } }, new double[,] { { 30, 5 }, { 12, 20 } },
            programmes: [new ProgrammeOption("p", 1, [1, 2], 1, 1.3)]);
        var a = RolesSolver.Dividend(p);
        var b = RolesSolver.Dividend(p);
        Assert.Equal(a.Federated.Investment.AsEnumerable(), b.Federated.Investment.AsEnumerable());
        Assert.Equal(a.Dividend, b.Dividend);
    }

    private static bool Reachable(RolesProblem p)
    {
        for (int t = 0; t < p.T; t++)
        {
            bool any = Enumerable.Range(0, p.N).Any(i => p.Reach[(i * p.T) + t] > RolesProblem.NegligibleYield);
            if (!any)
            {
                return false;
            }
        }

        return true;
    }
}
