using Ballast.Calibration;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast backtest</c>: fits the demand equation on years ≤ a cutoff and scores its burden forecasts against naive ones.</summary>
public static class BacktestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var selected = new CountryOptions();
        selected.Group.Description = $"Countries to forecast: {CommonOptions.GroupNames}; default: indo-pacific.";
        var fitGroup = new Option<string>("--fit-group")
        {
            Description = "Countries the equation is estimated on, besides those forecast (default: allies, every ally and partner of the actor sets).",
            DefaultValueFactory = _ => CountrySelection.AllAllies,
        };
        var from = new Option<int?>("--from") { Description = "First year of the fit window (default: first with data)." };
        var until = new Option<int>("--fit-until") { Description = "Last year fitted; forecasts start the year after.", Required = true };
        var horizon = new Option<int>("--horizon") { Description = "Years forecast after --fit-until (default 10).", DefaultValueFactory = _ => 10 };
        var runs = new Option<int>("--runs") { Description = "Ensemble runs for the 90 % interval (default 2000).", DefaultValueFactory = _ => 2000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the ensemble (default 1).", DefaultValueFactory = _ => 1UL };
        var intercepts = new Option<string>("--intercepts")
        {
            Description = "Country intercepts: balanced-growth (as the engine: the last fitted year lies on the balanced-growth path of the country's trend GDP growth; default) or fitted (the estimated fixed effects).",
            DefaultValueFactory = _ => "balanced-growth",
        };
        var spending = CalibrateCommand.SpendingOption();
        var correction = CalibrateCommand.CorrectionOption();
        var output = new OutputOptions();
        return BallastCli.Command(ctx, "backtest", "Fit the ally-demand equation on years up to --fit-until, forecast each country's spending and burden after it, and compare with the realised data and two naive forecasts.",
            ["ballast backtest --fit-until 2014", "ballast backtest --fit-until 2010 --horizon 12 --format csv", "ballast backtest --fit-until 2014 --intercepts fitted --format json"],
            [selected.Countries, selected.Group, fitGroup, from, until, horizon, runs, seed, intercepts, spending, correction, .. output.Symbols], p =>
        {
            int fitUntil = p.GetValue(until);
            var series = CalibrateCommand.ParseSpending(p.GetValue(spending));
            var rule = p.GetValue(intercepts)?.Trim().ToLowerInvariant() switch
            {
                "balanced-growth" => InterceptRule.BalancedGrowth,
                "fitted" => InterceptRule.Fitted,
                var other => throw new BallastInputException("unknown intercept rule; allowed: balanced-growth, fitted", field: "--intercepts", value: other),
            };
            var target = CalibrateCommand.Countries(p.GetValue(selected.Countries), selected.NoneGiven(p) ? "indo-pacific" : p.GetValue(selected.Group), fitUntil);
            var (pool, data, settings) = CalibrateCommand.Inputs(null, p.GetValue(fitGroup), fitUntil, series);
            var sample = pool.Concat(target).Distinct().ToList();
            var request = new CalibrationRequest(sample, p.GetValue(from), fitUntil, series, CalibrateCommand.ParseCorrection(p.GetValue(correction)));
            var (estimate, panel) = DemandCalibration.Calibrate(data, request, settings);
            var allies = target.Where(c => panel.Observations.Any(o => o.Iso3 == c)).ToList();
            var result = Backtester.Run(panel, estimate, allies, fitUntil, p.GetValue(horizon), p.GetValue(runs), p.GetValue(seed), rule);
            var table = Table(result, fitUntil);
            table.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Fitted {estimate.FromYear}–{estimate.UntilYear} on {estimate.N} country-years of {estimate.Countries.Count} countries: β_Y = {estimate.BetaY.Value:0.###} ± {estimate.BetaY.StdError:0.###}, β_T = {estimate.BetaT.Value:0.###} ± {estimate.BetaT.StdError:0.###}, β_S = {estimate.BetaS.Value:0.###} ± {estimate.BetaS.StdError:0.###}, λ = {estimate.Lambda.Value:0.###} ± {estimate.Lambda.StdError:0.###}, σ_M = {estimate.SigmaM:0.###}, within R² = {estimate.WithinRSquared:0.###}."));
            table.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Model: the engine's demand equation, dynamic from {fitUntil} with realised GDP, threat and spill-ins, intercepts {(rule == InterceptRule.BalancedGrowth ? "placing " + fitUntil + " on the balanced-growth path of trend GDP growth over the " + ScenarioCompiler.GrowthWindowYears + " years before it, ln M* − ln M = β_Y ln(1+g)/λ (as the engine)" : "from the fitted fixed effects")}; 90 % interval from {p.GetValue(runs)} runs drawing coefficients and shocks (seed {p.GetValue(seed)})."));
            if (rule == InterceptRule.BalancedGrowth)
            {
                table.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Trend GDP growth g per year to {fitUntil}: {string.Join(", ", allies.Where(result.TrendGrowth.ContainsKey).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c} {result.TrendGrowth[c]:0.0 %}")))}."));
            }

            table.Notes.Add("Naive forecasts: last value = real spending carried forward (its share falls as GDP grows); constant share = the last share of GDP carried forward. Errors in percentage points of GDP.");
            table.Notes.AddRange(result.Notes);
            table.Sources.Add(PanelBuilder.Citation);
            table.Sources.Add(HistoricalInputs.Citation);
            var doc = new ResultDocument("backtest", table);
            doc.With(CalibrateCommand.Fit(estimate));
            output.Write(p, ctx, doc);
            return 0;
        });
    }

    /// <summary>The metrics table: one row per horizon, per country, and the pooled row.</summary>
    public static ResultTable Table(BacktestResult r, int fitUntil)
    {
        var t = new ResultTable($"Back-test of the burden forecast (fit ≤ {fitUntil.ToString(CultureInfo.InvariantCulture)}): errors in percentage points of GDP", [
            new("scope", "Scope", RightAlign: false),
            new("n", "n"),
            new("model_mae_pp", "Model MAE", "N3"),
            new("last_value_mae_pp", "Last-value MAE", "N3"),
            new("constant_share_mae_pp", "Const-share MAE", "N3"),
            new("model_rmse_pp", "Model RMSE", "N3", Priority: 1),
            new("last_value_rmse_pp", "Last-value RMSE", "N3", Priority: 1),
            new("constant_share_rmse_pp", "Const-share RMSE", "N3", Priority: 1),
            new("coverage_90_pct", "90% coverage (%)", "N0"),
        ]);
        foreach (var m in r.ByHorizon.Concat(r.ByCountry).Append(r.Pooled))
        {
            t.Add(m.Scope, m.N, m.ModelMae, m.LastValueMae, m.ConstantShareMae, m.ModelRmse, m.LastValueRmse, m.ConstantShareRmse, m.Coverage * 100);
        }

        return t;
    }
}
