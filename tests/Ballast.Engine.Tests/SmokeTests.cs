namespace Ballast.Engine.Tests;

public class SmokeTests
{
    [Fact]
    public void Baseline_ensemble_runs_and_reports_finite_kpis()
    {
        var inputs = SyntheticInputs.Baseline(ParameterRegistryLoader.Default);
        var result = EnsembleRunner.Run(inputs, new EnsembleOptions(200, 42, Threads: 2));
        Assert.Equal(200, result.Kpis.Runs);
        foreach (var row in result.Percentiles)
        {
            Assert.True(double.IsFinite(row.P50), $"{row.Indicator} {row.Year} {row.P50}");
        }

        var k = result.Kpis;
        var txt = string.Join("\n", k.Allies.Select(a => $"{a.Code} share={a.FinalShareMedian:F4} c={a.FinalCredibilityMedian:F2} a={a.FinalAlignmentMedian:F2} dup={a.FinalDuplicationMedian:F2} h={a.FinalHedgingMedian:F2} realign={a.ProbabilityRealigned:F3}"));
        File.WriteAllText("/tmp/smoke.txt", $"balance {k.FinalBalance} never {k.ShareNeverCrossing} cross {k.CrossoverYearMedian}\n{txt}\n" +
            string.Join("\n", result.Percentiles.Where(p => p.Indicator is "balance" or "effectiveness" or "adversary_effectiveness" or "share.JPN" or "spending.CHN" or "crisis").Select(p => p.ToString())));
    }
}
