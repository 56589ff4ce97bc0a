namespace Ballast.Data.Countries;

/// <summary>
/// Builds the country registry, the actor sets and the group catalogue from the embedded data:
/// ISO codes and names from mledoze/countries, aliases from every source's own spelling (SIPRI, World Bank,
/// COW state abbreviations and capitals list), roles from <c>data/actor_sets.csv</c>, groups from <c>data/groupings.csv</c>.
/// </summary>
public static class CountryData
{
    private static readonly Lazy<CountryRegistry> LazyRegistry = new(BuildRegistry);
    private static readonly Lazy<IReadOnlyDictionary<string, ActorSet>> LazyActorSets = new(() => LoadActorSets(EmbeddedData.Csv("actor_sets.csv")));
    private static readonly Lazy<GroupCatalog> LazyGroups = new(() => LoadGroups(EmbeddedData.Csv("groupings.csv")));

    /// <summary>The registry of every country in the embedded data.</summary>
    public static CountryRegistry Registry => LazyRegistry.Value;

    /// <summary>Named actor sets (<c>indo-pacific</c>, <c>euro-atlantic</c>).</summary>
    public static IReadOnlyDictionary<string, ActorSet> ActorSets => LazyActorSets.Value;

    /// <summary>Named groups with membership by year.</summary>
    public static GroupCatalog Groups => LazyGroups.Value;

    /// <summary>The default Indo-Pacific actor set.</summary>
    public static ActorSet IndoPacific => ActorSets["indo-pacific"];

    /// <summary>An actor set by name, with a clear error listing the known sets.</summary>
    public static ActorSet ActorSet(string name) =>
        ActorSets.TryGetValue(name, out var s)
            ? s
            : throw new BallastInputException($"unknown actor set '{name}'; allowed: {string.Join(", ", ActorSets.Keys)}", field: "actors", value: name);

