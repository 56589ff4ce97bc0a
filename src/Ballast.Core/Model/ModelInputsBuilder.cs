using Ballast.Core.Countries;
using Ballast.Core.Parameters;

namespace Ballast.Core.Model;

/// <summary>The static facts about one actor, as the scenario compiler gathers them.</summary>
/// <param name="Code">ISO3 code.</param>
/// <param name="Role">Role in the actor set.</param>
/// <param name="Gdp">Initial GDP (used only where <paramref name="Share"/> is NaN).</param>
/// <param name="MilitaryExpenditure">Initial military expenditure, constant 2023 USD.</param>
/// <param name="Share">Initial burden (fraction of GDP).</param>
/// <param name="TrendGrowth">Trend real GDP growth, fraction per year.</param>
/// <param name="TradeDependenceAdversary">Share of trade with the adversary (China).</param>
/// <param name="TradeDependenceUs">Share of trade with the US.</param>
/// <param name="Treaty">Treaty type with the patron.</param>
/// <param name="Troops">US troops stationed (baseline, every year until changed).</param>
/// <param name="Bases">US bases (baseline).</param>
/// <param name="HostNationSupport">Host-nation support paid, USD per year (baseline).</param>
/// <param name="NuclearWarheads">Nuclear warheads (0 = non-nuclear).</param>
/// <param name="MissileInventory">Ground-launched intermediate-range missiles.</param>
/// <param name="ComplementaryMix">Comparative-advantage mix over the 7 mission areas (normalised to sum 1).</param>
/// <param name="AutonomousMix">Autonomous full-spectrum mix (normalised to sum 1).</param>
/// <param name="CapabilityStock">Initial capability stock; NaN = perpetual-inventory value.</param>
/// <param name="Phi">Conversion efficiency φ; NaN = registry default.</param>
/// <param name="InitialGrowth">
/// Growth of the path the start year lies on (the data's trend), which sets the initial capability stock and the demand
/// intercept; NaN = <paramref name="TrendGrowth"/>. A scenario that overrides future growth keeps the data's past.
/// </param>
public sealed record ActorSpec(
    string Code,
    CountryRole Role,
    double Gdp,
    double MilitaryExpenditure,
    double Share,
    double TrendGrowth,
    double TradeDependenceAdversary = 0,
    double TradeDependenceUs = 0,
    TreatyType Treaty = TreatyType.None,
    double Troops = 0,
    double Bases = 0,
    double HostNationSupport = 0,
    double NuclearWarheads = 0,
    double MissileInventory = 0,
    IReadOnlyList<double>? ComplementaryMix = null,
    IReadOnlyList<double>? AutonomousMix = null,
    double CapabilityStock = double.NaN,
    double Phi = double.NaN,
    double InitialGrowth = double.NaN)
{
    /// <summary>Initial credibility; NaN = registry default.</summary>
    public double Credibility { get; init; } = double.NaN;

    /// <summary>Initial alignment; NaN = registry default.</summary>
    public double Alignment { get; init; } = double.NaN;

    /// <summary>Initial interoperability; NaN = registry default.</summary>
    public double Interoperability { get; init; } = double.NaN;

    /// <summary>Initial nuclear-hedging propensity; NaN = registry default.</summary>
    public double Hedging { get; init; } = double.NaN;
}

/// <summary>
/// Mutable builder for <see cref="ModelInputs"/> (the scenario compiler and tests fill it), frozen by <see cref="Build"/>.
/// Add actors first, then distances, links, schedules and events (they refer to actor indices).
/// </summary>
public sealed class ModelInputsBuilder
{
    private readonly List<ActorSpec> _actors = [];
    private readonly List<(int Year, int Actor, double? Troops, double? Bases, double? Hns)> _postureChanges = [];
    private readonly List<(int Year, int Actor)> _costSharing = [];
    private readonly List<(int Year, int Ally, StanceYear Stance)> _allyStances = [];
    private readonly List<(int Year, int Actor, double Change)> _spendingShocks = [];
    private readonly Dictionary<int, double> _dialogue = [];
    private readonly Dictionary<int, double> _theatre = [];
    private double[]? _distance;
    private double[]? _links;

