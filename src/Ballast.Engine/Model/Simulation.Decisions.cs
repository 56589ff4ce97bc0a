using System.Runtime.InteropServices;
using Ballast.Core.Countries;

namespace Ballast.Engine.Model;

// The year's decisions: crisis arrival, every actor's budget and mix by its behavioural rule, the US threats executed,
// and the terms they read (posture, threat, spill-ins, theatre share).
public sealed partial class Simulation
{
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
            if (_tables.Role[i] == CountryRole.Adversary)
            {
                adv += m;
            }
            else if (_tables.IsAlly[i] || i == _us)
            {
                coal += m;
            }
        }

        var buildup = Positive(LaneMath.Log(adv / L(ref D(_advM0), r0))) + Positive(LaneMath.Log(coal / L(ref D(_coalM0), r0)));
        var hazard = Logistic(pv.CrisisAlpha0 + (pv.CrisisBuildup * buildup) + (pv.CrisisDeployments * V(Now.LaunchersTotal)) - (pv.CrisisDialogue * V(dialogue)));
        var u = CounterRng.Uniform(Keys(_keys, r0), Counter(t, _a, 2));
        var damp = Vector<double>.One - (pv.DialogueDamping * V(dialogue));
        var random = Vector.ConditionalSelect(Vector.LessThan(u, hazard), pv.CrisisIntensity * damp, Vector<double>.Zero);
        S(ref D(_crisis), r0, Vector.Max(random, V(Now.ScheduledCrisis) * damp));
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
        ref double execR = ref D(_exec);
        ref double nextR = ref D(NextSpending);
        ref double nextMixR = ref D(NextMix);
        ref double thrR = ref D(_thr);
        ref double qR = ref D(_q);
        ref double cR = ref D(_c);
        ref double spillT = ref D(_spillT);
        ref double pressureT = ref D(_pressureT);
        var keys = Keys(_keys, r0);
        var theatre = TheatreShare(_tables.TheatreShare[t], r0, pv);
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
            Positive(LaneMath.Log(AtLeast(kCoal, V(1e-300)) / prevK)),
            Vector<double>.Zero);
        S(ref D(_kCoalPrev), r0, kCoal);

        // Actors without a demand equation: the lead adversary grows at g_C plus its Richardson reaction, the patron and the rest on trend.
        ref bool isAllyR = ref MemoryMarshal.GetArrayDataReference(_tables.IsAlly);
        ref CountryRole roleR = ref MemoryMarshal.GetArrayDataReference(_tables.Role);
        ref double trendR = ref D(_tables.Trend);
        int lead = _lead;
        for (int i = 0; i < _a; i++)
        {
            if (Unsafe.Add(ref isAllyR, i))
            {
                continue;
            }

            int o = (i * rr) + r0;
            var m = L(ref mR, o);
            if (Unsafe.Add(ref roleR, i) == CountryRole.Adversary)
            {
                var growth = i == lead ? pv.GC : V(Unsafe.Add(ref trendR, i));
                S(ref nextR, o, m * (Vector<double>.One + growth + (pv.AdversaryReaction * growthK)));
            }
            else
            {
                S(ref nextR, o, m * (Vector<double>.One + V(Unsafe.Add(ref trendR, i))));
            }
        }

        // Pass 1: posture, threat, spill-ins, the belief q that threats are executed, and the pressure it transmits.
        var support = SupportIndex(pv);
        var harsh = L(ref D(_stHarsh), r0);
        var target = L(ref D(_stTarget), r0);
        var execAny = L(ref D(_execAny), r0);
        var crisisFactor = Vector<double>.One + (pv.CrisisThreat * L(ref D(_crisis), r0));
        var qBase = QBase(pv, harsh, support);
        var qExecuted = pv.QExecuted * execAny;
        bool own = _tables.AllyStanceIn[t];
        ref double bt = ref D(_batch);
        ref double postureBaseR = ref D(_postureBase);
        ref int alliesR = ref MemoryMarshal.GetArrayDataReference(_allies);
        int n = _allies.Length;
        PostureBases(r0, pv);
        for (int x = 0; x < n; x++)
        {
            int i = Unsafe.Add(ref alliesR, x);
            int o = (i * rr) + r0;
            var posture = L(ref postureBaseR, o) * (Vector<double>.One - L(ref execR, o));
            var thr = Threat(i, r0, pv, crisisFactor);
            S(ref thrR, o, thr);

            // An ally with its own stance this year reads it instead of the lane's (harshness, target, disengage factor).
            var st = own ? _tables.AllyStance[Now.Yo + i] : null;
            S(ref spillT, x * w, SpillIns(x, i, r0, pv, st is null ? theatre : TheatreShare(_tables.TheatreShare[t], st.Kind, pv), posture));
            S(ref bt, x * w, (st is null ? qBase : QBase(pv, V(st.Harshness), support)) - (pv.QPosture * posture) + qExecuted);
        }

        // The beliefs' logistics in a loop of their own (as in pass 2). The burden m/y of this year's state is its record
        // (Record divided the same two numbers at the end of the last step or at the start).
        Batched<LogisticOf>(ref bt, n * w, ref MemoOf(0));
        ref double rec = ref D(_rec);
        ref int shareRec = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_recActor), (int)ActorIndicator.Share * _a);
        int step = (t * _indicators * rr) + r0;
        for (int x = 0; x < n; x++)
        {
            int i = Unsafe.Add(ref alliesR, x);
            int o = (i * rr) + r0;
            var st = own ? _tables.AllyStance[Now.Yo + i] : null;
            var q = Vector.ConditionalSelect(Vector.Equals(L(ref stateR, o), Vector<double>.Zero), L(ref bt, x * w), Vector<double>.Zero);
            S(ref qR, o, q);
            var share = L(ref rec, Unsafe.Add(ref shareRec, i) + step);
            S(ref pressureT, x * w, pv.PressureRho * Positive((st is null ? target : V(st.TargetShare)) - share) * q);
        }

        // Pass 2: desired spending and partial adjustment toward it (the spending shocks were drawn by DrawNormals). The
        // four logarithms of every ally are taken in a loop of their own and the exponentials in another: short bodies of
        // independent iterations, so the processor overlaps the latency chains of many allies (in one pass per ally it
        // held one or two). Every lane's operations are the same.
        ref double normals = ref D(_normals);
        ref double lg = ref D(_batch);
        ref double invM0 = ref D(_tables.InvM0);
        int eo = ((ch * _normalsPerGroup) + _a + 1) * w;
        var lnMaxBurden = _lnMaxBurden[ch];
        ref double lnThrR = ref D(_lnThr);
        ref double alphaR = ref D(_alpha);
        for (int x = 0; x < n; x++)
        {
            int i = Unsafe.Add(ref alliesR, x);
            int o = (i * rr) + r0;
            S(ref lg, x * w, L(ref yR, o));
            S(ref lg, (n + x) * w, L(ref thrR, o) + Vector<double>.One);
            S(ref lg, ((2 * n) + x) * w, (L(ref spillT, x * w) * V(Unsafe.Add(ref invM0, i))) + Vector<double>.One);
            S(ref lg, ((3 * n) + x) * w, L(ref mR, o));
            S(ref lg, ((4 * n) + x) * w, Vector<double>.One + L(ref pressureT, x * w));
        }

        // The arguments by kind, [(kind · allies + x) · W]: income, threat, spill-ins and spending, then the pressure's (1 while
        // an ally is at its target, in every lane) through the memo. Log spending is taken here with the other logarithms (it
        // was a loop of its own at the end of the transition); in the start year it is the log the inputs were read with.
        InPlace<LogOf>(ref lg, n * 4 * w);
        Batched<LogOf>(ref Unsafe.Add(ref lg, n * 4 * w), n * w, ref D(_logMemo));
        if (t == 0)
        {
            ref double lnM0 = ref D(_tables.LnM0);
            for (int x = 0; x < n; x++)
            {
                S(ref lg, ((3 * n) + x) * w, V(Unsafe.Add(ref lnM0, Unsafe.Add(ref alliesR, x))));
            }
        }

        for (int x = 0; x < n; x++)
        {
            int i = Unsafe.Add(ref alliesR, x);
            int o = (i * rr) + r0;
            var lnY = L(ref lg, x * w);
            var lnThr = L(ref lg, (n + x) * w);
            S(ref lnThrR, o, lnThr);
            // Spill-ins in years of the ally's own start budget, so losing them (realignment) raises demand by a bounded factor.
            var lnStar = L(ref alphaR, o) + (pv.BetaY * lnY) + (pv.BetaT * lnThr)
                + (pv.BetaS * L(ref lg, ((2 * n) + x) * w)) + (pv.BetaP * L(ref lg, ((4 * n) + x) * w));

            // Desired spending never exceeds the highest burden observed in peacetime.
            lnStar = Vector.Min(lnStar, lnMaxBurden + lnY);
            var lnM = L(ref lg, ((3 * n) + x) * w);
            var eps = L(ref normals, eo + (x * w));
            S(ref lg, x * w, lnM + (pv.Lambda * (lnStar - lnM)) + (pv.SigmaM * eps));
        }

        // The exponentials in a loop of nothing else (their rare path is a call, which in this loop made the compiler keep its
        // values in memory), then the budgets in place.
        InPlace<ExpOf>(ref lg, n * w);
        for (int x = 0; x < n; x++)
        {
            S(ref nextR, (Unsafe.Add(ref alliesR, x) * rr) + r0, L(ref lg, x * w));
        }

        // Pass 3: duplication (autonomous share of the mix) and this year's mix.
        for (int x = 0; x < n; x++)
        {
            S(ref lg, x * w, pv.DuplicationBias + (pv.Gamma * (pv.CredibilityReference - L(ref cR, (Unsafe.Add(ref alliesR, x) * rr) + r0))));
        }

        Batched<LogisticOf>(ref lg, n * w, ref MemoOf(1));
        ref double dR = ref D(_d);
        ref double compMix = ref D(_tables.CompMix); // resolved once, as in Apply
        ref double autoMix = ref D(_tables.AutoMix);
        for (int x = 0; x < n; x++)
        {
            int i = Unsafe.Add(ref alliesR, x);
            int o = (i * rr) + r0;
            var dup = Vector.ConditionalSelect(Vector.Equals(L(ref stateR, o), Vector<double>.Zero), L(ref lg, x * w), Vector<double>.One);
            S(ref dR, o, dup);
            var notDup = Vector<double>.One - dup;
            for (int mm = 0; mm < Mis; mm++)
            {
                int im = (i * Mis) + mm;
                var mix = (notDup * V(Unsafe.Add(ref compMix, im))) + (dup * V(Unsafe.Add(ref autoMix, im)));
                S(ref nextMixR, (im * rr) + r0, mix);
            }
        }
    }

    /// <summary>A conditional stance whose deadline is this year executes the threat against allies below the target.</summary>
    private void ExecuteThreats(int t, int ch)
    {
        int year = Inputs.StartYear + t;
        int w = W;
        bool own = _tables.AllyStanceIn[t];
        for (int r = ch * w; r < (ch * w) + w; r++)
        {
            bool laneDue = _stKind[r] == (double)StanceKind.Conditional && (int)_stDeadline[r] == year;
            if (!own)
            {
                if (laneDue)
                {
                    foreach (int i in _allies)
                    {
                        Execute(t, year, r, i, _stTarget[r]);
                    }
                }

                continue;
            }

            // Some ally has its own stance this year: each ally's deadline and target are its own or the lane's.
            foreach (int i in _allies)
            {
                if (_tables.AllyStance[Now.Yo + i] is not { } st)
                {
                    if (laneDue)
                    {
                        Execute(t, year, r, i, _stTarget[r]);
                    }
                }
                else if (st.Kind == StanceKind.Conditional && st.DeadlineYear == year)
                {
                    Execute(t, year, r, i, st.TargetShare);
                }
            }
        }
    }

    /// <summary>Ally <paramref name="i"/> of lane <paramref name="r"/> at a deadline: the threat is executed if it is aligned, below target and the draw falls under q.</summary>
    private void Execute(int t, int year, int r, int i, double target)
    {
        int o = (i * _r) + r;
        // The US acts on its threat with the probability allies assign to it (q, §4): discounting is rational.
        if (_exec[o] == 0 && _state[o] == 0 && _m[o] / _y[o] < target && CounterRng.Uniform(_keys[r], Counter(t, i, 6)) < _q[o])
        {
            _exec[o] = 1;
            _execYear[o] = year;
            _execAny[r] = 1;
        }
    }

    /// <summary>Sunk posture index in [0,1): 1 − exp(−(troops/T + bases/B + HNS/(troop cost·T))), zero after a step-back.</summary>
    private Vector<double> Posture(int i, int r0, in ModelParameters<Vector<double>> pv) =>
        PostureBase(i, pv) * (Vector<double>.One - L(ref D(_exec), (i * _r) + r0));

    /// <summary>
    /// <see cref="PostureBase"/> of every ally of lane group <paramref name="r0"/> / W into <see cref="_postureBase"/>, in a loop
    /// of its own: the per-lane path calls <see cref="PostureTerm"/>, and a call inside the beliefs' pass made the compiler keep
    /// that pass's vectors in memory (every vector register is lost across a call).
    /// </summary>
    private void PostureBases(int r0, in ModelParameters<Vector<double>> pv)
    {
        ref double postureBaseR = ref D(_postureBase);
        int rr = _r;
        if (_tables.PostureFixed)
        {
            // The fixed-parameter table resolved once: a store through a reference would make the compiler reload it.
            ref double fixedR = ref Unsafe.Add(ref D(_tables.PostureBase), Now.Yo);
            foreach (int i in _allies)
            {
                S(ref postureBaseR, (i * rr) + r0, V(Unsafe.Add(ref fixedR, i)));
            }

            return;
        }

        foreach (int i in _allies)
        {
            S(ref postureBaseR, (i * rr) + r0, PostureBase(i, pv));
        }
    }

    /// <summary>The schedule-only part 1 − exp(−raw) of <see cref="Posture"/> (the same before and after threats are executed).</summary>
    private Vector<double> PostureBase(int i, in ModelParameters<Vector<double>> pv)
    {
        int at = Now.Yo + i;
        return _tables.PostureFixed ? V(_tables.PostureBase[at]) : PostureTerm(_tables.Troops[at], _tables.Bases[at], _tables.Hns[at], pv);
    }

    /// <summary>1 − exp(−raw posture) of troops, bases and host-nation support: the per-lane path and the fixed-parameter table (<see cref="ModelTables"/>) share it.</summary>
    internal static Vector<double> PostureTerm(double troops, double bases, double hns, in ModelParameters<Vector<double>> pv)
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
        ref int adversaries = ref MemoryMarshal.GetArrayDataReference(_adversaries);
        for (int a = 0; a < nAdv; a++)
        {
            sum += L(ref wT, (((i * nAdv) + a) * rr) + r0) * L(ref k, (Unsafe.Add(ref adversaries, a) * rr) + r0);
        }

        var hosting = Vector<double>.One + (pv.HostingThreat * V(Unsafe.Add(ref D(Launchers), i)));
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
        ref int netStart = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_netStart), x);
        ref int netTo = ref MemoryMarshal.GetArrayDataReference(_netTo);
        ref double netStrength = ref D(_netStrength);
        for (int n = netStart, end = Unsafe.Add(ref netStart, 1); n < end; n++)
        {
            int oj = (Unsafe.Add(ref netTo, n) * rr) + r0;
            net += V(Unsafe.Add(ref netStrength, n)) * L(ref al, oj) * L(ref k, oj) * AlignedOne(L(ref state, oj));
        }

        return us + net;
    }

    private Vector<double> TheatreShare(double share, int r0, in ModelParameters<Vector<double>> pv)
    {
        var dis = Vector.Equals(L(ref D(_stKind), r0), V((double)StanceKind.Disengage));
        return V(share) * Vector.ConditionalSelect(dis, pv.DisengageTheatre, Vector<double>.One);
    }

    /// <summary>The theatre share under one stance (an ally's own): the lanes' <see cref="TheatreShare(double, int, in ModelParameters{Vector{double}})"/> term for term.</summary>
    private static Vector<double> TheatreShare(double share, StanceKind kind, in ModelParameters<Vector<double>> pv) =>
        V(share) * (kind == StanceKind.Disengage ? pv.DisengageTheatre : Vector<double>.One);

    /// <summary>The part of the belief q (§4) shared by a lane's allies: intercept, harshness and public support.</summary>
    private static Vector<double> QBase(in ModelParameters<Vector<double>> pv, Vector<double> harsh, Vector<double> support) =>
        pv.QIntercept + (pv.QHarshness * harsh) - (pv.QSupport * support);

    private static Vector<double> SupportIndex(in ModelParameters<Vector<double>> pv) =>
        ((pv.SupportAlliancesEffective + pv.SupportNatoCommitment + pv.SupportOverseasBases) * V(1.0 / 3)) - pv.SupportReference;

    internal StanceYear StanceOf(int lane) =>
        new((StanceKind)(int)_stKind[lane], _stTarget[lane], (int)_stDeadline[lane], _stHarsh[lane]);

    internal void SetStance(int lane, StanceYear s)
    {
        _stKind[lane] = (int)s.Kind;
        _stTarget[lane] = s.TargetShare;
        _stDeadline[lane] = s.DeadlineYear;
        _stHarsh[lane] = s.Harshness;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Counter(int t, int actor, int stream) => Counter(YearBase(t, _a), actor, stream);

    /// <summary>The counter of an (actor, stream) draw in the year whose <see cref="YearBase"/> is <paramref name="yearBase"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Counter(long yearBase, int actor, int stream) => (ulong)((yearBase + actor) * 16) + (ulong)stream;

    /// <summary>Year t's first counter block, t·(A + 1): a loop over many draws of one year computes it once.</summary>
    private static long YearBase(int t, int actors) => (long)t * (actors + 1);
}
