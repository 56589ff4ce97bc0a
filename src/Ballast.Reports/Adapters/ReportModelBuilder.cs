using Ballast.Core.Analytics;
using Ballast.Core.Model;
using Ballast.Core.Network;
using Ballast.Runs.Countries;
using Ballast.Data.Facts;
using Ballast.Data.Panel;
using Ballast.Engine.Ensembles;
using Ballast.Engine.Model;
using Ballast.Reports.Maps;
using Ballast.Runs.Kpis;
using Sc = Ballast.Core.Scenarios;

namespace Ballast.Reports.Adapters;

/// <summary>
/// Turns an ensemble's results (engine types) plus the scenario and its compiled inputs into a <see cref="ReportModel"/>.
/// Pure translation: names, units (US$ → bn US$, fractions → %), and layout; no model logic.
/// </summary>
public static class ReportModelBuilder
{
    private static readonly (CoalitionIndicator Indicator, string Label)[] MissionIndicators =
    [
        (CoalitionIndicator.EffectivenessMaritime, "Maritime"),
        (CoalitionIndicator.EffectivenessAir, "Air"),
        (CoalitionIndicator.EffectivenessLongRangeStrike, "Long-range strike"),
        (CoalitionIndicator.EffectivenessMissileDefence, "Missile defence"),
        (CoalitionIndicator.EffectivenessIsrSpace, "ISR and space"),
        (CoalitionIndicator.EffectivenessCyberEw, "Cyber and EW"),
        (CoalitionIndicator.EffectivenessLand, "Land"),
    ];

