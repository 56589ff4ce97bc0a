using Ballast.Core.Scenarios;
using Ballast.Data.Parameters;
using Ballast.Data.Yaml;
using YamlDotNet.RepresentationModel;
using CrisisType = Ballast.Core.Model.CrisisType;
using MissionArea = Ballast.Core.Model.MissionArea;
using StanceKind = Ballast.Core.Model.StanceKind;

namespace Ballast.Data.Scenarios;

/// <summary>
/// Reads scenario YAML files (schema in <c>docs/scenarios.md</c>) into <see cref="Scenario"/> records, walking the
/// document with the shared field readers of <see cref="YamlFields"/> (the <c>parameters:</c> section with
/// <see cref="ParameterSettingsReader"/>), so every error names file, line, column and field:
/// <c>scenarios/x.yaml:12:9: field 'us.stance[0].kind': unknown value 'abandon'; allowed: reassure, conditional, disengage</c>.
/// This class adds what only scenarios know: countries, years within the scenario's span, the missile catalogue.
/// </summary>
public sealed class ScenarioLoader
{
    /// <summary>Largest scenario file accepted, in characters.</summary>
    public const int MaxFileChars = InputLimits.YamlChars;

    private readonly ScenarioContext _context;

    /// <summary>Creates a loader that validates against the given context.</summary>
    public ScenarioLoader(ScenarioContext context) => _context = context;

    /// <summary>A loader that validates against the embedded data.</summary>
    public static ScenarioLoader Default => LazyDefault.Value;

    private static readonly Lazy<ScenarioLoader> LazyDefault = new(() => new(ScenarioContext.Default));

    /// <summary>Reads and validates a scenario file.</summary>
    public Scenario LoadFile(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new ScenarioException("file not found", path, 1, 1, null);
        }

