using Ballast.Exploration.Discovery;
using Ballast.Exploration.Sampling;
using Ballast.Exploration.Sensitivity;
using Ballast.Reports.Figures;
using Ballast.Runs.Exploration;
using Ballast.Store;
using Ballast.Web.Dashboard;
using Ballast.Web.Jobs;
using Microsoft.AspNetCore.Mvc;

namespace Ballast.Web.Api;

/// <summary>Start an exploration of one scenario's uncertain parameters as a job.</summary>
/// <param name="Scenario">Example name.</param>
/// <param name="Yaml">Scenario YAML text.</param>
/// <param name="FileName">A label for messages (never opened as a path).</param>
/// <param name="Design">lhs (default), sobol, morris, factorial or montecarlo.</param>
/// <param name="Samples">Runs (lhs, montecarlo), base samples N (sobol: N(D+2) runs), trajectories (morris: r(D+1) runs) or the most runs (factorial); at most MaxExploreSamples, and the design's rows at most MaxRunsPerJob.</param>
/// <param name="Seed">Master seed (default: the scenario's, else 1).</param>
/// <param name="Levels">Morris grid levels (even) or factorial levels per dimension; default the design's.</param>
/// <param name="SecondOrder">Sobol: add the rows for second-order indices.</param>
public sealed record ExploreRequest(string? Scenario, string? Yaml, string? FileName, string? Design, int? Samples, ulong? Seed, int? Levels, bool? SecondOrder);

/// <summary>A parameter's sensitivity index: Sobol (first and total order with interval half-widths) or Morris (μ*, μ, σ).</summary>
public sealed record SensitivityRow(string Parameter, double? S1, double? S1HalfWidth, double? ST, double? STHalfWidth, double? MuStar, double? MuStarHalfWidth, double? Mu, double? Sigma);

/// <summary>Sensitivity indices of one outcome of an explore job, most influential first.</summary>
public sealed record SensitivityResponse(string Job, string Outcome, int? Year, string Method, int Runs, int? BaseSamples, int Resamples, double Confidence, IReadOnlyList<SensitivityRow> Indices, IReadOnlyList<string> Notes);

/// <summary>A box on PRIM's peeling trajectory.</summary>
public sealed record PrimStep(int Box, double Coverage, double Density, double Mass, int Restricted, string Step);

/// <summary>A restriction of the chosen box on one parameter, with the data's range and the quasi-p-values.</summary>
public sealed record PrimLimit(string Parameter, double Lower, double Upper, double DataMin, double DataMax, double QpLower, double QpUpper);

/// <summary>Scenario discovery: the peeling trajectory and the chosen box's restrictions.</summary>
public sealed record DiscoverResponse(string Job, string Where, int Cases, int Points, int Chosen, double Coverage, double Density, double Mass, IReadOnlyList<PrimStep> Trajectory, IReadOnlyList<PrimLimit> Box, IReadOnlyList<string> Notes);

