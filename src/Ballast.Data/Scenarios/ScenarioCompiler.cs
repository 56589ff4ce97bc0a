using System.Collections.Immutable;
using Ballast.Core.Model;
using Sc = Ballast.Core.Scenarios;

namespace Ballast.Data.Scenarios;

/// <summary>A compiled scenario: the model inputs and notes on every gap the compiler filled or skipped.</summary>
/// <param name="Inputs">The simulation's inputs.</param>
/// <param name="Notes">What the compiler had to decide (actors dropped for lack of data, fallbacks), one sentence each.</param>
public sealed record CompiledScenario(ModelInputs Inputs, IReadOnlyList<string> Notes);

/// <summary>
/// Turns a <see cref="Sc.Scenario"/> plus the panel, the world facts and the parameter registry into
/// <see cref="ModelInputs"/>: the initial state from the panel for the start year (or the last year with complete data
/// before it), capital-to-capital distances, trade dependence, posture, host-nation support, treaty ties, the link
/// matrix per the architecture, and every schedule per year.
/// </summary>
public static class ScenarioCompiler
{
    /// <summary>Years of GDP history used for trend growth (compound annual growth over this window).</summary>
    public const int GrowthWindowYears = 10;

    /// <summary>Earliest start year of a run (the long series and the US troop data begin in 1950).</summary>
    public const int FirstStartYear = HistoricalYear.FirstStartYear;

    /// <summary>Compiles against the embedded data.</summary>
    public static CompiledScenario Compile(Sc.Scenario scenario) =>
        Compile(scenario, PanelBuilder.Default, WorldFactsLoader.LoadEmbedded(), ParameterRegistryLoader.Default, CountryData.ActorSets, CountryData.Groups);

