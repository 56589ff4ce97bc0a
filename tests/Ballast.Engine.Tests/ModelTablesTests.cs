namespace Ballast.Engine.Tests;

public class ModelTablesTests
{
    // Changes links, hosting and a stance every year, so a simulation that wrote into the shared tables would leak them.
    private sealed class Rearranges : IDecisionOverride
    {
        public void Decide(YearDecisions d)
        {
            d.SetHosting(7, 5);
            d.SetLink(4, 5, 1);
            d.SetStance(0, new StanceYear(StanceKind.Disengage, 0, 0, 1));
        }
    }

    private static ModelInputs Inputs() => SyntheticInputs.Baseline(TestKit.Registry, b =>
    {
        b.Uncertain.Add(new UncertainParameter("threat_distance_km", new Distribution(DistributionKind.Uniform, 2000, 6000)));
        b.Uncertain.Add(new UncertainParameter("troop_cost", new Distribution(DistributionKind.Uniform, 1e5, 3e5)));
    });

    // The balance ratio of every year (year-major) for each run.
    private static double[] Balance(Simulation sim, long[] runs, IDecisionOverride? over = null)
    {
        sim.Reset(runs, 7);
        sim.RunToHorizon(over);
        var balance = sim.Layout.Of(CoalitionIndicator.Balance);
        return [.. Enumerable.Range(0, sim.Inputs.Steps + 1).SelectMany(t => sim.IndicatorLanes(balance, t)[..runs.Length].ToArray())];
    }

    [Fact]
    public void Simulations_sharing_tables_give_the_bits_of_simulations_with_their_own()
    {
        var inputs = Inputs();
        long[] runs = [3, 4, 5, 6, 7, 8, 9, 10];
        var own = Balance(new Simulation(inputs, 8), runs);
        var tables = new ModelTables(inputs);
        var first = Balance(new Simulation(tables, 8), runs);
        var second = Balance(new Simulation(tables, 4), [.. runs.Take(4)]);
        Assert.Equal(own, first);
        Assert.Equal(own.Chunk(8).SelectMany(year => year[..4]), second);
    }

    [Fact]
    public void An_override_changes_its_own_simulation_and_never_the_shared_tables()
    {
        var inputs = Inputs();
        long[] runs = [0, 1, 2, 3];
        var tables = new ModelTables(inputs);
        var before = Balance(new Simulation(tables, 4), runs);
        var steered = new Simulation(tables, 4);
        var changed = Balance(steered, runs, new Rearranges());
        Assert.NotEqual(before, changed);
        Assert.Equal(before, Balance(new Simulation(tables, 4), runs));
        Assert.Equal(before, Balance(steered, runs));
    }

    [Fact]
    public void Tables_hold_the_inputs_they_were_built_from_and_their_indicator_layout()
    {
        var inputs = Inputs();
        var tables = new ModelTables(inputs);
        Assert.Same(inputs, tables.Inputs);
        Assert.Equal(new IndicatorLayout(inputs.Codes).Names, tables.Layout.Names);
        Assert.Same(tables.Layout, new Simulation(tables, 4).Layout);
    }
}
