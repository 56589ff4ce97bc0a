using System.Text.RegularExpressions;
using Ballast.Web.Jobs;

namespace Ballast.Web.Api;

/// <summary>Submit one scenario's ensemble as a job.</summary>
/// <param name="Scenario">Example name.</param>
/// <param name="Yaml">Scenario YAML text.</param>
/// <param name="FileName">A label for messages (never opened as a path).</param>
/// <param name="Runs">Ensemble size (default: the scenario's, capped by the server; at most MaxRunsPerJob).</param>
/// <param name="Seed">Master seed (default: the scenario's, else 1).</param>
public sealed record RunJobRequest(string? Scenario, string? Yaml, string? FileName, int? Runs, ulong? Seed);

/// <summary>Submit a comparison of two or more scenarios (common random numbers: one seed for all).</summary>
/// <param name="Scenarios">The scenarios.</param>
/// <param name="Runs">Ensemble size per scenario.</param>
/// <param name="Seed">Master seed shared by all scenarios.</param>
public sealed record CompareRequest(IReadOnlyList<ScenarioRef>? Scenarios, int? Runs, ulong? Seed);

/// <summary>A job as the API reports it.</summary>
public sealed record JobView(
    string Id,
    JobKind Kind,
    string Name,
    JobStatus Status,
    double Progress,
    long Done,
    long Total,
    int Runs,
    ulong Seed,
    DateTimeOffset Created,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    string? Error,
    IReadOnlyDictionary<string, string> Links)
{
    /// <summary>The view of a record.</summary>
    public static JobView Of(JobRecord j)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal) { ["self"] = $"/api/jobs/{j.Id}", ["cancel"] = $"/api/jobs/{j.Id}/cancel" };
        if (j.Status == JobStatus.Succeeded)
        {
            links["results"] = $"/api/jobs/{j.Id}/results";
            links["files"] = $"/api/jobs/{j.Id}/files";
            if (j.Kind == JobKind.Explore)
            {
                links["sensitivity"] = $"/api/jobs/{j.Id}/sensitivity";
                links["discover"] = $"/api/jobs/{j.Id}/discover";
            }
            else
            {
                links["report"] = $"/api/jobs/{j.Id}/report";
            }
        }

        return new JobView(j.Id, j.Kind, j.Name, j.Status, j.Progress, j.Done, j.Total, j.Spec.Runs, j.Spec.Seed, j.Created, j.Started, j.Finished, j.Error, links);
    }
}

/// <summary>An outcome stored by an exploration.</summary>
public sealed record ExploreOutcome(string Name, string Unit, string Description);

/// <summary>A finished explore job: its design, explored parameters and the outcomes sensitivity and discovery can use.</summary>
public sealed record ExploreResults(string Id, string Design, int Runs, int Completed, ulong Seed, IReadOnlyList<string> Parameters, IReadOnlyList<ExploreOutcome> Outcomes, IReadOnlyList<string> YearlyIndicators);

/// <summary>A file in a job's results folder.</summary>
public sealed record JobFile(string Name, long Bytes, string Url);

