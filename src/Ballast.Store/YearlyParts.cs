using System.Globalization;
using System.IO.Hashing;
using Ballast.Exploration.Experiments;
using Parquet;
using Parquet.Schema;

namespace Ballast.Store;

/// <summary>One Parquet file of a store's yearly rows, as its table <c>yearly_parts</c> lists it.</summary>
/// <param name="Number">Part number (the file is <c>yearly-NNNNNN.parquet</c>).</param>
/// <param name="Runs">Runs whose rows it holds.</param>
/// <param name="Rows">Rows (runs × years).</param>
/// <param name="Bytes">File size.</param>
/// <param name="Hash">XXH3 64-bit hash of the whole file, checked by <see cref="ResultStore.Check()"/>.</param>
internal readonly record struct YearlyPart(int Number, int Runs, long Rows, long Bytes, ulong Hash)
{
    /// <summary>The file's name inside the parts folder.</summary>
    public string File => YearlyParts.FileName(Number);
}

/// <summary>
/// The yearly rows of a results store (<c>outcomes_yearly</c>): one Parquet file per committed batch in a folder beside the
/// database file (<c>results.duckdb.parts/</c>), listed in the table <c>yearly_parts</c> and read through the view
/// <c>outcomes_yearly</c> over the folder's <c>yearly-*.parquet</c> files.
/// </summary>
/// <remarks>
/// Why not a DuckDB table: appending ~110 values a run through DuckDB's appender cost about 5 µs of CPU a run (its
/// row-by-row statistics, the appender's staging copy, the compression analysis of each row group) — as much as the
/// model itself; Parquet.Net writes the same rows, Snappy-compressed, in well under 1 µs (docs/performance.md).
/// A part is written as <c>yearly-NNNNNN.parquet.partial</c> (which the view's pattern does not match) and flushed to
/// disk; the transaction that lists it commits with its runs' outcomes; only then is it renamed to its name. A process
/// killed before the commit leaves a temporary file the next writer deletes; one killed between the commit and the
/// rename leaves the listed part under its temporary name, which the next connection renames once its size and hash
/// match the listing (<see cref="Publish"/>). The view reads a pattern, not a list of files, so that a commit costs the
/// same with ten parts or ten thousand (small <c>--batch-size</c>s make many).
/// </remarks>
internal sealed class YearlyParts
{
    /// <summary>The table listing the parts.</summary>
    public const string Table = "yearly_parts";

    /// <summary>Snappy: a part is written as fast as it is transposed; Parquet.Net's Zstandard took seconds per part (RunSummaryParquet).</summary>
    private static readonly ParquetOptions Options = new() { CompressionMethod = CompressionMethod.Snappy };

    private readonly string _storePath;
    private readonly int[] _years;
    private readonly ParquetSchema _schema;
    private readonly DataField[] _fields;
    private int[] _run = [];
    private int[] _year = [];
    private readonly double[][] _columns;
    private int[] _levels = [];
    private int[] _present = [];

    /// <summary>Prepares to write parts of <paramref name="indicators"/> for <paramref name="years"/> into the parts folder of <paramref name="storePath"/>.</summary>
    public YearlyParts(string storePath, IReadOnlyList<int> years, IReadOnlyList<string> indicators)
    {
        _storePath = storePath;
        _years = [.. years];
        _fields = [new DataField<int>("run"), new DataField<int>("year"), .. indicators.Select(i => (DataField)new DataField<double?>(i))];
        _schema = new ParquetSchema(_fields);
        _columns = new double[indicators.Count][];
    }

    /// <summary>The parts folder of the store at <paramref name="storePath"/>: its file name with <c>.parts</c> appended, beside it.</summary>
    public static string FolderOf(string storePath) => Path.GetFullPath(storePath) + ".parts";

    /// <summary>The name of part <paramref name="number"/> inside the folder.</summary>
    public static string FileName(int number) => string.Create(CultureInfo.InvariantCulture, $"yearly-{number:D6}.parquet");

    /// <summary>Where part <paramref name="number"/> is written before its listing commits (a name the view's pattern does not match).</summary>
    public static string TemporaryPath(string storePath, int number) => Path.Combine(FolderOf(storePath), FileName(number)) + ".partial";

