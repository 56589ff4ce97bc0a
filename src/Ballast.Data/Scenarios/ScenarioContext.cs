namespace Ballast.Data.Scenarios;

/// <summary>Resolves the country codes and names written in a scenario to ISO3 codes.</summary>
public interface ICountryResolver
{
    /// <summary>The ISO3 code for a code or name, or null when unknown.</summary>
    string? TryResolve(string text);

    /// <summary>Up to <paramref name="count"/> close matches, as "ISO3 (Name)", best first.</summary>
    IReadOnlyList<string> Suggest(string text, int count);
}

/// <summary>Resolves through a <see cref="CountryRegistry"/> (any ISO, COW, SIPRI or World Bank spelling).</summary>
public sealed class RegistryCountryResolver(CountryRegistry registry) : ICountryResolver
{
    /// <inheritdoc/>
    public string? TryResolve(string text) => registry.TryResolve(text)?.Iso3;

    /// <inheritdoc/>
    public IReadOnlyList<string> Suggest(string text, int count) =>
        registry.Suggest(text, count).Select(c => $"{c.Iso3} ({c.Name})").ToList();

}

/// <summary>What a scenario is validated against: country codes, the missile catalogue and sites, the data years.</summary>
/// <param name="Countries">Country resolver.</param>
/// <param name="Facts">World facts (missile catalogue, deployment sites).</param>
/// <param name="FirstDataYear">First year with data (earliest allowed start year).</param>
/// <param name="LastDataYear">Last year with data (latest allowed start year).</param>
/// <param name="MaxHorizonYear">Latest allowed horizon.</param>
/// <param name="Parameters">Known parameter registry names, or null to accept any name (checked later by the compiler).</param>
public sealed record ScenarioContext(
    ICountryResolver Countries,
    WorldFacts Facts,
    int FirstDataYear,
    int LastDataYear,
    int MaxHorizonYear,
    IReadOnlySet<string>? Parameters)
{
    private static readonly Lazy<ScenarioContext> LazyDefault = new(() => new(
        new RegistryCountryResolver(CountryData.Registry),
        WorldFactsLoader.LoadEmbedded(),
        Math.Max(PanelBuilder.Default.FirstYear, ScenarioCompiler.FirstStartYear),
        PanelBuilder.Default.LastYear,
        2100,
        ParameterRegistryLoader.Default.All.Select(p => p.Name).ToHashSet(StringComparer.Ordinal)));

    /// <summary>The built-in actor sets by name (<c>indo-pacific</c>, …): which countries a preset's roles name; the embedded ones unless set.</summary>
    public IReadOnlyDictionary<string, ActorSet> ActorSets { get; init; } = CountryData.ActorSets;

    /// <summary>
    /// The embedded data: the country registry, the embedded world facts, start years from 1950 (the long series) to the panel's last year, horizon up to 2100,
    /// and the parameter registry's names.
    /// </summary>
    public static ScenarioContext Default => LazyDefault.Value;
}

/// <summary>
/// A scenario file error with its column: the message reads
/// <c>file:line:column: field 'path': reason</c>.
/// </summary>
public sealed class ScenarioException : BallastInputException
{
    /// <summary>Creates the error.</summary>
    public ScenarioException(string reason, string file, int line, int column, string? field, string? value = null)
        : base(reason, file, line, field, value)
    {
        Column = column;
    }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <inheritdoc/>
    public override string Message =>
        Field is null ? $"{File}:{Line}:{Column}: {Reason}" : $"{File}:{Line}:{Column}: field '{Field}': {Reason}";
}
