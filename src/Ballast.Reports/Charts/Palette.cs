namespace Ballast.Reports.Charts;

/// <summary>
/// The Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008): eight colours distinguishable with the common
/// forms of colour-blindness. Series colours cycle through it; roles always use the same colours.
/// </summary>
public static class Palette
{
    /// <summary>Okabe–Ito black.</summary>
    public const string Black = "#000000";

    /// <summary>Okabe–Ito orange.</summary>
    public const string Orange = "#E69F00";

    /// <summary>Okabe–Ito sky blue.</summary>
    public const string SkyBlue = "#56B4E9";

    /// <summary>Okabe–Ito bluish green.</summary>
    public const string BluishGreen = "#009E73";

    /// <summary>Okabe–Ito yellow.</summary>
    public const string Yellow = "#F0E442";

    /// <summary>Okabe–Ito blue.</summary>
    public const string Blue = "#0072B2";

    /// <summary>Okabe–Ito vermillion.</summary>
    public const string Vermillion = "#D55E00";

    /// <summary>Okabe–Ito reddish purple.</summary>
    public const string ReddishPurple = "#CC79A7";

    /// <summary>Neutral grey for "other" countries and grid lines.</summary>
    public const string Grey = "#BBBBBB";

    /// <summary>Series colours in the order they are used (yellow last: it is faint on white).</summary>
    public static IReadOnlyList<string> Series { get; } = [Blue, Orange, BluishGreen, Vermillion, ReddishPurple, SkyBlue, Black, Yellow];

    /// <summary>The colour of the i-th series.</summary>
    public static string ForSeries(int i) => Series[((i % Series.Count) + Series.Count) % Series.Count];

    /// <summary>The fill colour of a role on the map and in the network.</summary>
    public static string ForRole(CountryRole role) => role switch
    {
        CountryRole.Patron => Blue,
        CountryRole.TreatyAlly => SkyBlue,
        CountryRole.Partner => BluishGreen,
        CountryRole.Adversary => Vermillion,
        _ => "#D9D9D9",
    };

    /// <summary>A role in words.</summary>
    public static string RoleName(CountryRole role) => role switch
    {
        CountryRole.Patron => "Patron (US)",
        CountryRole.TreatyAlly => "Treaty ally",
        CountryRole.Partner => "Partner",
        CountryRole.Adversary => "Adversary",
        _ => "Other",
    };
}
