namespace Ballast.Engine.Tests;

/// <summary>
/// Simulations kept between ensembles of different inputs of the same shape (<see cref="SimulationPool"/>): a rebound
/// simulation must give the bits of a new simulation of its new tables.
/// </summary>
public class SimulationPoolTests
{
    // A horizon and a block size no other test uses, so no test running in parallel takes this shape's simulation.
    private const int Horizon = 2029;
    private const int Block = 40;

    private static ModelInputs Tiny(double dependence, double sigma)
    {
        var b = TestKit.Tiny(Horizon, dependence: dependence);
        b.Overrides["sigma_m"] = sigma;
        return b.Build(TestKit.Registry);
    }

    private static Simulation Run(Simulation sim, ulong seed)
    {
        sim.Reset([.. Enumerable.Range(0, Block).Select(i => (long)i)], seed);
        sim.RunToHorizon();
        return sim;
    }

    private static long[] Bits(Simulation sim) =>
        [.. from ind in Enumerable.Range(0, sim.Layout.Count)
            from year in Enumerable.Range(0, sim.Inputs.Steps + 1)
            from lane in Enumerable.Range(0, Block)
            select BitConverter.DoubleToInt64Bits(sim.Indicator(ind, year, lane))];

    [Fact]
    public void A_simulation_rebound_to_other_inputs_of_the_same_shape_gives_a_new_simulations_bits()
    {
        var first = new ModelTables(Tiny(0.2, 0.05));
        var second = new ModelTables(Tiny(0.6, 0.12));
        var kept = Run(SimulationPool.Rent(first, Block), 7);
        var firstBits = Bits(kept);
        SimulationPool.Return(kept);

        var rebound = SimulationPool.Rent(second, Block);
        Assert.Same(kept, rebound);
        Assert.Same(second.Inputs, rebound.Inputs);
        var reboundBits = Bits(Run(rebound, 7));

        Assert.Equal(Bits(Run(new Simulation(second, Block), 7)), reboundBits);
        Assert.NotEqual(firstBits, reboundBits); // the inputs differ, so a simulation still reading the first tables would fail above
        SimulationPool.Return(rebound);
    }

    [Fact]
    public void Inputs_of_another_shape_get_a_simulation_of_their_own()
    {
        var tiny = new ModelTables(Tiny(0.2, 0.05));
        var longer = new ModelTables(TestKit.Tiny(Horizon + 1).Build(TestKit.Registry));
        var kept = SimulationPool.Rent(tiny, Block);
        SimulationPool.Return(kept);

        var other = SimulationPool.Rent(longer, Block);
        Assert.NotSame(kept, other);
        Assert.Equal(longer.Inputs.Steps, other.Inputs.Steps);
        Assert.Equal(Bits(Run(new Simulation(longer, Block), 3)), Bits(Run(other, 3)));
    }
}
