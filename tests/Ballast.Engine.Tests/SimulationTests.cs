namespace Ballast.Engine.Tests;

public class SimulationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_block_allocates_nothing_once_its_simulation_exists(bool allyStances)
    {
        var inputs = SyntheticInputs.Baseline(TestKit.Registry, b =>
        {
            b.Uncertain.Add(new UncertainParameter("threat_distance_km", new Distribution(DistributionKind.Uniform, 2000, 6000)));
            b.Uncertain.Add(new UncertainParameter("troop_cost", new Distribution(DistributionKind.Uniform, 1e5, 3e5)));
            if (allyStances)
            {
                b.SetAllyStance(2026, b.IndexOf("KOR"), new StanceYear(StanceKind.Disengage, 0, 0, 0.8));
                b.SetAllyStance(2027, b.IndexOf("PHL"), new StanceYear(StanceKind.Conditional, 0.03, 2030, 0.5));
            }
        });
        var sim = new Simulation(new ModelTables(inputs), 8);
        long[] runs = [0, 1, 2, 3, 4, 5, 6, 7];
        for (int warm = 0; warm < 3; warm++)
        {
            sim.Reset(runs, 3);
            sim.RunToHorizon();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        sim.Reset(runs, 4);
        sim.RunToHorizon();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_runs_results_do_not_depend_on_the_runs_simulated_before_it_or_beside_it()
    {
        // No uncertain parameters, so lanes share many arguments of the batched logistics and logarithms, which the kernel
        // remembers from one lane group, year and block to the next; a conditional stance executes threats in some lanes
        // (and random crises hit others), so the arguments also part ways lane by lane.
        var tables = new ModelTables(SyntheticInputs.Baseline(TestKit.Registry, b => b.AddConstantStance("harsh", 1, new StanceYear(StanceKind.Conditional, 0.025, 2028, 0.7))));
        var block = new Simulation(tables, 16);
        block.Reset([.. Enumerable.Range(100, 16).Select(r => (long)r)], 9);
        block.RunToHorizon();
        long[] runs = [.. Enumerable.Range(0, 16).Select(r => (long)r)];
        block.Reset(runs, 3);
        block.RunToHorizon();
        int executed = 0;
        for (int lane = 0; lane < runs.Length; lane++)
        {
            var alone = new Simulation(tables, 1);
            alone.Reset([runs[lane]], 3);
            alone.RunToHorizon();
            for (int k = 0; k <= tables.Inputs.Steps; k++)
            {
                for (int ind = 0; ind < alone.Layout.Count; ind++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(alone.Indicator(ind, k, 0)), BitConverter.DoubleToInt64Bits(block.Indicator(ind, k, lane)));
                }
            }

            executed += Enumerable.Range(0, tables.Inputs.ActorCount).Count(i => block.ThreatExecutedYear(i, lane) is not null);
        }

        Assert.InRange(executed, 1, (tables.Inputs.ActorCount * runs.Length) - 1);
    }
}
