using System.Text.RegularExpressions;
using Ballast.Core.Analytics;
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
    public static IReadOnlyList<AtopDyadYear> ParseAtop(TextReader reader, string file) => Atop(CsvTable.Parse(file, reader));

    private static List<AtopDyadYear> Atop(CsvTable t)
    {
        t.Require("ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul");
        var result = new List<AtopDyadYear>(t.Records.Count);
        foreach (var r in t.Records)
        {
            result.Add(new AtopDyadYear(
                r.Integer("ccode1"),
                r.Integer("ccode2"),
                r.Integer("year"),
                r.Flag("atop_defense"),
                r.Flag("atop_offense"),
                r.Flag("atop_neutral"),
                r.Flag("atop_nonagg"),
                r.Flag("atop_consul")));
        }

        return result;
    }

    /// <summary>Loads the embedded ATOP v5.1 directed dyad-year file (1815–2018).</summary>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<AtopDyadYear> LoadAtop() => Atop(EmbeddedData.Csv(AtopFile));

    /// <summary>
    /// Parses group memberships (columns group, iso3, from_year, until_year, source; until_year empty = still a member).
    /// </summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The file name for error messages.</param>
    /// <returns>The memberships in file order.</returns>
    public static IReadOnlyList<GroupMembership> ParseGroupings(TextReader reader, string file) => Groupings(CsvTable.Parse(file, reader));

    private static List<GroupMembership> Groupings(CsvTable t)
    {
        t.Require("group", "iso3", "from_year", "until_year", "source");
        var result = new List<GroupMembership>(t.Records.Count);
        foreach (var r in t.Records)
        {
            var group = r.Text("group") ?? throw new BallastInputException("the group name is empty.", t.Name, r.Line, "group");
            var iso3 = r.Text("iso3") ?? string.Empty;
            if (!Iso3Pattern().IsMatch(iso3))
            {
                throw new BallastInputException("expected a three-letter upper-case ISO3 code.", t.Name, r.Line, "iso3", iso3);
            }

            var from = r.Integer("from_year");
            var until = r.OptionalInteger("until_year");
            if (until < from)
            {
                throw r.Error("until_year", $"until_year is before from_year ({from}).");
            }

            var source = r.Text("source") ?? throw new BallastInputException("every membership needs a source (a citation).", t.Name, r.Line, "source");

            result.Add(new GroupMembership(group, iso3, from, until, source));
        }

        return result;
    }

    /// <summary>Loads the embedded <c>groupings.csv</c>.</summary>
    /// <returns>The memberships.</returns>
    public static IReadOnlyList<GroupMembership> LoadGroupings() => Groupings(EmbeddedData.Csv(GroupingsFile));

    /// <summary>
    /// Parses COW National Material Capabilities (columns stateabb, ccode, year, milex, milper, irst, pec, tpop, upop,
    /// cinc; empty, NA or COW's −9 = missing).
    /// </summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The file name for error messages.</param>
    /// <returns>The state-years in file order.</returns>
    public static IReadOnlyList<NmcRecord> ParseNmc(TextReader reader, string file) => Nmc(CsvTable.Parse(file, reader));

    private static List<NmcRecord> Nmc(CsvTable t)
    {
        t.Require("stateabb", "ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop", "cinc");
        var result = new List<NmcRecord>(t.Records.Count);
        foreach (var r in t.Records)
        {
            double? Get(string c)
            {
                var v = r.Number(c);
                if (v == -9)
                {
                    return null;
                }

                return v < 0 ? throw r.Error(c, "capability components cannot be negative.") : v;
            }

            result.Add(new NmcRecord(
                r.Text("stateabb") ?? string.Empty,
                r.Integer("ccode"),
                r.Integer("year"),
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
    public static IReadOnlyList<NmcRecord> LoadNmc() => Nmc(EmbeddedData.Csv(NmcFile));

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Iso3Pattern();
}
