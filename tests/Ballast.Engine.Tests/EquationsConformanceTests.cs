using Ballast.Core.Countries;
using Ballast.Engine.Random;

namespace Ballast.Engine.Tests;

/// <summary>
/// The vector kernel against the scalar reference <see cref="Equations"/>, lane by lane and year by year: every recorded
/// indicator of year t+1 (and the public state: mixes, money accounting, alignment states, execution, realignment and
/// hedging years) is recomputed from the <em>recorded</em> state of year t with <see cref="Equations"/>, so each check isolates
/// one equation. The world exercises every mechanism: three stance paths (one conditional with a deadline), the US stance
/// toward single allies (Korea disengaged, a conditional deadline of the Philippines' own, Japan reassured), uncertain
/// parameters that differ by lane, hosted missiles, a programme, a shock, scheduled and random crises, a grouping, a
/// posture change, cost sharing, dialogue and a theatre-share change. Random draws are the kernel's own: the value of the
/// run's counter stream at (t, actor, purpose) (docs/model.md, "Randomness and reproducibility").
/// </summary>
public sealed class EquationsConformanceTests
{
    /// <summary>
    /// Pure arithmetic (no exp or log in the kernel's path, or exp/log only of inputs the reference computes with
    /// <see cref="Math"/> too): the same operations, at most reordered, so a few ulps.
    /// </summary>
    private const double Arithmetic = 1e-13;

    /// <summary>
    /// Through the kernel's LaneMath exp/log, each within 1e-14 relative of <see cref="Math.Exp"/>/<see cref="Math.Log(double)"/>
    /// (LaneMathTests): a logistic, a posture term or ln(1+x) then carries at most a few 1e-14 relative.
    /// </summary>
    private const double LaneMathOnce = 1e-13;

    /// <summary>
    /// Spending through the demand equation: ln M* sums about ten log terms of magnitude up to ~35 (ln of US$ and GDP), each
    /// within 1e-14 relative in the kernel, so up to ~3.5e-12 absolute in log space, i.e. relative after the exp; ×3 margin.
    /// </summary>
    private const double Demand = 1e-11;

    /// <summary>
    /// The CES aggregate: <c>exp(ln(Σ ω̂ e^{ρ ln v})/ρ)</c> with ln v ≈ 28 (US$) and |ρ| ≥ 0.1 in this world, so the 1e-14
    /// relative errors of LaneMath are amplified by at most |ln v|·(1 + 1/|ρ|) ≈ 300: 3e-12; ×3 margin.
    /// </summary>
    private const double Ces = 1e-11;

    private const int Runs = 24;
    private const ulong Seed = 20240101;

    private static readonly Lazy<Walk> Result = new(Run);

    [Fact]
    public void Initial_state_follows_the_equations() => AssertSection("initial state");

    [Fact]
    public void Economy_follows_section_1() => AssertSection("§1");

    [Fact]
    public void Capability_and_industrial_capacity_follow_section_2() => AssertSection("§2");

    [Fact]
    public void Spending_follows_the_demand_equation_and_its_bounds_of_section_3() => AssertSection("§3");

    [Fact]
    public void Belief_follows_the_discounting_of_section_4() => AssertSection("§4");

    [Fact]
    public void Credibility_and_executed_threats_follow_section_5() => AssertSection("§5");

    [Fact]
    public void Alignment_and_realignment_follow_section_6() => AssertSection("§6");

    [Fact]
    public void Mix_duplication_and_hedging_follow_section_7() => AssertSection("§7");

    [Fact]
    public void Effectiveness_and_interoperability_follow_section_8() => AssertSection("§8");

    [Fact]
    public void Missiles_follow_the_Richardson_step_of_section_9() => AssertSection("§9");

    [Fact]
    public void Host_exposure_follows_section_10() => AssertSection("§10");

    [Fact]
    public void Crises_follow_section_11() => AssertSection("§11");

    [Fact]
    public void Balance_and_its_alternatives_follow_section_12() => AssertSection("§12");

    [Fact]
    public void The_world_exercises_every_random_branch()
    {
        var w = Result.Value;
        Assert.True(w.RandomCrises > 0, "no random crisis");
        Assert.True(w.Executions > 0, "no executed threat");
        Assert.True(w.AllyExecutions > 0, "no threat executed at an ally's own deadline");
        Assert.True(w.Hedgers > 0, "no ally hedged");
        Assert.True(w.Bandwagoners > 0, "no ally bandwagoned");
        Assert.True(w.CapacityBinding > 0, "industrial capacity never bound");
        Assert.True(w.Coerced > 0, "no host was coerced");
    }

    private static void AssertSection(string section)
    {
        var checks = Result.Value.Checks.Where(c => c.Section == section).ToList();
        Assert.True(checks.Count >= Runs, $"{section}: only {checks.Count} checks");
        var failed = checks.Where(c => !c.Passes).ToList();
        Assert.True(failed.Count == 0, $"{section}: {failed.Count} of {checks.Count} checks failed, e.g.\n{string.Join('\n', failed.Take(8))}");
    }

