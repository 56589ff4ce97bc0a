using System.Collections.Immutable;
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
        new(() => MissionMixes(EmbeddedData.Csv("mission_mix.csv")));

    private static readonly Lazy<ImmutableArray<MilexEstimate>> EmbeddedEstimates =
        new(() => MilexEstimates(EmbeddedData.Csv("milex_estimates.csv")));

    /// <summary>The embedded mixes keyed by (ISO3, kind); each has <see cref="MissionAreas.Count"/> shares in <see cref="MissionArea"/> order.</summary>
    public static ImmutableDictionary<(string Iso3, MixKind Kind), ImmutableArray<double>> Mixes => EmbeddedMixes.Value;

    /// <summary>The embedded military-expenditure estimates.</summary>
    public static ImmutableArray<MilexEstimate> Estimates => EmbeddedEstimates.Value;

    /// <summary>Parses a mission-mix file.</summary>
    public static ImmutableDictionary<(string Iso3, MixKind Kind), ImmutableArray<double>> LoadMixes(TextReader reader, string file) =>
        MissionMixes(CsvTable.Parse(file, reader));

    /// <summary>Parses a military-expenditure estimates file.</summary>
    public static ImmutableArray<MilexEstimate> LoadEstimates(TextReader reader, string file) =>
        MilexEstimates(CsvTable.Parse(file, reader));

    /// <summary>The latest estimate for a country with year ≤ <paramref name="year"/>, or null.</summary>
    public static MilexEstimate? Estimate(IEnumerable<MilexEstimate> estimates, string iso3, int year) =>
        estimates.Where(e => e.Iso3 == iso3 && e.Year <= year).MaxBy(e => e.Year);

    private static ImmutableDictionary<(string, MixKind), ImmutableArray<double>> MissionMixes(CsvTable t)
    {
        t.Require(["iso3", "kind", .. MissionAreas.Keys, "source"]);
        var result = ImmutableDictionary.CreateBuilder<(string, MixKind), ImmutableArray<double>>();
        foreach (var row in t.Records)
        {
            var iso3 = row.RequiredText("iso3");
            var kind = row.RequiredText("kind") switch
            {
                "complementary" => MixKind.Complementary,
                "autonomous" => MixKind.Autonomous,
                var k => throw row.Error("kind", "must be complementary or autonomous"),
            };
            _ = row.RequiredText("source");
            var shares = new double[MissionAreas.Count];
            for (var m = 0; m < shares.Length; m++)
            {
                var key = MissionAreas.Keys[m];
                shares[m] = row.RequiredNumber(key);
                if (shares[m] is < 0 or > 1)
                {
                    throw row.Error(key, "a share must be between 0 and 1");
                }
            }

            if (Math.Abs(shares.Sum() - 1) > MixSumTolerance)
            {
                throw row.Error("land", $"the seven shares sum to {shares.Sum():0.###}, not 1");
            }

            if (!result.TryAdd((iso3, kind), [.. shares]))
            {
                throw row.Error("kind", $"a second {row.RequiredText("kind")} row for {iso3}");
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<MilexEstimate> MilexEstimates(CsvTable t)
    {
        t.Require("iso3", "year", "milex_usd_m_2023", "share_gdp", "gdp_usd_m_2023", "source");
        var list = ImmutableArray.CreateBuilder<MilexEstimate>();
        foreach (var row in t.Records)
        {
            var milex = row.RequiredNumber("milex_usd_m_2023");
            var share = row.RequiredNumber("share_gdp");
            var gdp = row.RequiredNumber("gdp_usd_m_2023");
            if (milex <= 0)
            {
                throw row.Error("milex_usd_m_2023", "must be positive");
            }

            if (share is <= 0 or >= 1)
            {
                throw row.Error("share_gdp", "must be a fraction between 0 and 1");
            }

            if (Math.Abs((milex / share) - gdp) > 0.01 * gdp)
            {
                throw row.Error("gdp_usd_m_2023", $"inconsistent with milex / share = {milex / share:0}");
            }

            list.Add(new MilexEstimate(row.RequiredText("iso3"), row.Integer("year"), milex * 1e6, share, gdp * 1e6, row.RequiredText("source")));
        }

        return list.ToImmutable();
    }
}
