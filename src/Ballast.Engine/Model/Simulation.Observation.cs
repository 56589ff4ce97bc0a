using System.Runtime.InteropServices;

namespace Ballast.Engine.Model;

// Observation: the aggregates and records of a year, and what the finished block reports per lane. Reading never
// changes the state.
public sealed partial class Simulation
{
    /// <summary>A recorded indicator value (flat index from <see cref="Layout"/>) at a year index for a lane.</summary>
    public double Indicator(int indicator, int yearIndex, int lane) => _rec[(((yearIndex * _indicators) + indicator) * _r) + lane];

    /// <summary>A recorded indicator at a year index for every lane of the block.</summary>
    public ReadOnlySpan<double> IndicatorLanes(int indicator, int yearIndex) =>
        _rec.AsSpan(((yearIndex * _indicators) + indicator) * _r, _r);

    /// <summary>
    /// Every recorded value of the block at once: indicator i at year index t for lane r is at
    /// ((t · indicators) + i) · <see cref="RecordStride"/> + r (what <see cref="IndicatorLanes"/> slices).
    /// </summary>
    internal ReadOnlySpan<double> Records => _rec;

    /// <summary>Values per indicator-year in <see cref="Records"/>: the block's lanes rounded up to whole vectors.</summary>
    internal int RecordStride => _r;

    /// <summary>Run index simulated by a lane.</summary>
    public long RunIndexOf(int lane) => _runIndex[lane];

    /// <summary>Index of the stance path drawn by a lane.</summary>
    public int StancePathOf(int lane) => _path[lane];

