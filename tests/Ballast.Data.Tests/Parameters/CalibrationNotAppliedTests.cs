using Ballast.Data.Csv;
using Ballast.Data.Parameters;

namespace Ballast.Data.Tests.Parameters;

public class CalibrationNotAppliedTests
{
    [Fact]
    public void An_estimate_marked_not_applied_keeps_the_registry_assumption_and_records_why()
    {
        var registry = ParameterRegistryLoader.Default;
        var csv = string.Join(',', CalibrationFile.Columns) + "\n" +
                  "1,beta_s,0.5,0.2,0.1,0.9,1993,2024,100,\"AUS JPN\",0.8,\"within\",no,\"sign not identified\"\n" +
                  "1,lambda,0.07,0.02,0.03,0.11,1993,2024,100,\"AUS JPN\",0.8,\"within\",yes,\"\"\n";
        var values = CalibrationFile.Parse(CsvTable.Parse("c.csv", new StringReader(csv)));
        var applied = CalibrationFile.Apply(registry, values);
        Assert.Equal(registry["beta_s"].Value, applied["beta_s"].Value);
        Assert.EndsWith("Calibration 1993-2024 gave 0.5 ± 0.2, not adopted: sign not identified", applied["beta_s"].Source);
        Assert.Equal(0.07, applied["lambda"].Value);
        Assert.Equal(Ballast.Core.Parameters.SourceKind.Calibrated, applied["lambda"].SourceKind);
    }

    [Fact]
    public void The_shipped_registry_keeps_beta_s_free_riding_and_adopts_lambda()
    {
        var p = ParameterRegistryLoader.Default;
        Assert.True(p["beta_s"].Value < 0);
        Assert.NotEqual(Ballast.Core.Parameters.SourceKind.Calibrated, p["beta_s"].SourceKind);
        Assert.Equal(Ballast.Core.Parameters.SourceKind.Calibrated, p["lambda"].SourceKind);
    }

    [Fact]
    public void The_shipped_registry_keeps_the_unidentified_beta_y_assumed_and_every_behavioural_assumption_says_why()
    {
        // β_Y moves from −0.33 to +1.80 with the fit window (docs/calibration.md): the near-one assumption stays, with its range.
        var p = ParameterRegistryLoader.Default;
        Assert.Equal(1, p["beta_y"].Value);
        Assert.Equal(Ballast.Core.Parameters.SourceKind.Assumption, p["beta_y"].SourceKind);
        Assert.Contains("not adopted: not identified", p["beta_y"].Source, StringComparison.Ordinal);
        Assert.Equal(Ballast.Core.Parameters.SourceKind.Calibrated, p["beta_t"].SourceKind);
        foreach (var name in new[] { "theta0", "theta1", "theta2", "hedging_rate", "gamma", "duplication_bias", "c_reassure", "alignment_rate", "realign_alpha1", "q_support" })
        {
            Assert.Contains("Assumed, not estimated", p[name].Source, StringComparison.Ordinal);
            Assert.NotNull(p[name].Distribution);
        }
    }
}
