using System.Collections.Concurrent;
using Ballast.Engine.Ensembles;
using Ballast.Exploration.Sampling;

namespace Ballast.Exploration.Experiments;

/// <summary>A batch of finished runs handed to a sink in one piece (the sink commits it atomically).</summary>
public sealed class RunBatch
{
    /// <summary>Creates an empty batch for up to <paramref name="capacity"/> runs.</summary>
    public RunBatch(int capacity, int outcomes, int yearlyPerRun)
    {
        Runs = new int[capacity];
        Outcomes = new double[capacity * outcomes];
        Yearly = new double[capacity * yearlyPerRun];
        OutcomesPerRun = outcomes;
        YearlyPerRun = yearlyPerRun;
    }

    /// <summary>Run indices (design rows) in the batch.</summary>
    public int[] Runs { get; }

    /// <summary>Outcomes, <c>[k * OutcomesPerRun + o]</c> for the k-th run of the batch.</summary>
    public double[] Outcomes { get; }

    /// <summary>Yearly indicators, <c>[k * YearlyPerRun + y * indicators + i]</c>.</summary>
    public double[] Yearly { get; }

    /// <summary>Number of runs in the batch.</summary>
    public int Count { get; set; }

    /// <summary>Outcomes per run.</summary>
    public int OutcomesPerRun { get; }

    /// <summary>Yearly values per run.</summary>
    public int YearlyPerRun { get; }
}

/// <summary>Where finished runs go (the results store); also says which runs are already done, for resuming.</summary>
public interface IRunSink
{
    /// <summary>Runs already stored (skipped on resume).</summary>
    IReadOnlySet<int> CompletedRuns();

    /// <summary>Stores a batch atomically: all of its runs or none.</summary>
    void Write(RunBatch batch);

    /// <summary>
    /// Runs per batch this sink stores best, used when <see cref="RunOptions.BatchSize"/> is not given (the results store:
    /// enough runs to fill a row group of the database, which it writes straight to its file).
    /// </summary>
    int PreferredBatchSize => RunOptions.DefaultBatchSize;
}

/// <summary>How to execute an experiment.</summary>
/// <param name="Threads">Worker threads (0 = all cores).</param>
/// <param name="BatchSize">Runs committed together (default: the sink's <see cref="IRunSink.PreferredBatchSize"/>); a kill loses at
/// most the two batches in flight (one simulating, one being stored).</param>
/// <param name="Rows">Design rows to run (all when null): one slice of an experiment run elsewhere in parts (<c>--range</c>).</param>
public sealed record RunOptions(int Threads = 0, int? BatchSize = null, RunRange? Rows = null)
{
    /// <summary>Runs per batch of a sink without a preference, and per range of a cluster experiment.</summary>
    public const int DefaultBatchSize = 2048;
}

/// <summary>Consecutive design rows <c>[First, First + Count)</c>: the unit that batch jobs and cluster workers run.</summary>
/// <param name="First">First row.</param>
/// <param name="Count">Rows.</param>
public readonly record struct RunRange(int First, int Count)
{
    /// <summary>One past the last row.</summary>
    public int End => First + Count;

    /// <summary>Parses <c>A:B</c>, rows A to B − 1 (0-based, end excluded, as a slice), checked against the design's rows.</summary>
    public static RunRange Parse(string text, int rows)
    {
        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int a)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int b))
        {
            throw new BallastInputException("a range is FIRST:END, design rows FIRST to END-1 (e.g. 0:1000)", field: "--range", value: text);
        }

        if (a >= b || b > rows)
        {
            throw new BallastInputException(string.Create(CultureInfo.InvariantCulture, $"the range must satisfy FIRST < END <= {rows} (the design's rows)"), field: "--range", value: text);
        }

        return new RunRange(a, b - a);
    }

    /// <summary>Cuts sorted rows into ranges of consecutive rows of at most <paramref name="size"/> rows each.</summary>
    public static IReadOnlyList<RunRange> Cut(IReadOnlyList<int> sortedRows, int size)
    {
        var ranges = new List<RunRange>();
        int i = 0;
        while (i < sortedRows.Count)
        {
            int first = sortedRows[i];
            int count = 1;
            while (i + count < sortedRows.Count && count < size && sortedRows[i + count] == first + count)
            {
                count++;
            }

            ranges.Add(new RunRange(first, count));
            i += count;
        }

        return ranges;
    }
}

/// <summary>
/// Fills batches of runs through the engine's <see cref="BlockRunner"/>, keeping each thread's worker from batch to
/// batch. The one place a design row becomes outcomes, for a local experiment and a cluster worker alike.
/// </summary>
public sealed class BatchComputer
{
    private readonly IExperimentModel _model;
    private readonly Design _design;
    private readonly IReadOnlyList<ExplorationParameter> _parameters;
    private readonly int _threads;
    private readonly int _block;
    private readonly ConcurrentBag<(IExperimentWorker Worker, double[] Values)> _workers = [];

