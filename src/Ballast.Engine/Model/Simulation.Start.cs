namespace Ballast.Engine.Model;

// Starting a block: each lane's run identity, stance path and uncertain parameters, then the initial state of the data's
// last year and its year-0 aggregates and records.
public sealed partial class Simulation
{
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
        Now.MemoOn = true;
        Now.MemoHits = 0;
        Now.MemoVectors = 0;
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
            _pv[ch] = _tables.ParameterLanes;
            ref double lanes = ref Unsafe.As<ModelParameters<Vector<double>>, double>(ref _pv[ch]);
            var setupKeys = Keys(_setupKeys, r0);
            for (int k = 0; k < uncertain.Length; k++)
            {
                ref double slot = ref Unsafe.Add(ref lanes, _tables.UncertainSlots[k] * w);
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

        _tables.StartLinks.CopyTo(LinkMatrix, 0);
        Now.T = 0;
        ApplySchedules(0);
        RefreshLinks();
        for (int ch = 0; ch < _chunks; ch++)
        {
            CesWeights(ch);
            _lnMaxBurden[ch] = LaneMath.Log(_pv[ch].MaxPeacetimeBurden); // the demand cap's logarithm, once per block
            _sqrtCommon[ch] = Vector.SquareRoot(Clamp01(_pv[ch].ShockCorrelation));
            _sqrtIdio[ch] = Vector.SquareRoot(Vector<double>.One - Clamp01(_pv[ch].ShockCorrelation));
            InitialState(ch);
        }
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
        S(ref D(_xMis), r0, V(_tables.XMis0));
        S(ref D(_yMis), r0, V(_tables.YMis0));
        S(ref D(_crisis), r0, zero);
        S(ref D(_execAny), r0, zero);
        S(ref D(_crossover), r0, nan);
        S(ref D(_advM0), r0, V(_tables.AdvM0));
        S(ref D(_coalM0), r0, V(_tables.CoalM0));
        // The mission loop's buffers and tables resolved once (as in Apply): a store through a reference would otherwise
        // make the compiler reload each field after it.
        ref double nextMixR = ref D(NextMix);
        ref double kMisR = ref D(_kMis);
        ref double compMix = ref D(_tables.CompMix);
        ref double autoMix = ref D(_tables.AutoMix);
        for (int i = 0; i < _a; i++)
        {
            int o = (i * rr) + r0;
            double m = _tables.M0[i];
            bool ally = _tables.IsAlly[i];
            bool usa = i == _us;
            S(ref D(_y), o, V(_tables.Y0[i]));
            S(ref D(_m), o, V(m));
            S(ref D(NextSpending), o, V(m));
            var phi = double.IsNaN(_tables.Phi[i]) ? pv.PhiDefault : V(_tables.Phi[i]);
            var k0 = double.IsNaN(inp.CapabilityStock[i]) ? phi * V(m) / (pv.Delta + V(Math.Max(0, _tables.InitialGrowth[i]))) : V(inp.CapabilityStock[i]);
            var c = usa ? Vector<double>.One : ally ? Or(inp.InitialCredibility[i], pv.InitialCredibility) : zero;
            S(ref D(_c), o, c);
            S(ref D(_al), o, usa ? Vector<double>.One : ally ? Or(inp.InitialAlignment[i], pv.InitialAlignment) : zero);
            S(ref D(_io), o, usa ? Vector<double>.One : ally ? Or(inp.InitialInteroperability[i], pv.InitialInteroperability) : zero);
            S(ref D(_h), o, ally && _tables.Warheads[i] <= 0 ? Or(inp.InitialHedging[i], pv.InitialHedging) : zero);

            // The scalar logistic of the set-up (Math.Exp per lane), as the model has always started.
            var dup = ally ? Vector<double>.One / (Vector<double>.One + ExpLanes(-(pv.DuplicationBias + (pv.Gamma * (pv.CredibilityReference - c))))) : Vector<double>.One;
            S(ref D(_d), o, dup);
            S(ref D(_k), o, k0);
            for (int mm = 0; mm < Mis; mm++)
            {
                int im = (i * Mis) + mm;
                double comp = Unsafe.Add(ref compMix, im);
                double auto = Unsafe.Add(ref autoMix, im);
                var x = ally ? ((Vector<double>.One - dup) * V(comp)) + (dup * V(auto))
                    : usa ? V(comp) : V(auto);
                S(ref nextMixR, (im * rr) + r0, x);
                S(ref kMisR, (im * rr) + r0, k0 * x);
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

            S(ref D(_lsg), o, _tables.LsgFixed ? V(_tables.Lsg0[i]) : ExpLanes(-V(Distance(i, _lead)) / pv.LsgDistanceKm));
            if (_tables.ProxFixed)
            {
                for (int k = 0; k < nAdv; k++)
                {
                    S(ref D(_wT), (((i * nAdv) + k) * rr) + r0, V(_tables.Prox0[(i * nAdv) + k]));
                }

                S(ref D(_nt), o, V(_tables.Nt0[i]));
            }
            else
            {
                var nt = zero;
                for (int k = 0; k < nAdv; k++)
                {
                    int j = _adversaries[k];
                    var prox = j == i ? zero : ExpLanes(-V(Distance(i, j)) / pv.ThreatDistanceKm);
                    S(ref D(_wT), (((i * nAdv) + k) * rr) + r0, prox);
                    nt += prox * V(_tables.Warheads[j]) / pv.NuclearThreatWarheads;
                }

                S(ref D(_nt), o, nt);
            }
        }

        // Threat, spill-ins and the demand intercept α_i that puts the start year on the balanced-growth path.
        double theatreShare = _tables.TheatreShare[0];
        var theatre = TheatreShare(theatreShare, r0, pv);
        var crisisFactor = Vector<double>.One + (pv.CrisisThreat * L(ref D(_crisis), r0));
        for (int x = 0; x < _allies.Length; x++)
        {
            int i = _allies[x];
            int o = (i * rr) + r0;
            var thr = Threat(i, r0, pv, crisisFactor);
            S(ref D(_thr), o, thr);
            var own = _tables.AllyStance[i]; // year 0: an ally's own stance sets the disengage factor of its US spill-in
            var spill = SpillIns(x, i, r0, pv, own is null ? theatre : TheatreShare(theatreShare, own.Kind, pv), Posture(i, r0, pv));
            // Balanced growth: with partial adjustment, spending that keeps pace with trend GDP (elasticity β_Y) sits
            // β_Y·ln(1+g)/λ below its desired level, so the start year is placed on that path rather than at rest.
            // (λ = 0 freezes spending: no path to be on, so no lag.) Lane-wise BalancedGrowth.DemandLag, which the back-test uses.
            var lag = Vector.ConditionalSelect(
                Vector.GreaterThan(pv.Lambda, Vector<double>.Zero),
                pv.BetaY * V(_tables.LagLog[i]) / Vector.Max(pv.Lambda, V(BalancedGrowth.MinLambda)),
                Vector<double>.Zero);
            var lnThr = LaneMath.Log(thr + Vector<double>.One);
            S(ref D(_lnThr0), o, lnThr);
            var alpha = V(_tables.LnM0[i]) + lag - (pv.BetaY * LaneMath.Log(L(ref D(_y), o))) - (pv.BetaT * lnThr)
                - (pv.BetaS * LaneMath.Log((spill * V(_tables.InvM0[i])) + Vector<double>.One));
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

    private double Distance(int i, int j) => Inputs.DistanceKm[(i * _a) + j];
}