    private static ModelInputs World()
    {
        var b = SyntheticInputs.Builder(2024, 2031);
        int usa = b.IndexOf("USA"), jpn = b.IndexOf("JPN"), kor = b.IndexOf("KOR"), aus = b.IndexOf("AUS"), phl = b.IndexOf("PHL"), ind = b.IndexOf("IND");
        b.AddConstantStance("conditional", 0.5, new StanceYear(StanceKind.Conditional, 0.035, 2026, 0.9));
        b.AddConstantStance("reassure", 0.25, new StanceYear(StanceKind.Reassure, 0, 0, 0.1));
        b.AddConstantStance("disengage", 0.25, new StanceYear(StanceKind.Disengage, 0.03, 0, 0.5));
        b.MissileDeployments.Add(new MissileDeployment("Typhon", 1800, jpn, usa, 2025, 2));
        b.MissileDeployments.Add(new MissileDeployment("Dark Eagle", 2800, phl, usa, 2026));
        b.Programmes.Add(new CoDevelopmentProgramme("strike", [jpn, aus], MissionArea.LongRangeStrike, 0.1, 0.05, 2025));
        b.Shocks.Add(new EconomicShock(2026, [jpn, kor], -0.04));
        b.Crises.Add(new CrisisEvent(2027, CrisisType.TaiwanStrait, 0.8));
        b.AddGrouping(2026, [aus, phl, ind], 0.2, "grouping");
        b.SetPosture(2027, kor, troops: 12000);
        b.AddCostSharing(2026, jpn);
        b.SetDialogue(2027, 0.6);
        b.SetTheatreShare(2028, 0.45);
        b.SetAllyStance(2026, kor, new StanceYear(StanceKind.Disengage, 0, 0, 0.7));
        b.SetAllyStance(2025, phl, new StanceYear(StanceKind.Conditional, 0.04, 2028, 0.8));
        b.SetAllyStance(2027, jpn, new StanceYear(StanceKind.Reassure, 0, 0, 0));
        b.Overrides["realign_alpha0"] = -3;
        b.Overrides["crisis_alpha0"] = -1.2;
        b.Overrides["industrial_headroom"] = 0.01;
        b.Overrides["sigma_m"] = 0.08;
        b.Uncertain.Add(new UncertainParameter("beta_s", new Distribution(DistributionKind.Uniform, -0.4, 0.4)));
        b.Uncertain.Add(new UncertainParameter("lambda", new Distribution(DistributionKind.Uniform, 0.05, 0.5)));
        b.Uncertain.Add(new UncertainParameter("lsg_distance_km", new Distribution(DistributionKind.Uniform, 4000, 12000)));
        b.Uncertain.Add(new UncertainParameter("threat_distance_km", new Distribution(DistributionKind.Uniform, 2000, 5000)));
        b.Uncertain.Add(new UncertainParameter("posture_troops_scale", new Distribution(DistributionKind.Uniform, 20000, 40000)));
        b.Uncertain.Add(new UncertainParameter("ces_rho", new Distribution(DistributionKind.Uniform, -2, -0.1)));
        b.Uncertain.Add(new UncertainParameter("gamma", new Distribution(DistributionKind.Uniform, 2, 6)));
        return b.Build(TestKit.Registry);
    }

    private static Walk Run()
    {
        var inputs = World();
        var sim = new Simulation(inputs, Runs);
        sim.Reset([.. Enumerable.Range(0, Runs).Select(r => (long)r)], Seed);
        var snapshots = new List<Snapshot> { Snapshot.Of(sim) };
        while (!sim.Done)
        {
            sim.Step();
            snapshots.Add(Snapshot.Of(sim));
        }

        var walk = new Walk(sim, inputs, snapshots);
        for (int lane = 0; lane < Runs; lane++)
        {
            walk.Lane(lane);
        }

        return walk;
    }

    private sealed record Check(string Section, string What, double Expected, double Actual, double Tolerance)
    {
        public bool Passes => Expected == Actual || Math.Abs(Expected - Actual) <= Tolerance * Math.Max(Math.Abs(Expected), Math.Abs(Actual));

        public override string ToString() =>
            $"  {What}: expected {Expected:R}, kernel {Actual:R} (relative {Math.Abs(Expected - Actual) / Math.Max(Math.Abs(Expected), Math.Abs(Actual)):E2} > {Tolerance:E0})";
    }

    /// <summary>The public state after each year that is not in the records: mixes and money accounting, per actor and lane.</summary>
    private sealed record Snapshot(double[] Mix, double[] Backlog, double[] Absorbed, double[] Wasted)
    {
        public static Snapshot Of(Simulation sim)
        {
            int a = sim.Inputs.ActorCount, r = sim.BlockSize;
            var mix = new double[a * MissionAreas.Count * r];
            var backlog = new double[a * r];
            var absorbed = new double[a * r];
            var wasted = new double[a * r];
            for (int i = 0; i < a; i++)
            {
                for (int l = 0; l < r; l++)
                {
                    for (int m = 0; m < MissionAreas.Count; m++)
                    {
                        mix[(((i * MissionAreas.Count) + m) * r) + l] = sim.MixOf(i, (MissionArea)m, l);
                    }

                    var acc = sim.Accounting(i, l);
                    backlog[(i * r) + l] = acc.Backlog;
                    absorbed[(i * r) + l] = acc.Absorbed;
                    wasted[(i * r) + l] = acc.Wasted;
                }
            }

            return new Snapshot(mix, backlog, absorbed, wasted);
        }
    }

