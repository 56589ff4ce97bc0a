using Ballast.Core.Model;

namespace Ballast.Data.Parameters;

/// <summary>One calibrated parameter: the estimate, its standard error and how it was obtained.</summary>
/// <param name="Name">Registry name.</param>
/// <param name="Value">Estimate.</param>
/// <param name="StdError">Cluster-robust standard error (NaN when none, e.g. a residual scale).</param>
/// <param name="Low">Lower end of the 95 % interval (NaN when none).</param>
/// <param name="High">Upper end of the 95 % interval (NaN when none).</param>
/// <param name="FitFrom">First year of the fit window.</param>
/// <param name="FitUntil">Last year of the fit window.</param>
/// <param name="N">Observations.</param>
/// <param name="Countries">Countries used, ISO3 separated by spaces.</param>
/// <param name="WithinRSquared">Within R² of the regression.</param>
/// <param name="Method">Estimator and corrections, in words.</param>
/// <param name="Applied">Whether the estimate replaces the registry default (a reviewer sets <c>no</c> when the data do not identify the parameter).</param>
/// <param name="Note">Why an estimate is not applied.</param>
public sealed record CalibratedValue(
    string Name,
    double Value,
    double StdError,
    double Low,
    double High,
    int FitFrom,
    int FitUntil,
    int N,
    string Countries,
    double WithinRSquared,
    string Method,
    bool Applied = true,
    string? Note = null);

/// <summary>
/// The versioned calibration file <c>data/calibration.csv</c> written by <c>ballast calibrate</c>. The registry reads it
/// over <c>data/parameters.csv</c>: each row's estimate becomes the parameter's default, marked <c>calibrated</c> with its fit
/// window, and its standard error becomes the default uncertainty <c>normal(estimate; se)</c> for ensembles.
/// </summary>
public static class CalibrationFile
{
    /// <summary>File name in <c>data/</c>.</summary>
    public const string FileName = "calibration.csv";

    /// <summary>Format version written in the <c>version</c> column (bumped when the columns change).</summary>
    public const int FormatVersion = 1;

    /// <summary>Columns in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["version", "parameter", "value", "std_error", "ci_low", "ci_high", "fit_from", "fit_until", "n", "countries", "within_r2", "method", "applied", "note"];