    /// <summary>Creates a builder for the years <paramref name="startYear"/>..<paramref name="horizonYear"/>.</summary>
    public ModelInputsBuilder(int startYear, int horizonYear, string name = "scenario")
    {
        StartYear = startYear;
        HorizonYear = horizonYear;
        Name = name;
    }

    /// <summary>Scenario name.</summary>
    public string Name { get; set; }

    /// <summary>Start year.</summary>
    public int StartYear { get; set; }

    /// <summary>Horizon year.</summary>
    public int HorizonYear { get; set; }

    /// <summary>Index of the lead adversary; null = the adversary with the largest spending.</summary>
    public int? LeadAdversaryIndex { get; set; }

    /// <summary>Possible stance paths; empty = reassure every year with probability 1.</summary>
    public List<StancePath> StancePaths { get; } = [];

    /// <summary>Link changes.</summary>
    public List<LinkChange> LinkChanges { get; } = [];

    /// <summary>Missile deployments.</summary>
    public List<MissileDeployment> MissileDeployments { get; } = [];

    /// <summary>Co-development programmes.</summary>
    public List<CoDevelopmentProgramme> Programmes { get; } = [];

    /// <summary>Scheduled crises.</summary>
    public List<CrisisEvent> Crises { get; } = [];

    /// <summary>Economic shocks.</summary>
    public List<EconomicShock> Shocks { get; } = [];

    /// <summary>KPI burden targets (fractions).</summary>
    public List<double> TargetShares { get; } = [0.02, 0.035, 0.05];

    /// <summary>Parameter overrides by registry name (applied at <see cref="Build"/>).</summary>
    public Dictionary<string, double> Overrides { get; } = new(StringComparer.Ordinal);

    /// <summary>Uncertain parameters.</summary>
    public List<UncertainParameter> Uncertain { get; } = [];

    /// <summary>Number of actors added.</summary>
    public int ActorCount => _actors.Count;

    internal int Steps => HorizonYear - StartYear;

    /// <summary>The actors in the order added; <see cref="ModelInputs"/> reads its per-actor arrays from them.</summary>
    internal IReadOnlyList<ActorSpec> Actors => _actors;

    internal IEnumerable<string> Codes => _actors.Select(a => a.Code);

    internal IEnumerable<double> DistanceKm => _distance ?? new double[ActorCount * ActorCount];

    internal IEnumerable<double> ComplementaryMix => _actors.SelectMany(a => Normalise(a.ComplementaryMix, a.Code, "complementary_mix"));

    internal IEnumerable<double> AutonomousMix => _actors.SelectMany(a => Normalise(a.AutonomousMix, a.Code, "autonomous_mix"));

    internal IEnumerable<double> Links => _links ?? new double[ActorCount * ActorCount];

    internal IEnumerable<StanceYear?> AllyStances { get; private set; } = [];

    internal IEnumerable<double> SpendingShock { get; private set; } = [];

    /// <summary>Adds an actor and returns its index.</summary>
    public int AddActor(ActorSpec actor)
    {
        if (_actors.Any(a => a.Code == actor.Code))
        {
            throw new BallastInputException($"actor '{actor.Code}' added twice", field: "actors", value: actor.Code);
        }

        _actors.Add(actor);
        _distance = null;
        _links = null;
        return _actors.Count - 1;
    }

    /// <summary>Index of an actor code; throws when unknown.</summary>
    public int IndexOf(string code)
    {
        int i = _actors.FindIndex(a => a.Code == code);
        return i >= 0 ? i : throw new BallastInputException($"unknown actor '{code}'; actors are {string.Join(", ", Codes)}", field: "actor", value: code);
    }

