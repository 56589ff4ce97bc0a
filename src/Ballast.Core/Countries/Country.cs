namespace Ballast.Core.Countries;

/// <summary>A country (or territory) known to Ballast, keyed by its ISO 3166 alpha-3 code.</summary>
/// <param name="Iso3">ISO 3166-1 alpha-3 code (Kosovo uses the World Bank's XKX).</param>
/// <param name="Name">Display name.</param>
/// <param name="Iso2">ISO 3166-1 alpha-2 code, if any.</param>
/// <param name="IsoNumeric">ISO 3166-1 numeric code, if any (used to join map boundaries).</param>
/// <param name="CowCode">Correlates of War state code (also used by ATOP), if the country is a COW state.</param>
/// <param name="CowAbbrev">Correlates of War state abbreviation (e.g. ROK, TAW), if any.</param>
/// <param name="Aliases">Every other name the sources use (SIPRI, World Bank, COW, official names).</param>
public sealed record Country(
    string Iso3,
    string Name,
    string? Iso2,
    int? IsoNumeric,
    int? CowCode,
    string? CowAbbrev,
    IReadOnlyList<string> Aliases);

/// <summary>The role a country plays in an actor set.</summary>
public enum CountryRole
{
    /// <summary>The alliance patron (the United States).</summary>
    Patron,

    /// <summary>A treaty ally of the patron.</summary>
    TreatyAlly,

    /// <summary>A security partner without a defence treaty.</summary>
    Partner,

    /// <summary>An adversary of the coalition.</summary>
    Adversary,

    /// <summary>Any other country.</summary>
    Other,
}

/// <summary>A country with its role in an actor set, and the source of that role assignment.</summary>
public sealed record Actor(string Iso3, CountryRole Role, string Source);

/// <summary>A named set of actors with roles, such as the Indo-Pacific default.</summary>
public sealed record ActorSet(string Name, string Description, IReadOnlyList<Actor> Actors)
{
    /// <summary>The actors that hold a given role.</summary>
    public IEnumerable<Actor> WithRole(CountryRole role) => Actors.Where(a => a.Role == role);

    /// <summary>The actor for a code, or null.</summary>
    public Actor? Find(string iso3) => Actors.FirstOrDefault(a => a.Iso3 == iso3);
}
