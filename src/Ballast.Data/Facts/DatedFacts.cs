namespace Ballast.Data.Facts;

/// <summary>A country's trade shares with China and the US in one year.</summary>
/// <param name="Year">The data year.</param>
/// <param name="China">Share of total goods trade with China (fraction), or null.</param>
/// <param name="Us">Share of total goods trade with the US (fraction), or null.</param>
/// <param name="Source">Which dataset: <c>cow_trade_v4</c> (COW Trade v4.0, to 2014) or <c>imf_dots</c> (IMF DOTS, 2019–2020).</param>
public sealed record DatedTrade(int Year, double? China, double? Us, string Source);

/// <summary>
/// The world facts that change by year, for runs that start in the past: trade shares by year
/// (<c>data/trade_dependence.csv</c>: COW Trade v4.0 1946–2014, IMF DOTS 2019–2020) and warhead stockpiles by year
/// (<c>data/fas_nuclear_warhead_stockpiles.csv</c>). A year without a figure takes the latest earlier one.
/// </summary>
public sealed class DatedFacts
{
    private static readonly Lazy<DatedFacts> LazyDefault = new(() => new DatedFacts(EmbeddedData.Csv("trade_dependence.csv"), EmbeddedData.Csv("fas_nuclear_warhead_stockpiles.csv")));

    private readonly Dictionary<string, SortedDictionary<int, DatedTrade>> _trade = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, int>> _warheads = new(StringComparer.Ordinal);

    /// <summary>Reads the trade and stockpile tables.</summary>
    public DatedFacts(CsvTable trade, CsvTable stockpiles)
    {
        trade.Require("source", "year", "iso3", "china_share_of_trade", "usa_share_of_trade");
        foreach (var r in trade.Records)
        {
            if (r.Text("iso3") is not { } iso3)
            {
                continue;
            }

            var china = Share(r, "china_share_of_trade");
            var us = Share(r, "usa_share_of_trade");
            if (china is null && us is null)
            {
                continue;
            }

            if (!_trade.TryGetValue(iso3, out var byYear))
            {
                byYear = [];
                _trade[iso3] = byYear;
            }

            // IMF DOTS rows win over COW rows of the same year (none overlap in the shipped file).
            var year = r.Integer("year");
            var source = r.RequiredText("source");
            if (!byYear.TryGetValue(year, out var old) || source == "imf_dots")
            {
                byYear[year] = new DatedTrade(year, china, us, source);
            }
        }

        stockpiles.Require("country_name", "year", "nuclear_weapons_stockpile");
        foreach (var r in stockpiles.Records)
        {
            var name = string.Join(' ', (r.Text("country_name") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (!WorldFactsLoader.FasNames.TryGetValue(name, out var iso3) || r.OptionalInteger("nuclear_weapons_stockpile") is not int n)
            {
                continue;
            }

            if (!_warheads.TryGetValue(iso3, out var byYear))
            {
                byYear = [];
                _warheads[iso3] = byYear;
            }

            byYear[r.Integer("year")] = n;
        }
    }

    /// <summary>A share in [0, 1], else null: a few COW rows report more trade with a partner than in total (reporting gaps), which is no usable share.</summary>
    private static double? Share(CsvRecord r, string column) => r.Number(column) is double v && v is >= 0 and <= 1 ? v : null;

    /// <summary>The facts from the embedded data (read once).</summary>
    public static DatedFacts Default => LazyDefault.Value;

    /// <summary>Trade shares in the year, else the latest earlier year with a figure, else null.</summary>
    public DatedTrade? Trade(string iso3, int year) =>
        _trade.TryGetValue(iso3, out var byYear) ? byYear.Where(kv => kv.Key <= year).Select(kv => kv.Value).LastOrDefault() : null;

    /// <summary>The FAS warhead stockpile in the year (the latest earlier figure if the year has none) with its year, or null.</summary>
    public (int Warheads, int Year)? Warheads(string iso3, int year) =>
        _warheads.TryGetValue(iso3, out var byYear) && byYear.Where(kv => kv.Key <= year).ToList() is { Count: > 0 } earlier
            ? (earlier[^1].Value, earlier[^1].Key)
            : null;
}
