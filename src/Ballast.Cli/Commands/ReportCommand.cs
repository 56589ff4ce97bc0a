namespace Ballast.Cli.Commands;

/// <summary><c>ballast report DIR</c>: rebuilds report.html (and optionally chart files) from the results a run saved in DIR.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("dir") { Description = "Results folder written by `ballast run` (manifest.json, kpis.json, percentiles.csv, scenario.yaml)." };
        var charts = CommonOptions.Charts();
        return BallastCli.Command(ctx, "report", "Rebuild the self-contained report.html from saved results; --charts also writes each chart as SVG or PNG into DIR/charts.",
            ["ballast report out/baseline", "ballast report out/baseline --charts png"],
            [dir, charts], p =>
        {
            string folder = p.GetValue(dir)!;
            ChartFormat? format = p.GetValue(charts) is { } text ? ChartExporter.Parse(text) : null;
            string html = RunReports.Rebuild(folder, format);
            ctx.Out.WriteLine($"report: {html}");
            if (format is ChartFormat f)
            {
                ctx.Out.WriteLine($"charts: {f.ToString().ToLowerInvariant()} files in {Path.Combine(folder, ChartExporter.Folder)}");
            }

            return 0;
        });
    }
}
