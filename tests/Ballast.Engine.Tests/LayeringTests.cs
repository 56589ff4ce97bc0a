using Ballast.Engine.Random;

namespace Ballast.Engine.Tests;

public class LayeringTests
{
    private static string[] BallastReferences(Type inAssembly) =>
        [.. inAssembly.Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Ballast.", StringComparison.Ordinal)).Order()];

    [Fact]
    public void Core_depends_on_no_other_Ballast_project()
    {
        Assert.Empty(BallastReferences(typeof(ModelInputs)));
    }

    [Fact]
    public void The_engine_depends_on_Core_only()
    {
        Assert.Equal(["Ballast.Core"], BallastReferences(typeof(Simulation)));
        Assert.Same(typeof(Simulation).Assembly, typeof(CounterRng).Assembly);
        Assert.Same(typeof(Simulation).Assembly, typeof(LaneMath).Assembly);
    }
}
