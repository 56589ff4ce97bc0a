using Ballast.Core.Model;
using Ballast.Data.Panel;

namespace Ballast.Runs.Validation;

/// <summary>One ally-year of a historical run: the realised burden from the data against the model's ensemble band.</summary>
/// <param name="Country">Ally or partner (ISO3).</param>
/// <param name="Year">Year.</param>
/// <param name="Realised">The burden in the data (fraction of GDP), or null when the data have none that year.</param>
/// <param name="P5">Model burden, 5th percentile.</param>
/// <param name="Median">Model burden, median.</param>
/// <param name="P95">Model burden, 95th percentile.</param>
public sealed record HistoryRow(string Country, int Year, double? Realised, double P5, double Median, double P95)
{
    /// <summary>True when the realised burden lies in the model's 90 % band, null without data.</summary>
    public bool? Inside => Realised is double r ? r >= P5 && r <= P95 : null;
}

/// <summary>
/// Checks a historical run against the data year by year: for a run whose horizon is at most the last data year, the
/// model's median and 90 % band of every ally's and partner's burden against its realised burden
/// (<see cref="LongSeries.Burden"/>: the World Bank/SIPRI share of GDP, else COW spending over Maddison GDP).
/// </summary>
public static class HistoryCheck
{
    /// <summary>True when every simulated year of the scenario has data to compare with.</summary>
    public static bool Applies(Core.Scenarios.Scenario scenario) => scenario.HorizonYear <= PanelBuilder.Default.LastYear;

    /// <summary>The rows of a finished run (empty when <see cref="Applies"/> is false), ally by ally in input order, then by simulated year (the start year is the data itself).</summary>
    public static IReadOnlyList<HistoryRow> Rows(PreparedScenario prepared, EnsembleResult result) =>
        Applies(prepared.Scenario) ? Rows(prepared.Inputs, result, LongSeries.Default) : [];

    /// <summary>The rows for the given inputs against a long series.</summary>
    public static IReadOnlyList<HistoryRow> Rows(ModelInputs inputs, EnsembleResult result, LongSeries data)
    {
        var rows = new List<HistoryRow>();
        for (int i = 0; i < inputs.ActorCount; i++)
        {
            if (!inputs.IsAlly(i))
            {
                continue;
            }

            var code = inputs.Codes[i];
            foreach (var year in result.Years.Where(y => y > inputs.StartYear))
            {
                var p = result.Get($"share.{code}", year);
                rows.Add(new HistoryRow(code, year, data.Burden(code, year)?.Share, p.P5, p.P50, p.P95));
            }
        }

        return rows;
    }

    /// <summary>Writes the rows as CSV (burdens in percent of GDP).</summary>
    public static void WriteCsv(TextWriter w, IReadOnlyList<HistoryRow> rows)
    {
        w.WriteLine("country,year,realised_pct,model_p5_pct,model_median_pct,model_p95_pct,inside_band");
        foreach (var r in rows)
        {
            w.WriteLine(string.Join(',', r.Country, r.Year.ToString(CultureInfo.InvariantCulture), Pct(r.Realised), Pct(r.P5), Pct(r.Median), Pct(r.P95),
                r.Inside switch { true => "yes", false => "no", null => string.Empty }));
        }
    }

    private static string Pct(double? v) => v is double x ? (x * 100).ToString("0.###", CultureInfo.InvariantCulture) : string.Empty;
}
