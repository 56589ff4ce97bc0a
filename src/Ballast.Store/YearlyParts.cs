using System.Globalization;
using System.IO.Hashing;
using System.Text;
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
/// <c>outcomes_yearly</c>, which names exactly the listed files.
/// </summary>
/// <remarks>
/// Why not a DuckDB table: appending ~110 values a run through DuckDB's appender cost about 5 µs of CPU a run (its
/// row-by-row statistics, the appender's staging copy, the compression analysis of each row group) — as much as the
/// model itself; Parquet.Net writes the same rows, Snappy-compressed, in well under 1 µs (docs/performance.md). A part is
/// written and renamed into place before the transaction that lists it (with its runs' outcomes) commits, so a process
/// killed at any moment leaves either a listed part or an unlisted file the next writer deletes; readers see only
/// listed parts.
/// </remarks>
internal sealed class YearlyParts
{
    /// <summary>The table listing the parts.</summary>
    public const string Table = "yearly_parts";

    /// <summary>Snappy: a part is written as fast as it is transposed; Parquet.Net's Zstandard took seconds per part (RunSummaryParquet).</summary>
    private static readonly ParquetOptions Options = new() { CompressionMethod = CompressionMethod.Snappy };

    private readonly string _folder;
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
        _folder = FolderOf(storePath);
        _years = [.. years];
        _fields = [new DataField<int>("run"), new DataField<int>("year"), .. indicators.Select(i => (DataField)new DataField<double?>(i))];
        _schema = new ParquetSchema(_fields);
        _columns = new double[indicators.Count][];
    }

    /// <summary>The parts folder of the store at <paramref name="storePath"/>: its file name with <c>.parts</c> appended, beside it.</summary>
    public static string FolderOf(string storePath) => Path.GetFullPath(storePath) + ".parts";

    /// <summary>The name of part <paramref name="number"/> inside the folder.</summary>
    public static string FileName(int number) => string.Create(CultureInfo.InvariantCulture, $"yearly-{number:D6}.parquet");

    /// <summary>
    /// The body of the view <c>outcomes_yearly</c>: the listed parts, named relative to the store's folder (each connection
    /// sets DuckDB's <c>file_search_path</c> to it, so a store moved with its parts folder still reads); with no part yet,
    /// an empty relation with the columns' names and types.
    /// </summary>
    public static string ViewSql(string storePath, IReadOnlyList<YearlyPart> parts, IReadOnlyList<string> indicators)
    {
        if (parts.Count == 0)
        {
            return "SELECT CAST(NULL AS INTEGER) AS run, CAST(NULL AS INTEGER) AS year"
                + string.Concat(indicators.Select(i => $", CAST(NULL AS DOUBLE) AS {ResultStore.Quote(i)}")) + " WHERE false";
        }

        string folder = Path.GetFileName(FolderOf(storePath)).Replace("'", "''", StringComparison.Ordinal);
        var sql = new StringBuilder("SELECT * FROM read_parquet([");
        for (int p = 0; p < parts.Count; p++)
        {
            sql.Append(p == 0 ? "'" : ", '").Append(folder).Append('/').Append(parts[p].File).Append('\'');
        }

        return sql.Append("])").ToString();
    }

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
    /// Deletes the files of the parts folder that the store does not list: a part written by a process killed before its
    /// transaction committed, or a part's temporary file. Called by the one writer only, before it writes.
    /// </summary>
    public static void RemoveUnlisted(string storePath, IReadOnlyList<YearlyPart> listed)
    {
        var folder = FolderOf(storePath);
        Directory.CreateDirectory(folder);
        var keep = listed.Select(p => p.File).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "yearly-*"))
        {
            if (!keep.Contains(Path.GetFileName(file)))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>What is wrong with a listed part on disk (missing, another size, another hash), or null when it is intact.</summary>
    public static string? Problem(string storePath, YearlyPart part)
    {
        var file = Path.Combine(FolderOf(storePath), part.File);
        if (!File.Exists(file))
        {
            return $"its part {part.File} is missing from {Path.GetFileName(FolderOf(storePath))}";
        }

        var bytes = File.ReadAllBytes(file);
        return bytes.LongLength != part.Bytes ? $"its part {part.File} has {bytes.LongLength} bytes, listed with {part.Bytes}"
            : XxHash3.HashToUInt64(bytes) != part.Hash ? $"its part {part.File} does not match its checksum"
            : null;
    }

    /// <summary>
    /// Writes the yearly rows of <paramref name="batch"/> (run-major, then year; NaN as null) as part
    /// <paramref name="number"/>: into a temporary file, flushed to disk, then renamed into place. Returns what the
    /// store lists for it.
    /// </summary>
    public YearlyPart Write(int number, RunBatch batch)
    {
        int years = _years.Length;
        int indicators = _columns.Length;
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

        var final = Path.Combine(_folder, FileName(number));
        var temp = final + ".partial";
        ulong hash;
        long bytes;
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
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

        File.Move(temp, final, overwrite: true);
        return new YearlyPart(number, batch.Count, rows, bytes, hash);
    }

    /// <summary>An indicator's column: its values as they are when none is missing, else the present ones and a definition level per row.</summary>
    private void WriteIndicator(ParquetRowGroupWriter group, DataField field, double[] column, int rows)
    {
        int present = 0;
        for (int r = 0; r < rows; r++)
        {
            double v = column[r];
            bool has = !double.IsNaN(v);
            _levels[r] = has ? 1 : 0;
            column[present] = v; // compacting in place: present ≤ r, so no value not yet read is overwritten
            present += has ? 1 : 0;
        }

        var levels = present == rows ? _present.AsMemory(0, rows) : _levels.AsMemory(0, rows);
        group.WriteAllPartsAsync<double>(field, column.AsMemory(0, present), levels, null, CancellationToken.None).GetAwaiter().GetResult();
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
