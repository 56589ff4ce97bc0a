using System.Text;

namespace Ballast.Core.Text;

/// <summary>
/// Names as users type them and as the code spells them: closest-match suggestions for an unknown name (edit distance
/// over a list of known names), and the case conversions between C# member names (<c>HubAndSpokes</c>) and the
/// spellings of files and APIs (<c>hub-and-spokes</c> in scenario YAML, <c>crisis_eta_boost</c> in the parameter
/// registry).
/// </summary>
public static class Names
{
    /// <summary>
    /// Characters of each name that suggestions compare. Known names are far shorter; the cap keeps the cost of a hint
    /// for a pasted megabyte of text the same as for a typo.
    /// </summary>
    public const int MaxComparedChars = 64;

    /// <summary>
    /// True for characters that must not appear in a name or data field: controls other than tab and line breaks, and
    /// Unicode format characters (zero-width spaces, direction overrides), which a reader cannot see and a match would drop.
    /// </summary>
    /// <param name="c">A character of user input.</param>
    /// <returns>True when the character is a control or invisible format character.</returns>
    public static bool IsInvisible(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    /// <summary>
    /// Levenshtein distance (insertions, deletions and substitutions each cost 1, case-sensitive) between the first
    /// <see cref="MaxComparedChars"/> characters of each name.
    /// </summary>
    /// <param name="a">One name.</param>
    /// <param name="b">The other name.</param>
    /// <returns>The edit distance, at most <see cref="MaxComparedChars"/>.</returns>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = Clip(a);
        b = Clip(b);
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            var swap = prev;
            prev = cur;
            cur = swap;
        }

        return prev[b.Length];
    }

    /// <summary>
    /// The known names closest to <paramref name="text"/>, best first (fewest edits ignoring case, then ordinal order),
    /// at most <paramref name="count"/>. A name is offered when it is within a third of its length in edits (at least 2)
    /// or contains the text (three characters or more); only names from <paramref name="candidates"/> are returned.
    /// </summary>
    /// <param name="text">What the user wrote.</param>
    /// <param name="candidates">The known names.</param>
    /// <param name="count">Most suggestions wanted.</param>
    /// <returns>The suggestions, possibly none.</returns>
    public static IReadOnlyList<string> Closest(string text, IEnumerable<string> candidates, int count)
    {
        var q = Clip(text.AsSpan()).ToString().ToLowerInvariant();
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Key: Clip(c.AsSpan()).ToString().ToLowerInvariant()))
            .Select(c => (c.Name, c.Key, D: Distance(q, c.Key)))
            .Where(c => c.D <= Math.Max(2, c.Key.Length / 3) || (q.Length >= 3 && c.Key.Contains(q, StringComparison.Ordinal)))
            .OrderBy(c => c.D)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Name)
            .ToList();
    }

    /// <summary>A PascalCase name in kebab-case (<c>HubAndSpokes</c> → <c>hub-and-spokes</c>), as scenario files spell enum values.</summary>
    /// <param name="pascal">A PascalCase name.</param>
    /// <returns>Lower-case words joined by hyphens.</returns>
    public static string Kebab(string pascal) => Separated(pascal, '-');

    /// <summary>An enum value in kebab-case (<see cref="Kebab(string)"/> of its name).</summary>
    /// <typeparam name="T">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>Its kebab-case spelling.</returns>
    public static string Kebab<T>(T value)
        where T : struct, Enum => Kebab(value.ToString());

    /// <summary>A PascalCase name in snake_case (<c>CrisisEtaBoost</c> → <c>crisis_eta_boost</c>), as the parameter registry spells fields.</summary>
    /// <param name="pascal">A PascalCase name.</param>
    /// <returns>Lower-case words joined by underscores.</returns>
    public static string Snake(string pascal) => Separated(pascal, '_');

    /// <summary>The kebab-case spellings of every value of an enum, in declaration order.</summary>
    /// <typeparam name="T">The enum type.</typeparam>
    /// <returns>The spellings.</returns>
    public static IReadOnlyList<string> KebabValues<T>()
        where T : struct, Enum => Enum.GetValues<T>().Select(v => Kebab(v)).ToList();

    /// <summary>The enum value whose kebab-case spelling is <paramref name="text"/>, compared as <paramref name="comparison"/> says.</summary>
    /// <typeparam name="T">The enum type.</typeparam>
    /// <param name="text">The spelling to read.</param>
    /// <param name="comparison">How to compare (ordinal for scenario files, ignoring case for data files).</param>
    /// <param name="value">The value, when found.</param>
    /// <returns>True when a value is spelled so.</returns>
    public static bool TryParseKebab<T>(string text, StringComparison comparison, out T value)
        where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
        {
            if (string.Equals(Kebab(v), text, comparison))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static ReadOnlySpan<char> Clip(ReadOnlySpan<char> s) => s.Length > MaxComparedChars ? s[..MaxComparedChars] : s;

    private static string Separated(string pascal, char separator)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var ch = pascal[i];
            if (char.IsUpper(ch) && i > 0)
            {
                sb.Append(separator);
            }

            sb.Append(char.ToLowerInvariant(ch));
        }

        return sb.ToString();
    }
}
