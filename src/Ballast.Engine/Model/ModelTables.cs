using Ballast.Core.Countries;

namespace Ballast.Engine.Model;

/// <summary>
/// What the kernel reads from one <see cref="ModelInputs"/> and never changes: the resolved parameters, actor constants as
/// plain arrays (no interface or bounds-check overhead in the step), the stance paths, the links of the start year and
/// the scheduled inputs of every year (hosted launchers, programme gains, GDP shocks, posture, host-nation support, cost
/// sharing, crises). Built once per inputs and shared by every <see cref="Simulation"/> of them, on any number of
/// threads: nothing writes the tables after construction.
/// </summary>
public sealed class ModelTables
{
    private const int Mis = MissionAreas.Count;

    private static readonly int LsgDistanceSlot = Slot(nameof(ModelParameters<double>.LsgDistanceKm));
    private static readonly int ThreatDistanceSlot = Slot(nameof(ModelParameters<double>.ThreatDistanceKm));
    private static readonly int NuclearThreatSlot = Slot(nameof(ModelParameters<double>.NuclearThreatWarheads));
    private static readonly int[] PostureSlots =
    [
        Slot(nameof(ModelParameters<double>.PostureTroopsScale)),
        Slot(nameof(ModelParameters<double>.PostureBasesScale)),
        Slot(nameof(ModelParameters<double>.TroopCost)),
    ];

    private readonly ModelParameters<double> _parameters;
    private readonly ModelParameters<Vector<double>> _parameterLanes;

    /// <summary>Builds the tables of <paramref name="inputs"/>.</summary>
    public ModelTables(ModelInputs inputs)
    {
        Inputs = inputs;
        int a = inputs.ActorCount;
        _parameters = ParameterBinding.Resolve(inputs.Parameters);
        _parameterLanes = Broadcast(_parameters);
        UncertainSlots = [.. inputs.Uncertain.Select(u => ParameterBinding.IndexOf(u.Name, inputs.Parameters))];
        Layout = new IndicatorLayout(inputs.Codes);
        Allies = [.. Enumerable.Range(0, a).Where(inputs.IsAlly)];
        Adversaries = [.. Enumerable.Range(0, a).Where(i => inputs.Roles[i] == CountryRole.Adversary)];
        Role = [.. inputs.Roles];
        IsAlly = [.. Enumerable.Range(0, a).Select(inputs.IsAlly)];
        Treaty = [.. inputs.Treaty];
        Trend = [.. inputs.TrendGrowth];
        InvM0 = [.. inputs.MilitaryExpenditure.Select(m => 1 / m)];
        Phi = [.. inputs.Phi];
        DepAdv = [.. inputs.TradeDependenceAdversary];
        Warheads = [.. inputs.NuclearWarheads];
        CompMix = [.. inputs.ComplementaryMix];
        AutoMix = [.. inputs.AutonomousMix];
        TheatreShare = [.. inputs.TheatreShare];
        M0 = [.. inputs.MilitaryExpenditure];
        Y0 = [.. Enumerable.Range(0, a).Select(i => double.IsNaN(inputs.Share[i]) ? inputs.Gdp[i] : inputs.MilitaryExpenditure[i] / inputs.Share[i])];
        LnM0 = [.. M0.Select(m => Math.Log(m))];
        InitialGrowth = [.. inputs.InitialGrowth];
        LagLog = [.. InitialGrowth.Select(g => Math.Log(1 + Math.Max(0, g)))];
        LsgFixed = !UncertainSlots.Contains(LsgDistanceSlot);
        ProxFixed = !UncertainSlots.Contains(ThreatDistanceSlot) && !UncertainSlots.Contains(NuclearThreatSlot);
        PostureFixed = !PostureSlots.Any(UncertainSlots.Contains);
        (Lsg0, Prox0, Nt0) = Proximity();
        (XMis0, YMis0, AdvM0, CoalM0) = StartTotals();
        (PathKind, PathTarget, PathDeadline, PathHarsh) = StancePathTables(inputs);
        AllyStance = [.. inputs.AllyStances];
        AllyStanceIn = [.. Enumerable.Range(0, inputs.Steps + 1).Select(t => Enumerable.Range(0, a).Any(i => AllyStance[(t * a) + i] is not null))];
        int at = (inputs.Steps + 1) * a;
        Launchers = new double[at];
        PhiGain = new double[at * Mis];
        PhiFactor = new double[at * Mis];
        IoGain = new double[at];
        GdpShock = new double[at];
        GrowthBase = new double[at];
        Troops = new double[at];
        Bases = new double[at];
        Hns = new double[at];
        CostSharing = new double[at];
        PostureBase = new double[at];
        HostPosture = new double[inputs.Steps + 1];
        HostTroops = new double[inputs.Steps + 1];
        LaunchersTotal = new double[inputs.Steps + 1];
        HnsTotal = new double[inputs.Steps + 1];
        Crisis = new double[inputs.Steps + 1];
        BuildSchedules();
        StartLinks = StartYearLinks(inputs);
        Shape = string.Join('|', string.Join(',', inputs.Codes), inputs.Steps, inputs.TargetShares.Length, string.Join(',', Allies), string.Join(',', Adversaries), inputs.PatronIndex, inputs.LeadAdversaryIndex);
    }

