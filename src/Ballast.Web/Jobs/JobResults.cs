using System.Text.RegularExpressions;
using Ballast.Engine.Ensembles;
using Ballast.Reports;
using Ballast.Reports.Adapters;
using Ballast.Reports.Figures;
using Ballast.Runs;
using Ballast.Runs.Comparison;
using Ballast.Runs.Kpis;
using Ballast.Web.Dashboard;

namespace Ballast.Web.Jobs;

/// <summary>One KPI of the catalogue (<see cref="KpiCatalogue"/>) across the job's scenarios.</summary>
/// <param name="Id">Machine name (<c>us_cost_net</c>, <c>credibility.JPN</c>).</param>
/// <param name="Name">Label, as the CLI and the report show it.</param>
/// <param name="Unit">Unit of the values.</param>
/// <param name="Format">.NET number format the CLI uses.</param>
/// <param name="Direction">Which way is better for the coalition.</param>
/// <param name="Note">What it measures.</param>
/// <param name="Values">Its value in each scenario (all null where a scenario lacks it).</param>
public sealed record KpiComparison(string Id, string Name, string Unit, string Format, KpiDirection Direction, string Note, IReadOnlyList<KpiValue> Values);

/// <summary>A scenario of a finished job (its KPIs are in <see cref="ResultsResponse.Kpis"/>, in the catalogue's units).</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="Folder">Its results folder inside the job's (<c>.</c> for a run).</param>
/// <param name="Runs">Runs in its ensemble.</param>
public sealed record ResultScenario(string Name, string Folder, long Runs);

/// <summary>A figure the results offer (as SVG and CSV through <c>/api/jobs/ID/figures/ID.svg|csv</c>).</summary>
public sealed record FigureInfo(string Id, string Title, string Caption);

/// <summary>
/// A finished job's results: KPIs side by side (one column for a run), for a comparison the paired differences to the
/// first scenario (as <c>ballast compare</c>; empty for a run), and the figures available.
/// </summary>
public sealed record ResultsResponse(string Id, Ballast.Web.Jobs.JobKind Kind, int Runs, ulong Seed, IReadOnlyList<ResultScenario> Scenarios, IReadOnlyList<KpiComparison> Kpis, IReadOnlyList<PairedKpi> Paired, IReadOnlyList<FigureInfo> Figures);

/// <summary>Reads finished jobs' results folders (through <see cref="ResultsFolder"/>) and draws their report figures.</summary>
public static partial class JobResults
{
    /// <summary>A file-name-safe form of a scenario name.</summary>
    public static string Slug(string name)
    {
        var s = SlugPattern().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return s.Length == 0 ? "scenario" : s[..Math.Min(s.Length, 60)];
    }

    /// <summary>The results folder of each scenario of a job.</summary>
    public static IReadOnlyList<string> Folders(JobRecord job, string folder) => job.Kind != JobKind.Compare
        ? [folder]
        : job.Spec.Scenarios.Select((s, i) => Path.Combine(folder, ScenarioJobExecutor.CompareFolder(i, s.Name))).ToList();

    /// <summary>The KPIs of every scenario of a finished job side by side, and for a comparison the paired differences.</summary>
    public static ResultsResponse Read(JobRecord job, string folder)
    {
        var folders = Folders(job, folder);
        var saved = folders.Select(ResultsFolder.Read).ToList();
        var scenarios = saved.Select((s, i) => new ResultScenario(job.Spec.Scenarios[i].Name, Path.GetFileName(folders[i]) is var f && job.Kind == JobKind.Compare ? f : ".", s.Result.Kpis.Runs)).ToList();
        var rows = KpiRows(saved.Select(s => s.Result.Kpis).ToList());
        var paired = job.Kind == JobKind.Compare ? ScenarioComparison.Load(folder)?.Kpis ?? [] : [];
        var figures = Figures(folders[0]).Select(x => new FigureInfo(x.Id, x.Title, x.Caption)).ToList();
        return new ResultsResponse(job.Id, job.Kind, job.Spec.Runs, job.Spec.Seed, scenarios, rows, paired, figures);
    }

    /// <summary>The report of a job: the run's report, or for a comparison the comparison report if written, else the first scenario's.</summary>
    public static string? ReportPath(JobRecord job, string folder)
    {
        var candidates = new List<string> { Path.Combine(folder, ComparisonReportWriter.FileName), Path.Combine(folder, ReportWriter.FileName) };
        candidates.AddRange(Folders(job, folder).Select(f => Path.Combine(f, ReportWriter.FileName)));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>One figure of a scenario of the job as SVG (<c>NAME.svg</c>) or its data as CSV (<c>NAME.csv</c>).</summary>
    public static IResult Figure(JobRecord job, string folder, string figure, int scenario)
    {
        var folders = Folders(job, folder);
        if (scenario < 0 || scenario >= folders.Count)
        {
            throw new BallastInputException($"must be between 0 and {folders.Count - 1}", field: "scenario", value: scenario.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var ext = Path.GetExtension(figure);
        var id = Path.GetFileNameWithoutExtension(figure);
        if (ext is not (".svg" or ".csv"))
        {
            throw new BallastInputException("ask for NAME.svg or NAME.csv", field: "figure", value: figure);
        }

        var f = Figures(folders[scenario]).FirstOrDefault(x => x.Id == id);
        if (f is null)
        {
            return Problems.Result(Problems.Status(404, "Unknown figure", $"There is no figure '{id}'; see the job's results for the list.", "figure"));
        }

        return ext == ".svg" ? Results.Text(f.ToSvg($"s{scenario}"), "image/svg+xml") : Csv.Result(f.Table, $"{id}.csv");
    }

    /// <summary>
    /// The report's figures of one scenario's results folder: from its saved report data (written with every run), or for a
    /// folder without it rebuilt from the engine's files by the same report builder as <c>ballast report</c>.
    /// </summary>
    public static IReadOnlyList<Figure> Figures(string folder)
    {
        var model = Path.Combine(folder, ReportModelStore.FileName);
        return ReportFigures.All(File.Exists(model) ? ReportModelStore.Load(model) : RunReports.FromFolder(folder));
    }

    // Every scenario's catalogue KPIs, matched by machine name (scenarios may differ in allies and targets).
    private static List<KpiComparison> KpiRows(IReadOnlyList<KpiSummary> k)
    {
        var readings = k.Select(KpiCatalogue.All).ToList();
        var byId = readings.Select(s => s.ToDictionary(r => r.Id)).ToList();
        var none = new KpiValue(null, null, null);
        return readings.SelectMany(s => s).DistinctBy(r => r.Id).Select(r => new KpiComparison(
            r.Id,
            r.Name,
            r.Kpi.Unit,
            r.Kpi.Format,
            r.Kpi.Direction,
            r.Kpi.Description,
            byId.Select(s => s.TryGetValue(r.Id, out var v) ? v.Value : none).ToList())).ToList();
    }

    [GeneratedRegex("[^a-z0-9.-]+")]
    private static partial Regex SlugPattern();
}
