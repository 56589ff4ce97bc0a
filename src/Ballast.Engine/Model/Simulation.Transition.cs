using System.Runtime.InteropServices;

namespace Ballast.Engine.Model;

// The state transition from one year to the next.
public sealed partial class Simulation
{
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
        ref double nextMixR = ref D(NextMix);
        ref double kMisR = ref D(_kMis);
        ref double stateR = ref D(_state);
        ref double execR = ref D(_exec);
        ref double cR = ref D(_c);
        ref double alR = ref D(_al);
        var keys = Keys(_keys, r0);
        ref double normals = ref D(_normals);
        int zo = ch * _normalsPerGroup * W; // the year's shocks of this lane group (DrawNormals): actor i at zo + i·W, the common one after them
        var zCommon = L(ref normals, zo + (_a * W));
        var sqrtIdio = _sqrtIdio[ch]; // square roots of the shock correlation, once per block (Reset)
        var crisis = L(ref D(_crisis), r0);
        var keep = Vector<double>.One - pv.Delta;
        var commonShock = _sqrtCommon[ch] * zCommon;
        var spendingShock = Inputs.SpendingShock;
        int nextYo = Now.Yo + _a;
        // The loop's buffers and tables resolved once: a store through a reference may alias any field as far as the
        // compiler knows, so it would otherwise reload each field (and check each index) after every store.
        ref double cumSpendR = ref D(_cumSpend);
        ref double cumAbsorbedR = ref D(_cumAbsorbed);
        ref double cumWasteR = ref D(_cumWaste);
        ref double kR = ref D(_k);
        ref double nextSpendingR = ref D(NextSpending);
        ref double phiFactor = ref Unsafe.Add(ref D(_tables.PhiFactor), Now.Yo * Mis);
        ref bool isAllyR = ref MemoryMarshal.GetArrayDataReference(_tables.IsAlly);
        ref double launchersR = ref D(Launchers);
        ref double depAdvR = ref D(_tables.DepAdv);
        ref double phiR = ref D(_tables.Phi);
        ref double growthBaseR = ref Unsafe.Add(ref D(_tables.GrowthBase), Now.Yo);

        // Pass 1 (every actor): 1. economy with (regionally correlated) shocks, scheduled shocks and coercion of hosts in
        // crises; 2. capability by perpetual inventory with industrial-capacity absorption and φ gains/losses; next budget (with its scheduled shock).
        for (int i = 0; i < _a; i++)
        {
            int o = (i * rr) + r0;
            bool ally = Unsafe.Add(ref isAllyR, i);
            var z = commonShock + (sqrtIdio * L(ref normals, zo + (i * W)));
            var coercion = Unsafe.Add(ref launchersR, i) > 0 ? pv.CoercionGdpShock * V(Unsafe.Add(ref depAdvR, i)) * crisis : Vector<double>.Zero;
            var growth = V(Unsafe.Add(ref growthBaseR, i)) + (pv.GdpVolatility * z) - coercion;
            var y = L(ref yR, o);
            var yNext = y * AtLeast(Vector<double>.One + growth, V(0.01));

            var m = L(ref mR, o);
            var cap = L(ref capR, o);
            var backlog = L(ref backlogR, o);
            var absM = Vector.Min(m, cap);
            var absB = Vector.Min(backlog, Positive(cap - absM));
            var left = (m - absM) + (backlog - absB);
            var waste = left * pv.BacklogWaste;
            S(ref backlogR, o, left - waste);
            S(ref cumSpendR, o, L(ref cumSpendR, o) + m);
            S(ref cumAbsorbedR, o, L(ref cumAbsorbedR, o) + absM + absB);
            S(ref cumWasteR, o, L(ref cumWasteR, o) + waste);
            S(ref capR, o, cap + (pv.IndustrialAdjustment * ((m + backlog) - cap)));
            double phiI = Unsafe.Add(ref phiR, i);
            var phi = (double.IsNaN(phiI) ? pv.PhiDefault : V(phiI)) * (Vector<double>.One - (pv.DuplicationPhiPenalty * (ally ? L(ref dR, o) : Vector<double>.Zero)));
            var add = phi * (absM + (pv.BacklogEfficiency * absB));
            var kSum = Vector<double>.Zero;
            for (int mm = 0; mm < Mis; mm++)
            {
                int im = (i * Mis) + mm;
                int om = (im * rr) + r0;
                var kNew = (keep * L(ref kMisR, om)) + (add * L(ref nextMixR, om) * V(Unsafe.Add(ref phiFactor, im)));
                S(ref kMisR, om, kNew);
                kSum += kNew;
            }

            S(ref kR, o, kSum);
            S(ref yR, o, yNext);
            // Next year's scheduled spending shock scales the budget (a factor of 1 in most years); allies and partners are
            // democracies at peace: their burden stays below the peacetime record (§3).
            var mNext = Vector.Min(Vector.Max(L(ref nextSpendingR, o) * V(spendingShock[nextYo + i]), V(1e-9) * yNext), (ally ? pv.MaxPeacetimeBurden : pv.MaxBurden) * yNext);
            S(ref mR, o, mNext);
        }