    /// <summary>The inputs the tables were built from.</summary>
    public ModelInputs Inputs { get; }

    /// <summary>Names and indices of the recorded indicators.</summary>
    public IndicatorLayout Layout { get; }

    /// <summary>
    /// What a simulation's buffers and record offsets are sized and laid out by (actors in order, years, targets, allies,
    /// adversaries, patron and lead adversary): a simulation can be rebound to any tables of the same shape.
    /// </summary>
    internal string Shape { get; }

    /// <summary>The registry's parameter values.</summary>
    internal ref readonly ModelParameters<double> Parameters => ref _parameters;

    /// <summary>Every lane at the registry's values (a lane group's parameters before its uncertain ones are drawn).</summary>
    internal ref readonly ModelParameters<Vector<double>> ParameterLanes => ref _parameterLanes;

    /// <summary>Slot of each uncertain parameter in <see cref="ModelParameters{T}"/>, in <see cref="ModelInputs.Uncertain"/> order.</summary>
    internal int[] UncertainSlots { get; }

    internal int[] Allies { get; }

    internal int[] Adversaries { get; }

    // Actor constants.
    internal CountryRole[] Role { get; }

    internal bool[] IsAlly { get; }

    internal TreatyType[] Treaty { get; }

    internal double[] Trend { get; }

    /// <summary>Growth of the path the start year lies on (initial stock and the intercept's lag term).</summary>
    internal double[] InitialGrowth { get; }

    /// <summary>1 / start-year spending (spill-ins in years of the ally's own budget).</summary>
    internal double[] InvM0 { get; }

    /// <summary>Conversion efficiency φ; NaN = the registry's.</summary>
    internal double[] Phi { get; }

    internal double[] DepAdv { get; }

    internal double[] Warheads { get; }

    /// <summary>Complementary mix, [i * 7 + m].</summary>
    internal double[] CompMix { get; }

    internal double[] AutoMix { get; }

    /// <summary>Share of the patron's capability in the theatre, per year.</summary>
    internal double[] TheatreShare { get; }

    // The start year.
    internal double[] Y0 { get; }

    internal double[] M0 { get; }

    internal double[] LnM0 { get; }

    /// <summary>ln(1 + max(0, g_i)) of the balanced-growth start.</summary>
    internal double[] LagLog { get; }

    /// <summary>e^(−d/D) with the registry's D (used when D is not uncertain).</summary>
    internal double[] Lsg0 { get; }

    /// <summary>Proximity weights [i * nAdv + k] with the registry's distance scale, likewise.</summary>
    internal double[] Prox0 { get; }

    internal double[] Nt0 { get; }

    internal double XMis0 { get; }

    internal double YMis0 { get; }

    internal double AdvM0 { get; }

    internal double CoalM0 { get; }

    internal bool LsgFixed { get; }

    internal bool ProxFixed { get; }

    /// <summary>True when the posture term's parameters are not uncertain, so <see cref="PostureBase"/> holds it.</summary>
    internal bool PostureFixed { get; }

    // Stance paths as plain arrays, [path][t].
    internal double[][] PathKind { get; }

    internal double[][] PathTarget { get; }

    internal double[][] PathDeadline { get; }

    internal double[][] PathHarsh { get; }

