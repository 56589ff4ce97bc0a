using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Ballast.Core.Analytics;

namespace Ballast.Engine.Ensembles;

/// <summary>
/// Exactly mergeable statistics of a set of runs: integer counters, and the trajectories of the runs whose
/// run-index hash is among the <see cref="SampleSize"/> smallest. Both are independent of the order in which runs arrive,
/// so any partition of the run indices (threads, blocks, processes, machines) merges to bit-identical results.
/// </summary>
public sealed class EnsemblePartial
{
    private readonly PriorityQueue<SampleRow, (ulong Hash, long Run)> _sample;
    // Sampled trajectories live in pages of RowsPerPage slots (large arrays allocated a few times per ensemble, not one
    // small array per run, which the collector would copy up through every generation); freed slots are reused.
    private const int RowsPerPage = 64;
    private readonly List<ArraySegment<float>> _pages = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly int _cells;
    private readonly bool _pooledPages; // pages come from and go back to EnsemblePool (partials made by the runner)
    private int _slots;
    private readonly long[] _crossByYear;
    private readonly long[] _realigned;
    private readonly long[] _hedged;
    private readonly long[] _executed;
    private readonly long[] _targetMet;     // [k * A + i]
    private readonly long[] _targetYearSum; // histogram [(k * A + i) * (T+2) + yearIndex]
    private readonly long[] _paths;

    /// <summary>Creates empty statistics for inputs and a seed.</summary>
    public EnsemblePartial(ModelInputs inputs, ulong seed, int sampleSize)
        : this(inputs, seed, sampleSize, null)
    {
    }

    /// <summary>Creates empty statistics of a pool's inputs, whose trajectory pages come from (and may go back to) <see cref="EnsemblePool"/>.</summary>
    internal EnsemblePartial(ModelInputs inputs, ulong seed, int sampleSize, EnsemblePool? pool)
    {
        _pooledPages = pool is not null;
        Inputs = inputs;
        Seed = seed;
        SampleSize = sampleSize;
        Layout = pool?.Tables.Layout ?? new IndicatorLayout(inputs.Codes); // the pool's is built once, not per ensemble
        _sample = new PriorityQueue<SampleRow, (ulong, long)>(Comparer<(ulong Hash, long Run)>.Create((a, b) => b.CompareTo(a)));
        int years = inputs.Steps + 1;
        // Counted per lane by each worker's partial: buffers of their own lines, so two workers' counters never share one.
        _crossByYear = Memory.CacheLines.Padded<long>(years + 1);
        _realigned = Memory.CacheLines.Padded<long>(inputs.ActorCount);
        _hedged = Memory.CacheLines.Padded<long>(inputs.ActorCount);
        _executed = Memory.CacheLines.Padded<long>(inputs.ActorCount);
        _targetMet = Memory.CacheLines.Padded<long>(inputs.TargetShares.Length * inputs.ActorCount);
        _targetYearSum = Memory.CacheLines.Padded<long>(inputs.TargetShares.Length * inputs.ActorCount * (years + 1));
        _paths = Memory.CacheLines.Padded<long>(inputs.StancePaths.Length);
        _cells = Layout.Count * years;
    }

    /// <summary>The inputs.</summary>
    public ModelInputs Inputs { get; }

    /// <summary>Master seed.</summary>
    public ulong Seed { get; }

    /// <summary>Maximum runs kept for percentiles.</summary>
    public int SampleSize { get; }

    /// <summary>Indicator layout.</summary>
    public IndicatorLayout Layout { get; }

    /// <summary>Runs counted.</summary>
    public long Runs { get; private set; }

    /// <summary>Largest run-index hash currently kept (runs above it can be skipped when the sample is full).</summary>
    internal ulong Threshold => _sample.Count < SampleSize ? ulong.MaxValue : _sample.Peek().Hash;

    /// <summary>The sampling hash of a run index (independent of partitioning).</summary>
    public static ulong SampleHash(ulong seed, long runIndex) => CounterRng.Mix(CounterRng.RunKey(seed, runIndex) ^ 0x243F6A8885A308D3UL);

    /// <summary>
    /// The largest run-index hash among the <paramref name="sampleSize"/> smallest of the runs first .. first + runs − 1, or
    /// <see cref="ulong.MaxValue"/> when there are no more runs than that. The hashes do not depend on the simulation, so a large
    /// ensemble knows before it starts which runs its sample will hold: only those are offered (no trajectory is written to
    /// be displaced later), whatever the threads.
    /// </summary>
    internal static ulong SampleBound(ulong seed, long first, long runs, int sampleSize)
    {
        if (runs <= sampleSize)
        {
            return ulong.MaxValue;
        }

        var largest = new PriorityQueue<ulong, ulong>(sampleSize, Comparer<ulong>.Create((a, b) => b.CompareTo(a)));
        for (long r = first; r < first + runs; r++)
        {
            ulong hash = SampleHash(seed, r);
            if (largest.Count < sampleSize)
            {
                largest.Enqueue(hash, hash);
            }
            else if (hash < largest.Peek())
            {
                largest.DequeueEnqueue(hash, hash);
            }
        }

        return largest.Peek();
    }

    /// <summary>Adds a finished run's summary counters.</summary>
    public void AddSummary(RunSummary s)
    {
        Runs++;
        _paths[s.StancePath]++;
        int years = Inputs.Steps + 1;
        _crossByYear[s.CrossoverYear is { } cy ? cy - Inputs.StartYear : years]++;
        int a = Inputs.ActorCount;
        for (int i = 0; i < a; i++)
        {
            _realigned[i] += s.RealignmentYear[i] is null ? 0 : 1;
            _hedged[i] += s.HedgingCrossedYear[i] is null ? 0 : 1;
            _executed[i] += s.ThreatExecutedYear[i] is null ? 0 : 1;
            for (int k = 0; k < Inputs.TargetShares.Length; k++)
            {
                if (s.TargetMetYear[k][i] is { } y)
                {
                    _targetMet[(k * a) + i]++;
                    _targetYearSum[(((k * a) + i) * (years + 1)) + (y - Inputs.StartYear)]++;
                }
            }
        }
    }

    /// <summary>
    /// Adds the summary counters of the first <paramref name="count"/> lanes of a finished simulation: the same counts as
    /// <see cref="AddSummary(RunSummary)"/> of each lane's <see cref="RunBlockSummary.Row"/>, without building the rows.
    /// </summary>
    public void AddLanes(Simulation sim, int count)
    {
        Runs += count;
        int years = Inputs.Steps + 1;
        int startYear = Inputs.StartYear;
        var crossover = sim.CrossoverYears[..count];
        for (int lane = 0; lane < count; lane++)
        {
            _paths[sim.StancePathOf(lane)]++;
            double cy = crossover[lane];
            _crossByYear[double.IsNaN(cy) ? years : (int)cy - startYear]++;
        }

        // Actor by actor over the lanes: each event-year column of the simulation is read in order as it is stored (NaN where
        // the event did not happen), and the counts are integers, so the order of the additions does not matter.
        int a = Inputs.ActorCount;
        int nTargets = Inputs.TargetShares.Length;
        for (int i = 0; i < a; i++)
        {
            _realigned[i] += Happened(sim.RealignmentYears(i)[..count]);
            _hedged[i] += Happened(sim.HedgingCrossedYears(i)[..count]);
            _executed[i] += Happened(sim.ThreatExecutedYears(i)[..count]);
            for (int k = 0; k < nTargets; k++)
            {
                int row = (k * a) + i;
                var histogram = _targetYearSum.AsSpan(row * (years + 1), years + 1);
                var met = sim.TargetMetYears(k, i)[..count];
                int reached = 0;
                foreach (double y in met)
                {
                    if (!double.IsNaN(y))
                    {
                        reached++;
                        histogram[(int)y - startYear]++;
                    }
                }

                _targetMet[row] += reached;
            }
        }
    }

    /// <summary>How many of the years are not NaN (the event happened), without a branch per lane.</summary>
    private static int Happened(ReadOnlySpan<double> years)
    {
        int n = 0;
        foreach (double y in years)
        {
            n += double.IsNaN(y) ? 0 : 1;
        }

        return n;
    }

    /// <summary>Offers a run's trajectory (indicator-major, then year: indicators × (steps + 1) values) for the percentile sample.</summary>
    public void Offer(long runIndex, ReadOnlySpan<float> trajectory)
    {
        int slot = RentSlot();
        var (page, within) = Location(slot);
        int n = Layout.Count;
        int years = _cells / n;
        for (int c = 0; c < _cells; c++)
        {
            page[(c * RowsPerPage) + within] = trajectory[((c % n) * years) + (c / n)]; // row c is indicator c % n at year index c / n
        }

        Offer(runIndex, slot);
    }

    /// <summary>
    /// Offers the trajectory written into <paramref name="slot"/> (from <see cref="RentSlot"/>); the partial keeps the slot if
    /// the run enters the sample and takes it back otherwise, or when the run is later displaced.
    /// </summary>
    public void Offer(long runIndex, int slot)
    {
        ulong hash = SampleHash(Seed, runIndex);
        if (AddRow(new SampleRow(hash, runIndex, slot)) is { } unused)
        {
            _freeSlots.Push(unused.Slot);
        }
    }

