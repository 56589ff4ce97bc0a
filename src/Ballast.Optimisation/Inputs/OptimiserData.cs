using Ballast.Core.Facts;
using Ballast.Core.Model;
using Ballast.Core.Parameters;
using Ballast.Data.Csv;
using Ballast.Data.Embedded;
using Ballast.Data.Parameters;

namespace Ballast.Optimisation.Inputs;

/// <summary>A theatre: a representative point, a default priority, and why the point was chosen.</summary>
/// <param name="Key">Key (e.g. <c>taiwan_strait</c>), used by <c>--priority</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Point">Representative point.</param>
/// <param name="DefaultPriority">Priority weight when the user sets none.</param>
/// <param name="Source">Source or reasoning for the point.</param>
public sealed record Theatre(string Key, string Name, GeoPoint Point, double DefaultPriority, string Source);

/// <summary>A country's productivity in a mission area relative to the default (comparative advantage).</summary>
/// <param name="Iso3">Country.</param>
/// <param name="Mission">Mission area.</param>
/// <param name="Productivity">Capability per dollar (default 1).</param>
/// <param name="SourceKind">Cited or assumption.</param>
/// <param name="Source">Citation or reasoning.</param>
public sealed record MissionProductivity(string Iso3, MissionArea Mission, double Productivity, SourceKind SourceKind, string Source);

/// <summary>A co-development programme in the catalogue.</summary>
/// <param name="Key">Key (e.g. <c>isr_network</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Mission">Mission area it boosts.</param>
/// <param name="Members">Eligible members (ISO3).</param>
/// <param name="FixedCostUsdM">Yearly fixed cost shared by members, US$ millions.</param>
/// <param name="Multiplier">Capability multiplier for members' investment in the mission.</param>
/// <param name="SourceKind">Cited or assumption.</param>
/// <param name="Source">Citation or reasoning.</param>
public sealed record ProgrammeSpec(string Key, string Name, MissionArea Mission, ImmutableArray<string> Members, double FixedCostUsdM, double Multiplier, SourceKind SourceKind, string Source);

/// <summary>An adversary's investment mix over mission areas (sums to 1), with the reasoning per share.</summary>
/// <param name="Iso3">Adversary.</param>
/// <param name="Shares">Share per mission area in enum order.</param>
/// <param name="Sources">Reasoning per mission area.</param>
public sealed record AdversaryMix(string Iso3, ImmutableArray<double> Shares, ImmutableArray<string> Sources);

/// <summary>
/// The optimiser's data: theatres, mission productivity, the programme catalogue and adversary mixes from
/// <c>data/</c>, and the parameter registry (the engine's <c>parameters.csv</c> plus <c>optimiser_parameters.csv</c>,
/// one name space). Every loader takes a <see cref="CsvTable"/> so a bad file is reported with file, line and field.
/// </summary>
public static class OptimiserData
{
    private static readonly Lazy<ParameterSet> LazyRegistry = new(() =>
        Combine(ParameterRegistryLoader.Default, ParameterRegistryLoader.Parse(EmbeddedData.ReadText("optimiser_parameters.csv"), "data/optimiser_parameters.csv")));

    private static readonly Lazy<ImmutableArray<Theatre>> LazyTheatres = new(() => LoadTheatres(EmbeddedData.Csv("theatres.csv")));
    private static readonly Lazy<ImmutableArray<MissionProductivity>> LazyProductivity = new(() => LoadProductivity(EmbeddedData.Csv("mission_productivity.csv")));
    private static readonly Lazy<ImmutableArray<ProgrammeSpec>> LazyProgrammes = new(() => LoadProgrammes(EmbeddedData.Csv("programmes.csv")));
    private static readonly Lazy<ImmutableArray<AdversaryMix>> LazyMixes = new(() => LoadAdversaryMixes(EmbeddedData.Csv("adversary_mission_mix.csv")));

    /// <summary>The parameter registry the optimiser reads (engine registry plus optimiser entries).</summary>
    public static ParameterSet Registry => LazyRegistry.Value;

    /// <summary>The embedded theatres.</summary>
    public static ImmutableArray<Theatre> Theatres => LazyTheatres.Value;

    /// <summary>The embedded mission productivities.</summary>
    public static ImmutableArray<MissionProductivity> Productivity => LazyProductivity.Value;

