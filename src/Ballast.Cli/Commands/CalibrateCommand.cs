using Ballast.Calibration;
using Ballast.Calibration.Estimation;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast calibrate</c>: estimates the ally-demand equation by fixed-effects panel regression and writes the calibration file.</summary>
public static class CalibrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var selected = new CountryOptions($"'{CountrySelection.AllAllies}'");
        var from = new Option<int?>("--from") { Description = "First year of the dependent variable (default: first with data)." };
        var until = new Option<int?>("--fit-until") { Description = "Last year of the dependent variable (default: last with data)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the estimates as a calibration file (e.g. data/calibration.csv, read by the parameter registry)." };
        var spending = SpendingOption();
        var correction = CorrectionOption();
        var method = new Option<string>("--method")
        {
            Description = "Estimator: within (fixed-effects regression with --correction; default) or indirect-inference (simulates the panel with the engine's equation and matches the within regression's statistics; corrects the Nickell bias by simulation).",
            DefaultValueFactory = _ => "within",
        };
        var simulations = new Option<int>("--simulations") { Description = "Simulated panels per evaluation for indirect inference (default 20).", DefaultValueFactory = _ => IndirectInference.DefaultSimulations };
        var print = new OutputOptions();
        return BallastCli.Command(ctx, "calibrate", "Estimate the ally-demand equation (β_Y, β_T, β_S, λ, σ_M) by panel regression with country fixed effects and clustered standard errors, or by indirect inference.",
            ["ballast calibrate", "ballast calibrate --group nato --fit-until 2019 --format json", "ballast calibrate --method indirect-inference --out data/calibration.csv"],
            [selected.Countries, selected.Group, from, until, output, spending, correction, method, simulations, .. print.Symbols], p =>
        {
            bool indirect = p.GetValue(method)?.Trim().ToLowerInvariant() switch
            {
                "within" => false,
                "indirect-inference" => true,
                var other => throw new BallastInputException("unknown method; allowed: within, indirect-inference", field: "--method", value: other),
            };
            OutputLocation.FilePath(p.GetValue(output), "--out");
            var (selection, data, settings) = Inputs(p.GetValue(selected.Countries), p.GetValue(selected.Group), p.GetValue(until), ParseSpending(p.GetValue(spending)));
            var request = new CalibrationRequest(selection, p.GetValue(from), p.GetValue(until), settings.Spending, ParseCorrection(p.GetValue(correction)));
            var (estimate, panel) = DemandCalibration.Calibrate(data, request, settings);
            string? ii = null;
            if (indirect)
            {
                var fit = IndirectInference.Fit(panel, p.GetValue(from), p.GetValue(until), settings.Spending, p.GetValue(simulations));
                estimate = fit.Estimate;
                ii = string.Create(CultureInfo.InvariantCulture, $"indirect inference ({fit.Simulations} simulated panels per evaluation of the engine's equation, moments: within coefficients of ln M(t), ln Y, ln(1+T), ln(1+S/M0) and residual s.d., weight: inverse covariance of the moments, Nelder-Mead; covariance (1+1/S) J^-1 Sigma J^-T)");
            }

            var values = ToCalibratedValues(estimate, settings.Spending, ii);
            if (p.GetValue(output) is { } path)
            {
                WriteAtomically(path, CalibrationFile.Format(values));
            }

            print.Write(p, ctx, Document(estimate, settings.Spending, ii));
            if (p.GetValue(output) is { } written)
            {
                ctx.Err.WriteLine($"wrote {written}");
            }

            return 0;
        });
    }

    /// <summary><c>--spending sipri|long</c>.</summary>
    internal static Option<string> SpendingOption() => new("--spending")
    {
        Description = "Spending series: long (SIPRI constant 2023 US$ back-cast to 1960+ with World Bank share x GDP; default) or sipri (SIPRI years only, 2001+).",
        DefaultValueFactory = _ => "long",
    };

    /// <summary><c>--correction jackknife|none</c>.</summary>
    internal static Option<string> CorrectionOption() => new("--correction")
    {
        Description = "Nickell-bias correction: jackknife (split-panel jackknife; default) or none.",
        DefaultValueFactory = _ => "jackknife",
    };

    /// <summary>Parses the spending series word.</summary>
    internal static SpendingSeries ParseSpending(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "sipri" => SpendingSeries.Sipri,
        "long" or null => SpendingSeries.Long,
        _ => throw new BallastInputException("unknown spending series; allowed: sipri, long", field: "--spending", value: text),
    };

    /// <summary>Parses the correction word.</summary>
    internal static BiasCorrection ParseCorrection(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "jackknife" or null => BiasCorrection.SplitPanelJackknife,
        "none" => BiasCorrection.None,
        _ => throw new BallastInputException("unknown correction; allowed: jackknife, none", field: "--correction", value: text),
    };

    /// <summary>The countries, the historical inputs and the regressor settings (from the parameter registry).</summary>
    internal static (IReadOnlyList<string> Selection, HistoricalInputs Data, DemandSettings Settings) Inputs(string? countries, string? group, int? year, SpendingSeries spending)
    {
        var selection = Countries(countries, group ?? (countries is null ? CountrySelection.AllAllies : null), year);
        var registry = ParameterRegistryLoader.Default;
        return (selection, HistoricalInputs.Default, DemandSettings.From(registry.Value, spending));
    }

    /// <summary><c>--countries</c> or <c>--group</c> (<see cref="CountrySelection"/>), group membership as of the year, capped at the panel's last year.</summary>
    internal static IReadOnlyList<string> Countries(string? countries, string? group, int? year)
    {
        var panel = PanelBuilder.Default;
        return CommonOptions.Selection(countries, group, Math.Min(year ?? panel.LastYear, panel.LastYear), panel, userData: false);
    }

    /// <summary>The estimates as calibration-file rows.</summary>
    public static IReadOnlyList<CalibratedValue> ToCalibratedValues(DemandEstimate e, SpendingSeries spending, string? indirect = null)
    {
        string countries = string.Join(' ', e.Countries);
        string method = Method(e, spending, indirect);
        CalibratedValue Row(Estimate x) => new(x.Name, x.Value, x.StdError, x.Low, x.High, e.FromYear, e.UntilYear, e.N, countries, e.WithinRSquared, method);
        return
        [
            Row(e.BetaY), Row(e.BetaT), Row(e.BetaS), Row(e.Lambda),
            new("sigma_m", e.SigmaM, double.NaN, double.NaN, double.NaN, e.FromYear, e.UntilYear, e.N, countries, e.WithinRSquared, method + "; residual standard deviation net of fixed effects"),
        ];
    }

    private static string Method(DemandEstimate e, SpendingSeries spending, string? indirect = null) =>
        indirect is not null
            ? indirect + (spending == SpendingSeries.Sipri ? ", SIPRI constant 2023 US$" : ", SIPRI constant 2023 US$ back-cast with WDI share x GDP")
            : "within estimator of ln M(t+1) on ln M(t), ln Y, ln(1+T), ln(1+S/M0) (M0 the country's spending in the first year of its fitted path) with country fixed effects, standard errors clustered by country"
        + (e.Correction == BiasCorrection.SplitPanelJackknife ? ", split-panel jackknife Nickell correction" : ", no Nickell correction")
        + (spending == SpendingSeries.Sipri ? ", SIPRI constant 2023 US$" : ", SIPRI constant 2023 US$ back-cast with WDI share x GDP");

    /// <summary>The estimates with the fit's typed fields: <c>n</c>, <c>r2</c> (within), <c>from_year</c>, <c>until_year</c>, <c>countries</c>.</summary>
    public static ResultDocument Document(DemandEstimate e, SpendingSeries spending, string? indirect = null)
    {
        return new ResultDocument("calibrate", Table(e, spending, indirect)).With(Fit(e));
    }

    /// <summary>The fit's typed fields (shared with <c>backtest</c>).</summary>
    internal static object Fit(DemandEstimate e) => new
    {
        e.N,
        R2 = e.WithinRSquared,
        e.FromYear,
        e.UntilYear,
        Countries = new System.Text.Json.Nodes.JsonArray([.. e.Countries.Select(c => (System.Text.Json.Nodes.JsonNode?)c)]),
    };

    /// <summary>The result table: one row per parameter, notes with n, R², window, countries.</summary>
    public static ResultTable Table(DemandEstimate e, SpendingSeries spending, string? indirect = null)
    {
        var t = new ResultTable($"Ally-demand equation, {(indirect is null ? "fixed-effects panel" : "indirect-inference")} calibration ({e.FromYear}–{e.UntilYear})", [
            new("parameter", "Parameter", RightAlign: false),
            new("symbol", "Symbol", RightAlign: false),
            new("estimate", "Estimate", "N3"),
            new("std_error", "Std. error", "N3"),
            new("ci_low", "95% low", "N3"),
            new("ci_high", "95% high", "N3"),
            new("uncorrected", "Uncorrected", "N3"),
        ]);
        foreach (var (x, symbol) in new[] { (e.BetaY, "β_Y"), (e.BetaT, "β_T"), (e.BetaS, "β_S"), (e.Lambda, "λ") })
        {
            t.Add(x.Name, symbol, x.Value, x.StdError, x.Low, x.High, x.Uncorrected);
        }

        t.Add("sigma_m", "σ_M", e.SigmaM, null, null, null, null);
        t.Notes.Add($"n = {e.N.ToString(CultureInfo.InvariantCulture)} country-years, {e.Countries.Count.ToString(CultureInfo.InvariantCulture)} countries ({string.Join(", ", e.Countries)}), years {e.FromYear}–{e.UntilYear}; within R² = {e.WithinRSquared.ToString("0.###", CultureInfo.InvariantCulture)}.");
        t.Notes.Add("Method: " + Method(e, spending, indirect) + "; 95% intervals use t with G−1 degrees of freedom; long-run β = b/λ with delta-method standard errors.");
        t.Notes.Add("β_P (pressure) is not estimated: the historical data hold no believed US conditional threat to identify it; it stays an assumption.");
        t.Notes.AddRange(e.Notes);
        t.Sources.Add(PanelBuilder.Citation);
        t.Sources.Add(HistoricalInputs.Citation);
        return t;
    }

    /// <summary>Writes a file through a temporary sibling, so a failure never leaves it half-written.</summary>
    internal static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (dir is null || !Directory.Exists(dir))
        {
            throw new BallastInputException("the output directory does not exist", path, field: "--out");
        }

        var tmp = full + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, full, overwrite: true);
    }
}