/// <summary>Job endpoints: submit runs and comparisons, status with progress, cancel, results, files, report.</summary>
internal static partial class JobEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api").WithTags("Jobs");
        g.ProducesProblem(StatusCodes.Status400BadRequest);
        g.MapPost("/jobs", (RunJobRequest? body, JobQueue queue, IOptions<BallastWebOptions> options) =>
            {
                var r = ScenarioEndpoints.Require(body);
                var (s, yaml) = ScenarioCatalog.Resolve(r.Scenario, r.Yaml, r.FileName, string.Empty);
                var (runs, seed) = Size(r.Runs, r.Seed, s.Runs, s.Seed, options.Value);
                return Accept(queue, JobKind.Run, new JobSpec([new JobScenario(s.Name, yaml)], runs, seed));
            })
            .Produces<JobView>(StatusCodes.Status202Accepted).WithName("submitRun").WithSummary("Runs a scenario's ensemble as a job (202 with the job; poll its status).");
        g.MapPost("/compare", (CompareRequest? body, JobQueue queue, IOptions<BallastWebOptions> options) =>
            {
                var r = ScenarioEndpoints.Require(body);
                var o = options.Value;
                if (r.Scenarios is not { Count: >= 2 } list)
                {
                    throw new BallastInputException("give at least 2 scenarios to compare", field: "scenarios");
                }

                if (list.Count > o.MaxCompareScenarios)
                {
                    throw new BallastInputException($"at most {o.MaxCompareScenarios} scenarios in one comparison (MaxCompareScenarios)", field: "scenarios", value: list.Count.ToString(CultureInfo.InvariantCulture));
                }

                var resolved = list.Select((x, i) => ScenarioCatalog.Resolve(x?.Scenario, x?.Yaml, x?.FileName, $"scenarios[{i}]")).ToList();
                var first = resolved[0].Scenario;
                var (runs, seed) = Size(r.Runs, r.Seed, first.Runs, first.Seed, o);
                var names = new HashSet<string>(StringComparer.Ordinal);
                var scenarios = resolved.Select((x, i) => new JobScenario(names.Add(x.Scenario.Name) ? x.Scenario.Name : $"{x.Scenario.Name}-{i + 1}", x.Yaml)).ToList();
                return Accept(queue, JobKind.Compare, new JobSpec(scenarios, runs, seed));
            })
            .Produces<JobView>(StatusCodes.Status202Accepted).WithName("submitCompare").WithSummary("Compares two or more scenarios with common random numbers as a job.");
        g.MapGet("/jobs", (int? limit, JobQueue queue) =>
            {
                var n = limit ?? 50;
                if (n is < 1 or > 500)
                {
                    throw new BallastInputException("must be between 1 and 500", field: "limit", value: n.ToString(CultureInfo.InvariantCulture));
                }

                return queue.List(n).Select(JobView.Of).ToList();
            })
            .WithName("jobs").WithSummary("Recent jobs, newest first.");
        g.MapGet("/jobs/{id}", (string id, JobQueue queue) => Find(queue, id, j => Results.Ok(JobView.Of(j))))
            .Produces<JobView>().WithName("job").WithSummary("A job's status and progress (runs done of total).");
        g.MapPost("/jobs/{id}/cancel", (string id, JobQueue queue) => Find(queue, id, j =>
            {
                if (j.IsFinal)
                {
                    return Problems.Result(Problems.Status(409, "Job already finished", $"Job {id} is {j.Status.ToString().ToLowerInvariant()}; there is nothing to cancel.", "id"));
                }

                return Results.Accepted($"/api/jobs/{id}", JobView.Of(queue.Cancel(id)!));
            }))
            .Produces<JobView>(StatusCodes.Status202Accepted).WithName("cancelJob").WithSummary("Cancels a queued or running job.");
        g.MapGet("/jobs/{id}/results", (string id, JobQueue queue, JobStore store) => ResultsOf(queue, store, id))
            .Produces<ResultsResponse>().WithName("jobResults").WithSummary("A finished job's KPI summary (run), side-by-side KPIs with paired differences over common random numbers (compare), or its design, parameters and outcomes (explore).");
        g.MapGet("/jobs/{id}/files", (string id, JobQueue queue, JobStore store) => Finished(queue, id, j => Results.Ok(Files(store.ResultsFolder(j.Id), j.Id))))
            .Produces<List<JobFile>>().WithName("jobFiles").WithSummary("The files of a finished job's results folder.");
        g.MapGet("/jobs/{id}/files/{*name}", (string id, string name, JobQueue queue, JobStore store) => Finished(queue, id, j =>
            {
                var folder = store.ResultsFolder(j.Id);
                var file = Files(folder, j.Id).FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
                if (file is null)
                {
                    return Problems.Result(Problems.Status(404, "No such file", $"Job {id} has no file '{name}'; see /api/jobs/{id}/files.", "name"));
                }

                return Results.File(Path.Combine(folder, file.Name), ContentType(file.Name), Path.GetFileName(file.Name));
            }))
            .Produces<string>(StatusCodes.Status200OK, "application/octet-stream", "text/csv", "application/json", "text/html", "image/svg+xml", "image/png", "text/yaml").WithName("jobFile").WithSummary("One file of a finished job's results folder (names as listed by /files).");
        g.MapGet("/jobs/{id}/report", (string id, JobQueue queue, JobStore store) => Finished(queue, id, j =>
            {
                var path = JobResults.ReportPath(j, store.ResultsFolder(j.Id));
                return path is null
                    ? Problems.Result(Problems.Status(404, "No report", $"Job {id} has no report.", "id"))
                    : Results.File(path, "text/html; charset=utf-8");
            }))
            .Produces<string>(StatusCodes.Status200OK, "text/html").WithName("jobReport").WithSummary("The job's self-contained HTML report (comparison report for compare jobs).");
        g.MapGet("/jobs/{id}/figures/{figure}", (string id, string figure, int? scenario, JobQueue queue, JobStore store) => Finished(queue, id, j =>
                j.Kind == JobKind.Explore
                    ? Problems.Result(Problems.Status(404, "No figures", $"Job {id} is an exploration; read /api/jobs/{id}/sensitivity and /discover.", "figure"))
                    : JobResults.Figure(j, store.ResultsFolder(j.Id), figure, scenario ?? 0)))
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml", "text/csv").WithName("jobFigure").WithSummary("One of the report's figures as SVG (NAME.svg) or its data as CSV (NAME.csv); ?scenario=i picks a compared scenario.");
    }

    private static IResult ResultsOf(JobQueue queue, JobStore store, string id) => Finished(queue, id, j => j.Kind == JobKind.Explore
        ? ExploreEndpoints.Explored(queue, store, id, results => Results.Ok(new ExploreResults(
            j.Id,
            results.Manifest.GetValueOrDefault("design") ?? string.Empty,
            results.DesignRows,
            results.CompletedCount,
            j.Spec.Seed,
            results.Parameters,
            results.Outcomes.Select(o => new ExploreOutcome(o.Name, o.Unit, o.Description)).ToList(),
            results.YearlyIndicators)))
        : Results.Ok(JobResults.Read(j, store.ResultsFolder(j.Id))));

    private static (int Runs, ulong Seed) Size(int? runs, ulong? seed, int? scenarioRuns, ulong? scenarioSeed, BallastWebOptions o)
    {
        if (runs is int n && (n < 1 || n > o.MaxRunsPerJob))
        {
            throw new BallastInputException($"must be between 1 and {o.MaxRunsPerJob} (MaxRunsPerJob)", field: "runs", value: n.ToString(CultureInfo.InvariantCulture));
        }

        // A scenario's own default may exceed the server's cap; it is then capped rather than refused.
        return (runs ?? Math.Min(scenarioRuns ?? o.DefaultRuns, o.MaxRunsPerJob), seed ?? scenarioSeed ?? 1);
    }

    internal static IResult Accept(JobQueue queue, JobKind kind, JobSpec spec)
    {
        try
        {
            var job = queue.Submit(kind, spec);
            return Results.Accepted($"/api/jobs/{job.Id}", JobView.Of(job));
        }
        catch (QueueFullException e)
        {
            return Problems.Result(Problems.Status(429, "Too many jobs waiting", e.Message));
        }
    }

    private static IResult Find(JobQueue queue, string id, Func<JobRecord, IResult> then)
    {
        if (!JobStore.IsValidId(id))
        {
            return Problems.Result(Problems.Invalid("id", "a job id is 32 lower-case hexadecimal digits", id));
        }

        var job = queue.Get(id);
        return job is null ? Problems.Result(Problems.Status(404, "Unknown job", $"There is no job {id}.", "id")) : then(job);
    }

    internal static IResult Finished(JobQueue queue, string id, Func<JobRecord, IResult> then) => Find(queue, id, j =>
        j.Status == JobStatus.Succeeded
            ? then(j)
            : Problems.Result(Problems.Status(409, "Job not finished", $"Job {id} is {j.Status.ToString().ToLowerInvariant()}{(j.Error is null ? string.Empty : ": " + j.Error)}; results exist only for succeeded jobs.", "id")));

    /// <summary>Every file under a results folder, relative names with '/' (the only names the file endpoint serves).</summary>
    internal static List<JobFile> Files(string folder, string id) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/'))
            .Where(n => SafeRelative().IsMatch(n))
            .Order(StringComparer.Ordinal)
            .Select(n => new JobFile(n, new FileInfo(Path.Combine(folder, n)).Length, $"/api/jobs/{id}/files/{n}"))
            .ToList();

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".csv" => "text/csv; charset=utf-8",
        ".json" => "application/json",
        ".html" => "text/html; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".yaml" => "text/yaml; charset=utf-8",
        _ => "application/octet-stream",
    };

    [GeneratedRegex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex SafeRelative();
}
