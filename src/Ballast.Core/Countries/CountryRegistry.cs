using Ballast.Core.Text;

namespace Ballast.Core.Countries;

/// <summary>
/// Resolves country codes and names from any source's vocabulary (ISO alpha-2/alpha-3/numeric, COW codes and
/// abbreviations, SIPRI and World Bank names) to one <see cref="Country"/>. Unknown input gets the closest matches.
/// </summary>
public sealed class CountryRegistry
{
    private readonly Dictionary<string, Country> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Country> _byIso3 = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, Country> _byCow = [];
    private readonly List<Country> _all;

    /// <summary>Builds a registry; later entries never override an earlier key.</summary>
    public CountryRegistry(IEnumerable<Country> countries)
    {
        _all = countries.ToList();
        foreach (var c in _all)
        {
            _byIso3[c.Iso3] = c;
            if (c.CowCode is int cow)
            {
                _byCow.TryAdd(cow, c);
            }
        }

        // ISO3 first so a three-letter COW abbreviation never shadows an ISO code (COW "CAN" is Canada in both, but COW "AUL" must not clash).
        foreach (var c in _all)
        {
            _byKey.TryAdd(c.Iso3, c);
        }

        foreach (var c in _all)
        {
            foreach (var key in Keys(c))
            {
                _byKey.TryAdd(Normalise(key), c);
            }
        }

        // The short form of an official name ("Republic of Côte d'Ivoire" → "Côte d'Ivoire") is how people write many
        // names; it is a key only when no other country's short form or key is spelled the same.
        var shortForms = _all.Select(c => (c, Key: ShortForm(c))).Where(x => x.Key is not null).ToList();
        foreach (var (c, key) in shortForms)
        {
            if (shortForms.Count(x => x.Key == key) == 1)
            {
                _byKey.TryAdd(key!, c);
            }
        }
    }

    private static string? ShortForm(Country c)
    {
        var official = c.Aliases.FirstOrDefault(a => a.Contains(" of ", StringComparison.Ordinal) && a.Length > c.Name.Length);
        var at = official?.LastIndexOf(" of ", StringComparison.Ordinal) ?? -1;
        var key = at < 0 ? null : Normalise(official![(at + 4)..]);
        return string.IsNullOrEmpty(key) || key.StartsWith("the ", StringComparison.Ordinal) ? null : key;
    }

    /// <summary>Every country in the registry.</summary>
    public IReadOnlyList<Country> All => _all;

    /// <summary>Maps an additional COW/ATOP code (e.g. a predecessor state) to a country.</summary>
    public void AddCowAlias(int cowCode, Country country) => _byCow.TryAdd(cowCode, country);

    /// <summary>Looks up a country by ISO3 code exactly.</summary>
    public Country? ByIso3(string iso3) => _byIso3.GetValueOrDefault(iso3);

    /// <summary>Looks up a country by COW/ATOP state code.</summary>
    public Country? ByCow(int cowCode) => _byCow.GetValueOrDefault(cowCode);

    /// <summary>Resolves any code or name, or returns null.</summary>
    public Country? TryResolve(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        if (t.Any(Names.IsInvisible))
        {
            return null; // "JP\0N" is not Japan: a hidden character means the text is not what the reader sees
        }

        if (_byIso3.TryGetValue(t, out var c))
        {
            return c;
        }

        if (int.TryParse(t, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return _byCow.GetValueOrDefault(n) ?? _all.FirstOrDefault(x => x.IsoNumeric == n);
        }

        return _byKey.GetValueOrDefault(Normalise(t));
    }

    /// <summary>Resolves any code or name; throws a <see cref="BallastInputException"/> that lists the closest matches.</summary>
    public Country Resolve(string text, string? file = null, int? line = null, string? field = null)
    {
        var c = TryResolve(text);
        if (c is not null)
        {
            return c;
        }

        var shown = InputLimits.Echo(text);
        if (text.FirstOrDefault(Names.IsInvisible) is var bad && bad != default)
        {
            throw new BallastInputException($"contains the control or invisible character U+{(int)bad:X4}", file, line, field);
        }

        var suggestions = Suggest(text, 3);
        var hint = suggestions.Count == 0 ? string.Empty : $" Did you mean {string.Join(", ", suggestions.Select(s => $"{s.Iso3} ({s.Name})"))}?";
        throw new BallastInputException($"unknown country '{shown}'.{hint}", file, line, field, shown);
    }

    /// <summary>The countries whose codes or names are closest to the text (edit distance), best first.</summary>
    public IReadOnlyList<Country> Suggest(string text, int count)
    {
        // Only the first characters are compared (Names.MaxComparedChars), so clip before normalising a long input.
        var q = Normalise(text is { Length: > Names.MaxComparedChars } ? text[..Names.MaxComparedChars] : text ?? string.Empty);
        return _all
            .Select(c => (c, d: Keys(c).Append(c.Iso3).Min(k => Distance(q, Normalise(k), k.Length <= 3))))
            .OrderBy(x => x.d)
            .ThenBy(x => x.c.Iso3, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.c)
            .ToList();
    }

    private static IEnumerable<string> Keys(Country c)
    {
        yield return c.Name;
        if (c.Iso2 is not null)
        {
            yield return c.Iso2;
        }

        if (c.CowAbbrev is not null)
        {
            yield return c.CowAbbrev;
        }

        foreach (var a in c.Aliases)
        {
            yield return a;
        }
    }

    private static string Normalise(string s)
    {
        var chars = s.Trim().ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(ch => char.IsLetterOrDigit(ch) || ch == ' ')
            .ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    // Doubled edit distance, so a name that starts with the query (score 1) outranks a code one edit away (score 2);
    // short codes are compared whole.
    private static int Distance(string a, string b, bool isCode) =>
        !isCode && b.StartsWith(a, StringComparison.Ordinal) && a.Length >= 3 ? 1 : 2 * Names.Distance(a, b);
}
