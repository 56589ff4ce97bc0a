using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ballast.Core.Countries;
using Ballast.Core.Parameters;
using Ballast.Core.Random;

namespace Ballast.Core.Model;

/// <summary>
/// The reference alliance model (DESIGN.md parts 1–12) for a block of runs, stepped one year at a time.
/// State is a structure of arrays over actors × runs with runs innermost, so every equation is evaluated for
/// <see cref="Vector{T}.Count"/> runs at once; all buffers are allocated once, so <see cref="Step"/> does not allocate.
/// Each run draws its uncertain parameters, stance path and every shock from its own counter-based stream
/// (<see cref="CounterRng"/>) keyed by (seed, run index), so a run's numbers do not depend on the block it is in.
/// See docs/model.md for every equation.
/// </summary>
public sealed class Simulation
{
    private const int Mis = MissionAreas.Count;
    private const ulong SetupTag = 0xC2B2AE3D27D4EB4FUL;

    // Effectiveness is recorded in US$ bn (capability is constant 2023 dollars at φ = 1).
    private const double PerBn = 1e-9;

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
    private readonly int[] _uncertainIdx; // slot of each uncertain parameter in ModelParameters, resolved once
    private readonly ModelParameters<double>[] _ps;
    private readonly ModelParameters<Vector<double>>[] _pv;
    private readonly ulong[] _keys;
    private readonly long[] _runIndex;
    private readonly int[] _path;
    private readonly YearDecisions _decisions;

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
    private readonly double[] _thr0;
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
    private readonly double[] _postureSum;

    // Shared by the block (schedules).
    private readonly double[] _phiGain;   // [i * 7 + m]
    private readonly double[] _ioGain;    // [i]
    private readonly double[] _troops;
    private readonly double[] _bases;
    private readonly double[] _hns;
    private readonly double[] _cs;
    private readonly double[] _gdpShock;
    private readonly double[] _linkSum;   // Σ_j ℓ_ij, refreshed after the decisions (links may be overridden)
    private readonly double[] _postureBase; // 1 − exp(−raw posture) of year t, set in Decide and reused in Apply

    // Records and run summaries.
    private readonly double[] _rec; // [(ind * (T+1) + t) * R + r]
    private readonly double[] _realignYear;
    private readonly double[] _hedgeYear;
    private readonly double[] _execYear;
    private readonly double[] _targetYear; // [(k * A + i) * R + r]

    private int _t;

    /// <summary>Creates a simulation for a block of <paramref name="blockSize"/> runs (rounded up to a multiple of the vector width).</summary>
    public Simulation(ModelInputs inputs, int blockSize)
    {
        Inputs = inputs;
        int w = Vector<double>.Count;
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
        _uncertainIdx = [.. inputs.Uncertain.Select(u => ParameterBinding.IndexOf(u.Name, inputs.Parameters))];
        Layout = new IndicatorLayout(inputs.Codes);
        _ps = new ModelParameters<double>[_r];
        _pv = new ModelParameters<Vector<double>>[_chunks];
        _keys = new ulong[_r];
        _runIndex = new long[_r];
        _path = new int[_r];
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
        _thr0 = new double[ar];
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
        _wT = new double[ar * Math.Max(1, _adversaries.Length)];
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
        _postureSum = new double[_r];
        _phiGain = new double[_a * Mis];
        _ioGain = new double[_a];
        _troops = new double[_a];
        _bases = new double[_a];
        _hns = new double[_a];
        _cs = new double[_a];
        _gdpShock = new double[_a];
        _linkSum = new double[_a];
        _postureBase = new double[ar];
        LinkMatrix = new double[_a * _a];
        Launchers = new double[_a];
        NextSpending = new double[ar];
        NextMix = new double[ar * Mis];
        _rec = new double[Layout.Count * (_steps + 1) * _r];
        _realignYear = new double[ar];
        _hedgeYear = new double[ar];
        _execYear = new double[ar];
        _targetYear = new double[_nTargets * ar];
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
        var uncertainIdx = _uncertainIdx;
        for (int r = 0; r < _r; r++)
        {
            long run = r < runIndices.Length ? runIndices[r] : long.MaxValue - r;
            _runIndex[r] = run;
            _keys[r] = CounterRng.RunKey(seed, run);
            ulong setup = CounterRng.Mix(_keys[r] ^ SetupTag);
            var p = _base;
            var span = ParameterBinding.AsSpan(ref p);
            bool given = !uncertainValues.IsEmpty && r < runIndices.Length;
            if (given && uncertainValues.Length < runIndices.Length * uncertain.Length)
            {
                throw new ArgumentException("one value per uncertain parameter and run", nameof(uncertainValues));
            }

            for (int k = 0; k < uncertain.Length; k++)
            {
                span[uncertainIdx[k]] = given
                    ? uncertainValues[(r * uncertain.Length) + k]
                    : uncertain[k].Distribution.Sample(CounterRng.Uniform(setup, (ulong)(2 * k)), CounterRng.Normal(setup, (ulong)((2 * k) + 1)));
            }

            _ps[r] = p;
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

        for (int ch = 0; ch < _chunks; ch++)
        {
            _pv[ch] = ParameterBinding.Pack(_ps.AsSpan(ch * Vector<double>.Count, Vector<double>.Count));
        }

        inp.Links.CopyTo(LinkMatrix);
        if (inp.LinkChanges.Length > 0)
        {
            foreach (var lc in inp.LinkChanges.Where(l => l.Year <= inp.StartYear).OrderBy(l => l.Year))
            {
                SetLinkChange(lc);
            }
        }

        _t = 0;
        ApplySchedules(0);
        InitialState();
        Record(0);
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
        }

        Crises(t);
        Decide(t);
        decisionOverride?.Decide(_decisions);
        ExecuteThreats(t);
        Apply(t);
        _t = t + 1;
        Aggregate(_t);
        Record(_t);
    }