    /// <summary>Builds the report model of one ensemble.</summary>
    /// <param name="scenario">The scenario as loaded (question, levers, missiles with sites).</param>
    /// <param name="inputs">The compiled model inputs the ensemble ran on.</param>
    /// <param name="result">The ensemble result.</param>
    /// <param name="manifest">The run manifest as entries (see <see cref="ManifestEntries(string)"/> for manifest.json).</param>
    /// <param name="facts">World facts (missile catalogue, sites, capitals); the embedded facts when null.</param>
    /// <param name="baseline">Paired differences from the baseline (this scenario minus the baseline), when the caller ran it.</param>
    public static ReportModel Build(Sc.Scenario scenario, ModelInputs inputs, EnsembleResult result, IReadOnlyList<ManifestEntry> manifest, WorldFacts? facts = null, IReadOnlyList<KpiDifference>? baseline = null)
    {
        facts ??= WorldFactsLoader.LoadEmbedded();
        var years = result.Years;
        int first = years[0], last = years[^1];
        var names = inputs.Codes.Select(CountrySelection.Name).ToArray();

        BandSeries Band(string indicator, string label, string unit, double scale = 1) =>
            new(indicator, label, unit, years.Select(y =>
            {
                var r = result.Get(indicator, y);
                return new BandPoint(y, r.P5 * scale, r.P25 * scale, r.P50 * scale, r.P75 * scale, r.P95 * scale);
            }).ToList());

        string A(ActorIndicator k, string code) => $"{ParameterName(k.ToString())}.{code}";
        string C(CoalitionIndicator k) => ParameterName(k.ToString());

        var allyIndex = Enumerable.Range(0, inputs.ActorCount).Where(inputs.IsAlly)
            .OrderByDescending(i => inputs.MilitaryExpenditure[i]).ThenBy(i => inputs.Codes[i], StringComparer.Ordinal).ToList();
        var allies = allyIndex.Select(i =>
        {
            string code = inputs.Codes[i];
            return new AllyIndicators(code, names[i],
            [
                Band(A(ActorIndicator.Spending, code), "Military spending", "bn US$ 2023", 1e-9) with { Indicator = Indicators.Spending },
                Band(A(ActorIndicator.Share, code), "Share of GDP", "% of GDP", 100) with { Indicator = Indicators.Share },
                Band(A(ActorIndicator.Credibility, code), "Credibility of US commitment", "0–1") with { Indicator = Indicators.Credibility },
                Band(A(ActorIndicator.Alignment, code), "Alignment with the US", "0–1") with { Indicator = Indicators.Alignment },
                Band(A(ActorIndicator.Duplication, code), "Duplication index", "0–1") with { Indicator = Indicators.Duplication },
                Band(A(ActorIndicator.Hedging, code), "Nuclear hedging", "0–1") with { Indicator = Indicators.NuclearHedging },
            ]);
        }).ToList();

        var k = result.Kpis;
        long crossed = k.CrossoverYearCounts.Values.Sum();
        var crossover = new CrossoverDistribution(
            checked((int)k.Runs),
            k.CrossoverYearCounts.Select(kv => new YearCount(kv.Key, checked((int)kv.Value))).ToList(),
            checked((int)(k.Runs - crossed)));

        var missions = MissionIndicators.Select(m =>
        {
            var s = result.Get(C(m.Indicator), first);
            var h = result.Get(C(m.Indicator), last);
            return new MissionEffectiveness(m.Label, new BandPoint(first, s.P5, s.P25, s.P50, s.P75, s.P95), new BandPoint(last, h.P5, h.P25, h.P50, h.P75, h.P95), "index");
        }).ToList();

        var alignment = allyIndex.ToDictionary(i => inputs.Codes[i], i => result.Get(A(ActorIndicator.Alignment, inputs.Codes[i]), last).P50);
        var map = Map(scenario, inputs, facts, alignment);

        var citations = new List<Citation>
        {
            new("Military spending and GDP", PanelBuilder.Citation),
            new("Alliance ties", "Leeds, Brett Ashley et al. Alliance Treaty Obligations and Provisions (ATOP) v5.1; treaty and grouping dates as cited in data/groupings.csv and data/treaty_types.csv."),
            new("Parameter registry", "data/parameters.csv: every parameter's source is listed in the assumption registry above."),
        };
        citations.AddRange(MapFacts.Citations);
        citations.AddRange(map.Rings.Select(r => facts.Missiles.FirstOrDefault(m => m.Name == r.System)).Where(m => m is not null).DistinctBy(m => m!.Id).Select(m => new Citation($"Missile system: {m!.Name}", m.Source)));
        citations.AddRange(scenario.Missiles.Where(m => m.Site is not null).Select(m => facts.Site(m.Site!)).Where(s => s is not null).DistinctBy(s => s!.Id).Select(s => new Citation($"Deployment site: {s!.Name}", s.Source)));

        var kpis = Kpis(result);
        return new ReportModel(
            new ScenarioText(scenario.Name, scenario.Question, scenario.Description.Trim(), scenario.StartYear, scenario.HorizonYear, Levers(scenario)),
            scenario.TargetsPercent,
            Band(C(CoalitionIndicator.Balance), "Balance ratio (coalition ÷ adversaries)", "ratio"),
            crossover,
            allies,
            missions,
            map,
            [Network(inputs, scenario, result, first, $"Start ({first})"), Network(inputs, scenario, result, last, $"Horizon ({last})")],
            kpis,
            Parameters(inputs),
            manifest,
            citations,
            ShareHistory(allies, scenario.StartYear),
            KeyFindings(result, allies, baseline),
            baseline);
    }

    /// <summary>Years of observed data drawn before the start year on the burden chart.</summary>
    public const int HistoryYears = 10;

    // The observed shares of GDP of the years before the start, from the same panel the initial state is compiled from.
    private static List<YearSeries> ShareHistory(IReadOnlyList<AllyIndicators> allies, int startYear)
    {
        var panel = PanelBuilder.Default;
        return allies.Select(a => new YearSeries(
            a.Iso3,
            a.Name,
            "% of GDP",
            Enumerable.Range(startYear - HistoryYears, HistoryYears)
                .Select(y => (Year: y, Share: BurdenAnalysis.Share(panel, a.Iso3, y)?.Value))
                .Where(t => t.Share is double)
                .Select(t => new YearValue(t.Year, t.Share!.Value * 100))
                .ToList(),
            PanelBuilder.Citation)).ToList();
    }

