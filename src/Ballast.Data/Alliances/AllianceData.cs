using System.Text.RegularExpressions;
using Ballast.Core;
using Ballast.Core.Analytics;
using Ballast.Core.Countries;
using Ballast.Core.Network;

namespace Ballast.Data.Alliances;

/// <summary>
/// Loaders for the alliance and capability data: ATOP v5.1 directed dyad-years, the grouping ties of
/// <c>groupings.csv</c> and COW National Material Capabilities. Each reads the embedded copy or any reader, and a bad
/// row raises a <see cref="BallastInputException"/> naming the file, line and field.
/// </summary>
public static partial class AllianceData
{
    /// <summary>File name of the embedded ATOP file.</summary>
    public const string AtopFile = "atop_v5_1_directed_dyad_year.csv";

    /// <summary>File name of the embedded groupings file.</summary>
    public const string GroupingsFile = "groupings.csv";

    /// <summary>File name of the embedded COW NMC file.</summary>
    public const string NmcFile = "cow_nmc.csv";

    /// <summary>Parses ATOP directed dyad-years (columns ccode1, ccode2, year, atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The file name for error messages.</param>
    /// <returns>The rows in file order.</returns>
    public static IReadOnlyList<AtopDyadYear> ParseAtop(TextReader reader, string file)
    {
        var t = DelimitedText.Read(reader, file, "ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul");
        var result = new List<AtopDyadYear>(t.Rows.Count);
        foreach (var (line, f) in t.Rows)
        {
            result.Add(new AtopDyadYear(
                t.Int(f, line, "ccode1"),
                t.Int(f, line, "ccode2"),
                t.Int(f, line, "year"),
                t.Flag(f, line, "atop_defense"),
                t.Flag(f, line, "atop_offense"),
                t.Flag(f, line, "atop_neutral"),
                t.Flag(f, line, "atop_nonagg"),
                t.Flag(f, line, "atop_consul")));
        }

        return result;
    }

    /// <summary>Loads the embedded ATOP v5.1 directed dyad-year file (1815–2018).</summary>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<AtopDyadYear> LoadAtop()
    {
        using var reader = OpenEmbedded(AtopFile);
        return ParseAtop(reader, AtopFile);
    }

    /// <summary>
    /// Parses group memberships (columns group, iso3, from_year, until_year, source; until_year empty = still a member).
    /// </summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The file name for error messages.</param>
    /// <returns>The memberships in file order.</returns>
    public static IReadOnlyList<GroupMembership> ParseGroupings(TextReader reader, string file)
    {
        var t = DelimitedText.Read(reader, file, "group", "iso3", "from_year", "until_year", "source");
        var result = new List<GroupMembership>(t.Rows.Count);
        foreach (var (line, f) in t.Rows)
        {
            var group = t.Text(f, "group");
            if (group.Length == 0)
            {
                throw new BallastInputException("the group name is empty.", file, line, "group");
            }

            var iso3 = t.Text(f, "iso3");
            if (!Iso3Pattern().IsMatch(iso3))
            {
                throw new BallastInputException("expected a three-letter upper-case ISO3 code.", file, line, "iso3", iso3);
            }

            var from = t.Int(f, line, "from_year");
            var until = t.OptionalInt(f, line, "until_year");
            if (until < from)
            {
                throw new BallastInputException($"until_year is before from_year ({from}).", file, line, "until_year", t.Text(f, "until_year"));
            }

            var source = t.Text(f, "source");
            if (source.Length == 0)
            {
                throw new BallastInputException("every membership needs a source (a citation).", file, line, "source");
            }

            result.Add(new GroupMembership(group, iso3, from, until, source));
        }

        return result;
    }

    /// <summary>Loads the embedded <c>groupings.csv</c>.</summary>
    /// <returns>The memberships.</returns>
    public static IReadOnlyList<GroupMembership> LoadGroupings()
    {
        using var reader = OpenEmbedded(GroupingsFile);
        return ParseGroupings(reader, GroupingsFile);
    }

    /// <summary>
    /// Parses COW National Material Capabilities (columns stateabb, ccode, year, milex, milper, irst, pec, tpop, upop,
    /// cinc; empty, NA or COW's −9 = missing).
    /// </summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The file name for error messages.</param>
    /// <returns>The state-years in file order.</returns>
    public static IReadOnlyList<NmcRecord> ParseNmc(TextReader reader, string file)
    {
        var t = DelimitedText.Read(reader, file, "stateabb", "ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop", "cinc");
        var result = new List<NmcRecord>(t.Rows.Count);
        foreach (var (line, f) in t.Rows)
        {
            double? Get(string c)
            {
                var v = t.OptionalDouble(f, line, c);
                if (v == -9)
                {
                    return null;
                }

                return v < 0 ? throw new BallastInputException("capability components cannot be negative.", file, line, c, t.Text(f, c)) : v;
            }

            result.Add(new NmcRecord(
                t.Text(f, "stateabb"),
                t.Int(f, line, "ccode"),
                t.Int(f, line, "year"),
                Get("milex"),
                Get("milper"),
                Get("irst"),
                Get("pec"),
                Get("tpop"),
                Get("upop"),
                Get("cinc")));
        }

        return result;
    }

    /// <summary>Loads the embedded COW NMC v7.0 file (1816–2022).</summary>
    /// <returns>The state-years.</returns>
    public static IReadOnlyList<NmcRecord> LoadNmc()
    {
        using var reader = OpenEmbedded(NmcFile);
        return ParseNmc(reader, NmcFile);
    }

    private static StreamReader OpenEmbedded(string file)
    {
        var name = "Ballast.Data." + file;
        var stream = typeof(AllianceData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded data file {file} is missing from the build.");
        return new StreamReader(stream);
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Iso3Pattern();
}