    /// <summary>A free trajectory slot to write (at <see cref="Location"/>) and <see cref="Offer(long, int)"/>; contents undefined.</summary>
    public int RentSlot()
    {
        if (_freeSlots.TryPop(out int slot))
        {
            return slot;
        }

        if (_slots == _pages.Count * RowsPerPage)
        {
            _pages.Add(_pooledPages ? EnsemblePool.RentPage(RowsPerPage * _cells) : EnsemblePool.NewPage(RowsPerPage * _cells));
        }

        return _slots++;
    }

    /// <summary>Slots per page: a page holds row c of its slots at [c · RowsPerPage, (c + 1) · RowsPerPage).</summary>
    internal const int PageRows = RowsPerPage;

    /// <summary>
    /// Where a slot's trajectory lives: its page, which holds the slots' values row-major (row c of the slot at
    /// c · <see cref="PageRows"/> + <c>Within</c>), so that one indicator-year of many runs is contiguous both when a block
    /// writes it and when the percentiles read it. Row c is indicator c mod indicators at year index c / indicators: the
    /// order of the simulation's records (<see cref="Simulation.Records"/>), so a block's lanes go in one pass in order.
    /// </summary>
    internal (ArraySegment<float> Page, int Within) Location(int slot) => (_pages[slot / RowsPerPage], slot % RowsPerPage);

    /// <summary>Merges another partial of the same inputs and seed into this one (commutative and associative).</summary>
    public void Merge(EnsemblePartial other)
    {
        if (other.Seed != Seed || other.Inputs.ActorCount != Inputs.ActorCount || other.SampleSize != SampleSize)
        {
            throw new ArgumentException("partials of different ensembles", nameof(other));
        }

        Runs += other.Runs;
        Add(_crossByYear, other._crossByYear);
        Add(_realigned, other._realigned);
        Add(_hedged, other._hedged);
        Add(_executed, other._executed);
        Add(_targetMet, other._targetMet);
        Add(_targetYearSum, other._targetYearSum);
        Add(_paths, other._paths);

        // Decide every row's slot first, then copy cell by cell: each cell of the other's rows is read from and written to
        // contiguous page rows, not one whole trajectory (thousands of cells a page row apart) at a time. A slot given twice
        // was freed in between (its first row was displaced), so the row copied last is the one the sample keeps.
        var moves = new List<(int From, int To)>(other._sample.Count);
        foreach (var (row, _) in other._sample.UnorderedItems)
        {
            int slot = RentSlot();
            moves.Add((row.Slot, slot));
            Offer(row.Run, slot);
        }

        for (int c = 0; c < _cells; c++)
        {
            int at = c * RowsPerPage;
            foreach (var (from, to) in moves)
            {
                var (source, sourceWithin) = other.Location(from);
                var (target, targetWithin) = Location(to);
                target[at + targetWithin] = source[at + sourceWithin];
            }
        }
    }

    /// <summary>
    /// Gives the trajectory pages back to the pool once nothing will read them (after a merge into another partial, or
    /// after <see cref="ToResult()"/>); the partial is then empty of trajectories and must not be used again.
    /// </summary>
    internal void ReleasePages()
    {
        _sample.Clear();
        _freeSlots.Clear();
        _slots = 0;
        if (_pooledPages)
        {
            EnsemblePool.Return(_pages);
        }

        _pages.Clear();
    }

    /// <summary>Computes percentiles and KPIs (the percentiles on every core).</summary>
    public EnsembleResult ToResult() => ToResult(0);

    /// <summary>
    /// Computes percentiles and KPIs, the percentiles on up to <paramref name="threads"/> threads (0: one per core): an ensemble
    /// asked to run on one thread does not hand its percentiles to the thread pool (cells are independent, so the result is
    /// the same either way).
    /// </summary>
    internal EnsembleResult ToResult(int threads)
    {
        var inp = Inputs;
        int years = inp.Steps + 1;
        var rows = _sample.UnorderedItems.Select(x => x.Element).OrderBy(r => r.Run).ToArray();
        int n = Layout.Count;
        int cells = n * years;
        var pct = new PercentileRow[cells];

        // Each cell's values are in run order, as a sort of the sample by run would give them: when slot k holds the k-th run
        // (one worker, nothing displaced: the usual small ensemble) a cell is a few contiguous page rows, otherwise it is
        // gathered slot by slot from the same rows. Cells are independent, so ranges of them run in parallel, and each gets
        // exactly the order statistics a sort would give. They are selected among the single-precision values themselves (not
        // widened first): the same order statistics, with twice the values to a vector.
        int m = rows.Length;
        bool inOrder = true;
        for (int k = 0; k < m && inOrder; k++)
        {
            inOrder = rows[k].Slot == k;
        }

        const int Chunk = 128;
        int chunks = (cells + Chunk - 1) / Chunk;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : -1 };
        Parallel.For(0, chunks, parallel, () => System.Buffers.ArrayPool<float>.Shared.Rent(Math.Max(1, m)), (chunk, _, buf) =>
        {
            var values = buf.AsSpan(0, m);
            for (int row = chunk * Chunk; row < Math.Min(cells, (chunk + 1) * Chunk); row++)
            {
                int at = row * RowsPerPage;
                int ind = row % n;
                int t = row / n;
                if (inOrder && m > 0)
                {
                    // The copy scans the values as it goes (their range and whether any is NaN), so selection needs no pass of its own.
                    var scan = new CellScan(_pages[0].AsSpan(at, 1)[0]);
                    for (int p = 0; p * RowsPerPage < m; p++)
                    {
                        int count = Math.Min(RowsPerPage, m - (p * RowsPerPage));
                        scan.Copy(_pages[p].AsSpan(at, count), values.Slice(p * RowsPerPage, count));
                        Prefetch(_pages[p], at + (PrefetchCells * RowsPerPage), count);
                    }

                    var (min, max, hasNaN) = scan.Result();
                    pct[(ind * years) + t] = Select(Layout.Names[ind], inp.StartYear + t, values, min, max, hasNaN);
                    continue;
                }

                for (int k = 0; k < m; k++)
                {
                    var (page, within) = Location(rows[k].Slot);
                    values[k] = page[at + within];
                }

                pct[(ind * years) + t] = SelectPercentiles(Layout.Names[ind], inp.StartYear + t, values);
            }

            return buf;
        }, buf => System.Buffers.ArrayPool<float>.Shared.Return(buf));

        int horizon = years - 1;
        PercentileRow Final(int ind) => pct[(ind * years) + horizon];
        long crossed = Runs - _crossByYear[years];
        int? medianCross = null;
        if (crossed > 0)
        {
            long acc = 0;
            for (int t = 0; t < years; t++)
            {
                acc += _crossByYear[t];
                if (2 * acc >= crossed)
                {
                    medianCross = inp.StartYear + t;
                    break;
                }
            }
        }

        var counts = ImmutableSortedDictionary.CreateBuilder<int, long>();
        for (int t = 0; t < years; t++)
        {
            if (_crossByYear[t] > 0)
            {
                counts[inp.StartYear + t] = _crossByYear[t];
            }
        }

        double runs = Math.Max(1, Runs);
        int a = inp.ActorCount;
        var allies = new List<AllyKpi>();
        for (int i = 0; i < a; i++)
        {
            if (!inp.IsAlly(i))
            {
                continue;
            }

            var pMet = new double[inp.TargetShares.Length];
            var yMet = new int?[inp.TargetShares.Length];
            for (int k = 0; k < pMet.Length; k++)
            {
                long met = _targetMet[(k * a) + i];
                pMet[k] = met / runs;
                long acc = 0;
                for (int t = 0; t <= years && met > 0; t++)
                {
                    acc += _targetYearSum[(((k * a) + i) * (years + 1)) + t];
                    if (2 * acc >= met)
                    {
                        yMet[k] = inp.StartYear + t;
                        break;
                    }
                }
            }

            allies.Add(new AllyKpi(
                inp.Codes[i],
                Final(Layout.Of(ActorIndicator.Share, i)).P50,
                [.. pMet],
                [.. yMet],
                Final(Layout.Of(ActorIndicator.Credibility, i)).P50,
                Final(Layout.Of(ActorIndicator.Alignment, i)).P50,
                Final(Layout.Of(ActorIndicator.Duplication, i)).P50,
                Final(Layout.Of(ActorIndicator.Hedging, i)).P50,
                _hedged[i] / runs,
                _realigned[i] / runs,
                _executed[i] / runs));
        }