    /// <summary>Walks each lane through the years, comparing the kernel's records with <see cref="Equations"/>.</summary>
    private sealed class Walk(Simulation sim, ModelInputs inputs, List<Snapshot> snapshots)
    {
        private const int Mis = MissionAreas.Count;
        private readonly int _a = inputs.ActorCount;
        private readonly int _us = inputs.PatronIndex;
        private readonly int _lead = inputs.LeadAdversaryIndex;
        private readonly int[] _allies = [.. Enumerable.Range(0, inputs.ActorCount).Where(inputs.IsAlly)];
        private readonly int[] _adversaries = [.. Enumerable.Range(0, inputs.ActorCount).Where(i => inputs.Roles[i] == CountryRole.Adversary)];

        // Per lane.
        private int _lane;
        private ModelParameters<double> _p;
        private ulong _key;
        private StancePath _path = null!;
        private double[] _lsg = [];
        private double[][] _prox = [];
        private double[] _nuclear = [];
        private double[] _q = [];
        private double[][] _kMis = [];
        private double[] _alpha = [];
        private double[] _threat0 = [];
        private double _kCoalPrev;
        private double _advM0;
        private double _coalM0;
        private readonly Dictionary<(int Lane, int Actor, int T), double> _capacity = [];

        public List<Check> Checks { get; } = [];

        public int RandomCrises { get; private set; }

        public int Executions { get; private set; }

        public int AllyExecutions { get; private set; }

        public int Hedgers { get; private set; }

        public int Bandwagoners { get; private set; }

        public int CapacityBinding { get; private set; }

        public int Coerced { get; private set; }

        public void Lane(int lane)
        {
            _lane = lane;
            _p = sim.ParametersOf(lane);
            _key = CounterRng.RunKey(Seed, sim.RunIndexOf(lane));
            _path = inputs.StancePaths[sim.StancePathOf(lane)];
            InitialState();
            for (int t = 0; t < inputs.Steps; t++)
            {
                Year(t);
            }

            Crossovers();
        }

        private int StartYear => inputs.StartYear;

        private double R(ActorIndicator kind, int i, int t) => sim.Indicator(sim.Layout.Of(kind, i), t, _lane);

        private double R(CoalitionIndicator kind, int t) => sim.Indicator(sim.Layout.Of(kind), t, _lane);

        private bool Aligned(int i, int t) => R(ActorIndicator.AlignmentState, i, t) == 0;

        private double MixAt(int t, int i, int m) => snapshots[t].Mix[(((i * Mis) + m) * sim.BlockSize) + _lane];

        private double Distance(int i, int j) => inputs.DistanceKm[(i * _a) + j];

        private ulong Counter(int t, int actor, int stream) => (ulong)((((long)t * (_a + 1)) + actor) * 16) + (ulong)stream;

        private double Normal(int t, int actor, int stream) => CounterRng.Normal(_key, Counter(t, actor, stream));

        private double Uniform(int t, int actor, int stream) => CounterRng.Uniform(_key, Counter(t, actor, stream));

        private bool ExecutedBy(int i, int year) => sim.ThreatExecutedYear(i, _lane) is int y && y <= year;

        private bool AnyExecutedBy(int year) => _allies.Any(i => ExecutedBy(i, year));

        private double Schedule(System.Collections.Immutable.ImmutableArray<double> table, int t, int i) => table[(t * _a) + i];

        private double Launchers(int t, int i) => inputs.MissileDeployments.Where(d => d.Host == i && d.Year <= StartYear + t).Sum(d => d.Launchers);

        private double LaunchersTotal(int t) => Enumerable.Range(0, _a).Sum(i => Launchers(t, i));

        private double Phi(int i) => double.IsNaN(inputs.Phi[i]) ? _p.PhiDefault : inputs.Phi[i];

        private double Link(int t, int i, int j)
        {
            double l = inputs.Links[(i * _a) + j];
            foreach (var c in inputs.LinkChanges.Where(c => c.Year <= StartYear + t).OrderBy(c => c.Year))
            {
                if ((c.From == i && c.To == j) || (c.From == j && c.To == i))
                {
                    l = c.Strength;
                }
            }

            return l;
        }

        /// <summary>The stance toward ally <paramref name="i"/> in year index t: its own where set, else the lane's path.</summary>
        private StanceYear StanceOf(int t, int i) => inputs.AllyStances[(t * _a) + i] ?? _path.Years[t];

        private double Theatre(int tableIndex, StanceKind stance) =>
            Equations.TheatreShare(inputs.TheatreShare[tableIndex], stance == StanceKind.Disengage, _p.DisengageTheatre);

        private void Add(string section, string what, int t, double expected, double actual, double tolerance) =>
            Checks.Add(new Check(section, $"lane {_lane} {StartYear + t} {what}", expected, actual, tolerance));

        private double Threat(int t, int i, double crisis)
        {
            double stock = Equations.ProximityWeightedStock(_prox[i], [.. _adversaries.Select(j => R(ActorIndicator.Capability, j, t))]);
            return Equations.Threat(stock, _p.CrisisThreat, crisis, _p.HostingThreat, Launchers(t, i));
        }

