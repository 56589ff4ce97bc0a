namespace Ballast.Reports.Figures;

/// <summary>Invariant-culture number formats used everywhere numbers are shown, so tables, text and tests agree.</summary>
public static class Format
{
    /// <summary>A number with up to 3 decimals (e.g. 0.873, 12.5, 1204).</summary>
    public static string Number(double v)
    {
        if (double.IsNaN(v))
        {
            return "n/a";
        }

        double a = Math.Abs(v);
        string fmt = a >= 1000 ? "#,0" : a >= 100 ? "0.#" : a >= 10 ? "0.##" : "0.###";
        return v.ToString(fmt, CultureInfo.InvariantCulture);
    }

    /// <summary>A share in [0, 1] as a percentage with one decimal (0.125 → "12.5 %").</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>A calendar year (2035, never "2,035").</summary>
    public static string Year(double year) => Math.Round(year).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>An integer with thousands separators.</summary>
    public static string Integer(long v) => v.ToString("#,0", CultureInfo.InvariantCulture);
}