    /// <summary>The US stance toward single allies, [t * A + i]; null where the ally follows its lane's stance path.</summary>
    internal StanceYear?[] AllyStance { get; }

    /// <summary>True in the years, [t], where some ally has its own stance (the kernel's common case skips the look-up).</summary>
    internal bool[] AllyStanceIn { get; }

    // Schedules per year and actor, [t * A + i] unless noted.
    internal double[] Launchers { get; }

    /// <summary>Programme gains in φ, [(t * A + i) * 7 + m].</summary>
    internal double[] PhiGain { get; }

    /// <summary>1 + <see cref="PhiGain"/>, the factor the capability update applies (the same sum, once instead of every lane group).</summary>
    internal double[] PhiFactor { get; }

    internal double[] IoGain { get; }

    internal double[] GdpShock { get; }

    /// <summary>Trend growth plus the year's scheduled GDP shock, [t * A + i]: the lane-independent part of GDP growth.</summary>
    internal double[] GrowthBase { get; }

    internal double[] Troops { get; }

    internal double[] Bases { get; }

    internal double[] Hns { get; }

    internal double[] CostSharing { get; }

    /// <summary>1 − exp(−raw posture) per year and actor, when its parameters are fixed.</summary>
    internal double[] PostureBase { get; }

    /// <summary>
    /// The US posture index across hosts, 1 − exp(−Σ troops/T + bases/B), per year [t], when its parameters are fixed and no
    /// threat has been executed: what every lane of the aggregates computes then (the same operations in the same order).
    /// </summary>
    internal double[] HostPosture { get; }

    /// <summary>The troops of those hosts, [t], summed likewise.</summary>
    internal double[] HostTroops { get; }

    /// <summary>Hosted launchers of all actors, [t].</summary>
    internal double[] LaunchersTotal { get; }

    internal double[] HnsTotal { get; }

    /// <summary>The strongest scheduled crisis, [t].</summary>
    internal double[] Crisis { get; }

    /// <summary>The links of the start year: the registry's, with the changes scheduled up to then applied in year order.</summary>
    internal double[] StartLinks { get; }