        private double SpillIn(int t, int i, double theatre, double posture, bool executed)
        {
            double usLsg = Equations.UsLossOfStrength(_lsg[_us], _p.PostureLsgRelief, posture);
            double us = Equations.UsSpillIn(R(ActorIndicator.Credibility, i, t), theatre, R(ActorIndicator.Capability, _us, t), usLsg, Equations.StepBackRetention(executed ? 1 : 0, _p.UsStepbackSpillin), Aligned(i, t));
            var others = _allies.Where(j => j != i).ToArray();
            return Equations.SpillIn(
                us,
                [.. others.Select(j => Link(t, i, j))],
                [.. others.Select(j => R(ActorIndicator.Alignment, j, t) * (Aligned(j, t) ? 1 : 0))],
                [.. others.Select(j => R(ActorIndicator.Capability, j, t))]);
        }

        private double Posture(int t, int i, bool executed) =>
            Equations.Posture(_p, Schedule(inputs.Troops, t, i), Schedule(inputs.Bases, t, i), Schedule(inputs.HostNationSupport, t, i), executed ? 1 : 0);

        private void InitialState()
        {
            const string s = "initial state";
            _lsg = [.. Enumerable.Range(0, _a).Select(i => Equations.LossOfStrength(Distance(i, _lead), _p.LsgDistanceKm))];
            _prox = [.. Enumerable.Range(0, _a).Select(i => _adversaries.Select(j => j == i ? 0 : Equations.ProximityWeight(Distance(i, j), _p.ThreatDistanceKm)).ToArray())];
            _nuclear = [.. Enumerable.Range(0, _a).Select(i => Equations.NuclearThreat(_prox[i], [.. _adversaries.Select(j => inputs.NuclearWarheads[j])], _p.NuclearThreatWarheads))];
            _q = new double[_a];
            _kMis = new double[_a][];
            _alpha = new double[_a];
            _threat0 = new double[_a];
            for (int i = 0; i < _a; i++)
            {
                double m0 = inputs.MilitaryExpenditure[i];
                Add(s, $"GDP {inputs.Codes[i]}", 0, Equations.InitialGdp(m0, inputs.Share[i]), R(ActorIndicator.Gdp, i, 0), 0);
                Add(s, $"capability {inputs.Codes[i]}", 0, Equations.InitialCapability(Phi(i), m0, _p.Delta, inputs.TrendGrowth[i]), R(ActorIndicator.Capability, i, 0), Arithmetic);
                bool ally = inputs.IsAlly(i);
                double c0 = i == _us ? 1 : ally ? _p.InitialCredibility : 0;
                Add(s, $"credibility {inputs.Codes[i]}", 0, c0, R(ActorIndicator.Credibility, i, 0), 0);
                Add(s, $"alignment {inputs.Codes[i]}", 0, i == _us ? 1 : ally ? _p.InitialAlignment : 0, R(ActorIndicator.Alignment, i, 0), 0);
                Add(s, $"interoperability {inputs.Codes[i]}", 0, i == _us ? 1 : ally ? _p.InitialInteroperability : 0, R(ActorIndicator.Interoperability, i, 0), 0);
                Add(s, $"hedging {inputs.Codes[i]}", 0, ally && inputs.NuclearWarheads[i] <= 0 ? _p.InitialHedging : 0, R(ActorIndicator.Hedging, i, 0), 0);
                double d0 = Equations.Duplication(_p, c0, aligned: true);
                _kMis[i] = new double[Mis];
                for (int m = 0; m < Mis; m++)
                {
                    double comp = inputs.ComplementaryMix[(i * Mis) + m], auto = inputs.AutonomousMix[(i * Mis) + m];
                    double x = ally ? Equations.InvestmentMix(d0, comp, auto) : i == _us ? comp : auto;
                    Add(s, $"mix {inputs.Codes[i]} {(MissionArea)m}", 0, x, MixAt(0, i, m), Arithmetic);
                    _kMis[i][m] = Equations.MissionStock(R(ActorIndicator.Capability, i, 0), MixAt(0, i, m));
                }
            }

            // The demand intercept: the start year on the balanced-growth path (threat and spill-ins of the start, no crisis).
            var stance = _path.Years[0];
            foreach (int i in _allies)
            {
                double m0 = inputs.MilitaryExpenditure[i];
                _threat0[i] = Threat(0, i, crisis: 0);
                double spill = SpillIn(0, i, Theatre(0, StanceOf(0, i).Kind), Posture(0, i, executed: false), executed: false);
                double desired = Equations.DesiredLogSpending(0, _p.BetaY, Math.Log(R(ActorIndicator.Gdp, i, 0)), _p.BetaT, Equations.ThreatTerm(_threat0[i]), _p.BetaS, Equations.SpillInTerm(spill, m0), 0, 0);
                _alpha[i] = Equations.DemandIntercept(Math.Log(m0), desired, _p.BetaY, _p.Lambda, inputs.TrendGrowth[i]);
            }

            // Adversaries react to coalition capability growth from the start (the theatre share before any stance factor).
            _kCoalPrev = Equations.CoalitionTotal(inputs.TheatreShare[0], R(ActorIndicator.Capability, _us, 0), [.. _allies.Select(i => R(ActorIndicator.Capability, i, 0))], [.. _allies.Select(_ => true)]);
            _advM0 = _adversaries.Sum(j => R(ActorIndicator.Spending, j, 0));
            _coalM0 = Enumerable.Range(0, _a).Where(i => i == _us || inputs.IsAlly(i)).Sum(i => R(ActorIndicator.Spending, i, 0));
            Aggregate(0, 0, stance.Kind, 0);
        }