    /// <summary>Sets the great-circle distance (km) between two actors (symmetric).</summary>
    public void SetDistance(int i, int j, double km)
    {
        _distance ??= new double[ActorCount * ActorCount];
        _distance[(i * ActorCount) + j] = km;
        _distance[(j * ActorCount) + i] = km;
    }

    /// <summary>Sets the initial link strength ℓ_ij (symmetric).</summary>
    public void SetLink(int i, int j, double strength)
    {
        _links ??= new double[ActorCount * ActorCount];
        _links[(i * ActorCount) + j] = strength;
        _links[(j * ActorCount) + i] = strength;
    }

    /// <summary>Adds a grouping from a year: every pair of members gets at least the given link strength.</summary>
    public void AddGrouping(int year, IReadOnlyList<int> members, double strength, string label)
    {
        for (int a = 0; a < members.Count; a++)
        {
            for (int b = a + 1; b < members.Count; b++)
            {
                LinkChanges.Add(new LinkChange(year, members[a], members[b], strength, LinkChangeKind.Grouping, label));
            }
        }
    }

    /// <summary>Changes US posture in a host from a year on (null keeps the current value).</summary>
    public void SetPosture(int year, int host, double? troops = null, double? bases = null, double? hostNationSupport = null) =>
        _postureChanges.Add((year, host, troops, bases, hostNationSupport));

    /// <summary>Records an equitable cost-sharing agreement concluded with a host from a year on.</summary>
    public void AddCostSharing(int year, int host) => _costSharing.Add((year, host));

    /// <summary>Sets the dialogue-channel level (0..1) from a year on.</summary>
    public void SetDialogue(int year, double level) => _dialogue[year] = level;

    /// <summary>Sets the theatre share of the US budget from a year on.</summary>
    public void SetTheatreShare(int year, double share) => _theatre[year] = share;

    /// <summary>Sets the US stance toward one ally or partner from a year on: it replaces the run's stance path for that ally until a later entry for it.</summary>
    public void SetAllyStance(int year, int ally, StanceYear stance) => _allyStances.Add((year, ally, stance));

    /// <summary>
    /// Changes an actor's military spending of one year by a fraction (0.2 = 20 % more than its rule gives); later years
    /// grow from the new level. Several shocks of one actor and year multiply.
    /// </summary>
    public void ShockSpending(int year, int actor, double change) => _spendingShocks.Add((year, actor, change));

    /// <summary>Adds a stance path that holds one stance every year (helper for simple scenarios and tests).</summary>
    public void AddConstantStance(string name, double probability, StanceYear stance) =>
        StancePaths.Add(new StancePath(name, probability, [.. Enumerable.Repeat(stance, Steps + 1)]));

