using Ballast.Core.Model;
using Parquet;
using Parquet.Schema;

namespace Ballast.Runs;

/// <summary>
/// Streams per-run summary rows to a Parquet file (the columns of <c>runs.csv</c>, Snappy-compressed: Parquet.Net's Zstandard took seconds per row group), one row group of
/// <see cref="RowGroupRuns"/> runs at a time, so a large ensemble is written in a fraction of the CSV's bytes and time
/// without holding more than two row groups in memory (one filling while the previous one is written in the background). Empty CSV cells (no event, a non-finite value) are nulls.
/// </summary>
public sealed class RunSummaryParquet : IRunRowWriter, IDisposable
{
    /// <summary>Runs per row group (about 25 MB of column buffers for 16 actors; two are kept).</summary>
    public const int RowGroupRuns = 16_384;

    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly ColumnKind[] _kinds;
    private readonly int _actors;
    private readonly int _targets;
    private Columns _filling;     // the row group being filled by Write
    private Columns _spare;       // the other one: free, or being written by the background flush
    private Task? _flushing;      // the background flush of the last full row group, if any
    private bool _disposed;
    private bool _failed; // a write threw: the file is abandoned (the runner deletes it), no footer is written

    private enum ColumnKind
    {
        RunIndex,
        StancePath,
        Number,
        State,
        Year,
    }

