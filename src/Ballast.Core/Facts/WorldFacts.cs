namespace Ballast.Core.Facts;

/// <summary>Whether a country has nuclear weapons, is covered by US extended deterrence, or neither.</summary>
public enum NuclearStatus
{
    /// <summary>Neither a nuclear-weapon state nor under a US nuclear umbrella.</summary>
    None,

    /// <summary>Covered by US extended nuclear deterrence.</summary>
    Umbrella,

    /// <summary>A nuclear-weapon state (has a warhead stockpile).</summary>
    Nws,
}

/// <summary>The kind of security commitment between the US and a country.</summary>
public enum TreatyCommitment
{
    /// <summary>A mutual-defence treaty (an attack on one obliges the other to act).</summary>
    MutualDefence,

    /// <summary>A commitment to consult (no obligation to defend).</summary>
    Consultation,

    /// <summary>A partnership without a defence or consultation obligation.</summary>
    Partnership,
}

/// <summary>Missile flight profile.</summary>
public enum MissileType
{
    /// <summary>Ballistic (including quasi-ballistic).</summary>
    Ballistic,

    /// <summary>Cruise.</summary>
    Cruise,

    /// <summary>Hypersonic glide vehicle.</summary>
    Hypersonic,
}

/// <summary>A missile system of the catalogue.</summary>
/// <param name="Id">Catalogue id used in scenarios (e.g. <c>dark-eagle</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Owner">Owner country (ISO3).</param>
/// <param name="RangeKm">Range, km.</param>
/// <param name="Type">Flight profile.</param>
/// <param name="Basing">Basing mode (e.g. road-mobile, naval).</param>
/// <param name="Source">Citation.</param>
public sealed record MissileSystem(string Id, string Name, string Owner, double RangeKm, MissileType Type, string Basing, string Source)
{
    /// <summary>True when the range lies in the band the INF Treaty banned for ground launch (500–5,500 km).</summary>
    public bool IsIntermediateRange => RangeKm >= 500 && RangeKm <= 5500;
}

/// <summary>A named site where missiles or forces can be deployed.</summary>
/// <param name="Id">Site id used in scenarios (e.g. <c>kadena</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Host">Host country or territory (ISO3).</param>
/// <param name="Location">Coordinates.</param>
/// <param name="Source">Citation.</param>
public sealed record DeploymentSite(string Id, string Name, string Host, GeoPoint Location, string Source);

/// <summary>Host-nation support paid by a host in one year.</summary>
/// <param name="Host">Host country (ISO3).</param>
/// <param name="Year">Year.</param>
/// <param name="AmountLocalMillions">Amount in millions of local currency.</param>
/// <param name="Currency">ISO 4217 currency code.</param>
/// <param name="LocalPerUsd">Exchange rate used, local currency per US dollar.</param>
/// <param name="Agreement">Agreement name.</param>
/// <param name="Source">Citation of the amount (the file also cites the exchange rate).</param>
public sealed record HostNationSupport(string Host, int Year, double AmountLocalMillions, string Currency, double LocalPerUsd, string Agreement, string Source)
{
    /// <summary>The amount in millions of US dollars (local amount ÷ exchange rate).</summary>
    public double AmountUsdMillions => AmountLocalMillions / LocalPerUsd;
}

/// <summary>A country's nuclear status.</summary>
/// <param name="Iso3">Country.</param>
/// <param name="Status">Status.</param>
/// <param name="Warheads">FAS warhead stockpile in <paramref name="WarheadsYear"/>, for nuclear-weapon states.</param>
/// <param name="WarheadsYear">Year of the stockpile figure.</param>
/// <param name="LatentNotes">Notes on latent capability, if any.</param>
/// <param name="Source">Citation.</param>
public sealed record NuclearStatusEntry(string Iso3, NuclearStatus Status, int? Warheads, int? WarheadsYear, string LatentNotes, string Source);

/// <summary>A security treaty or partnership between the US and a country.</summary>
/// <param name="Ally">Country (ISO3).</param>
/// <param name="Treaty">Treaty or agreement name.</param>
/// <param name="YearSigned">Year signed (for NATO members, the accession year).</param>
/// <param name="Type">Kind of commitment.</param>
/// <param name="Multilateral">True for a collective treaty (NATO, ANZUS, the Manila Pact), false for a bilateral one.</param>
/// <param name="Source">Citation.</param>
public sealed record TreatyEntry(string Ally, string Treaty, int YearSigned, TreatyCommitment Type, bool Multilateral, string Source);

