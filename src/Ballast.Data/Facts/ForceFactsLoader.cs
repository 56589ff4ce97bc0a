using System.Collections.Immutable;
using Ballast.Core;
using Ballast.Core.Model;

namespace Ballast.Data.Facts;

/// <summary>Which of an actor's two investment mixes a row of <c>mission_mix.csv</c> gives.</summary>
public enum MixKind
{
    /// <summary>Comparative-advantage niche roles (the ally complements the patron).</summary>
    Complementary,

    /// <summary>Full-spectrum national force (the ally expects to fight alone).</summary>
    Autonomous,
}

/// <summary>A military-expenditure estimate for a country the panel lacks (constant 2023 US$).</summary>
/// <param name="Iso3">Country.</param>
/// <param name="Year">Year the estimate refers to.</param>
/// <param name="MilexUsd">Military expenditure, constant 2023 US$.</param>
/// <param name="Share">Military expenditure as a fraction of GDP.</param>
/// <param name="GdpUsd">GDP, constant 2023 US$.</param>
/// <param name="Source">Citation and conversion.</param>
public sealed record MilexEstimate(string Iso3, int Year, double MilexUsd, double Share, double GdpUsd, string Source);

/// <summary>
/// Loads <c>mission_mix.csv</c> (complementary and autonomous mixes per actor) and <c>milex_estimates.csv</c>
/// (spending estimates where SIPRI has none). Bad rows get an error naming file, line and column.
/// </summary>
public static class ForceFactsLoader
{
    /// <summary>Tolerance on a mix row's sum (rounded shares).</summary>
    public const double MixSumTolerance = 0.005;

    private static readonly Lazy<ImmutableDictionary<(string, MixKind), ImmutableArray<double>>> EmbeddedMixes =
        new(() => MissionMixes(CsvTable.Embedded("mission_mix.csv")));

    private static readonly Lazy<ImmutableArray<MilexEstimate>> EmbeddedEstimates =
        new(() => MilexEstimates(CsvTable.Embedded("milex_estimates.csv")));

    /// <summary>The embedded mixes keyed by (ISO3, kind); each has <see cref="MissionAreas.Count"/> shares in <see cref="MissionArea"/> order.</summary>
    public static ImmutableDictionary<(string Iso3, MixKind Kind), ImmutableArray<double>> Mixes => EmbeddedMixes.Value;

    /// <summary>The embedded military-expenditure estimates.</summary>
    public static ImmutableArray<MilexEstimate> Estimates => EmbeddedEstimates.Value;

    /// <summary>Parses a mission-mix file.</summary>
    public static ImmutableDictionary<(string Iso3, MixKind Kind), ImmutableArray<double>> LoadMixes(TextReader reader, string file) =>
        MissionMixes(CsvTable.Parse(reader, file));

    /// <summary>Parses a military-expenditure estimates file.</summary>
    public static ImmutableArray<MilexEstimate> LoadEstimates(TextReader reader, string file) =>
        MilexEstimates(CsvTable.Parse(reader, file));

    /// <summary>The latest estimate for a country with year ≤ <paramref name="year"/>, or null.</summary>
    public static MilexEstimate? Estimate(IEnumerable<MilexEstimate> estimates, string iso3, int year) =>
        estimates.Where(e => e.Iso3 == iso3 && e.Year <= year).MaxBy(e => e.Year);

    private static ImmutableDictionary<(string, MixKind), ImmutableArray<double>> MissionMixes(CsvTable t)
    {
        t.Require(["iso3", "kind", .. MissionAreas.Keys, "source"]);
        var result = ImmutableDictionary.CreateBuilder<(string, MixKind), ImmutableArray<double>>();
        foreach (var row in t.Rows)
        {
            var iso3 = row.Text("iso3");
            var kind = row.Text("kind") switch
            {
                "complementary" => MixKind.Complementary,
                "autonomous" => MixKind.Autonomous,
                var k => throw row.Error("kind", k, "must be complementary or autonomous"),
            };
            _ = row.Text("source");
            var shares = new double[MissionAreas.Count];
            for (var m = 0; m < shares.Length; m++)
            {
                var key = MissionAreas.Keys[m];
                shares[m] = row.Double(key);
                if (shares[m] is < 0 or > 1)
                {
                    throw row.Error(key, row[key], "a share must be between 0 and 1");
                }
            }

            if (Math.Abs(shares.Sum() - 1) > MixSumTolerance)
            {
                throw row.Error("land", row["land"], $"the seven shares sum to {shares.Sum():0.###}, not 1");
            }

            if (!result.TryAdd((iso3, kind), [.. shares]))
            {
                throw row.Error("kind", row["kind"], $"a second {row["kind"]} row for {iso3}");
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<MilexEstimate> MilexEstimates(CsvTable t)
    {
        t.Require("iso3", "year", "milex_usd_m_2023", "share_gdp", "gdp_usd_m_2023", "source");
        var list = ImmutableArray.CreateBuilder<MilexEstimate>();
        foreach (var row in t.Rows)
        {
            var milex = row.Double("milex_usd_m_2023");
            var share = row.Double("share_gdp");
            var gdp = row.Double("gdp_usd_m_2023");
            if (milex <= 0)
            {
                throw row.Error("milex_usd_m_2023", row["milex_usd_m_2023"], "must be positive");
            }

            if (share is <= 0 or >= 1)
            {
                throw row.Error("share_gdp", row["share_gdp"], "must be a fraction between 0 and 1");
            }

            if (Math.Abs((milex / share) - gdp) > 0.01 * gdp)
            {
                throw row.Error("gdp_usd_m_2023", row["gdp_usd_m_2023"], $"inconsistent with milex / share = {milex / share:0}");
            }

            list.Add(new MilexEstimate(row.Text("iso3"), row.Int("year"), milex * 1e6, share, gdp * 1e6, row.Text("source")));
        }

        return list.ToImmutable();
    }
}