    /// <summary>Creates the file and its schema (the column names of <see cref="RunSummaryCsv.Header"/>).</summary>
    public RunSummaryParquet(string path, IReadOnlyList<string> codes, IReadOnlyList<double> targetsPercent)
    {
        _actors = codes.Count;
        _targets = targetsPercent.Count;
        var names = RunSummaryCsv.Header(codes, targetsPercent).ToArray();
        int perActor = 9 + _targets;
        _kinds = new ColumnKind[names.Length];
        for (int c = 0; c < names.Length; c++)
        {
            int k = c < 4 ? -1 : (c - 4) % perActor; // the column's place within its actor's group
            _kinds[c] = c switch
            {
                0 => ColumnKind.RunIndex,
                1 => ColumnKind.StancePath,
                2 => ColumnKind.Year,
                3 => ColumnKind.Number,
                _ when k < 5 => ColumnKind.Number,
                _ when k == 5 => ColumnKind.State,
                _ => ColumnKind.Year,
            };
        }

        _fields = [.. names.Select((name, c) => _kinds[c] switch
        {
            ColumnKind.RunIndex => new DataField<long>(name),
            ColumnKind.StancePath => new DataField<int>(name),
            ColumnKind.Number => new DataField<double?>(name),
            ColumnKind.State => (DataField)new DataField<string>(name),
            _ => new DataField<int?>(name),
        })];

        _filling = new Columns(_actors, _targets);
        _spare = new Columns(_actors, _targets);
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), _stream, options).GetAwaiter().GetResult();
    }

    /// <summary>Nothing to prepare: the block's columns are copied into the row group's as they are written.</summary>
    public object Prepare(RunBlockSummary block) => block;

    /// <summary>
    /// Copies a block of rows into the column buffers; a full row group is encoded, compressed and written on a background
    /// thread while the next fills, so the thread handing blocks over (and the workers waiting on it) go on simulating.
    /// </summary>
    public void Write(object prepared)
    {
        var s = (RunBlockSummary)prepared;
        int stride = s.Capacity;
        for (int lane = 0; lane < s.Count; lane++)
        {
            var c = _filling;
            int r = c.Count;
            c.RunIndex[r] = s.RunIndex[lane];
            c.StancePath[r] = s.StancePath[lane];
            c.Years[0][r] = s.CrossoverYear[lane];
            c.Numbers[0][r] = Finite(s.FinalBalance[lane]);
            for (int i = 0; i < _actors; i++)
            {
                int at = (i * stride) + lane;
                int n = 1 + (5 * i);
                c.Numbers[n][r] = Finite(s.FinalShare[at]);
                c.Numbers[n + 1][r] = Finite(s.FinalCredibility[at]);
                c.Numbers[n + 2][r] = Finite(s.FinalAlignment[at]);
                c.Numbers[n + 3][r] = Finite(s.FinalDuplication[at]);
                c.Numbers[n + 4][r] = Finite(s.FinalHedging[at]);
                c.States[i][r] = StateName(s.State[at]);
                int y = 1 + ((3 + _targets) * i);
                c.Years[y][r] = s.RealignmentYear[at];
                c.Years[y + 1][r] = s.HedgingCrossedYear[at];
                c.Years[y + 2][r] = s.ThreatExecutedYear[at];
                for (int k = 0; k < _targets; k++)
                {
                    c.Years[y + 3 + k][r] = s.TargetMetYear[(((k * _actors) + i) * stride) + lane];
                }
            }

            if (++c.Count == RowGroupRuns)
            {
                StartFlush();
            }
        }
    }

    /// <summary>Writes the last row group and the file footer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_failed)
            {
                StartFlush();
                WaitForFlush();
                _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            _stream.Dispose();
        }
    }

    /// <summary>Hands the full row group to a background flush (after the previous one is done) and fills the other.</summary>
    private void StartFlush()
    {
        WaitForFlush();
        if (_filling.Count == 0)
        {
            return;
        }

        var full = _filling;
        (_filling, _spare) = (_spare, full);
        _flushing = Task.Run(() => Flush(full));
    }

    /// <summary>Waits for the background flush; its failure abandons the file and is rethrown here.</summary>
    private void WaitForFlush()
    {
        if (_flushing is not { } task)
        {
            return;
        }

        _flushing = null;
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    private void Flush(Columns c)
    {
        int n = c.Count;
        using (var group = _writer.CreateRowGroup())
        {
            int num = 0;
            int year = 0;
            int state = 0;
            for (int k = 0; k < _fields.Length; k++)
            {
                var f = _fields[k];
                var task = _kinds[k] switch
                {
                    ColumnKind.RunIndex => group.WriteAsync<long>(f, c.RunIndex.AsMemory(0, n)),
                    ColumnKind.StancePath => group.WriteAsync<int>(f, c.StancePath.AsMemory(0, n)),
                    ColumnKind.Number => group.WriteAsync<double>(f, c.Numbers[num++].AsMemory(0, n)),
                    ColumnKind.State => group.WriteAsync(f, new ArraySegment<string>(c.States[state++], 0, n)),
                    _ => group.WriteAsync<int>(f, c.Years[year++].AsMemory(0, n)),
                };
                task.GetAwaiter().GetResult();
            }
        }

        c.Count = 0;
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    // The CSV's spelling of each state, made once (the enum's values are 0, 1, 2 …).
    private static readonly string[] StateNames = [.. Enum.GetNames<AlignmentState>().Select(n => n.ToLowerInvariant())];

    private static string StateName(AlignmentState s) => StateNames[(int)s];

    /// <summary>The column buffers of one row group.</summary>
    private sealed class Columns(int actors, int targets)
    {
        public long[] RunIndex { get; } = new long[RowGroupRuns];

        public int[] StancePath { get; } = new int[RowGroupRuns];

        /// <summary>final_balance, then per actor its five horizon values.</summary>
        public double?[][] Numbers { get; } = [.. Enumerable.Range(0, 1 + (5 * actors)).Select(_ => new double?[RowGroupRuns])];

        /// <summary>crossover_year, then per actor its event years and target years.</summary>
        public int?[][] Years { get; } = [.. Enumerable.Range(0, 1 + ((3 + targets) * actors)).Select(_ => new int?[RowGroupRuns])];

        /// <summary>Per actor.</summary>
        public string[][] States { get; } = [.. Enumerable.Range(0, actors).Select(_ => new string[RowGroupRuns])];

        public int Count { get; set; }
    }
}
