using System.Globalization;
using Ballast.Cli.Output;
using Ballast.Core.Countries;
using Ballast.Core.Model;
using Ballast.Engine.Ensembles;
using Ballast.Runs;

namespace Ballast.Cli.Commands;

/// <summary>The KPI summary of a run as tables (terminal) or tidy rows (csv/json).</summary>
public static class KpiTables
{
    /// <summary>Citation footer for simulation output.</summary>
    public const string Citation =
        "Model: Ballast reference model (docs/model.md); parameters and their sources: `ballast params`. Initial state: SIPRI Military Expenditure Database 2025, World Bank WDI, ATOP v5.1, DMDC troops (troopdata), IMF DOTS.";

    /// <summary>Coalition-level KPIs.</summary>
    public static ResultTable Coalition(RunManifest m, KpiSummary k, ModelInputs inputs)
    {
        var t = new ResultTable(
            $"{m.Scenario}: {k.Runs} runs, seed {k.Seed}, {m.StartYear}–{m.HorizonYear}",
            [new("kpi", "KPI", RightAlign: false), new("p50", "Median", "N3"), new("p5", "p5", "N3"), new("p95", "p95", "N3"), new("meaning", "What it shows", RightAlign: false)]);
        t.Add($"balance_{m.HorizonYear}", k.FinalBalance.P50, k.FinalBalance.P5, k.FinalBalance.P95, "coalition / adversary effectiveness in the theatre (below 1: the balance has tipped)");
        t.Add("share_never_crossing", k.ShareNeverCrossing, null, null, $"share of runs whose balance stays at or above 1 through {m.HorizonYear}");
        t.Add("crossover_year_median", k.CrossoverYearMedian is int y ? y : null, null, null, "median first year with balance below 1, among runs that cross");
        t.Add($"effectiveness_bn_{m.HorizonYear}", k.FinalEffectiveness.P50, k.FinalEffectiveness.P5, k.FinalEffectiveness.P95, "coalition effectiveness, US$ bn of capability-equivalent stock (constant 2023; CES over the seven mission areas, docs/model.md §8)");
        t.Add($"us_cost_net_bn_{m.HorizonYear}", k.UsCostNet.P50 / 1e9, k.UsCostNet.P5 / 1e9, k.UsCostNet.P95 / 1e9, "US theatre cost net of host-nation support, US$ bn (constant 2023)");
        t.Add($"host_exposure_{m.HorizonYear}", k.HostExposure.P50, k.HostExposure.P5, k.HostExposure.P95, "adversary missiles aimed at hosts of US missiles");
        t.Add($"coalition_duplication_{m.HorizonYear}", k.CoalitionDuplication.P50, k.CoalitionDuplication.P5, k.CoalitionDuplication.P95, "spending-weighted overlap of allies' mix with the US mix");
        for (var i = 0; i < k.StancePathCounts.Length && k.StancePathCounts.Length > 1; i++)
        {
            t.Add($"stance_path_{i}_runs", (double)k.StancePathCounts[i], null, null, inputs.StancePaths[i].Name);
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

    /// <summary>Per-ally KPIs.</summary>
    public static ResultTable Allies(RunManifest m, KpiSummary k, ModelInputs inputs)
    {
        var cols = new List<ResultColumn>
        {
            new("country", "Code", RightAlign: false),
            new("role", "Role", RightAlign: false),
            new("share_pct", $"Share {m.HorizonYear} (%)", "N2"),
        };
        foreach (var target in k.Targets)
        {
            var tl = (target * 100).ToString("0.##", CultureInfo.InvariantCulture);
            cols.Add(new($"p_meet_{tl}", $"P(≥{tl}%)", "N2"));
            cols.Add(new($"year_meet_{tl}", $"Year {tl}%", "0"));
        }

        cols.AddRange([
            new("credibility", "Credibility", "N2"),
            new("alignment", "Alignment", "N2"),
            new("duplication", "Duplication", "N2"),
            new("hedging", "Hedging", "N2"),
            new("p_hedging_threshold", "P(hedge thr.)", "N2"),
            new("p_realigned", "P(realign)", "N2"),
            new("p_us_stepped_back", "P(US steps back)", "N2"),
        ]);
        var t = new ResultTable($"Allies and partners at {m.HorizonYear} (medians; P = share of runs)", cols);
        foreach (var a in k.Allies)
        {
            var i = inputs.Codes.IndexOf(a.Code);
            var cells = new List<object?> { a.Code, i >= 0 ? Ballast.Data.Countries.CountryData.RoleName(inputs.Roles[i]) : null, a.FinalShareMedian * 100 };
            for (var j = 0; j < k.Targets.Length; j++)
            {
                cells.Add(a.ProbabilityTargetMet[j]);
                cells.Add(a.MedianYearTargetMet[j] is int y ? y : null);
            }

            cells.AddRange([a.FinalCredibilityMedian, a.FinalAlignmentMedian, a.FinalDuplicationMedian, a.FinalHedgingMedian, a.ProbabilityHedgingThreshold, a.ProbabilityRealigned, a.ProbabilityThreatExecuted]);
            t.Add(cells.ToArray());
        }

        t.Sources.Add(Citation);
        return t;
    }
}
