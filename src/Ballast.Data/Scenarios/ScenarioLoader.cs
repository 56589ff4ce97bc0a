using Ballast.Core.Scenarios;
using Ballast.Data.Yaml;
using Sc = Ballast.Core.Scenarios;
using YamlDotNet.RepresentationModel;
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
        private readonly List<(ScenarioSection Section, List<object> Items)> _sections = [];
        private int _start;
        private int _horizon;

        public Scenario Scenario(YamlNode root)
        {
            var m = Map(root, string.Empty,
                ["name", "description", "question", "start", "horizon", "actors", "targets", "us", "architecture",
                .. Sc.Scenario.Sections.Select(x => x.Key), "parameters", "runs", "seed", "check"]);

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
            foreach (var section in Sc.Scenario.Sections)
            {
                Section(section, m.Get(section.Key));
            }

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

            var scenario = new Scenario(name, description, question, _start, _horizon, actors, targets, us, architecture, [], [],
                [], [], [], [], [], [], parameters, runs, seed, File);
            scenario = scenario with { Check = m.Get("check") is { } ch ? Check(ch, "check") : null };
            return _sections.Aggregate(scenario, (s, x) => x.Section.With(s, x.Items));
        }

        /// <summary>Reads and checks the items of a list section by its declaration; they are set once the scenario is made.</summary>
        private void Section(ScenarioSection section, YamlNode? node)
        {
            var items = List(node, section.Path, (n, p) => section.Create(section == MissileDeployment.Section ? MissileValues(n, p) : Values(section, n, p)));
            if (section.Duplicate is { } what)
            {
                NoDuplicates(node, section.Path, items, section.Identity, what);
            }

            _sections.Add((section, items));
        }

        /// <summary>The values of one item of a section: each field read and checked as its kind says.</summary>
        private ScenarioFieldValues Values(ScenarioSection section, YamlNode node, string path)
        {
            var m = Map(node, path, [.. section.Keys]);
            foreach (var group in section.OneOf)
            {
                if (group.Count(k => m.Get(k) is not null) != 1)
                {
                    throw Error(node, path, $"give either {string.Join(" or ", group.Select(k => $"'{k}'"))}");
                }
            }

            foreach (var group in section.AnyOf)
            {
                if (group.All(k => m.Get(k) is null))
                {
                    throw Error(node, path, $"give {string.Join(", ", group.Select(k => $"'{k}'"))} or both");
                }
            }

            var values = new ScenarioFieldValues();
            foreach (var f in section.Fields)
            {
                var p = Join(path, f.Key);
                var n = f.Optional ? m.Get(f.Key) : m.Required(f.Key);
                values[f.Key] = n is null ? null : Value(f, n, p, values);
            }

            return values;
        }

        /// <summary>One field's value, checked: text, countries, years within the scenario's span, bounded numbers, choices.</summary>
        private object Value(ScenarioField f, YamlNode n, string p, ScenarioFieldValues values)
        {
            switch (f.Kind)
            {
                case ScenarioFieldKind.Text:
                    var text = Str(n, p);
                    return f.Allowed is not { } allowed || allowed.Contains(text, StringComparer.Ordinal)
                        ? text
                        : throw Error(n, p, $"unknown value '{text}'; allowed: {string.Join(", ", allowed)}", text);
                case ScenarioFieldKind.Country:
                    return Country(n, p);
                case ScenarioFieldKind.Countries:
                    return Countries(n, p, f.MinCount);
                case ScenarioFieldKind.Pair:
                    var pair = Countries(n, p, 2);
                    return pair.Count == 2 ? pair : throw Error(n, p, $"a pair has exactly two countries, found {pair.Count}");
                case ScenarioFieldKind.Year:
                    return f.Years switch
                    {
                        ScenarioYears.Simulated => Year(n, p, _start + 1, _horizon),
                        ScenarioYears.Scheduled => Year(n, p, context.FirstDataYear, _horizon),
                        _ => Year(n, p, values.Int(f.FromKey!), context.MaxHorizonYear),
                    };
                case ScenarioFieldKind.Count:
                    return NonNegativeInt(n, p);
                case ScenarioFieldKind.Number:
                    var v = Double(n, p);
                    return f.InRange(v) ? v : throw Error(n, p, f.ShowsFound ? $"{f.RangeMessage}, found {ValueText(n)}" : f.RangeMessage, ValueText(n));
                default: // a choice
                    var s = Scalar(n, p);
                    return f.Parse(s) ?? throw Error(n, p, $"unknown value '{InputLimits.Echo(s)}'; allowed: {string.Join(", ", f.Choices)}", s);
            }
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

            foreach (var section in UsPolicy.Sections)
            {
                Section(section, m.Get(section.Key));
            }

            return new UsPolicy(paths, theatre, [], []) { AllyStances = AllyStances(m.Get("ally-stances"), path + ".ally-stances", roles) };
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

        /// <summary>A missile deployment's values: a catalogue system gives the range and owner unless they are written.</summary>
        private ScenarioFieldValues MissileValues(YamlNode node, string path)
        {
            var m = Map(node, path, [.. MissileDeployment.Section.Keys]);
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

            return new ScenarioFieldValues
            {
                ["system"] = system,
                ["range-km"] = range.Value,
                ["host"] = host,
                ["owner"] = owner,
                ["year"] = Year(m.Required("year"), path + ".year", context.FirstDataYear, _horizon),
                ["site"] = site,
            };
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
