using Ballast.Cli;
using Ballast.Data.Parameters;

namespace Ballast.Calibration.Tests;

public class CliTests
{
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = BallastCli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Unknown_group_fails_with_a_clear_message()
    {
        var (code, _, err) = Run("calibrate", "--group", "warsaw-pact");
        Assert.Equal(2, code);
        Assert.Contains("unknown group 'warsaw-pact'. Known groups:", err, StringComparison.Ordinal);
        Assert.Contains("euro-atlantic", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_window_without_data_fails_with_a_clear_message()
    {
        var (code, _, err) = Run("backtest", "--fit-until", "1950", "--horizon", "3");
        Assert.Equal(2, code);
        Assert.Contains("not enough data to calibrate in the fit window start–1950", err, StringComparison.Ordinal);
    }

    [Fact]
    public void From_after_fit_until_is_rejected()
    {
        var (code, _, err) = Run("calibrate", "--from", "2010", "--fit-until", "2005");
        Assert.Equal(2, code);
        Assert.Contains("--from 2010 is after --fit-until 2005", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_spending_series_lists_the_allowed_values()
    {
        var (code, _, err) = Run("calibrate", "--spending", "cow");
        Assert.Equal(2, code);
        Assert.Contains("allowed: sipri, long", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Rest_point_intercepts_are_no_longer_offered()
    {
        // The back-test starts on the balanced-growth path like the engine; the old "equilibrium" (rest-point) start is gone.
        var (code, _, err) = Run("backtest", "--fit-until", "2014", "--intercepts", "equilibrium");
        Assert.Equal(2, code);
        Assert.Contains("unknown intercept rule; allowed: balanced-growth, fitted", err, StringComparison.Ordinal);
        Assert.Contains("--intercepts", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_on_an_actor_set_reports_estimates_as_csv()
    {
        var (code, output, _) = Run("calibrate", "--group", "euro-atlantic", "--fit-until", "2014", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("parameter,symbol,estimate,std_error", lines[0], StringComparison.Ordinal);
        Assert.Equal(["beta_y", "beta_t", "beta_s", "lambda", "sigma_m"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Backtest_reports_every_horizon_and_a_pooled_row()
    {
        var (code, output, err) = Run("backtest", "--fit-until", "2014", "--horizon", "3", "--runs", "200", "--format", "csv");
        Assert.True(code == 0, err);
        var scopes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(["h=1", "h=2", "h=3"], scopes.Take(3));
        Assert.Equal("pooled", scopes[^1]);
        Assert.Contains("JPN", scopes);
    }

    [Fact]
    public void Registry_marks_the_demand_parameters_calibrated_with_their_fit_window()
    {
        var lambda = ParameterRegistryLoader.Default["lambda"];
        Assert.Equal(Ballast.Core.Parameters.SourceKind.Calibrated, lambda.SourceKind);
        Assert.StartsWith("calibrated 1993-2024: ", lambda.Source, StringComparison.Ordinal);
        Assert.Contains(" ± ", lambda.Source, StringComparison.Ordinal);
        Assert.NotNull(lambda.Distribution);
        Assert.Equal(Ballast.Core.Parameters.SourceKind.Assumption, ParameterRegistryLoader.Default["beta_p"].SourceKind);
    }

    [Fact]
    public void Calibration_file_round_trips()
    {
        var v = new CalibratedValue("lambda", 0.1, 0.02, 0.06, 0.14, 1993, 2014, 500, "JPN KOR", 0.8, "within, \"jackknife\"");
        var text = CalibrationFile.Format([v]);
        var table = Ballast.Data.Csv.CsvTable.Parse("x.csv", new StringReader(text));
        Assert.Equal(v, CalibrationFile.Parse(table).Single());
    }
}
