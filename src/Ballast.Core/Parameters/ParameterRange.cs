using System.Globalization;

namespace Ballast.Core.Parameters;

/// <summary>
/// The values a parameter may take, derived from its unit in the registry (<c>data/parameters.csv</c>), with the reason
/// an error gives. Overrides and the supports of uncertain parameters' distributions are checked against it, so a
/// depreciation of -5 or 1e308 is refused where it is written instead of turning every result into NaN.
/// </summary>
/// <param name="Min">Smallest value allowed.</param>
/// <param name="Max">Largest value allowed.</param>
/// <param name="Reason">Why, as an error message says it.</param>
public sealed record ParameterRange(double Min, double Max, string Reason)
{
    /// <summary>Largest magnitude of a quantity (distances, counts, money): beyond any real value, still far from overflow in products.</summary>
    public const double MaxQuantity = 1e12;

    /// <summary>Largest magnitude of a coefficient on a logit or log scale: exp(100) is already certainty, and a little more overflows.</summary>
    public const double MaxCoefficient = 100;

    /// <summary>The range of a parameter with this unit.</summary>
    /// <param name="unit">The registry's unit.</param>
    /// <returns>The range and its reason.</returns>
    public static ParameterRange ForUnit(string unit) => unit switch
    {
        "fraction" or "weight" or "fraction per launcher" => new(0, 1, "a fraction lies between 0 and 1"),
        "1/yr" or "1/yr per launcher" or "1/yr per link" => new(0, 1, "a yearly rate lies between 0 and 1 (all of a stock in one year)"),
        "steps/yr" => new(1, 365, "sub-steps a year run from 1 to 365"),
        "km" or "troops" or "bases" or "USD per troop-year" or "missiles/yr" or "missiles/yr per launcher" or "warheads"
            or "capability per missile" or "capability/USD" or "log points" or "1/fraction" or "ratio" or "years" or "million USD"
            or "per capability unit" or "per USD"
            => new(0, MaxQuantity, $"a quantity is at least 0 and at most {MaxQuantity.ToString("0e0", CultureInfo.InvariantCulture)}"),
        _ => new(-MaxCoefficient, MaxCoefficient, $"a coefficient lies between -{MaxCoefficient} and {MaxCoefficient}"),
    };

    /// <summary>True when <paramref name="value"/> lies in the range.</summary>
    public bool Contains(double value) => value >= Min && value <= Max;

    /// <summary>
    /// The interval a distribution draws from, for checking against a range: its support for uniform and triangular,
    /// mean ± 4 standard deviations for normal (one draw in 16,000 falls outside), exp(mu ± 4 sigma) for log-normal.
    /// </summary>
    public static (double Low, double High) Support(Distribution d) => d.Kind switch
    {
        Model.DistributionKind.Uniform => (d.A, d.B),
        Model.DistributionKind.Triangular => (d.A, d.C),
        Model.DistributionKind.Normal => (d.A - (4 * d.B), d.A + (4 * d.B)),
        _ => (Math.Exp(d.A - (4 * d.B)), Math.Exp(d.A + (4 * d.B))),
    };

    /// <summary>The message for a value outside the range: <c>must be between 0 and 1 (a yearly rate ...), found -5</c>.</summary>
    public string Outside(double value) =>
        $"must be between {Format(Min)} and {Format(Max)} ({Reason}), found {Format(value)}";

    /// <summary>The message for a distribution whose draws leave the range.</summary>
    public string OutsideSupport((double Low, double High) support) =>
        $"draws from {Format(support.Low)} to {Format(support.High)} leave the allowed range {Format(Min)} to {Format(Max)} ({Reason})";

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
