using System.Text.RegularExpressions;
using Ballast.Core;
using Ballast.Engine.Ensembles;
using Ballast.Reports;
using Ballast.Reports.Figures;
using Ballast.Runs;
using Ballast.Web.Dashboard;
using Ballast.Web.Hosting;

namespace Ballast.Web.Jobs;

/// <summary>A KPI's ensemble spread in one scenario.</summary>
public sealed record KpiValue(double? P5, double? P50, double? P95);

/// <summary>One KPI across the job's scenarios; <paramref name="Differences"/> are medians minus the first scenario's.</summary>
public sealed record KpiComparison(string Name, string Unit, string Note, IReadOnlyList<KpiValue> Values, IReadOnlyList<double?> Differences);

/// <summary>A scenario of a finished job.</summary>
public sealed record ResultScenario(string Name, string Folder, KpiSummary Kpis);

/// <summary>A figure the results offer (as SVG and CSV through <c>/api/jobs/ID/figures/ID.svg|csv</c>).</summary>
public sealed record FigureInfo(string Id, string Title, string Caption);

/// <summary>A finished job's results: KPIs side by side (one column for a run) and the figures available.</summary>
public sealed record ResultsResponse(string Id, Ballast.Web.Jobs.JobKind Kind, int Runs, ulong Seed, IReadOnlyList<ResultScenario> Scenarios, IReadOnlyList<KpiComparison> Kpis, IReadOnlyList<FigureInfo> Figures);

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

    /// <summary>The KPIs of every scenario of a finished job, side by side with differences from the first.</summary>
    public static ResultsResponse Read(JobRecord job, string folder)
    {
        var folders = Folders(job, folder);
        var saved = folders.Select(ResultsFolder.Read).ToList();
        var scenarios = saved.Select((s, i) => new ResultScenario(job.Spec.Scenarios[i].Name, Path.GetFileName(folders[i]) is var f && job.Kind == JobKind.Compare ? f : ".", s.Result.Kpis)).ToList();
        var rows = KpiRows(saved.Select(s => s.Result.Kpis).ToList());
        var figures = Figures(saved[0], folders[0], job.Spec.Scenarios[0].Name).Select(x => new FigureInfo(x.Id, x.Title, x.Caption)).ToList();
        return new ResultsResponse(job.Id, job.Kind, job.Spec.Runs, job.Spec.Seed, scenarios, rows, figures);
    }

    /// <summary>The report of a job: the run's report, or for a comparison the comparison report if written, else the first scenario's.</summary>
    public static string? ReportPath(JobRecord job, string folder)
    {
        var candidates = new List<string> { Path.Combine(folder, ReportWriter.FileName) };
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

        var f = Figures(ResultsFolder.Read(folders[scenario]), folders[scenario], job.Spec.Scenarios[scenario].Name).FirstOrDefault(x => x.Id == id);
        if (f is null)
        {
            return Problems.Result(Problems.Status(404, "Unknown figure", $"There is no figure '{id}'; see the job's results for the list.", "figure"));
        }

        return ext == ".svg" ? Results.Text(f.ToSvg($"s{scenario}"), "image/svg+xml") : Csv.Result(f.Table, $"{id}.csv");
    }

    private static string ModelPath(string folder) => Path.Combine(folder, ReportModelStore.FileName);

    /// <summary>
    /// The figures of one scenario's results: the full report set (charts, map with range rings, network) from the saved
    /// report data when the run wrote it, else the charts that the percentiles alone carry, drawn with the same components.
    /// </summary>
    public static IReadOnlyList<Figure> Figures(SavedRun run, string folder, string name)
    {
        var model = ModelPath(folder);
        return File.Exists(model) ? ReportFigures.All(ReportModelStore.Load(model)) : ResultFigures.FromPercentiles(run, name);
    }

    private static List<KpiComparison> KpiRows(IReadOnlyList<KpiSummary> k)
    {
        var rows = new List<KpiComparison>();
        void Add(string name, string unit, string note, Func<KpiSummary, KpiValue?> pick)
        {
            var values = k.Select(x => pick(x) ?? new KpiValue(null, null, null)).ToList();
            var first = values[0].P50;
            rows.Add(new KpiComparison(name, unit, note, values, values.Select(v => v.P50 is double a && first is double b ? a - b : (double?)null).ToList()));
        }

        static KpiValue P(PercentileRow r) => new(r.P5, r.P50, r.P95);
        Add("Balance ratio at the horizon", "ratio", "coalition against adversaries; below 1 the adversaries lead", x => P(x.FinalBalance));
        Add("Runs never crossing parity", "share", "share of runs whose balance never falls below 1", x => new KpiValue(null, x.ShareNeverCrossing, null));
        Add("Median crossover year", "year", "among runs that cross", x => new KpiValue(null, x.CrossoverYearMedian, null));
        Add("Coalition effectiveness at the horizon", "index", "CES of mission areas", x => P(x.FinalEffectiveness));
        Add("US net cost at the horizon", "US$ m", "including host-nation support received", x => P(x.UsCostNet));
        Add("Host exposure at the horizon", "index", "hosts within adversary missile range", x => P(x.HostExposure));
        Add("Coalition duplication at the horizon", "index", "spending-weighted overlap with the US mix", x => P(x.CoalitionDuplication));
        var codes = k.SelectMany(x => x.Allies.Select(a => a.Code)).Distinct().ToList();
        foreach (var code in codes)
        {
            AllyKpi? A(KpiSummary x) => x.Allies.FirstOrDefault(a => a.Code == code);
            Add($"{code}: share of GDP (median)", "%", "at the horizon", x => A(x) is { } a ? new KpiValue(null, a.FinalShareMedian * 100, null) : null);
            Add($"{code}: credibility (median)", "0–1", "belief the US will defend it", x => A(x) is { } a ? new KpiValue(null, a.FinalCredibilityMedian, null) : null);
            Add($"{code}: alignment (median)", "0–1", "alignment with the US", x => A(x) is { } a ? new KpiValue(null, a.FinalAlignmentMedian, null) : null);
            Add($"{code}: duplication (median)", "0–1", "overlap of its mix with the US mix", x => A(x) is { } a ? new KpiValue(null, a.FinalDuplicationMedian, null) : null);
            Add($"{code}: P(realigned)", "share", "share of runs in which it realigned", x => A(x) is { } a ? new KpiValue(null, a.ProbabilityRealigned, null) : null);
        }

        return rows;
    }

    [GeneratedRegex("[^a-z0-9.-]+")]
    private static partial Regex SlugPattern();
}