        return Load(System.IO.File.ReadAllText(path), path);
    }

    /// <summary>Reads and validates scenario text; <paramref name="file"/> names it in messages.</summary>
    public Scenario Load(string yaml, string file) =>
        new Reader(file, _context).Scenario(YamlFields.Root(yaml, file, MaxFileChars));

    /// <summary>Walks one document.</summary>
    private sealed class Reader(string file, ScenarioContext context) : YamlFields(file)
    {
        private int _start;
        private int _horizon;

        public Scenario Scenario(YamlNode root)
        {
            var m = Map(root, string.Empty,
                "name", "description", "question", "start", "horizon", "actors", "targets", "us", "architecture", "links",
                "missiles", "programmes", "crises", "dialogues", "ties", "shocks", "growth", "parameters", "runs", "seed", "check");

            var name = Str(m.Required("name"), "name");
            var description = Str(m.Required("description"), "description");
            var question = Str(m.Required("question"), "question");

            var startNode = m.Required("start");
            _start = Int(startNode, "start");
            if (_start < context.FirstDataYear || _start > context.LastDataYear)
            {
                throw Error(startNode, "start", $"year {_start} is outside the data range {context.FirstDataYear}-{context.LastDataYear}", ValueText(startNode));
            }

            var horizonNode = m.Required("horizon");
            _horizon = Int(horizonNode, "horizon");
            if (_horizon <= _start)
            {
                throw Error(horizonNode, "horizon", $"horizon {_horizon} must be after start {_start}", ValueText(horizonNode));
            }

            if (_horizon > context.MaxHorizonYear)
            {
                throw Error(horizonNode, "horizon", $"horizon {_horizon} is beyond the latest allowed year {context.MaxHorizonYear}", ValueText(horizonNode));
            }

            var actors = m.Get("actors") is { } a ? Actors(a, "actors") : ActorSelection.IndoPacific;
            var targets = m.Get("targets") is { } t ? Targets(t, "targets") : [2.0, 3.5];
            var us = Us(m.Required("us"), "us", Roles(actors));
            var architecture = m.Get("architecture") is { } arch ? Enum<Architecture>(arch, "architecture") : Architecture.HubAndSpokes;
            var links = List(m.Get("links"), "links", Link);
            NoDuplicates(m.Get("links"), "links", links, l => l.Name, "link name");
            var missiles = List(m.Get("missiles"), "missiles", Missile);
            var programmes = List(m.Get("programmes"), "programmes", Programme);
            NoDuplicates(m.Get("programmes"), "programmes", programmes, p => p.Name, "programme name");
            var crises = List(m.Get("crises"), "crises", Crisis);
            var dialogues = List(m.Get("dialogues"), "dialogues", Dialogue);
            var ties = List(m.Get("ties"), "ties", Tie);
            NoDuplicates(m.Get("ties"), "ties", ties, x => $"{string.CompareOrdinal(x.A, x.B) switch { < 0 => x.A + "-" + x.B, _ => x.B + "-" + x.A }} {x.Year}", "tie change (pair and year)");
            var shocks = List(m.Get("shocks"), "shocks", Shock);
            var growthNode = m.Get("growth");
            var growth = List(growthNode, "growth", (n, p) =>
            {
                var gm = Map(n, p, "country", "percent");
                var pn = gm.Required("percent");
                var pct = Double(pn, p + ".percent");
                return pct is >= -50 and <= 50
                    ? new GrowthOverride(Country(gm.Required("country"), p + ".country"), pct)
                    : throw Error(pn, p + ".percent", $"growth must be between -50 and 50 percent a year, found {ValueText(pn)}", ValueText(pn));
            });
            NoDuplicates(growthNode, "growth", growth, g => g.Iso3, "country");
            var parameters = m.Get("parameters") is { } p ? ParameterSettingsReader.Read(this, p, "parameters", context.Parameters) : ParameterSettings.None;

            int? runs = null;
            if (m.Get("runs") is { } rn)
            {
                runs = Int(rn, "runs");
                if (runs is < 1 or > 100_000_000)
                {
                    throw Error(rn, "runs", "runs must be between 1 and 100000000", ValueText(rn));
                }
            }

            ulong? seed = null;
            if (m.Get("seed") is { } sd)
            {
                var s = ValueText(sd);
                if (!ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                {
                    throw Error(sd, "seed", $"expected a non-negative whole number, found '{InputLimits.Echo(s)}'", s);
                }

                seed = v;
            }

            return new Scenario(name, description, question, _start, _horizon, actors, targets, us, architecture, links, missiles,
                programmes, crises, dialogues, ties, shocks, growth, parameters, runs, seed, File)
            {
                Check = m.Get("check") is { } ch ? Check(ch, "check") : null,
            };
        }

        /// <summary>An episode check: countries, the variable (burden) and a window within the run's years that has data.</summary>
        private EpisodeCheck Check(YamlNode node, string path)
        {
            var m = Map(node, path, "countries", "variable", "from", "until");
            var countries = Countries(m.Required("countries"), path + ".countries", 1);
            var variableNode = m.Required("variable");
            var variable = Str(variableNode, path + ".variable");
            if (!EpisodeCheck.Variables.Contains(variable))
            {
                throw Error(variableNode, path + ".variable", $"unknown value '{InputLimits.Echo(variable)}'; allowed: {string.Join(", ", EpisodeCheck.Variables)}", variable);
            }

            // The window is the run's years: the model's change is measured from its initial state to the horizon.
            var fromNode = m.Required("from");
            var from = Int(fromNode, path + ".from");
            if (from != _start)
            {
                throw Error(fromNode, path + ".from", $"the window starts at the start year {_start} (the model's change is measured from its initial state)", ValueText(fromNode));
            }

            var untilNode = m.Required("until");
            var until = Int(untilNode, path + ".until");
            if (until != _horizon || until > context.LastDataYear)
            {
                throw Error(untilNode, path + ".until", $"the window ends at the horizon {_horizon}, which must have data (at most {context.LastDataYear})", ValueText(untilNode));
            }

            return new EpisodeCheck(countries, variable, from, until);
        }

        private ActorSelection Actors(YamlNode node, string path)
        {
            if (node is YamlScalarNode)
            {
                return new ActorSelection(Enum<ActorPreset>(node, path), []);
            }

            var entries = List(node, path, (n, p) =>
            {
                var m = Map(n, p, "country", "role");
                return new ActorEntry(Country(m.Required("country"), p + ".country"), Enum<CountryRole>(m.Required("role"), p + ".role"));
            });
            if (entries.Count == 0)
            {
                throw Error(node, path, "the actor list is empty");
            }

            NoDuplicates(node, path, entries, e => e.Iso3, "country");
            if (entries.Count(e => e.Role == CountryRole.Patron) != 1)
            {
                throw Error(node, path, $"a user-defined actor set needs exactly one patron, found {entries.Count(e => e.Role == CountryRole.Patron)}");
            }

            return new ActorSelection(null, entries);
        }

        /// <summary>The role of each country of the actor set (a preset's from the context's actor sets).</summary>
        private Dictionary<string, CountryRole> Roles(ActorSelection actors)
        {
            var entries = actors.Preset is { } preset
                ? context.ActorSets.TryGetValue(Names.Kebab(preset), out var set) ? set.Actors.Select(a => (a.Iso3, a.Role)) : []
                : actors.Countries.Select(a => (a.Iso3, a.Role));
            return entries.ToDictionary(e => e.Iso3, e => e.Role, StringComparer.Ordinal);
        }

        private List<double> Targets(YamlNode node, string path)
        {
            var targets = List(node, path, Percent);
            if (targets.Count == 0)
            {
                throw Error(node, path, "give at least one target");
            }

            NoDuplicates(node, path, targets, x => x.ToString("R", CultureInfo.InvariantCulture), "target");
            targets.Sort();
            return targets;
        }

        private UsPolicy Us(YamlNode node, string path, Dictionary<string, CountryRole> roles)
        {
            var m = Map(node, path, "stance", "stance-paths", "theatre-share", "posture", "cost-sharing", "ally-stances");
            var single = m.Get("stance");
            var multi = m.Get("stance-paths");
            List<StancePath> paths;
            if (single is not null && multi is not null)
            {
                throw Error(multi, path + ".stance-paths", "give either 'stance' (one certain path) or 'stance-paths' (several with probabilities), not both");
            }

            if (single is not null)
            {
                paths = [new StancePath("default", 1.0, Phases(single, path + ".stance"))];
            }
            else if (multi is not null)
            {
                paths = List(multi, path + ".stance-paths", (n, p) =>
                {
                    var pm = Map(n, p, "name", "probability", "stance");
                    var prob = Share(pm.Required("probability"), p + ".probability");
                    if (prob <= 0)
                    {
                        throw Error(pm.Required("probability"), p + ".probability", "a stance path's probability must be greater than 0", ValueText(pm.Required("probability")));
                    }

                    return new StancePath(Str(pm.Required("name"), p + ".name"), prob, Phases(pm.Required("stance"), p + ".stance"));
                });
                if (paths.Count == 0)
                {
                    throw Error(multi, path + ".stance-paths", "give at least one stance path");
                }

                NoDuplicates(multi, path + ".stance-paths", paths, x => x.Name, "stance path name");
                var sum = paths.Sum(x => x.Probability);
                if (Math.Abs(sum - 1) > 1e-6)
                {
                    throw Error(multi, path + ".stance-paths", $"probabilities sum to {sum.ToString("0.######", CultureInfo.InvariantCulture)}; they must sum to 1");
                }
            }
            else
            {
                throw Error(node, path + ".stance", "required field is missing (give 'stance' or 'stance-paths')");
            }

            double? theatre = m.Get("theatre-share") is { } ts ? Share(ts, path + ".theatre-share") : null;

            var postureNode = m.Get("posture");
            var posture = List(postureNode, path + ".posture", (n, p) =>
            {
                var pm = Map(n, p, "host", "year", "troops", "bases");
                var troops = pm.Get("troops") is { } tn ? NonNegativeInt(tn, p + ".troops") : (int?)null;
                var bases = pm.Get("bases") is { } bn ? NonNegativeInt(bn, p + ".bases") : (int?)null;
                if (troops is null && bases is null)
                {
                    throw Error(n, p, "give 'troops', 'bases' or both");
                }

                return new PostureEntry(Country(pm.Required("host"), p + ".host"), Year(pm.Required("year"), p + ".year", context.FirstDataYear, _horizon), troops, bases);
            });
            NoDuplicates(postureNode, path + ".posture", posture, x => $"{x.Host} {x.Year}", "posture entry (host and year)");

            var costNode = m.Get("cost-sharing");
            var cost = List(costNode, path + ".cost-sharing", (n, p) =>
            {
                var cm = Map(n, p, "host", "from", "until", "amount-usd-m", "name");
                var from = Year(cm.Required("from"), p + ".from", context.FirstDataYear, _horizon);
                int? until = cm.Get("until") is { } un ? Year(un, p + ".until", from, context.MaxHorizonYear) : null;
                var amountNode = cm.Required("amount-usd-m");
                var amount = Double(amountNode, p + ".amount-usd-m");
                if (amount < 0)
                {
                    throw Error(amountNode, p + ".amount-usd-m", "amount must not be negative", ValueText(amountNode));
                }

                return new CostSharingAgreement(Country(cm.Required("host"), p + ".host"), from, until, amount, cm.Get("name") is { } nm ? Str(nm, p + ".name") : null);
            });
            NoDuplicates(costNode, path + ".cost-sharing", cost, x => $"{x.Host} {x.FromYear}", "cost-sharing agreement (host and from-year)");

            return new UsPolicy(paths, theatre, posture, cost) { AllyStances = AllyStances(m.Get("ally-stances"), path + ".ally-stances", roles) };
        }

        private List<StancePhase> Phases(YamlNode node, string path)
        {
            var phases = List(node, path, (n, p) => Phase(n, p, Map(n, p, "from", "kind", "harshness", "target", "deadline"), context.FirstDataYear));
            if (phases.Count == 0)
            {
                throw Error(node, path, "give at least one stance phase");
            }

            for (var i = 1; i < phases.Count; i++)
            {
                if (phases[i].FromYear <= phases[i - 1].FromYear)
                {
                    var seq = (YamlSequenceNode)node;
                    throw Error(seq.Children[i], $"{path}[{i}].from", $"phases must start in increasing years; {phases[i].FromYear} follows {phases[i - 1].FromYear}");
                }
            }

            return phases;
        }

        /// <summary>The US stance toward single allies: an ally or partner of the actor set, from a year within start..horizon.</summary>
        private List<AllyStance> AllyStances(YamlNode? node, string path, Dictionary<string, CountryRole> roles)
        {
            var stances = List(node, path, (n, p) =>
            {
                var m = Map(n, p, "ally", "from", "kind", "harshness", "target", "deadline");
                var allyNode = m.Required("ally");
                var ally = Country(allyNode, p + ".ally");
                if (!roles.TryGetValue(ally, out var role) || role is not (CountryRole.TreatyAlly or CountryRole.Partner))
                {
                    throw Error(allyNode, p + ".ally", $"{ally} is not a treaty ally or partner of the actor set{(roles.ContainsKey(ally) ? $" (it is {Names.Kebab(role)})" : string.Empty)}", ValueText(allyNode));
                }

                return new AllyStance(ally, Phase(n, p, m, _start));
            });
            NoDuplicates(node, path, stances, x => $"{x.Ally} {x.Phase.FromYear}", "ally stance (ally and year)");
            return stances;
        }

        /// <summary>One stance phase of a mapping already read: from (at least <paramref name="firstYear"/>), kind, harshness, target and deadline.</summary>
        private StancePhase Phase(YamlNode n, string p, YamlMap m, int firstYear)
        {
            var from = Year(m.Required("from"), p + ".from", firstYear, _horizon);
            var kind = Enum<StanceKind>(m.Required("kind"), p + ".kind");
            double harshness;
            if (m.Get("harshness") is { } hn)
            {
                harshness = Share(hn, p + ".harshness");
            }
            else if (kind == StanceKind.Reassure)
            {
                harshness = 0;
            }
            else
            {
                throw Error(n, p + ".harshness", $"required field is missing (a '{Names.Kebab(kind)}' stance needs a signal harshness in [0, 1])");
            }

            double? target = null;
            int? deadline = null;
            if (kind == StanceKind.Conditional)
            {
                target = Percent(m.Required("target"), p + ".target");
                deadline = Year(m.Required("deadline"), p + ".deadline", from, context.MaxHorizonYear);
            }
            else
            {
                foreach (var key in new[] { "target", "deadline" })
                {
                    if (m.Get(key) is { } extra)
                    {
                        throw Error(extra, p + "." + key, $"only a 'conditional' stance has a {key}");
                    }
                }
            }

            return new StancePhase(from, kind, harshness, target, deadline);
        }

        private LinkSpec Link(YamlNode node, string path)
        {
            var m = Map(node, path, "name", "members", "strength", "from", "until");
            var members = Countries(m.Required("members"), path + ".members", 2);
            var from = Year(m.Required("from"), path + ".from", context.FirstDataYear, _horizon);
            int? until = m.Get("until") is { } un ? Year(un, path + ".until", from, context.MaxHorizonYear) : null;
            return new LinkSpec(m.Get("name") is { } n ? Str(n, path + ".name") : null, members, Share(m.Required("strength"), path + ".strength"), from, until);
        }

        private MissileDeployment Missile(YamlNode node, string path)
        {
            var m = Map(node, path, "system", "range-km", "host", "owner", "year", "site");
            string? system = null;
            double? range = null;
            string? owner = null;
            if (m.Get("system") is { } sn)
            {
                var id = Str(sn, path + ".system");
                var entry = context.Facts.Missile(id);
                if (entry is null)
                {
                    var ids = context.Facts.Missiles.Select(x => x.Id).Order(StringComparer.Ordinal).ToList();
                    throw Error(sn, path + ".system", $"unknown missile system '{id}'{DidYouMean(id, ids)}", id);
                }

                system = entry.Id;
                range = entry.RangeKm;
                owner = entry.Owner;
            }

            if (m.Get("range-km") is { } rn)
            {
                range = Double(rn, path + ".range-km");
                if (range <= 0 || range > 20_000)
                {
                    throw Error(rn, path + ".range-km", "range must be greater than 0 and at most 20000 km", ValueText(rn));
                }
            }

            if (range is null)
            {
                throw Error(node, path, "give a 'system' from the missile catalogue or a 'range-km'");
            }

            if (m.Get("owner") is { } on)
            {
                owner = Country(on, path + ".owner");
            }
            else if (owner is null)
            {
                throw Error(node, path + ".owner", "required field is missing (no 'system' to take the owner from)");
            }

            var host = Country(m.Required("host"), path + ".host");
            string? site = null;
            if (m.Get("site") is { } st)
            {
                var id = Str(st, path + ".site");
                var s = context.Facts.Site(id)
                    ?? throw Error(st, path + ".site", $"unknown site '{id}'{DidYouMean(id, context.Facts.Sites.Select(x => x.Id).Order(StringComparer.Ordinal).ToList())}", id);
                if (!string.Equals(s.Host, host, StringComparison.Ordinal) && !(s.Host == "GUM" && host == "USA"))
                {
                    throw Error(st, path + ".site", $"site '{s.Id}' is in {s.Host}, not in the host {host}", id);
                }

                site = s.Id;
            }

            return new MissileDeployment(system, range.Value, host, owner, Year(m.Required("year"), path + ".year", context.FirstDataYear, _horizon), site);
        }

        private CoDevelopmentProgramme Programme(YamlNode node, string path)
        {
            var m = Map(node, path, "name", "members", "mission", "year");
            return new CoDevelopmentProgramme(
                Str(m.Required("name"), path + ".name"),
                Countries(m.Required("members"), path + ".members", 2),
                Enum<MissionArea>(m.Required("mission"), path + ".mission"),
                Year(m.Required("year"), path + ".year", context.FirstDataYear, _horizon));
        }

        private CrisisEvent Crisis(YamlNode node, string path)
        {
            var m = Map(node, path, "year", "kind", "intensity");
            return new CrisisEvent(
                Year(m.Required("year"), path + ".year", _start + 1, _horizon),
                Enum<CrisisType>(m.Required("kind"), path + ".kind"),
                Share(m.Required("intensity"), path + ".intensity"));
        }

        private DialogueChannel Dialogue(YamlNode node, string path)
        {
            var m = Map(node, path, "parties", "from", "until", "strength");
            var from = Year(m.Required("from"), path + ".from", context.FirstDataYear, _horizon);
            int? until = m.Get("until") is { } un ? Year(un, path + ".until", from, context.MaxHorizonYear) : null;
            return new DialogueChannel(Countries(m.Required("parties"), path + ".parties", 2), from, until, Share(m.Required("strength"), path + ".strength"));
        }

        private TieChange Tie(YamlNode node, string path)
        {
            var m = Map(node, path, "pair", "year", "change");
            var pairNode = m.Required("pair");
            var pair = Countries(pairNode, path + ".pair", 2);
            if (pair.Count != 2)
            {
                throw Error(pairNode, path + ".pair", $"a pair has exactly two countries, found {pair.Count}");
            }

            var changeNode = m.Required("change");
            var change = Double(changeNode, path + ".change");
            if (change is < -1 or > 1)
            {
                throw Error(changeNode, path + ".change", $"must be between -1 and 1, found {ValueText(changeNode)}", ValueText(changeNode));
            }

            return new TieChange(pair[0], pair[1], Year(m.Required("year"), path + ".year", _start + 1, _horizon), change);
        }

        private EconomicShock Shock(YamlNode node, string path)
        {
            var m = Map(node, path, "year", "countries", "region", "gdp-change-percent");
            var year = Year(m.Required("year"), path + ".year", _start + 1, _horizon);
            var cn = m.Get("countries");
            var rn = m.Get("region");
            if ((cn is null) == (rn is null))
            {
                throw Error(node, path, "give either 'countries' or 'region'");
            }

            var countries = cn is null ? [] : Countries(cn, path + ".countries", 1);
            string? region = null;
            if (rn is not null)
            {
                region = Str(rn, path + ".region");
                string[] allowed = ["all", "patron", "allies", "partners", "adversaries"];
                if (!allowed.Contains(region, StringComparer.Ordinal))
                {
                    throw Error(rn, path + ".region", $"unknown value '{region}'; allowed: {string.Join(", ", allowed)}", region);
                }
            }

            var gn = m.Required("gdp-change-percent");
            var change = Double(gn, path + ".gdp-change-percent");
            if (change is <= -100 or > 100)
            {
                throw Error(gn, path + ".gdp-change-percent", $"a GDP change must be more than -100 % (which would leave no GDP) and at most 100 %, found {ValueText(gn)}", ValueText(gn));
            }

            return new EconomicShock(year, countries, region, change);
        }

        private List<string> Countries(YamlNode node, string path, int min)
        {
            var list = List(node, path, Country);
            if (list.Count < min)
            {
                throw Error(node, path, min == 1 ? "give at least one country" : $"give at least {min} countries, found {list.Count}");
            }

            NoDuplicates(node, path, list, x => x, "country");
            return list;
        }

        private string Country(YamlNode node, string path)
        {
            var text = Str(node, path);
            var iso3 = context.Countries.TryResolve(text);
            if (iso3 is not null)
            {
                return iso3;
            }

            var s = context.Countries.Suggest(text, 3);
            throw Error(node, path, $"unknown country '{InputLimits.Echo(text)}'{(s.Count == 0 ? string.Empty : $"; did you mean {string.Join(", ", s)}?")}", text);
        }

        private int Year(YamlNode node, string path, int min, int max)
        {
            var y = Int(node, path);
            if (y < min || y > max)
            {
                var range = min == _start + 1 && max == _horizon ? $"the simulated years {min}-{max}" : $"the allowed years {min}-{max}";
                throw Error(node, path, $"year {y} is outside {range}", ValueText(node));
            }

            return y;
        }
    }
}