    /// <summary>A recorded indicator value (flat index from <see cref="Layout"/>) at a year index for a lane.</summary>
    public double Indicator(int indicator, int yearIndex, int lane) => _rec[(((indicator * (_steps + 1)) + yearIndex) * _r) + lane];

    /// <summary>A recorded indicator at a year index for every lane of the block.</summary>
    public ReadOnlySpan<double> IndicatorLanes(int indicator, int yearIndex) =>
        _rec.AsSpan(((indicator * (_steps + 1)) + yearIndex) * _r, _r);

    /// <summary>Run index simulated by a lane.</summary>
    public long RunIndexOf(int lane) => _runIndex[lane];

    /// <summary>Index of the stance path drawn by a lane.</summary>
    public int StancePathOf(int lane) => _path[lane];

    /// <summary>The parameter values a lane drew.</summary>
    public ModelParameters<double> ParametersOf(int lane) => _ps[lane];

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

    private static int? ToYear(double v) => double.IsNaN(v) ? null : (int)v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> L(double[] a, int offset) =>
        Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void S(double[] a, int offset, Vector<double> v) =>
        v.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Logistic(Vector<double> z) =>
        Vector<double>.One / (Vector<double>.One + LaneMath.Exp(-Vector.Min(Vector.Max(z, new Vector<double>(-700)), new Vector<double>(700))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Clamp01(Vector<double> v) => Vector.Min(Vector.Max(v, Vector<double>.Zero), Vector<double>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> V(double s) => new(s);

    private static double LogisticScalar(double z) => 1 / (1 + Math.Exp(-z));

    private ulong Counter(int t, int actor, int stream) => (ulong)((((long)t * (_a + 1)) + actor) * 16) + (ulong)stream;

    private void SetLinkChange(LinkChange lc)
    {
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

        Array.Clear(Launchers);
        foreach (var dep in inp.MissileDeployments)
        {
            if (dep.Year <= year)
            {
                Launchers[dep.Host] += dep.Launchers;
            }
        }

        Array.Clear(_phiGain);
        Array.Clear(_ioGain);
        foreach (var prog in inp.Programmes)
        {
            if (prog.Year <= year)
            {
                foreach (int i in prog.Members)
                {
                    _phiGain[(i * Mis) + (int)prog.Mission] += prog.PhiGain;
                    _ioGain[i] += prog.InteroperabilityGain;
                }
            }
        }

        Array.Clear(_gdpShock);
        foreach (var sh in inp.Shocks)
        {
            if (sh.Year == year)
            {
                foreach (int i in sh.Actors)
                {
                    _gdpShock[i] += sh.GdpChange;
                }
            }
        }

        for (int i = 0; i < _a; i++)
        {
            int o = (t * _a) + i;
            _troops[i] = inp.Troops[o];
            _bases[i] = inp.Bases[o];
            _hns[i] = inp.HostNationSupport[o];
            _cs[i] = inp.CostSharing[o];
        }

        for (int r = 0; r < _r; r++)
        {
            SetStance(r, inp.StancePaths[_path[r]].Years[t]);
        }
    }

    private void InitialState()
    {
        var inp = Inputs;
        int nAdv = _adversaries.Length;
        var prox = new double[nAdv];
        for (int r = 0; r < _r; r++)
        {
            ref var p = ref _ps[r];
            _xMis[r] = 0;
            _yMis[r] = 0;
            _crisis[r] = 0;
            _execAny[r] = 0;
            _crossover[r] = double.NaN;
            for (int i = 0; i < _a; i++)
            {
                int o = (i * _r) + r;
                double share = inp.Share[i];
                double m = inp.MilitaryExpenditure[i];
                double y = double.IsNaN(share) ? inp.Gdp[i] : m / share;
                bool ally = inp.IsAlly(i);
                bool usa = i == _us;
                _y[o] = y;
                _m[o] = m;
                _lnM[o] = Math.Log(m);
                NextSpending[o] = m;
                double phi = double.IsNaN(inp.Phi[i]) ? p.PhiDefault : inp.Phi[i];
                double k0 = double.IsNaN(inp.CapabilityStock[i]) ? phi * m / (p.Delta + Math.Max(0, inp.TrendGrowth[i])) : inp.CapabilityStock[i];
                _c[o] = usa ? 1 : ally ? Or(inp.InitialCredibility[i], p.InitialCredibility) : 0;
                _al[o] = usa ? 1 : ally ? Or(inp.InitialAlignment[i], p.InitialAlignment) : 0;
                _io[o] = usa ? 1 : ally ? Or(inp.InitialInteroperability[i], p.InitialInteroperability) : 0;
                _h[o] = ally && inp.NuclearWarheads[i] <= 0 ? Or(inp.InitialHedging[i], p.InitialHedging) : 0;
                double dup = ally ? LogisticScalar(p.DuplicationBias + (p.Gamma * (p.CredibilityReference - _c[o]))) : 1;
                _d[o] = dup;
                _k[o] = k0;
                for (int mm = 0; mm < Mis; mm++)
                {
                    int im = (i * Mis) + mm;
                    double x = ally ? ((1 - dup) * inp.ComplementaryMix[im]) + (dup * inp.AutonomousMix[im])
                        : usa ? inp.ComplementaryMix[im] : inp.AutonomousMix[im];
                    _mix[(im * _r) + r] = x;
                    NextMix[(im * _r) + r] = x;
                    _kMis[(im * _r) + r] = k0 * x;
                }

                _cap[o] = m * (1 + p.IndustrialHeadroom);
                _backlog[o] = 0;
                _cumSpend[o] = 0;
                _cumAbsorbed[o] = 0;
                _cumWaste[o] = 0;
                _state[o] = 0;
                _exec[o] = 0;
                _q[o] = 0;
                _realignYear[o] = double.NaN;
                _hedgeYear[o] = double.NaN;
                _execYear[o] = double.NaN;
                for (int k = 0; k < _nTargets; k++)
                {
                    _targetYear[(((k * _a) + i) * _r) + r] = double.NaN;
                }

                _lsg[o] = Math.Exp(-Distance(i, _lead) / p.LsgDistanceKm);
                double nt = 0;
                for (int k = 0; k < nAdv; k++)
                {
                    int j = _adversaries[k];
                    prox[k] = j == i ? 0 : Math.Exp(-Distance(i, j) / p.ThreatDistanceKm);
                    _wT[(((i * nAdv) + k) * _r) + r] = prox[k];
                    nt += prox[k] * inp.NuclearWarheads[j] / p.NuclearThreatWarheads;
                }

                _nt[o] = nt;
                if (inp.Roles[i] == CountryRole.Adversary)
                {
                    _yMis[r] += inp.MissileInventory[i];
                }
                else
                {
                    _xMis[r] += inp.MissileInventory[i];
                }
            }
        }

        // Threat, spill-ins and the demand intercept α_i that puts the start year on the balanced-growth path.
        for (int ch = 0; ch < _chunks; ch++)
        {
            int r0 = ch * Vector<double>.Count;
            ref var pv = ref _pv[ch];
            for (int idx = 0; idx < _allies.Length; idx++)
            {
                int i = _allies[idx];
                int o = (i * _r) + r0;
                var thr = Threat(i, r0, pv);
                S(_thr0, o, thr);
                S(_thr, o, thr);
                var spill = SpillIns(i, r0, pv, Posture(i, r0, pv));
                // Balanced growth: with partial adjustment, spending that keeps pace with trend GDP (elasticity β_Y) sits
                // β_Y·ln(1+g)/λ below its desired level, so the start year is placed on that path rather than at rest.
                // (λ = 0 freezes spending: no path to be on, so no lag.)
                var lag = Vector.ConditionalSelect(
                    Vector.GreaterThan(pv.Lambda, Vector<double>.Zero),
                    pv.BetaY * V(Math.Log(1 + Math.Max(0, inp.TrendGrowth[i]))) / Vector.Max(pv.Lambda, V(1e-12)),
                    Vector<double>.Zero);
                var alpha = L(_lnM, o) + lag - (pv.BetaY * LaneMath.Log(L(_y, o))) - (pv.BetaT * LaneMath.Log(thr + Vector<double>.One))
                    - (pv.BetaS * LaneMath.Log((spill * V(1 / inp.MilitaryExpenditure[i])) + Vector<double>.One));
                S(_alpha, o, alpha);
            }
        }

        Aggregate(0);
        for (int r = 0; r < _r; r++)
        {
            _kCoalPrev[r] = CoalitionCapability(r);
            double adv = 0;
            double coal = 0;
            for (int i = 0; i < _a; i++)
            {
                if (inp.Roles[i] == CountryRole.Adversary)
                {
                    adv += _m[(i * _r) + r];
                }
                else if (inp.IsAlly(i) || i == _us)
                {
                    coal += _m[(i * _r) + r];
                }
            }

            _advM0[r] = adv;
            _coalM0[r] = coal;
        }
    }

    private static double Or(double v, double fallback) => double.IsNaN(v) ? fallback : v;

    private double Distance(int i, int j) => Inputs.DistanceKm[(i * _a) + j];

    private double CoalitionCapability(int r)
    {
        double sum = _k[(_us * _r) + r] * Inputs.TheatreShare[Math.Min(_t, _steps)];
        foreach (int i in _allies)
        {
            if (_state[(i * _r) + r] == 0)
            {
                sum += _k[(i * _r) + r];
            }
        }

        return sum;
    }

    /// <summary>Sunk posture index in [0,1): 1 − exp(−(troops/T + bases/B + HNS/(troop cost·T))), zero after a step-back.</summary>
    private Vector<double> Posture(int i, int r0, in ModelParameters<Vector<double>> pv) =>
        PostureBase(i, pv) * (Vector<double>.One - L(_exec, (i * _r) + r0));

    /// <summary>The schedule-only part 1 − exp(−raw) of <see cref="Posture"/> (the same before and after threats are executed).</summary>
    private Vector<double> PostureBase(int i, in ModelParameters<Vector<double>> pv)
    {
        var raw = (V(_troops[i]) / pv.PostureTroopsScale) + (V(_bases[i]) / pv.PostureBasesScale)
            + (V(_hns[i]) / (pv.TroopCost * pv.PostureTroopsScale));
        return Vector<double>.One - LaneMath.Exp(-raw);
    }

    /// <summary>Threat T_i = Σ_adversaries w_ij K_j, raised by crises and by hosting.</summary>
    private Vector<double> Threat(int i, int r0, in ModelParameters<Vector<double>> pv)
    {
        var sum = Vector<double>.Zero;
        int nAdv = _adversaries.Length;
        for (int k = 0; k < nAdv; k++)
        {
            sum += L(_wT, (((i * nAdv) + k) * _r) + r0) * L(_k, (_adversaries[k] * _r) + r0);
        }

        var crisis = Vector<double>.One + (pv.CrisisThreat * L(_crisis, r0));
        var hosting = Vector<double>.One + (pv.HostingThreat * V(Launchers[i]));
        return sum * crisis * hosting;
    }

    /// <summary>Spill-ins S_i = c_i·K_US,theatre·LSG + Σ_j ℓ_ij a_j K_j (US term only while aligned; reduced after a step-back).</summary>
    private Vector<double> SpillIns(int i, int r0, in ModelParameters<Vector<double>> pv, Vector<double> posture)
    {
        int o = (i * _r) + r0;
        var theatre = TheatreShare(r0, pv);
        var lsgUs = L(_lsg, (_us * _r) + r0);
        var lsg = Vector<double>.One - ((Vector<double>.One - lsgUs) * (Vector<double>.One - (pv.PostureLsgRelief * posture)));
        var exec = L(_exec, o);
        var keep = Vector<double>.One - (exec * (Vector<double>.One - pv.UsStepbackSpillin));
        var aligned = Vector.ConditionalSelect(Vector.Equals(L(_state, o), Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero);
        var us = L(_c, o) * theatre * L(_k, (_us * _r) + r0) * lsg * keep * aligned;
        var net = Vector<double>.Zero;
        int row = i * _a;
        foreach (int j in _allies)
        {
            double l = LinkMatrix[row + j];
            if (l > 0)
            {
                int oj = (j * _r) + r0;
                var alignedJ = Vector.ConditionalSelect(Vector.Equals(L(_state, oj), Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero);
                net += V(l) * L(_al, oj) * L(_k, oj) * alignedJ;
            }
        }

        return us + net;
    }

    private Vector<double> TheatreShare(int r0, in ModelParameters<Vector<double>> pv)
    {
        var dis = Vector.Equals(L(_stKind, r0), V((double)StanceKind.Disengage));
        return V(Inputs.TheatreShare[_t]) * Vector.ConditionalSelect(dis, pv.DisengageTheatre, Vector<double>.One);
    }

    private Vector<double> SupportIndex(in ModelParameters<Vector<double>> pv) =>
        ((pv.SupportAlliancesEffective + pv.SupportNatoCommitment + pv.SupportOverseasBases) * V(1.0 / 3)) - pv.SupportReference;

    /// <summary>Crisis arrival: scheduled crises damped by dialogue, random crises with a build-up/deployment/dialogue hazard.</summary>
    private void Crises(int t)
    {
        int year = Inputs.StartYear + t;
        double scheduled = 0;
        foreach (var c in Inputs.Crises)
        {
            if (c.Year == year)
            {
                scheduled = Math.Max(scheduled, c.Intensity);
            }
        }

        double dialogue = Inputs.Dialogue[t];
        double launchers = 0;
        for (int i = 0; i < _a; i++)
        {
            launchers += Launchers[i];
        }

        int w = Vector<double>.Count;
        for (int ch = 0; ch < _chunks; ch++)
        {
            int r0 = ch * w;
            ref var pv = ref _pv[ch];
            var adv = Vector<double>.Zero;
            var coal = Vector<double>.Zero;
            for (int i = 0; i < _a; i++)
            {
                var m = L(_m, (i * _r) + r0);
                if (Inputs.Roles[i] == CountryRole.Adversary)
                {
                    adv += m;
                }
                else if (Inputs.IsAlly(i) || i == _us)
                {
                    coal += m;
                }
            }

            var buildup = Vector.Max(Vector<double>.Zero, LaneMath.Log(adv / L(_advM0, r0))) + Vector.Max(Vector<double>.Zero, LaneMath.Log(coal / L(_coalM0, r0)));
            var hazard = Logistic(pv.CrisisAlpha0 + (pv.CrisisBuildup * buildup) + (pv.CrisisDeployments * V(launchers)) - (pv.CrisisDialogue * V(dialogue)));
            var keys = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_keys), (nuint)r0);
            var u = CounterRng.Uniform(keys, Counter(t, _a, 2));
            var damp = Vector<double>.One - (pv.DialogueDamping * V(dialogue));
            var random = Vector.ConditionalSelect(Vector.LessThan(u, hazard), pv.CrisisIntensity * damp, Vector<double>.Zero);
            S(_crisis, r0, Vector.Max(random, V(scheduled) * damp));
        }
    }

    /// <summary>Behavioural decisions: next year's budgets (demand with partial adjustment) and this year's mixes (duplication).</summary>
    private void Decide(int t)
    {
        int w = Vector<double>.Count;
        var inp = Inputs;
        for (int ch = 0; ch < _chunks; ch++)
        {
            int r0 = ch * w;
            ref var pv = ref _pv[ch];
            var keys = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_keys), (nuint)r0);
            var kCoal = Vector<double>.Zero;
            kCoal += L(_k, (_us * _r) + r0) * TheatreShare(r0, pv);
            foreach (int i in _allies)
            {
                int o = (i * _r) + r0;
                kCoal += L(_k, o) * Vector.ConditionalSelect(Vector.Equals(L(_state, o), Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero);
            }

            var prevK = L(_kCoalPrev, r0);
            var growthK = Vector.ConditionalSelect(
                Vector.GreaterThan(prevK, Vector<double>.Zero),
                Vector.Max(Vector<double>.Zero, LaneMath.Log(Vector.Max(kCoal, V(1e-300)) / prevK)),
                Vector<double>.Zero);
            S(_kCoalPrev, r0, kCoal);
            var support = SupportIndex(pv);
            var harsh = L(_stHarsh, r0);
            var target = L(_stTarget, r0);
            var execAny = L(_execAny, r0);
            for (int i = 0; i < _a; i++)
            {
                int o = (i * _r) + r0;
                var m = L(_m, o);
                var g = V(inp.TrendGrowth[i]);
                switch (inp.Roles[i])
                {
                    case CountryRole.TreatyAlly or CountryRole.Partner:
                    {
                        var postureBase = PostureBase(i, pv);
                        S(_postureBase, o, postureBase);
                        var posture = postureBase * (Vector<double>.One - L(_exec, o));
                        var thr = Threat(i, r0, pv);
                        S(_thr, o, thr);
                        var spill = SpillIns(i, r0, pv, posture);
                        var alignedMask = Vector.Equals(L(_state, o), Vector<double>.Zero);
                        var q = Logistic(pv.QIntercept + (pv.QHarshness * harsh) - (pv.QSupport * support) - (pv.QPosture * posture) + (pv.QExecuted * execAny));
                        q = Vector.ConditionalSelect(alignedMask, q, Vector<double>.Zero);
                        S(_q, o, q);
                        var share = m / L(_y, o);
                        var pressure = pv.PressureRho * Vector.Max(Vector<double>.Zero, target - share) * q;
                        // Spill-ins in years of the ally's own start budget, so losing them (realignment) raises demand by a bounded factor.
                        var lnStar = L(_alpha, o) + (pv.BetaY * LaneMath.Log(L(_y, o))) + (pv.BetaT * LaneMath.Log(thr + Vector<double>.One))
                            + (pv.BetaS * LaneMath.Log((spill * V(1 / inp.MilitaryExpenditure[i])) + Vector<double>.One)) + (pv.BetaP * LaneMath.Log(Vector<double>.One + pressure));

                        // Desired spending never exceeds the highest burden observed in peacetime.
                        lnStar = Vector.Min(lnStar, LaneMath.Log(pv.MaxPeacetimeBurden * L(_y, o)));
                        var lnM = L(_lnM, o);
                        var eps = CounterRng.Normal(keys, Counter(t, i, 1));
                        var next = lnM + (pv.Lambda * (lnStar - lnM)) + (pv.SigmaM * eps);
                        S(NextSpending, o, LaneMath.Exp(next));
                        var dup = Logistic(pv.DuplicationBias + (pv.Gamma * (pv.CredibilityReference - L(_c, o))));
                        dup = Vector.ConditionalSelect(alignedMask, dup, Vector<double>.One);
                        S(_d, o, dup);
                        for (int mm = 0; mm < Mis; mm++)
                        {
                            int im = (i * Mis) + mm;
                            var x = ((Vector<double>.One - dup) * V(inp.ComplementaryMix[im])) + (dup * V(inp.AutonomousMix[im]));
                            S(NextMix, (im * _r) + r0, x);
                        }

                        break;
                    }

                    case CountryRole.Patron:
                        S(NextSpending, o, m * (Vector<double>.One + g));
                        break;
                    case CountryRole.Adversary:
                    {
                        var growth = i == _lead ? pv.GC : g;
                        S(NextSpending, o, m * (Vector<double>.One + growth + (pv.AdversaryReaction * growthK)));
                        break;
                    }

                    default:
                        S(NextSpending, o, m * (Vector<double>.One + g));
                        break;
                }
            }
        }
    }

    /// <summary>A conditional stance whose deadline is this year executes the threat against allies below the target.</summary>
    private void ExecuteThreats(int t)
    {
        int year = Inputs.StartYear + t;
        for (int r = 0; r < _r; r++)
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

    /// <summary>State transition from year index t to t+1.</summary>
    private void Apply(int t)
    {
        int w = Vector<double>.Count;
        var inp = Inputs;
        int year = inp.StartYear + t;
        int nextYear = year + 1;
        for (int i = 0; i < _a; i++)
        {
            _linkSum[i] = LinkSum(i);
        }

        for (int ch = 0; ch < _chunks; ch++)
        {
            int r0 = ch * w;
            ref var pv = ref _pv[ch];
            var keys = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_keys), (nuint)r0);
            var zCommon = CounterRng.Normal(keys, Counter(t, _a, 0));
            var sqrtCommon = Vector.SquareRoot(Clamp01(pv.ShockCorrelation));
            var sqrtIdio = Vector.SquareRoot(Vector<double>.One - Clamp01(pv.ShockCorrelation));
            var crisis = L(_crisis, r0);
            var support = SupportIndex(pv);
            var harsh = L(_stHarsh, r0);
            var kind = L(_stKind, r0);
            var stanceTerm = Vector.ConditionalSelect(Vector.Equals(kind, V((double)StanceKind.Reassure)), pv.CReassure,
                Vector.ConditionalSelect(Vector.Equals(kind, V((double)StanceKind.Conditional)), pv.CConditional, pv.CDisengage));
            var execAny = L(_execAny, r0);
            var eta = Clamp01(pv.Eta + (pv.CrisisEtaBoost * crisis));
            for (int i = 0; i < _a; i++)
            {
                int o = (i * _r) + r0;
                bool ally = inp.IsAlly(i);

                // 1. Economy with (regionally correlated) shocks, scheduled shocks and coercion of hosts in crises.
                var z = (sqrtCommon * zCommon) + (sqrtIdio * CounterRng.Normal(keys, Counter(t, i, 0)));
                var coercion = Launchers[i] > 0 ? pv.CoercionGdpShock * V(inp.TradeDependenceAdversary[i]) * crisis : Vector<double>.Zero;
                var growth = V(inp.TrendGrowth[i] + _gdpShock[i]) + (pv.GdpVolatility * z) - coercion;
                var y = L(_y, o);
                var yNext = y * Vector.Max(V(0.01), Vector<double>.One + growth);

                // 2. Capability by perpetual inventory with industrial-capacity absorption and φ gains/losses.
                var m = L(_m, o);
                var cap = L(_cap, o);
                var backlog = L(_backlog, o);
                var absM = Vector.Min(m, cap);
                var absB = Vector.Min(backlog, Vector.Max(Vector<double>.Zero, cap - absM));
                var left = (m - absM) + (backlog - absB);
                var waste = left * pv.BacklogWaste;
                S(_backlog, o, left - waste);
                S(_cumSpend, o, L(_cumSpend, o) + m);
                S(_cumAbsorbed, o, L(_cumAbsorbed, o) + absM + absB);
                S(_cumWaste, o, L(_cumWaste, o) + waste);
                S(_cap, o, cap + (pv.IndustrialAdjustment * ((m + backlog) - cap)));
                var phi = (double.IsNaN(inp.Phi[i]) ? pv.PhiDefault : V(inp.Phi[i])) * (Vector<double>.One - (pv.DuplicationPhiPenalty * (ally ? L(_d, o) : Vector<double>.Zero)));
                var add = phi * (absM + (pv.BacklogEfficiency * absB));
                var keep = Vector<double>.One - pv.Delta;
                var kSum = Vector<double>.Zero;
                for (int mm = 0; mm < Mis; mm++)
                {
                    int im = (i * Mis) + mm;
                    int om = (im * _r) + r0;
                    var x = L(NextMix, om);
                    S(_mix, om, x);
                    var kNew = (keep * L(_kMis, om)) + (add * x * V(1 + _phiGain[im]));
                    S(_kMis, om, kNew);
                    kSum += kNew;
                }

                S(_k, o, kSum);
                S(_y, o, yNext);
                // Allies and partners are democracies at peace: their burden stays below the peacetime record (§3).
                var mNext = Vector.Min(Vector.Max(L(NextSpending, o), V(1e-9) * yNext), (ally ? pv.MaxPeacetimeBurden : pv.MaxBurden) * yNext);
                S(_m, o, mNext);
                S(_lnM, o, LaneMath.Log(mNext));

                if (!ally)
                {
                    continue;
                }

                // 5. Credibility.
                var posture = L(_postureBase, o) * (Vector<double>.One - L(_exec, o));
                var treaty = inp.Treaty[i] switch
                {
                    TreatyType.Partnership => pv.CTreatyPartnership,
                    TreatyType.BilateralTreaty => pv.CTreatyBilateral,
                    TreatyType.CollectiveDefence => pv.CTreatyCollective,
                    _ => Vector<double>.Zero,
                };
                var exec = L(_exec, o);
                var cBar = Logistic(pv.CIntercept + stanceTerm + treaty + (pv.CPosture * posture) + (pv.CHarshness * harsh)
                    + (pv.CExecuted * exec) + (pv.CExecutedOther * execAny * (Vector<double>.One - exec))
                    + (pv.CCostSharing * V(_cs[i])) + (pv.CSupport * support));
                var c = L(_c, o);
                c = Clamp01(c + (eta * (cBar - c)));
                S(_c, o, c);

                // 6. Distancing: alignment drift and the realignment hazard.
                var state = L(_state, o);
                var alignedMask = Vector.Equals(state, Vector<double>.Zero);
                var shortfall = pv.CredibilityReference - c;
                var dep = V(inp.TradeDependenceAdversary[i]);
                var threatGrowth = Vector.Max(Vector<double>.Zero, LaneMath.Log((L(_thr, o) + Vector<double>.One) / (L(_thr0, o) + Vector<double>.One)));
                var amp = Vector<double>.One + (pv.AlignmentThreat * threatGrowth) + (pv.AlignmentDependence * dep);
                var a = L(_al, o);
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
                    S(_state, o, Vector.ConditionalSelect(realign, newState, state));
                    var newA = Vector.ConditionalSelect(bandwagon, Vector<double>.Zero, a * pv.HedgingAlignment);
                    a = Vector.ConditionalSelect(realign, newA, a);
                    S(_realignYear, o, Vector.ConditionalSelect(realign, V(nextYear), L(_realignYear, o)));
                }

                a = Vector.ConditionalSelect(Vector.Equals(L(_state, o), V((double)AlignmentState.Bandwagoning)), Vector<double>.Zero, a);
                S(_al, o, a);

                // 7. Nuclear hedging.
                if (inp.NuclearWarheads[i] <= 0)
                {
                    var hTarget = Logistic(pv.Theta0 + (pv.Theta1 * shortfall) + (pv.Theta2 * L(_nt, o)));
                    var h = L(_h, o);
                    h = Clamp01(h + (pv.HedgingRate * (hTarget - h)));
                    S(_h, o, h);
                    var crossed = Vector.BitwiseAnd(Vector.GreaterThanOrEqual(h, pv.HedgingThreshold), Vector.Equals(L(_hedgeYear, o), L(_hedgeYear, o)) ^ Vector<long>.AllBitsSet);
                    S(_hedgeYear, o, Vector.ConditionalSelect(crossed, V(nextYear), L(_hedgeYear, o)));
                }

                // 8. Interoperability: exercises (with alignment), links, joint programmes; national champions erode it.
                var io = L(_io, o);
                var gain = (pv.InteropRate * a) + (pv.InteropLinks * V(_linkSum[i])) + V(_ioGain[i]);
                io = Clamp01(io + (gain * (Vector<double>.One - io)) - (pv.InteropDecay * L(_d, o) * io));
                S(_io, o, io);
            }

            // 9. Richardson missile pair (sub-stepped Euler), with hosted deployments feeding the coalition's build-up.
            double launchers = 0;
            for (int i = 0; i < _a; i++)
            {
                launchers += Launchers[i];
            }

            var xm = L(_xMis, r0);
            var ym = L(_yMis, r0);
            var gEff = pv.RichardsonG + (pv.DeploymentMissiles * V(launchers));
            int sub = (int)Math.Max(1, _ps[r0].MissileSubsteps);
            var dt = V(1.0 / sub);
            for (int s = 0; s < sub; s++)
            {
                var dx = (pv.RichardsonK * ym) - (pv.RichardsonA * xm) + gEff;
                var dy = (pv.RichardsonL * xm) - (pv.RichardsonB * ym) + pv.RichardsonH;
                xm = Vector.Max(Vector<double>.Zero, xm + (dt * dx));
                ym = Vector.Max(Vector<double>.Zero, ym + (dt * dy));
            }

            S(_xMis, r0, xm);
            S(_yMis, r0, ym);
        }
    }