    /// <summary>Validates and freezes the inputs against a parameter registry (overrides applied, names checked).</summary>
    public ModelInputs Build(ParameterSet registry)
    {
        if (HorizonYear <= StartYear)
        {
            throw new BallastInputException($"horizon {HorizonYear} must be after start {StartYear}", field: "horizon");
        }

        if (_actors.Count(a => a.Role == CountryRole.Patron) != 1)
        {
            throw new BallastInputException("exactly one actor must be the patron", field: "actors");
        }

        if (!_actors.Any(a => a.Role == CountryRole.Adversary))
        {
            throw new BallastInputException("at least one actor must be an adversary", field: "actors");
        }

        foreach (var a in _actors)
        {
            Check(a.MilitaryExpenditure > 0 && double.IsFinite(a.MilitaryExpenditure), a.Code, "military_expenditure", a.MilitaryExpenditure);
            Check(double.IsNaN(a.Share) ? a.Gdp > 0 : a.Share is > 0 and < 1, a.Code, "share", a.Share);
            Check(a.TrendGrowth is > -0.5 and < 0.5, a.Code, "trend_growth", a.TrendGrowth);
            Check(double.IsNaN(a.InitialGrowth) || a.InitialGrowth is > -0.5 and < 0.5, a.Code, "initial_growth", a.InitialGrowth);
            Check(a.TradeDependenceAdversary is >= 0 and <= 1, a.Code, "trade_dependence_adversary", a.TradeDependenceAdversary);
            Check(a.TradeDependenceUs is >= 0 and <= 1, a.Code, "trade_dependence_us", a.TradeDependenceUs);
            Check(a.Troops >= 0 && a.Bases >= 0 && a.HostNationSupport >= 0, a.Code, "posture", a.Troops);
            Check(a.NuclearWarheads >= 0 && a.MissileInventory >= 0, a.Code, "nuclear_warheads", a.NuclearWarheads);
            foreach (var (v, f) in new[] { (a.Credibility, "credibility"), (a.Alignment, "alignment"), (a.Interoperability, "interoperability"), (a.Hedging, "hedging") })
            {
                Check(double.IsNaN(v) || v is >= 0 and <= 1, a.Code, f, v);
            }
        }

        var parameters = registry.WithOverrides(Overrides);
        foreach (var u in Uncertain)
        {
            _ = parameters[u.Name];
            u.Distribution.Validate(u.Name);
        }

        int n = ActorCount;
        int years = Steps + 1;
        if (StancePaths.Count == 0)
        {
            AddConstantStance("reassure", 1, new StanceYear(StanceKind.Reassure, 0, 0, 0));
        }

        double total = StancePaths.Sum(p => p.Probability);
        if (Math.Abs(total - 1) > 1e-9 || StancePaths.Any(p => p.Probability < 0 || p.Years.Length != years))
        {
            throw new BallastInputException($"stance paths must have {years} years each and probabilities summing to 1 (sum {total})", field: "stance");
        }

        foreach (var l in LinkChanges)
        {
            CheckIndex(l.From, "links");
            CheckIndex(l.To, "links");
            Check(l.Strength is >= 0 and <= 1, l.Label, "links.strength", l.Strength);
        }

        foreach (var d in MissileDeployments)
        {
            CheckIndex(d.Host, "missiles.host");
            CheckIndex(d.Owner, "missiles.owner");
            Check(d.RangeKm > 0 && d.Launchers > 0, d.System, "missiles.range_km", d.RangeKm);
        }

        foreach (var p in Programmes)
        {
            foreach (int m in p.Members)
            {
                CheckIndex(m, "programmes.members");
            }

            Check(p.PhiGain >= 0 && p.InteroperabilityGain is >= 0 and <= 1, p.Name, "programmes.phi_gain", p.PhiGain);
        }

        foreach (var c in Crises)
        {
            Check(c.Intensity is >= 0 and <= 1, c.Type.ToString(), "crises.intensity", c.Intensity);
        }

        foreach (var s in Shocks)
        {
            foreach (int m in s.Actors)
            {
                CheckIndex(m, "shocks.countries");
            }

            Check(s.GdpChange > -1, "shock", "shocks.gdp_change", s.GdpChange);
        }

        var troops = new double[years * n];
        var bases = new double[years * n];
        var hns = new double[years * n];
        var cs = new double[years * n];
        for (int t = 0; t < years; t++)
        {
            for (int i = 0; i < n; i++)
            {
                troops[(t * n) + i] = _actors[i].Troops;
                bases[(t * n) + i] = _actors[i].Bases;
                hns[(t * n) + i] = _actors[i].HostNationSupport;
            }
        }

        foreach (var (year, actor, tr, ba, hn) in _postureChanges.OrderBy(p => p.Year))
        {
            CheckIndex(actor, "posture");
            for (int t = Math.Max(0, year - StartYear); t < years; t++)
            {
                if (tr is { } x)
                {
                    troops[(t * n) + actor] = x;
                }

                if (ba is { } y)
                {
                    bases[(t * n) + actor] = y;
                }

                if (hn is { } z)
                {
                    hns[(t * n) + actor] = z;
                }
            }
        }

        foreach (var (year, actor) in _costSharing)
        {
            CheckIndex(actor, "cost_sharing");
            for (int t = Math.Max(0, year - StartYear); t < years; t++)
            {
                cs[(t * n) + actor] = 1;
            }
        }

        AllyStances = AllyStanceTable(years);
        SpendingShock = SpendingShockTable(years);
        var schedules = new YearlySchedules(
            Expand(_theatre, parameters.Value("us_theatre_share"), years), Expand(_dialogue, parameters.Value("dialogue_default"), years), troops, bases, hns, cs);
        return new ModelInputs(this, parameters, schedules);
    }