        // Pass 2 (allies): 5. credibility.
        var support = SupportIndex(pv);
        var harsh = L(ref D(_stHarsh), r0);
        var kind = L(ref D(_stKind), r0);
        var stanceTerm = Vector.ConditionalSelect(Vector.Equals(kind, V((double)StanceKind.Reassure)), pv.CReassure,
            Vector.ConditionalSelect(Vector.Equals(kind, V((double)StanceKind.Conditional)), pv.CConditional, pv.CDisengage));
        var execAny = L(ref D(_execAny), r0);
        var eta = Clamp01(pv.Eta + (pv.CrisisEtaBoost * crisis));
        bool own = _tables.AllyStanceIn[t];
        int n = _allies.Length;
        int w = W;
        ref double bt = ref D(_batch);
        ref double postureBaseR = ref D(_postureBase);
        ref int alliesR = ref MemoryMarshal.GetArrayDataReference(_allies);
        ref TreatyType treatyR = ref MemoryMarshal.GetArrayDataReference(_tables.Treaty);
        ref double costSharingR = ref Unsafe.Add(ref D(_tables.CostSharing), Now.Yo);
        for (int x = 0; x < n; x++)
        {
            int i = Unsafe.Add(ref alliesR, x);
            int o = (i * rr) + r0;
            var st = own ? _tables.AllyStance[Now.Yo + i] : null;
            var exec = L(ref execR, o);
            var posture = L(ref postureBaseR, o) * (Vector<double>.One - exec);
            var treaty = Unsafe.Add(ref treatyR, i) switch
            {
                TreatyType.Partnership => pv.CTreatyPartnership,
                TreatyType.BilateralTreaty => pv.CTreatyBilateral,
                TreatyType.CollectiveDefence => pv.CTreatyCollective,
                _ => Vector<double>.Zero,
            };
            S(ref bt, x * w, pv.CIntercept + (st is null ? stanceTerm : StanceTerm(st.Kind, pv)) + treaty + (pv.CPosture * posture) + (pv.CHarshness * (st is null ? harsh : V(st.Harshness)))
                + (pv.CExecuted * exec) + (pv.CExecutedOther * execAny * (Vector<double>.One - exec))
                + (pv.CCostSharing * V(Unsafe.Add(ref costSharingR, i))) + (pv.CSupport * support));
        }

        // The logistics of each pass in a loop of their own (as in Decide), so that the allies' overlap.
        Batched<LogisticOf>(ref bt, n * w, ref MemoOf(2));
        for (int x = 0; x < n; x++)
        {
            int o = (Unsafe.Add(ref alliesR, x) * rr) + r0;
            var c = L(ref cR, o);
            S(ref cR, o, Clamp01(c + (eta * (L(ref bt, x * w) - c))));
        }

        // Pass 3 (allies): 6. distancing, the alignment drift and the realignment hazard.
        ref double lnThrR = ref D(_lnThr);
        ref double lnThr0R = ref D(_lnThr0);
        for (int x = 0; x < n; x++)
        {
            int i = Unsafe.Add(ref alliesR, x);
            int o = (i * rr) + r0;
            var shortfall = pv.CredibilityReference - L(ref cR, o);
            var threatGrowth = Positive(L(ref lnThrR, o) - L(ref lnThr0R, o));
            S(ref bt, (n + x) * w, threatGrowth); // kept for the drift below, after the hazards in the first n vectors
            S(ref bt, x * w, pv.RealignAlpha0 + (pv.RealignAlpha1 * shortfall) + (pv.RealignAlpha2 * V(Unsafe.Add(ref depAdvR, i))) + (pv.RealignAlpha3 * threatGrowth));
        }

