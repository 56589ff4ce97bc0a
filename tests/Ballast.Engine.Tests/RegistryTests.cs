using Ballast.Core;
using Ballast.Engine.Random;

namespace Ballast.Engine.Tests;

public class RegistryTests
{
    [Fact]
    public void Every_model_parameter_has_a_registry_entry_with_a_source_and_vice_versa()
    {
        var reg = TestKit.Registry;
        Assert.Equal(reg.All.Select(p => p.Name).Order(), ParameterBinding.Names.Order());
        foreach (var p in reg.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Source), p.Name);
            Assert.False(string.IsNullOrWhiteSpace(p.Unit), p.Name);
        }

        Assert.Equal(0.89, reg.Value("support_alliances_effective"));
        Assert.Equal(SourceKind.Cited, reg["g_c"].SourceKind);
        Assert.Equal(500, reg.Value("inf_range_min_km"));
        Assert.Equal(5500, reg.Value("inf_range_max_km"));
    }

    [Fact]
    public void Resolve_reads_parameters_by_name()
    {
        var reg = TestKit.Registry.WithOverrides([new("delta", 0.09), new("beta_s", -0.2)]);
        var p = ParameterBinding.Resolve(reg);
        Assert.Equal(0.09, p.Delta);
        Assert.Equal(-0.2, p.BetaS);
        Assert.Equal(0.072, p.GC);
    }

    [Fact]
    public void Unknown_parameter_names_are_rejected_with_close_names()
    {
        var ex = Assert.Throws<BallastInputException>(() => TestKit.Registry.WithOverrides([new("detla", 0.1)]));
        Assert.Contains("delta", ex.Message);
        var b = TestKit.Tiny();
        b.Uncertain.Add(new UncertainParameter("beta_ss", new Distribution(DistributionKind.Uniform, 0, 1)));
        Assert.Contains("beta_s", Assert.Throws<BallastInputException>(() => b.Build(TestKit.Registry)).Message);
    }

    [Theory]
    [InlineData("name,value,distribution,unit,source_kind,source,description\nx,abc,,1,assumption,why,d\n", 2, "value")]
    [InlineData("name,value,distribution,unit,source_kind,source,description\nx,1,,1,guess,why,d\n", 2, "source_kind")]
    [InlineData("name,value,distribution,unit,source_kind,source,description\nx,1,,1,cited,,d\n", 2, "source")]
    [InlineData("name,value,distribution,unit,source_kind,source,description\nx,1,gamma(1;2),1,cited,s,d\n", 2, "distribution")]
    [InlineData("name,value,distribution,unit,source_kind,source,description\nx,1,,1,cited,s,d\nx,2,,1,cited,s,d\n", 3, "name")]
    [InlineData("name,value,distribution,unit,source_kind,source,description\nBad Name,1,,1,cited,s,d\n", 2, "name")]
    [InlineData("name,value,unit\n", 1, "distribution")]
    public void Bad_registry_files_are_rejected_with_line_and_field(string text, int line, string field)
    {
        var ex = Assert.Throws<BallastInputException>(() => ParameterRegistryLoader.Parse(text, "p.csv"));
        Assert.Equal("p.csv", ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Distributions_parse_and_sample_in_range()
    {
        var tri = ParameterRegistryLoader.ParseDistribution("triangular(0.05;0.07;0.1)");
        for (int k = 0; k < 1000; k++)
        {
            Assert.InRange(tri.Sample(CounterRng.Uniform(3, (ulong)k), 0), 0.05, 0.1);
        }

        Assert.Equal(DistributionKind.LogNormal, ParameterRegistryLoader.ParseDistribution("lognormal(0;1)").Kind);
        Assert.Throws<BallastInputException>(() => ParameterRegistryLoader.ParseDistribution("uniform(1)"));
        Assert.Throws<BallastInputException>(() => new Distribution(DistributionKind.Uniform, 2, 1).Validate("x"));
    }

    [Fact]
    public void Bad_model_inputs_are_rejected()
    {
        var b = TestKit.Tiny();
        b.AddConstantStance("a", 0.5, new StanceYear(StanceKind.Reassure, 0, 0, 0));
        Assert.Throws<BallastInputException>(() => b.Build(TestKit.Registry));
        Assert.Throws<BallastInputException>(() => TestKit.Tiny().AddActor(new ActorSpec("USA", Ballast.Core.Countries.CountryRole.Patron, 1, 1, 0.1, 0)));
        var c = TestKit.Tiny();
        c.MissileDeployments.Add(new MissileDeployment("X", 1000, 99, 0, 2025));
        Assert.Throws<BallastInputException>(() => c.Build(TestKit.Registry));
    }
}