    /// <summary>Compiles a scenario against the given data.</summary>
    public static CompiledScenario Compile(
        Sc.Scenario scenario,
        CountryPanel panel,
        WorldFacts facts,
        ParameterSet registry,
        IReadOnlyDictionary<string, ActorSet> actorSets,
        GroupCatalog groups)
    {
        var notes = new List<string>();
        var s = scenario;
        var b = new ModelInputsBuilder(s.StartYear, s.HorizonYear, s.Name);

        // ---- actors and initial state ----
        var actors = s.Actors.Preset is { } preset
            ? actorSets.TryGetValue(preset == Sc.ActorPreset.IndoPacific ? "indo-pacific" : "euro-atlantic", out var set)
                ? set.Actors.Select(a => (a.Iso3, a.Role)).ToList()
                : throw new BallastInputException($"actor set '{preset}' is not in the actor-set data", s.SourceFile, field: "actors")
            : s.Actors.Countries.Select(a => (a.Iso3, a.Role)).ToList();

        var growthOverride = s.Growth.ToDictionary(g => g.Iso3, g => g.Percent / 100, StringComparer.Ordinal);
        var specs = new List<ActorSpec>();

        // Before SIPRI's constant dollars (2001) the initial state comes from the long spliced series and the facts of
        // the start year; from 2001 on the inputs are built exactly as before (results stay identical).
        var history = s.StartYear < LongSeries.SipriFirstYear ? HistoricalYear.For(s, panel, groups, notes) : null;
        if (history is not null)
        {
            actors = history.Members(actors, notes);
        }
        else
        {
            CurrentDataNotes(s, actors.Select(a => a.Iso3), facts, notes);
        }

        foreach (var (iso3, role) in actors)
        {
            var year = history is null ? panel.LastCompleteYear(iso3, s.StartYear, Series.MilexConstantUsd, Series.MilexShare) : null;
            double milex, share;
            if (history is not null)
            {
                if (history.InitialState(iso3, role, notes) is not { } point)
                {
                    continue;
                }

                milex = point.Spending;
                share = point.Share;
            }
            else if (year is null)
            {
                if (role is CountryRole.Patron)
                {
                    throw new BallastInputException($"the patron {iso3} has no military expenditure data up to {s.StartYear}", s.SourceFile, field: "actors", value: iso3);
                }

                // SIPRI publishes nothing for some countries (North Korea): a cited estimate from data/milex_estimates.csv.
                if (ForceFactsLoader.Estimate(ForceFactsLoader.Estimates, iso3, s.StartYear) is not { } est)
                {
                    notes.Add($"{iso3} left out: no year up to {s.StartYear} has both constant-dollar military expenditure and its share of GDP, and data/milex_estimates.csv has no estimate.");
                    continue;
                }

                notes.Add($"{iso3}: no SIPRI data; initial state from the {est.Year} estimate in data/milex_estimates.csv ({est.MilexUsd / 1e9:0.0} bn constant 2023 US$, {est.Share:P0} of GDP).");
                milex = est.MilexUsd;
                share = est.Share;
            }
            else
            {
                if (year < s.StartYear)
                {
                    notes.Add($"{iso3}: initial state from {year}, the last year up to {s.StartYear} with complete data.");
                }

                milex = panel.Value(iso3, year.Value, Series.MilexConstantUsd)!.Value;
                share = panel.Value(iso3, year.Value, Series.MilexShare)!.Value;
            }

            var f = facts.Country(iso3);
            var mixes = ForceFactsLoader.Mixes;
            var autonomous = mixes.GetValueOrDefault((iso3, MixKind.Autonomous));
            var complementary = mixes.GetValueOrDefault((iso3, MixKind.Complementary));
            if (autonomous.IsDefault || (role is not CountryRole.Adversary && complementary.IsDefault))
            {
                notes.Add($"{iso3}: no {(autonomous.IsDefault ? "autonomous" : "complementary")} mix in data/mission_mix.csv; uniform mixes are used and its duplication index is not informative.");
            }
            specs.Add(new ActorSpec(
                iso3,
                role,
                Gdp: milex / share,
                MilitaryExpenditure: milex,
                Share: share,
                TrendGrowth: growthOverride.TryGetValue(iso3, out var g) ? g : (history is null ? TrendGrowth(panel, iso3, s.StartYear) : history.TrendGrowth(iso3)) ?? double.NaN,
                TradeDependenceAdversary: (history is null ? f?.ChinaTradeShare : history.Trade(iso3, role, notes)?.China) ?? 0,
                TradeDependenceUs: (history is null ? f?.UsTradeShare : history.Trade(iso3, role, notes)?.Us) ?? 0,
                Treaty: role is CountryRole.Patron or CountryRole.Adversary ? TreatyType.None : Treaty(f?.Treaty),
                Troops: (history is null ? f?.UsTroopsIn(s.StartYear) : history.Troops(iso3, role, f, notes)) ?? 0,
                Bases: f?.UsBases ?? 0,
                HostNationSupport: (f?.HostNationSupportIn(s.StartYear)?.AmountUsdMillions ?? 0) * 1e6,
                NuclearWarheads: (history is null ? f?.Nuclear?.Warheads : history.Warheads(iso3, notes)) ?? 0,
                ComplementaryMix: complementary.IsDefault ? (autonomous.IsDefault ? null : autonomous) : complementary,
                AutonomousMix: autonomous.IsDefault ? null : autonomous,
                InitialGrowth: growthOverride.ContainsKey(iso3) ? (history is null ? TrendGrowth(panel, iso3, s.StartYear) : history.TrendGrowth(iso3)) ?? double.NaN : double.NaN));
            if (history is null && role is not CountryRole.Patron && f?.ChinaTradeShare is null && iso3 != "CHN")
            {
                notes.Add($"{iso3}: no IMF trade shares; trade dependence set to 0.");
            }
        }

        // Actors without GDP history (Taiwan is not in WDI) get the mean trend of the others.
        var known = specs.Where(a => !double.IsNaN(a.TrendGrowth)).Select(a => a.TrendGrowth).ToList();
        var meanGrowth = known.Count > 0 ? known.Average() : 0;
        foreach (var a in specs.Where(a => double.IsNaN(a.TrendGrowth)).ToList())
        {
            notes.Add($"{a.Code}: no constant-dollar GDP series; trend growth set to the mean of the other actors ({meanGrowth:P2}).");
            specs[specs.IndexOf(a)] = a with { TrendGrowth = meanGrowth };
        }

        foreach (var a in specs)
        {
            b.AddActor(a);
        }

        var index = specs.Select((a, i) => (a.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var patron = specs.FindIndex(a => a.Role == CountryRole.Patron);

        // ---- distances between capitals ----
        for (var i = 0; i < specs.Count; i++)
        {
            for (var j = i + 1; j < specs.Count; j++)
            {
                var d = facts.CapitalDistanceKm(specs[i].Code, specs[j].Code)
                    ?? throw new BallastInputException($"no capital coordinates for {(facts.Country(specs[i].Code)?.CapitalLocation is null ? specs[i].Code : specs[j].Code)}", "data/capitals.csv");
                b.SetDistance(i, j, d);
            }
        }

        // ---- stance paths ----
        foreach (var path in s.Us.StancePaths)
        {
            var years = Enumerable.Range(0, s.Years + 1).Select(t => Stance(path.PhaseIn(s.StartYear + t)));
            b.StancePaths.Add(new StancePath(path.Name, path.Probability, [.. years]));
        }

        foreach (var a in s.Us.AllyStances)
        {
            if (index.TryGetValue(a.Ally, out var ally))
            {
                b.SetAllyStance(a.Phase.FromYear, ally, Stance(a.Phase));
            }
            else
            {
                notes.Add($"ally stance: {a.Ally} is not an actor of this scenario (left out for lack of data); ignored.");
            }
        }

        if (s.Us.TheatreShare is { } theatre)
        {
            b.SetTheatreShare(s.StartYear, theatre);
        }

        // ---- posture, host-nation support, cost-sharing ----
        int? Actor(string iso3, string what)
        {
            if (index.TryGetValue(iso3, out var i))
            {
                return i;
            }

            notes.Add($"{what}: {iso3} is not an actor of this scenario; ignored.");
            return null;
        }

        foreach (var p in s.Us.Posture)
        {
            if (Actor(p.Host, "posture") is int h)
            {
                b.SetPosture(p.Year, h, p.Troops, p.Bases);
            }
        }

        foreach (var a in specs)
        {
            foreach (var hns in facts.Country(a.Code)?.HostNationSupport.Where(x => x.Year > s.StartYear) ?? [])
            {
                b.SetPosture(hns.Year, index[a.Code], hostNationSupport: hns.AmountUsdMillions * 1e6);
            }
        }

        foreach (var c in s.Us.CostSharing)
        {
            if (Actor(c.Host, "cost-sharing") is int h)
            {
                b.AddCostSharing(c.FromYear, h);
                b.SetPosture(c.FromYear, h, hostNationSupport: c.AmountUsdMillions * 1e6);
            }
        }

        // ---- links: explicit links and groupings, catalogue groupings when networked, rifts and new ties ----
        var pairs = new Dictionary<(int, int), List<(int From, int? Until, double Strength, string Label)>>();
        void AddPair(int i, int j, int from, int? until, double strength, string label)
        {
            if (i == patron || j == patron || i == j || specs[i].Role is CountryRole.Adversary || specs[j].Role is CountryRole.Adversary)
            {
                return; // ℓ is ally-to-ally; US ties act through credibility, adversaries' ties are not coalition links
            }

            var key = i < j ? (i, j) : (j, i);
            if (!pairs.TryGetValue(key, out var list))
            {
                list = [];
                pairs[key] = list;
            }

            list.Add((from, until, strength, label));
        }

        foreach (var l in s.Links)
        {
            var members = l.Members.Where(index.ContainsKey).Select(m => index[m]).ToList();
            var missing = l.Members.Where(m => !index.ContainsKey(m)).ToList();
            if (missing.Count > 0)
            {
                notes.Add($"link {l.Name ?? string.Join("-", l.Members)}: {string.Join(", ", missing)} not an actor; pairs among the others kept.");
            }

            foreach (var (i, j) in Pairs(members))
            {
                AddPair(i, j, l.FromYear, l.UntilYear, l.Strength, l.Name ?? $"{specs[i].Code}-{specs[j].Code}");
            }
        }

        if (s.Architecture == Sc.Architecture.Networked)
        {
            var strength = ParameterValue(registry, s, "network_link_strength");
            foreach (var grp in groups.All.Where(g => g.Name is not ("indo-pacific" or "treaty-allies" or "group")))
            {
                var ms = grp.Memberships.Where(x => index.ContainsKey(x.Iso3)).ToList();
                for (var a = 0; a < ms.Count; a++)
                {
                    for (var c = a + 1; c < ms.Count; c++)
                    {
                        var from = Math.Max(ms[a].FromYear, ms[c].FromYear);
                        int? until = ms[a].UntilYear is null ? ms[c].UntilYear : ms[c].UntilYear is null ? ms[a].UntilYear : Math.Min(ms[a].UntilYear!.Value, ms[c].UntilYear!.Value);
                        if (until is null || until >= from)
                        {
                            AddPair(index[ms[a].Iso3], index[ms[c].Iso3], from, until, strength, grp.Name);
                        }
                    }
                }
            }
        }

        var tieChanges = s.TieChanges
            .Select(t => (Tie: t, I: Actor(t.A, "tie change"), J: Actor(t.B, "tie change")))
            .Where(x => x.I is not null && x.J is not null)
            .Select(x => (x.Tie, Key: x.I < x.J ? (x.I!.Value, x.J!.Value) : (x.J!.Value, x.I!.Value)))
            .ToList();
        foreach (var (_, key) in tieChanges)
        {
            if (!pairs.ContainsKey(key))
            {
                pairs[key] = [];
            }
        }

        foreach (var (key, list) in pairs.OrderBy(p => p.Key))
        {
            double? previous = null;
            for (var year = s.StartYear; year <= s.HorizonYear; year++)
            {
                var active = list.Where(x => x.From <= year && (x.Until is null || year <= x.Until)).ToList();
                var ties = tieChanges.Where(x => x.Key == key && x.Tie.Year <= year).ToList();
                var value = Math.Clamp((active.Count == 0 ? 0 : active.Max(x => x.Strength)) + ties.Sum(x => x.Tie.Change), 0, 1);
                if (year == s.StartYear)
                {
                    b.SetLink(key.Item1, key.Item2, value);
                }
                else if (value != previous)
                {
                    var tie = ties.LastOrDefault(x => x.Tie.Year == year);
                    var kind = tie.Tie is null ? LinkChangeKind.Grouping : tie.Tie.Change < 0 ? LinkChangeKind.Rift : LinkChangeKind.NewTie;
                    var label = tie.Tie is null
                        ? string.Join("+", active.Select(x => x.Label).Distinct()) is { Length: > 0 } l ? l : "ended"
                        : $"{specs[key.Item1].Code}-{specs[key.Item2].Code} {(tie.Tie.Change < 0 ? "rift" : "new tie")} {year}";
                    b.LinkChanges.Add(new LinkChange(year, key.Item1, key.Item2, value, kind, label));
                }

                previous = value;
            }
        }

        // ---- dialogue channels: the strongest open channel each year, else the registry default ----
        var dialogueDefault = registry.Value("dialogue_default");
        for (var year = s.StartYear; year <= s.HorizonYear; year++)
        {
            var open = s.Dialogues.Where(d => d.FromYear <= year && (d.UntilYear is null || year <= d.UntilYear)).ToList();
            b.SetDialogue(year, open.Count == 0 ? dialogueDefault : open.Max(d => d.Strength));
        }

        // ---- missiles ----
        foreach (var m in s.Missiles)
        {
            if (!index.TryGetValue(m.Owner, out var owner))
            {
                notes.Add($"missile {m.System ?? $"{m.RangeKm} km"}: owner {m.Owner} is not an actor; ignored.");
                continue;
            }

            var host = index.TryGetValue(m.Host, out var h) ? h : owner == patron && m.Host == "GUM" ? patron : -1;
            if (host < 0)
            {
                notes.Add($"missile {m.System ?? $"{m.RangeKm} km"}: host {m.Host} is not an actor; ignored.");
                continue;
            }

            b.MissileDeployments.Add(new MissileDeployment(m.System ?? $"{m.RangeKm:0} km", m.RangeKm, host, owner, m.Year));
        }

        // ---- programmes ----
        var phiGain = ParameterValue(registry, s, "programme_phi_gain");
        var interopGain = ParameterValue(registry, s, "programme_interop_gain");

        foreach (var p in s.Programmes)
        {
            var members = p.Members.Where(index.ContainsKey).Select(m => index[m]).ToImmutableArray();
            if (members.Length > 0)
            {
                b.Programmes.Add(new CoDevelopmentProgramme(p.Name, members, p.Mission, phiGain, interopGain, p.Year));
            }
        }

        // ---- crises and shocks ----
        foreach (var c in s.Crises)
        {
            b.Crises.Add(new CrisisEvent(c.Year, c.Kind, c.Intensity));
        }

        foreach (var sh in s.Shocks)
        {
            var hit = sh.Region switch
            {
                null => sh.Countries.Where(index.ContainsKey).Select(c => index[c]),
                "all" => Enumerable.Range(0, specs.Count),
                "patron" => [patron],
                "allies" => Enumerable.Range(0, specs.Count).Where(i => specs[i].Role is CountryRole.TreatyAlly or CountryRole.Partner),
                "partners" => Enumerable.Range(0, specs.Count).Where(i => specs[i].Role is CountryRole.Partner),
                _ => Enumerable.Range(0, specs.Count).Where(i => specs[i].Role is CountryRole.Adversary),
            };
            b.Shocks.Add(new EconomicShock(sh.Year, [.. hit], sh.GdpChangePercent / 100));
        }

        foreach (var sh in s.SpendingShocks)
        {
            if (Actor(sh.Country, "spending shock") is int i)
            {
                b.ShockSpending(sh.Year, i, sh.ChangePercent / 100);
            }
        }

        // ---- targets and parameters ----
        b.TargetShares.Clear();
        b.TargetShares.AddRange(s.TargetsPercent.Select(x => x / 100));
        foreach (var (k, v) in s.Parameters.Overrides)
        {
            b.Overrides[k] = v;
        }

        b.Uncertain.AddRange(s.Parameters.Uncertain);
        return new CompiledScenario(b.Build(registry), notes);
    }

    /// <summary>Notes the data years of a run from 2001 on that are not its start year (trade shares, warhead stockpiles); the values stay as they were.</summary>
    private static void CurrentDataNotes(Sc.Scenario s, IEnumerable<string> actors, WorldFacts facts, List<string> notes)
    {
        var codes = actors.ToList();
        foreach (var (what, years) in new[]
        {
            ("trade shares (IMF DOTS)", codes.Select(c => facts.Country(c)?.TradeYear)),
            ("warhead stockpiles (FAS)", codes.Select(c => facts.Country(c)?.Nuclear?.WarheadsYear)),
        })
        {
            var other = years.OfType<int>().Where(y => y != s.StartYear).Distinct().Order().ToList();
            if (other.Count > 0)
            {
                notes.Add($"{what} from {string.Join(", ", other)}, the latest year in the data{(other.Any(y => y > s.StartYear) ? ", after the start year" : string.Empty)}, not {s.StartYear}.");
            }
        }
    }

    /// <summary>Compound annual growth of constant-dollar GDP over the <see cref="GrowthWindowYears"/> years ending at the last year ≤ <paramref name="year"/> with data.</summary>
    internal static double? TrendGrowth(CountryPanel panel, string iso3, int year)
    {
        var end = panel.LastCompleteYear(iso3, year, Series.GdpConstantUsd);
        if (end is null)
        {
            return null;
        }

        var startYear = panel.LastCompleteYear(iso3, end.Value - GrowthWindowYears, Series.GdpConstantUsd);
        if (startYear is null || startYear == end)
        {
            return null;
        }

        var y1 = panel.Value(iso3, end.Value, Series.GdpConstantUsd)!.Value;
        var y0 = panel.Value(iso3, startYear.Value, Series.GdpConstantUsd)!.Value;
        return Math.Pow(y1 / y0, 1.0 / (end.Value - startYear.Value)) - 1;
    }

    /// <summary>A registry value the compiler uses, with the scenario's override if it sets one (uncertain draws act only inside the model).</summary>
    private static double ParameterValue(ParameterSet registry, Sc.Scenario s, string name) =>
        s.Parameters.Overrides.TryGetValue(name, out var v) ? v : registry.Value(name);

    /// <summary>A stance phase as the model reads it: the target as a fraction of GDP, 0 for no target or deadline.</summary>
    private static StanceYear Stance(Sc.StancePhase p) => new(p.Kind, (p.TargetPercent ?? 0) / 100, p.DeadlineYear ?? 0, p.Harshness);

    private static TreatyType Treaty(TreatyEntry? t) => t switch
    {
        null => TreatyType.None,
        { Type: TreatyCommitment.MutualDefence, Multilateral: true } => TreatyType.CollectiveDefence,
        { Type: TreatyCommitment.MutualDefence } => TreatyType.BilateralTreaty,
        _ => TreatyType.Partnership,
    };

    private static IEnumerable<(int, int)> Pairs(IReadOnlyList<int> members)
    {
        for (var a = 0; a < members.Count; a++)
        {
            for (var c = a + 1; c < members.Count; c++)
            {
                yield return (members[a], members[c]);
            }
        }
    }
}
