namespace Ballast.Data.Facts;

/// <summary>
/// Loads <see cref="WorldFacts"/> from the data files: <c>capitals.csv</c>, <c>trade_dependence.csv</c>,
/// <c>us_troops_abroad.csv</c>, <c>us_bases_abroad.csv</c>, <c>fas_nuclear_warhead_stockpiles.csv</c> (shipped
/// datasets) and the cited fact files <c>missile_systems.csv</c>, <c>host_nation_support.csv</c>,
/// <c>nuclear_status.csv</c>, <c>treaty_types.csv</c>, <c>deployment_sites.csv</c>. Bad rows get an error naming
/// file, line and column.
/// </summary>
public static class WorldFactsLoader
{
    /// <summary>The files read, in order.</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        "capitals.csv", "trade_dependence.csv", "us_troops_abroad.csv", "us_bases_abroad.csv",
        "fas_nuclear_warhead_stockpiles.csv", "missile_systems.csv", "host_nation_support.csv",
        "nuclear_status.csv", "treaty_types.csv", "deployment_sites.csv",
    ];

    // FAS/OWID spells country names its own way (one with a double space); this crosswalk covers every name in the file.
    internal static readonly Dictionary<string, string> FasNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["United States"] = "USA", ["Russia"] = "RUS", ["China"] = "CHN", ["United Kingdom"] = "GBR", ["France"] = "FRA",
        ["India"] = "IND", ["Pakistan"] = "PAK", ["Israel"] = "ISR", ["North Korea"] = "PRK", ["South Africa"] = "ZAF",
    };

    private static readonly Lazy<WorldFacts> EmbeddedFacts = new(() => Load(EmbeddedData.Csv));

    /// <summary>The facts from the data embedded in Ballast (loaded once).</summary>
    public static WorldFacts LoadEmbedded() => EmbeddedFacts.Value;

    /// <summary>The facts from a directory holding files with the names in <see cref="Files"/>.</summary>
    public static WorldFacts LoadDirectory(string directory) =>
        Load(name =>
        {
            var path = Path.Combine(directory, name);
            if (!System.IO.File.Exists(path))
            {
                throw new BallastInputException("file not found", path);
            }

            using var r = new StreamReader(path);
            return CsvTable.Parse(path, r);
        });

    /// <summary>The facts from readers supplied per file name (for tests and user data).</summary>
    public static WorldFacts Load(Func<string, TextReader> open) =>
        Load(name =>
        {
            using var r = open(name);
            return CsvTable.Parse(name, r);
        });

    private static WorldFacts Load(Func<string, CsvTable> open)
    {
        var capitals = Capitals(open("capitals.csv"));
        var trade = Trade(open("trade_dependence.csv"));
        var troops = Troops(open("us_troops_abroad.csv"));
        var bases = Bases(open("us_bases_abroad.csv"));
        var stockpiles = Stockpiles(open("fas_nuclear_warhead_stockpiles.csv"));
        var missiles = Missiles(open("missile_systems.csv"));
        var hns = HostNationSupport(open("host_nation_support.csv"));
        var nuclear = Nuclear(open("nuclear_status.csv"), stockpiles);
        var treaties = Treaties(open("treaty_types.csv"));
        var sites = Sites(open("deployment_sites.csv"));

        var codes = new SortedSet<string>(StringComparer.Ordinal);
        codes.UnionWith(capitals.Keys);
        codes.UnionWith(trade.Keys);
        codes.UnionWith(troops.Keys);
        codes.UnionWith(bases.Keys);
        codes.UnionWith(hns.Keys);
        codes.UnionWith(nuclear.Keys);
        codes.UnionWith(treaties.Keys);

        var countries = codes.Select(c =>
        {
            var cap = capitals.GetValueOrDefault(c);
            var tr = trade.GetValueOrDefault(c);
            var tp = troops.GetValueOrDefault(c);
            var b = bases.GetValueOrDefault(c);
            return new CountryFacts(
                c,
                cap.Name,
                cap.Name is null ? null : cap.Location,
                tr.China,
                tr.Us,
                tr.Year == 0 ? null : tr.Year,
                tp.Year == 0 ? null : tp.Troops,
                tp.Year == 0 ? null : tp.Year,
                b.All,
                b.Major,
                nuclear.GetValueOrDefault(c),
                treaties.GetValueOrDefault(c),
                hns.TryGetValue(c, out var h) ? h.OrderBy(x => x.Year).ToList() : [],
                tp.ByYear is null ? new Dictionary<int, int>() : tp.ByYear);
        });

        return new WorldFacts(countries, missiles, sites);
    }

    private static Dictionary<string, (string? Name, GeoPoint Location, string End)> Capitals(CsvTable t)
    {
        t.Require("iso3", "capital", "enddate", "lat", "lng");
        var result = new Dictionary<string, (string?, GeoPoint, string)>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            var iso3 = r.Text("iso3");
            if (iso3 is null)
            {
                continue;
            }

            var p = Point(r, "lat", "lng");
            var end = r.Text("enddate") ?? string.Empty;

            // Keep the capital valid latest (later transitions replace earlier capitals, e.g. Kyoto → Tokyo).
            if (!result.TryGetValue(iso3, out var old) || string.CompareOrdinal(end, old.Item3) > 0)
            {
                result[iso3] = (r.RequiredText("capital"), p, end);
            }
        }

        return result;
    }

    private static Dictionary<string, (double? China, double? Us, int Year)> Trade(CsvTable t)
    {
        t.Require("source", "year", "iso3", "china_share_of_trade", "usa_share_of_trade");
        var result = new Dictionary<string, (double?, double?, int)>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            var iso3 = r.Text("iso3");
            if (r.Text("source") != "imf_dots" || iso3 is null)
            {
                continue;
            }

            var year = r.Integer("year");
            var china = Share(r, "china_share_of_trade");
            var us = Share(r, "usa_share_of_trade");
            if (china is null && us is null)
            {
                continue;
            }

            if (!result.TryGetValue(iso3, out var old) || year > old.Item3)
            {
                result[iso3] = (china, us, year);
            }
        }

        return result;
    }

    private static Dictionary<string, (int Troops, int Year, SortedDictionary<int, int> ByYear)> Troops(CsvTable t)
    {
        t.Require("iso3", "year", "troops_ad");
        var result = new Dictionary<string, (int, int, SortedDictionary<int, int>)>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            var iso3 = r.Text("iso3");
            var n = r.OptionalInteger("troops_ad");
            if (iso3 is null || n is null)
            {
                continue;
            }

            if (n < 0)
            {
                throw r.Error("troops_ad", "must not be negative");
            }

            var year = r.Integer("year");
            if (!result.TryGetValue(iso3, out var old))
            {
                old = (n.Value, year, new SortedDictionary<int, int>());
            }

            old.Item3[year] = n.Value;
            result[iso3] = year >= old.Item2 ? (n.Value, year, old.Item3) : old;
        }

        return result;
    }

    private static Dictionary<string, (int All, int Major)> Bases(CsvTable t)
    {
        t.Require("iso3c", "base");
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            var iso3 = r.Text("iso3c");
            if (iso3 is null)
            {
                continue;
            }

            var old = result.GetValueOrDefault(iso3);
            result[iso3] = (old.Item1 + 1, old.Item2 + (r.OptionalInteger("base") == 1 ? 1 : 0));
        }

        return result;
    }

    private static Dictionary<string, (int Warheads, int Year)> Stockpiles(CsvTable t)
    {
        t.Require("country_name", "year", "nuclear_weapons_stockpile");
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            var name = string.Join(' ', (r.Text("country_name") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (!FasNames.TryGetValue(name, out var iso3))
            {
                continue; // "World" and any entity without a country code
            }

            var n = r.OptionalInteger("nuclear_weapons_stockpile");
            var year = r.Integer("year");
            if (n is > 0 && (!result.TryGetValue(iso3, out var old) || year > old.Item2))
            {
                result[iso3] = (n.Value, year);
            }
        }

        return result;
    }

    private static List<MissileSystem> Missiles(CsvTable t)
    {
        t.Require("id", "name", "owner", "range_km", "type", "basing", "source");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<MissileSystem>();
        foreach (var r in t.Records)
        {
            var id = r.RequiredText("id");
            if (!seen.Add(id))
            {
                throw r.Error("id", "duplicate missile system id");
            }

            var range = r.RequiredNumber("range_km");
            if (range <= 0)
            {
                throw r.Error("range_km", "range must be positive");
            }

            var type = Enum<MissileType>(r, "type");
            result.Add(new MissileSystem(id, r.RequiredText("name"), Iso3(r, "owner"), range, type, r.RequiredText("basing"), r.RequiredText("source")));
        }

        return result;
    }

    private static Dictionary<string, List<HostNationSupport>> HostNationSupport(CsvTable t)
    {
        t.Require("host", "year", "amount_local_m", "currency", "fx_local_per_usd", "fx_source", "agreement", "source");
        var result = new Dictionary<string, List<HostNationSupport>>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            var host = Iso3(r, "host");
            var year = r.Integer("year");
            var amount = r.RequiredNumber("amount_local_m");
            if (amount < 0)
            {
                throw r.Error("amount_local_m", "amount must not be negative");
            }

            var fx = r.RequiredNumber("fx_local_per_usd");
            if (fx <= 0)
            {
                throw r.Error("fx_local_per_usd", "exchange rate must be positive");
            }

            _ = r.RequiredText("fx_source");
            if (!result.TryGetValue(host, out var list))
            {
                list = [];
                result[host] = list;
            }

            if (list.Any(h => h.Year == year))
            {
                throw r.Error("year", $"duplicate host-nation support row for {host} {year}");
            }

            list.Add(new HostNationSupport(host, year, amount, r.RequiredText("currency"), fx, r.RequiredText("agreement"), r.RequiredText("source")));
        }

        return result;
    }

    private static Dictionary<string, NuclearStatusEntry> Nuclear(CsvTable t, Dictionary<string, (int Warheads, int Year)> stockpiles)
    {
        t.Require("country", "status", "latent_notes", "source");
        var result = new Dictionary<string, NuclearStatusEntry>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            var c = Iso3(r, "country");
            var status = Enum<NuclearStatus>(r, "status");
            var has = stockpiles.TryGetValue(c, out var s);
            if (status == NuclearStatus.Nws && !has)
            {
                throw r.Error("status", "'nws' needs a warhead stockpile for the country in fas_nuclear_warhead_stockpiles.csv");
            }

            var entry = new NuclearStatusEntry(c, status, has ? s.Warheads : null, has ? s.Year : null, r.Text("latent_notes") ?? string.Empty, r.RequiredText("source"));
            if (!result.TryAdd(c, entry))
            {
                throw r.Error("country", "duplicate country");
            }
        }

        return result;
    }

    private static Dictionary<string, TreatyEntry> Treaties(CsvTable t)
    {
        t.Require("ally", "treaty", "year_signed", "type", "parties", "source");
        var result = new Dictionary<string, TreatyEntry>(StringComparer.Ordinal);
        foreach (var r in t.Records)
        {
            var c = Iso3(r, "ally");
            var parties = r.RequiredText("parties");
            if (parties is not ("bilateral" or "multilateral"))
            {
                throw r.Error("parties", "unknown value; allowed: bilateral, multilateral");
            }

            var entry = new TreatyEntry(c, r.RequiredText("treaty"), r.Integer("year_signed"), Enum<TreatyCommitment>(r, "type"), parties == "multilateral", r.RequiredText("source"));
            if (!result.TryAdd(c, entry))
            {
                throw r.Error("ally", "duplicate ally");
            }
        }

        return result;
    }

    private static List<DeploymentSite> Sites(CsvTable t)
    {
        t.Require("site", "name", "host", "lat", "lon", "source");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<DeploymentSite>();
        foreach (var r in t.Records)
        {
            var id = r.RequiredText("site");
            if (!seen.Add(id))
            {
                throw r.Error("site", "duplicate site");
            }

            result.Add(new DeploymentSite(id, r.RequiredText("name"), Iso3(r, "host"), Point(r, "lat", "lon"), r.RequiredText("source")));
        }

        return result;
    }

    private static GeoPoint Point(CsvRecord r, string latColumn, string lonColumn)
    {
        var lat = r.RequiredNumber(latColumn);
        var lon = r.RequiredNumber(lonColumn);
        if (lat is < -90 or > 90)
        {
            throw r.Error(latColumn, "latitude must be in [-90, 90]");
        }

        if (lon is < -180 or > 180)
        {
            throw r.Error(lonColumn, "longitude must be in [-180, 180]");
        }

        return new GeoPoint(lat, lon);
    }

    private static double? Share(CsvRecord r, string column)
    {
        var v = r.Number(column);
        return v is < 0 or > 1 ? throw r.Error(column, "share must be in [0, 1]") : v;
    }

    private static string Iso3(CsvRecord r, string column)
    {
        var v = r.RequiredText(column);
        return v.Length == 3 && v.All(char.IsAsciiLetterUpper) ? v : throw r.Error(column, "expected an ISO 3166 alpha-3 code (three capital letters)");
    }

    private static T Enum<T>(CsvRecord r, string column)
        where T : struct, Enum =>
        Names.TryParseKebab<T>(r.RequiredText(column), StringComparison.OrdinalIgnoreCase, out var value)
            ? value
            : throw r.Error(column, $"unknown value; allowed: {string.Join(", ", Names.KebabValues<T>())}");
}
