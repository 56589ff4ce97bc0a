using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ballast.Core.Countries;
using Ballast.Core.Model;
using Ballast.Core.Parameters;
using Ballast.Engine.Random;

namespace Ballast.Engine.Model;

/// <summary>
/// The reference alliance model (DESIGN.md parts 1–12) for a block of runs, stepped one year at a time.
/// State is a structure of arrays over actors × runs with runs innermost, so every equation is evaluated for
/// <see cref="Vector{T}.Count"/> runs at once; all buffers are allocated once, so <see cref="Step"/> does not allocate.
/// Each run draws its uncertain parameters, stance path and every shock from its own counter-based stream
/// (<see cref="CounterRng"/>) keyed by (seed, run index), so a run's numbers do not depend on the block it is in.
/// See docs/model.md for every equation.
/// </summary>
/// <remarks>
/// A year is computed one lane group (<see cref="Vector{T}.Count"/> runs) at a time through all its phases (crises,
/// decisions, threats, transition, aggregates, records), so a group's state stays in the first-level cache; lanes never
/// interact, so this gives the same numbers as phase by phase over the block. With a decision override the decisions of
/// the whole block are made first, handed to the override, and then applied. Everything that does not depend on the lane
/// (actor constants, record offsets, schedules, fixed parameters) is computed once per simulation or per year, not per run.
/// </remarks>
public sealed class Simulation
{
    private const int Mis = MissionAreas.Count;
    private const ulong SetupTag = 0xC2B2AE3D27D4EB4FUL;

    // Effectiveness is recorded in US$ bn (capability is constant 2023 dollars at φ = 1).
    private const double PerBn = 1e-9;

    private static readonly int W = Vector<double>.Count;
    private static readonly int LsgDistanceSlot = Slot(nameof(ModelParameters<double>.LsgDistanceKm));
    private static readonly int ThreatDistanceSlot = Slot(nameof(ModelParameters<double>.ThreatDistanceKm));
    private static readonly int NuclearThreatSlot = Slot(nameof(ModelParameters<double>.NuclearThreatWarheads));

    private readonly int _a;
    private readonly int _r;
    private readonly int _chunks;
    private readonly int _steps;
    private readonly int _nTargets;
    private readonly int[] _allies;
    private readonly int[] _adversaries;
    private readonly int _us;
    private readonly int _lead;
    private readonly ModelParameters<double> _base;
    private readonly ModelParameters<Vector<double>> _baseLanes; // every lane at the registry value
    private readonly int[] _uncertainIdx; // slot of each uncertain parameter in ModelParameters, resolved once
    private readonly ModelParameters<Vector<double>>[] _pv;
    private readonly ulong[] _keys;
    private readonly ulong[] _setupKeys;
    private readonly long[] _runIndex;
    private readonly int[] _path;
    private readonly YearDecisions _decisions;

    // Actor constants copied out of the inputs once (plain arrays: no interface or bounds-check overhead in the step).
    private readonly CountryRole[] _role;
    private readonly bool[] _isAlly;
    private readonly TreatyType[] _treaty;
    private readonly double[] _trend;
    private readonly double[] _invM0;       // 1 / start-year spending (spill-ins in years of the ally's own budget)
    private readonly double[] _phiIn;       // NaN = the registry's φ
    private readonly double[] _depAdv;
    private readonly double[] _warheads;
    private readonly double[] _compMix;     // [i * 7 + m]
    private readonly double[] _autoMix;
    private readonly double[] _theatreShare;
    private readonly double[] _y0;
    private readonly double[] _m0;
    private readonly double[] _lnM0;
    private readonly double[] _lagLog;      // ln(1 + max(0, g_i)) of the balanced-growth start
    private readonly double[] _lsg0;        // e^(−d/D) with the registry's D, when D is not uncertain
    private readonly double[] _prox0;       // [i * nAdv + k], likewise
    private readonly double[] _nt0;
    private readonly double _xMis0;
    private readonly double _yMis0;
    private readonly double _advM00;
    private readonly double _coalM00;
    private readonly bool _lsgFixed;
    private readonly bool _proxFixed;
    private readonly double[][] _pathKind;  // stance paths as plain arrays [path][t]
    private readonly double[][] _pathTarget;
    private readonly double[][] _pathDeadline;
    private readonly double[][] _pathHarsh;
    private readonly int[] _recActor;       // record offset of (kind, actor): [kind * A + i]
    private readonly int[] _recCoal;        // record offset of a coalition indicator

    // State, [i * R + r] unless noted.
    private readonly double[] _y;
    private readonly double[] _m;
    private readonly double[] _lnM;
    private readonly double[] _k;
    private readonly double[] _kMis; // [(i * 7 + m) * R + r]
    private readonly double[] _c;
    private readonly double[] _al;
    private readonly double[] _io;
    private readonly double[] _h;
    private readonly double[] _q;
    private readonly double[] _d;
    private readonly double[] _thr;
    private readonly double[] _lnThr;  // ln(1 + T_i) of the year being decided (demand and the threat-growth term of distancing)
    private readonly double[] _lnThr0; // ln(1 + T_i) at the start
    private readonly double[] _alpha;
    private readonly double[] _cap;
    private readonly double[] _backlog;
    private readonly double[] _cumSpend;
    private readonly double[] _cumAbsorbed;
    private readonly double[] _cumWaste;
    private readonly double[] _state;
    private readonly double[] _exec;
    private readonly double[] _lsg;   // loss-of-strength weight of actor i to the theatre
    private readonly double[] _nt;    // nuclear threat
    private readonly double[] _wT;    // proximity weights [(i * nAdv + k) * R + r]
    private readonly double[] _mix;   // current investment mix [(i * 7 + m) * R + r]

    // Per run.
    private readonly double[] _xMis;
    private readonly double[] _yMis;
    private readonly double[] _kCoalPrev;
    private readonly double[] _crisis;
    private readonly double[] _execAny;
    private readonly double[] _crossover;
    private readonly double[] _advM0;
    private readonly double[] _coalM0;
    private readonly double[] _stKind;
    private readonly double[] _stTarget;
    private readonly double[] _stDeadline;
    private readonly double[] _stHarsh;

    // Shared by the block (schedules).
    private readonly double[] _linkSum;   // Σ_j ℓ_ij, refreshed after the decisions (links may be overridden)
    private readonly int[] _netStart;     // positive ally-to-ally links of ally index a: [_netStart[a], _netStart[a + 1])
    private readonly int[] _netTo;
    private readonly double[] _netStrength;
    private readonly double[] _postureBase; // 1 − exp(−raw posture) of year t, set in Decide and reused in Apply
    private readonly bool _postureFixed;
    private readonly Vector<double>[] _cesWeight; // [ch * 7 + m], per block
    private readonly Vector<double>[] _cesScale;
    private readonly double[] _spillT;    // spill-ins and pressure of the lane group being decided, [ally index * W + lane]
    private readonly double[] _pressureT;
    private double _hnsTotal;
    private readonly double[] _schedLaunchers;   // per year: [t * A + i]
    private readonly double[] _schedPhiGain;     // [(t * A + i) * 7 + m]
    private readonly double[] _schedIoGain;
    private readonly double[] _schedGdpShock;
    private int _yo;                              // offset of the current year in the schedule tables: t * A
    private readonly double[] _schedTroops;
    private readonly double[] _schedBases;
    private readonly double[] _schedHns;
    private readonly double[] _schedCostSharing;
    private readonly double[] _schedPostureBase; // 1 − exp(−raw posture) per year and actor, when its parameters are fixed
    private readonly double[] _schedLaunchersTotal; // [t]
    private readonly double[] _schedHnsTotal;
    private readonly double[] _schedCrisis;
    private bool _linksChanged;
    private readonly double[] _startLinks;
    private double _launchersTotal;
    private double _scheduledCrisis;

    // Records and run summaries.
    private readonly double[] _rec; // [(t * indicators + ind) * R + r]
    private readonly int _indicators;
    private readonly double[] _realignYear;
    private readonly double[] _hedgeYear;
    private readonly double[] _execYear;
    private readonly double[] _targetYear; // [(k * A + i) * R + r]

    private int _t;

