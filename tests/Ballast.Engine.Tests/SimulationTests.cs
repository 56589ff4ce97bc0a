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
}
