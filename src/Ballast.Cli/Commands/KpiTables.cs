using Ballast.Core.Model;
using Ballast.Engine.Ensembles;
using Ballast.Runs.Kpis;

namespace Ballast.Cli.Commands;

/// <summary>The KPI summary of a run as tables (terminal) or tidy rows (csv/json).</summary>
public static class KpiTables
{
    /// <summary>Citation footer for simulation output.</summary>
    public const string Citation =
        "Model: Ballast reference model (docs/model.md); parameters and their sources: `ballast params`. Initial state: SIPRI Military Expenditure Database 2025, World Bank WDI, ATOP v5.1, DMDC troops (troopdata), IMF DOTS.";

    /// <summary>Coalition-level KPIs (<see cref="KpiCatalogue.Coalition"/>), and the runs per stance path when there are several.</summary>
    public static ResultTable Coalition(RunManifest m, KpiSummary k, ModelInputs inputs)
    {
        var t = new ResultTable(
            $"{m.Scenario}: {k.Runs} runs, seed {k.Seed}, {m.StartYear}–{m.HorizonYear}",
            [new("kpi", "KPI", RightAlign: false), new("unit", "Unit", RightAlign: false), new("p50", "Median"), new("p5", "p5"), new("p95", "p95"), new("meaning", "What it shows", RightAlign: false, Priority: 1), new("id", "KPI id", Use: ColumnUse.Data)],
            "coalition",
            TableUse.Display);
        var readings = CoalitionReadings(k, inputs);

        foreach (var r in readings)
        {
            FormattedNumber F(double? v) => new(v, r.Kpi.Format);
            t.Add(r.Name, r.Kpi.Unit, F(r.Value.P50), F(r.Value.P5), F(r.Value.P95), r.Kpi.Description, r.Id);
        }

        if (k.Runs < 200)
        {
            t.Notes.Add($"Warning: only {k.Runs} runs; the 5th and 95th percentiles are unstable below about 200 runs.");
        }

        if (k.PercentileSampleSize < k.Runs)
        {
            t.Notes.Add($"Per-year percentiles use a fixed {k.PercentileSampleSize}-run sample (chosen by run index, identical for any thread count); KPIs count all runs.");
        }

        return t;
    }

    /// <summary>Per-ally KPIs (<see cref="KpiCatalogue.Ally"/>): a row per ally, a column per KPI.</summary>
    public static ResultTable Allies(RunManifest m, KpiSummary k, ModelInputs inputs)
    {
        var cols = new List<ResultColumn>
        {
            new("country", "Code", RightAlign: false),
            new("role", "Role", RightAlign: false, Priority: 3),
        };
        cols.AddRange(KpiCatalogue.AllyKpis(k.Targets).Select(x => new ResultColumn(x.Id, x.Heading, x.Format, Priority: AllyPriority(x))));
        var t = new ResultTable($"Allies and partners at {m.HorizonYear} (medians over runs, or shares of runs)", cols, "allies", TableUse.Display);
        var bracketed = false;
        foreach (var a in k.Allies)
        {
            var i = inputs.Codes.IndexOf(a.Code);
            var cells = new List<object?> { a.Code, i >= 0 ? CountryData.RoleName(inputs.Roles[i]) : null };
            foreach (var r in KpiCatalogue.Ally(a, k.Targets))
            {
                // A median year a target is met, beside a share of runs near 0, reads as a forecast: in parentheses when fewer than
                // half the runs meet it (the report says "not met in most runs"); CSV and JSON keep the number.
                bool rare = KpiCatalogue.ShareMeetingTarget(r, a, k.Targets) < 0.5 && r.Value.P50 is not null;
                cells.Add(rare ? new FormattedNumber(r.Value.P50, "(0)") : r.Value.P50);
                bracketed |= rare;
            }

            t.Add(cells.ToArray());
        }

        if (bracketed)
        {
            t.TerminalNotes.Add("A year in parentheses: fewer than half of the runs meet that target; it is the median first year among those that do.");
        }

        t.Sources.Add(Citation);
        return t;
    }