        var kpi = new KpiSummary(
            Runs,
            Seed,
            inp.TargetShares,
            _crossByYear[years] / runs,
            medianCross,
            counts.ToImmutable(),
            Final(Layout.Of(CoalitionIndicator.Balance)),
            Final(Layout.Of(CoalitionIndicator.Effectiveness)),
            Final(Layout.Of(CoalitionIndicator.UsCostNet)),
            Final(Layout.Of(CoalitionIndicator.HostExposure)),
            Final(Layout.Of(CoalitionIndicator.CoalitionDuplication)),
            [.. allies],
            [.. _paths.AsSpan(0, Inputs.StancePaths.Length)],
            rows.Length);
        return new EnsembleResult([.. Layout.Names], [.. Enumerable.Range(inp.StartYear, years)], ImmutableCollectionsMarshal.AsImmutableArray(pct), kpi);
    }

    /// <summary>How many cells ahead the copy of a cell's page rows asks for the rows it will copy next.</summary>
    private const int PrefetchCells = 2;

    /// <summary>
    /// Asks for the cache lines of <paramref name="count"/> floats of <paramref name="page"/> from <paramref name="at"/>
    /// (nothing past its end): the pages were written long before the selection reads them, and a cell's rows lie on 16
    /// pages at once, more streams than the hardware's prefetcher follows.
    /// </summary>
    private static unsafe void Prefetch(ArraySegment<float> page, int at, int count)
    {
        if (!Sse.IsSupported || at + count > page.Count)
        {
            return;
        }

        fixed (float* p = &page.Array![page.Offset + at])
        {
            for (int k = 0; k < count; k += 16)
            {
                Sse.Prefetch0(p + k);
            }
        }
    }

    /// <summary>
    /// Which order statistics the five percentiles of n values (none NaN) interpolate between: the distinct ranks ascending,
    /// where each percentile's lower and upper rank is among them, and its fraction. The same for every cell of a sample, so
    /// made once per length (the last one is kept) instead of per cell.
    /// </summary>
    private sealed class RankPlan
    {
        /// <summary>The percentiles' probabilities, in the order of <see cref="PercentileRow"/>.</summary>
        public static readonly double[] Probabilities = [0.05, 0.25, 0.5, 0.75, 0.95];

        private static RankPlan? _last;
        private readonly int[] _lower = new int[5];
        private readonly int[] _upper = new int[5];
        private readonly double[] _fraction = new double[5];

        private RankPlan(int n)
        {
            var ranks = new List<int>(10);
            var bounds = new (int Lo, int Hi)[Probabilities.Length];
            for (int k = 0; k < Probabilities.Length; k++)
            {
                var (lo, hi, fraction) = Quantiles.Ranks(n, Probabilities[k]);
                foreach (int rank in (ReadOnlySpan<int>)[lo, hi])
                {
                    if (ranks.Count == 0 || ranks[^1] < rank)
                    {
                        ranks.Add(rank);
                    }
                }

                bounds[k] = (lo, hi);
                _fraction[k] = fraction;
            }

            Ranks = [.. ranks];
            for (int k = 0; k < Probabilities.Length; k++)
            {
                _lower[k] = ranks.IndexOf(bounds[k].Lo);
                _upper[k] = ranks.IndexOf(bounds[k].Hi);
            }

            Length = n;
        }

        /// <summary>The values' count the plan is for.</summary>
        public int Length { get; }

        /// <summary>The distinct ranks to select, ascending.</summary>
        public int[] Ranks { get; }

        /// <summary>The plan for n values (at least one).</summary>
        public static RankPlan For(int n)
        {
            var last = Volatile.Read(ref _last);
            if (last is null || last.Length != n)
            {
                last = new RankPlan(n);
                Volatile.Write(ref _last, last);
            }

            return last;
        }

        /// <summary>Percentile <paramref name="k"/> from the order statistics at <see cref="Ranks"/> (exact from single precision).</summary>
        public double Quantile<T>(ReadOnlySpan<T> found, int k)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => Quantiles.Interpolate(double.CreateTruncating(found[_lower[k]]), double.CreateTruncating(found[_upper[k]]), _fraction[k]);
    }

    /// <summary>Percentiles (linear interpolation between order statistics, "type 7") of a sample; NaN when empty.</summary>
    public static PercentileRow Percentiles(string name, int year, double[] values)
    {
        Array.Sort(values);
        return new PercentileRow(name, year, Quantiles.Type7(values, 0.05), Quantiles.Type7(values, 0.25), Quantiles.Type7(values, 0.5), Quantiles.Type7(values, 0.75), Quantiles.Type7(values, 0.95));
    }

    /// <summary>
    /// The same percentiles as <see cref="Percentiles"/> (bit for bit) by selecting only the order statistics needed,
    /// O(n) instead of a sort. Reorders <paramref name="values"/>. NaN orders first, as in <see cref="Array.Sort(Array)"/>.
    /// </summary>
    public static PercentileRow SelectPercentiles(string name, int year, Span<double> values) => Select(name, year, values);

    /// <summary>
    /// <see cref="SelectPercentiles(string, int, Span{double})"/> of single-precision values (the sample's): the order
    /// statistics of the values as doubles are the values' own, so the percentiles are those of the widened values, bit for
    /// bit, with every pass over the values twice as many to a vector.
    /// </summary>
    public static PercentileRow SelectPercentiles(string name, int year, Span<float> values) => Select(name, year, values);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per ensemble: never worth a tier-0 pass
    private static PercentileRow Select<T>(string name, int year, Span<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (values.IsEmpty)
        {
            return new PercentileRow(name, year, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        // One pass for the range and whether any value is NaN (most cells have none, and then need no scalar pass).
        var (min, max, hasNaN) = Scan<T>(values);
        return Select(name, year, values, min, max, hasNaN);
    }

    /// <summary>
    /// <see cref="Select{T}(string, int, Span{T})"/> of values (at least one) whose smallest and largest value and whether any
    /// is NaN are known (the extremes only matter without NaN): a cell copied out of the pages is scanned as it is copied.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PercentileRow Select<T>(string name, int year, Span<T> values, T min, T max, bool hasNaN)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = values.Length;
        int nan = 0;
        for (int i = hasNaN ? 0 : n; i < n; i++)
        {
            if (T.IsNaN(values[i]))
            {
                (values[i], values[nan]) = (values[nan], values[i]);
                nan++;
            }
        }

        // The ten order statistics the five quantiles interpolate between (ranks below the NaNs' are NaN), found together: where
        // no value is NaN, from a plan made once for the cell's length.
        if (nan == 0)
        {
            var plan = RankPlan.For(n);
            Span<T> found = stackalloc T[plan.Ranks.Length];
            SelectRanks(values, plan.Ranks, found, 0, min, max);
            return new PercentileRow(name, year, plan.Quantile(found, 0), plan.Quantile(found, 1), plan.Quantile(found, 2), plan.Quantile(found, 3), plan.Quantile(found, 4));
        }

        ReadOnlySpan<double> ps = RankPlan.Probabilities;
        Span<int> ranks = stackalloc int[2 * ps.Length];
        int nr = 0;
        foreach (double p in ps)
        {
            var (lo, hi, _) = Quantiles.Ranks(n, p);
            foreach (int rank in (ReadOnlySpan<int>)[lo, hi])
            {
                if (rank >= nan && (nr == 0 || ranks[nr - 1] < rank))
                {
                    ranks[nr++] = rank;
                }
            }
        }

        // The order statistics of the non-NaN values (many indicators are the same in every run: then every one is that value).
        Span<int> relative = stackalloc int[nr];
        for (int k = 0; k < nr; k++)
        {
            relative[k] = ranks[k] - nan;
        }

        Span<T> stats = stackalloc T[nr];
        if (nr > 0)
        {
            (min, max) = Range<T>(values[nan..]);
            SelectRanks(values[nan..], relative, stats, 0, min, max);
        }

        Span<double> q = stackalloc double[5];
        for (int k = 0; k < ps.Length; k++)
        {
            var (lo, hi, fraction) = Quantiles.Ranks(n, ps[k]);
            double vLo = lo < nan ? double.NaN : double.CreateTruncating(stats[ranks[..nr].IndexOf(lo)]); // exact from float
            double vHi = hi < nan ? double.NaN : double.CreateTruncating(stats[ranks[..nr].IndexOf(hi)]);
            q[k] = Quantiles.Interpolate(vLo, vHi, fraction);
        }

        return new PercentileRow(name, year, q[0], q[1], q[2], q[3], q[4]);
    }

    /// <summary>
    /// The order statistics of <paramref name="values"/> (no NaN) at <paramref name="ranks"/> (ascending, distinct) into
    /// <paramref name="found"/>, by bucket selection: one pass for the range, one counting the values per bucket of equal width
    /// (a monotone map, so a bucket's values all rank between the buckets before and after it) and one gathering only the
    /// values of the buckets that hold a wanted rank, which are then selected among themselves. The passes have no
    /// data-dependent branches to mispredict, unlike partitioning, which is what a small ensemble's cost was mostly spent on.
    /// Reorders <paramref name="values"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // its stack buffers are all written before they are read: zeroing them cost as much as a pass
    private static void SelectRanks<T>(Span<T> values, ReadOnlySpan<int> ranks, Span<T> found, int depth, T min, T max)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = values.Length;
        if (ranks.IsEmpty)
        {
            return;
        }

        if (min == max)
        {
            found.Fill(min);
            return;
        }

        // Below a few dozen values, or when buckets stop shrinking the problem (a very skewed spread), partitioning is as good.
        if (n < 64 || depth > 2 || !T.IsFinite(max - min) || !T.IsFinite(T.CreateTruncating(Buckets(n) - 1) / (max - min)))
        {
            MultiSelect(values, 0, n - 1, ranks);
            for (int k = 0; k < ranks.Length; k++)
            {
                found[k] = values[ranks[k]];
            }

            return;
        }

        int buckets = Buckets(n);
        var (low, high, shared) = Bounds(values, min, max);
        if (!T.IsNaN(shared))
        {
            // Most values are one value (a state many runs share): the ranks among its copies are it, and the others are
            // found among the values below or above it, set apart in one pass (buckets would put the shared value and its
            // near neighbours in one bucket, to be checked, gathered and bucketed again).
            var (lt, eq) = CountAt(values, shared);
            if (ranks[0] >= lt && ranks[^1] < lt + eq)
            {
                found.Fill(shared);
            }
            else
            {
                SelectAround(values, shared, lt, eq, ranks, found, depth);
            }

            return;
        }

        if (low == high)
        {
            (low, high) = (min, max);
        }

        // Every value's bucket a vector at a time, then the counts in four histograms, so that runs of values falling in the
        // same bucket (skewed indicators) make four short chains of increments instead of one long one.
        var bins = n <= 4096 ? stackalloc int[n] : new int[n];
        Bins(values, low, T.CreateTruncating(buckets - 2) / (high - low), buckets - 1, bins);
        var counts = buckets <= 1024 ? stackalloc int[buckets] : new int[buckets];
        var partial = buckets <= 256 ? stackalloc int[4 * buckets] : new int[4 * buckets];
        partial.Clear();
        var c0 = partial[..buckets];
        var c1 = partial[buckets..(2 * buckets)];
        var c2 = partial[(2 * buckets)..(3 * buckets)];
        var c3 = partial[(3 * buckets)..];
        CountBuckets(bins[..n], c0, c1, c2, c3);

        // Buckets are a power of two from 64, a whole number of vectors.
        for (int b = 0; b < buckets; b += Vector<int>.Count)
        {
            (new Vector<int>(c0[b..]) + new Vector<int>(c1[b..]) + new Vector<int>(c2[b..]) + new Vector<int>(c3[b..])).CopyTo(counts[b..]);
        }

        // The bucket of each wanted rank (several ranks may share one).
        Span<int> bucketOf = stackalloc int[ranks.Length];
        Span<int> firstRank = stackalloc int[ranks.Length]; // rank of a wanted bucket's smallest value
        Span<int> start = stackalloc int[ranks.Length];     // its segment in the scratch space, −1 when not gathered
        int wanted = WantedBuckets(counts, ranks, bucketOf, firstRank);

        // A bucket holding many of the values is often one value many runs share (a state, a bound): when all its values have
        // the same bits, its ranks are that value, found by one vector pass, and it is not gathered.
        var next = buckets <= 1024 ? stackalloc int[buckets] : new int[buckets];
        next.Fill(-1);
        Span<int> gathered = stackalloc int[ranks.Length];
        int used = 0;
        int kept = 0;
        int r = 0;
        for (int w = 0; w < wanted; w++)
        {
            int count = counts[bucketOf[w]];
            int from = r;
            while (r < ranks.Length && ranks[r] < firstRank[w] + count)
            {
                r++;
            }

            if (count >= OneValueCheck && OneValue(values, bins, bucketOf[w], out T value))
            {
                found[from..r].Fill(value);
                start[w] = -1;
            }
            else
            {
                start[w] = used;
                next[bucketOf[w]] = used;
                gathered[kept++] = bucketOf[w];
                used += count;
            }
        }

        if (used == 0)
        {
            return;
        }

        // Usually a few dozen values: on the stack, without the pool's lookup per call.
        // A vector's room past the end: the compressed gather stores whole vectors.
        var rented = used + 16 <= 1024 ? null : System.Buffers.ArrayPool<T>.Shared.Rent(used + 16);
        var scratch = rented is null ? stackalloc T[used + 16] : rented.AsSpan(0, used + 16);
        try
        {
            Gather(values, bins, next, gathered[..kept], scratch);
            r = 0;
            Span<int> local = stackalloc int[ranks.Length];
            for (int w = 0; w < wanted; w++)
            {
                int count = counts[bucketOf[w]];
                int from = r;
                while (r < ranks.Length && ranks[r] < firstRank[w] + count)
                {
                    r++;
                }

                if (start[w] < 0)
                {
                    continue;
                }

                for (int k = from; k < r; k++)
                {
                    local[k - from] = ranks[k] - firstRank[w];
                }

                var bucket = scratch.Slice(start[w], count);
                if (typeof(T) == typeof(float) && count <= FewValues && Vector256.IsHardwareAccelerated)
                {
                    RanksOfFew(MemoryMarshal.Cast<T, float>(bucket), local[..(r - from)], MemoryMarshal.Cast<T, float>(found[from..r]));
                }
                else
                {
                    var (bucketMin, bucketMax) = Range<T>(bucket);
                    SelectRanks(bucket, local[..(r - from)], found[from..r], depth + 1, bucketMin, bucketMax);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<T>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Values a gathered bucket may hold to be ranked in registers by <see cref="RanksOfFew"/>.</summary>
    private const int FewValues = 64;

    /// <summary>
    /// The order statistics at <paramref name="ranks"/> of at most <see cref="FewValues"/> values (a gathered bucket), in
    /// registers: each value's count of values below it and at or below it, from one comparison of every value with all of
    /// them at once, then the value whose counts bracket each rank. No branch on the data, where a sort or partition of so
    /// few values mispredicts at most steps. 256-bit vectors, whose comparisons give vectors (512-bit ones write mask
    /// registers, of which the processor has few units), so it runs with AVX2 alone too. Spare lanes hold +∞, which counts
    /// below no value and is the right answer for any rank it is picked for (only ranks past every finite value).
    /// </summary>
    [SkipLocalsInit] // every lane read is written first
    private static void RanksOfFew(ReadOnlySpan<float> values, ReadOnlySpan<int> ranks, Span<float> found)
    {
        int n = values.Length;
        Span<float> lanes = stackalloc float[FewValues];
        Span<int> below = stackalloc int[FewValues];
        Span<int> atOrBelow = stackalloc int[FewValues];
        ref float lane = ref MemoryMarshal.GetReference(lanes);
        int width = (n + 7) & ~7; // whole vectors of 8 lanes
        var inf = Vector256.Create(float.PositiveInfinity);
        for (int g = 0; g < width; g += 8)
        {
            inf.StoreUnsafe(ref lane, (nuint)g);
        }

        values.CopyTo(lanes);
        ref int lt = ref MemoryMarshal.GetReference(below);
        ref int le = ref MemoryMarshal.GetReference(atOrBelow);
        for (int g = 0; g < width; g += 8)
        {
            // Eight lanes at a time against every value (a bucket usually holds one or two such groups).
            var group = Vector256.LoadUnsafe(ref lane, (nuint)g);
            var lower = Vector256<int>.Zero;
            var atOrLower = Vector256<int>.Zero;
            for (int j = 0; j < n; j++)
            {
                var v = Vector256.Create(Unsafe.Add(ref lane, j));
                lower -= Vector256.LessThan(v, group).AsInt32(); // lane i: is value j below value i (a true lane is −1)
                atOrLower -= Vector256.LessThanOrEqual(v, group).AsInt32();
            }

            lower.StoreUnsafe(ref lt, (nuint)g);
            atOrLower.StoreUnsafe(ref le, (nuint)g);
        }

        for (int k = 0; k < ranks.Length; k++)
        {
            var rank = Vector256.Create(ranks[k]);
            for (int g = 0; g < width; g += 8)
            {
                // A lane holds in some vector: the order statistic is one of the values (or +∞ past the finite ones, see above).
                uint holds = (Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref lt, (nuint)g), rank)
                    & Vector256.GreaterThan(Vector256.LoadUnsafe(ref le, (nuint)g), rank)).ExtractMostSignificantBits();
                if (holds != 0)
                {
                    found[k] = Unsafe.Add(ref lane, g + BitOperations.TrailingZeroCount(holds));
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The smallest and largest of single-precision values and whether any is NaN, accumulated a vector at a time while the
    /// values are copied (a cell's rows out of the pages): what <see cref="Scan{T}"/> finds, without a pass of its own.
    /// </summary>
    private struct CellScan(float first)
    {
        private Vector<float> _min = new(first);
        private Vector<float> _max = new(first);
        private Vector<int> _same = new(-1); // all ones while no lane has been NaN
        private float _tailMin = first;
        private float _tailMax = first;
        private bool _tailNaN;

        /// <summary>Copies <paramref name="from"/> into <paramref name="to"/> (the same length), taking in its values.</summary>
        public void Copy(ReadOnlySpan<float> from, Span<float> to)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(to.Length, from.Length);
            ref float source = ref MemoryMarshal.GetReference(from);
            ref float target = ref MemoryMarshal.GetReference(to);
            int i = 0;
            for (; i <= from.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = Vector.LoadUnsafe(ref source, (nuint)i);
                v.StoreUnsafe(ref target, (nuint)i);
                _min = Vector.MinNative(_min, v);
                _max = Vector.MaxNative(_max, v);
                _same &= Vector.Equals(v, v);
            }

            for (; i < from.Length; i++)
            {
                float v = Unsafe.Add(ref source, i);
                Unsafe.Add(ref target, i) = v;
                _tailMin = MathF.Min(_tailMin, v);
                _tailMax = MathF.Max(_tailMax, v);
                _tailNaN |= float.IsNaN(v);
            }
        }

        /// <summary>The extremes (meaningful only without NaN) and whether any value was NaN.</summary>
        public readonly (float Min, float Max, bool HasNaN) Result()
        {
            if (_tailNaN || !Vector.EqualsAll(_same, new Vector<int>(-1)))
            {
                return (float.NaN, float.NaN, true);
            }

            var (min, max) = Across(_min, _max);
            return (MathF.Min(min, _tailMin), MathF.Max(max, _tailMax), false);
        }
    }

    /// <summary>The smallest lane of one vector and the largest of another (no NaN).</summary>
    private static (T Min, T Max) Across<T>(Vector<T> min, Vector<T> max)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector128<T> lo, hi;
        if (Vector<T>.Count * Unsafe.SizeOf<T>() == 64)
        {
            var a = min.AsVector512();
            var b = max.AsVector512();
            var a2 = Vector256.MinNative(a.GetLower(), a.GetUpper());
            var b2 = Vector256.MaxNative(b.GetLower(), b.GetUpper());
            lo = Vector128.MinNative(a2.GetLower(), a2.GetUpper());
            hi = Vector128.MaxNative(b2.GetLower(), b2.GetUpper());
        }
        else if (Vector<T>.Count * Unsafe.SizeOf<T>() == 32)
        {
            var a = min.AsVector256();
            var b = max.AsVector256();
            lo = Vector128.MinNative(a.GetLower(), a.GetUpper());
            hi = Vector128.MaxNative(b.GetLower(), b.GetUpper());
        }
        else
        {
            lo = min.AsVector128();
            hi = max.AsVector128();
        }

        T l = lo[0];
        T h = hi[0];
        for (int k = 1; k < Vector128<T>.Count; k++)
        {
            l = T.Min(l, lo[k]);
            h = T.Max(h, hi[k]);
        }

        return (l, h);
    }

    /// <summary>Smallest and largest value and whether any is NaN, in one pass (the extremes are meaningful only without NaN).</summary>
    private static (T Min, T Max, bool HasNaN) Scan<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = values.Length;
        if (n < 2 * Vector<T>.Count)
        {
            bool nan = HasNaN(values);
            var (min, max) = nan ? (T.NaN, T.NaN) : Range(values);
            return (min, max, nan);
        }

        // Two accumulators of each, so that consecutive vectors do not wait on one another's min and max.
        ref T at = ref MemoryMarshal.GetReference(values);
        var min0 = Vector.LoadUnsafe(ref at);
        var min1 = Vector.LoadUnsafe(ref at, (nuint)Vector<T>.Count);
        var max0 = min0;
        var max1 = min1;
        var same = Vector.Equals(min0, min0) & Vector.Equals(min1, min1); // all ones while no lane has been NaN
        int i = 2 * Vector<T>.Count;
        for (; i <= n - (2 * Vector<T>.Count); i += 2 * Vector<T>.Count)
        {
            var a = Vector.LoadUnsafe(ref at, (nuint)i);
            var b = Vector.LoadUnsafe(ref at, (nuint)(i + Vector<T>.Count));
            min0 = Vector.MinNative(min0, a);
            max0 = Vector.MaxNative(max0, a);
            min1 = Vector.MinNative(min1, b);
            max1 = Vector.MaxNative(max1, b);
            same &= Vector.Equals(a, a) & Vector.Equals(b, b);
        }

        if (i < n)
        {
            // The last (overlapping) vector: values counted twice change neither extreme.
            var a = Vector.LoadUnsafe(ref at, (nuint)(n - Vector<T>.Count));
            min0 = Vector.MinNative(min0, a);
            max0 = Vector.MaxNative(max0, a);
            same &= Vector.Equals(a, a);
            if (i + Vector<T>.Count < n)
            {
                var b = Vector.LoadUnsafe(ref at, (nuint)i);
                min1 = Vector.MinNative(min1, b);
                max1 = Vector.MaxNative(max1, b);
                same &= Vector.Equals(b, b);
            }
        }

        if (!Vector.EqualsAll(Vector.AsVectorInt32(same), new Vector<int>(-1)))
        {
            return (T.NaN, T.NaN, true);
        }

        var (lo, hi) = Across(Vector.MinNative(min0, min1), Vector.MaxNative(max0, max1));
        return (lo, hi, false);
    }

    /// <summary>
    /// Counts the values of each bucket into four histograms, bin k into histogram k mod 4, so that runs of values in one
    /// bucket make four short chains of increments instead of one long one. Bins are 0 .. the histograms' length − 1
    /// (<see cref="Bins"/> clamps them), so the counts are reached without a check per value.
    /// </summary>
    private static void CountBuckets(ReadOnlySpan<int> bins, Span<int> c0, Span<int> c1, Span<int> c2, Span<int> c3)
    {
        ref int bin = ref MemoryMarshal.GetReference(bins);
        ref int h0 = ref MemoryMarshal.GetReference(c0);
        ref int h1 = ref MemoryMarshal.GetReference(c1);
        ref int h2 = ref MemoryMarshal.GetReference(c2);
        ref int h3 = ref MemoryMarshal.GetReference(c3);
        int n = bins.Length;
        int i = 0;
        for (; i <= n - 4; i += 4)
        {
            Unsafe.Add(ref h0, Unsafe.Add(ref bin, i))++;
            Unsafe.Add(ref h1, Unsafe.Add(ref bin, i + 1))++;
            Unsafe.Add(ref h2, Unsafe.Add(ref bin, i + 2))++;
            Unsafe.Add(ref h3, Unsafe.Add(ref bin, i + 3))++;
        }

        for (; i < n; i++)
        {
            c0[Unsafe.Add(ref bin, i)]++;
        }
    }

    /// <summary>Values a bucket must hold before <see cref="OneValue"/> checks whether they are all one value (below, gathering them costs less).</summary>
    private const int OneValueCheck = 32;

    /// <summary>
    /// The wanted buckets in order: the bucket of each of <paramref name="ranks"/> (ascending; ranks sharing a bucket give it
    /// once) and the rank of its smallest value; returns how many. A scan of the counts that keeps its sums in registers.
    /// </summary>
    private static int WantedBuckets(ReadOnlySpan<int> counts, ReadOnlySpan<int> ranks, Span<int> bucketOf, Span<int> firstRank)
    {
        int wanted = 0;
        int cumulative = 0;
        int r = 0;
        int rank = ranks[0];
        for (int b = 0; b < counts.Length; b++)
        {
            int end = cumulative + counts[b];
            if (rank < end)
            {
                bucketOf[wanted] = b;
                firstRank[wanted] = cumulative;
                wanted++;
                do
                {
                    r++;
                }
                while (r < ranks.Length && ranks[r] < end);

                if (r == ranks.Length)
                {
                    break;
                }

                rank = ranks[r];
            }

            cumulative = end;
        }

        return wanted;
    }

    /// <summary>
    /// Whether every value in <paramref name="bucket"/> has the same bits (then <paramref name="value"/> is it): the smallest and
    /// largest bit pattern among them, a vector at a time. Bits, not values, so that −0 and +0 in one bucket are gathered and
    /// selected as before. Single precision only (the sample's values); false for doubles, which are then gathered.
    /// </summary>
    private static bool OneValue<T>(ReadOnlySpan<T> values, ReadOnlySpan<int> bins, int bucket, out T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        value = default;
        if (typeof(T) != typeof(float))
        {
            return false;
        }

        var bits = MemoryMarshal.Cast<T, int>(values);
        int n = bits.Length;
        int lo = int.MaxValue;
        int hi = int.MinValue;
        int i = 0;
        if (n >= Vector<int>.Count)
        {
            var which = new Vector<int>(bucket);
            var vlo = new Vector<int>(int.MaxValue);
            var vhi = new Vector<int>(int.MinValue);
            for (; i <= n - Vector<int>.Count; i += Vector<int>.Count)
            {
                var inBucket = Vector.Equals(new Vector<int>(bins[i..]), which);
                var x = new Vector<int>(bits[i..]);
                vlo = Vector.Min(vlo, Vector.ConditionalSelect(inBucket, x, new Vector<int>(int.MaxValue)));
                vhi = Vector.Max(vhi, Vector.ConditionalSelect(inBucket, x, new Vector<int>(int.MinValue)));
            }

            for (int k = 0; k < Vector<int>.Count; k++)
            {
                lo = Math.Min(lo, vlo[k]);
                hi = Math.Max(hi, vhi[k]);
            }
        }

        for (; i < n; i++)
        {
            if (bins[i] == bucket)
            {
                lo = Math.Min(lo, bits[i]);
                hi = Math.Max(hi, bits[i]);
            }
        }

        value = Unsafe.BitCast<int, T>(lo);
        return lo == hi;
    }

    /// <summary>
    /// Copies the values of the <paramref name="gathered"/> buckets (those whose <paramref name="next"/> is a position, the
    /// others' is −1) into <paramref name="scratch"/>, each bucket's values together in their original order, advancing
    /// <paramref name="next"/>.
    /// </summary>
    private static void Gather<T>(ReadOnlySpan<T> values, ReadOnlySpan<int> bins, Span<int> next, ReadOnlySpan<int> gathered, Span<T> scratch)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // The compressed gather's bitmap of buckets fills one register at 512 (the default 4,096-run sample's); more buckets,
        // from larger samples, take the scalar gather below.
        if (typeof(T) == typeof(float) && Avx512F.IsSupported && next.Length <= 512)
        {
            GatherCompressed(MemoryMarshal.Cast<T, float>(values), bins, next, gathered, MemoryMarshal.Cast<T, float>(scratch));
            return;
        }

        ref T v = ref MemoryMarshal.GetReference(values);
        ref int bin = ref MemoryMarshal.GetReference(bins);
        ref int nx = ref MemoryMarshal.GetReference(next);
        ref T to = ref MemoryMarshal.GetReference(scratch);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins.Length, values.Length);
        for (int k = 0; k < values.Length; k++)
        {
            ref int slot = ref Unsafe.Add(ref nx, Unsafe.Add(ref bin, k)); // bins are 0 .. next.Length − 1 (Bins clamps them)
            int at = slot;
            if (at >= 0)
            {
                Unsafe.Add(ref to, at) = Unsafe.Add(ref v, k);
                slot = at + 1;
            }
        }
    }

    /// <summary>
    /// <see cref="Gather{T}"/> of single-precision values with 512-bit compresses: a few percent of a spread cell's values are
    /// wanted, so the scalar gather's branch was mispredicted at nearly every one. Sixteen values at a time, those whose bucket
    /// is wanted (a bitmap of at most 512 buckets) are packed with their buckets into a short list, and only that list is
    /// placed bucket by bucket, with no branch on the data.
    /// </summary>
    [SkipLocalsInit] // the packed lists are written before they are read
    private static void GatherCompressed(ReadOnlySpan<float> values, ReadOnlySpan<int> bins, Span<int> next, ReadOnlySpan<int> keep, Span<float> scratch)
    {
        int kept = keep.Length;
        int n = values.Length;
        int total = scratch.Length - 16; // the scratch space has a vector's room past the gathered values
        var packedValues = total + 16 <= 1024 ? stackalloc float[total + 16] : new float[total + 16];
        var packedBins = total + 16 <= 1024 ? stackalloc int[total + 16] : new int[total + 16];
        ref float v = ref MemoryMarshal.GetReference(values);
        ref int bin = ref MemoryMarshal.GetReference(bins);
        ref int nx = ref MemoryMarshal.GetReference(next);
        ref float pv = ref MemoryMarshal.GetReference(packedValues);
        ref int pb = ref MemoryMarshal.GetReference(packedBins);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins.Length, n);
        int packed = 0;
        int i = 0;
        // Whether a value's bucket is wanted, read from a bitmap of the buckets in one register (512 bits): the word by a
        // permute, the bit shifted up to the lane's sign. Three mask-register writes per 16 values (the mask converted for
        // each use) where comparing with each wanted bucket took about thirteen, and the processor has few units for them.
        Span<uint> words = stackalloc uint[16];
        words.Clear();
        foreach (int b in keep)
        {
            words[b >> 5] |= 1u << (b & 31);
        }

        var bitmap = Vector512.Create<uint>(words);
        var low5 = Vector512.Create(31u);
        for (; i <= n - 16; i += 16)
        {
            var b = Vector512.LoadUnsafe(ref bin, (nuint)i).AsUInt32();
            var word = Avx512F.PermuteVar16x32(bitmap, Vector512.ShiftRightLogical(b, 5));
            var m = Avx512F.ShiftLeftLogicalVariable(word, Vector512.AndNot(low5, b)).AsInt32(); // the bucket's bit at the sign
            Avx512F.Compress(Vector512<float>.Zero, m.AsSingle(), Vector512.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref pv, (nuint)packed);
            Avx512F.Compress(Vector512<int>.Zero, m, b.AsInt32()).StoreUnsafe(ref pb, (nuint)packed);
            packed += BitOperations.PopCount(m.ExtractMostSignificantBits());
        }

        for (; i < n; i++)
        {
            int b = Unsafe.Add(ref bin, i);
            if (Unsafe.Add(ref nx, b) >= 0)
            {
                Unsafe.Add(ref pv, packed) = Unsafe.Add(ref v, i);
                Unsafe.Add(ref pb, packed) = b;
                packed++;
            }
        }

        if (kept == 1)
        {
            packedValues[..packed].CopyTo(scratch);
            return;
        }

        // Each bucket's values out of the short list by a compress per vector of it (a scalar placement advanced each bucket's
        // position through memory, one store-to-load wait per value of a run of one bucket). Buckets are placed in the order
        // of their segments, so a whole vector stored past one segment's end is overwritten by the next segment or falls into
        // the room past the last; lanes past the list hold −1, no bucket.
        Vector512.Create(-1).StoreUnsafe(ref pb, (nuint)packed);
        ref float to = ref MemoryMarshal.GetReference(scratch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(packed, total);
        for (int w = 0; w < kept; w++)
        {
            int at = next[keep[w]];
            var which = Vector512.Create(keep[w]);
            for (int k = 0; k < packed; k += 16)
            {
                var m = Vector512.Equals(Vector512.LoadUnsafe(ref pb, (nuint)k), which);
                Avx512F.Compress(Vector512<float>.Zero, m.AsSingle(), Vector512.LoadUnsafe(ref pv, (nuint)k)).StoreUnsafe(ref to, (nuint)at);
                at += BitOperations.PopCount(m.ExtractMostSignificantBits());
            }
        }
    }

    /// <summary>Whether any value is NaN, a vector at a time (most cells have none, and then need no scalar pass).</summary>
    private static bool HasNaN<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        for (; i <= values.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            var v = new Vector<T>(values[i..]);
            if (!Vector.EqualsAll(v, v))
            {
                return true;
            }
        }

        for (; i < values.Length; i++)
        {
            if (T.IsNaN(values[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The range the buckets span: the second smallest and second largest of 64 values spread over the cell (its runs are
    /// in no particular order of value, so they are a sample), or the whole range when the sample spans nothing. A few
    /// outlying runs then fall into the two end buckets instead of squeezing the bulk of the values into a few buckets
    /// (a skewed indicator), which would take another level of buckets. <c>Shared</c> is a value at least half the sample
    /// holds (a state many runs share), NaN when there is none; low = high only with one.
    /// </summary>
    [SkipLocalsInit] // the sample is written before it is read
    private static (T Low, T High, T Shared) Bounds<T>(ReadOnlySpan<T> values, T min, T max)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        const int Samples = 64;
        int n = values.Length;
        if (n < 4 * Samples)
        {
            return (min, max, T.NaN);
        }

        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated)
        {
            var (low, high, shared) = SampleBounds(MemoryMarshal.Cast<T, float>(values));
            return low == high || (low < high && float.IsFinite((Buckets(n) - 2) / (high - low)))
                ? (T.CreateTruncating(low), T.CreateTruncating(high), T.CreateTruncating(shared))
                : (min, max, T.CreateTruncating(shared));
        }

        T min1 = T.PositiveInfinity, min2 = T.PositiveInfinity;
        T max1 = T.NegativeInfinity, max2 = T.NegativeInfinity;
        for (int k = 0; k < Samples; k++)
        {
            // The two smallest and two largest so far, without a branch on the values (the sample is in no order, so such
            // branches were mispredicted): for values, not NaN, the same as the comparisons v < min2 and v > max2.
            T v = values[(int)((long)k * n / Samples)];
            min2 = T.Min(min2, T.Max(min1, v));
            min1 = T.Min(min1, v);
            max2 = T.Max(max2, T.Min(max1, v));
            max1 = T.Max(max1, v);
        }

        // Without the vector sample, a shared value is found only when all but two of the sample hold it.
        return min2 == max2 ? (min2, max2, min2)
            : min2 < max2 && T.IsFinite(T.CreateTruncating(Buckets(n) - 2) / (max2 - min2)) ? (min2, max2, T.NaN) : (min, max, T.NaN);
    }

    /// <summary>
    /// <see cref="Bounds"/>' sample of single-precision values in four 512-bit registers: the second smallest and second
    /// largest of 64 values spread over the cell, and a value held by at least half of them, or NaN. Three places of the
    /// sample are the candidates: a value half of it holds is at one of them unless the runs happen to avoid all three
    /// (one time in eight at half, one in a thousand at nine tenths; the cell then takes the buckets), and one all but two
    /// hold always is.
    /// </summary>
    [SkipLocalsInit]
    private static (float Low, float High, float Shared) SampleBounds(ReadOnlySpan<float> values)
    {
        const int Samples = 64;
        int n = values.Length;
        Span<float> sample = stackalloc float[Samples];
        ref float at = ref MemoryMarshal.GetReference(values);
        ref float s = ref MemoryMarshal.GetReference(sample);
        for (int k = 0; k < Samples; k++)
        {
            Unsafe.Add(ref s, k) = Unsafe.Add(ref at, (int)((long)k * n / Samples));
        }

        var a0 = Vector512.LoadUnsafe(ref s);
        var a1 = Vector512.LoadUnsafe(ref s, 16);
        var a2 = Vector512.LoadUnsafe(ref s, 32);
        var a3 = Vector512.LoadUnsafe(ref s, 48);
        float min1 = MinAcross(Vector512.MinNative(Vector512.MinNative(a0, a1), Vector512.MinNative(a2, a3)));
        float max1 = MaxAcross(Vector512.MaxNative(Vector512.MaxNative(a0, a1), Vector512.MaxNative(a2, a3)));
        var vmin = Vector512.Create(min1);
        var vmax = Vector512.Create(max1);

        // The second smallest is the smallest again when it occurs twice, else the smallest of the others (so for the largest).
        float min2 = Copies(a0, a1, a2, a3, min1) >= 2 ? min1 : MinAcross(Vector512.MinNative(
            Vector512.MinNative(Vector512.ConditionalSelect(Vector512.Equals(a0, vmin), Vector512.Create(float.PositiveInfinity), a0),
                Vector512.ConditionalSelect(Vector512.Equals(a1, vmin), Vector512.Create(float.PositiveInfinity), a1)),
            Vector512.MinNative(Vector512.ConditionalSelect(Vector512.Equals(a2, vmin), Vector512.Create(float.PositiveInfinity), a2),
                Vector512.ConditionalSelect(Vector512.Equals(a3, vmin), Vector512.Create(float.PositiveInfinity), a3))));
        float max2 = Copies(a0, a1, a2, a3, max1) >= 2 ? max1 : MaxAcross(Vector512.MaxNative(
            Vector512.MaxNative(Vector512.ConditionalSelect(Vector512.Equals(a0, vmax), Vector512.Create(float.NegativeInfinity), a0),
                Vector512.ConditionalSelect(Vector512.Equals(a1, vmax), Vector512.Create(float.NegativeInfinity), a1)),
            Vector512.MaxNative(Vector512.ConditionalSelect(Vector512.Equals(a2, vmax), Vector512.Create(float.NegativeInfinity), a2),
                Vector512.ConditionalSelect(Vector512.Equals(a3, vmax), Vector512.Create(float.NegativeInfinity), a3))));

        float shared = float.NaN;
        foreach (int k in (ReadOnlySpan<int>)[0, 21, 42])
        {
            float candidate = Unsafe.Add(ref s, k);
            if (Copies(a0, a1, a2, a3, candidate) >= Samples / 2)
            {
                shared = candidate;
                break;
            }
        }

        return (min2, max2, shared);
    }

    /// <summary>How many of the 64 values in four registers equal <paramref name="value"/>.</summary>
    private static int Copies(Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3, float value)
    {
        var v = Vector512.Create(value);
        return BitOperations.PopCount(Vector512.Equals(a0, v).ExtractMostSignificantBits() | (Vector512.Equals(a1, v).ExtractMostSignificantBits() << 16)
            | (Vector512.Equals(a2, v).ExtractMostSignificantBits() << 32) | (Vector512.Equals(a3, v).ExtractMostSignificantBits() << 48));
    }

    /// <summary>The smallest lane (no NaN).</summary>
    private static float MinAcross(Vector512<float> v)
    {
        var h = Vector256.MinNative(v.GetLower(), v.GetUpper());
        var q = Vector128.MinNative(h.GetLower(), h.GetUpper());
        return MathF.Min(MathF.Min(q[0], q[1]), MathF.Min(q[2], q[3]));
    }

    /// <summary>The largest lane (no NaN).</summary>
    private static float MaxAcross(Vector512<float> v)
    {
        var h = Vector256.MaxNative(v.GetLower(), v.GetUpper());
        var q = Vector128.MaxNative(h.GetLower(), h.GetUpper());
        return MathF.Max(MathF.Max(q[0], q[1]), MathF.Max(q[2], q[3]));
    }

    /// <summary>
    /// The order statistics at <paramref name="ranks"/> of values of which <paramref name="below"/> are below
    /// <paramref name="value"/> and <paramref name="equal"/> equal to it: the ranks among its copies are it, the others are
    /// selected among the values below or above it, copied apart in one pass (a 512-bit compress of single-precision values).
    /// </summary>
    [SkipLocalsInit] // the parts are written before they are read
    private static void SelectAround<T>(ReadOnlySpan<T> values, T value, int below, int equal, ReadOnlySpan<int> ranks, Span<T> found, int depth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = values.Length;
        int above = n - below - equal;
        int room = below + above + (2 * Vector512<float>.Count); // whole vectors are stored past each part's end
        var rented = room <= 1024 ? null : System.Buffers.ArrayPool<T>.Shared.Rent(room);
        var parts = rented is null ? stackalloc T[room] : rented.AsSpan(0, room);
        var low = parts[..below];
        var high = parts.Slice(below + Vector512<float>.Count, above);
        try
        {
            int lo = 0, hi = 0, i = 0;
            if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
            {
                ref float v = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(values));
                ref float toLow = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(parts));
                ref float toHigh = ref Unsafe.Add(ref toLow, below + Vector512<float>.Count);
                var at = Vector512.Create(float.CreateTruncating(value));
                for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                {
                    var x = Vector512.LoadUnsafe(ref v, (nuint)i);
                    var isLow = Vector512.LessThan(x, at);
                    var isHigh = Vector512.GreaterThan(x, at);
                    Avx512F.Compress(Vector512<float>.Zero, isLow, x).StoreUnsafe(ref toLow, (nuint)lo);
                    Avx512F.Compress(Vector512<float>.Zero, isHigh, x).StoreUnsafe(ref toHigh, (nuint)hi);
                    lo += BitOperations.PopCount(isLow.ExtractMostSignificantBits());
                    hi += BitOperations.PopCount(isHigh.ExtractMostSignificantBits());
                }
            }

            for (; i < n; i++)
            {
                T x = values[i];
                if (x < value)
                {
                    low[lo++] = x;
                }
                else if (x > value)
                {
                    high[hi++] = x;
                }
            }

            int r = 0;
            while (r < ranks.Length && ranks[r] < below)
            {
                r++;
            }

            int s = r;
            while (s < ranks.Length && ranks[s] < below + equal)
            {
                s++;
            }

            found[r..s].Fill(value);
            if (r > 0)
            {
                var (min, max) = Range<T>(low);
                SelectRanks(low, ranks[..r], found[..r], depth + 1, min, max);
            }

            if (s < ranks.Length)
            {
                Span<int> local = stackalloc int[ranks.Length - s];
                for (int k = s; k < ranks.Length; k++)
                {
                    local[k - s] = ranks[k] - below - equal;
                }

                var (min, max) = Range<T>(high);
                SelectRanks(high, local, found[s..], depth + 1, min, max);
            }
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<T>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The values below and equal to <paramref name="value"/>: one vector pass.</summary>
    private static (int Below, int Equal) CountAt<T>(ReadOnlySpan<T> values, T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = values.Length - (values.Length % Vector<T>.Count);
        var (lt, eq) = typeof(T) == typeof(float) ? Count<T, int>(values[..i], value) : Count<T, long>(values[..i], value);
        for (; i < values.Length; i++)
        {
            lt += values[i] < value ? 1 : 0;
            eq += values[i] == value ? 1 : 0;
        }

        return ((int)lt, (int)eq);
    }

    /// <summary>Values below and equal to <paramref name="value"/> (a whole number of vectors of them), counted in lanes of the values' width.</summary>
    private static (long Below, long Equal) Count<T, TCount>(ReadOnlySpan<T> values, T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TCount : unmanaged, IBinaryInteger<TCount>
    {
        var v0 = new Vector<T>(value);
        var below = Vector<TCount>.Zero;
        var equal = Vector<TCount>.Zero;
        for (int i = 0; i < values.Length; i += Vector<T>.Count)
        {
            var v = new Vector<T>(values[i..]);
            below -= Vector.As<T, TCount>(Vector.LessThan(v, v0)); // a true lane is all ones: −1
            equal -= Vector.As<T, TCount>(Vector.Equals(v, v0));
        }

        return (long.CreateTruncating(Vector.Sum(below)), long.CreateTruncating(Vector.Sum(equal)));
    }

    /// <summary>
    /// The bucket of every value, a vector at a time: (v − low) · scale + 1, truncated, clamped to 0 .. <paramref name="top"/>
    /// (values below low in bucket 0, from low up to the one before top, from high in top). A monotone map, as selection needs.
    /// </summary>
    private static void Bins<T>(ReadOnlySpan<T> values, T low, T scale, int top, Span<int> bins)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        var vlow = new Vector<T>(low);
        var vscale = new Vector<T>(scale);
        var one = Vector<T>.One;
        var vtop = new Vector<T>(T.CreateTruncating(top));
        if (typeof(T) == typeof(float))
        {
            // The values hold no NaN (the caller set those apart), so the processor's own min, max and conversion give the
            // same buckets as the portable ones, without their fix-ups for NaN, signed zeros and overflow (clamped before).
            var f = MemoryMarshal.Cast<T, float>(values);
            var flow = Vector.As<T, float>(vlow);
            var fscale = Vector.As<T, float>(vscale);
            var ftop = Vector.As<T, float>(vtop);
            for (; i <= f.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var a = Vector.MinNative(Vector.MaxNative(((new Vector<float>(f[i..]) - flow) * fscale) + Vector<float>.One, Vector<float>.Zero), ftop);
                Vector.ConvertToInt32Native(a).CopyTo(bins[i..]);
            }
        }
        else
        {
            for (; i <= values.Length - (2 * Vector<T>.Count); i += 2 * Vector<T>.Count)
            {
                var a = Vector.Min(Vector.Max(((new Vector<T>(values[i..]) - vlow) * vscale) + one, Vector<T>.Zero), vtop);
                var b = Vector.Min(Vector.Max(((new Vector<T>(values[(i + Vector<T>.Count)..]) - vlow) * vscale) + one, Vector<T>.Zero), vtop);
                Vector.Narrow(Vector.ConvertToInt64(Vector.As<T, double>(a)), Vector.ConvertToInt64(Vector.As<T, double>(b))).CopyTo(bins[i..]);
            }
        }

        for (; i < values.Length; i++)
        {
            bins[i] = int.CreateTruncating(T.Clamp(((values[i] - low) * scale) + T.One, T.Zero, T.CreateTruncating(top)));
        }
    }

    /// <summary>Buckets for n values: about eight values each (gathered buckets are ranked in registers), a power of two from 64 to 4,096.</summary>
    private static int Buckets(int n) => (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, n / 8)), 64, 4096);

    /// <summary>Smallest and largest of values (no NaN), a vector at a time.</summary>
    private static (T Min, T Max) Range<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        T min = values[0];
        T max = values[0];
        if (values.Length >= 2 * Vector<T>.Count)
        {
            var vmin = new Vector<T>(values);
            var vmax = vmin;
            for (i = Vector<T>.Count; i <= values.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                // No NaN here, so the processor's own min and max (without the portable ones' NaN and signed-zero fix-ups) give
                // the same extremes; a zero's sign never reaches a percentile (interpolating adds, and −0 + 0 is +0).
                var v = new Vector<T>(values[i..]);
                vmin = Vector.MinNative(vmin, v);
                vmax = Vector.MaxNative(vmax, v);
            }

            for (int k = 0; k < Vector<T>.Count; k++)
            {
                min = T.Min(min, vmin[k]);
                max = T.Max(max, vmax[k]);
            }
        }

        for (; i < values.Length; i++)
        {
            min = T.Min(min, values[i]);
            max = T.Max(max, values[i]);
        }

        return (min, max);
    }

    /// <summary>
    /// Places the order statistic of every rank in <paramref name="ranks"/> (ascending, within left..right) at its index:
    /// quickselect with median-of-three pivots and three-way partitions that follows every side holding a wanted rank;
    /// short ranges are sorted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiSelect<T>(Span<T> a, int left, int right, ReadOnlySpan<int> ranks)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        while (!ranks.IsEmpty && right > left)
        {
            if (right - left < 24)
            {
                for (int x = left + 1; x <= right; x++)
                {
                    T v = a[x];
                    int y = x - 1;
                    while (y >= left && a[y] > v)
                    {
                        a[y + 1] = a[y];
                        y--;
                    }

                    a[y + 1] = v;
                }

                return;
            }

            // Median-of-three pivot value, then a three-way partition: runs often share values (zeros, states,
            // integers), and the block equal to the pivot is final, so equal values are never partitioned again.
            int mid = left + ((right - left) >> 1);
            T x0 = a[left];
            T x1 = a[mid];
            T x2 = a[right];
            T pivot = x0 < x1 ? (x1 < x2 ? x1 : (x0 < x2 ? x2 : x0)) : (x0 < x2 ? x0 : (x1 < x2 ? x2 : x1));
            int lt = left;
            int gt = right;
            int i = left;
            while (i <= gt)
            {
                T v = a[i];
                if (v < pivot)
                {
                    a[i] = a[lt];
                    a[lt] = v;
                    lt++;
                    i++;
                }
                else if (v > pivot)
                {
                    a[i] = a[gt];
                    a[gt] = v;
                    gt--;
                }
                else
                {
                    i++;
                }
            }

            // Now a[left..lt) < pivot, a[lt..gt] = pivot, a(gt..right] > pivot.
            int low = 0;
            while (low < ranks.Length && ranks[low] < lt)
            {
                low++;
            }

            int high = low;
            while (high < ranks.Length && ranks[high] <= gt)
            {
                high++;
            }

            if (low > 0)
            {
                MultiSelect(a, left, lt - 1, ranks[..low]);
            }

            ranks = ranks[high..];
            left = gt + 1;
        }
    }

    /// <summary>Adds a row to the sample; returns the row that is not kept (the one displaced, or this one), if any.</summary>
    private SampleRow? AddRow(SampleRow row)
    {
        if (_sample.Count < SampleSize)
        {
            _sample.Enqueue(row, (row.Hash, row.Run));
            return null;
        }

        var top = _sample.Peek();
        return (row.Hash, row.Run).CompareTo((top.Hash, top.Run)) < 0 ? _sample.DequeueEnqueue(row, (row.Hash, row.Run)) : row;
    }

    /// <summary>
    /// Rows of doubles rounded to single precision as a cast rounds them: the first <paramref name="count"/> values of each of
    /// <paramref name="rows"/> rows, from rows <paramref name="fromStride"/> apart to rows <paramref name="toStride"/> apart, a
    /// vector at a time (a block's records into a page: thousands of short rows, so no call or slicing per row).
    /// </summary>
    internal static void NarrowRows(ReadOnlySpan<double> from, int fromStride, Span<float> to, int toStride, int rows, int count)
    {
        if (rows == 0 || count == 0)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Math.Min(fromStride, toStride));
        ArgumentOutOfRangeException.ThrowIfLessThan(from.Length, ((rows - 1) * fromStride) + count);
        ArgumentOutOfRangeException.ThrowIfLessThan(to.Length, ((rows - 1) * toStride) + count);
        ref double source = ref MemoryMarshal.GetReference(from);
        ref float target = ref MemoryMarshal.GetReference(to);
        if (count == 16 && toStride % 16 == 0 && NarrowLinesPastCaches(ref source, fromStride, ref target, toStride, rows))
        {
            return;
        }

        int w = Vector<double>.Count;
        for (int r = 0; r < rows; r++)
        {
            nuint s = (nuint)(r * fromStride);
            nuint t = (nuint)(r * toStride);
            int i = 0;
            for (; i <= count - (2 * w); i += 2 * w)
            {
                Vector.Narrow(Vector.LoadUnsafe(ref source, s + (nuint)i), Vector.LoadUnsafe(ref source, s + (nuint)(i + w))).StoreUnsafe(ref target, t + (nuint)i);
            }

            for (; i < count; i++)
            {
                Unsafe.Add(ref target, t + (nuint)i) = (float)Unsafe.Add(ref source, s + (nuint)i);
            }
        }
    }

    /// <summary>
    /// <see cref="NarrowRows"/> of 16 values a row into rows that start on 64-byte lines (a full block into a page, whose
    /// rows are line-aligned: <see cref="EnsemblePool.NewPage"/>), each row's line written with non-temporal stores, so
    /// the sample (megabytes, read only by the percentiles at the end) does not push the simulation's state and records
    /// out of the caches at every block. False, with nothing written, when the target is not on a line or the processor
    /// lacks the stores.
    /// </summary>
    private static unsafe bool NarrowLinesPastCaches(ref double source, int fromStride, ref float target, int toStride, int rows)
    {
        fixed (float* t = &target) // a page is pinned anyway; a caller's other buffer is held still while it is written
        {
            if (((nuint)t & 63) != 0)
            {
                return false;
            }

            if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
            {
                for (int r = 0; r < rows; r++)
                {
                    ref double s = ref Unsafe.Add(ref source, r * fromStride);
                    Avx512F.StoreAlignedNonTemporal(t + ((nint)r * toStride), Vector512.Narrow(Vector512.LoadUnsafe(ref s), Vector512.LoadUnsafe(ref s, 8)));
                }
            }
            else if (Avx.IsSupported)
            {
                for (int r = 0; r < rows; r++)
                {
                    ref double s = ref Unsafe.Add(ref source, r * fromStride);
                    float* row = t + ((nint)r * toStride);
                    Avx.StoreAlignedNonTemporal(row, Vector256.Narrow(Vector256.LoadUnsafe(ref s), Vector256.LoadUnsafe(ref s, 4)));
                    Avx.StoreAlignedNonTemporal(row + 8, Vector256.Narrow(Vector256.LoadUnsafe(ref s, 8), Vector256.LoadUnsafe(ref s, 12)));
                }
            }
            else
            {
                return false;
            }
        }

        // Non-temporal stores are weakly ordered: fence them before the block is handed over.
        Sse.StoreFence();
        return true;
    }

    private static void Add(long[] a, long[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            a[i] += b[i];
        }
    }

    private sealed record SampleRow(ulong Hash, long Run, int Slot);
}
