using System.Text.Json.Serialization;

namespace Ballast.Reports;

/// <summary>
/// Saves and loads a <see cref="ReportModel"/> as JSON (<c>report-data.json</c> beside <c>report.html</c>), so
/// <c>ballast report DIR</c> can rebuild the report, and the web app can serve the same data, without re-running anything.
/// </summary>
public static class ReportModelStore
{
    /// <summary>The file name inside a results folder.</summary>
    public const string FileName = "report-data.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The model as JSON text.</summary>
    public static string ToJson(ReportModel model) => JsonSerializer.Serialize(model, Options);

    /// <summary>Writes the model to <paramref name="path"/> atomically.</summary>
    public static void Save(ReportModel model, string path) => Html.Html.WriteAtomically(path, ToJson(model));

    /// <summary>Reads a model; malformed files raise <see cref="BallastInputException"/> naming the file, line and JSON path.</summary>
    public static ReportModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BallastInputException($"no saved report data: '{path}' does not exist (ballast run writes it into its output folder)", file: path);
        }

        try
        {
            return JsonSerializer.Deserialize<ReportModel>(File.ReadAllText(path), Options)
                ?? throw new BallastInputException("the file holds no report data (JSON null)", file: path);
        }
        catch (JsonException e)
        {
            int? line = e.LineNumber is long l ? (int)l + 1 : null;
            throw new BallastInputException($"cannot read report data: {e.Message}", file: path, line: line, field: e.Path);
        }
    }

    /// <summary>Rebuilds <c>report.html</c> in a results folder from its saved data; returns the report's path.</summary>
    public static string Rebuild(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new BallastInputException($"results folder '{directory}' does not exist", file: directory);
        }

        var model = Load(Path.Combine(directory, FileName));
        string html = Path.Combine(directory, ReportWriter.FileName);
        ReportWriter.Write(model, html);
        return html;
    }
}
