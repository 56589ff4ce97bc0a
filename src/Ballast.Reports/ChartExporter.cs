using Ballast.Core;
using Ballast.Reports.Figures;

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

    /// <summary>Writes every figure into <paramref name="directory"/> as <c>{id}.svg</c> or <c>{id}.png</c>; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(IEnumerable<Figure> figures, string directory, ChartFormat format)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var f in figures)
        {
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

    /// <summary>Writes a single-scenario report's figures into <c>DIR/charts</c>.</summary>
    public static IReadOnlyList<string> WriteReportCharts(Model.ReportModel model, string resultsDirectory, ChartFormat format) =>
        Write(ReportFigures.All(model), Path.Combine(resultsDirectory, Folder), format);

    /// <summary>Writes a comparison report's figures into <c>DIR/charts</c>.</summary>
    public static IReadOnlyList<string> WriteComparisonCharts(Model.ComparisonModel model, string resultsDirectory, ChartFormat format) =>
        Write(ComparisonFigures.All(model), Path.Combine(resultsDirectory, Folder), format);
}