    /// <summary>The embedded programme catalogue.</summary>
    public static ImmutableArray<ProgrammeSpec> Programmes => LazyProgrammes.Value;

    /// <summary>The embedded adversary mixes.</summary>
    public static ImmutableArray<AdversaryMix> AdversaryMixes => LazyMixes.Value;

    /// <summary>Source line for output that shows these data.</summary>
    public const string Citation =
        "Optimiser data: data/theatres.csv, data/mission_productivity.csv, data/programmes.csv, data/adversary_mission_mix.csv (a source or reasoning on every row); parameters from data/parameters.csv and data/optimiser_parameters.csv.";

    /// <summary>Joins two registries into one; a name defined in both is an error (one registry entry per parameter).</summary>
    public static ParameterSet Combine(ParameterSet engine, ParameterSet optimiser) => new(engine.All.Concat(optimiser.All));

    /// <summary>Mission area from its key (<c>long_range_strike</c>...), or null.</summary>
    public static MissionArea? Mission(string key)
    {
        int i = MissionAreas.Keys.ToList().IndexOf(key.Trim().ToLowerInvariant());
        return i < 0 ? null : (MissionArea)i;
    }

    /// <summary>Reads theatres: theatre, name, lat, lon, default_priority, source.</summary>
    public static ImmutableArray<Theatre> LoadTheatres(CsvTable t)
    {
        t.Require("theatre", "name", "lat", "lon", "default_priority", "source");
        int k = t.Column("theatre"), n = t.Column("name"), la = t.Column("lat"), lo = t.Column("lon"), p = t.Column("default_priority"), s = t.Column("source");
        var list = ImmutableArray.CreateBuilder<Theatre>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            var key = Key(r, k);
            if (!seen.Add(key))
            {
                throw r.Error(k, "theatre is listed twice");
            }

            double lat = r.RequiredNumber(la), lon = r.RequiredNumber(lo), prio = r.RequiredNumber(p);
            if (lat is < -90 or > 90)
            {
                throw r.Error(la, "latitude must be in [-90, 90]");
            }

            if (lon is < -180 or > 180)
            {
                throw r.Error(lo, "longitude must be in [-180, 180]");
            }

            if (prio < 0)
            {
                throw r.Error(p, "priority must be ≥ 0");
            }

            list.Add(new Theatre(key, r.RequiredText(n), new GeoPoint(lat, lon), prio, r.RequiredText(s)));
        }

        if (list.Count == 0)
        {
            throw new BallastInputException("no theatres", t.Name, 1, "theatre");
        }