    /// <summary>A historical run against the data: the model's burden (median and 90 % band) and the realised burden, per ally and year, % of GDP.</summary>
    public static ResultTable History(IReadOnlyList<HistoryRow> rows)
    {
        var t = new ResultTable("Burden against the data (% of GDP)", [
            new("country", "Code", RightAlign: false),
            new("year", "Year"),
            new("realised_share", "Data", "N2", DisplayScale: 0.01),
            new("model_p5_share", "Model p5", "N2", DisplayScale: 0.01),
            new("model_median_share", "Model median", "N2", DisplayScale: 0.01),
            new("model_p95_share", "Model p95", "N2", DisplayScale: 0.01),
            new("inside_band", "In 90 % band", RightAlign: false),
        ], "history");
        foreach (var r in rows)
        {
            t.Add(r.Country, r.Year, r.Realised, r.P5, r.Median, r.P95, r.Inside switch { true => "yes", false => "no", null => null });
        }

        var known = rows.Where(r => r.Inside is not null).ToList();
        t.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Realised burden inside the model's 90 % band in {known.Count(r => r.Inside == true)} of {known.Count} ally-years (data: World Bank/SIPRI share of GDP, else COW NMC spending / Maddison GDP)."));
        return t;
    }

    /// <summary>
    /// Every KPI as one tidy table, a row per KPI and country (empty for the coalition) in the units the tables show:
    /// what <c>run --format csv</c> and <c>--format json</c> carry.
    /// </summary>
    public static ResultTable Tidy(RunManifest m, KpiSummary k, ModelInputs inputs)
    {
        var t = new ResultTable($"{m.Scenario}: KPIs at {m.HorizonYear} ({k.Runs} runs, seed {k.Seed})", [
            new("scope", "Scope: coalition or ally", RightAlign: false),
            new("country", "Country code (null for the coalition)", RightAlign: false),
            new("kpi", "KPI id", RightAlign: false),
            new("label", "KPI", RightAlign: false),
            new("unit", "Unit", RightAlign: false),
            new("p50", "Median (or the value)"),
            new("p5", "5th percentile (null for single values)"),
            new("p95", "95th percentile (null for single values)"),
        ], "kpis", TableUse.Data);
        var readings = CoalitionReadings(k, inputs);

        readings.AddRange(k.Allies.SelectMany(a => KpiCatalogue.Ally(a, k.Targets)));
        foreach (var r in readings)
        {
            t.Add(r.Country is null ? "coalition" : "ally", r.Country, r.Kpi.Id, r.Kpi.Label, r.Kpi.Unit, r.Value.P50, r.Value.P5, r.Value.P95);
        }

        return t;
    }

    /// <summary>The coalition KPIs, and the runs per stance path when there are several.</summary>
    private static List<KpiReading> CoalitionReadings(KpiSummary k, ModelInputs inputs)
    {
        var readings = KpiCatalogue.Coalition(k).ToList();
        for (var i = 0; i < k.StancePathCounts.Length && k.StancePathCounts.Length > 1; i++)
        {
            var path = KpiCatalogue.StancePath(i, inputs.StancePaths[i].Name);
            readings.Add(new KpiReading(path, null, new KpiValue(null, path.Apply(k.StancePathCounts[i]), null)));
        }

        return readings;
    }

    // In a narrow terminal the per-ally table keeps the share, the targets and credibility; the rest goes first.
    private static int AllyPriority(KpiDefinition kpi) => kpi.Id switch
    {
        "share_pct" or "credibility" => 0,
        _ when kpi.Id.StartsWith("p_meet_", StringComparison.Ordinal) => 0,
        _ when kpi.Id.StartsWith("year_meet_", StringComparison.Ordinal) => 1,
        "alignment" or "p_realigned" => 2,
        _ => 3,
    };
}