/// <summary>The facts Ballast holds about one country, each with the year it refers to.</summary>
/// <param name="Iso3">Country.</param>
/// <param name="Capital">Capital city name, if known.</param>
/// <param name="CapitalLocation">Capital coordinates, if known.</param>
/// <param name="ChinaTradeShare">Share of total goods trade with China (fraction), latest IMF DOTS year.</param>
/// <param name="UsTradeShare">Share of total goods trade with the US (fraction), latest IMF DOTS year.</param>
/// <param name="TradeYear">Year of the trade shares.</param>
/// <param name="UsTroops">US active-duty personnel stationed (DMDC), latest year.</param>
/// <param name="UsTroopsYear">Year of the troop figure.</param>
/// <param name="UsBases">Number of US bases and sites (Vine's list).</param>
/// <param name="UsMajorBases">Number of those flagged as major bases.</param>
/// <param name="Nuclear">Nuclear status, if recorded.</param>
/// <param name="Treaty">Treaty with the US, if any.</param>
/// <param name="HostNationSupport">Host-nation support by year (ascending).</param>
/// <param name="UsTroopsByYear">US active-duty personnel stationed, by year (DMDC).</param>
public sealed record CountryFacts(
    string Iso3,
    string? Capital,
    GeoPoint? CapitalLocation,
    double? ChinaTradeShare,
    double? UsTradeShare,
    int? TradeYear,
    int? UsTroops,
    int? UsTroopsYear,
    int UsBases,
    int UsMajorBases,
    NuclearStatusEntry? Nuclear,
    TreatyEntry? Treaty,
    IReadOnlyList<HostNationSupport> HostNationSupport,
    IReadOnlyDictionary<int, int> UsTroopsByYear)
{
    /// <summary>US troops in a year: that year's figure, else the latest earlier one, else null.</summary>
    public int? UsTroopsIn(int year) =>
        UsTroopsByYear.Where(kv => kv.Key <= year).OrderBy(kv => kv.Key).Select(kv => (int?)kv.Value).LastOrDefault();

    /// <summary>Host-nation support in a year: that year's row, else the latest earlier row, else null.</summary>
    public HostNationSupport? HostNationSupportIn(int year) =>
        HostNationSupport.LastOrDefault(h => h.Year <= year);
}

/// <summary>
/// The facts about the world the model needs beside the panel: capitals, trade dependence, US forces, host-nation
/// support, nuclear status, treaties, the missile catalogue and deployment sites. Immutable.
/// </summary>
public sealed class WorldFacts
{
    private readonly Dictionary<string, CountryFacts> _countries;
    private readonly Dictionary<string, MissileSystem> _missiles;
    private readonly Dictionary<string, DeploymentSite> _sites;

    /// <summary>Builds the facts.</summary>
    public WorldFacts(IEnumerable<CountryFacts> countries, IEnumerable<MissileSystem> missiles, IEnumerable<DeploymentSite> sites)
    {
        _countries = countries.ToDictionary(c => c.Iso3, StringComparer.OrdinalIgnoreCase);
        _missiles = missiles.ToDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);
        _sites = sites.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every country with facts.</summary>
    public IReadOnlyCollection<CountryFacts> Countries => _countries.Values;

    /// <summary>The missile catalogue.</summary>
    public IReadOnlyCollection<MissileSystem> Missiles => _missiles.Values;

    /// <summary>The deployment sites.</summary>
    public IReadOnlyCollection<DeploymentSite> Sites => _sites.Values;

    /// <summary>Facts about a country, or null.</summary>
    public CountryFacts? Country(string iso3) => _countries.GetValueOrDefault(iso3);

    /// <summary>A missile system by catalogue id, or null.</summary>
    public MissileSystem? Missile(string id) => _missiles.GetValueOrDefault(id);

    /// <summary>A deployment site by id, or null.</summary>
    public DeploymentSite? Site(string id) => _sites.GetValueOrDefault(id);

    /// <summary>Great-circle distance between two countries' capitals, km, or null when either capital is unknown.</summary>
    public double? CapitalDistanceKm(string a, string b) =>
        Country(a)?.CapitalLocation is GeoPoint pa && Country(b)?.CapitalLocation is GeoPoint pb
            ? GreatCircle.DistanceKm(pa, pb)
            : null;
}
