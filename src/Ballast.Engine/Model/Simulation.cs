using System.Runtime.InteropServices;
using Ballast.Engine.Memory;

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
/// (actor constants, stance paths, schedules, fixed parameters: <see cref="ModelTables"/>) is computed once per inputs and
/// shared by every simulation of them; record offsets once per simulation.
/// <para>
/// The class is split by phase: this file holds the buffers and the year loop; Simulation.Start.cs starts a block,
/// Simulation.Decisions.cs makes the year's decisions, Simulation.Transition.cs moves the state to the next year,
/// Simulation.Observation.cs aggregates, records and reads results, Simulation.Lanes.cs holds the lane helpers.
/// </para>
/// </remarks>
/// <param name="tables">The tables of the inputs, shared by every simulation of the same inputs.</param>
/// <param name="blockSize">Runs per block (rounded up to a multiple of the vector width).</param>
public sealed partial class Simulation(ModelTables tables, int blockSize)
{
    private const int Mis = MissionAreas.Count;
    private const ulong SetupTag = 0xC2B2AE3D27D4EB4FUL;
    private const int AggregateWeights = 6 * Mis; // vectors of Aggregate's scratch before the allies' weights

    // Effectiveness is recorded in US$ bn (capability is constant 2023 dollars at φ = 1).
    private const double PerBn = 1e-9;

    private static readonly int W = Vector<double>.Count;

    // Every buffer is allocated here, with its shape (an override's view, YearDecisions, on first use); stepping allocates nothing.
    // The tables are rebound to other tables of the same shape when a pooled simulation serves other inputs
    // (SimulationPool); everything else below depends only on the shape (the allies and adversaries are part of it).
    private ModelTables _tables = tables;
    private readonly int _a = tables.Inputs.ActorCount;
    private readonly int _r = Lanes(blockSize);
    private readonly int _chunks = Lanes(blockSize) / W;
    private readonly int _steps = tables.Inputs.Steps;
    private readonly int _nTargets = tables.Inputs.TargetShares.Length;
    private readonly int[] _allies = tables.Allies;
    private readonly int[] _allyMis = AllyMixOffsets(tables.Allies, Lanes(blockSize)); // offset of each ally's first mission in [(i * 7 + m) * R + r]
    private readonly int[] _adversaries = tables.Adversaries;
    private readonly int _us = tables.Inputs.PatronIndex;
    private readonly int _lead = tables.Inputs.LeadAdversaryIndex;

    // The run of each lane: its parameters (per lane group), stream keys, run index and stance path.
    private readonly ModelParameters<Vector<double>>[] _pv = CacheLines.Padded<ModelParameters<Vector<double>>>(Lanes(blockSize) / W);
    private readonly ulong[] _keys = CacheLines.Padded<ulong>(Lanes(blockSize));
    private readonly ulong[] _setupKeys = CacheLines.Padded<ulong>(Lanes(blockSize));
    private readonly long[] _runIndex = CacheLines.Padded<long>(Lanes(blockSize));
    private readonly int[] _path = CacheLines.Padded<int>(Lanes(blockSize));
    private YearDecisions? _decisions; // made the first time an override is given

    // State, [i * R + r] unless noted.
    private readonly ArraySegment<double> _y = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _m = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _k = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _kMis = PerActor(tables, blockSize, Mis); // [(i * 7 + m) * R + r]
    private readonly ArraySegment<double> _c = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _al = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _io = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _h = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _q = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _d = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _thr = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _lnThr = PerActor(tables, blockSize);  // ln(1 + T_i) of the year being decided (demand and the threat-growth term of distancing)
    private readonly ArraySegment<double> _lnThr0 = PerActor(tables, blockSize); // ln(1 + T_i) at the start
    private readonly ArraySegment<double> _alpha = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _cap = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _backlog = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _cumSpend = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _cumAbsorbed = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _cumWaste = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _state = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _exec = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _lsg = PerActor(tables, blockSize);   // loss-of-strength weight of actor i to the theatre
    private readonly ArraySegment<double> _nt = PerActor(tables, blockSize);    // nuclear threat
    private readonly ArraySegment<double> _wT = PerActor(tables, blockSize, Math.Max(1, tables.Adversaries.Length)); // proximity weights [(i * nAdv + k) * R + r]