    /// <summary>Prepares to run rows of <paramref name="design"/> on up to <paramref name="threads"/> threads (0 = all cores).</summary>
    public BatchComputer(IExperimentModel model, Design design, IReadOnlyList<ExplorationParameter> parameters, int threads)
    {
        if (parameters.Count != design.Dimensions)
        {
            throw new ArgumentException("one parameter per design dimension");
        }

        _model = model;
        _design = design;
        _parameters = parameters;
        _threads = Math.Max(0, threads);

        // The worker asked for the block size is the first one kept (a model's worker may hold a whole simulation).
        var first = model.CreateWorker();
        _block = Math.Max(1, first.BlockSize);
        _workers.Add((first, new double[_block * parameters.Count]));
    }

    /// <summary>A batch sized for this model.</summary>
    public RunBatch NewBatch(int capacity) => new(capacity, _model.Outcomes.Count, _model.Years.Count * _model.YearlyIndicators.Count);

    /// <summary>Runs the first <c>batch.Count</c> rows listed in <c>batch.Runs</c> and writes their outcomes into the batch.</summary>
    public void Fill(RunBatch batch, CancellationToken cancel = default)
    {
        int d = _parameters.Count;
        int nOut = batch.OutcomesPerRun;
        int nYear = batch.YearlyPerRun;
        // Each block writes its own slice of the batch, so the blocks need no ordered hand-over.
        BlockRunner.Run(
            0,
            batch.Count,
            _block,
            _threads,
            () => _workers.TryTake(out var w) ? w : (Worker: _model.CreateWorker(), Values: new double[_block * d]),
            (w, from, size) =>
            {
                int first = (int)from;
                for (int k = 0; k < size; k++)
                {
                    ExperimentRunner.Values(_design, _parameters, batch.Runs[first + k], w.Values.AsSpan(k * d, d));
                }

                w.Worker.Run(batch.Runs.AsSpan(first, size), w.Values.AsSpan(0, size * d),
                    batch.Outcomes.AsSpan(first * nOut, size * nOut), batch.Yearly.AsSpan(first * nYear, size * nYear));
            },
            _workers.Add,
            cancel);
    }
}

/// <summary>What an execution of an experiment did (how many of its design rows ran), not a run's results.</summary>
/// <param name="Total">Runs in the design.</param>
/// <param name="Skipped">Runs found already stored and skipped.</param>
/// <param name="Executed">Runs executed now.</param>
public sealed record ExperimentSummary(int Total, int Skipped, int Executed);

/// <summary>
/// Runs every row of a design through a model in parallel (the engine's <see cref="BlockRunner"/>) and hands finished runs
/// to a sink in batches. Rows already in the sink are skipped, so running the same experiment again resumes where it stopped.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Maps a design row to parameter values through each parameter's quantile function.</summary>
    public static void Values(Design design, IReadOnlyList<ExplorationParameter> parameters, int row, Span<double> into)
    {
        var point = design.Row(row);
        for (int d = 0; d < parameters.Count; d++)
        {
            into[d] = parameters[d].Quantile(point[d]);
        }
    }

    /// <summary>Executes the design.</summary>
    public static ExperimentSummary Run(IExperimentModel model, Design design, IReadOnlyList<ExplorationParameter> parameters, IRunSink sink,
        RunOptions? options = null, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancel = default)
    {
        options ??= new RunOptions();
        var done = sink.CompletedRuns();
        var rows = options.Rows is { } range ? Enumerable.Range(range.First, range.Count) : Enumerable.Range(0, design.Rows);
        if (options.Rows is { } slice && (slice.First < 0 || slice.End > design.Rows))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the range lies outside the design");
        }

        var pending = rows.Where(r => !done.Contains(r)).ToArray();
        var computer = new BatchComputer(model, design, parameters, options.Threads);
        int batchSize = Math.Max(1, options.BatchSize ?? sink.PreferredBatchSize);
        // Two batches: the sink stores one on a background thread while the workers fill the other, so the store's cost
        // overlaps the model's instead of adding to it. Batches still reach the sink one at a time and in design order.
        int capacity = Math.Max(1, Math.Min(batchSize, pending.Length));
        var batches = new[] { computer.NewBatch(capacity), computer.NewBatch(capacity) };
        int stored = done.Count;
        Task? storing = null;
        int storingCount = 0;

        // Waits for the batch being stored (its failure surfaces here) and reports it.
        void AwaitStored()
        {
            if (storing is null)
            {
                return;
            }

            var task = storing;
            storing = null;
            task.GetAwaiter().GetResult();
            stored += storingCount;
            progress?.Report((stored, design.Rows));
        }

        try
        {
            for (int start = 0, turn = 0; start < pending.Length; start += batchSize, turn ^= 1)
            {
                cancel.ThrowIfCancellationRequested();
                var batch = batches[turn];
                int count = Math.Min(batchSize, pending.Length - start);
                batch.Count = count;
                pending.AsSpan(start, count).CopyTo(batch.Runs);
                computer.Fill(batch, cancel);

                AwaitStored();
                storingCount = count;
                storing = Task.Run(() => sink.Write(batch), CancellationToken.None);
            }

            AwaitStored();
        }
        finally
        {
            // On failure or cancellation the batch already handed over still commits whole (or not at all) before we
            // leave, so its buffer is never reused or abandoned while the store reads it.
            if (storing is not null)
            {
                try
                {
                    storing.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // The exception that brought us here is the one to report.
                }
            }
        }

        return new ExperimentSummary(options.Rows?.Count ?? design.Rows, (options.Rows?.Count ?? design.Rows) - pending.Length, pending.Length);
    }
}