/// <summary>Exploration endpoints: start an explore job; Sobol/Morris sensitivity and PRIM discovery on its results store.</summary>
internal static class ExploreEndpoints
{
    private static readonly Dictionary<string, string> DesignFields = new(StringComparer.Ordinal) { ["--samples"] = "samples", ["--levels"] = "levels", ["--design"] = "design" };

    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api").WithTags("Exploration");
        g.ProducesProblem(StatusCodes.Status400BadRequest);
        g.MapPost("/explore", (ExploreRequest? body, JobQueue queue, IOptions<BallastWebOptions> options) =>
            {
                var r = ScenarioEndpoints.Require(body);
                var (spec, seed, runs, name, yaml) = Check(r, options.Value);
                return JobEndpoints.Accept(queue, JobKind.Explore, new JobSpec([new JobScenario(name, yaml)], runs, seed, spec));
            })
            .Produces<JobView>(StatusCodes.Status202Accepted).WithName("submitExplore").WithSummary("Runs a designed experiment (LHS, Sobol/Saltelli, Morris, factorial, Monte Carlo) over a scenario's uncertain parameters as a job, into a DuckDB results store in the job's folder.");
        g.MapGet("/jobs/{id}/sensitivity", (string id, string? outcome, int? year, string? method, [FromQuery(Name = "fill_missing")] double? fillMissing, int? resamples, double? confidence, [FromQuery(Name = "second_order")] bool? secondOrder, string? format, JobQueue queue, JobStore store) =>
                Explored(queue, store, id, results =>
                {
                    var s = Sensitivity(id, results, outcome, year, method, fillMissing, resamples, confidence, secondOrder ?? false);
                    return Format(format) ? Csv.Result(SensitivityTable(s), $"sensitivity-{s.Outcome}.csv") : Results.Ok(s);
                }))
            .RequireRateLimiting(ComputeThrottle.Policy)
            .Produces<SensitivityResponse>(StatusCodes.Status200OK, "application/json", "text/csv").WithName("jobSensitivity").WithSummary("Sobol first/total-order indices with bootstrap intervals (Sobol design) or Morris μ*, μ, σ (Morris design) of one outcome of a finished explore job; format=csv for the table as CSV.");
        g.MapGet("/jobs/{id}/discover", (string id, string? where, double? alpha, double? threshold, [FromQuery(Name = "mass_min")] double? massMin, int? box, string? format, JobQueue queue, JobStore store) =>
                Explored(queue, store, id, results =>
                {
                    var d = Discover(id, results, where, alpha, threshold, massMin, box);
                    return Format(format) ? Csv.Result(BoxTable(d), "prim-box.csv") : Results.Ok(d);
                }))
            .RequireRateLimiting(ComputeThrottle.Policy)
            .Produces<DiscoverResponse>(StatusCodes.Status200OK, "application/json", "text/csv").WithName("jobDiscover").WithSummary("Scenario discovery with PRIM on a finished explore job: which ranges of the uncertain parameters lead to the condition on outcomes (peeling trajectory, chosen box, quasi-p-values); format=csv for the box as CSV.");
    }

    /// <summary>Validates an explore request: scenario, design, samples under the caps, seed; returns the job's spec.</summary>
    internal static (ExploreSpec Spec, ulong Seed, int Runs, string Name, string Yaml) Check(ExploreRequest r, BallastWebOptions o)
    {
        var (s, yaml) = ScenarioCatalog.Resolve(r.Scenario, r.Yaml, r.FileName, string.Empty);
        var samples = r.Samples ?? Math.Min(64, o.MaxExploreSamples);
        if (samples < 1 || samples > o.MaxExploreSamples)
        {
            throw new BallastInputException($"must be between 1 and {o.MaxExploreSamples} (MaxExploreSamples)", field: "samples", value: samples.ToString(CultureInfo.InvariantCulture));
        }

        var levels = r.Levels ?? 0;
        if (levels < 0)
        {
            throw new BallastInputException("must be 0 (the design's default) or more", field: "levels", value: levels.ToString(CultureInfo.InvariantCulture));
        }

        var seed = r.Seed ?? s.Seed ?? 1;
        var spec = new ExploreSpec(r.Design ?? "lhs", samples, levels, r.SecondOrder ?? false);
        var design = Fields.Renamed(DesignFields, () =>
        {
            var parameters = ExplorationSetup.LoadText(yaml, s.Name + ".yaml", seed).Parameters;
            return ExploreJob.Design(spec, seed, parameters.Count);
        });
        if (design.Rows > o.MaxRunsPerJob)
        {
            throw new BallastInputException($"this design has {design.Rows} runs ({design.Dimensions} parameters); at most {o.MaxRunsPerJob} (MaxRunsPerJob): ask for fewer samples", field: "samples", value: samples.ToString(CultureInfo.InvariantCulture));
        }

        return (spec with { Design = DesignSpec.NameOf(design.Spec.Kind) }, seed, design.Rows, s.Name, yaml);
    }

    internal static SensitivityResponse Sensitivity(string id, ResultStore results, string? outcome, int? year, string? method, double? fill, int? resamples, double? confidence, bool secondOrder)
    {
        var name = string.IsNullOrWhiteSpace(outcome) ? throw new BallastInputException("is required, e.g. outcome=balance_ratio", field: "outcome") : outcome.Trim();
        var n = resamples ?? 1000;
        if (n is < 10 or > 10_000)
        {
            throw new BallastInputException("must be between 10 and 10000", field: "resamples", value: n.ToString(CultureInfo.InvariantCulture));
        }

        var level = confidence ?? 0.95;
        if (!(level is > 0.5 and < 1))
        {
            throw new BallastInputException("must be between 0.5 and 1 (exclusive)", field: "confidence", value: level.ToString("G", CultureInfo.InvariantCulture));
        }

        if (fill is double f && !double.IsFinite(f))
        {
            throw new BallastInputException("must be a finite number", field: "fill_missing", value: f.ToString("G", CultureInfo.InvariantCulture));
        }

        var d = ExplorationSetup.DesignOf(results);
        var design = d.Spec.Kind switch
        {
            DesignKind.Sobol => "sobol",
            DesignKind.Morris => "morris",
            _ => throw new BallastInputException($"a {DesignSpec.NameOf(d.Spec.Kind)} design does not support variance-based or Morris indices; explore with design sobol or morris", field: "method"),
        };
        var m = method?.Trim().ToLowerInvariant() ?? design;
        if (m != design)
        {
            throw new BallastInputException(m is "sobol" or "morris" ? $"method {m} needs a {m} design; the runs come from a {design} design" : "allowed: sobol, morris", field: "method", value: method);
        }

        var y = StoreAnalysis.Outcome(results, name, year);
        if (fill is double v)
        {
            y = y.Select(t => double.IsFinite(t) ? t : v).ToArray();
        }
        else if (y.Any(t => !double.IsFinite(t)))
        {
            throw new BallastInputException($"{y.Count(t => !double.IsFinite(t))} of {y.Length} runs have no value of '{name}' (e.g. crossover_year when the balance never tips); give fill_missing or analyse 'crossed'", field: "outcome", value: name);
        }

        var names = results.Parameters;
        if (m == "sobol")
        {
            var r = SobolAnalysis.Analyze(y, names, secondOrder && d.Spec.SecondOrder, n, level);
            var rows = Enumerable.Range(0, names.Count).OrderByDescending(j => r.Total[j].Value)
                .Select(j => new SensitivityRow(names[j], r.First[j].Value, r.First[j].HalfWidth, r.Total[j].Value, r.Total[j].HalfWidth, null, null, null, null)).ToList();
            var notes = r.Notes.ToList();
            notes.Add("First order: Saltelli et al. (2010); total order: Jansen (1999); intervals: bootstrap over base samples, estimate ± z·sd.");
            return new SensitivityResponse(id, name, year, m, y.Length, r.BaseSamples, r.Resamples, r.Confidence, rows, notes);
        }

        var morris = MorrisAnalysis.Analyze(d.Points, y, names, n, level);
        var mrows = morris.OrderByDescending(x => x.MuStar).Select(x => new SensitivityRow(x.Parameter, null, null, null, null, x.MuStar, x.MuStarHalfWidth, x.Mu, x.Sigma)).ToList();
        return new SensitivityResponse(id, name, year, m, y.Length, null, n, level, mrows,
            ["μ* ranks influence (Campolongo et al. 2007); μ far below μ* means effects of both signs; σ large relative to μ* means non-linearity or interactions (Morris 1991).",
             "Effects are outcome change per unit of each parameter's probability scale."]);
    }

    internal static DiscoverResponse Discover(string id, ResultStore results, string? where, double? alpha, double? threshold, [FromQuery(Name = "mass_min")] double? massMin, int? box)
    {
        var text = string.IsNullOrWhiteSpace(where) ? throw new BallastInputException("is required, e.g. where=crossover_year <= 2035", field: "where") : where;
        var a = Share(alpha ?? 0.05, "alpha", 0.5);
        var t = Share(threshold ?? 0.8, "threshold", 1);
        var mm = Share(massMin ?? 0.05, "mass_min", 1);
        var condition = Condition.Parse(text, results.Outcomes.Select(o => o.Name).ToList(), "where");
        var (x, y) = StoreAnalysis.Discovery(results, condition);
        var names = results.Parameters;
        var result = Prim.Find(x, names, y, new PrimOptions(a, a, mm, t));
        var chosen = box ?? result.Chosen;
        if (chosen < 0 || chosen >= result.Trajectory.Count)
        {
            throw new BallastInputException($"box {chosen} is not on the trajectory (0 to {result.Trajectory.Count - 1})", field: "box", value: chosen.ToString(CultureInfo.InvariantCulture));
        }

        var b = result.Trajectory[chosen];
        var steps = result.Trajectory.Select(s => new PrimStep(s.Index, s.Coverage, s.Density, s.Mass, s.Restricted, s.Index == 0 ? "all runs" : s.Pasted ? "paste" : "peel")).ToList();
        var limits = Prim.Restrictions(x, names, y, b)
            .Select(r => new PrimLimit(r.Name, r.Lower, r.Upper, x[r.Dimension].Min(), x[r.Dimension].Max(), r.QuasiPLower, r.QuasiPUpper)).ToList();
        return new DiscoverResponse(id, condition.Text, result.Cases, result.Points, chosen, b.Coverage, b.Density, b.Mass, steps, limits,
            [$"Coverage: share of the runs meeting the condition that fall in the box; density: share of the box's runs that meet it. The chosen box has the largest coverage × density with density ≥ {t.ToString("P0", CultureInfo.InvariantCulture)}.",
             "Quasi-p-value: one-sided binomial test of the box's density against the box without that restriction (EMA Workbench); below 0.05 the restriction matters.",
             "PRIM: Friedman and Fisher (1999), with pasting."]);
    }

    /// <summary>The sensitivity indices as a table (CSV download).</summary>
    internal static DataTable SensitivityTable(SensitivityResponse s) => s.Method == "sobol"
        ? new DataTable(["parameter", "s1", "s1_half_width", "st", "st_half_width"], s.Indices.Select(r => (IReadOnlyList<string>)[r.Parameter, N(r.S1), N(r.S1HalfWidth), N(r.ST), N(r.STHalfWidth)]).ToList())
        : new DataTable(["parameter", "mu_star", "mu_star_half_width", "mu", "sigma"], s.Indices.Select(r => (IReadOnlyList<string>)[r.Parameter, N(r.MuStar), N(r.MuStarHalfWidth), N(r.Mu), N(r.Sigma)]).ToList());

    /// <summary>The chosen PRIM box as a table (CSV download).</summary>
    internal static DataTable BoxTable(DiscoverResponse d) =>
        new(["parameter", "lower", "upper", "data_min", "data_max", "quasi_p_lower", "quasi_p_upper"],
            d.Box.Select(r => (IReadOnlyList<string>)[r.Parameter, N(r.Lower), N(r.Upper), N(r.DataMin), N(r.DataMax), N(r.QpLower), N(r.QpUpper)]).ToList());

    internal static string N(double? v) => v is double d ? d.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>Opens a finished explore job's store (read-only use) and hands it to <paramref name="then"/>.</summary>
    internal static IResult Explored(JobQueue queue, JobStore store, string id, Func<ResultStore, IResult> then) => JobEndpoints.Finished(queue, id, j =>
    {
        if (j.Kind != JobKind.Explore)
        {
            return Problems.Result(Problems.Status(409, "Not an explore job", $"Job {id} is a {j.Kind.ToString().ToLowerInvariant()} job; sensitivity and discovery need an explore job (POST /api/explore).", "id"));
        }

        using var results = ResultStore.Open(Path.Combine(store.ResultsFolder(j.Id), ExploreJob.StoreFile));
        return then(results);
    });

    private static bool Format(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "json" => false,
        "csv" => true,
        _ => throw new BallastInputException("allowed: json, csv", field: "format", value: format),
    };

    private static double Share(double v, string field, double max) =>
        double.IsFinite(v) && v > 0 && v < max ? v
            : throw new BallastInputException($"must be greater than 0 and less than {max.ToString("G", CultureInfo.InvariantCulture)}", field: field, value: v.ToString("G", CultureInfo.InvariantCulture));
}
