using Ballast.Core.Model;

namespace Ballast.Data.Parameters;

/// <summary>
/// Loads the parameter registry from <c>data/parameters.csv</c> (embedded) with the one CSV reader (<see cref="CsvTable"/>).
/// Columns: name, value, distribution, unit, source_kind, source, description. Every error names file, line and field.
/// </summary>
public static class ParameterRegistryLoader
{
    private static readonly string[] Columns = ["name", "value", "distribution", "unit", "source_kind", "source", "description"];

    private static readonly Lazy<ParameterSet> DefaultRegistry = new(() =>
    {
        var registry = Parse(EmbeddedData.Csv("parameters.csv"));
        return EmbeddedData.FileNames.Contains(CalibrationFile.FileName, StringComparer.Ordinal)
            ? CalibrationFile.Apply(registry, CalibrationFile.Parse(EmbeddedData.Csv(CalibrationFile.FileName)))
            : registry;
    });

    /// <summary>The default registry shipped with Ballast, with the estimates of <c>data/calibration.csv</c> applied (see <see cref="CalibrationFile"/>).</summary>
    public static ParameterSet Default => DefaultRegistry.Value;

    /// <summary>Parses registry CSV text; <paramref name="file"/> names the source in error messages.</summary>
    public static ParameterSet Parse(string text, string file) => Parse(CsvTable.Parse(file, new StringReader(text)));

    /// <summary>Reads a registry table; errors name its file, line and field.</summary>
    public static ParameterSet Parse(CsvTable t)
    {
        var file = t.Name;
        for (int c = 0; c < Columns.Length; c++)
        {
            if (c >= t.Header.Count || !string.Equals(t.Header[c], Columns[c], StringComparison.OrdinalIgnoreCase))
            {
                throw new BallastInputException($"expected column {c + 1} to be '{Columns[c]}' (columns: {string.Join(", ", Columns)})", file, 1, Columns[c]);
            }
        }

        var list = new List<Parameter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            int line = r.Line;
            string name = r.Text(0) ?? string.Empty;
            if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_'))
            {
                throw new BallastInputException("name must be snake_case (a-z, 0-9, _)", file, line, "name", name);
            }

            if (!seen.Add(name))
            {
                throw new BallastInputException($"parameter '{name}' is defined twice", file, line, "name", name);
            }

            if (!double.TryParse(r[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new BallastInputException("value must be a finite number", file, line, "value", r[1]);
            }

            Distribution? dist = null;
            if (r.Text(2) is not null)
            {
                dist = ParseDistribution(r[2], file, line, "distribution");
                dist.Validate(name);
            }

            if (!Enum.TryParse<SourceKind>(r.Text(4), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                throw new BallastInputException("source_kind must be one of calibrated, cited, assumption", file, line, "source_kind", r[4]);
            }

            var range = ParameterRange.ForUnit(r.Text(3) ?? string.Empty);
            if (!range.Contains(value))
            {
                throw new BallastInputException(range.Outside(value), file, line, "value", r[1]);
            }

            if (dist is not null && ParameterRange.Support(dist) is var support && !(range.Contains(support.Low) && range.Contains(support.High)))
            {
                throw new BallastInputException(range.OutsideSupport(support), file, line, "distribution", r[2]);
            }

            var source = r.Text(5) ?? throw new BallastInputException("every parameter needs a source (a citation or a sentence of reasoning)", file, line, "source");
            list.Add(new Parameter(name, value, dist, r.Text(3) ?? string.Empty, kind, source, r.Text(6) ?? string.Empty));
        }

        return new ParameterSet(list);
    }

    /// <summary>Parses <c>uniform(a;b)</c>, <c>normal(mean;sd)</c>, <c>triangular(min;mode;max)</c> or <c>lognormal(mu;sigma)</c>.</summary>
    public static Distribution ParseDistribution(string text, string? file = null, int? line = null, string? field = null)
    {
        string s = text.Trim();
        int open = s.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !s.EndsWith(')'))
        {
            throw new BallastInputException("distribution must look like uniform(a;b), normal(mean;sd), triangular(min;mode;max) or lognormal(mu;sigma)", file, line, field, text);
        }

        string kindText = s[..open].Trim().ToLowerInvariant();
        DistributionKind kind = kindText switch
        {
            "uniform" => DistributionKind.Uniform,
            "normal" => DistributionKind.Normal,
            "triangular" => DistributionKind.Triangular,
            "lognormal" => DistributionKind.LogNormal,
            _ => throw new BallastInputException($"unknown distribution '{kindText}'; allowed: uniform, normal, triangular, lognormal", file, line, field, text),
        };
        var args = s[(open + 1)..^1].Split(';', ',');
        var values = new double[args.Length];
        for (int k = 0; k < args.Length; k++)
        {
            if (!double.TryParse(args[k], NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]))
            {
                throw new BallastInputException($"distribution argument '{args[k]}' is not a number", file, line, field, text);
            }
        }

        int need = kind == DistributionKind.Triangular ? 3 : 2;
        if (values.Length != need)
        {
            throw new BallastInputException($"{kindText} takes {need} arguments", file, line, field, text);
        }

        return new Distribution(kind, values[0], values[1], need == 3 ? values[2] : double.NaN);
    }
}