        private void Year(int t)
        {
            int year = StartYear + t;
            var stance = _path.Years[t];
            double dialogue = inputs.Dialogue[t];

            // §11: crisis arrival (the build-up counts every ally, aligned or not, and the US).
            double crisis = R(CoalitionIndicator.Crisis, t + 1);
            double adv = _adversaries.Sum(j => R(ActorIndicator.Spending, j, t));
            double coal = Enumerable.Range(0, _a).Where(i => i == _us || inputs.IsAlly(i)).Sum(i => R(ActorIndicator.Spending, i, t));
            double hazard = Equations.CrisisHazard(_p, Equations.Buildup(adv, _advM0, coal, _coalM0), LaunchersTotal(t), dialogue);
            bool random = Uniform(t, _a, 2) < hazard;
            RandomCrises += random ? 1 : 0;
            double scheduled = inputs.Crises.Where(c => c.Year == year).Select(c => c.Intensity).DefaultIfEmpty(0).Max();
            Add("§11", "crisis intensity", t + 1, Equations.CrisisIntensity(_p, random, scheduled, dialogue), crisis, Arithmetic);

            // §3: decisions. Actors without a demand rule first, with the adversaries' reaction to coalition growth.
            double theatre = Theatre(t, stance.Kind);
            double kCoal = Equations.CoalitionTotal(theatre, R(ActorIndicator.Capability, _us, t), [.. _allies.Select(i => R(ActorIndicator.Capability, i, t))], [.. _allies.Select(i => Aligned(i, t))]);
            double growthK = Equations.CoalitionCapabilityGrowth(kCoal, _kCoalPrev);
            _kCoalPrev = kCoal;
            var proposed = new double[_a];
            var duplication = new double[_a];
            var threat = new double[_a];
            for (int i = 0; i < _a; i++)
            {
                double m = R(ActorIndicator.Spending, i, t);
                if (inputs.Roles[i] == CountryRole.Adversary)
                {
                    proposed[i] = Equations.AdversarySpending(m, i == _lead ? _p.GC : inputs.TrendGrowth[i], _p.AdversaryReaction, growthK);
                }
                else if (!inputs.IsAlly(i))
                {
                    proposed[i] = Equations.TrendSpending(m, inputs.TrendGrowth[i]);
                }
            }

            bool anyBefore = AnyExecutedBy(year - 1);
            foreach (int i in _allies)
            {
                bool executedBefore = ExecutedBy(i, year - 1);
                bool aligned = Aligned(i, t);
                double posture = Posture(t, i, executedBefore);
                threat[i] = Threat(t, i, crisis);
                var own = StanceOf(t, i);
                double spill = SpillIn(t, i, Theatre(t, own.Kind), posture, executedBefore);

                // §4: the belief q, recorded with the year it decides.
                _q[i] = R(ActorIndicator.Belief, i, t + 1);
                Add("§4", $"belief {inputs.Codes[i]}", t + 1, Equations.Discounting(_p, own.Harshness, posture, anyBefore, aligned), _q[i], LaneMathOnce);

                double pressure = Equations.Pressure(_p.PressureRho, own.TargetShare, R(ActorIndicator.Share, i, t), _q[i]);
                double lnY = Math.Log(R(ActorIndicator.Gdp, i, t));
                double desired = Equations.DesiredLogSpending(
                    _alpha[i], _p.BetaY, lnY, _p.BetaT, Equations.ThreatTerm(threat[i]), _p.BetaS, Equations.SpillInTerm(spill, inputs.MilitaryExpenditure[i]), _p.BetaP, Equations.PressureTerm(pressure));
                desired = Equations.CappedDesiredLogSpending(desired, lnY, _p.MaxPeacetimeBurden);
                proposed[i] = Math.Exp(Equations.PartialAdjustment(Math.Log(R(ActorIndicator.Spending, i, t)), desired, _p.Lambda, _p.SigmaM, Normal(t, i, 1)));

                // §7: duplication and this year's mix.
                duplication[i] = Equations.Duplication(_p, R(ActorIndicator.Credibility, i, t), aligned);
                for (int m = 0; m < Mis; m++)
                {
                    double mix = Equations.InvestmentMix(duplication[i], inputs.ComplementaryMix[(i * Mis) + m], inputs.AutonomousMix[(i * Mis) + m]);
                    Add("§7", $"mix {inputs.Codes[i]} {(MissionArea)m}", t + 1, mix, MixAt(t + 1, i, m), LaneMathOnce);
                }
            }

            // §5: threats executed at a conditional deadline (the ally's own or the lane's), with probability q.
            foreach (int i in _allies)
            {
                var own = StanceOf(t, i);
                bool expected = own.Kind == StanceKind.Conditional && own.DeadlineYear == year
                    && Equations.ThreatExecuted(true, ExecutedBy(i, year - 1), Aligned(i, t), R(ActorIndicator.Share, i, t), own.TargetShare, Uniform(t, i, 6), _q[i]);
                Executions += expected ? 1 : 0;
                AllyExecutions += expected && inputs.AllyStances[(t * _a) + i] is not null ? 1 : 0;
                Add("§5", $"threat executed against {inputs.Codes[i]}", t, expected ? 1 : 0, ExecutedBy(i, year) && !ExecutedBy(i, year - 1) ? 1 : 0, 0);
            }

            // §1 and §2 for every actor; the budget decided above within its bounds.
            double zCommon = Normal(t, _a, 0);
            for (int i = 0; i < _a; i++)
            {
                bool ally = inputs.IsAlly(i);
                double coercion = Equations.Coercion(_p.CoercionGdpShock, inputs.TradeDependenceAdversary[i], crisis, Launchers(t, i));
                Coerced += coercion > 0 ? 1 : 0;
                double shock = inputs.Shocks.Where(s => s.Year == year && s.Actors.Contains(i)).Sum(s => s.GdpChange);
                double gdp = Equations.NextGdp(R(ActorIndicator.Gdp, i, t), inputs.TrendGrowth[i], shock, _p.GdpVolatility, Equations.EconomicShock(_p.ShockCorrelation, zCommon, Normal(t, i, 0)), coercion);
                Add("§1", $"GDP {inputs.Codes[i]}", t + 1, gdp, R(ActorIndicator.Gdp, i, t + 1), Arithmetic);

                int o = (i * sim.BlockSize) + _lane;
                double m = R(ActorIndicator.Spending, i, t);
                double backlog = snapshots[t].Backlog[o];
                double capacity = CapacityOf(i, t);
                var absorption = Equations.IndustrialAbsorption(m, backlog, capacity, _p.BacklogWaste);
                CapacityBinding += absorption.Unabsorbed > 0 ? 1 : 0;
                Add("§2", $"backlog {inputs.Codes[i]}", t + 1, absorption.NextBacklog, snapshots[t + 1].Backlog[o], Arithmetic);
                Add("§2", $"absorbed (cumulative) {inputs.Codes[i]}", t + 1, snapshots[t].Absorbed[o] + absorption.Spending + absorption.Backlog, snapshots[t + 1].Absorbed[o], Arithmetic);
                Add("§2", $"wasted (cumulative) {inputs.Codes[i]}", t + 1, snapshots[t].Wasted[o] + absorption.Waste, snapshots[t + 1].Wasted[o], Arithmetic);
                double phi = Equations.EffectiveConversion(Phi(i), _p.DuplicationPhiPenalty, ally ? duplication[i] : 0);
                double k = 0;
                for (int mm = 0; mm < Mis; mm++)
                {
                    double gain = inputs.Programmes.Where(g => g.Year <= year && g.Mission == (MissionArea)mm && g.Members.Contains(i)).Sum(g => g.PhiGain);
                    _kMis[i][mm] = Equations.CapabilityAccumulation(_kMis[i][mm], _p.Delta, phi, absorption.Spending, absorption.Backlog, _p.BacklogEfficiency, MixAt(t + 1, i, mm), gain);
                    k += _kMis[i][mm];
                }

                Add("§2", $"capability {inputs.Codes[i]}", t + 1, k, R(ActorIndicator.Capability, i, t + 1), Arithmetic);
                double gdpNext = R(ActorIndicator.Gdp, i, t + 1);
                double spending = Equations.BoundedSpending(proposed[i], gdpNext, ally ? _p.MaxPeacetimeBurden : _p.MaxBurden);
                Add("§3", $"spending {inputs.Codes[i]}", t + 1, spending, R(ActorIndicator.Spending, i, t + 1), ally ? Demand : Arithmetic);
                Add("§3", $"burden {inputs.Codes[i]}", t + 1, R(ActorIndicator.Spending, i, t + 1) / gdpNext, R(ActorIndicator.Share, i, t + 1), 0);
            }

            bool anyAfter = AnyExecutedBy(year);
            foreach (int i in _allies)
            {
                // §5: credibility, with this year's executions.
                bool executed = ExecutedBy(i, year);
                var own = StanceOf(t, i);
                double target = Equations.TargetCredibility(_p, own.Kind, inputs.Treaty[i], Posture(t, i, executed), own.Harshness, executed, anyAfter, Schedule(inputs.CostSharing, t, i));
                double c = Equations.NextCredibility(R(ActorIndicator.Credibility, i, t), target, Equations.CredibilityAdjustmentSpeed(_p, crisis));
                Add("§5", $"credibility {inputs.Codes[i]}", t + 1, c, R(ActorIndicator.Credibility, i, t + 1), LaneMathOnce);

                // §6: drift with the updated credibility, then the realignment event.
                double shortfall = Equations.CredibilityShortfall(_p, R(ActorIndicator.Credibility, i, t + 1));
                double dependence = inputs.TradeDependenceAdversary[i];
                double growth = Equations.ThreatGrowth(threat[i], _threat0[i]);
                double alignment = Equations.NextAlignment(_p, R(ActorIndicator.Alignment, i, t), shortfall, growth, dependence, Launchers(t, i));
                double state = R(ActorIndicator.AlignmentState, i, t);
                bool realigns = Aligned(i, t) && Uniform(t, i, 4) < Equations.RealignmentHazard(_p, shortfall, dependence, growth);
                if (realigns)
                {
                    bool bandwagon = Uniform(t, i, 5) < Equations.BandwagonProbability(_p, dependence);
                    state = (double)(bandwagon ? AlignmentState.Bandwagoning : AlignmentState.Hedging);
                    alignment = Equations.RealignedAlignment(_p, alignment, bandwagon);
                    Bandwagoners += bandwagon ? 1 : 0;
                    Hedgers += bandwagon ? 0 : 1;
                    Add("§6", $"realignment year {inputs.Codes[i]}", t + 1, year + 1, sim.RealignmentYear(i, _lane) ?? 0, 0);
                }

                alignment = state == (double)AlignmentState.Bandwagoning ? 0 : alignment;
                Add("§6", $"state {inputs.Codes[i]}", t + 1, state, R(ActorIndicator.AlignmentState, i, t + 1), 0);
                Add("§6", $"alignment {inputs.Codes[i]}", t + 1, alignment, R(ActorIndicator.Alignment, i, t + 1), LaneMathOnce);

                // §7: nuclear hedging of non-nuclear allies.
                if (inputs.NuclearWarheads[i] <= 0)
                {
                    double h = Equations.NextHedging(_p, R(ActorIndicator.Hedging, i, t), Equations.HedgingTarget(_p, shortfall, _nuclear[i]));
                    Add("§7", $"hedging {inputs.Codes[i]}", t + 1, h, R(ActorIndicator.Hedging, i, t + 1), LaneMathOnce);
                }

                // §8: interoperability with the updated alignment.
                double links = Enumerable.Range(0, _a).Sum(j => Link(t, i, j));
                double gainIo = inputs.Programmes.Where(g => g.Year <= year && g.Members.Contains(i)).Sum(g => g.InteroperabilityGain);
                double io = Equations.NextInteroperability(_p, R(ActorIndicator.Interoperability, i, t), R(ActorIndicator.Alignment, i, t + 1), links, gainIo, duplication[i]);
                Add("§8", $"interoperability {inputs.Codes[i]}", t + 1, io, R(ActorIndicator.Interoperability, i, t + 1), Arithmetic);
            }

            // §9: the Richardson pair.
            var (x, y) = Equations.RichardsonStep(_p, R(CoalitionIndicator.CoalitionMissiles, t), R(CoalitionIndicator.AdversaryMissiles, t), LaunchersTotal(t));
            Add("§9", "coalition missiles", t + 1, x, R(CoalitionIndicator.CoalitionMissiles, t + 1), Arithmetic);
            Add("§9", "adversary missiles", t + 1, y, R(CoalitionIndicator.AdversaryMissiles, t + 1), Arithmetic);

            // The aggregates of year t+1 are made before the next year's schedules: the theatre-share table is read at t+1,
            // the stance, posture and hosting are still year t's.
            Aggregate(t + 1, t + 1, stance.Kind, t);
        }