    /// <summary>Each ally's own stance per year, [t * A + i], null where it follows the run's stance path.</summary>
    private StanceYear?[] AllyStanceTable(int years)
    {
        int n = ActorCount;
        var table = new StanceYear?[years * n];
        foreach (var (year, ally, stance) in _allyStances.OrderBy(x => x.Year))
        {
            CheckIndex(ally, "ally_stances");
            Check(_actors[ally].Role is CountryRole.TreatyAlly or CountryRole.Partner, _actors[ally].Code, "ally_stances (not an ally or partner)", ally);
            Check(stance.Harshness is >= 0 and <= 1 && stance.TargetShare >= 0, _actors[ally].Code, "ally_stances.harshness", stance.Harshness);
            for (int t = Math.Max(0, year - StartYear); t < years; t++)
            {
                table[(t * n) + ally] = stance;
            }
        }

        return table;
    }

    /// <summary>The factor on each actor's spending per year, [t * A + i]: 1 + the year's shocks, 1 where none.</summary>
    private double[] SpendingShockTable(int years)
    {
        int n = ActorCount;
        var table = new double[years * n];
        Array.Fill(table, 1.0);
        foreach (var (year, actor, change) in _spendingShocks)
        {
            CheckIndex(actor, "spending_shocks");
            Check(change > -1 && double.IsFinite(change), _actors[actor].Code, "spending_shocks.change", change);
            Check(year > StartYear && year <= HorizonYear, _actors[actor].Code, "spending_shocks.year", year);
            table[((year - StartYear) * n) + actor] *= 1 + change;
        }

        return table;
    }

    private double[] Expand(Dictionary<int, double> changes, double initial, int years)
    {
        var a = new double[years];
        var ordered = changes.OrderBy(k => k.Key).ToList();
        for (int t = 0; t < years; t++)
        {
            double v = initial;
            foreach (var (y, val) in ordered)
            {
                if (y <= StartYear + t)
                {
                    v = val;
                }
            }

            a[t] = v;
        }

        return a;
    }

    private static IEnumerable<double> Normalise(IReadOnlyList<double>? mix, string code, string field)
    {
        if (mix is null)
        {
            return Enumerable.Repeat(1.0 / MissionAreas.Count, MissionAreas.Count);
        }

        double sum = mix.Sum();
        if (mix.Count != MissionAreas.Count || mix.Any(v => v < 0 || !double.IsFinite(v)) || sum <= 0)
        {
            throw new BallastInputException($"{field} of {code} must have {MissionAreas.Count} non-negative weights", field: field, value: code);
        }

        return mix.Select(v => v / sum).ToArray();
    }

    private void CheckIndex(int i, string field)
    {
        if (i < 0 || i >= ActorCount)
        {
            throw new BallastInputException($"actor index {i} out of range 0..{ActorCount - 1}", field: field);
        }
    }

    private static void Check(bool ok, string who, string field, double value)
    {
        if (!ok)
        {
            throw new BallastInputException($"{field} of {who} is out of range", field: field, value: value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>
/// The yearly schedules <see cref="ModelInputsBuilder.Build"/> expands from the changes it was given: theatre share and
/// dialogue per year, and per-host posture <c>[t * ActorCount + i]</c>.
/// </summary>
internal sealed record YearlySchedules(double[] TheatreShare, double[] Dialogue, double[] Troops, double[] Bases, double[] HostNationSupport, double[] CostSharing);
