using Ballast.Core.Panel;

namespace Ballast.Runs.Countries;

/// <summary>
/// The years each data question can be asked about, and the one rule for a year outside them: an input error naming
/// the available range, the same from every CLI command and web endpoint (never a table of dashes).
/// </summary>
public static class DataYears
{
    /// <summary>First year of the constant-dollar SIPRI series Ballast ships; the perpetual inventory of capital starts here.</summary>
    public const int CapitalStockFirst = 2001;

    /// <summary>Last year of the constant-dollar SIPRI series Ballast ships.</summary>
    public const int CapitalStockLast = 2024;

    /// <summary>First year of the alliance network (the COW state system begins in 1816).</summary>
    public const int NetworkFirst = 1816;

    /// <summary>Last year of the alliance network (groupings entered by Ballast run to 2100).</summary>
    public const int NetworkLast = 2100;

    /// <summary>What the constant-dollar range holds, as <see cref="Check"/> names it.</summary>
    public const string CapitalStockData = "constant-dollar military spending";

    /// <summary>What the network range holds.</summary>
    public const string NetworkData = "alliance data and groupings";

    /// <summary>What the share range holds.</summary>
    public const string ShareData = "military spending as a share of GDP";

    /// <summary>The first and last years in which some country of the panel has military spending as a share of GDP (burden, exploitation).</summary>
    public static (int First, int Last) Shares(CountryPanel panel)
    {
        var years = panel.AllRows.Where(r => r[Series.MilexShare] is not null).Select(r => r.Year).ToList();
        return years.Count == 0
            ? throw new BallastInputException("the data has no military spending as a share of GDP in any year", field: "--data")
            : (years.Min(), years.Max());
    }

    /// <summary>
    /// The year when it lies in [<paramref name="first"/>, <paramref name="last"/>]; otherwise an input error on
    /// <paramref name="field"/> naming the range and what it holds: <c>must be between 1949 and 2024, the years with ...</c>.
    /// </summary>
    public static int Check(int year, int first, int last, string what, string field) =>
        year >= first && year <= last
            ? year
            : throw new BallastInputException($"must be between {first} and {last}, the years with {what}", field: field, value: year.ToString(CultureInfo.InvariantCulture));

    /// <summary><see cref="Check"/> against the panel's share years.</summary>
    public static int CheckShares(CountryPanel panel, int year, string field)
    {
        var (first, last) = Shares(panel);
        return Check(year, first, last, ShareData, field);
    }
}