    /// <summary>The parameter values a lane drew.</summary>
    public ModelParameters<double> ParametersOf(int lane)
    {
        var p = _tables.Parameters;
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
    public double MixOf(int actor, MissionArea mission, int lane) => NextMix[(((actor * Mis) + (int)mission) * _r) + lane];

    private static int? ToYear(double v) => double.IsNaN(v) ? null : (int)v;

    /// <summary>The block's first crossover years, one per lane (NaN where none): a column at a time for the ensemble's counters.</summary>
    internal ReadOnlySpan<double> CrossoverYears => _crossover.AsSpan(0, _r);

    /// <summary>An actor's realignment years, one per lane (NaN where none).</summary>
    internal ReadOnlySpan<double> RealignmentYears(int actor) => _realignYear.AsSpan(actor * _r, _r);

    /// <summary>An actor's years of crossing the hedging threshold, one per lane (NaN where none).</summary>
    internal ReadOnlySpan<double> HedgingCrossedYears(int actor) => _hedgeYear.AsSpan(actor * _r, _r);

    /// <summary>An actor's years of an executed US threat, one per lane (NaN where none).</summary>
    internal ReadOnlySpan<double> ThreatExecutedYears(int actor) => _execYear.AsSpan(actor * _r, _r);

    /// <summary>An actor's first years at target k, one per lane (NaN where none).</summary>
    internal ReadOnlySpan<double> TargetMetYears(int target, int actor) => _targetYear.AsSpan(((target * _a) + actor) * _r, _r);

    /// <summary>Coalition and adversary effectiveness per mission, CES, balance, costs, exposure of lane group <paramref name="ch"/> at year index t.</summary>
    /// <remarks>
    /// The allies' weights first (with their per-ally sums), then each mission's two sums over the US, the allies and the
    /// adversaries in the same order as one pass per ally would add them, so each sum stays in a register. Its scratch
    /// (<see cref="_aggregate"/>) is a field rather than stack memory, so the method is compiled by tiers with a profile
    /// like the other phases (a method with stackalloc is compiled fully optimised at once, without one).
    /// </remarks>
    private void Aggregate(int t, int ch)
    {
        int r0 = ch * W;
        int rr = _r;
        int w = W;
        int year = Inputs.StartYear + t;
        int nAdv = _adversaries.Length;
        int n = _allies.Length;
        int step = t * _indicators * rr;
        ref var pv = ref _pv[ch];
        ref double rec = ref D(_rec);
        ref double kMisR = ref D(_kMis);
        ref double mR = ref D(_m);
        ref double kR = ref D(_k);
        ref double lsgR = ref D(_lsg);
        ref double execR = ref D(_exec);
        ref double sc = ref D(_aggregate);
        ref double weightS = ref Unsafe.Add(ref sc, AggregateWeights * w);
        ref double bwS = ref Unsafe.Add(ref weightS, n * w);
        ref double overlapS = ref Unsafe.Add(ref bwS, n * w);
        var theatre = TheatreShare(_tables.TheatreShare[t], r0, pv);
        int ou = (_us * rr) + r0;

        // Forward posture across hosts relieves the US loss of strength. Until a threat is executed in a lane group, with
        // fixed posture parameters, every lane has the year's table value.
        Vector<double> posture;
        var troopsEff = Vector<double>.Zero;
        int yo = Now.Yo;
        if (_tables.PostureFixed && Vector.EqualsAll(L(ref D(_execAny), r0), Vector<double>.Zero))
        {
            posture = V(_tables.HostPosture[yo / _a]);
            troopsEff = V(_tables.HostTroops[yo / _a]);
        }
        else
        {
            var postureRaw = Vector<double>.Zero;
            for (int i = 0; i < _a; i++)
            {
                double troops = _tables.Troops[yo + i];
                double bases = _tables.Bases[yo + i];
                if (troops > 0 || bases > 0)
                {
                    var notExec = Vector<double>.One - L(ref execR, (i * rr) + r0);
                    postureRaw += ((V(troops) / pv.PostureTroopsScale) + (V(bases) / pv.PostureBasesScale)) * notExec;
                    troopsEff += V(troops) * notExec;
                }
            }

            posture = Vector<double>.One - LaneMath.Exp(-postureRaw);
        }

        var lsgUs = L(ref lsgR, ou);
        var usLsg = Vector<double>.One - ((Vector<double>.One - lsgUs) * (Vector<double>.One - (pv.PostureLsgRelief * posture)));
        var usWeight = theatre * usLsg;
        var missiles = L(ref D(_xMis), r0) * pv.MissileCapability;
        var advMissiles = L(ref D(_yMis), r0) * pv.MissileCapability;
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
        Overlaps(ref overlapS, r0);
        ref double stateR = ref D(_state);
        ref double ioR = ref D(_io);
        ref double alR = ref D(_al);
        // The lists and tables of the loops resolved once (a store through a reference would make the compiler reload and
        // re-check each one after it).
        ref int allies = ref MemoryMarshal.GetArrayDataReference(_allies);
        ref int adversaries = ref MemoryMarshal.GetArrayDataReference(_adversaries);
        ref int dupOff = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_recActor), dupRec);
        ref int exposureOff = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_recActor), exposureRec);
        ref double launchersR = ref D(Launchers);
        for (int x = 0; x < n; x++)
        {
            int i = Unsafe.Add(ref allies, x);
            int o = (i * rr) + r0;
            var state = L(ref stateR, o);
            var aligned = AlignedOne(state);
            var bw = Vector.ConditionalSelect(Vector.Equals(state, V((double)AlignmentState.Bandwagoning)), pv.BandwagonTransfer, Vector<double>.Zero);
            var lsg = L(ref lsgR, o);
            S(ref weightS, x * w, L(ref ioR, o) * L(ref alR, o) * lsg * aligned);
            S(ref bwS, x * w, bw * lsg);
            var overlap = L(ref overlapS, x * w);
            S(ref rec, Unsafe.Add(ref dupOff, i) + step + r0, overlap);
            var m = L(ref mR, o);
            dupNum += m * overlap * aligned;
            dupDen += m * aligned;
            kCoal += L(ref kR, o) * aligned;
            mCoal += m * aligned;
            realigned += Vector<double>.One - aligned;
            var exp = V(Unsafe.Add(ref launchersR, i)) * pv.HostTargetingShare * ym;
            S(ref rec, Unsafe.Add(ref exposureOff, i) + step + r0, exp);
            exposure += exp;
        }

        for (int a = 0; a < nAdv; a++)
        {
            int o = (Unsafe.Add(ref adversaries, a) * rr) + r0;
            kAdv += L(ref kR, o);
            mAdv += L(ref mR, o);
        }

        // The records of these sums now, so that they are not kept (in memory) through the missions and the CES below.
        RecC(ref rec, CoalitionIndicator.SpendingRatio, step + r0, mCoal / mAdv);
        RecC(ref rec, CoalitionIndicator.CapabilityRatio, step + r0, kCoal / kAdv);
        RecC(ref rec, CoalitionIndicator.HostExposure, step + r0, exposure);
        RecC(ref rec, CoalitionIndicator.CoalitionDuplication, step + r0, dupNum / AtLeast(dupDen, V(1e-300)));
        RecC(ref rec, CoalitionIndicator.Realigned, step + r0, realigned);

        // Each mission's effectiveness: the US share, the missiles, then ally by ally and adversary by adversary.
        ref double eCoal = ref sc;
        ref double eAdv = ref Unsafe.Add(ref sc, Mis * w);
        int usMix = (_us * Mis * rr) + r0;
        ref int allyMis = ref MemoryMarshal.GetArrayDataReference(_allyMis);
        for (int mm = 0; mm < Mis; mm++)
        {
            var coal = usWeight * L(ref kMisR, usMix + (mm * rr));
            var adv = Vector<double>.Zero;
            if (mm == (int)MissionArea.LongRangeStrike)
            {
                coal += missiles;
                adv += advMissiles;
            }

            int om = (mm * rr) + r0;
            for (int x = 0; x < n; x++)
            {
                var kim = L(ref kMisR, Unsafe.Add(ref allyMis, x) + om);
                coal += L(ref weightS, x * w) * kim;
                adv += L(ref bwS, x * w) * kim;
            }

            for (int a = 0; a < nAdv; a++)
            {
                int j = Unsafe.Add(ref adversaries, a);
                adv += L(ref lsgR, (j * rr) + r0) * L(ref kMisR, (j * Mis * rr) + om);
            }

            S(ref eCoal, mm * w, coal);
            S(ref eAdv, mm * w, adv);
        }

        var (eC, eA) = Ces(ref sc, ch, pv.CesRho);
        var balance = eC / eA;
        for (int mm = 0; mm < Mis; mm++)
        {
            S(ref rec, _recCoal[mm] + step + r0, L(ref eCoal, mm * w) * PerBn);
        }

        var gross = (theatre * L(ref mR, ou)) + (pv.TroopCost * troopsEff);
        var hns = V(Now.HnsTotal);
        RecC(ref rec, CoalitionIndicator.Effectiveness, step + r0, eC * PerBn);
        RecC(ref rec, CoalitionIndicator.AdversaryEffectiveness, step + r0, eA * PerBn);
        RecC(ref rec, CoalitionIndicator.Balance, step + r0, balance);
        RecC(ref rec, CoalitionIndicator.UsCostGross, step + r0, gross);
        RecC(ref rec, CoalitionIndicator.HostNationSupport, step + r0, hns);
        RecC(ref rec, CoalitionIndicator.UsCostNet, step + r0, gross - hns);
        RecC(ref rec, CoalitionIndicator.CoalitionMissiles, step + r0, L(ref D(_xMis), r0));
        RecC(ref rec, CoalitionIndicator.AdversaryMissiles, step + r0, ym);
        RecC(ref rec, CoalitionIndicator.Crisis, step + r0, t == 0 ? Vector<double>.Zero : L(ref D(_crisis), r0));
        if (t > 0)
        {
            var crossover = L(ref D(_crossover), r0);
            var cross = Vector.BitwiseAnd(Vector.LessThan(balance, Vector<double>.One), Vector.Equals(crossover, crossover) ^ Vector<long>.AllBitsSet);
            S(ref D(_crossover), r0, Vector.ConditionalSelect(cross, V(year), crossover));
        }
    }

    /// <summary>
    /// Each ally's overlap with the US mix, Σ_m min(x_im, x_US,m), for lane group <paramref name="r0"/> / W. When the US
    /// shares are numbers in every lane (always, unless an override wrote a NaN), the native minimum with the US share first
    /// (one instruction instead of the IEEE minimum's three) gives the same sum: it returns the ally's share when that is
    /// NaN, and it differs only in the sign of a zero result, which adding it to the sum (never −0) erases.
    /// </summary>
    private void Overlaps(ref double overlaps, int r0)
    {
        int rr = _r;
        ref double mixR = ref D(NextMix);
        int usMix = (_us * Mis * rr) + r0;
        bool numbers = true;
        for (int mm = 0; mm < Mis; mm++)
        {
            var us = L(ref mixR, usMix + (mm * rr));
            numbers &= Vector.EqualsAll(us, us);
        }

        for (int x = 0; x < _allies.Length; x++)
        {
            int im0 = (_allies[x] * Mis * rr) + r0;
            var overlap = Vector<double>.Zero;
            if (numbers)
            {
                for (int mm = 0; mm < Mis; mm++)
                {
                    overlap += Vector.MinNative(L(ref mixR, usMix + (mm * rr)), L(ref mixR, im0 + (mm * rr)));
                }
            }
            else
            {
                for (int mm = 0; mm < Mis; mm++)
                {
                    overlap += Vector.Min(L(ref mixR, im0 + (mm * rr)), L(ref mixR, usMix + (mm * rr)));
                }
            }

            S(ref overlaps, x * W, overlap);
        }
    }

    /// <summary>
    /// CES aggregates (Σ ω̂_m (E_m/ω̂_m)^ρ)^(1/ρ) of the coalition and the adversaries with normalised weights ω̂: each mission's
    /// stock is taken per unit of its weight, so a force whose stock K is spread exactly by the weights scores K
    /// (capability-equivalent dollars); Cobb–Douglas at ρ = 0, the plain total Σ E_m at ρ = 1. The weights' normalisation is
    /// per lane group and computed once per block (<see cref="CesWeights"/>). Both aggregates' 14 logarithms are taken in one
    /// loop and their powers in another, so the independent latency chains overlap; each lane's operations are
    /// <see cref="CesNormalised"/>'s.
    /// </summary>
    private (Vector<double> Coalition, Vector<double> Adversary) Ces(ref double e, int ch, Vector<double> rho)
    {
        int w = W;
        int count = 2 * Mis;
        ref double lnE = ref Unsafe.Add(ref e, count * w);
        ref double power = ref Unsafe.Add(ref lnE, count * w);
        var scale = _cesScale.AsSpan(ch * Mis, Mis);
        var tiny = new Vector<double>(1e-9);
        for (int m = 0; m < Mis; m++)
        {
            S(ref lnE, m * w, AtLeast(L(ref e, m * w) * scale[m], tiny));
            S(ref lnE, (Mis + m) * w, AtLeast(L(ref e, (Mis + m) * w) * scale[m], tiny));
        }

        for (int j = 0; j < count; j++)
        {
            S(ref lnE, j * w, LaneMath.Log(L(ref lnE, j * w)));
        }

        for (int j = 0; j < count; j++)
        {
            S(ref power, j * w, LaneMath.Exp(rho * L(ref lnE, j * w)));
        }

        var weights = _cesWeight.AsSpan(ch * Mis, Mis);
        var lnSpan = MemoryMarshal.Cast<double, Vector<double>>(MemoryMarshal.CreateReadOnlySpan(ref lnE, count * w));
        var powerSpan = MemoryMarshal.Cast<double, Vector<double>>(MemoryMarshal.CreateReadOnlySpan(ref power, count * w));
        return (CesSum(lnSpan[..Mis], powerSpan[..Mis], weights, rho), CesSum(lnSpan[Mis..], powerSpan[Mis..], weights, rho));
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
        Span<Vector<double>> lnE = stackalloc Vector<double>[e.Length];
        Span<Vector<double>> power = stackalloc Vector<double>[e.Length];
        var tiny = new Vector<double>(1e-9);
        for (int m = 0; m < e.Length; m++)
        {
            lnE[m] = LaneMath.Log(Vector.Max(e[m], tiny));
            power[m] = LaneMath.Exp(rho * lnE[m]);
        }

        return CesSum(lnE, power, weights, rho);
    }

    /// <summary>The CES aggregate from each mission's ln E_m (floored at 1e-9) and E_m^ρ = exp(ρ ln E_m).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> CesSum(ReadOnlySpan<Vector<double>> lnE, ReadOnlySpan<Vector<double>> power, ReadOnlySpan<Vector<double>> weights, Vector<double> rho)
    {
        var sum = Vector<double>.Zero;
        for (int m = 0; m < lnE.Length; m++)
        {
            sum += weights[m] * power[m];
        }

        var nearZero = Vector.LessThan(Vector.Abs(rho), new Vector<double>(1e-9));
        var safeRho = Vector.ConditionalSelect(nearZero, Vector<double>.One, rho);
        var ces = LaneMath.Exp(LaneMath.Log(sum) / safeRho);
        if (nearZero == Vector<long>.Zero)
        {
            return ces;
        }

        // Cobb–Douglas lanes (ρ ≈ 0): the weighted geometric mean, summed only when a lane needs it.
        var logSum = Vector<double>.Zero;
        for (int m = 0; m < lnE.Length; m++)
        {
            logSum += weights[m] * lnE[m];
        }

        return Vector.ConditionalSelect(nearZero, LaneMath.Exp(logSum), ces);
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
        // Offsets and state resolved once (a store through a reference would otherwise reload each field after it), and
        // the offsets of kind k at off[k·A + i] read without a bounds check (ActorRecordOffsets fills every one).
        ref int off = ref MemoryMarshal.GetArrayDataReference(_recActor);
        ref double mR = ref D(_m);
        ref double yR = ref D(_y);
        ref double kR = ref D(_k);
        ref double cR = ref D(_c);
        ref double alR = ref D(_al);
        ref double ioR = ref D(_io);
        ref double hR = ref D(_h);
        ref double qR = ref D(_q);
        ref double stateR = ref D(_state);
        for (int i = 0; i < a; i++)
        {
            int o = (i * rr) + r0;
            var m = L(ref mR, o);
            var y = L(ref yR, o);
            var share = m / y;
            S(ref rec, Unsafe.Add(ref off, ((int)ActorIndicator.Spending * a) + i) + at, m);
            S(ref rec, Unsafe.Add(ref off, ((int)ActorIndicator.Share * a) + i) + at, share);
            S(ref rec, Unsafe.Add(ref off, ((int)ActorIndicator.Gdp * a) + i) + at, y);
            S(ref rec, Unsafe.Add(ref off, ((int)ActorIndicator.Capability * a) + i) + at, L(ref kR, o));
            S(ref rec, Unsafe.Add(ref off, ((int)ActorIndicator.Credibility * a) + i) + at, L(ref cR, o));
            S(ref rec, Unsafe.Add(ref off, ((int)ActorIndicator.Alignment * a) + i) + at, L(ref alR, o));
            S(ref rec, Unsafe.Add(ref off, ((int)ActorIndicator.Interoperability * a) + i) + at, L(ref ioR, o));
            S(ref rec, Unsafe.Add(ref off, ((int)ActorIndicator.Hedging * a) + i) + at, L(ref hR, o));
            S(ref rec, Unsafe.Add(ref off, ((int)ActorIndicator.Belief * a) + i) + at, L(ref qR, o));
            S(ref rec, Unsafe.Add(ref off, ((int)ActorIndicator.AlignmentState * a) + i) + at, L(ref stateR, o));
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