    /// <summary>
    /// The view <c>outcomes_yearly</c> once a part exists: the parts folder's <c>yearly-*.parquet</c>, named relative to the
    /// store's folder (each connection sets DuckDB's <c>file_search_path</c> to it, so a store moved with its parts folder
    /// still reads).
    /// </summary>
    public static string PartsView(string storePath) =>
        $"SELECT * FROM read_parquet('{Path.GetFileName(FolderOf(storePath)).Replace("'", "''", StringComparison.Ordinal)}/yearly-*.parquet')";

    /// <summary>The view before the first part (a pattern matching nothing is an error): an empty relation with the columns' names and types.</summary>
    public static string EmptyView(IReadOnlyList<string> indicators) =>
        "SELECT CAST(NULL AS INTEGER) AS run, CAST(NULL AS INTEGER) AS year"
        + string.Concat(indicators.Select(i => $", CAST(NULL AS DOUBLE) AS {ResultStore.Quote(i)}")) + " WHERE false";

    /// <summary>Whether a view definition DuckDB reports names the parts folder of <paramref name="storePath"/> (false after the store was renamed).</summary>
    public static bool NamesFolderOf(string viewSql, string storePath) =>
        viewSql.Contains("'" + Path.GetFileName(FolderOf(storePath)).Replace("'", "''", StringComparison.Ordinal) + "/", StringComparison.Ordinal);

    /// <summary>Empties the parts folder of a store being created (parts left by a store of the same name deleted before).</summary>
    public static void Reset(string storePath)
    {
        var folder = FolderOf(storePath);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
    }

    /// <summary>
    /// Deletes the temporary part files the store does not list (a batch whose transaction never committed). Called by
    /// the one writer only, before it writes, after <see cref="Publish"/>.
    /// </summary>
    public static void RemoveTemporary(string storePath)
    {
        var folder = FolderOf(storePath);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(folder, "yearly-*.partial"))
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Renames a committed part from its temporary name to its name: right after its commit, or at the next connection
    /// when the process was killed in between (then only if the temporary file's size and hash are the listing's; a part
    /// left as it is, the check names it).
    /// </summary>
    public static void Publish(string storePath, YearlyPart part, bool verify)
    {
        var final = Path.Combine(FolderOf(storePath), part.File);
        var temp = TemporaryPath(storePath, part.Number);
        if (!File.Exists(final) && File.Exists(temp) && !(verify && Mismatch(File.ReadAllBytes(temp), part) is not null))
        {
            File.Move(temp, final);
        }
    }

    /// <summary>
    /// The listing of part <paramref name="number"/>, written by another writer (DuckDB's COPY, for a merge) under its
    /// temporary name: its size and hash, the file flushed to disk.
    /// </summary>
    public static YearlyPart Listing(string storePath, int number, int runs, long rows)
    {
        byte[] bytes;
        using (var file = new FileStream(TemporaryPath(storePath, number), FileMode.Open, FileAccess.ReadWrite))
        {
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            file.Flush(flushToDisk: true);
        }

        return new YearlyPart(number, runs, rows, bytes.LongLength, XxHash3.HashToUInt64(bytes));
    }

    /// <summary>
    /// What is wrong with the parts folder against the listing (a listed part missing, of another size or hash; a
    /// <c>yearly-*.parquet</c> the store does not list, which the view would read), or null when it matches.
    /// </summary>
    public static string? Problem(string storePath, IReadOnlyList<YearlyPart> listed)
    {
        var folder = FolderOf(storePath);
        var names = listed.Select(p => p.File).ToHashSet(StringComparer.Ordinal);
        if (Directory.Exists(folder) && Directory.EnumerateFiles(folder, "yearly-*.parquet").Select(Path.GetFileName).Order(StringComparer.Ordinal)
                .FirstOrDefault(f => !names.Contains(f!)) is { } stranger)
        {
            return $"its parts folder {Path.GetFileName(folder)} holds {stranger}, which the store does not list";
        }

        foreach (var part in listed)
        {
            var file = Path.Combine(folder, part.File);
            if (!File.Exists(file))
            {
                return $"its part {part.File} is missing from {Path.GetFileName(folder)}";
            }

            if (Mismatch(File.ReadAllBytes(file), part) is { } wrong)
            {
                return wrong;
            }
        }

        return null;
    }

    private static string? Mismatch(byte[] bytes, YearlyPart part) =>
        bytes.LongLength != part.Bytes ? $"its part {part.File} has {bytes.LongLength} bytes, listed with {part.Bytes}"
        : XxHash3.HashToUInt64(bytes) != part.Hash ? $"its part {part.File} does not match its checksum"
        : null;

    /// <summary>
    /// Writes the yearly rows of <paramref name="batch"/> (run-major, then year; NaN as null) as part
    /// <paramref name="number"/> under its temporary name, flushed to disk. Returns what the store lists for it; once
    /// that is committed, <see cref="Publish"/> renames it.
    /// </summary>
    public YearlyPart Write(int number, RunBatch batch)
    {
        int years = _years.Length;
        int indicators = _columns.Length;
        if (batch.YearlyPerRun != years * indicators)
        {
            throw new ArgumentException($"a run has {batch.YearlyPerRun} yearly values; the store holds {years} years of {indicators} indicators", nameof(batch));
        }

        int rows = batch.Count * years;
        Reserve(rows);

        // One pass over the batch (run-major, indicators innermost) into one column per indicator.
        var yearly = batch.Yearly;
        for (int k = 0, r = 0; k < batch.Count; k++)
        {
            int run = batch.Runs[k];
            for (int y = 0; y < years; y++, r++)
            {
                _run[r] = run;
                _year[r] = _years[y];
                int off = (k * batch.YearlyPerRun) + (y * indicators);
                for (int i = 0; i < indicators; i++)
                {
                    _columns[i][r] = yearly[off + i];
                }
            }
        }

        ulong hash;
        long bytes;
        using (var file = new FileStream(TemporaryPath(_storePath, number), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var hashing = new HashingStream(file);
            var writer = ParquetWriter.CreateAsync(_schema, hashing, Options).GetAwaiter().GetResult();
            try
            {
                using var group = writer.CreateRowGroup();
                group.WriteAsync<int>(_fields[0], _run.AsMemory(0, rows)).GetAwaiter().GetResult();
                group.WriteAsync<int>(_fields[1], _year.AsMemory(0, rows)).GetAwaiter().GetResult();
                for (int i = 0; i < indicators; i++)
                {
                    WriteIndicator(group, _fields[2 + i], _columns[i], rows);
                }
            }
            finally
            {
                writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            hashing.Flush();
            file.Flush(flushToDisk: true);
            (hash, bytes) = (hashing.Hash, hashing.Written);
        }

        return new YearlyPart(number, batch.Count, rows, bytes, hash);
    }

    /// <summary>An indicator's column: its values as they are when none is missing, else the present ones and a definition level per row.</summary>
    private void WriteIndicator(ParquetRowGroupWriter group, DataField field, double[] column, int rows)
    {
        // The model's yearly indicators are rarely missing: a column without NaN is handed over as it is.
        int present = 0;
        if (!ContainsNaN(column.AsSpan(0, rows)))
        {
            present = rows;
        }
        else
        {
            Compact(column, rows, ref present);
        }

        var levels = present == rows ? _present.AsMemory(0, rows) : _levels.AsMemory(0, rows);
        group.WriteAllPartsAsync<double>(field, column.AsMemory(0, present), levels, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Whether any value is NaN (the only value not equal to itself), a vector at a time.</summary>
    private static bool ContainsNaN(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var all = System.Numerics.Vector<long>.AllBitsSet;
            for (; i + System.Numerics.Vector<double>.Count <= values.Length; i += System.Numerics.Vector<double>.Count)
            {
                var v = new System.Numerics.Vector<double>(values[i..]);
                all &= System.Numerics.Vector.Equals(v, v);
            }

            if (!System.Numerics.Vector.EqualsAll(all, System.Numerics.Vector<long>.AllBitsSet))
            {
                return true;
            }
        }

        for (; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves the present values to the front and writes each row's definition level (1 present, 0 null).</summary>
    private void Compact(double[] column, int rows, ref int present)
    {
        for (int r = 0; r < rows; r++)
        {
            double v = column[r];
            bool has = !double.IsNaN(v);
            _levels[r] = has ? 1 : 0;
            column[present] = v; // compacting in place: present ≤ r, so no value not yet read is overwritten
            present += has ? 1 : 0;
        }
    }

    private void Reserve(int rows)
    {
        if (_run.Length >= rows)
        {
            return;
        }

        _run = new int[rows];
        _year = new int[rows];
        _levels = new int[rows];
        _present = new int[rows];
        Array.Fill(_present, 1);
        for (int i = 0; i < _columns.Length; i++)
        {
            _columns[i] = new double[rows];
        }
    }

    /// <summary>Passes writes through to a file while hashing them, so a part is hashed without being read back.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly XxHash3 _hash = new();

        public ulong Hash => _hash.GetCurrentHashAsUInt64();

        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position
        {
            get => Written;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.Append(buffer);
            inner.Write(buffer);
            Written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
