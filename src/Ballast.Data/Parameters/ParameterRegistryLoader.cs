using System.Globalization;
using System.Text;
using Ballast.Core;
using Ballast.Core.Model;
using Ballast.Core.Parameters;

namespace Ballast.Data.Parameters;

/// <summary>
/// Loads the parameter registry from <c>data/parameters.csv</c> (embedded as <c>Ballast.Data.parameters.csv</c>).
/// Columns: name, value, distribution, unit, source_kind, source, description. Every error names file, line and field.
/// </summary>
public static class ParameterRegistryLoader
{
    /// <summary>The embedded resource name of the default registry.</summary>
    public const string ResourceName = "Ballast.Data.parameters.csv";

    private static readonly string[] Columns = ["name", "value", "distribution", "unit", "source_kind", "source", "description"];

    private static readonly Lazy<ParameterSet> DefaultRegistry = new(() =>
    {
        using var stream = typeof(ParameterRegistryLoader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var registry = Parse(reader.ReadToEnd(), "data/parameters.csv");
        return Embedded.EmbeddedData.FileNames.Contains(CalibrationFile.FileName, StringComparer.Ordinal)
            ? CalibrationFile.Apply(registry, CalibrationFile.Parse(Embedded.EmbeddedData.Csv(CalibrationFile.FileName)))
            : registry;
    });

    /// <summary>The default registry shipped with Ballast, with the estimates of <c>data/calibration.csv</c> applied (see <see cref="CalibrationFile"/>).</summary>
    public static ParameterSet Default => DefaultRegistry.Value;

    /// <summary>Parses registry CSV text; <paramref name="file"/> names the source in error messages.</summary>
    public static ParameterSet Parse(string text, string file)
    {
        var rows = CsvRows(text, file).ToList();
        if (rows.Count == 0)
        {
            throw new BallastInputException("empty parameter file", file);
        }

        var header = rows[0].Fields;
        for (int c = 0; c < Columns.Length; c++)
        {
            if (c >= header.Count || header[c].Trim() != Columns[c])
            {
                throw new BallastInputException($"expected column {c + 1} to be '{Columns[c]}' (columns: {string.Join(", ", Columns)})", file, rows[0].Line, Columns[c]);
            }
        }

        var list = new List<Parameter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, f) in rows.Skip(1))
        {
            if (f.Count == 1 && f[0].Length == 0)
            {
                continue;
            }

            if (f.Count != Columns.Length)
            {
                throw new BallastInputException($"expected {Columns.Length} fields, found {f.Count}", file, line);
            }

            string name = f[0].Trim();
            if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_'))
            {
                throw new BallastInputException("name must be snake_case (a-z, 0-9, _)", file, line, "name", name);
            }

            if (!seen.Add(name))
            {
                throw new BallastInputException($"parameter '{name}' is defined twice", file, line, "name", name);
            }

            if (!double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new BallastInputException("value must be a finite number", file, line, "value", f[1]);
            }

            Distribution? dist = null;
            if (f[2].Trim().Length > 0)
            {
                dist = ParseDistribution(f[2], file, line, "distribution");
                dist.Validate(name);
            }

            if (!Enum.TryParse<SourceKind>(f[4].Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                throw new BallastInputException("source_kind must be one of calibrated, cited, assumption", file, line, "source_kind", f[4]);
            }

            if (f[5].Trim().Length == 0)
            {
                throw new BallastInputException("every parameter needs a source (a citation or a sentence of reasoning)", file, line, "source");
            }

            list.Add(new Parameter(name, value, dist, f[3].Trim(), kind, f[5].Trim(), f[6].Trim()));
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

    /// <summary>RFC 4180 rows with the 1-based line on which each starts.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> CsvRows(string text, string file)
    {
        int line = 1;
        int i = 0;
        while (i < text.Length)
        {
            int start = line;
            var fields = new List<string>();
            var sb = new StringBuilder();
            bool quoted = false;
            bool endRow = false;
            while (i < text.Length && !endRow)
            {
                char ch = text[i];
                if (quoted)
                {
                    if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        sb.Append('"');
                        i += 2;
                        continue;
                    }

                    if (ch == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        if (ch == '\n')
                        {
                            line++;
                        }

                        sb.Append(ch);
                    }
                }
                else if (ch == '"' && sb.Length == 0)
                {
                    quoted = true;
                }
                else if (ch == ',')
                {
                    fields.Add(sb.ToString());
                    sb.Clear();
                }
                else if (ch == '\n')
                {
                    endRow = true;
                    line++;
                }
                else if (ch != '\r')
                {
                    sb.Append(ch);
                }

                i++;
            }

            if (quoted)
            {
                throw new BallastInputException("unterminated quoted field", file, start);
            }

            fields.Add(sb.ToString());
            yield return (start, fields);
        }
    }
}
