using Ballast.Core.Model;
using Parquet;
using Parquet.Schema;

namespace Ballast.Runs;

/// <summary>
/// Streams per-run summary rows to a Parquet file (the columns of <c>runs.csv</c>, Snappy-compressed: Parquet.Net's Zstandard took seconds per row group), one row group of
/// <see cref="RowGroupRuns"/> runs at a time, so a large ensemble is written in a fraction of the CSV's bytes and time
/// without holding more than two row groups in memory (one filling while the previous one is written in the background). Empty CSV cells (no event, a non-finite value) are nulls.
/// The row groups are staged compactly (no definition levels while a column has no null, event years as plain integers
/// with a null marker, states as bytes: about 16 MB written instead of 23 MB per 16,384 runs for 16 actors) and each column is expanded into what
/// Parquet.Net takes only when it is written, in buffers reused from column to column: the staged row groups are
/// written far out of the caches while the model runs, and the fewer bytes they take the less of its state they evict.
/// </summary>
public sealed class RunSummaryParquet : IRunRowWriter, IDisposable
{
    /// <summary>Runs per row group (about 32 MB of staged columns for 16 actors; two are kept): 0.96 of the CPU of groups of 16,384 for a million runs, 0.33 GB peak against 0.25.</summary>
    public const int RowGroupRuns = 32_768;

    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly ColumnKind[] _kinds;
    private readonly int _actors;
    private readonly int _targets;
    private readonly ReadOnlyMemory<char>[] _stateText = new ReadOnlyMemory<char>[RowGroupRuns]; // see StateText
    private readonly int[] _yearValues = new int[RowGroupRuns]; // a year column's present values, expanded for the writer
    private readonly int[] _yearLevels = new int[RowGroupRuns]; // … and its definition levels
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

        // States are a handful of names: dictionary-encoded, they are written as small indices instead of one UTF-8 string
        // (and its statistics) per run, which Parquet.Net does for a string column unless told (file 265 → 257 MB a million runs).
        for (int c = 0; c < _fields.Length; c++)
        {
            if (_kinds[c] == ColumnKind.State)
            {
                options.ColumnEncodingHints[_fields[c].Path.ToString()] = EncodingHint.Dictionary;
            }
        }