    /// <summary>Creates a simulation for a block of <paramref name="blockSize"/> runs (rounded up to a multiple of the vector width).</summary>
    public Simulation(ModelInputs inputs, int blockSize)
    {
        Inputs = inputs;
        int w = W;
        _r = Math.Max(w, (blockSize + w - 1) / w * w);
        _chunks = _r / w;
        _a = inputs.ActorCount;
        _steps = inputs.Steps;
        _nTargets = inputs.TargetShares.Length;
        _us = inputs.PatronIndex;
        _lead = inputs.LeadAdversaryIndex;
        _allies = [.. Enumerable.Range(0, _a).Where(inputs.IsAlly)];
        _adversaries = [.. Enumerable.Range(0, _a).Where(i => inputs.Roles[i] == CountryRole.Adversary)];
        _base = ParameterBinding.Resolve(inputs.Parameters);
        _baseLanes = Broadcast(_base);
        _uncertainIdx = [.. inputs.Uncertain.Select(u => ParameterBinding.IndexOf(u.Name, inputs.Parameters))];
        Layout = new IndicatorLayout(inputs.Codes);
        _pv = new ModelParameters<Vector<double>>[_chunks];
        _keys = new ulong[_r];
        _setupKeys = new ulong[_r];
        _runIndex = new long[_r];
        _path = new int[_r];

        _role = [.. inputs.Roles];
        _isAlly = [.. Enumerable.Range(0, _a).Select(inputs.IsAlly)];
        _treaty = [.. inputs.Treaty];
        _trend = [.. inputs.TrendGrowth];
        _invM0 = [.. inputs.MilitaryExpenditure.Select(m => 1 / m)];
        _phiIn = [.. inputs.Phi];
        _depAdv = [.. inputs.TradeDependenceAdversary];
        _warheads = [.. inputs.NuclearWarheads];
        _compMix = [.. inputs.ComplementaryMix];
        _autoMix = [.. inputs.AutonomousMix];
        _theatreShare = [.. inputs.TheatreShare];
        _m0 = [.. inputs.MilitaryExpenditure];
        _y0 = [.. Enumerable.Range(0, _a).Select(i => double.IsNaN(inputs.Share[i]) ? inputs.Gdp[i] : inputs.MilitaryExpenditure[i] / inputs.Share[i])];
        _lnM0 = [.. _m0.Select(m => Math.Log(m))];
        _lagLog = [.. _trend.Select(g => Math.Log(1 + Math.Max(0, g)))];
        int nAdv = _adversaries.Length;
        _lsgFixed = !_uncertainIdx.Contains(LsgDistanceSlot);
        _proxFixed = !_uncertainIdx.Contains(ThreatDistanceSlot) && !_uncertainIdx.Contains(NuclearThreatSlot);
        _lsg0 = new double[_a];
        _prox0 = new double[_a * Math.Max(1, nAdv)];
        _nt0 = new double[_a];
        for (int i = 0; i < _a; i++)
        {
            _lsg0[i] = Math.Exp(-Distance(i, _lead) / _base.LsgDistanceKm);
            double nt = 0;
            for (int k = 0; k < nAdv; k++)
            {
                int j = _adversaries[k];
                double prox = j == i ? 0 : Math.Exp(-Distance(i, j) / _base.ThreatDistanceKm);
                _prox0[(i * nAdv) + k] = prox;
                nt += prox * inputs.NuclearWarheads[j] / _base.NuclearThreatWarheads;
            }

            _nt0[i] = nt;
        }

        // Start-year totals in actor order (the same sums, in the same order, as a per-run loop would make).
        double xMis = 0;
        double yMis = 0;
        double advM = 0;
        double coalM = 0;
        for (int i = 0; i < _a; i++)
        {
            if (_role[i] == CountryRole.Adversary)
            {
                yMis += inputs.MissileInventory[i];
                advM += _m0[i];
            }
            else
            {
                xMis += inputs.MissileInventory[i];
                if (_isAlly[i] || i == _us)
                {
                    coalM += _m0[i];
                }
            }
        }

        _xMis0 = xMis;
        _yMis0 = yMis;
        _advM00 = advM;
        _coalM00 = coalM;
        int paths = inputs.StancePaths.Length;
        _pathKind = new double[paths][];
        _pathTarget = new double[paths][];
        _pathDeadline = new double[paths][];
        _pathHarsh = new double[paths][];
        for (int s = 0; s < paths; s++)
        {
            var years = inputs.StancePaths[s].Years;
            _pathKind[s] = [.. years.Select(y => (double)(int)y.Kind)];
            _pathTarget[s] = [.. years.Select(y => y.TargetShare)];
            _pathDeadline[s] = [.. years.Select(y => (double)y.DeadlineYear)];
            _pathHarsh[s] = [.. years.Select(y => y.Harshness)];
        }

        _indicators = Layout.Count;
        int span = _r; // records are year-major: [(t * indicators + ind) * R + r], so a year's writes are one contiguous slice
        _recActor = new int[IndicatorLayout.ActorKinds * _a];
        for (int kind = 0; kind < IndicatorLayout.ActorKinds; kind++)
        {
            for (int i = 0; i < _a; i++)
            {
                _recActor[(kind * _a) + i] = Layout.Of((ActorIndicator)kind, i) * span;
            }
        }

        _recCoal = new int[IndicatorLayout.CoalitionKinds];
        for (int kind = 0; kind < _recCoal.Length; kind++)
        {
            _recCoal[kind] = Layout.Of((CoalitionIndicator)kind) * span;
        }

        int ar = _a * _r;
        _y = new double[ar];
        _m = new double[ar];
        _lnM = new double[ar];
        _k = new double[ar];
        _kMis = new double[ar * Mis];
        _mix = new double[ar * Mis];
        _c = new double[ar];
        _al = new double[ar];
        _io = new double[ar];
        _h = new double[ar];
        _q = new double[ar];
        _d = new double[ar];
        _thr = new double[ar];
        _lnThr = new double[ar];
        _lnThr0 = new double[ar];
        _alpha = new double[ar];
        _cap = new double[ar];
        _backlog = new double[ar];
        _cumSpend = new double[ar];
        _cumAbsorbed = new double[ar];
        _cumWaste = new double[ar];
        _state = new double[ar];
        _exec = new double[ar];
        _lsg = new double[ar];
        _nt = new double[ar];
        _wT = new double[ar * Math.Max(1, nAdv)];
        _xMis = new double[_r];
        _yMis = new double[_r];
        _kCoalPrev = new double[_r];
        _crisis = new double[_r];
        _execAny = new double[_r];
        _crossover = new double[_r];
        _advM0 = new double[_r];
        _coalM0 = new double[_r];
        _stKind = new double[_r];
        _stTarget = new double[_r];
        _stDeadline = new double[_r];
        _stHarsh = new double[_r];
        _linkSum = new double[_a];
        _netStart = new int[_allies.Length + 1];
        _netTo = new int[_allies.Length * _allies.Length];
        _netStrength = new double[_allies.Length * _allies.Length];
        _postureBase = new double[ar];
        _postureFixed = !_uncertainIdx.Contains(Slot(nameof(ModelParameters<double>.PostureTroopsScale)))
            && !_uncertainIdx.Contains(Slot(nameof(ModelParameters<double>.PostureBasesScale)))
            && !_uncertainIdx.Contains(Slot(nameof(ModelParameters<double>.TroopCost)));
        _cesWeight = new Vector<double>[_chunks * Mis];
        _cesScale = new Vector<double>[_chunks * Mis];
        _spillT = new double[Math.Max(1, _allies.Length) * w];
        _pressureT = new double[Math.Max(1, _allies.Length) * w];
        LinkMatrix = new double[_a * _a];
        Launchers = new double[_a];
        NextSpending = new double[ar];
        NextMix = new double[ar * Mis];
        _rec = new double[Layout.Count * (_steps + 1) * _r];
        _realignYear = new double[ar];
        _hedgeYear = new double[ar];
        _execYear = new double[ar];
        _targetYear = new double[_nTargets * ar];
        int at = (_steps + 1) * _a;
        _schedLaunchers = new double[at];
        _schedPhiGain = new double[at * Mis];
        _schedIoGain = new double[at];
        _schedGdpShock = new double[at];
        _schedTroops = new double[at];
        _schedBases = new double[at];
        _schedHns = new double[at];
        _schedCostSharing = new double[at];
        _schedPostureBase = new double[at];
        _schedLaunchersTotal = new double[_steps + 1];
        _schedHnsTotal = new double[_steps + 1];
        _schedCrisis = new double[_steps + 1];
        BuildSchedules();

        // The links of the start year: the registry's, with the changes scheduled up to then applied in year order.
        inputs.Links.CopyTo(LinkMatrix);
        foreach (var lc in inputs.LinkChanges.Where(l => l.Year <= inputs.StartYear).OrderBy(l => l.Year))
        {
            SetLinkChange(lc);
        }

        _startLinks = [.. LinkMatrix];
        _decisions = new YearDecisions(this);
    }

    /// <summary>The frozen inputs.</summary>
    public ModelInputs Inputs { get; }

    /// <summary>Runs per block (a multiple of the vector width).</summary>
    public int BlockSize => _r;

    /// <summary>Names and indices of the recorded indicators.</summary>
    public IndicatorLayout Layout { get; }

    /// <summary>Year index of the current state (0 = start year).</summary>
    public int YearIndex => _t;

    /// <summary>Calendar year of the current state.</summary>
    public int Year => Inputs.StartYear + _t;

    /// <summary>True once the horizon is reached.</summary>
    public bool Done => _t >= _steps;

    internal double[] NextSpending { get; }

    internal double[] NextMix { get; }

    internal double[] LinkMatrix { get; }

    internal double[] Launchers { get; }

    /// <summary>
    /// Starts the block: lane r simulates run <paramref name="runIndices"/>[r] (lanes beyond the span are padding and are
    /// computed but meaningless). Draws each run's uncertain parameters and stance path from its stream and sets the initial state.
    /// </summary>
    public void Reset(ReadOnlySpan<long> runIndices, ulong seed) => Reset(runIndices, seed, default);