    // Per run.
    private readonly ArraySegment<double> _xMis = PerLane(blockSize);
    private readonly ArraySegment<double> _yMis = PerLane(blockSize);
    private readonly ArraySegment<double> _kCoalPrev = PerLane(blockSize);
    private readonly ArraySegment<double> _crisis = PerLane(blockSize);
    private readonly ArraySegment<double> _execAny = PerLane(blockSize);
    private readonly ArraySegment<double> _crossover = PerLane(blockSize);
    private readonly ArraySegment<double> _advM0 = PerLane(blockSize);
    private readonly ArraySegment<double> _coalM0 = PerLane(blockSize);
    private readonly ArraySegment<double> _stKind = PerLane(blockSize);
    private readonly ArraySegment<double> _stTarget = PerLane(blockSize);
    private readonly ArraySegment<double> _stDeadline = PerLane(blockSize);
    private readonly ArraySegment<double> _stHarsh = PerLane(blockSize);

    // Shared by the block: the year's links and schedules.
    private readonly ArraySegment<double> _linkSum = CacheLines.Allocate<double>(tables.Inputs.ActorCount); // Σ_j ℓ_ij, refreshed after the decisions (links may be overridden)
    private readonly int[] _netStart = CacheLines.Padded<int>(tables.Allies.Length + 1);      // positive ally-to-ally links of ally index a: [_netStart[a], _netStart[a + 1])
    private readonly int[] _netTo = CacheLines.Padded<int>(tables.Allies.Length * tables.Allies.Length);
    private readonly ArraySegment<double> _netStrength = CacheLines.Allocate<double>(tables.Allies.Length * tables.Allies.Length);
    private readonly ArraySegment<double> _postureBase = PerActor(tables, blockSize); // 1 − exp(−raw posture) of year t, set in Decide and reused in Apply
    private readonly Vector<double>[] _cesWeight = CacheLines.Padded<Vector<double>>(Lanes(blockSize) / W * Mis); // [ch * 7 + m], per block
    private readonly Vector<double>[] _cesScale = CacheLines.Padded<Vector<double>>(Lanes(blockSize) / W * Mis);
    private readonly Vector<double>[] _lnMaxBurden = CacheLines.Padded<Vector<double>>(Lanes(blockSize) / W); // ln of the peacetime burden cap, per lane group and block
    private readonly Vector<double>[] _sqrtCommon = CacheLines.Padded<Vector<double>>(Lanes(blockSize) / W); // the shocks' common and own weights, likewise
    private readonly Vector<double>[] _sqrtIdio = CacheLines.Padded<Vector<double>>(Lanes(blockSize) / W);
    private readonly ArraySegment<double> _spillT = CacheLines.Allocate<double>(Math.Max(1, tables.Allies.Length) * W); // spill-ins and pressure of the lane group being decided, [ally index * W + lane]
    private readonly ArraySegment<double> _pressureT = CacheLines.Allocate<double>(Math.Max(1, tables.Allies.Length) * W);
    private readonly ArraySegment<double> _batch = CacheLines.Allocate<double>(Math.Max(1, tables.Allies.Length) * 5 * W); // arguments and results of a pass's transcendentals, batched
    // Aggregate's scratch for a lane group: each mission's coalition and adversary effectiveness, their logarithms and powers
    // (Ces), then from AggregateWeights on the allies' coalition and bandwagoning weights and their overlaps.
    private readonly ArraySegment<double> _aggregate = CacheLines.Allocate<double>((AggregateWeights + (3 * Math.Max(1, tables.Allies.Length))) * W);
    // Memos of the batched logistics (beliefs, duplication, credibility and hedging targets) and of the pressure logarithms
    // (MemoInPlace), one region of 2·W values per ally and pass; lanes that share an argument share its result.
    private readonly ArraySegment<double> _logisticMemo = Memo(4, Math.Max(1, tables.Allies.Length), 0, Logistic(Vector<double>.Zero)[0]);
    private readonly ArraySegment<double> _logMemo = Memo(1, Math.Max(1, tables.Allies.Length), 1, LaneMath.Log(Vector<double>.One)[0]);
    private readonly int _normalsPerGroup = NormalsPerGroup(tables); // a lane group's normal draws in a year: actors, the common shock, allies
    private readonly ArraySegment<double> _normals = CacheLines.Allocate<double>(Draws(tables, blockSize)); // the year's normal draws (DrawNormals), [(ch * per group + k) * W + lane]
    private readonly ArraySegment<double> _normalP = CacheLines.Allocate<double>(Draws(tables, blockSize)); // their uniforms
    private readonly int[] _normalTails = CacheLines.Padded<int>(Draws(tables, blockSize) / W); // offsets of the vectors with a lane in a tail
    private readonly int[] _tailAt = CacheLines.Padded<int>(Draws(tables, blockSize)); // the tail lanes packed: where each came from,
    private readonly ArraySegment<double> _tailP = CacheLines.Allocate<double>(Draws(tables, blockSize) + W); // its uniform (and a vector of padding)
    private readonly ArraySegment<double> _tailZ = CacheLines.Allocate<double>(Draws(tables, blockSize) + W); // and its normal