        _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), _stream, options).GetAwaiter().GetResult();
    }

    /// <summary>Nothing to prepare: the block's columns are copied into the row group's as they are written.</summary>
    public object Prepare(RunBlockSummary block) => block;

    /// <summary>
    /// Copies a block of rows into the column buffers, column by column (the block's columns are runs-innermost too); a full
    /// row group is encoded, compressed and written on a background thread while the next fills, so the thread handing
    /// blocks over (and the workers waiting on it) go on simulating.
    /// </summary>
    public void Write(object prepared)
    {
        var s = (RunBlockSummary)prepared;
        for (int lane = 0; lane < s.Count;)
        {
            int take = Math.Min(s.Count - lane, RowGroupRuns - _filling.Count);
            Append(_filling, s, lane, take);
            lane += take;
            if (_filling.Count == RowGroupRuns)
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

    /// <summary>Appends lanes [from, from + take) of a block to the row group being filled.</summary>
    private void Append(Columns c, RunBlockSummary s, int from, int take)
    {
        int stride = s.Capacity;
        int row = c.Count;
        s.RunIndex.AsSpan(from, take).CopyTo(c.RunIndex.AsSpan(row));
        s.StancePath.AsSpan(from, take).CopyTo(c.StancePath.AsSpan(row));
        AppendYears(c.Years[0], s.CrossoverYear.AsSpan(from, take), row);
        AppendNumbers(c.Numbers[0], s.FinalBalance.AsSpan(from, take), row);
        for (int i = 0; i < _actors; i++)
        {
            int at = (i * stride) + from;
            int n = 1 + (5 * i);
            AppendNumbers(c.Numbers[n], s.FinalShare.AsSpan(at, take), row);
            AppendNumbers(c.Numbers[n + 1], s.FinalCredibility.AsSpan(at, take), row);
            AppendNumbers(c.Numbers[n + 2], s.FinalAlignment.AsSpan(at, take), row);
            AppendNumbers(c.Numbers[n + 3], s.FinalDuplication.AsSpan(at, take), row);
            AppendNumbers(c.Numbers[n + 4], s.FinalHedging.AsSpan(at, take), row);
            var states = s.State.AsSpan(at, take);
            var staged = c.States[i].AsSpan(row, take);
            for (int j = 0; j < states.Length; j++)
            {
                staged[j] = (byte)states[j];
            }

            int y = 1 + ((3 + _targets) * i);
            AppendYears(c.Years[y], s.RealignmentYear.AsSpan(at, take), row);
            AppendYears(c.Years[y + 1], s.HedgingCrossedYear.AsSpan(at, take), row);
            AppendYears(c.Years[y + 2], s.ThreatExecutedYear.AsSpan(at, take), row);
            for (int k = 0; k < _targets; k++)
            {
                AppendYears(c.Years[y + 3 + k], s.TargetMetYear.AsSpan((((k * _actors) + i) * stride) + from, take), row);
            }
        }

        c.Count = row + take;
    }

    /// <summary>Appends numbers from <paramref name="row"/> on; a non-finite one (an empty CSV cell) is a null.</summary>
    private static void AppendNumbers(NumberColumn column, ReadOnlySpan<double> source, int row)
    {
        // Almost every block has no null: then one wide copy (the row group's buffers are far out of cache, and wide
        // stores keep more of those misses in flight than a store per value), and levels only once a null has been seen.
        bool allFinite = true;
        foreach (double v in source)
        {
            allFinite &= double.IsFinite(v);
        }

        if (allFinite)
        {
            source.CopyTo(column.Values.AsSpan(column.Present));
            if (column.HasNull)
            {
                column.Levels.AsSpan(row, source.Length).Fill(1);
            }

            column.Present += source.Length;
            return;
        }

        if (!column.HasNull)
        {
            column.HasNull = true;
            column.Levels.AsSpan(0, row).Fill(1); // every earlier row of the row group was present
        }

        var values = column.Values;
        var levels = column.Levels;
        int present = column.Present;
        for (int j = 0; j < source.Length; j++)
        {
            double v = source[j];
            int finite = double.IsFinite(v) ? 1 : 0;
            values[present] = v; // overwritten by the next value when this one is not kept
            levels[row + j] = finite;
            present += finite;
        }

        column.Present = present;
    }

    /// <summary>Appends years (null: no such event) from <paramref name="row"/> on, a null as <see cref="NoYear"/>.</summary>
    private static void AppendYears(int[] column, ReadOnlySpan<int?> source, int row)
    {
        var staged = column.AsSpan(row, source.Length);

        // Many event columns are null in a whole block: then one fill.
        bool any = false;
        foreach (int? y in source)
        {
            any |= y.HasValue;
        }

        if (!any)
        {
            staged.Fill(NoYear);
            return;
        }

        bool clash = false;
        for (int j = 0; j < source.Length; j++)
        {
            int? y = source[j];
            int year = y ?? NoYear;
            staged[j] = year;
            clash |= y.HasValue & year == NoYear;
        }

        if (clash)
        {
            throw new InvalidOperationException($"the year {NoYear} cannot be told from a missing one"); // never a model year
        }
    }

    /// <summary>
    /// A staged year column's first <paramref name="rows"/> rows as Parquet.Net takes them: the present years packed
    /// and the definition levels (the shared all-present or all-absent levels when there is no choice).
    /// </summary>
    private (ReadOnlyMemory<int> Values, ReadOnlyMemory<int> Levels) ExpandYears(int[] column, int rows)
    {
        int present = 0;
        for (int r = 0; r < rows; r++)
        {
            int y = column[r];
            int has = y != NoYear ? 1 : 0;
            _yearValues[present] = y; // overwritten by the next year when this one is missing
            _yearLevels[r] = has;
            present += has;
        }

        var levels = present == rows ? AllPresent : present == 0 ? AllAbsent : _yearLevels;
        return (_yearValues.AsMemory(0, present), levels.AsMemory(0, rows));
    }

    /// <summary>A missing year in a staged year column.</summary>
    private const int NoYear = int.MinValue;

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
                    ColumnKind.Number => c.Numbers[num++].WriteAsync(group, f, n),
                    ColumnKind.State => group.WriteAllPartsAsync<ReadOnlyMemory<char>>(f, StateText(c.States[state++], n), AllPresent.AsMemory(0, n), null, CancellationToken.None),
                    _ => WriteYears(group, f, c.Years[year++], n),
                };
                task.GetAwaiter().GetResult();
            }
        }

        c.Count = 0;
        foreach (var column in c.Numbers)
        {
            column.Present = 0;
            column.HasNull = false;
        }
    }

    /// <summary>Writes a year column (expanded into the reused buffers, which the write has finished with when it returns).</summary>
    private Task WriteYears(ParquetRowGroupWriter group, DataField field, int[] column, int rows)
    {
        var (values, levels) = ExpandYears(column, rows);
        return group.WriteAllPartsAsync<int>(field, values, levels, null, CancellationToken.None);
    }

    // The CSV's spelling of each state, made once (the enum's values are 0, 1, 2 …), as the writer takes strings: handing it
    // string objects made it convert every row group's states into a new array of nullable memories.
    private static readonly ReadOnlyMemory<char>[] StateNames = [.. Enum.GetNames<AlignmentState>().Select(n => n.ToLowerInvariant().AsMemory())];

    /// <summary>
    /// The names of a state column's first <paramref name="rows"/> states, in one buffer reused for every state column (they
    /// are written one at a time, by one flush at a time). The row groups keep the states as numbers: a name is a reference,
    /// and storing one per row into the large row-group buffers cost a write barrier and a cache miss each.
    /// </summary>
    private ReadOnlyMemory<ReadOnlyMemory<char>> StateText(byte[] states, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            _stateText[r] = StateNames[states[r]];
        }

        return _stateText.AsMemory(0, rows);
    }

    // The definition levels of a column without nulls (the state columns are nullable strings in the schema, never null;
    // number columns almost never hold one), and of a column that is all nulls (an event that did not happen in the row group).
    private static readonly int[] AllPresent = [.. Enumerable.Repeat(1, RowGroupRuns)];
    private static readonly int[] AllAbsent = new int[RowGroupRuns];

    /// <summary>The column buffers of one row group.</summary>
    private sealed class Columns(int actors, int targets)
    {
        public long[] RunIndex { get; } = new long[RowGroupRuns];

        public int[] StancePath { get; } = new int[RowGroupRuns];

        /// <summary>final_balance, then per actor its five horizon values.</summary>
        public NumberColumn[] Numbers { get; } = [.. Enumerable.Range(0, 1 + (5 * actors)).Select(_ => new NumberColumn())];

        /// <summary>crossover_year, then per actor its event years and target years; a missing year is <see cref="NoYear"/>.</summary>
        public int[][] Years { get; } = [.. Enumerable.Range(0, 1 + ((3 + targets) * actors)).Select(_ => new int[RowGroupRuns])];

        /// <summary>Per actor, the state's value (an index of <see cref="StateNames"/>).</summary>
        public byte[][] States { get; } = [.. Enumerable.Range(0, actors).Select(_ => new byte[RowGroupRuns])];

        public int Count { get; set; }
    }

    /// <summary>
    /// A number column as Parquet stores it: the present values packed, handed to the writer as they are instead of as
    /// nullables it would have to split again; a definition level per row (1 present, 0 null) only once the row group
    /// has had a null (the levels of a column without one are the shared <see cref="AllPresent"/>).
    /// </summary>
    private sealed class NumberColumn
    {
        public double[] Values { get; } = new double[RowGroupRuns];

        public int[] Levels { get; } = new int[RowGroupRuns];

        /// <summary>Values present so far in the row group.</summary>
        public int Present { get; set; }

        /// <summary>Whether the row group has had a null in this column (then <see cref="Levels"/> holds every row's level).</summary>
        public bool HasNull { get; set; }

        /// <summary>Writes the row group's <paramref name="rows"/> rows of this column.</summary>
        public Task WriteAsync(ParquetRowGroupWriter group, DataField field, int rows) =>
            group.WriteAllPartsAsync<double>(field, Values.AsMemory(0, Present), (HasNull ? Levels : AllPresent).AsMemory(0, rows), null, CancellationToken.None);
    }
}