    /// <summary>Sets link strength ℓ_ij = ℓ_ji in a link matrix of <paramref name="actors"/> × <paramref name="actors"/>.</summary>
    internal static void SetLink(double[] links, int actors, int i, int j, double strength)
    {
        links[(i * actors) + j] = strength;
        links[(j * actors) + i] = strength;
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

    private static (double[][] Kind, double[][] Target, double[][] Deadline, double[][] Harsh) StancePathTables(ModelInputs inputs)
    {
        int paths = inputs.StancePaths.Length;
        var kind = new double[paths][];
        var target = new double[paths][];
        var deadline = new double[paths][];
        var harsh = new double[paths][];
        for (int s = 0; s < paths; s++)
        {
            var years = inputs.StancePaths[s].Years;
            kind[s] = [.. years.Select(y => (double)(int)y.Kind)];
            target[s] = [.. years.Select(y => y.TargetShare)];
            deadline[s] = [.. years.Select(y => (double)y.DeadlineYear)];
            harsh[s] = [.. years.Select(y => y.Harshness)];
        }

        return (kind, target, deadline, harsh);
    }

    private static double[] StartYearLinks(ModelInputs inputs)
    {
        var links = inputs.Links.ToArray();
        foreach (var lc in inputs.LinkChanges.Where(l => l.Year <= inputs.StartYear).OrderBy(l => l.Year))
        {
            SetLink(links, inputs.ActorCount, lc.From, lc.To, lc.Strength);
        }

        return links;
    }

    /// <summary>Loss-of-strength weights, proximity weights and nuclear threat with the registry's distance scales.</summary>
    private (double[] Lsg, double[] Prox, double[] NuclearThreat) Proximity()
    {
        var inputs = Inputs;
        int a = inputs.ActorCount;
        int nAdv = Adversaries.Length;
        ref readonly var p = ref _parameters;
        var lsg = new double[a];
        var prox = new double[a * Math.Max(1, nAdv)];
        var nuclear = new double[a];
        for (int i = 0; i < a; i++)
        {
            lsg[i] = Math.Exp(-inputs.DistanceKm[(i * a) + inputs.LeadAdversaryIndex] / p.LsgDistanceKm);
            double nt = 0;
            for (int k = 0; k < nAdv; k++)
            {
                int j = Adversaries[k];
                double w = j == i ? 0 : Math.Exp(-inputs.DistanceKm[(i * a) + j] / p.ThreatDistanceKm);
                prox[(i * nAdv) + k] = w;
                nt += w * inputs.NuclearWarheads[j] / p.NuclearThreatWarheads;
            }

            nuclear[i] = nt;
        }

        return (lsg, prox, nuclear);
    }

    /// <summary>Start-year totals in actor order (the same sums, in the same order, as a per-run loop would make).</summary>
    private (double CoalitionMissiles, double AdversaryMissiles, double AdversarySpending, double CoalitionSpending) StartTotals()
    {
        var inputs = Inputs;
        double xMis = 0;
        double yMis = 0;
        double advM = 0;
        double coalM = 0;
        for (int i = 0; i < inputs.ActorCount; i++)
        {
            if (Role[i] == CountryRole.Adversary)
            {
                yMis += inputs.MissileInventory[i];
                advM += M0[i];
            }
            else
            {
                xMis += inputs.MissileInventory[i];
                if (IsAlly[i] || i == inputs.PatronIndex)
                {
                    coalM += M0[i];
                }
            }
        }

        return (xMis, yMis, advM, coalM);
    }

    /// <summary>
    /// The scheduled inputs of every year, computed once: hosted launchers, programme gains, GDP shocks, posture,
    /// host-nation support, cost sharing, the strongest scheduled crisis, and (when its parameters are fixed) the posture term.
    /// </summary>
    private void BuildSchedules()
    {
        var inp = Inputs;
        int a = inp.ActorCount;
        for (int t = 0; t <= inp.Steps; t++)
        {
            int year = inp.StartYear + t;
            int o = t * a;
            foreach (var dep in inp.MissileDeployments)
            {
                if (dep.Year <= year)
                {
                    Launchers[o + dep.Host] += dep.Launchers;
                }
            }

            foreach (var prog in inp.Programmes)
            {
                if (prog.Year <= year)
                {
                    foreach (int i in prog.Members)
                    {
                        PhiGain[(o * Mis) + (i * Mis) + (int)prog.Mission] += prog.PhiGain;
                        IoGain[o + i] += prog.InteroperabilityGain;
                    }
                }
            }

            foreach (var sh in inp.Shocks)
            {
                if (sh.Year == year)
                {
                    foreach (int i in sh.Actors)
                    {
                        GdpShock[o + i] += sh.GdpChange;
                    }
                }
            }

            for (int k = o * Mis; k < (o + a) * Mis; k++)
            {
                PhiFactor[k] = 1 + PhiGain[k];
            }

            double launchers = 0;
            double hns = 0;
            for (int i = 0; i < a; i++)
            {
                GrowthBase[o + i] = Trend[i] + GdpShock[o + i];
                Troops[o + i] = inp.Troops[o + i];
                Bases[o + i] = inp.Bases[o + i];
                Hns[o + i] = inp.HostNationSupport[o + i];
                CostSharing[o + i] = inp.CostSharing[o + i];
                launchers += Launchers[o + i];
                hns += Hns[o + i];
            }

            LaunchersTotal[t] = launchers;
            HnsTotal[t] = hns;
            double scheduled = 0;
            foreach (var c in inp.Crises)
            {
                if (c.Year == year)
                {
                    scheduled = Math.Max(scheduled, c.Intensity);
                }
            }

            Crisis[t] = scheduled;
            if (PostureFixed)
            {
                double raw = 0;
                double troops = 0;
                for (int i = 0; i < a; i++)
                {
                    PostureBase[o + i] = Simulation.PostureTerm(Troops[o + i], Bases[o + i], Hns[o + i], ParameterLanes)[0];
                    if (Troops[o + i] > 0 || Bases[o + i] > 0)
                    {
                        raw += (Troops[o + i] / _parameters.PostureTroopsScale) + (Bases[o + i] / _parameters.PostureBasesScale);
                        troops += Troops[o + i];
                    }
                }

                HostPosture[t] = (Vector<double>.One - LaneMath.Exp(-new Vector<double>(raw)))[0];
                HostTroops[t] = troops;
            }
        }
    }
}
