using Ballast.Cli.Exploration;
using Ballast.Exploration.Sensitivity;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast sensitivity STORE --outcome NAME</c>: Sobol or Morris indices of an outcome, from a store or from a samples file.</summary>
public static class SensitivityCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var store = new Argument<string?>("store") { Description = "Results store written by 'ballast explore' (omit with --samples-file).", Arity = ArgumentArity.ZeroOrOne };
        var outcome = new Option<string>("--outcome") { Description = "Outcome name (per run; with --year, a yearly indicator).", Required = true };
        var year = CommonOptions.Year("Year of a yearly indicator (outcomes_yearly) instead of the per-run outcome.");
        var method = new Option<string?>("--method", "-m") { Description = "sobol or morris (default: from the design)." };
        var secondOrder = new Option<bool>("--second-order") { Description = "Also second-order Sobol indices (design must include them)." };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples for confidence intervals.", DefaultValueFactory = _ => 1000 };
        var confidence = new Option<double>("--confidence") { Description = "Confidence level of the intervals.", DefaultValueFactory = _ => 0.95 };
        var fill = new Option<double?>("--fill-missing") { Description = "Value for runs where the outcome is missing (e.g. --fill-missing 2036 for crossover_year when the balance never tips)." };
        var samples = new Option<string?>("--samples-file") { Description = "Analyse a CSV of runs produced elsewhere instead of a store (see docs/exploration.md for the '# design:' header).", HelpName = "FILE.csv" };
        var paramsOpt = new Option<string?>("--params") { Description = "With --samples-file: parameter columns, comma-separated, in design order." };
        var output = new OutputOptions();
        var report = new ReportOutOption(AnalysisReportWriter.Sensitivity);
        return BallastCli.Command(ctx, "sensitivity", "Sobol first/total(/second)-order indices with bootstrap intervals, or Morris μ, μ*, σ, for one outcome.",
            ["ballast sensitivity sobol.duckdb --outcome balance_ratio", "ballast sensitivity sobol.duckdb --outcome crossover_year --fill-missing 2036 --format csv", "ballast sensitivity --samples-file salib.csv --params a,b,c --outcome y"],
            [store, outcome, year, method, secondOrder, resamples, confidence, fill, samples, paramsOpt, .. output.Symbols, report.Option], p =>
        {
            report.Check(p);
            string name = p.GetValue(outcome)!;
            string? m = p.GetValue(method)?.ToLowerInvariant();
            if (m is not (null or "sobol" or "morris"))
            {
                throw new BallastInputException($"unknown method '{m}'; allowed: sobol, morris", field: "--method", value: m);
            }

            IReadOnlyList<string> names;
            double[] x;
            double[] y;
            string design;
            bool so;
            string source;
            if (p.GetValue(samples) is string file)
            {
                names = (p.GetValue(paramsOpt) ?? throw new BallastInputException("--samples-file needs --params a,b,c", field: "--params"))
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var f = SamplesFile.Load(file, names, name);
                (design, so) = f.Resolve(names.Count);
                x = design == "morris" ? f.Normalised(names.Count) : f.X;
                y = f.Y;
                source = file;
            }
            else
            {
                var path = p.GetValue(store) ?? throw new BallastInputException("give a results store, or --samples-file FILE.csv", field: "store");
                using var results = ResultStore.Open(path);
                if (results.CompletedCount < results.DesignRows)
                {
                    throw new BallastInputException($"the store holds {results.CompletedCount} of {results.DesignRows} runs; run the same 'ballast explore' command again to finish it", file: path);
                }

                var d = ExplorationSetup.DesignOf(results);
                names = results.Parameters;
                x = d.Points;
                y = StoreAnalysis.Outcome(results, name, p.GetValue(year), "--outcome", "--year");
                design = d.Spec.Kind switch
                {
                    DesignKind.Sobol => "sobol",
                    DesignKind.Morris => "morris",
                    _ => throw new BallastInputException($"a {DesignSpec.NameOf(d.Spec.Kind)} design does not support variance-based or Morris indices; explore with --design sobol or --design morris", file: path, field: "--method"),
                };
                so = d.Spec.SecondOrder;
                source = path;
            }

            if (p.GetValue(fill) is double v)
            {
                y = y.Select(t => double.IsFinite(t) ? t : v).ToArray();
            }

            m ??= design;
            if (m != design)
            {
                throw new BallastInputException($"--method {m} needs a {m} design; the runs come from a {design} design", field: "--method", value: m);
            }

            string label = p.GetValue(year) is int yr ? $"{name} in {yr}" : name;
            var table = m == "sobol"
                ? Sobol(SobolAnalysis.Analyze(y, names, so && p.GetValue(secondOrder), p.GetValue(resamples), p.GetValue(confidence)), label, p.GetValue(secondOrder) && !so)
                : Morris(MorrisAnalysis.Analyze(x, y, names, p.GetValue(resamples), p.GetValue(confidence)), label);
            table.Notes.Add($"Runs from {source}.");
            report.Write(p, ctx, () =>
            {
                string meta = $"Outcome {label}; {m} design, {names.Count} parameters, {y.Length} runs from {Path.GetFileName(source)}.";
                return AnalysisReports.Sensitivity(meta, table, m == "sobol");
            });

            output.Write(p, ctx, new ResultDocument("sensitivity", table).With(new { Outcome = name, Year = p.GetValue(year), Method = m, Runs = y.Length }));
            return 0;
        });
    }

    private static ResultTable Sobol(SobolIndices r, string outcome, bool secondMissing)
    {
        int pct = (int)Math.Round(r.Confidence * 100);
        var t = new ResultTable($"Sobol indices of {outcome} (N = {r.BaseSamples}, {r.Resamples} bootstrap resamples, {pct} % intervals)", [
            new("parameter", "Parameter", RightAlign: false),
            new("s1", "First order S1", "N3"),
            new("s1_ci", $"± ({pct} %)", "N3"),
            new("st", "Total order ST", "N3"),
            new("st_ci", $"± ({pct} %)", "N3"),
            new("interaction", "ST − S1", "N3"),
        ]);
        foreach (var j in Enumerable.Range(0, r.Parameters.Count).OrderByDescending(j => r.Total[j].Value))
        {
            t.Add(r.Parameters[j], r.First[j].Value, r.First[j].HalfWidth, r.Total[j].Value, r.Total[j].HalfWidth, r.Total[j].Value - r.First[j].Value);
        }

        if (r.Second is { } s)
        {
            int d = r.Parameters.Count;
            var pairs = Enumerable.Range(0, d).SelectMany(i => Enumerable.Range(i + 1, d - i - 1).Select(j => (i, j)))
                .OrderByDescending(q => s[(q.i * d) + q.j].Value).Take(10);
            t.Notes.Add("Largest second-order indices: " + string.Join("; ", pairs.Select(q =>
                string.Create(CultureInfo.InvariantCulture, $"{r.Parameters[q.i]} × {r.Parameters[q.j]} = {s[(q.i * d) + q.j].Value:0.000} ± {s[(q.i * d) + q.j].HalfWidth:0.000}"))));
        }
        else if (secondMissing)
        {
            t.Notes.Add("Second-order indices need a design with second-order rows: explore with --second-order.");
        }

        t.Notes.AddRange(r.Notes);
        t.Notes.Add("Estimators: first order Saltelli et al. (2010), total order Jansen (1999); intervals: bootstrap over base samples, estimate ± z·sd.");
        return t;
    }

    private static ResultTable Morris(IReadOnlyList<MorrisIndex> r, string outcome)
    {
        var t = new ResultTable($"Morris screening of {outcome} ({r[0].Effects} trajectories)", [
            new("parameter", "Parameter", RightAlign: false),
            new("mu_star", "μ*", "G4"),
            new("mu_star_ci", "± (95 %)", "G3"),
            new("mu", "μ", "G4"),
            new("sigma", "σ", "G4"),
        ]);
        foreach (var m in r.OrderByDescending(m => m.MuStar))
        {
            t.Add(m.Parameter, m.MuStar, m.MuStarHalfWidth, m.Mu, m.Sigma);
        }

        t.Notes.Add("μ* ranks influence (Campolongo et al. 2007); μ far below μ* means effects of both signs; σ large relative to μ* means non-linearity or interactions (Morris 1991).");
        t.Notes.Add("Effects are outcome change per unit of each parameter's probability scale (a move across its whole distribution), so they compare across parameters.");
        return t;
    }
}