    // Records and run summaries.
    private readonly ArraySegment<double> _rec = CacheLines.Allocate<double>(tables.Layout.Count * (tables.Inputs.Steps + 1) * Lanes(blockSize)); // [(t * indicators + ind) * R + r]
    private readonly int _indicators = tables.Layout.Count;
    private readonly int[] _recActor = ActorRecordOffsets(tables.Layout, tables.Inputs.ActorCount, Lanes(blockSize)); // record offset of (kind, actor): [kind * A + i]
    private readonly int[] _recCoal = CoalitionRecordOffsets(tables.Layout, Lanes(blockSize));
    private readonly ArraySegment<double> _realignYear = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _hedgeYear = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _execYear = PerActor(tables, blockSize);
    private readonly ArraySegment<double> _targetYear = PerActor(tables, blockSize, tables.Inputs.TargetShares.Length); // [(k * A + i) * R + r]

    // The scalars that change as the simulation steps, in a buffer of their own lines instead of on this object: another
    // thread's simulation object can lie right after this one, and its fields are read all the time (CacheLines).
    private readonly Stepping[] _stepping = CacheLines.Padded<Stepping>(1);

    /// <summary>
    /// Creates a simulation of <paramref name="inputs"/> for a block of <paramref name="blockSize"/> runs with its own tables;
    /// simulations of the same inputs on several threads share one <see cref="ModelTables"/> instead.
    /// </summary>
    public Simulation(ModelInputs inputs, int blockSize)
        : this(new ModelTables(inputs), blockSize)
    {
    }

    /// <summary>The frozen inputs.</summary>
    public ModelInputs Inputs => _tables.Inputs;

    /// <summary>Runs per block (a multiple of the vector width).</summary>
    public int BlockSize => _r;

    /// <summary>Names and indices of the recorded indicators.</summary>
    public IndicatorLayout Layout => _tables.Layout;

    /// <summary>The tables simulated.</summary>
    internal ModelTables Tables => _tables;

    /// <summary>Year index of the current state (0 = start year).</summary>
    public int YearIndex => Now.T;

    /// <summary>Calendar year of the current state.</summary>
    public int Year => Inputs.StartYear + Now.T;

    /// <summary>True once the horizon is reached.</summary>
    public bool Done => Now.T >= _steps;

    // What an override may change (YearDecisions): next year's budgets and this year's mixes, links and hosting.
    internal ArraySegment<double> NextSpending { get; } = PerActor(tables, blockSize);

    // The year's investment mix [(i * 7 + m) * R + r]: set by the decisions (or an override), read by the transition and the
    // aggregates of the same year, so it is also the current mix between steps (no copy is kept).
    internal ArraySegment<double> NextMix { get; } = PerActor(tables, blockSize, Mis);

    internal double[] LinkMatrix { get; } = Copy(tables.StartLinks);

    internal double[] Launchers { get; } = CacheLines.Padded<double>(tables.Inputs.ActorCount);

