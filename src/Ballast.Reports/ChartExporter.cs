namespace Ballast.Reports;

/// <summary>File format for separately written charts.</summary>
public enum ChartFormat
{
    /// <summary>Scalable vector graphics (text stays text; best for documents).</summary>
    Svg,

    /// <summary>Portable network graphics at 2 pixels per unit (for slides and tools without SVG).</summary>
    Png,
}

/// <summary>Writes figures as separate SVG or PNG files (<c>--charts svg|png</c>), for pasting into papers and briefings.</summary>
public static class ChartExporter
{
    /// <summary>The sub-folder of a results folder that holds chart files.</summary>
    public const string Folder = "charts";

    /// <summary>Parses <c>svg</c> or <c>png</c>; anything else is an input error listing the allowed values.</summary>
    public static ChartFormat Parse(string text, string field = "--charts") => text.Trim().ToLowerInvariant() switch
    {
        "svg" => ChartFormat.Svg,
        "png" => ChartFormat.Png,
        _ => throw new BallastInputException($"unknown chart format '{text}'. Allowed: svg, png.", field: field, value: text),
    };

    /// <summary>
    /// Writes every figure into <paramref name="directory"/> as <c>{id}.svg</c> or <c>{id}.png</c>; returns the paths written. With
    /// <paramref name="source"/> each file carries the figure's title above it and the source line below it, so a chart pasted
    /// into a paper or a slide still says what it is and where it comes from.
    /// </summary>
    public static IReadOnlyList<string> Write(IEnumerable<Figure> figures, string directory, ChartFormat format, string? source = null)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var figure in figures)
        {
            var f = source is null ? figure : figure.Framed(source);
            string path = Path.Combine(directory, $"{f.Id}.{(format == ChartFormat.Svg ? "svg" : "png")}");
            if (format == ChartFormat.Svg)
            {
                Html.Html.WriteAtomically(path, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + f.ToSvg() + "\n");
            }
            else
            {
                string tmp = path + ".tmp";
                f.SavePng(tmp);
                File.Move(tmp, path, overwrite: true);
            }

            written.Add(path);
        }

        return written;
    }

    /// <summary>Writes a single-scenario report's figures into <c>DIR/charts</c>, each with its title and source.</summary>
    public static IReadOnlyList<string> WriteReportCharts(Model.ReportModel model, string resultsDirectory, ChartFormat format) =>
        Write(ReportFigures.All(model), Path.Combine(resultsDirectory, Folder), format, Source([model]));

    /// <summary>Writes a comparison report's figures into <c>DIR/charts</c>, each with its title and source.</summary>
    public static IReadOnlyList<string> WriteComparisonCharts(Model.ComparisonModel model, string resultsDirectory, ChartFormat format) =>
        Write(ComparisonFigures.All(model), Path.Combine(resultsDirectory, Folder), format, Source(model.Scenarios));

    /// <summary>The source line of exported charts: the program, the scenarios, the runs and the data, as the report's citations name them.</summary>
    public static string Source(IReadOnlyList<Model.ReportModel> models)
    {
        var m = models[0];
        string scenarios = string.Join(", ", models.Select(x => $"'{x.Scenario.Name}'"));
        // The datasets behind every chart; the per-system and per-site entries stay in the report's full citations.
        string datasets = string.Join("; ", models.SelectMany(x => x.Citations).Select(c => c.Dataset).Where(d => !d.Contains(':', StringComparison.Ordinal)).Distinct());
        return $"Source: Ballast {ReportWriter.Version}, scenario{(models.Count > 1 ? "s" : string.Empty)} {scenarios}, {Format.Integer(m.Crossover.Runs)} runs from the {m.Scenario.StartYear} data. Data: {datasets} (full citations in the report).";
    }
}