    /// <summary>
    /// The key findings: fixed sentences filled with numbers from the results (balance at the horizon, crossing, allies meeting each
    /// target in at least half the runs, the US net cost, and the paired difference from the baseline when there is one).
    /// </summary>
    internal static List<string> KeyFindings(EnsembleResult result, IReadOnlyList<AllyIndicators> allies, IReadOnlyList<KpiDifference>? baseline)
    {
        var k = result.Kpis;
        int horizon = result.Years[^1];
        var b = k.FinalBalance;
        var findings = new List<string>
        {
            $"In {horizon} the balance ratio (coalition ÷ adversaries; 1 = parity) has a median of {Format.Number(b.P50)}; 90 % of the {Format.Integer(k.Runs)} runs lie between {Format.Number(b.P5)} and {Format.Number(b.P95)}.",
            k.ShareNeverCrossing >= 1
                ? $"No run falls below parity by {horizon}."
                : $"{Format.Percent(1 - k.ShareNeverCrossing)} of runs fall below parity by {horizon}" + (k.CrossoverYearMedian is int y ? $"; among them the median crossover year is {y}." : "."),
        };
        var names = allies.ToDictionary(a => a.Iso3, a => a.Name, StringComparer.Ordinal);
        for (int t = 0; t < k.Targets.Length; t++)
        {
            var meeting = k.Allies.Where(a => t < a.ProbabilityTargetMet.Length && a.ProbabilityTargetMet[t] >= 0.5).Select(a => names.GetValueOrDefault(a.Code, a.Code)).ToList();
            string target = KpiCatalogue.Percent(k.Targets[t]);
            findings.Add(meeting.Count == 0
                ? $"None of the {k.Allies.Length} allies reaches {target} % of GDP by {horizon} in half of the runs or more."
                : $"{meeting.Count} of {k.Allies.Length} allies reach {target} % of GDP by {horizon} in half of the runs or more: {string.Join(", ", meeting)}.");
        }

        var usd = KpiCatalogue.UsCostNet;
        // The KPI table's rule: a cost the shocks do not move (the US posture is scheduled, not drawn) is one number, not a band from a value to itself.
        var cost = new KpiRow(usd.Label, usd.Unit, usd.Apply(k.UsCostNet.P5), usd.Apply(k.UsCostNet.P50), usd.Apply(k.UsCostNet.P95), string.Empty);
        findings.Add(cost.HasSpread
            ? $"The US net cost in the theatre in {horizon} has a median of {cost.Shown} {usd.Unit} (90 % of runs: {cost.Value(cost.P5)} to {cost.Value(cost.P95)})."
            : $"The US net cost in the theatre in {horizon} is {cost.Shown} {usd.Unit} in every run.");
        if (baseline?.FirstOrDefault(d => d.Kpi == KpiCatalogue.Balance.Label) is { } db)
        {
            string realigned = baseline.FirstOrDefault(d => d.Kpi == KpiCatalogue.AlliesRealigned.Label) is { } dr
                ? $", and the number of allies realigned by {ComparisonReportWriter.Signed(dr.P50)} ({ComparisonReportWriter.Signed(dr.P5)} to {ComparisonReportWriter.Signed(dr.P95)})"
                : string.Empty;
            findings.Add($"Against the {db.Reference} scenario with the same runs and seed, the balance ratio in {horizon} differs by {ComparisonReportWriter.Signed(db.P50)} (90 % of paired runs: {ComparisonReportWriter.Signed(db.P5)} to {ComparisonReportWriter.Signed(db.P95)}){realigned}.");
        }

        return findings;
    }