    /// <summary>Writes the rows as CSV text (invariant culture, round-trip numbers).</summary>
    public static string Format(IEnumerable<CalibratedValue> values)
    {
        static string N(double v) => double.IsNaN(v) ? string.Empty : v.ToString("R", CultureInfo.InvariantCulture);
        static string Q(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Columns)).Append('\n');
        foreach (var v in values)
        {
            sb.Append(string.Join(',', [
                FormatVersion.ToString(CultureInfo.InvariantCulture), v.Name, N(v.Value), N(v.StdError), N(v.Low), N(v.High),
                v.FitFrom.ToString(CultureInfo.InvariantCulture), v.FitUntil.ToString(CultureInfo.InvariantCulture), v.N.ToString(CultureInfo.InvariantCulture),
                Q(v.Countries), N(v.WithinRSquared), Q(v.Method), v.Applied ? "yes" : "no", Q(v.Note ?? string.Empty),
            ])).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Parses a calibration table; every bad cell is reported with file, line and column.</summary>
    public static IReadOnlyList<CalibratedValue> Parse(CsvTable t)
    {
        // "applied" and "note" were added after the first files were written; they are optional (default: applied).
        t.Require([.. Columns.Take(12)]);
        int? applied = t.Has("applied") ? t.Column("applied") : null, note = t.Has("note") ? t.Column("note") : null;
        int ver = t.Column("version"), name = t.Column("parameter"), value = t.Column("value"), se = t.Column("std_error"), lo = t.Column("ci_low"),
            hi = t.Column("ci_high"), from = t.Column("fit_from"), until = t.Column("fit_until"), n = t.Column("n"), countries = t.Column("countries"),
            r2 = t.Column("within_r2"), method = t.Column("method");
        var list = new List<CalibratedValue>();
        foreach (var r in t.Records)
        {
            if (r.Integer(ver) != FormatVersion)
            {
                throw r.Error(ver, $"unsupported calibration file version (this build reads version {FormatVersion})");
            }

            var v = r.Number(value) ?? throw r.Error(value, "missing estimate");
            var s = r.Number(se) ?? double.NaN;
            if (s < 0)
            {
                throw r.Error(se, "standard error must not be negative");
            }

            list.Add(new CalibratedValue(r.RequiredText(name), v, s, r.Number(lo) ?? double.NaN, r.Number(hi) ?? double.NaN,
                r.Integer(from), r.Integer(until), r.Integer(n), r.Text(countries) ?? string.Empty, r.Number(r2) ?? double.NaN, r.RequiredText(method),
                applied is int ac ? ParseApplied(r, ac) : true, note is int nc ? r.Text(nc) : null));
        }

        return list;
    }

    private static bool ParseApplied(CsvRecord r, int column) => r.Text(column)?.ToLowerInvariant() switch
    {
        null or "yes" => true,
        "no" => false,
        _ => throw r.Error(column, "allowed: yes, no"),
    };

    /// <summary>
    /// The registry with calibrated values applied: value = estimate, source kind <c>calibrated</c>, the source naming the
    /// fit window, n, R² and estimate ± SE, and (when there is a standard error) the distribution <c>normal(estimate; se)</c>.
    /// A calibrated name the registry does not know is an error naming the file and line.
    /// </summary>
    public static ParameterSet Apply(ParameterSet registry, IReadOnlyList<CalibratedValue> values, string file = "data/" + FileName)
    {
        var byName = new Dictionary<string, CalibratedValue>(StringComparer.Ordinal);
        int line = 1;
        foreach (var v in values)
        {
            line++;
            if (!registry.Contains(v.Name))
            {
                var unknown = registry.Unknown(v.Name);
                throw new BallastInputException(unknown.Reason, file, line, "parameter", v.Name);
            }

            byName[v.Name] = v;
        }

        return new ParameterSet(registry.All.Select(p => !byName.TryGetValue(p.Name, out var v) ? p : v.Applied ? Calibrated(p, v) : NotApplied(p, v)));
    }

    /// <summary>A registry entry kept as it was, its source recording the estimate that was not adopted and why.</summary>
    public static Parameter NotApplied(Parameter p, CalibratedValue v)
    {
        string estimate = double.IsNaN(v.StdError)
            ? v.Value.ToString("0.####", CultureInfo.InvariantCulture)
            : $"{v.Value.ToString("0.####", CultureInfo.InvariantCulture)} ± {v.StdError.ToString("0.####", CultureInfo.InvariantCulture)}";
        return p with { Source = $"{p.Source} Calibration {v.FitFrom}-{v.FitUntil} gave {estimate}, not adopted: {v.Note ?? "see docs/calibration.md"}" };
    }

    /// <summary>A registry entry replaced by its calibrated value.</summary>
    public static Parameter Calibrated(Parameter p, CalibratedValue v)
    {
        string estimate = double.IsNaN(v.StdError)
            ? v.Value.ToString("0.####", CultureInfo.InvariantCulture)
            : $"{v.Value.ToString("0.####", CultureInfo.InvariantCulture)} ± {v.StdError.ToString("0.####", CultureInfo.InvariantCulture)} (s.e.)";
        string source = $"calibrated {v.FitFrom}-{v.FitUntil}: {estimate}; {v.Method}; n = {v.N.ToString(CultureInfo.InvariantCulture)}, within R² = {v.WithinRSquared.ToString("0.###", CultureInfo.InvariantCulture)}; countries {v.Countries}";
        var distribution = double.IsNaN(v.StdError) || v.StdError == 0 ? null : new Distribution(DistributionKind.Normal, v.Value, v.StdError);
        return p with { Value = v.Value, Distribution = distribution, SourceKind = SourceKind.Calibrated, Source = source };
    }
}