        /// <summary>Q_i(t), by §2 from the start: capacity is not recorded, so the reference carries it.</summary>
        private double CapacityOf(int i, int t)
        {
            if (_capacity.TryGetValue((_lane, i, t), out double q))
            {
                return q;
            }

            q = t == 0
                ? Equations.InitialIndustrialCapacity(inputs.MilitaryExpenditure[i], _p.IndustrialHeadroom)
                : Equations.NextIndustrialCapacity(CapacityOf(i, t - 1), R(ActorIndicator.Spending, i, t - 1), snapshots[t - 1].Backlog[(i * sim.BlockSize) + _lane], _p.IndustrialAdjustment);
            _capacity[(_lane, i, t)] = q;
            return q;
        }

        private void Aggregate(int t, int theatreIndex, StanceKind stance, int scheduleT)
        {
            int year = StartYear + scheduleT;
            double theatre = Theatre(theatreIndex, stance);
            var all = Enumerable.Range(0, _a).ToArray();
            var executed = all.Select(i => t > 0 && ExecutedBy(i, year) ? 1.0 : 0.0).ToArray();
            double posture = Equations.ForwardPosture(_p, [.. all.Select(i => Schedule(inputs.Troops, scheduleT, i))], [.. all.Select(i => Schedule(inputs.Bases, scheduleT, i))], executed);
            double usLsg = Equations.UsLossOfStrength(_lsg[_us], _p.PostureLsgRelief, posture);
            double ym = R(CoalitionIndicator.AdversaryMissiles, t);
            var coalition = new double[Mis];
            var adversary = new double[Mis];
            for (int m = 0; m < Mis; m++)
            {
                coalition[m] = Equations.UsMissionEffectiveness(theatre, usLsg, _kMis[_us][m]);
            }

            int strike = (int)MissionArea.LongRangeStrike;
            coalition[strike] += Equations.MissileStrike(_p.MissileCapability, R(CoalitionIndicator.CoalitionMissiles, t));
            adversary[strike] += Equations.MissileStrike(_p.MissileCapability, ym);
            var usMix = Enumerable.Range(0, Mis).Select(m => MixAt(t, _us, m)).ToArray();
            var overlaps = new double[_allies.Length];
            double exposure = 0;
            for (int x = 0; x < _allies.Length; x++)
            {
                int i = _allies[x];
                bool aligned = Aligned(i, t);
                double bandwagon = R(ActorIndicator.AlignmentState, i, t) == (double)AlignmentState.Bandwagoning ? _p.BandwagonTransfer : 0;
                for (int m = 0; m < Mis; m++)
                {
                    coalition[m] += Equations.AllyMissionEffectiveness(R(ActorIndicator.Interoperability, i, t), R(ActorIndicator.Alignment, i, t), _lsg[i], _kMis[i][m], aligned);
                    adversary[m] += Equations.AdversaryMissionEffectiveness(bandwagon, _lsg[i], _kMis[i][m]);
                }

                overlaps[x] = Equations.DuplicationIndex([.. Enumerable.Range(0, Mis).Select(m => MixAt(t, i, m))], usMix);
                Add("§7", $"duplication index {inputs.Codes[i]}", t, overlaps[x], R(ActorIndicator.Duplication, i, t), Arithmetic);
                double e = Equations.HostExposure(Launchers(scheduleT, i), _p.HostTargetingShare, ym);
                Add("§10", $"host exposure {inputs.Codes[i]}", t, e, R(ActorIndicator.HostExposure, i, t), Arithmetic);
                exposure += e;
            }

            foreach (int j in _adversaries)
            {
                for (int m = 0; m < Mis; m++)
                {
                    adversary[m] += Equations.AdversaryMissionEffectiveness(1, _lsg[j], _kMis[j][m]);
                }
            }

            for (int m = 0; m < Mis; m++)
            {
                Add("§8", $"effectiveness {(MissionArea)m}", t, coalition[m] * 1e-9, R((CoalitionIndicator)m, t), Arithmetic);
            }

            var weights = Equations.MissionWeights(_p);
            Add("§8", "coalition effectiveness", t, Equations.CesEffectiveness(coalition, weights, _p.CesRho) * 1e-9, R(CoalitionIndicator.Effectiveness, t), Ces);
            Add("§8", "adversary effectiveness", t, Equations.CesEffectiveness(adversary, weights, _p.CesRho) * 1e-9, R(CoalitionIndicator.AdversaryEffectiveness, t), Ces);
            Add("§10", "total host exposure", t, exposure, R(CoalitionIndicator.HostExposure, t), Arithmetic);

            // §12, from the recorded effectiveness (the reference's own is checked above).
            Add("§12", "balance", t, Equations.BalanceRatio(R(CoalitionIndicator.Effectiveness, t), R(CoalitionIndicator.AdversaryEffectiveness, t)), R(CoalitionIndicator.Balance, t), Arithmetic);
            var alignedNow = _allies.Select(i => Aligned(i, t)).ToArray();
            double Total(ActorIndicator k) => Equations.CoalitionTotal(theatre, R(k, _us, t), [.. _allies.Select(i => R(k, i, t))], alignedNow);
            double AdversaryTotal(ActorIndicator k) => _adversaries.Sum(j => R(k, j, t));
            Add("§12", "spending ratio", t, Total(ActorIndicator.Spending) / AdversaryTotal(ActorIndicator.Spending), R(CoalitionIndicator.SpendingRatio, t), Arithmetic);
            Add("§12", "capability ratio", t, Total(ActorIndicator.Capability) / AdversaryTotal(ActorIndicator.Capability), R(CoalitionIndicator.CapabilityRatio, t), Arithmetic);
            double troops = all.Sum(i => Schedule(inputs.Troops, scheduleT, i) * (1 - executed[i]));
            double gross = Equations.UsCostGross(theatre, R(ActorIndicator.Spending, _us, t), _p.TroopCost, troops);
            double hns = all.Sum(i => Schedule(inputs.HostNationSupport, scheduleT, i));
            Add("§12", "US cost gross", t, gross, R(CoalitionIndicator.UsCostGross, t), Arithmetic);
            Add("§12", "US cost net", t, Equations.UsCostNet(gross, hns), R(CoalitionIndicator.UsCostNet, t), Arithmetic);
            Add("§7", "coalition duplication", t, Equations.CoalitionDuplication([.. _allies.Select(i => R(ActorIndicator.Spending, i, t))], overlaps, alignedNow), R(CoalitionIndicator.CoalitionDuplication, t), Arithmetic);
            Add("§6", "realigned allies", t, alignedNow.Count(a => !a), R(CoalitionIndicator.Realigned, t), 0);
        }

        /// <summary>§12: the crossover is the first year after the start with B &lt; 1; §7: the first year hedging reaches its threshold.</summary>
        private void Crossovers()
        {
            int? crossover = Enumerable.Range(1, inputs.Steps).Where(t => R(CoalitionIndicator.Balance, t) < 1).Select(t => (int?)(StartYear + t)).FirstOrDefault();
            Add("§12", "crossover year", inputs.Steps, crossover ?? 0, sim.CrossoverYear(_lane) ?? 0, 0);
            foreach (int i in _allies.Where(i => inputs.NuclearWarheads[i] <= 0))
            {
                int? crossed = Enumerable.Range(1, inputs.Steps).Where(t => R(ActorIndicator.Hedging, i, t) >= _p.HedgingThreshold).Select(t => (int?)(StartYear + t)).FirstOrDefault();
                Add("§7", $"hedging threshold year {inputs.Codes[i]}", inputs.Steps, crossed ?? 0, sim.HedgingCrossedYear(i, _lane) ?? 0, 0);
            }
        }
    }
}