    private double LinkSum(int i)
    {
        double s = 0;
        int row = i * _a;
        for (int j = 0; j < _a; j++)
        {
            s += LinkMatrix[row + j];
        }

        return s;
    }

    /// <summary>Coalition and adversary effectiveness per mission, CES, balance, costs, exposure; year-t bookkeeping.</summary>
    private void Aggregate(int t)
    {
        int w = Vector<double>.Count;
        var inp = Inputs;
        int year = inp.StartYear + t;
        int nAdv = _adversaries.Length;
        Span<Vector<double>> eCoal = stackalloc Vector<double>[Mis];
        Span<Vector<double>> eAdv = stackalloc Vector<double>[Mis];
        double troopsTotal = 0;
        double hnsTotal = 0;
        for (int i = 0; i < _a; i++)
        {
            troopsTotal += _troops[i];
            hnsTotal += _hns[i];
        }

        double launchers = 0;
        for (int i = 0; i < _a; i++)
        {
            launchers += Launchers[i];
        }

        for (int ch = 0; ch < _chunks; ch++)
        {
            int r0 = ch * w;
            ref var pv = ref _pv[ch];
            var theatre = TheatreShare(r0, pv);
            int ou = (_us * _r) + r0;

            // Forward posture across hosts relieves the US loss of strength.
            var postureRaw = Vector<double>.Zero;
            var troopsEff = Vector<double>.Zero;
            for (int i = 0; i < _a; i++)
            {
                if (_troops[i] > 0 || _bases[i] > 0)
                {
                    var notExec = Vector<double>.One - L(_exec, (i * _r) + r0);
                    postureRaw += ((V(_troops[i]) / pv.PostureTroopsScale) + (V(_bases[i]) / pv.PostureBasesScale)) * notExec;
                    troopsEff += V(_troops[i]) * notExec;
                }
            }

            var posture = Vector<double>.One - LaneMath.Exp(-postureRaw);
            var lsgUs = L(_lsg, ou);
            var usLsg = Vector<double>.One - ((Vector<double>.One - lsgUs) * (Vector<double>.One - (pv.PostureLsgRelief * posture)));
            var usWeight = theatre * usLsg;
            var missiles = L(_xMis, r0) * pv.MissileCapability;
            var advMissiles = L(_yMis, r0) * pv.MissileCapability;
            for (int mm = 0; mm < Mis; mm++)
            {
                eCoal[mm] = usWeight * L(_kMis, (((_us * Mis) + mm) * _r) + r0);
                eAdv[mm] = Vector<double>.Zero;
            }

            eCoal[(int)MissionArea.LongRangeStrike] += missiles;
            eAdv[(int)MissionArea.LongRangeStrike] += advMissiles;
            var kCoal = theatre * L(_k, ou);
            var kAdv = Vector<double>.Zero;
            var mCoal = theatre * L(_m, ou);
            var mAdv = Vector<double>.Zero;
            var dupNum = Vector<double>.Zero;
            var dupDen = Vector<double>.Zero;
            var realigned = Vector<double>.Zero;
            var exposure = Vector<double>.Zero;
            var ym = L(_yMis, r0);
            foreach (int i in _allies)
            {
                int o = (i * _r) + r0;
                var state = L(_state, o);
                var aligned = Vector.ConditionalSelect(Vector.Equals(state, Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero);
                var bw = Vector.ConditionalSelect(Vector.Equals(state, V((double)AlignmentState.Bandwagoning)), pv.BandwagonTransfer, Vector<double>.Zero);
                var weight = L(_io, o) * L(_al, o) * L(_lsg, o) * aligned;
                var bwWeight = bw * L(_lsg, o);
                var overlap = Vector<double>.Zero;
                for (int mm = 0; mm < Mis; mm++)
                {
                    int om = ((((i * Mis) + mm) * _r) + r0);
                    var kim = L(_kMis, om);
                    eCoal[mm] += weight * kim;
                    eAdv[mm] += bwWeight * kim;
                    overlap += Vector.Min(L(_mix, om), L(_mix, ((((_us * Mis) + mm) * _r) + r0)));
                }

                S(_rec, Rec(Layout.Of(ActorIndicator.Duplication, i), t) + r0, overlap);
                var m = L(_m, o);
                dupNum += m * overlap * aligned;
                dupDen += m * aligned;
                kCoal += L(_k, o) * aligned;
                mCoal += m * aligned;
                realigned += Vector<double>.One - aligned;
                var exp = V(Launchers[i]) * pv.HostTargetingShare * ym;
                S(_rec, Rec(Layout.Of(ActorIndicator.HostExposure, i), t) + r0, exp);
                exposure += exp;
            }

            for (int k = 0; k < nAdv; k++)
            {
                int j = _adversaries[k];
                int o = (j * _r) + r0;
                var lsg = L(_lsg, o);
                for (int mm = 0; mm < Mis; mm++)
                {
                    eAdv[mm] += lsg * L(_kMis, ((((j * Mis) + mm) * _r) + r0));
                }

                kAdv += L(_k, o);
                mAdv += L(_m, o);
            }

            var eC = Ces(eCoal, pv);
            var eA = Ces(eAdv, pv);
            var balance = eC / eA;
            for (int mm = 0; mm < Mis; mm++)
            {
                S(_rec, Rec(Layout.Of((CoalitionIndicator)mm), t) + r0, eCoal[mm] * PerBn);
            }

            var gross = (theatre * L(_m, ou)) + (pv.TroopCost * troopsEff);
            var hns = V(hnsTotal);
            RecC(CoalitionIndicator.Effectiveness, t, r0, eC * PerBn);
            RecC(CoalitionIndicator.AdversaryEffectiveness, t, r0, eA * PerBn);
            RecC(CoalitionIndicator.Balance, t, r0, balance);
            RecC(CoalitionIndicator.SpendingRatio, t, r0, mCoal / mAdv);
            RecC(CoalitionIndicator.CapabilityRatio, t, r0, kCoal / kAdv);
            RecC(CoalitionIndicator.UsCostGross, t, r0, gross);
            RecC(CoalitionIndicator.HostNationSupport, t, r0, hns);
            RecC(CoalitionIndicator.UsCostNet, t, r0, gross - hns);
            RecC(CoalitionIndicator.HostExposure, t, r0, exposure);
            RecC(CoalitionIndicator.CoalitionMissiles, t, r0, L(_xMis, r0));
            RecC(CoalitionIndicator.AdversaryMissiles, t, r0, ym);
            RecC(CoalitionIndicator.Crisis, t, r0, t == 0 ? Vector<double>.Zero : L(_crisis, r0));
            RecC(CoalitionIndicator.CoalitionDuplication, t, r0, dupNum / Vector.Max(dupDen, V(1e-300)));
            RecC(CoalitionIndicator.Realigned, t, r0, realigned);
            if (t > 0)
            {
                var cross = Vector.BitwiseAnd(Vector.LessThan(balance, Vector<double>.One), Vector.Equals(L(_crossover, r0), L(_crossover, r0)) ^ Vector<long>.AllBitsSet);
                S(_crossover, r0, Vector.ConditionalSelect(cross, V(year), L(_crossover, r0)));
            }
        }

        _ = launchers;
    }

    /// <summary>
    /// CES aggregate (Σ ω̂_m (E_m/ω̂_m)^ρ)^(1/ρ) with normalised weights ω̂: each mission's stock is taken per unit of its weight,
    /// so a force whose stock K is spread exactly by the weights scores K (capability-equivalent dollars); Cobb–Douglas at ρ = 0,
    /// the plain total Σ E_m at ρ = 1.
    /// </summary>
    private static Vector<double> Ces(ReadOnlySpan<Vector<double>> e, in ModelParameters<Vector<double>> pv)
    {
        Span<Vector<double>> wts = [pv.WeightMaritime, pv.WeightAir, pv.WeightLongRangeStrike, pv.WeightMissileDefence, pv.WeightIsrSpace, pv.WeightCyberEw, pv.WeightLand];
        var wsum = Vector<double>.Zero;
        foreach (var w in wts)
        {
            wsum += w;
        }

        Span<Vector<double>> perWeight = stackalloc Vector<double>[Mis];
        for (int m = 0; m < Mis; m++)
        {
            perWeight[m] = e[m] * wsum / wts[m];
        }

        return CesCore(perWeight, wts, pv.CesRho);
    }

    /// <summary>CES aggregate of per-mission values with weights (normalised to sum 1) and exponent ρ, lane-wise.</summary>
    public static Vector<double> CesCore(ReadOnlySpan<Vector<double>> e, ReadOnlySpan<Vector<double>> weights, Vector<double> rho)
    {
        var wsum = Vector<double>.Zero;
        foreach (var w in weights)
        {
            wsum += w;
        }

        var sum = Vector<double>.Zero;
        var logSum = Vector<double>.Zero;
        var tiny = new Vector<double>(1e-9);
        for (int m = 0; m < e.Length; m++)
        {
            var wm = weights[m] / wsum;
            var lnE = LaneMath.Log(Vector.Max(e[m], tiny));
            sum += wm * LaneMath.Exp(rho * lnE);
            logSum += wm * lnE;
        }

        var nearZero = Vector.LessThan(Vector.Abs(rho), new Vector<double>(1e-9));
        var safeRho = Vector.ConditionalSelect(nearZero, Vector<double>.One, rho);
        var ces = LaneMath.Exp(LaneMath.Log(sum) / safeRho);
        return Vector.ConditionalSelect(nearZero, LaneMath.Exp(logSum), ces);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Rec(int indicator, int t) => ((indicator * (_steps + 1)) + t) * _r;

    private void RecC(CoalitionIndicator kind, int t, int r0, Vector<double> v) => S(_rec, Rec(Layout.Of(kind), t) + r0, v);

    /// <summary>Records the per-actor indicators of year index t and the targets met.</summary>
    private void Record(int t)
    {
        int w = Vector<double>.Count;
        int year = Inputs.StartYear + t;
        for (int i = 0; i < _a; i++)
        {
            for (int ch = 0; ch < _chunks; ch++)
            {
                int r0 = ch * w;
                int o = (i * _r) + r0;
                var m = L(_m, o);
                var share = m / L(_y, o);
                S(_rec, Rec(Layout.Of(ActorIndicator.Spending, i), t) + r0, m);
                S(_rec, Rec(Layout.Of(ActorIndicator.Share, i), t) + r0, share);
                S(_rec, Rec(Layout.Of(ActorIndicator.Gdp, i), t) + r0, L(_y, o));
                S(_rec, Rec(Layout.Of(ActorIndicator.Capability, i), t) + r0, L(_k, o));
                S(_rec, Rec(Layout.Of(ActorIndicator.Credibility, i), t) + r0, L(_c, o));
                S(_rec, Rec(Layout.Of(ActorIndicator.Alignment, i), t) + r0, L(_al, o));
                S(_rec, Rec(Layout.Of(ActorIndicator.Interoperability, i), t) + r0, L(_io, o));
                S(_rec, Rec(Layout.Of(ActorIndicator.Hedging, i), t) + r0, L(_h, o));
                S(_rec, Rec(Layout.Of(ActorIndicator.Belief, i), t) + r0, L(_q, o));
                S(_rec, Rec(Layout.Of(ActorIndicator.AlignmentState, i), t) + r0, L(_state, o));
                for (int k = 0; k < _nTargets; k++)
                {
                    int ok = (((k * _a) + i) * _r) + r0;
                    var prev = L(_targetYear, ok);
                    var met = Vector.BitwiseAnd(Vector.GreaterThanOrEqual(share, V(Inputs.TargetShares[k])), Vector.Equals(prev, prev) ^ Vector<long>.AllBitsSet);
                    S(_targetYear, ok, Vector.ConditionalSelect(met, V(year), prev));
                }
            }
        }
    }
}