    private static CountryRegistry BuildRegistry()
    {
        var aliases = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Alias(string? iso3, string? name)
        {
            if (string.IsNullOrWhiteSpace(iso3) || string.IsNullOrWhiteSpace(name))
            {
                return;
            }

            if (!aliases.TryGetValue(iso3, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                aliases[iso3] = set;
            }

            set.Add(name.Trim());
        }

        var cowAbbrev = new Dictionary<int, string>();
        var nmc = EmbeddedData.Csv("cow_nmc.csv");
        int abbCol = nmc.Column("stateabb"), ccCol = nmc.Column("ccode");
        foreach (var r in nmc.Records)
        {
            cowAbbrev.TryAdd(r.Integer(ccCol), r.RequiredText(abbCol));
        }

        foreach (var file in new[] { "wdi_milex_share_gdp.csv", "wdi_gdp_current_usd.csv", "wdi_population.csv" })
        {
            var t = EmbeddedData.Csv(file);
            int n = t.Column("country"), c = t.Column("code");
            foreach (var r in t.Records)
            {
                Alias(r.Text(c), r.Text(n));
            }
        }

        var sipri = EmbeddedData.Csv("sipri_milex_core_2001_2024.csv");
        foreach (var r in sipri.Records)
        {
            Alias(r.Text(sipri.Column("iso3")), r.Text(sipri.Column("country")));
        }

        var caps = EmbeddedData.Csv("capitals.csv");
        foreach (var r in caps.Records)
        {
            Alias(r.Text(caps.Column("iso3")), r.Text(caps.Column("statenme")));
        }

        var countries = new List<Country>();
        var reference = EmbeddedData.Csv("countries_reference.csv");
        int cca2 = reference.Column("cca2"), cca3 = reference.Column("cca3"), ccn3 = reference.Column("ccn3"),
            cow = reference.Column("cow_ccode"), common = reference.Column("name_common"), official = reference.Column("name_official");
        foreach (var r in reference.Records)
        {
            var iso3 = r.RequiredText(cca3);
            var extra = new List<string>();
            if (iso3 == "UNK")
            {
                // mledoze/countries codes Kosovo as UNK; the World Bank (our panel) uses XKX.
                extra.Add("UNK");
                iso3 = "XKX";
            }

            var cowCode = r.OptionalInteger(cow);
            var names = new SortedSet<string>(StringComparer.Ordinal) { r.RequiredText(official) };
            names.UnionWith(extra);
            if (aliases.TryGetValue(iso3, out var a))
            {
                names.UnionWith(a);
            }

            names.Remove(r.RequiredText(common));
            countries.Add(new Country(
                iso3,
                r.RequiredText(common),
                r.Text(cca2),
                r.OptionalInteger(ccn3),
                cowCode,
                cowCode is int cc && cowAbbrev.TryGetValue(cc, out var abb) ? abb : null,
                names.ToList()));
        }

        var registry = new CountryRegistry(countries);
        var extraCodes = EmbeddedData.Csv("cow_code_aliases.csv");
        foreach (var r in extraCodes.Records)
        {
            var c = registry.ByIso3(r.RequiredText(extraCodes.Column("iso3")))
                ?? throw r.Error(extraCodes.Column("iso3"), "unknown country");
            registry.AddCowAlias(r.Integer(extraCodes.Column("ccode")), c);
        }

        return registry;
    }

    /// <summary>Parses actor sets (<c>set,iso3,role,source</c>).</summary>
    public static IReadOnlyDictionary<string, ActorSet> LoadActorSets(CsvTable t)
    {
        t.Require("set", "iso3", "role", "source");
        int setCol = t.Column("set"), isoCol = t.Column("iso3"), roleCol = t.Column("role"), srcCol = t.Column("source");
        var sets = new Dictionary<string, List<Actor>>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in t.Records)
        {
            var iso3 = Registry.Resolve(r.RequiredText(isoCol), r.File, r.Line, "iso3").Iso3;
            var role = ParseRole(r.RequiredText(roleCol)) ?? throw r.Error(roleCol, "unknown role; allowed: patron, treaty-ally, partner, adversary, other");
            var name = r.RequiredText(setCol);
            if (!sets.TryGetValue(name, out var list))
            {
                list = [];
                sets[name] = list;
            }

            if (list.Any(a => a.Iso3 == iso3))
            {
                throw r.Error(isoCol, $"duplicate country in actor set '{name}'");
            }

            list.Add(new Actor(iso3, role, r.RequiredText(srcCol)));
        }

        return sets.ToDictionary(
            kv => kv.Key,
            kv => new ActorSet(kv.Key, Describe(kv.Key), kv.Value),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Parses a role word as written in data and scenario files.</summary>
    public static CountryRole? ParseRole(string text) => text.Trim().ToLowerInvariant() switch
    {
        "patron" => CountryRole.Patron,
        "treaty-ally" or "ally" => CountryRole.TreatyAlly,
        "partner" => CountryRole.Partner,
        "adversary" => CountryRole.Adversary,
        "other" => CountryRole.Other,
        _ => null,
    };

    /// <summary>The role word used in files and output.</summary>
    public static string RoleName(CountryRole role) => role switch
    {
        CountryRole.Patron => "patron",
        CountryRole.TreatyAlly => "treaty-ally",
        CountryRole.Partner => "partner",
        CountryRole.Adversary => "adversary",
        _ => "other",
    };

    /// <summary>Parses group memberships (<c>group,iso3,from_year,until_year,source</c>).</summary>
    public static GroupCatalog LoadGroups(CsvTable t)
    {
        t.Require("group", "iso3", "from_year", "until_year", "source");
        int g = t.Column("group"), iso = t.Column("iso3"), from = t.Column("from_year"), until = t.Column("until_year"), src = t.Column("source");
        var byGroup = new Dictionary<string, List<GroupMembership>>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in t.Records)
        {
            var name = r.RequiredText(g);
            var iso3 = Registry.Resolve(r.RequiredText(iso), r.File, r.Line, "iso3").Iso3;
            var f = r.Integer(from);
            var u = r.OptionalInteger(until);
            if (u is int uu && uu < f)
            {
                throw r.Error(until, "until_year is before from_year");
            }

            if (!byGroup.TryGetValue(name, out var list))
            {
                list = [];
                byGroup[name] = list;
            }

            list.Add(new GroupMembership(name, iso3, f, u, r.RequiredText(src)));
        }

        return new GroupCatalog(byGroup.Select(kv => new CountryGroup(kv.Key, Describe(kv.Key), kv.Value)));
    }

    private static string Describe(string group) => group.ToLowerInvariant() switch
    {
        "indo-pacific" => "Ballast's default Indo-Pacific actor set: the US, its treaty allies and partners, and China, North Korea and Russia",
        "euro-atlantic" => "NATO members and Russia",
        "treaty-allies" => "The US and its five Indo-Pacific treaty allies (the hub-and-spokes system)",
        "quad" => "Quadrilateral Security Dialogue: Australia, India, Japan, US",
        "aukus" => "AUKUS: Australia, United Kingdom, US",
        "trilateral" => "Japan-ROK-US trilateral",
        "nato" => "North Atlantic Treaty Organization, membership by accession year",
        _ => group,
    };
}