    /// <summary>
    /// Starts the block like <see cref="Reset(ReadOnlySpan{long}, ulong)"/>, but run k takes its uncertain parameters from
    /// <paramref name="uncertainValues"/>[k × U .. k × U + U) (U = <see cref="ModelInputs.Uncertain"/>.Length, in that order)
    /// instead of drawing them: experimental designs (Latin hypercube, Sobol, Morris) choose the values, the run's own
    /// stream still drives its stance path and shocks. An empty span draws as usual.
    /// </summary>
    public void Reset(ReadOnlySpan<long> runIndices, ulong seed, ReadOnlySpan<double> uncertainValues)
    {
        if (runIndices.Length > _r)
        {
            throw new ArgumentException($"at most {_r} runs per block", nameof(runIndices));
        }

        var inp = Inputs;
        var uncertain = inp.Uncertain;
        bool designed = !uncertainValues.IsEmpty;
        if (designed && runIndices.Length > 0 && uncertainValues.Length < runIndices.Length * uncertain.Length)
        {
            throw new ArgumentException("one value per uncertain parameter and run", nameof(uncertainValues));
        }

        for (int r = 0; r < _r; r++)
        {
            long run = r < runIndices.Length ? runIndices[r] : long.MaxValue - r;
            _runIndex[r] = run;
            _keys[r] = CounterRng.RunKey(seed, run);
            ulong setup = CounterRng.Mix(_keys[r] ^ SetupTag);
            _setupKeys[r] = setup;
            double u = CounterRng.Uniform(setup, 1UL << 40);
            double cum = 0;
            int path = inp.StancePaths.Length - 1;
            for (int s = 0; s < inp.StancePaths.Length; s++)
            {
                cum += inp.StancePaths[s].Probability;
                if (u < cum)
                {
                    path = s;
                    break;
                }
            }

            _path[r] = path;
        }

        // Uncertain parameters straight into their lanes: the uniform and the normal of every draw for a lane group at once
        // (the vector normal has the scalar one's bits), then each lane's value from its distribution.
        int w = W;
        for (int ch = 0; ch < _chunks; ch++)
        {
            int r0 = ch * w;
            _pv[ch] = _baseLanes;
            ref double lanes = ref Unsafe.As<ModelParameters<Vector<double>>, double>(ref _pv[ch]);
            var setupKeys = Keys(_setupKeys, r0);
            for (int k = 0; k < uncertain.Length; k++)
            {
                ref double slot = ref Unsafe.Add(ref lanes, _uncertainIdx[k] * w);
                var u = CounterRng.Uniform(setupKeys, (ulong)(2 * k));
                var z = CounterRng.Normal(setupKeys, (ulong)((2 * k) + 1));
                var distribution = uncertain[k].Distribution;
                for (int l = 0; l < w; l++)
                {
                    int r = r0 + l;
                    Unsafe.Add(ref slot, l) = designed && r < runIndices.Length
                        ? uncertainValues[(r * uncertain.Length) + k]
                        : distribution.Sample(u[l], z[l]);
                }
            }
        }

        _startLinks.CopyTo(LinkMatrix, 0);
        _t = 0;
        ApplySchedules(0);
        RefreshLinks();
        for (int ch = 0; ch < _chunks; ch++)
        {
            CesWeights(ch);
            InitialState(ch);
        }
    }

    /// <summary>Runs every remaining year.</summary>
    public void RunToHorizon(IDecisionOverride? decisionOverride = null)
    {
        while (!Done)
        {
            Step(decisionOverride);
        }
    }

    /// <summary>
    /// Advances one year: scheduled events, crisis arrival, every actor's decisions by its behavioural rule
    /// (spending, mix, stance, links, hosting), the optional override, then the state transition and the records.
    /// </summary>
    public void Step(IDecisionOverride? decisionOverride = null)
    {
        if (Done)
        {
            throw new InvalidOperationException("the simulation has reached its horizon");
        }

        int t = _t;
        if (t > 0)
        {
            ApplySchedules(t);
            if (_linksChanged)
            {
                RefreshLinks();
            }
        }

        if (decisionOverride is null)
        {
            for (int ch = 0; ch < _chunks; ch++)
            {
                Crises(t, ch);
                Decide(t, ch);
                ExecuteThreats(t, ch);
                Apply(t, ch);
                Aggregate(t + 1, ch);
                Record(t + 1, ch);
            }
        }
        else
        {
            for (int ch = 0; ch < _chunks; ch++)
            {
                Crises(t, ch);
                Decide(t, ch);
            }

            decisionOverride.Decide(_decisions);

            // The override may have changed links, hosting or stances: refresh what depends on them before applying.
            RefreshLinks();
            SumLaunchers();
            for (int ch = 0; ch < _chunks; ch++)
            {
                ExecuteThreats(t, ch);
                Apply(t, ch);
                Aggregate(t + 1, ch);
                Record(t + 1, ch);
            }
        }

        _t = t + 1;
    }

    /// <summary>A recorded indicator value (flat index from <see cref="Layout"/>) at a year index for a lane.</summary>
    public double Indicator(int indicator, int yearIndex, int lane) => _rec[(((yearIndex * _indicators) + indicator) * _r) + lane];

    /// <summary>A recorded indicator at a year index for every lane of the block.</summary>
    public ReadOnlySpan<double> IndicatorLanes(int indicator, int yearIndex) =>
        _rec.AsSpan(((yearIndex * _indicators) + indicator) * _r, _r);

    /// <summary>Run index simulated by a lane.</summary>
    public long RunIndexOf(int lane) => _runIndex[lane];

    /// <summary>Index of the stance path drawn by a lane.</summary>
    public int StancePathOf(int lane) => _path[lane];

    /// <summary>The parameter values a lane drew.</summary>
    public ModelParameters<double> ParametersOf(int lane)
    {
        var p = _base;
        var scalar = ParameterBinding.AsSpan(ref p);
        var lanes = ParameterBinding.AsSpan(ref _pv[lane / W]);
        for (int f = 0; f < scalar.Length; f++)
        {
            scalar[f] = lanes[f][lane % W];
        }

        return p;
    }

    /// <summary>First year with balance ratio below 1 for a lane, or null.</summary>
    public int? CrossoverYear(int lane) => ToYear(_crossover[lane]);

    /// <summary>Year an actor realigned (hedging or bandwagoning) in a lane, or null.</summary>
    public int? RealignmentYear(int actor, int lane) => ToYear(_realignYear[(actor * _r) + lane]);

    /// <summary>Current alignment state of an actor in a lane.</summary>
    public AlignmentState StateOf(int actor, int lane) => (AlignmentState)(int)_state[(actor * _r) + lane];

    /// <summary>Year an actor's nuclear-hedging propensity first crossed the threshold in a lane, or null.</summary>
    public int? HedgingCrossedYear(int actor, int lane) => ToYear(_hedgeYear[(actor * _r) + lane]);

    /// <summary>Year the US executed its threat against an actor in a lane (stepped back), or null.</summary>
    public int? ThreatExecutedYear(int actor, int lane) => ToYear(_execYear[(actor * _r) + lane]);

    /// <summary>First year an actor's burden reached target k (of <see cref="ModelInputs.TargetShares"/>) in a lane, or null.</summary>
    public int? TargetMetYear(int target, int actor, int lane) => ToYear(_targetYear[(((target * _a) + actor) * _r) + lane]);

    /// <summary>Money accounting of an actor's capability spending: (spent, absorbed, wasted, backlog), cumulative.</summary>
    public (double Spent, double Absorbed, double Wasted, double Backlog) Accounting(int actor, int lane)
    {
        int o = (actor * _r) + lane;
        return (_cumSpend[o], _cumAbsorbed[o], _cumWaste[o], _backlog[o]);
    }

    /// <summary>Current investment mix share of an actor in a mission area for a lane.</summary>
    public double MixOf(int actor, MissionArea mission, int lane) => _mix[(((actor * Mis) + (int)mission) * _r) + lane];

    internal StanceYear StanceOf(int lane) =>
        new((StanceKind)(int)_stKind[lane], _stTarget[lane], (int)_stDeadline[lane], _stHarsh[lane]);

    internal void SetStance(int lane, StanceYear s)
    {
        _stKind[lane] = (int)s.Kind;
        _stTarget[lane] = s.TargetShare;
        _stDeadline[lane] = s.DeadlineYear;
        _stHarsh[lane] = s.Harshness;
    }

    private static int Slot(string fieldName) => ParameterBinding.IndexOf(ParameterBinding.ToRegistryName(fieldName));

    private static ModelParameters<Vector<double>> Broadcast(ModelParameters<double> p)
    {
        var result = default(ModelParameters<Vector<double>>);
        var dst = ParameterBinding.AsSpan(ref result);
        var src = ParameterBinding.AsSpan(ref p);
        for (int f = 0; f < dst.Length; f++)
        {
            dst[f] = new Vector<double>(src[f]);
        }

        return result;
    }