    /// <summary>Flattens a manifest JSON document into entries (nested objects as dotted keys; the parameter snapshot is left out: the registry table shows it).</summary>
    public static IReadOnlyList<ManifestEntry> ManifestEntries(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var entries = new List<ManifestEntry>();
        void Walk(JsonElement e, string prefix)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name.Contains("parameter", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                    {
                        entries.Add(new ManifestEntry(prefix + p.Name, $"{(p.Value.ValueKind == JsonValueKind.Array ? p.Value.GetArrayLength() : p.Value.EnumerateObject().Count())} entries (see the assumption registry)"));
                        continue;
                    }

                    Walk(p.Value, prefix + p.Name + ".");
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                entries.Add(new ManifestEntry(prefix.TrimEnd('.'), string.Join(", ", e.EnumerateArray().Select(x => x.ToString()))));
            }
            else
            {
                entries.Add(new ManifestEntry(prefix.TrimEnd('.'), e.ToString()));
            }
        }

        Walk(doc.RootElement, string.Empty);
        return entries;
    }

    private static MapLayers Map(Sc.Scenario scenario, ModelInputs inputs, WorldFacts facts, IReadOnlyDictionary<string, double> alignment)
    {
        var view = MapView.IndoPacific;
        var actorSet = new ActorSet(scenario.Name, scenario.Description, inputs.Codes.Select((c, i) => new Actor(c, inputs.Roles[i], "scenario")).ToList());
        // Capitals tested for exposure to adversary missiles: the coalition's and third parties', not the adversaries' own.
        var capitals = MapFacts.Capitals(inputs.Codes.Where((c, i) => inputs.Roles[i] is not (CountryRole.Patron or CountryRole.Adversary)));
        var capitalOf = MapFacts.Capitals(inputs.Codes.Concat(scenario.Missiles.Select(m => m.Host))).ToDictionary(c => c.Iso3);

        int t = inputs.Steps;
        var troops = new List<MapTroops>();
        for (int i = 0; i < inputs.ActorCount; i++)
        {
            double n = inputs.Troops[(t * inputs.ActorCount) + i];
            // Forward posture only: troops at home are not on the map (and would swamp the circle scale).
            if (n > 0 && i != inputs.PatronIndex && capitalOf.TryGetValue(inputs.Codes[i], out var cap))
            {
                troops.Add(new MapTroops(inputs.Codes[i], inputs.HorizonYear, (int)Math.Round(n), cap.Lat, cap.Lon));
            }
        }

        var adversaries = inputs.Codes.Where((c, i) => inputs.Roles[i] == CountryRole.Adversary).ToHashSet(StringComparer.Ordinal);
        var rings = new List<RangeRing>();
        foreach (var m in scenario.Missiles)
        {
            var system = m.System is null ? null : facts.Missile(m.System);
            var site = m.Site is null ? null : facts.Site(m.Site);
            (double lat, double lon, string where) = site is not null
                ? (site.Location.Lat, site.Location.Lon, site.Name)
                : capitalOf.TryGetValue(m.Host, out var cap) ? (cap.Lat, cap.Lon, $"{cap.Name} (capital; no site given)") : (double.NaN, double.NaN, string.Empty);
            if (!double.IsNaN(lat))
            {
                rings.Add(new RangeRing(system?.Name ?? m.System ?? $"{Format.Integer((long)m.RangeKm)} km missile", m.Owner, m.Host, where, lat, lon, m.RangeKm, adversaries.Contains(m.Owner), m.Year));
            }
        }

        // The adversaries' theatre systems from the catalogue (500–5,500 km; intercontinental systems reach every capital on the
        // map, so their rings would say nothing), drawn from the owner's capital: launch areas are not public.
        foreach (var sys in facts.Missiles.Where(s => adversaries.Contains(s.Owner) && s.IsIntermediateRange).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            if (capitalOf.TryGetValue(sys.Owner, out var cap) && !rings.Any(r => r.System == sys.Name))
            {
                rings.Add(new RangeRing(sys.Name, sys.Owner, sys.Owner, $"{cap.Name} (capital, notional launch area)", cap.Lat, cap.Lon, sys.RangeKm, true, null));
            }
        }

        return new MapLayers(MapFacts.Countries(actorSet, alignment), MapFacts.Bases(view, inputs.StartYear), troops, rings, capitals, view);
    }

    private static NetworkSnapshot Network(ModelInputs inputs, Sc.Scenario scenario, EnsembleResult result, int year, string label)
    {
        int n = inputs.ActorCount, patron = inputs.PatronIndex;
        var nodes = new List<NetworkNode>();
        for (int i = 0; i < n; i++)
        {
            string code = inputs.Codes[i];
            double spending = result.Get($"{ParameterName(nameof(ActorIndicator.Spending))}.{code}", year).P50 * 1e-9;
            nodes.Add(new NetworkNode(code, CountrySelection.Name(code), inputs.Roles[i], spending));
        }

        var edges = new List<NetworkEdge>();
        var ties = new List<AllianceTie>();
        if (patron >= 0)
        {
            // Spokes: the treaty (or partnership) with the US, as strong as the ally's median belief in the commitment that year.
            for (int i = 0; i < n; i++)
            {
                if (!inputs.IsAlly(i) || inputs.Treaty[i] == TreatyType.None)
                {
                    continue;
                }

                var kind = inputs.Treaty[i] == TreatyType.Partnership ? TieKind.Partnership : TieKind.DefensePact;
                double credibility = result.Get($"{ParameterName(nameof(ActorIndicator.Credibility))}.{inputs.Codes[i]}", year).P50;
                edges.Add(new NetworkEdge(inputs.Codes[patron], inputs.Codes[i], TieKinds.Name(kind), Math.Clamp(credibility, 0, 1)));
                ties.Add(new AllianceTie(inputs.Codes[patron], inputs.Codes[i], kind, "scenario", credibility));
            }
        }

        // Ally-to-ally links: the initial matrix with the scheduled changes up to the year.
        var strength = new double[n * n];
        inputs.Links.CopyTo(strength);
        foreach (var c in inputs.LinkChanges.Where(c => c.Year <= year).OrderBy(c => c.Year))
        {
            strength[(c.From * n) + c.To] = c.Strength;
            strength[(c.To * n) + c.From] = c.Strength;
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double s = Math.Max(strength[(i * n) + j], strength[(j * n) + i]);
                if (s <= 0)
                {
                    continue;
                }

                string a = inputs.Codes[i], b = inputs.Codes[j];
                bool grouping = scenario.Links.Any(l => l.Name is not null && l.Members.Count > 2 && l.ActiveIn(year) && l.Members.Contains(a) && l.Members.Contains(b))
                    || inputs.LinkChanges.Any(c => c.Kind == LinkChangeKind.Grouping && c.Year <= year && ((c.From == i && c.To == j) || (c.From == j && c.To == i)));
                var kind = grouping ? TieKind.Minilateral : TieKind.Partnership;
                edges.Add(new NetworkEdge(a, b, TieKinds.Name(kind), Math.Clamp(s, 0, 1)));
                ties.Add(new AllianceTie(a, b, kind, "scenario", s));
            }
        }

        var adversaries = inputs.Codes.Where((c, i) => inputs.Roles[i] == CountryRole.Adversary).ToList();
        var summary = NetworkMetrics.Summarise(new AllianceNetwork(year, inputs.Codes, ties), patron >= 0 ? inputs.Codes[patron] : NetworkMetrics.DefaultPatron, adversaries);
        // Named as the model's ties: `ballast network` counts the data's ties (ATOP pacts and groupings), a different set (see the caption).
        var metrics = new List<NamedValue> { new("model ties", summary.EdgeCount), new("ally-to-ally ties", summary.AllyToAllyTies) };
        if (summary.Density is double d)
        {
            metrics.Add(new NamedValue("density", d));
        }

        if (summary.PatronShareOfTies is double ps)
        {
            metrics.Add(new NamedValue("US share of model ties", ps));
        }

        if (summary.DegreeCentralisation is double dc)
        {
            metrics.Add(new NamedValue("degree centralisation", dc));
        }

        return new NetworkSnapshot(label, year, nodes, edges, metrics);
    }

    // The catalogue's per-ally KPIs that are an indicator's median at the horizon: their spread is that indicator's percentiles.
    private static readonly Dictionary<string, ActorIndicator> AllyIndicatorKpis = new(StringComparer.Ordinal)
    {
        [KpiCatalogue.Share.Id] = ActorIndicator.Share,
        [KpiCatalogue.Credibility.Id] = ActorIndicator.Credibility,
        [KpiCatalogue.Alignment.Id] = ActorIndicator.Alignment,
        [KpiCatalogue.Duplication.Id] = ActorIndicator.Duplication,
        [KpiCatalogue.Hedging.Id] = ActorIndicator.Hedging,
    };

    /// <summary>
    /// Every KPI of the catalogue, as the CLI and the web app show them. The catalogue gives an ally indicator's median only;
    /// its 5th and 95th percentiles are the indicator's at the horizon (the same distribution the median comes from). Shares
    /// of runs and median years are one number each and stay so; a median year is shown with the share of runs it rests on.
    /// </summary>
    internal static List<KpiRow> Kpis(EnsembleResult result)
    {
        var k = result.Kpis;
        int last = result.Years[^1];
        var rows = new List<KpiRow>();
        foreach (var r in KpiCatalogue.All(k))
        {
            double? p5 = r.Value.P5, p95 = r.Value.P95;
            if (p5 is null && r.Country is string code && AllyIndicatorKpis.TryGetValue(r.Kpi.Id, out var indicator))
            {
                var band = result.Get($"{ParameterName(indicator.ToString())}.{code}", last);
                (p5, p95) = (r.Kpi.Apply(band.P5), r.Kpi.Apply(band.P95));
            }

            rows.Add(new KpiRow(r.Name, r.Kpi.Unit, p5, r.Value.P50 ?? double.NaN, p95, r.Kpi.Description, TargetYearText(k, r)));
        }

        return rows;
    }

    // A median year a target is met means little when few runs meet it: say how many do, and below half "not met in most runs".
    private static string? TargetYearText(KpiSummary k, KpiReading r)
    {
        if (r.Country is not string code || k.Allies.FirstOrDefault(a => a.Code == code) is not { } ally
            || KpiCatalogue.ShareMeetingTarget(r, ally, k.Targets) is not double p)
        {
            return null;
        }

        string year = r.Value.P50 is double y ? Format.Year(y) : string.Empty;
        return p <= 0 || year.Length == 0 ? "not met in any run"
            : p < 0.5 ? $"not met in most runs (met in {Format.Percent(p)}, median year among those {year})"
            : $"{year} (met in {Format.Percent(p)} of runs)";
    }

    private static List<ParameterRow> Parameters(ModelInputs inputs)
    {
        var uncertain = inputs.Uncertain.ToDictionary(u => u.Name, u => u.Distribution, StringComparer.Ordinal);
        return inputs.Parameters.All.Select(p =>
        {
            var dist = uncertain.TryGetValue(p.Name, out var d) ? d : p.Distribution;
            return new ParameterRow(p.Name, p.Value, dist is null ? string.Empty : Describe(dist), p.Unit, p.SourceKind.ToString().ToLowerInvariant(), p.Source, p.Description);
        }).ToList();
    }

    private static string Describe(Ballast.Core.Parameters.Distribution d) => d.Kind switch
    {
        DistributionKind.Uniform => $"uniform({Format.Number(d.A)}, {Format.Number(d.B)})",
        DistributionKind.Normal => $"normal(mean {Format.Number(d.A)}, sd {Format.Number(d.B)})",
        DistributionKind.LogNormal => $"lognormal(mu {Format.Number(d.A)}, sigma {Format.Number(d.B)})",
        DistributionKind.Triangular => $"triangular({Format.Number(d.A)}, {Format.Number(d.B)}, {Format.Number(d.C)})",
        _ => d.Kind.ToString(),
    };

    private static List<Lever> Levers(Sc.Scenario s)
    {
        var levers = new List<Lever>
        {
            new("Years", $"From the {s.StartYear} data to {s.HorizonYear}."),
            new("Spending targets", string.Join(" and ", s.TargetsPercent.Select(t => Format.Number(t) + " % of GDP")) + "."),
            new("US stance", string.Join(" Or, ", s.Us.StancePaths.Select(p =>
                (s.Us.StancePaths.Count > 1 ? $"with probability {Format.Number(p.Probability)} ({p.Name}): " : string.Empty) +
                string.Join("; ", p.Phases.Select(ph => $"from {ph.FromYear} {Stance(ph)}")) + "."))),
        };
        if (s.Us.TheatreShare is double ts)
        {
            levers.Add(new("Theatre share", $"{Format.Percent(ts)} of the US defence budget goes to the Indo-Pacific."));
        }

        levers.Add(new("Architecture", s.Architecture == Sc.Architecture.Networked ? "Networked: ally-to-ally links from treaties and groupings are switched on." : "Hub-and-spokes: allies tie to the US; ally-to-ally links only where listed."));
        Add(levers, "Links and groupings", s.Links.Select(l => $"{l.Name ?? string.Join("–", l.Members)} ({string.Join(", ", l.Members)}), strength {Format.Number(l.Strength)} from {l.FromYear}{(l.UntilYear is int u ? $" to {u}" : string.Empty)}"));
        Add(levers, "Missile deployments", s.Missiles.Select(m => $"{m.System ?? "missile"} ({Format.Integer((long)m.RangeKm)} km, {m.Owner}) in {m.Host}{(m.Site is null ? string.Empty : $" at {m.Site}")} from {m.Year}"));
        Add(levers, "Forward posture", s.Us.Posture.Select(p => $"{p.Host} from {p.Year}: {(p.Troops is int tr ? Format.Integer(tr) + " troops" : "troops as in the data")}{(p.Bases is int b ? $", {b} bases" : string.Empty)}"));
        Add(levers, "Cost sharing", s.Us.CostSharing.Select(c => $"{c.Name ?? c.Host}: {c.Host} pays {Format.Number(c.AmountUsdMillions)} m US$ a year from {c.FromYear}{(c.UntilYear is int u ? $" to {u}" : string.Empty)}"));
        Add(levers, "Co-development", s.Programmes.Select(p => $"{p.Name} ({string.Join(", ", p.Members)}; {p.Mission}) from {p.Year}"));
        Add(levers, "Crises", s.Crises.Select(c => $"{c.Kind} in {c.Year}, intensity {Format.Number(c.Intensity)}"));
        Add(levers, "Dialogue channels", s.Dialogues.Select(d => $"{string.Join("–", d.Parties)} from {d.FromYear}, strength {Format.Number(d.Strength)}"));
        Add(levers, "Rifts and new ties", s.TieChanges.Select(t => $"{t.A}–{t.B} in {t.Year}: {(t.Change < 0 ? "rift" : "new tie")} ({Format.Number(t.Change)})"));
        Add(levers, "Economic shocks", s.Shocks.Select(e => $"{e.Year}: GDP {Format.Number(e.GdpChangePercent)} % in {(e.Region ?? string.Join(", ", e.Countries))}"));
        Add(levers, "Parameter overrides", s.Parameters.Overrides.Select(o => $"{o.Key} = {Format.Number(o.Value)}"));
        Add(levers, "Uncertain parameters", s.Parameters.Uncertain.Select(u => $"{u.Name} ~ {Describe(u.Distribution)}"));
        return levers;
    }

    private static void Add(List<Lever> levers, string label, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count > 0)
        {
            levers.Add(new Lever(label, string.Join("; ", list) + "."));
        }
    }

    private static string Stance(Sc.StancePhase p) => p.Kind switch
    {
        StanceKind.Reassure => $"reassure (signal harshness {Format.Number(p.Harshness)})",
        StanceKind.Conditional => $"conditional: allies below {Format.Number(p.TargetPercent ?? double.NaN)} % of GDP by {p.DeadlineYear?.ToString(CultureInfo.InvariantCulture) ?? "?"} lose the commitment (harshness {Format.Number(p.Harshness)})",
        _ => $"disengage (harshness {Format.Number(p.Harshness)})",
    };

    private static string ParameterName(string s) => Ballast.Core.Parameters.ParameterBinding.ToRegistryName(s);
}