        return list.ToImmutable();
    }

    /// <summary>Reads productivities: country, mission, productivity, source_kind, source.</summary>
    public static ImmutableArray<MissionProductivity> LoadProductivity(CsvTable t)
    {
        t.Require("country", "mission", "productivity", "source_kind", "source");
        int c = t.Column("country"), m = t.Column("mission"), v = t.Column("productivity"), sk = t.Column("source_kind"), s = t.Column("source");
        var list = ImmutableArray.CreateBuilder<MissionProductivity>();
        var seen = new HashSet<(string, MissionArea)>();
        foreach (var r in t.Records)
        {
            var iso = r.RequiredText(c);
            var mission = MissionOf(r, m);
            double value = r.RequiredNumber(v);
            if (value <= 0)
            {
                throw r.Error(v, "productivity must be greater than 0");
            }

            if (!seen.Add((iso, mission)))
            {
                throw r.Error(m, $"{iso} {MissionAreas.Keys[(int)mission]} is listed twice");
            }

            list.Add(new MissionProductivity(iso, mission, value, Kind(r, sk), r.RequiredText(s)));
        }

        return list.ToImmutable();
    }

    /// <summary>Reads the programme catalogue: programme, name, mission, members (;-separated), fixed_cost_usd_m, multiplier, source_kind, source.</summary>
    public static ImmutableArray<ProgrammeSpec> LoadProgrammes(CsvTable t)
    {
        t.Require("programme", "name", "mission", "members", "fixed_cost_usd_m", "multiplier", "source_kind", "source");
        int k = t.Column("programme"), n = t.Column("name"), m = t.Column("mission"), mem = t.Column("members"),
            f = t.Column("fixed_cost_usd_m"), x = t.Column("multiplier"), sk = t.Column("source_kind"), s = t.Column("source");
        var list = ImmutableArray.CreateBuilder<ProgrammeSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            var key = Key(r, k);
            if (!seen.Add(key))
            {
                throw r.Error(k, "programme is listed twice");
            }

            var members = r.RequiredText(mem).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (members.Length < 2 || members.Distinct(StringComparer.Ordinal).Count() != members.Length)
            {
                throw r.Error(mem, "a programme needs two or more distinct members separated by ';'");
            }

            double cost = r.RequiredNumber(f), mult = r.RequiredNumber(x);
            if (cost < 0)
            {
                throw r.Error(f, "fixed cost must be ≥ 0");
            }

            if (mult < 1)
            {
                throw r.Error(x, "capability multiplier must be at least 1");
            }

            list.Add(new ProgrammeSpec(key, r.RequiredText(n), MissionOf(r, m), [.. members], cost, mult, Kind(r, sk), r.RequiredText(s)));
        }

        return list.ToImmutable();
    }

    /// <summary>Reads adversary mixes: adversary, mission, share, source_kind, source; each adversary's shares must cover all seven areas and sum to 1.</summary>
    public static ImmutableArray<AdversaryMix> LoadAdversaryMixes(CsvTable t)
    {
        t.Require("adversary", "mission", "share", "source_kind", "source");
        int a = t.Column("adversary"), m = t.Column("mission"), v = t.Column("share"), sk = t.Column("source_kind"), s = t.Column("source");
        var shares = new Dictionary<string, (double[] Shares, string[] Sources, bool[] Seen, CsvRecord Last)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var r in t.Records)
        {
            var iso = r.RequiredText(a);
            var mission = MissionOf(r, m);
            double share = r.RequiredNumber(v);
            if (share is < 0 or > 1)
            {
                throw r.Error(v, "share must be in [0, 1]");
            }

            _ = Kind(r, sk);
            if (!shares.TryGetValue(iso, out var e))
            {
                e = (new double[MissionAreas.Count], new string[MissionAreas.Count], new bool[MissionAreas.Count], r);
                order.Add(iso);
            }

            if (e.Seen[(int)mission])
            {
                throw r.Error(m, $"{iso} {MissionAreas.Keys[(int)mission]} is listed twice");
            }

            e.Seen[(int)mission] = true;
            e.Shares[(int)mission] = share;
            e.Sources[(int)mission] = r.RequiredText(s);
            shares[iso] = (e.Shares, e.Sources, e.Seen, r);
        }

        var list = ImmutableArray.CreateBuilder<AdversaryMix>();
        foreach (var iso in order)
        {
            var e = shares[iso];
            int missing = Array.IndexOf(e.Seen, false);
            if (missing >= 0)
            {
                throw new BallastInputException($"{iso} has no share for mission area '{MissionAreas.Keys[missing]}'", t.Name, e.Last.Line, "mission", iso);
            }

            double sum = e.Shares.Sum();
            if (Math.Abs(sum - 1) > 1e-6)
            {
                throw new BallastInputException($"{iso}'s mission shares sum to {sum.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}, not 1", t.Name, e.Last.Line, "share", iso);
            }

            list.Add(new AdversaryMix(iso, [.. e.Shares], [.. e.Sources]));
        }

        return list.ToImmutable();
    }

    private static string Key(CsvRecord r, int column)
    {
        var key = r.RequiredText(column);
        if (!key.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_'))
        {
            throw r.Error(column, "key must be snake_case (a-z, 0-9, _)");
        }

        return key;
    }

    private static MissionArea MissionOf(CsvRecord r, int column) =>
        Mission(r.RequiredText(column)) ?? throw r.Error(column, $"unknown mission area; allowed: {string.Join(", ", MissionAreas.Keys)}");

    private static SourceKind Kind(CsvRecord r, int column)
    {
        var text = r.RequiredText(column);
        return text.ToLowerInvariant() switch
        {
            "cited" => SourceKind.Cited,
            "assumption" => SourceKind.Assumption,
            "calibrated" => SourceKind.Calibrated,
            _ => throw r.Error(column, "source_kind must be one of cited, assumption, calibrated"),
        };
    }
}
