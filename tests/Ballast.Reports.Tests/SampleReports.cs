using Ballast.Core.Countries;
using Ballast.Data.Countries;
using Ballast.Reports.Maps;
using Ballast.Reports.Model;

namespace Ballast.Reports.Tests;

/// <summary>A hand-built report model shaped like the missiles-hosted scenario, with deterministic synthetic bands.</summary>
internal static class SampleReports
{
    public static ReportModel MissilesHosted(string name = "missiles-hosted", double ratioShift = 0)
    {
        const int start = 2024, horizon = 2040;
        var actors = CountryData.IndoPacific;
        string[] allies = ["JPN", "KOR", "AUS", "PHL", "THA", "TWN", "IND"];
        var allyRecords = allies.Select((iso, i) => new AllyIndicators(iso, CountryData.Registry.ByIso3(iso)!.Name,
        [
            Band(Indicators.Spending, "Military spending", "bn USD", start, horizon, 20 + (10 * i), 1.5 + (0.2 * i), 0.15),
            Band(Indicators.Share, "Share of GDP", "% of GDP", start, horizon, 1.2 + (0.25 * i), 0.08, 0.2),
            Band(Indicators.Credibility, "Credibility", "0–1", start, horizon, 0.8 - (0.03 * i), -0.01, 0.1),
            Band(Indicators.Alignment, "Alignment", "0–1", start, horizon, 0.85 - (0.04 * i), -0.008, 0.08),
            Band(Indicators.Duplication, "Duplication", "0–1", start, horizon, 0.2 + (0.02 * i), 0.01, 0.1),
            Band(Indicators.NuclearHedging, "Nuclear hedging", "0–1", start, horizon, 0.05 + (0.01 * i), 0.004, 0.2),
        ])).ToList();

        var alignment = allyRecords.ToDictionary(a => a.Iso3, a => a.Find(Indicators.Alignment)!.Points[^1].P50);
        var view = MapView.IndoPacific;
        var actorCodes = actors.Actors.Select(a => a.Iso3).Where(c => c != "USA" && c != "RUS").ToList();
        RangeRing[] rings =
        [
            new("Typhon Mid-Range Capability firing Tomahawk", "USA", "PHL", "Laoag, Ilocos Norte, northern Luzon", 18.18, 120.53, 1600, false, 2025),
            new("Dark Eagle (LRHW)", "USA", "JPN", "Kadena Air Base, Okinawa", 26.355556, 127.7675, 2776, false, 2026),
            new("DF-26 intermediate-range ballistic missile", "CHN", "CHN", "Beijing (capital, notional launch area)", 39.9, 116.4, 4000, true, null),
            new("DF-21D anti-ship ballistic missile", "CHN", "CHN", "Beijing (capital, notional launch area)", 39.9, 116.4, 1500, true, null),
            new("Hwasong-12 (KN-17)", "PRK", "PRK", "Pyongyang (capital, notional launch area)", 39.03, 125.75, 4500, true, null),
        ];
        var map = new MapLayers(
            MapFacts.Countries(actors, alignment),
            MapFacts.Bases(view),
            MapFacts.Troops(["JPN", "KOR", "AUS", "PHL", "THA", "SGP"], horizon),
            rings,
            MapFacts.Capitals(actorCodes),
            view);

        NetworkNode Node(string iso, double bn) => new(iso, CountryData.Registry.ByIso3(iso)!.Name, actors.Find(iso)?.Role ?? CountryRole.Other, bn);
        var nodes = new[] { Node("USA", 900), Node("JPN", 50), Node("KOR", 45), Node("AUS", 35), Node("PHL", 5), Node("THA", 6), Node("TWN", 17), Node("IND", 80), Node("CHN", 300), Node("PRK", 4) };
        var spokes = new[] { "JPN", "KOR", "AUS", "PHL", "THA" }.Select(a => new NetworkEdge("USA", a, "defense-pact", 0.9)).ToList();
        var networks = new[]
        {
            new NetworkSnapshot($"Start ({start})", start, nodes, [.. spokes, new("USA", "TWN", "partnership", 0.5), new("USA", "IND", "partnership", 0.4), new("CHN", "PRK", "defense-pact", 0.6)], [new("density", 0.178), new("patron share of ties", 0.875)]),
            new NetworkSnapshot($"Horizon ({horizon})", horizon, nodes.Select(n => n with { SpendingUsdBn = n.SpendingUsdBn * 1.3 }).ToList(),
                [.. spokes, new("USA", "TWN", "partnership", 0.5), new("USA", "IND", "partnership", 0.5), new("JPN", "AUS", "minilateral", 0.7), new("JPN", "PHL", "partnership", 0.6), new("AUS", "IND", "minilateral", 0.5), new("JPN", "KOR", "minilateral", 0.4), new("CHN", "PRK", "defense-pact", 0.6)],
                [new("density", 0.267), new("patron share of ties", 0.583)]),
        };

        var crossover = new CrossoverDistribution(1000, [new(2031, 12), new(2033, 40), new(2034, 85), new(2035, 120), new(2036, 140), new(2037, 110), new(2038, 90), new(2040, 63)], 340);

        return new ReportModel(
            new ScenarioText(name, "What happens to host exposure and the balance if US intermediate-range missiles are based in Japan and the Philippines?",
                "US ground-based Typhon and Dark Eagle batteries deploy to northern Luzon (2025) and Okinawa (2026) under today's policies otherwise.",
                start, horizon,
                [new("US stance", "Reassure: credible commitment, quiet signals (harshness 0.2)."), new("Missile deployments", "Typhon (1,600 km) at Laoag from 2025; Dark Eagle (2,776 km) at Kadena from 2026."), new("Targets", "2 % and 3.5 % of GDP.")]),
            [2, 3.5],
            Band("balance_ratio", "Balance ratio (coalition ÷ adversaries)", "ratio", start, horizon, 1.25 + ratioShift, -0.015, 0.12),
            crossover,
            allyRecords,
            new[] { "Maritime", "Air", "Long-range strike", "Missile defence", "ISR and space", "Cyber and EW", "Land" }.Select((mname, i) => new MissionEffectiveness(mname, new BandPoint(start, 0.9, 0.95, 1, 1.05, 1.1), new BandPoint(horizon, 0.85 + (0.05 * i), 0.95 + (0.05 * i), 1.05 + (0.05 * i), 1.12 + (0.05 * i), 1.25 + (0.05 * i)), "index (start = 1)")).ToList(),
            map,
            networks,
            [new("Balance ratio at horizon", "ratio", 0.98, 1.1, 1.32, "Coalition capability over adversary capability in 2040."), new("Share of runs crossing parity", "share", 0.66, 0.66, 0.66, "Runs whose ratio falls below 1 by 2040."), new("US cost incl. host-nation support", "bn USD per year", 61.5, 70.25, 82.125, "US theatre spending net of host-nation support.")],
            [new("pi_inventory_delta", 0.05, "", "1/year", "cited", "Depreciation of military capital, 5 % a year: Kugler & Arbetman (1989).", "Capital depreciation rate."), new("beta_spill", -0.4, "uniform(-0.6, -0.2)", "", "calibrated", "Fitted to SIPRI 1990–2023 panel.", "Spill-in elasticity.")],
            [new("scenario", name), new("scenario_hash", "sha256:3f1c"), new("seed", "42"), new("runs", "1000"), new("data_version", "2026.11"), new("program_version", "0.1.0")],
            [new("SIPRI Military Expenditure Database", "SIPRI Military Expenditure Database 2025, Stockholm International Peace Research Institute; https://www.sipri.org/databases/milex"), .. MapFacts.Citations]);
    }

    /// <summary>A deterministic band: median grows linearly by <paramref name="slope"/> per year; spread widens with time.</summary>
    public static BandSeries Band(string indicator, string label, string unit, int start, int horizon, double level, double slope, double spread)
    {
        var pts = new List<BandPoint>();
        for (int y = start; y <= horizon; y++)
        {
            double t = y - start, m = level + (slope * t), s = Math.Abs(m) * spread * Math.Sqrt(t / (horizon - start));
            pts.Add(new BandPoint(y, m - (1.6 * s), m - (0.7 * s), m, m + (0.7 * s), m + (1.6 * s)));
        }

        return new BandSeries(indicator, label, unit, pts);
    }
}