    private static int? ToYear(double v) => double.IsNaN(v) ? null : (int)v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double D(double[] a) => ref MemoryMarshal.GetArrayDataReference(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> L(ref double a, int offset) => Vector.LoadUnsafe(ref a, (nuint)(uint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void S(ref double a, int offset, Vector<double> v) => v.StoreUnsafe(ref a, (nuint)(uint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ulong> Keys(ulong[] keys, int r0) => Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(keys), (nuint)(uint)r0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Logistic(Vector<double> z) =>
        Vector<double>.One / (Vector<double>.One + LaneMath.Exp(-Vector.MinNative(Vector.MaxNative(z, new Vector<double>(-700)), new Vector<double>(700))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Clamp01(Vector<double> v) => Vector.MinNative(Vector.MaxNative(v, Vector<double>.Zero), Vector<double>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> V(double s) => new(s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> AlignedOne(Vector<double> state) =>
        Vector.ConditionalSelect(Vector.Equals(state, Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero);

    /// <summary>e^x of each lane with <see cref="Math.Exp"/> (one call when the lanes agree): set-up values the scalar model computed so.</summary>
    private static Vector<double> ExpLanes(Vector<double> x)
    {
        double x0 = x[0];
        if (Vector.EqualsAll(x, new Vector<double>(x0)))
        {
            return new Vector<double>(Math.Exp(x0));
        }

        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (int l = 0; l < lanes.Length; l++)
        {
            lanes[l] = Math.Exp(x[l]);
        }

        return new Vector<double>(lanes);
    }

    private ulong Counter(int t, int actor, int stream) => (ulong)((((long)t * (_a + 1)) + actor) * 16) + (ulong)stream;

    private void SetLinkChange(LinkChange lc)
    {
        _linksChanged = true;
        LinkMatrix[(lc.From * _a) + lc.To] = lc.Strength;
        LinkMatrix[(lc.To * _a) + lc.From] = lc.Strength;
    }

    /// <summary>Scheduled inputs for year index t: links, hosting, programmes, posture, shocks, stance.</summary>
    private void ApplySchedules(int t)
    {
        var inp = Inputs;
        int year = inp.StartYear + t;
        if (t > 0)
        {
            foreach (var lc in inp.LinkChanges)
            {
                if (lc.Year == year)
                {
                    SetLinkChange(lc);
                }
            }
        }

        // The year's tables were built once (BuildSchedules) and are read at offset _yo; hosting is copied because the
        // override may change it.
        _yo = t * _a;
        Array.Copy(_schedLaunchers, _yo, Launchers, 0, _a);
        _launchersTotal = _schedLaunchersTotal[t];
        _hnsTotal = _schedHnsTotal[t];
        _scheduledCrisis = _schedCrisis[t];
        for (int r = 0; r < _r; r++)
        {
            int path = _path[r];
            _stKind[r] = _pathKind[path][t];
            _stTarget[r] = _pathTarget[path][t];
            _stDeadline[r] = _pathDeadline[path][t];
            _stHarsh[r] = _pathHarsh[path][t];
        }
    }

    /// <summary>
    /// The scheduled inputs of every year, computed once: hosted launchers, programme gains, GDP shocks, posture,
    /// host-nation support, cost sharing, the strongest scheduled crisis, and (when its parameters are fixed) the posture term.
    /// </summary>
    private void BuildSchedules()
    {
        var inp = Inputs;
        int a = _a;
        for (int t = 0; t <= _steps; t++)
        {
            int year = inp.StartYear + t;
            int o = t * a;
            foreach (var dep in inp.MissileDeployments)
            {
                if (dep.Year <= year)
                {
                    _schedLaunchers[o + dep.Host] += dep.Launchers;
                }
            }

            foreach (var prog in inp.Programmes)
            {
                if (prog.Year <= year)
                {
                    foreach (int i in prog.Members)
                    {
                        _schedPhiGain[(o * Mis) + (i * Mis) + (int)prog.Mission] += prog.PhiGain;
                        _schedIoGain[o + i] += prog.InteroperabilityGain;
                    }
                }
            }

            foreach (var sh in inp.Shocks)
            {
                if (sh.Year == year)
                {
                    foreach (int i in sh.Actors)
                    {
                        _schedGdpShock[o + i] += sh.GdpChange;
                    }
                }
            }

            double launchers = 0;
            double hns = 0;
            for (int i = 0; i < a; i++)
            {
                _schedTroops[o + i] = inp.Troops[o + i];
                _schedBases[o + i] = inp.Bases[o + i];
                _schedHns[o + i] = inp.HostNationSupport[o + i];
                _schedCostSharing[o + i] = inp.CostSharing[o + i];
                launchers += _schedLaunchers[o + i];
                hns += _schedHns[o + i];
            }

            _schedLaunchersTotal[t] = launchers;
            _schedHnsTotal[t] = hns;
            double scheduled = 0;
            foreach (var c in inp.Crises)
            {
                if (c.Year == year)
                {
                    scheduled = Math.Max(scheduled, c.Intensity);
                }
            }

            _schedCrisis[t] = scheduled;
            if (_postureFixed)
            {
                for (int i = 0; i < a; i++)
                {
                    _schedPostureBase[o + i] = PostureTerm(_schedTroops[o + i], _schedBases[o + i], _schedHns[o + i], _baseLanes)[0];
                }
            }
        }
    }

    private void SumLaunchers()
    {
        double launchers = 0;
        for (int i = 0; i < _a; i++)
        {
            launchers += Launchers[i];
        }

        _launchersTotal = launchers;
    }

    /// <summary>Link sums and the list of positive ally-to-ally links, from the current link matrix.</summary>
    private void RefreshLinks()
    {
        _linksChanged = false;
        for (int i = 0; i < _a; i++)
        {
            double s = 0;
            int row = i * _a;
            for (int j = 0; j < _a; j++)
            {
                s += LinkMatrix[row + j];
            }

            _linkSum[i] = s;
        }

        int n = 0;
        for (int x = 0; x < _allies.Length; x++)
        {
            _netStart[x] = n;
            int row = _allies[x] * _a;
            foreach (int j in _allies)
            {
                double l = LinkMatrix[row + j];
                if (l > 0)
                {
                    _netTo[n] = j;
                    _netStrength[n] = l;
                    n++;
                }
            }
        }

        _netStart[_allies.Length] = n;
    }

    /// <summary>The initial state of lane group <paramref name="ch"/> (the data's last year), and its year-0 aggregates and records.</summary>
    private void InitialState(int ch)
    {
        var inp = Inputs;
        int w = W;
        int r0 = ch * w;
        int rr = _r;
        int nAdv = _adversaries.Length;
        ref var pv = ref _pv[ch];
        var zero = Vector<double>.Zero;
        var nan = V(double.NaN);
        S(ref D(_xMis), r0, V(_xMis0));
        S(ref D(_yMis), r0, V(_yMis0));
        S(ref D(_crisis), r0, zero);
        S(ref D(_execAny), r0, zero);
        S(ref D(_crossover), r0, nan);
        S(ref D(_advM0), r0, V(_advM00));
        S(ref D(_coalM0), r0, V(_coalM00));
        for (int i = 0; i < _a; i++)
        {
            int o = (i * rr) + r0;
            double m = _m0[i];
            bool ally = _isAlly[i];
            bool usa = i == _us;
            S(ref D(_y), o, V(_y0[i]));
            S(ref D(_m), o, V(m));
            S(ref D(_lnM), o, V(_lnM0[i]));
            S(ref D(NextSpending), o, V(m));
            var phi = double.IsNaN(_phiIn[i]) ? pv.PhiDefault : V(_phiIn[i]);
            var k0 = double.IsNaN(inp.CapabilityStock[i]) ? phi * V(m) / (pv.Delta + V(Math.Max(0, _trend[i]))) : V(inp.CapabilityStock[i]);
            var c = usa ? Vector<double>.One : ally ? Or(inp.InitialCredibility[i], pv.InitialCredibility) : zero;
            S(ref D(_c), o, c);
            S(ref D(_al), o, usa ? Vector<double>.One : ally ? Or(inp.InitialAlignment[i], pv.InitialAlignment) : zero);
            S(ref D(_io), o, usa ? Vector<double>.One : ally ? Or(inp.InitialInteroperability[i], pv.InitialInteroperability) : zero);
            S(ref D(_h), o, ally && _warheads[i] <= 0 ? Or(inp.InitialHedging[i], pv.InitialHedging) : zero);

            // The scalar logistic of the set-up (Math.Exp per lane), as the model has always started.
            var dup = ally ? Vector<double>.One / (Vector<double>.One + ExpLanes(-(pv.DuplicationBias + (pv.Gamma * (pv.CredibilityReference - c))))) : Vector<double>.One;
            S(ref D(_d), o, dup);
            S(ref D(_k), o, k0);
            for (int mm = 0; mm < Mis; mm++)
            {
                int im = (i * Mis) + mm;
                var x = ally ? ((Vector<double>.One - dup) * V(_compMix[im])) + (dup * V(_autoMix[im]))
                    : usa ? V(_compMix[im]) : V(_autoMix[im]);
                S(ref D(_mix), (im * rr) + r0, x);
                S(ref D(NextMix), (im * rr) + r0, x);
                S(ref D(_kMis), (im * rr) + r0, k0 * x);
            }

            S(ref D(_cap), o, V(m) * (Vector<double>.One + pv.IndustrialHeadroom));
            S(ref D(_backlog), o, zero);
            S(ref D(_cumSpend), o, zero);
            S(ref D(_cumAbsorbed), o, zero);
            S(ref D(_cumWaste), o, zero);
            S(ref D(_state), o, zero);
            S(ref D(_exec), o, zero);
            S(ref D(_q), o, zero);
            S(ref D(_realignYear), o, nan);
            S(ref D(_hedgeYear), o, nan);
            S(ref D(_execYear), o, nan);
            for (int k = 0; k < _nTargets; k++)
            {
                S(ref D(_targetYear), (((k * _a) + i) * rr) + r0, nan);
            }

            S(ref D(_lsg), o, _lsgFixed ? V(_lsg0[i]) : ExpLanes(-V(Distance(i, _lead)) / pv.LsgDistanceKm));
            if (_proxFixed)
            {
                for (int k = 0; k < nAdv; k++)
                {
                    S(ref D(_wT), (((i * nAdv) + k) * rr) + r0, V(_prox0[(i * nAdv) + k]));
                }

                S(ref D(_nt), o, V(_nt0[i]));
            }
            else
            {
                var nt = zero;
                for (int k = 0; k < nAdv; k++)
                {
                    int j = _adversaries[k];
                    var prox = j == i ? zero : ExpLanes(-V(Distance(i, j)) / pv.ThreatDistanceKm);
                    S(ref D(_wT), (((i * nAdv) + k) * rr) + r0, prox);
                    nt += prox * V(_warheads[j]) / pv.NuclearThreatWarheads;
                }

                S(ref D(_nt), o, nt);
            }
        }

        // Threat, spill-ins and the demand intercept α_i that puts the start year on the balanced-growth path.
        double theatreShare = _theatreShare[0];
        var theatre = TheatreShare(theatreShare, r0, pv);
        var crisisFactor = Vector<double>.One + (pv.CrisisThreat * L(ref D(_crisis), r0));
        for (int x = 0; x < _allies.Length; x++)
        {
            int i = _allies[x];
            int o = (i * rr) + r0;
            var thr = Threat(i, r0, pv, crisisFactor);
            S(ref D(_thr), o, thr);
            var spill = SpillIns(x, i, r0, pv, theatre, Posture(i, r0, pv));
            // Balanced growth: with partial adjustment, spending that keeps pace with trend GDP (elasticity β_Y) sits
            // β_Y·ln(1+g)/λ below its desired level, so the start year is placed on that path rather than at rest.
            // (λ = 0 freezes spending: no path to be on, so no lag.) Lane-wise BalancedGrowth.DemandLag, which the back-test uses.
            var lag = Vector.ConditionalSelect(
                Vector.GreaterThan(pv.Lambda, Vector<double>.Zero),
                pv.BetaY * V(_lagLog[i]) / Vector.Max(pv.Lambda, V(BalancedGrowth.MinLambda)),
                Vector<double>.Zero);
            var lnThr = LaneMath.Log(thr + Vector<double>.One);
            S(ref D(_lnThr0), o, lnThr);
            var alpha = L(ref D(_lnM), o) + lag - (pv.BetaY * LaneMath.Log(L(ref D(_y), o))) - (pv.BetaT * lnThr)
                - (pv.BetaS * LaneMath.Log((spill * V(_invM0[i])) + Vector<double>.One));
            S(ref D(_alpha), o, alpha);
        }

        Aggregate(0, ch);
        Record(0, ch);

        // Coalition capability in the theatre at the start (every ally is aligned).
        var kCoal = L(ref D(_k), (_us * rr) + r0) * V(theatreShare);
        foreach (int i in _allies)
        {
            kCoal += L(ref D(_k), (i * rr) + r0);
        }

        S(ref D(_kCoalPrev), r0, kCoal);
    }

    private static Vector<double> Or(double v, Vector<double> fallback) => double.IsNaN(v) ? fallback : new Vector<double>(v);

    private double Distance(int i, int j) => Inputs.DistanceKm[(i * _a) + j];

    /// <summary>Sunk posture index in [0,1): 1 − exp(−(troops/T + bases/B + HNS/(troop cost·T))), zero after a step-back.</summary>
    private Vector<double> Posture(int i, int r0, in ModelParameters<Vector<double>> pv) =>
        PostureBase(i, pv) * (Vector<double>.One - L(ref D(_exec), (i * _r) + r0));

    /// <summary>The schedule-only part 1 − exp(−raw) of <see cref="Posture"/> (the same before and after threats are executed).</summary>
    private Vector<double> PostureBase(int i, in ModelParameters<Vector<double>> pv) =>
        _postureFixed ? V(_schedPostureBase[_yo + i]) : PostureTerm(_schedTroops[_yo + i], _schedBases[_yo + i], _schedHns[_yo + i], pv);

    private static Vector<double> PostureTerm(double troops, double bases, double hns, in ModelParameters<Vector<double>> pv)
    {
        var raw = (V(troops) / pv.PostureTroopsScale) + (V(bases) / pv.PostureBasesScale)
            + (V(hns) / (pv.TroopCost * pv.PostureTroopsScale));
        return Vector<double>.One - LaneMath.Exp(-raw);
    }

    /// <summary>Threat T_i = Σ_adversaries w_ij K_j, raised by crises (<paramref name="crisisFactor"/> = 1 + κ·crisis) and by hosting.</summary>
    private Vector<double> Threat(int i, int r0, in ModelParameters<Vector<double>> pv, Vector<double> crisisFactor)
    {
        var sum = Vector<double>.Zero;
        int nAdv = _adversaries.Length;
        int rr = _r;
        ref double wT = ref D(_wT);
        ref double k = ref D(_k);
        for (int a = 0; a < nAdv; a++)
        {
            sum += L(ref wT, (((i * nAdv) + a) * rr) + r0) * L(ref k, (_adversaries[a] * rr) + r0);
        }

        var hosting = Vector<double>.One + (pv.HostingThreat * V(Launchers[i]));
        return sum * crisisFactor * hosting;
    }

    /// <summary>
    /// Spill-ins S_i = c_i·K_US,theatre·LSG + Σ_j ℓ_ij a_j K_j of ally <paramref name="i"/> (index <paramref name="x"/> among the
    /// allies); the US term only while aligned and reduced after a step-back.
    /// </summary>
    private Vector<double> SpillIns(int x, int i, int r0, in ModelParameters<Vector<double>> pv, Vector<double> theatre, Vector<double> posture)
    {
        int rr = _r;
        int o = (i * rr) + r0;
        int ou = (_us * rr) + r0;
        ref double k = ref D(_k);
        ref double state = ref D(_state);
        ref double al = ref D(_al);
        var lsgUs = L(ref D(_lsg), ou);
        var lsg = Vector<double>.One - ((Vector<double>.One - lsgUs) * (Vector<double>.One - (pv.PostureLsgRelief * posture)));
        var exec = L(ref D(_exec), o);
        var keep = Vector<double>.One - (exec * (Vector<double>.One - pv.UsStepbackSpillin));
        var aligned = AlignedOne(L(ref state, o));
        var us = L(ref D(_c), o) * theatre * L(ref k, ou) * lsg * keep * aligned;
        var net = Vector<double>.Zero;
        for (int n = _netStart[x]; n < _netStart[x + 1]; n++)
        {
            int oj = (_netTo[n] * rr) + r0;
            net += V(_netStrength[n]) * L(ref al, oj) * L(ref k, oj) * AlignedOne(L(ref state, oj));
        }

        return us + net;
    }

    private Vector<double> TheatreShare(double share, int r0, in ModelParameters<Vector<double>> pv)
    {
        var dis = Vector.Equals(L(ref D(_stKind), r0), V((double)StanceKind.Disengage));
        return V(share) * Vector.ConditionalSelect(dis, pv.DisengageTheatre, Vector<double>.One);
    }

    private static Vector<double> SupportIndex(in ModelParameters<Vector<double>> pv) =>
        ((pv.SupportAlliancesEffective + pv.SupportNatoCommitment + pv.SupportOverseasBases) * V(1.0 / 3)) - pv.SupportReference;

    /// <summary>Crisis arrival: scheduled crises damped by dialogue, random crises with a build-up/deployment/dialogue hazard.</summary>
    private void Crises(int t, int ch)
    {
        int r0 = ch * W;
        int rr = _r;
        ref var pv = ref _pv[ch];
        ref double mR = ref D(_m);
        double dialogue = Inputs.Dialogue[t];
        var adv = Vector<double>.Zero;
        var coal = Vector<double>.Zero;
        for (int i = 0; i < _a; i++)
        {
            var m = L(ref mR, (i * rr) + r0);
            if (_role[i] == CountryRole.Adversary)
            {
                adv += m;
            }
            else if (_isAlly[i] || i == _us)
            {
                coal += m;
            }
        }

        var buildup = Vector.Max(Vector<double>.Zero, LaneMath.Log(adv / L(ref D(_advM0), r0))) + Vector.Max(Vector<double>.Zero, LaneMath.Log(coal / L(ref D(_coalM0), r0)));
        var hazard = Logistic(pv.CrisisAlpha0 + (pv.CrisisBuildup * buildup) + (pv.CrisisDeployments * V(_launchersTotal)) - (pv.CrisisDialogue * V(dialogue)));
        var u = CounterRng.Uniform(Keys(_keys, r0), Counter(t, _a, 2));
        var damp = Vector<double>.One - (pv.DialogueDamping * V(dialogue));
        var random = Vector.ConditionalSelect(Vector.LessThan(u, hazard), pv.CrisisIntensity * damp, Vector<double>.Zero);
        S(ref D(_crisis), r0, Vector.Max(random, V(_scheduledCrisis) * damp));
    }

    /// <summary>Behavioural decisions: next year's budgets (demand with partial adjustment) and this year's mixes (duplication).</summary>
    /// <remarks>
    /// The allies' equations run in three passes (beliefs and spill-ins; demand; duplication and mix) rather than one pass per
    /// ally: each pass is a short body whose iterations are independent, so the processor overlaps the exp/log latency chains
    /// of several allies. The arithmetic is the same, term for term.
    /// </remarks>
    private void Decide(int t, int ch)
    {
        int r0 = ch * W;
        int rr = _r;
        int w = W;
        ref var pv = ref _pv[ch];
        ref double kR = ref D(_k);
        ref double stateR = ref D(_state);
        ref double mR = ref D(_m);
        ref double yR = ref D(_y);
        ref double lnMR = ref D(_lnM);
        ref double execR = ref D(_exec);
        ref double nextR = ref D(NextSpending);
        ref double nextMixR = ref D(NextMix);
        ref double thrR = ref D(_thr);
        ref double qR = ref D(_q);
        ref double cR = ref D(_c);
        ref double spillT = ref D(_spillT);
        ref double pressureT = ref D(_pressureT);
        var keys = Keys(_keys, r0);
        var theatre = TheatreShare(_theatreShare[t], r0, pv);
        var kCoal = Vector<double>.Zero;
        kCoal += L(ref kR, (_us * rr) + r0) * theatre;
        foreach (int i in _allies)
        {
            int o = (i * rr) + r0;
            kCoal += L(ref kR, o) * AlignedOne(L(ref stateR, o));
        }

        var prevK = L(ref D(_kCoalPrev), r0);
        var growthK = Vector.ConditionalSelect(
            Vector.GreaterThan(prevK, Vector<double>.Zero),
            Vector.Max(Vector<double>.Zero, LaneMath.Log(Vector.Max(kCoal, V(1e-300)) / prevK)),
            Vector<double>.Zero);
        S(ref D(_kCoalPrev), r0, kCoal);

        // Actors without a demand equation: the lead adversary grows at g_C plus its Richardson reaction, the patron and the rest on trend.
        for (int i = 0; i < _a; i++)
        {
            if (_isAlly[i])
            {
                continue;
            }

            int o = (i * rr) + r0;
            var m = L(ref mR, o);
            if (_role[i] == CountryRole.Adversary)
            {
                var growth = i == _lead ? pv.GC : V(_trend[i]);
                S(ref nextR, o, m * (Vector<double>.One + growth + (pv.AdversaryReaction * growthK)));
            }
            else
            {
                S(ref nextR, o, m * (Vector<double>.One + V(_trend[i])));
            }
        }

        // Pass 1: posture, threat, spill-ins, the belief q that threats are executed, and the pressure it transmits.
        var support = SupportIndex(pv);
        var harsh = L(ref D(_stHarsh), r0);
        var target = L(ref D(_stTarget), r0);
        var execAny = L(ref D(_execAny), r0);
        var crisisFactor = Vector<double>.One + (pv.CrisisThreat * L(ref D(_crisis), r0));
        var qBase = pv.QIntercept + (pv.QHarshness * harsh) - (pv.QSupport * support);
        var qExecuted = pv.QExecuted * execAny;
        for (int x = 0; x < _allies.Length; x++)
        {
            int i = _allies[x];
            int o = (i * rr) + r0;
            var postureBase = PostureBase(i, pv);
            S(ref D(_postureBase), o, postureBase);
            var posture = postureBase * (Vector<double>.One - L(ref execR, o));
            var thr = Threat(i, r0, pv, crisisFactor);
            S(ref thrR, o, thr);
            S(ref spillT, x * w, SpillIns(x, i, r0, pv, theatre, posture));
            var q = Logistic(qBase - (pv.QPosture * posture) + qExecuted);
            q = Vector.ConditionalSelect(Vector.Equals(L(ref stateR, o), Vector<double>.Zero), q, Vector<double>.Zero);
            S(ref qR, o, q);
            var share = L(ref mR, o) / L(ref yR, o);
            S(ref pressureT, x * w, pv.PressureRho * Vector.Max(Vector<double>.Zero, target - share) * q);
        }

        // Pass 2: desired spending and partial adjustment toward it.
        var lnMaxBurden = LaneMath.Log(pv.MaxPeacetimeBurden);
        for (int x = 0; x < _allies.Length; x++)
        {
            int i = _allies[x];
            int o = (i * rr) + r0;
            var lnY = LaneMath.Log(L(ref yR, o));
            var lnThr = LaneMath.Log(L(ref thrR, o) + Vector<double>.One);
            S(ref D(_lnThr), o, lnThr);
            // Spill-ins in years of the ally's own start budget, so losing them (realignment) raises demand by a bounded factor.
            var lnStar = L(ref D(_alpha), o) + (pv.BetaY * lnY) + (pv.BetaT * lnThr)
                + (pv.BetaS * LaneMath.Log((L(ref spillT, x * w) * V(_invM0[i])) + Vector<double>.One)) + (pv.BetaP * LaneMath.Log(Vector<double>.One + L(ref pressureT, x * w)));

            // Desired spending never exceeds the highest burden observed in peacetime.
            lnStar = Vector.Min(lnStar, lnMaxBurden + lnY);
            var lnM = L(ref lnMR, o);
            var eps = CounterRng.Normal(keys, Counter(t, i, 1));
            var next = lnM + (pv.Lambda * (lnStar - lnM)) + (pv.SigmaM * eps);
            S(ref nextR, o, LaneMath.Exp(next));
        }

        // Pass 3: duplication (autonomous share of the mix) and this year's mix.
        for (int x = 0; x < _allies.Length; x++)
        {
            int i = _allies[x];
            int o = (i * rr) + r0;
            var dup = Logistic(pv.DuplicationBias + (pv.Gamma * (pv.CredibilityReference - L(ref cR, o))));
            dup = Vector.ConditionalSelect(Vector.Equals(L(ref stateR, o), Vector<double>.Zero), dup, Vector<double>.One);
            S(ref D(_d), o, dup);
            var notDup = Vector<double>.One - dup;
            for (int mm = 0; mm < Mis; mm++)
            {
                int im = (i * Mis) + mm;
                var mix = (notDup * V(_compMix[im])) + (dup * V(_autoMix[im]));
                S(ref nextMixR, (im * rr) + r0, mix);
            }
        }
    }

    /// <summary>A conditional stance whose deadline is this year executes the threat against allies below the target.</summary>
    private void ExecuteThreats(int t, int ch)
    {
        int year = Inputs.StartYear + t;
        int w = W;
        for (int r = ch * w; r < (ch * w) + w; r++)
        {
            if (_stKind[r] != (double)StanceKind.Conditional || (int)_stDeadline[r] != year)
            {
                continue;
            }

            foreach (int i in _allies)
            {
                int o = (i * _r) + r;
                // The US acts on its threat with the probability allies assign to it (q, §4): discounting is rational.
                if (_exec[o] == 0 && _state[o] == 0 && _m[o] / _y[o] < _stTarget[r] && CounterRng.Uniform(_keys[r], Counter(t, i, 6)) < _q[o])
                {
                    _exec[o] = 1;
                    _execYear[o] = year;
                    _execAny[r] = 1;
                }
            }
        }
    }

    /// <summary>State transition of lane group <paramref name="ch"/> from year index t to t+1.</summary>
    /// <remarks>In passes over the actors (economy and capability; credibility; distancing; hedging and interoperability), for the same reason as <see cref="Decide"/>.</remarks>
    private void Apply(int t, int ch)
    {
        int r0 = ch * W;
        int rr = _r;
        int year = Inputs.StartYear + t;
        int nextYear = year + 1;
        ref var pv = ref _pv[ch];
        ref double yR = ref D(_y);
        ref double mR = ref D(_m);
        ref double capR = ref D(_cap);
        ref double backlogR = ref D(_backlog);
        ref double dR = ref D(_d);
        ref double mixR = ref D(_mix);
        ref double nextMixR = ref D(NextMix);
        ref double kMisR = ref D(_kMis);
        ref double stateR = ref D(_state);
        ref double execR = ref D(_exec);
        ref double cR = ref D(_c);
        ref double alR = ref D(_al);
        var keys = Keys(_keys, r0);
        var zCommon = CounterRng.Normal(keys, Counter(t, _a, 0));
        var sqrtCommon = Vector.SquareRoot(Clamp01(pv.ShockCorrelation));
        var sqrtIdio = Vector.SquareRoot(Vector<double>.One - Clamp01(pv.ShockCorrelation));
        var crisis = L(ref D(_crisis), r0);
        var keep = Vector<double>.One - pv.Delta;
        var commonShock = sqrtCommon * zCommon;

        // Pass 1 (every actor): 1. economy with (regionally correlated) shocks, scheduled shocks and coercion of hosts in
        // crises; 2. capability by perpetual inventory with industrial-capacity absorption and φ gains/losses; next budget.
        for (int i = 0; i < _a; i++)
        {
            int o = (i * rr) + r0;
            bool ally = _isAlly[i];
            var z = commonShock + (sqrtIdio * CounterRng.Normal(keys, Counter(t, i, 0)));
            var coercion = Launchers[i] > 0 ? pv.CoercionGdpShock * V(_depAdv[i]) * crisis : Vector<double>.Zero;
            var growth = V(_trend[i] + _schedGdpShock[_yo + i]) + (pv.GdpVolatility * z) - coercion;
            var y = L(ref yR, o);
            var yNext = y * Vector.Max(V(0.01), Vector<double>.One + growth);

            var m = L(ref mR, o);
            var cap = L(ref capR, o);
            var backlog = L(ref backlogR, o);
            var absM = Vector.Min(m, cap);
            var absB = Vector.Min(backlog, Vector.Max(Vector<double>.Zero, cap - absM));
            var left = (m - absM) + (backlog - absB);
            var waste = left * pv.BacklogWaste;
            S(ref backlogR, o, left - waste);
            S(ref D(_cumSpend), o, L(ref D(_cumSpend), o) + m);
            S(ref D(_cumAbsorbed), o, L(ref D(_cumAbsorbed), o) + absM + absB);
            S(ref D(_cumWaste), o, L(ref D(_cumWaste), o) + waste);
            S(ref capR, o, cap + (pv.IndustrialAdjustment * ((m + backlog) - cap)));
            var phi = (double.IsNaN(_phiIn[i]) ? pv.PhiDefault : V(_phiIn[i])) * (Vector<double>.One - (pv.DuplicationPhiPenalty * (ally ? L(ref dR, o) : Vector<double>.Zero)));
            var add = phi * (absM + (pv.BacklogEfficiency * absB));
            var kSum = Vector<double>.Zero;
            for (int mm = 0; mm < Mis; mm++)
            {
                int im = (i * Mis) + mm;
                int om = (im * rr) + r0;
                var x = L(ref nextMixR, om);
                S(ref mixR, om, x);
                var kNew = (keep * L(ref kMisR, om)) + (add * x * V(1 + _schedPhiGain[(_yo * Mis) + im]));
                S(ref kMisR, om, kNew);
                kSum += kNew;
            }

            S(ref D(_k), o, kSum);
            S(ref yR, o, yNext);
            // Allies and partners are democracies at peace: their burden stays below the peacetime record (§3).
            var mNext = Vector.Min(Vector.Max(L(ref D(NextSpending), o), V(1e-9) * yNext), (ally ? pv.MaxPeacetimeBurden : pv.MaxBurden) * yNext);
            S(ref mR, o, mNext);
            if (ally)
            {
                // Only the demand equation reads log spending.
                S(ref D(_lnM), o, LaneMath.Log(mNext));
            }
        }

        // Pass 2 (allies): 5. credibility.
        var support = SupportIndex(pv);
        var harsh = L(ref D(_stHarsh), r0);
        var kind = L(ref D(_stKind), r0);
        var stanceTerm = Vector.ConditionalSelect(Vector.Equals(kind, V((double)StanceKind.Reassure)), pv.CReassure,
            Vector.ConditionalSelect(Vector.Equals(kind, V((double)StanceKind.Conditional)), pv.CConditional, pv.CDisengage));
        var execAny = L(ref D(_execAny), r0);
        var eta = Clamp01(pv.Eta + (pv.CrisisEtaBoost * crisis));
        foreach (int i in _allies)
        {
            int o = (i * rr) + r0;
            var exec = L(ref execR, o);
            var posture = L(ref D(_postureBase), o) * (Vector<double>.One - exec);
            var treaty = _treaty[i] switch
            {
                TreatyType.Partnership => pv.CTreatyPartnership,
                TreatyType.BilateralTreaty => pv.CTreatyBilateral,
                TreatyType.CollectiveDefence => pv.CTreatyCollective,
                _ => Vector<double>.Zero,
            };
            var cBar = Logistic(pv.CIntercept + stanceTerm + treaty + (pv.CPosture * posture) + (pv.CHarshness * harsh)
                + (pv.CExecuted * exec) + (pv.CExecutedOther * execAny * (Vector<double>.One - exec))
                + (pv.CCostSharing * V(_schedCostSharing[_yo + i])) + (pv.CSupport * support));
            var c = L(ref cR, o);
            S(ref cR, o, Clamp01(c + (eta * (cBar - c))));
        }

        // Pass 3 (allies): 6. distancing, the alignment drift and the realignment hazard.
        foreach (int i in _allies)
        {
            int o = (i * rr) + r0;
            var c = L(ref cR, o);
            var state = L(ref stateR, o);
            var alignedMask = Vector.Equals(state, Vector<double>.Zero);
            var shortfall = pv.CredibilityReference - c;
            var dep = V(_depAdv[i]);
            var threatGrowth = Vector.Max(Vector<double>.Zero, L(ref D(_lnThr), o) - L(ref D(_lnThr0), o));
            var amp = Vector<double>.One + (pv.AlignmentThreat * threatGrowth) + (pv.AlignmentDependence * dep);
            var a = L(ref alR, o);
            var drift = Vector.ConditionalSelect(Vector.GreaterThan(shortfall, Vector<double>.Zero), -shortfall * amp * a, -shortfall * (Vector<double>.One - a));
            a = Clamp01(a + (pv.AlignmentRate * drift) - (pv.HostAlignmentCost * V(Launchers[i])));
            var hazard = Logistic(pv.RealignAlpha0 + (pv.RealignAlpha1 * shortfall) + (pv.RealignAlpha2 * dep) + (pv.RealignAlpha3 * threatGrowth));
            var u = CounterRng.Uniform(keys, Counter(t, i, 4));
            var realign = Vector.BitwiseAnd(alignedMask, Vector.LessThan(u, hazard));
            if (realign != Vector<long>.Zero)
            {
                var u2 = CounterRng.Uniform(keys, Counter(t, i, 5));
                var bandwagon = Vector.LessThan(u2, Clamp01(pv.BandwagonDependence * dep));
                var newState = Vector.ConditionalSelect(bandwagon, V((double)AlignmentState.Bandwagoning), V((double)AlignmentState.Hedging));
                state = Vector.ConditionalSelect(realign, newState, state);
                S(ref stateR, o, state);
                var newA = Vector.ConditionalSelect(bandwagon, Vector<double>.Zero, a * pv.HedgingAlignment);
                a = Vector.ConditionalSelect(realign, newA, a);
                S(ref D(_realignYear), o, Vector.ConditionalSelect(realign, V(nextYear), L(ref D(_realignYear), o)));
            }

            a = Vector.ConditionalSelect(Vector.Equals(state, V((double)AlignmentState.Bandwagoning)), Vector<double>.Zero, a);
            S(ref alR, o, a);
        }

        // Pass 4 (allies): 7. nuclear hedging; 8. interoperability: exercises (with alignment), links, joint programmes,
        // eroded by national champions.
        foreach (int i in _allies)
        {
            int o = (i * rr) + r0;
            if (_warheads[i] <= 0)
            {
                var shortfall = pv.CredibilityReference - L(ref cR, o);
                var hTarget = Logistic(pv.Theta0 + (pv.Theta1 * shortfall) + (pv.Theta2 * L(ref D(_nt), o)));
                var h = L(ref D(_h), o);
                h = Clamp01(h + (pv.HedgingRate * (hTarget - h)));
                S(ref D(_h), o, h);
                var hedgeYear = L(ref D(_hedgeYear), o);
                var crossed = Vector.BitwiseAnd(Vector.GreaterThanOrEqual(h, pv.HedgingThreshold), Vector.Equals(hedgeYear, hedgeYear) ^ Vector<long>.AllBitsSet);
                S(ref D(_hedgeYear), o, Vector.ConditionalSelect(crossed, V(nextYear), hedgeYear));
            }

            var io = L(ref D(_io), o);
            var gain = (pv.InteropRate * L(ref alR, o)) + (pv.InteropLinks * V(_linkSum[i])) + V(_schedIoGain[_yo + i]);
            S(ref D(_io), o, Clamp01(io + (gain * (Vector<double>.One - io)) - (pv.InteropDecay * L(ref dR, o) * io)));
        }

        // 9. Richardson missile pair (sub-stepped Euler), with hosted deployments feeding the coalition's build-up.
        var xm = L(ref D(_xMis), r0);
        var ym = L(ref D(_yMis), r0);
        var gEff = pv.RichardsonG + (pv.DeploymentMissiles * V(_launchersTotal));
        int sub = (int)Math.Max(1, pv.MissileSubsteps[0]);
        var dt = V(1.0 / sub);
        for (int s = 0; s < sub; s++)
        {
            var dx = (pv.RichardsonK * ym) - (pv.RichardsonA * xm) + gEff;
            var dy = (pv.RichardsonL * xm) - (pv.RichardsonB * ym) + pv.RichardsonH;
            xm = Vector.Max(Vector<double>.Zero, xm + (dt * dx));
            ym = Vector.Max(Vector<double>.Zero, ym + (dt * dy));
        }

        S(ref D(_xMis), r0, xm);
        S(ref D(_yMis), r0, ym);
    }

    /// <summary>Coalition and adversary effectiveness per mission, CES, balance, costs, exposure of lane group <paramref name="ch"/> at year index t.</summary>
    private void Aggregate(int t, int ch)
    {
        int r0 = ch * W;
        int rr = _r;
        int year = Inputs.StartYear + t;
        int nAdv = _adversaries.Length;
        int step = t * _indicators * rr;
        ref var pv = ref _pv[ch];
        ref double rec = ref D(_rec);
        ref double kMisR = ref D(_kMis);
        ref double mixR = ref D(_mix);
        ref double mR = ref D(_m);
        ref double kR = ref D(_k);
        ref double lsgR = ref D(_lsg);
        ref double execR = ref D(_exec);
        Span<Vector<double>> eCoal = stackalloc Vector<double>[Mis];
        Span<Vector<double>> eAdv = stackalloc Vector<double>[Mis];
        var theatre = TheatreShare(_theatreShare[t], r0, pv);
        int ou = (_us * rr) + r0;

        // Forward posture across hosts relieves the US loss of strength.
        var postureRaw = Vector<double>.Zero;
        var troopsEff = Vector<double>.Zero;
        for (int i = 0; i < _a; i++)
        {
            double troops = _schedTroops[_yo + i];
            double bases = _schedBases[_yo + i];
            if (troops > 0 || bases > 0)
            {
                var notExec = Vector<double>.One - L(ref execR, (i * rr) + r0);
                postureRaw += ((V(troops) / pv.PostureTroopsScale) + (V(bases) / pv.PostureBasesScale)) * notExec;
                troopsEff += V(troops) * notExec;
            }
        }

        var posture = Vector<double>.One - LaneMath.Exp(-postureRaw);
        var lsgUs = L(ref lsgR, ou);
        var usLsg = Vector<double>.One - ((Vector<double>.One - lsgUs) * (Vector<double>.One - (pv.PostureLsgRelief * posture)));
        var usWeight = theatre * usLsg;
        var missiles = L(ref D(_xMis), r0) * pv.MissileCapability;
        var advMissiles = L(ref D(_yMis), r0) * pv.MissileCapability;
        int usMix = _us * Mis * rr;
        for (int mm = 0; mm < Mis; mm++)
        {
            eCoal[mm] = usWeight * L(ref kMisR, usMix + (mm * rr) + r0);
            eAdv[mm] = Vector<double>.Zero;
        }

        eCoal[(int)MissionArea.LongRangeStrike] += missiles;
        eAdv[(int)MissionArea.LongRangeStrike] += advMissiles;
        var kCoal = theatre * L(ref kR, ou);
        var kAdv = Vector<double>.Zero;
        var mCoal = theatre * L(ref mR, ou);
        var mAdv = Vector<double>.Zero;
        var dupNum = Vector<double>.Zero;
        var dupDen = Vector<double>.Zero;
        var realigned = Vector<double>.Zero;
        var exposure = Vector<double>.Zero;
        var ym = L(ref D(_yMis), r0);
        int dupRec = (int)ActorIndicator.Duplication * _a;
        int exposureRec = (int)ActorIndicator.HostExposure * _a;
        foreach (int i in _allies)
        {
            int o = (i * rr) + r0;
            var state = L(ref D(_state), o);
            var aligned = AlignedOne(state);
            var bw = Vector.ConditionalSelect(Vector.Equals(state, V((double)AlignmentState.Bandwagoning)), pv.BandwagonTransfer, Vector<double>.Zero);
            var lsg = L(ref lsgR, o);
            var weight = L(ref D(_io), o) * L(ref D(_al), o) * lsg * aligned;
            var bwWeight = bw * lsg;
            var overlap = Vector<double>.Zero;
            int im0 = i * Mis * rr;
            for (int mm = 0; mm < Mis; mm++)
            {
                int om = im0 + (mm * rr) + r0;
                var kim = L(ref kMisR, om);
                eCoal[mm] += weight * kim;
                eAdv[mm] += bwWeight * kim;
                overlap += Vector.Min(L(ref mixR, om), L(ref mixR, usMix + (mm * rr) + r0));
            }

            S(ref rec, _recActor[dupRec + i] + step + r0, overlap);
            var m = L(ref mR, o);
            dupNum += m * overlap * aligned;
            dupDen += m * aligned;
            kCoal += L(ref kR, o) * aligned;
            mCoal += m * aligned;
            realigned += Vector<double>.One - aligned;
            var exp = V(Launchers[i]) * pv.HostTargetingShare * ym;
            S(ref rec, _recActor[exposureRec + i] + step + r0, exp);
            exposure += exp;
        }

        for (int a = 0; a < nAdv; a++)
        {
            int j = _adversaries[a];
            int o = (j * rr) + r0;
            var lsg = L(ref lsgR, o);
            int jm0 = j * Mis * rr;
            for (int mm = 0; mm < Mis; mm++)
            {
                eAdv[mm] += lsg * L(ref kMisR, jm0 + (mm * rr) + r0);
            }

            kAdv += L(ref kR, o);
            mAdv += L(ref mR, o);
        }

        var eC = Ces(eCoal, ch, pv.CesRho);
        var eA = Ces(eAdv, ch, pv.CesRho);
        var balance = eC / eA;
        for (int mm = 0; mm < Mis; mm++)
        {
            S(ref rec, _recCoal[mm] + step + r0, eCoal[mm] * PerBn);
        }

        var gross = (theatre * L(ref mR, ou)) + (pv.TroopCost * troopsEff);
        var hns = V(_hnsTotal);
        RecC(ref rec, CoalitionIndicator.Effectiveness, step + r0, eC * PerBn);
        RecC(ref rec, CoalitionIndicator.AdversaryEffectiveness, step + r0, eA * PerBn);
        RecC(ref rec, CoalitionIndicator.Balance, step + r0, balance);
        RecC(ref rec, CoalitionIndicator.SpendingRatio, step + r0, mCoal / mAdv);
        RecC(ref rec, CoalitionIndicator.CapabilityRatio, step + r0, kCoal / kAdv);
        RecC(ref rec, CoalitionIndicator.UsCostGross, step + r0, gross);
        RecC(ref rec, CoalitionIndicator.HostNationSupport, step + r0, hns);
        RecC(ref rec, CoalitionIndicator.UsCostNet, step + r0, gross - hns);
        RecC(ref rec, CoalitionIndicator.HostExposure, step + r0, exposure);
        RecC(ref rec, CoalitionIndicator.CoalitionMissiles, step + r0, L(ref D(_xMis), r0));
        RecC(ref rec, CoalitionIndicator.AdversaryMissiles, step + r0, ym);
        RecC(ref rec, CoalitionIndicator.Crisis, step + r0, t == 0 ? Vector<double>.Zero : L(ref D(_crisis), r0));
        RecC(ref rec, CoalitionIndicator.CoalitionDuplication, step + r0, dupNum / Vector.Max(dupDen, V(1e-300)));
        RecC(ref rec, CoalitionIndicator.Realigned, step + r0, realigned);
        if (t > 0)
        {
            var crossover = L(ref D(_crossover), r0);
            var cross = Vector.BitwiseAnd(Vector.LessThan(balance, Vector<double>.One), Vector.Equals(crossover, crossover) ^ Vector<long>.AllBitsSet);
            S(ref D(_crossover), r0, Vector.ConditionalSelect(cross, V(year), crossover));
        }
    }

    /// <summary>
    /// CES aggregate (Σ ω̂_m (E_m/ω̂_m)^ρ)^(1/ρ) with normalised weights ω̂: each mission's stock is taken per unit of its weight,
    /// so a force whose stock K is spread exactly by the weights scores K (capability-equivalent dollars); Cobb–Douglas at ρ = 0,
    /// the plain total Σ E_m at ρ = 1. The weights' normalisation is per lane group and computed once per block (<see cref="CesWeights"/>).
    /// </summary>
    private Vector<double> Ces(ReadOnlySpan<Vector<double>> e, int ch, Vector<double> rho)
    {
        Span<Vector<double>> perWeight = stackalloc Vector<double>[Mis];
        var scale = _cesScale.AsSpan(ch * Mis, Mis);
        for (int m = 0; m < Mis; m++)
        {
            perWeight[m] = e[m] * scale[m];
        }

        return CesNormalised(perWeight, _cesWeight.AsSpan(ch * Mis, Mis), rho);
    }

    /// <summary>The mission weights of a lane group normalised to sum 1, and their inverses ω_sum/ω_m, for <see cref="Ces"/>.</summary>
    private void CesWeights(int ch)
    {
        ref var pv = ref _pv[ch];
        Span<Vector<double>> wts = [pv.WeightMaritime, pv.WeightAir, pv.WeightLongRangeStrike, pv.WeightMissileDefence, pv.WeightIsrSpace, pv.WeightCyberEw, pv.WeightLand];
        var wsum = Vector<double>.Zero;
        foreach (var w in wts)
        {
            wsum += w;
        }

        for (int m = 0; m < Mis; m++)
        {
            _cesWeight[(ch * Mis) + m] = wts[m] / wsum;
            _cesScale[(ch * Mis) + m] = wsum / wts[m];
        }
    }

    /// <summary>CES aggregate of per-mission values with weights (normalised to sum 1) and exponent ρ, lane-wise.</summary>
    public static Vector<double> CesCore(ReadOnlySpan<Vector<double>> e, ReadOnlySpan<Vector<double>> weights, Vector<double> rho)
    {
        var wsum = Vector<double>.Zero;
        foreach (var w in weights)
        {
            wsum += w;
        }

        Span<Vector<double>> normalised = stackalloc Vector<double>[weights.Length];
        for (int m = 0; m < weights.Length; m++)
        {
            normalised[m] = weights[m] / wsum;
        }

        return CesNormalised(e, normalised, rho);
    }

    /// <summary>(Σ w_m E_m^ρ)^(1/ρ) with weights already summing to 1; the weighted geometric mean when |ρ| &lt; 1e-9.</summary>
    private static Vector<double> CesNormalised(ReadOnlySpan<Vector<double>> e, ReadOnlySpan<Vector<double>> weights, Vector<double> rho)
    {
        var sum = Vector<double>.Zero;
        var logSum = Vector<double>.Zero;
        var tiny = new Vector<double>(1e-9);
        for (int m = 0; m < e.Length; m++)
        {
            var wm = weights[m];
            var lnE = LaneMath.Log(Vector.Max(e[m], tiny));
            sum += wm * LaneMath.Exp(rho * lnE);
            logSum += wm * lnE;
        }

        var nearZero = Vector.LessThan(Vector.Abs(rho), new Vector<double>(1e-9));
        var safeRho = Vector.ConditionalSelect(nearZero, Vector<double>.One, rho);
        var ces = LaneMath.Exp(LaneMath.Log(sum) / safeRho);
        return nearZero == Vector<long>.Zero ? ces : Vector.ConditionalSelect(nearZero, LaneMath.Exp(logSum), ces);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecC(ref double rec, CoalitionIndicator kind, int offset, Vector<double> v) => S(ref rec, _recCoal[(int)kind] + offset, v);

    /// <summary>Records the per-actor indicators of lane group <paramref name="ch"/> at year index t and the targets met.</summary>
    private void Record(int t, int ch)
    {
        int r0 = ch * W;
        int rr = _r;
        int a = _a;
        int year = Inputs.StartYear + t;
        int at = (t * _indicators * rr) + r0;
        ref double rec = ref D(_rec);
        ref double targetYear = ref D(_targetYear);
        var targets = Inputs.TargetShares;
        int[] off = _recActor;
        for (int i = 0; i < a; i++)
        {
            int o = (i * rr) + r0;
            var m = L(ref D(_m), o);
            var y = L(ref D(_y), o);
            var share = m / y;
            S(ref rec, off[((int)ActorIndicator.Spending * a) + i] + at, m);
            S(ref rec, off[((int)ActorIndicator.Share * a) + i] + at, share);
            S(ref rec, off[((int)ActorIndicator.Gdp * a) + i] + at, y);
            S(ref rec, off[((int)ActorIndicator.Capability * a) + i] + at, L(ref D(_k), o));
            S(ref rec, off[((int)ActorIndicator.Credibility * a) + i] + at, L(ref D(_c), o));
            S(ref rec, off[((int)ActorIndicator.Alignment * a) + i] + at, L(ref D(_al), o));
            S(ref rec, off[((int)ActorIndicator.Interoperability * a) + i] + at, L(ref D(_io), o));
            S(ref rec, off[((int)ActorIndicator.Hedging * a) + i] + at, L(ref D(_h), o));
            S(ref rec, off[((int)ActorIndicator.Belief * a) + i] + at, L(ref D(_q), o));
            S(ref rec, off[((int)ActorIndicator.AlignmentState * a) + i] + at, L(ref D(_state), o));
            for (int k = 0; k < _nTargets; k++)
            {
                int ok = (((k * a) + i) * rr) + r0;
                var prev = L(ref targetYear, ok);
                var met = Vector.BitwiseAnd(Vector.GreaterThanOrEqual(share, V(targets[k])), Vector.Equals(prev, prev) ^ Vector<long>.AllBitsSet);
                S(ref targetYear, ok, Vector.ConditionalSelect(met, V(year), prev));
            }
        }
    }
}