        InPlace<LogisticOf>(ref bt, n * w);
        for (int x = 0; x < n; x++)
        {
            int i = Unsafe.Add(ref alliesR, x);
            int o = (i * rr) + r0;
            var c = L(ref cR, o);
            var state = L(ref stateR, o);
            var alignedMask = Vector.Equals(state, Vector<double>.Zero);
            var shortfall = pv.CredibilityReference - c;
            var dep = V(Unsafe.Add(ref depAdvR, i));
            var threatGrowth = L(ref bt, (n + x) * w);
            var amp = Vector<double>.One + (pv.AlignmentThreat * threatGrowth) + (pv.AlignmentDependence * dep);
            var a = L(ref alR, o);
            var drift = Vector.ConditionalSelect(Vector.GreaterThan(shortfall, Vector<double>.Zero), -shortfall * amp * a, -shortfall * (Vector<double>.One - a));
            a = Clamp01(a + (pv.AlignmentRate * drift) - (pv.HostAlignmentCost * V(Unsafe.Add(ref launchersR, i))));
            var hazard = L(ref bt, x * w);
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

        // Pass 4 (allies): 7. nuclear hedging (allies without warheads, listed in the scratch's first vectors); 8.
        // interoperability: exercises (with alignment), links, joint programmes, eroded by national champions.
        int nh = 0;
        ref double warheadsR = ref D(_tables.Warheads);
        ref double ntR = ref D(_nt);
        foreach (int i in _allies)
        {
            if (Unsafe.Add(ref warheadsR, i) <= 0)
            {
                var shortfall = pv.CredibilityReference - L(ref cR, (i * rr) + r0);
                S(ref bt, nh * w, pv.Theta0 + (pv.Theta1 * shortfall) + (pv.Theta2 * L(ref ntR, (i * rr) + r0)));
                nh++;
            }
        }

        Batched<LogisticOf>(ref bt, nh * w, ref MemoOf(3));
        ref double hR = ref D(_h);
        ref double hedgeYearR = ref D(_hedgeYear);
        ref double ioR = ref D(_io);
        ref double linkSumR = ref D(_linkSum);
        ref double ioGainR = ref Unsafe.Add(ref D(_tables.IoGain), Now.Yo);
        nh = 0;
        foreach (int i in _allies)
        {
            int o = (i * rr) + r0;
            if (Unsafe.Add(ref warheadsR, i) <= 0)
            {
                var hTarget = L(ref bt, nh * w);
                nh++;
                var h = L(ref hR, o);
                h = Clamp01(h + (pv.HedgingRate * (hTarget - h)));
                S(ref hR, o, h);
                var hedgeYear = L(ref hedgeYearR, o);
                var crossed = Vector.BitwiseAnd(Vector.GreaterThanOrEqual(h, pv.HedgingThreshold), Vector.Equals(hedgeYear, hedgeYear) ^ Vector<long>.AllBitsSet);
                S(ref hedgeYearR, o, Vector.ConditionalSelect(crossed, V(nextYear), hedgeYear));
            }

            var io = L(ref ioR, o);
            var gain = (pv.InteropRate * L(ref alR, o)) + (pv.InteropLinks * V(Unsafe.Add(ref linkSumR, i))) + V(Unsafe.Add(ref ioGainR, i));
            S(ref ioR, o, Clamp01(io + (gain * (Vector<double>.One - io)) - (pv.InteropDecay * L(ref dR, o) * io)));
        }

        // 9. Richardson missile pair (sub-stepped Euler), with hosted deployments feeding the coalition's build-up.
        var xm = L(ref D(_xMis), r0);
        var ym = L(ref D(_yMis), r0);
        var gEff = pv.RichardsonG + (pv.DeploymentMissiles * V(Now.LaunchersTotal));
        int sub = (int)Math.Max(1, pv.MissileSubsteps[0]);
        var dt = V(1.0 / sub);
        for (int s = 0; s < sub; s++)
        {
            var dx = (pv.RichardsonK * ym) - (pv.RichardsonA * xm) + gEff;
            var dy = (pv.RichardsonL * xm) - (pv.RichardsonB * ym) + pv.RichardsonH;
            xm = Positive(xm + (dt * dx));
            ym = Positive(ym + (dt * dy));
        }

        S(ref D(_xMis), r0, xm);
        S(ref D(_yMis), r0, ym);
    }

    /// <summary>
    /// The stance term of credibility (§5) for one stance (an ally's own): the value the lanes' selection picks. Inlined: as a
    /// call in the credibility pass (which the profile sometimes left it as) it made the compiler keep that pass's vectors in memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> StanceTerm(StanceKind kind, in ModelParameters<Vector<double>> pv) => kind switch
    {
        StanceKind.Reassure => pv.CReassure,
        StanceKind.Conditional => pv.CConditional,
        _ => pv.CDisengage,
    };
}
