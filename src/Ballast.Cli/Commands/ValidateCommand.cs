using Ballast.Core.Countries;

namespace Ballast.Cli.Commands;

/// <summary>
/// <c>ballast validate</c>: rolling-origin validation of the burden forecast (the back-test at each origin, fitted on the
/// years up to the origin only) for every ally and partner with data, by region, against three naive forecasts.
/// </summary>
public static class ValidateCommand
{
    /// <summary>First and last year an origin may take (the span of the embedded record).</summary>
    public const int FirstOrigin = 1950, LastOrigin = 2024;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var origins = new Option<string?>("--origins") { Description = "Forecast origins (last fitted years), comma-separated (default 1975,1980,…,2015)." };
        var horizon = new Option<int>("--horizon") { Description = "Years forecast after each origin (default 10).", DefaultValueFactory = _ => 10 };
        var runs = new Option<int>("--runs") { Description = "Ensemble runs per origin for the 90 % interval (default 500).", DefaultValueFactory = _ => 500 };
        var window = new Option<int?>("--window") { Description = "Years each origin's fit uses, ending at the origin (default: every year up to the origin)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the ensembles (default 1).", DefaultValueFactory = _ => 1UL };
        var spending = CalibrateCommand.SpendingOption();
        var correction = new Option<string>("--estimator")
        {
            Description = "Estimator of each origin's fit: select (each origin uses the within estimator with or without the jackknife, whichever erred less on the years before it; default), jackknife, uncorrected or indirect-inference (slow: about a minute).",
            DefaultValueFactory = _ => "select",
        };
        var episodes = new Option<bool>("--episodes") { Description = "Also run the episode library (scenarios/history/) with --runs runs each and add the episode checks (table 'episodes', as ballast episodes)." };
        var threads = CommonOptions.Threads();
        var output = new OutputOptions("rows", "episodes");
        var report = new ReportOutOption(AnalysisReportWriter.Validation);
        return BallastCli.Command(ctx, "validate", "Rolling-origin validation of the ally-demand equation: at each origin fit on the years up to it, forecast every ally's and partner's burden 1–10 years ahead, and score it by region against last value, constant share and regional drift, with 90 % interval coverage.",
            ["ballast validate", "ballast validate --origins 1995,2005,2015 --horizon 5 --format csv", "ballast validate --episodes --out validation"],
            [origins, horizon, window, runs, seed, spending, correction, episodes, threads, .. output.Symbols, report.Option], p =>
        {
            report.Check(p);
            var years = ParseOrigins(p.GetValue(origins));
            var series = CalibrateCommand.ParseSpending(p.GetValue(spending));
            var settings = new ValidationSettings(years, p.GetValue(horizon), p.GetValue(runs), p.GetValue(seed), series, ParseCandidates(p.GetValue(correction)), p.GetValue(window));
            if (settings.WindowYears is < 5)
            {
                throw new BallastInputException("the fit window must be at least 5 years", field: "--window", value: settings.WindowYears.Value.ToString(CultureInfo.InvariantCulture));
            }

            if (settings.Horizon < 1)
            {
                throw new BallastInputException("the horizon must be at least one year", field: "--horizon", value: settings.Horizon.ToString(CultureInfo.InvariantCulture));
            }

            if (settings.Runs < 20)
            {
                throw new BallastInputException("at least 20 runs are needed for a 90 % interval", field: "--runs", value: settings.Runs.ToString(CultureInfo.InvariantCulture));
            }

            var regions = Regions();
            var data = HistoricalInputs.LongSeries;
            var panel = DemandPanelBuilder.Build(data, [.. regions.Keys], DemandSettings.From(ParameterRegistryLoader.Default.Value, series));
            var result = RollingValidator.Run(panel, regions, settings);
            var table = Table(result, settings);
            var tables = new List<ResultTable> { table };
            ResultTable? episodeTable = null;
            if (p.GetValue(episodes))
            {
                var library = EpisodeChecks.Embedded().Select(e => PreparedScenario.FromText(e.Yaml, e.File)).ToList();
                var rows = EpisodeChecks.Run(library, settings.Runs, null, p.GetValue(threads) is int j and > 0 ? j : Environment.ProcessorCount, ctx.Cancellation);
                episodeTable = EpisodesCommand.Table(rows, "episodes");
                episodeTable.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Episodes: {EpisodesCommand.Summary(rows)} ({settings.Runs} runs per episode)."));
                tables.Add(episodeTable);
            }

            report.Write(p, ctx, () => AnalysisReports.Validation(Meta(settings), table, result, episodeTable));
            output.Write(p, ctx, new ResultDocument("validate", [.. tables]));
            return 0;
        });
    }

    /// <summary>Every ally and partner of the actor sets with its region: Indo-Pacific for the Indo-Pacific set, Europe for the Euro-Atlantic set.</summary>
    public static IReadOnlyDictionary<string, string> Regions()
    {
        var regions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var set in CountryData.ActorSets.Values.OrderBy(s => s.Name == "indo-pacific" ? 0 : 1))
        {
            foreach (var a in set.Actors.Where(a => a.Role is CountryRole.TreatyAlly or CountryRole.Partner))
            {
                regions.TryAdd(a.Iso3, set.Name == "indo-pacific" ? RollingValidator.IndoPacific : RollingValidator.Europe);
            }
        }

        return regions;
    }

    /// <summary>Parses <c>--origins</c>: years 1950–2024 separated by commas; null gives the default origins.</summary>
    public static IReadOnlyList<int> ParseOrigins(string? text)
    {
        if (text is null)
        {
            return ValidationSettings.DefaultOrigins;
        }

        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int year) || year < FirstOrigin || year > LastOrigin)
            {
                throw new BallastInputException($"origins must be years from {FirstOrigin} to {LastOrigin} separated by commas; '{part}' is not", field: "--origins", value: text);
            }

            list.Add(year);
        }

        return list.Distinct().Order().ToList();
    }

    /// <summary>
    /// Parses <c>--estimator</c>: select (the jackknife and the uncorrected within estimator, each origin using the one
    /// whose earlier forecasts erred less; the jackknife first), jackknife, uncorrected or indirect-inference.
    /// </summary>
    public static IReadOnlyList<DemandSpecification> ParseCandidates(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "select" or null => [DemandSpecification.Jackknife, DemandSpecification.Uncorrected],
        "jackknife" => [DemandSpecification.Jackknife],
        "uncorrected" => [DemandSpecification.Uncorrected],
        "indirect-inference" => [DemandSpecification.IndirectInference],
        _ => throw new BallastInputException("unknown estimator; allowed: select, jackknife, uncorrected, indirect-inference", field: "--estimator", value: text),
    };

    /// <summary>One line describing the settings.</summary>
    public static string Meta(ValidationSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"Origins {string.Join(", ", s.Origins)}; horizons 1–{s.Horizon}; {s.Runs} runs per origin (seed {s.Seed}); every ally and partner of the actor sets with data.");

    /// <summary>The validation table: by region, each horizon then pooled over horizons; MAE in percentage points of GDP.</summary>
    public static ResultTable Table(ValidationResult r, ValidationSettings s)
    {
        var t = new ResultTable("Rolling-origin validation of the burden forecast: MAE in percentage points of GDP", [
            new("region", "Region", RightAlign: false),
            new("scope", "Horizon", RightAlign: false),
            new("n", "n"),
            new("model_mae", "Model", "N3"),
            new("combined_mae", "Combination", "N3"),
            new("last_value_mae", "Last value", "N3"),
            new("constant_share_mae", "Const. share", "N3"),
            new("regional_drift_mae", "Reg. drift", "N3"),
            new("model_vs_best_naive", "Model vs best naive", "P0"),
            new("coverage_90", "90% coverage", "P0"),
            new("combined_coverage_90", "Comb. coverage", "P0"),
        ]);
        foreach (var m in r.Metrics)
        {
            t.Add(m.Region, m.Scope, m.N, m.ModelMae, m.CombinedMae, m.LastValueMae, m.ConstantShareMae, m.DriftMae, m.ModelVsBestNaive, m.Coverage, m.CombinedCoverage);
        }

        t.Notes.Add(Meta(s));
        t.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Specification used at each origin (chosen by the errors of earlier origins' forecasts of years up to it; warm-up origins {ValidationSettings.WarmUpOrigins} × 5 years before the first are forecast, not scored): {string.Join(", ", r.Forecasts.GroupBy(f => f.Origin).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.First().Specification}")))}."));
        t.Notes.Add("Each origin's equation is fitted on the years up to the origin only (the estimator of --estimator, country fixed effects); forecasts run the engine's demand equation from the origin on the balanced-growth path with the realised GDP, threat and spill-ins (conditional forecasts), 90 % interval from coefficient and shock draws.");
        t.Notes.Add("Naive forecasts: last value = real spending carried forward; constant share = the origin's burden carried forward; regional drift = the origin's burden plus h times the region's mean yearly change of the burden over the five years to the origin.");
        t.Notes.Add("Combination = w·model + (1 − w)·constant share, w by horizon from the inverse mean squared errors of earlier origins' forecasts of years up to the origin (0.5 while none is known); its interval is the model's, moved to the combination.");
        t.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Fits: {string.Join("; ", r.Fits.Select(f => string.Create(CultureInfo.InvariantCulture, $"≤{f.Origin} {f.Specification}: n {f.N}, {f.Countries} countries, β_Y {f.BetaY:0.##}, β_T {f.BetaT:0.##}, β_S {f.BetaS:0.##}, λ {f.Lambda:0.###}, σ_M {f.SigmaM:0.###}")))}."));
        t.Notes.AddRange(r.Notes.Where(n => !n.Contains("trend growth set to the mean", StringComparison.Ordinal)));
        int fallback = r.Notes.Count(n => n.Contains("trend growth set to the mean", StringComparison.Ordinal));
        if (fallback > 0)
        {
            t.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{fallback} country-origins had no GDP ten years before the origin; their trend growth is the mean of the others, as the engine does."));
        }

        t.Sources.Add(PanelBuilder.Citation);
        t.Sources.Add(HistoricalInputs.Citation);
        return t;
    }
}