    /// <summary>
    /// Makes this simulation one of <paramref name="tables"/>' inputs: its buffers serve any tables of the same
    /// <see cref="ModelTables.Shape"/>, and <see cref="Reset(ReadOnlySpan{long}, ulong)"/> reads everything else from the tables, so a block after the
    /// rebinding is bit for bit the block of a new simulation of those tables.
    /// </summary>
    internal void Rebind(ModelTables tables)
    {
        if (tables.Shape != _tables.Shape)
        {
            throw new ArgumentException($"a simulation of shape '{_tables.Shape}' cannot simulate tables of shape '{tables.Shape}'", nameof(tables));
        }

        _tables = tables;
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

        int t = Now.T;
        if (t > 0)
        {
            ApplySchedules(t);
            if (Now.LinksChanged)
            {
                RefreshLinks();
            }
        }

        // The year's normals and crises for every lane group first: their chains (inverse CDFs; two logarithms and a
        // logistic per group) are independent across groups, so they overlap when nothing else sits between them.
        DrawNormals(t);
        for (int ch = 0; ch < _chunks; ch++)
        {
            Crises(t, ch);
        }

        if (decisionOverride is null)
        {
            for (int ch = 0; ch < _chunks; ch++)
            {
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
                Decide(t, ch);
            }

            decisionOverride.Decide(_decisions ??= new YearDecisions(this));

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

        JudgeMemo();
        Now.T = t + 1;
    }

    private void SetLinkChange(LinkChange lc)
    {
        Now.LinksChanged = true;
        ModelTables.SetLink(LinkMatrix, _a, lc.From, lc.To, lc.Strength);
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

        // The year's tables were built once (ModelTables) and are read at offset t · A (Now.Yo); hosting is copied because the
        // override may change it.
        Now.Yo = t * _a;
        Array.Copy(_tables.Launchers, Now.Yo, Launchers, 0, _a);
        Now.LaunchersTotal = _tables.LaunchersTotal[t];
        Now.HnsTotal = _tables.HnsTotal[t];
        Now.ScheduledCrisis = _tables.Crisis[t];
        var (kind, target, deadline, harsh) = (_tables.PathKind, _tables.PathTarget, _tables.PathDeadline, _tables.PathHarsh);
        // The lane arrays in locals: a store to a field's array would otherwise make the compiler reload every field.
        var (paths, stKind, stTarget, stDeadline, stHarsh) = (_path, _stKind, _stTarget, _stDeadline, _stHarsh);
        for (int r = 0; r < _r; r++)
        {
            int path = paths[r];
            stKind[r] = kind[path][t];
            stTarget[r] = target[path][t];
            stDeadline[r] = deadline[path][t];
            stHarsh[r] = harsh[path][t];
        }
    }

    /// <summary>
    /// The year's normal draws of the block: per lane group the economic shock of each actor (counter (t, i, 0)), the common
    /// shock (t, A, 0) and the spending shock of each ally (t, ally, 1). Batched so that the inverse CDF runs without a
    /// branch per draw: the central rational function for every vector first, listing the vectors with a lane in a tail
    /// (about half of them at 4 lanes, three in four at 8; a branch on that was mispredicted about as often); then the tail
    /// lanes of the listed vectors (15 % of all) packed into full vectors, their tail function, and the results put back.
    /// Every lane gets <see cref="CounterRng.Normal(Vector{ulong}, ulong)"/>'s bits: the tail function of a lane does not
    /// depend on the other lanes of its vector.
    /// </summary>
    private void DrawNormals(int t)
    {
        ref double z = ref D(_normals);
        ref double p = ref D(_normalP);
        ref int tails = ref MemoryMarshal.GetArrayDataReference(_normalTails);
        int w = W;
        int a = _a;
        int n = 0;
        // The loop's fields and tables in locals (a store through a reference would make the compiler reload each one).
        int perGroup = _normalsPerGroup;
        int chunks = _chunks;
        long yearBase = YearBase(t, a);
        ref int allies = ref MemoryMarshal.GetArrayDataReference(_allies);
        for (int ch = 0; ch < chunks; ch++)
        {
            var keys = Keys(_keys, ch * w);
            int o = ch * perGroup * w;
            for (int k = 0; k < perGroup; k++, o += w)
            {
                var u = CounterRng.Uniform(keys, k <= a ? Counter(yearBase, k, 0) : Counter(yearBase, Unsafe.Add(ref allies, k - a - 1), 1));
                S(ref p, o, u);
                S(ref z, o, LaneMath.NormalQuantileCentre(u, out var centre));
                Unsafe.Add(ref tails, n) = o;
                n += Vector.EqualsAll(centre, Vector<long>.AllBitsSet) ? 0 : 1;
            }
        }

        // Pack: every lane of a listed vector is written, and kept (m advances) when it is outside the centre.
        ref int at = ref MemoryMarshal.GetArrayDataReference(_tailAt);
        ref double tailP = ref D(_tailP);
        int m = 0;
        for (int j = 0; j < n; j++)
        {
            int o = Unsafe.Add(ref tails, j);
            for (int l = 0; l < w; l++)
            {
                double pl = Unsafe.Add(ref p, o + l);
                Unsafe.Add(ref tailP, m) = pl;
                Unsafe.Add(ref at, m) = o + l;
                m += Math.Abs(pl - 0.5) <= 0.425 ? 0 : 1; // the lane test of LaneMath.NormalQuantileCentre
            }
        }

        // Pad the last vector with a central uniform (its lanes are not read back), evaluate, put back.
        for (int l = m; l < m + w; l++)
        {
            Unsafe.Add(ref tailP, l) = 0.5;
        }

        ref double tailZ = ref D(_tailZ);
        for (int o = 0; o < m; o += w)
        {
            S(ref tailZ, o, LaneMath.NormalQuantileTails(L(ref tailP, o), Vector<double>.Zero));
        }

        for (int j = 0; j < m; j++)
        {
            Unsafe.Add(ref z, Unsafe.Add(ref at, j)) = Unsafe.Add(ref tailZ, j);
        }
    }

    private void SumLaunchers()
    {
        double launchers = 0;
        for (int i = 0; i < _a; i++)
        {
            launchers += Launchers[i];
        }

        Now.LaunchersTotal = launchers;
    }

    /// <summary>Link sums and the list of positive ally-to-ally links, from the current link matrix.</summary>
    private void RefreshLinks()
    {
        Now.LinksChanged = false;
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

    /// <summary>The scalars that change as the simulation steps (<see cref="_stepping"/>).</summary>
    private ref Stepping Now
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref MemoryMarshal.GetArrayDataReference(_stepping);
    }

    /// <summary>Runs per block: the requested size rounded up to a multiple of the vector width (at least one group).</summary>
    internal static int Lanes(int blockSize) => Math.Max(W, (blockSize + W - 1) / W * W);

    private static int NormalsPerGroup(ModelTables tables) => tables.Inputs.ActorCount + 1 + tables.Allies.Length;

    /// <summary>Normal draws of a block in a year, one per lane and draw.</summary>
    private static int Draws(ModelTables tables, int blockSize) => Lanes(blockSize) * NormalsPerGroup(tables);

    /// <summary>A copy of <paramref name="values"/> in a buffer of its own lines (<see cref="CacheLines.Padded{T}"/>).</summary>
    private static double[] Copy(double[] values)
    {
        var copy = CacheLines.Padded<double>(values.Length);
        values.CopyTo(copy, 0);
        return copy;
    }

    /// <summary>A zeroed buffer of one value per lane, starting on a cache line (<see cref="CacheLines.Allocate{T}"/>).</summary>
    private static ArraySegment<double> PerLane(int blockSize) => CacheLines.Allocate<double>(Lanes(blockSize));

    /// <summary>
    /// A zeroed buffer of <paramref name="perActor"/> values per actor and lane, starting on a cache line
    /// (<see cref="CacheLines.Allocate{T}"/>): every load and store of a lane group (offsets are multiples of the vector
    /// width) then lies in one line.
    /// </summary>
    private static ArraySegment<double> PerActor(ModelTables tables, int blockSize, int perActor = 1) =>
        CacheLines.Allocate<double>(tables.Inputs.ActorCount * perActor * Lanes(blockSize));

    /// <summary>Records are year-major, [(t * indicators + ind) * R + r], so a year's writes are one contiguous slice.</summary>
    private static int[] ActorRecordOffsets(IndicatorLayout layout, int actors, int lanes)
    {
        var offsets = new int[IndicatorLayout.ActorKinds * actors];
        for (int kind = 0; kind < IndicatorLayout.ActorKinds; kind++)
        {
            for (int i = 0; i < actors; i++)
            {
                offsets[(kind * actors) + i] = layout.Of((ActorIndicator)kind, i) * lanes;
            }
        }

        return offsets;
    }

    private static int[] AllyMixOffsets(int[] allies, int lanes) => [.. allies.Select(i => i * Mis * lanes)];

    private static int[] CoalitionRecordOffsets(IndicatorLayout layout, int lanes)
    {
        var offsets = new int[IndicatorLayout.CoalitionKinds];
        for (int kind = 0; kind < offsets.Length; kind++)
        {
            offsets[kind] = layout.Of((CoalitionIndicator)kind) * lanes;
        }

        return offsets;
    }

    /// <summary>The scalars of a simulation that change as it steps.</summary>
    private struct Stepping
    {
        /// <summary>Year index of the current state (0 = start year).</summary>
        public int T;

        /// <summary>Offset of the current year in the schedule tables: t * A.</summary>
        public int Yo;

        /// <summary>Whether an override changed the links this year.</summary>
        public bool LinksChanged;

        /// <summary>Whether the batched functions use their memos: asked at the start of every block, then while at least half the lookups hit.</summary>
        public bool MemoOn;

        /// <summary>Memo lookups that hit, and vectors looked up, since the last check.</summary>
        public int MemoHits;

        /// <inheritdoc cref="MemoHits"/>
        public int MemoVectors;

        /// <summary>The year's launchers in the theatre, host-nation support and scheduled crisis.</summary>
        public double LaunchersTotal;

        /// <inheritdoc cref="LaunchersTotal"/>
        public double HnsTotal;

        /// <inheritdoc cref="LaunchersTotal"/>
        public double ScheduledCrisis;
    }
}
