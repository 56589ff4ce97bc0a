using Ballast.Core.Model;
using Parquet;
using Parquet.Schema;

namespace Ballast.Runs;

/// <summary>
/// Streams per-run summary rows to a Parquet file (the columns of <c>runs.csv</c>, Snappy-compressed: Parquet.Net's Zstandard took seconds per row group), one row group of
/// <see cref="RowGroupRuns"/> runs at a time, so a large ensemble is written in a fraction of the CSV's bytes and time
/// without holding more than one row group in memory. Empty CSV cells (no event, a non-finite value) are nulls.
/// </summary>
public sealed class RunSummaryParquet : IRunRowWriter, IDisposable
{
    /// <summary>Runs per row group (about 25 MB of column buffers for 16 actors).</summary>
    public const int RowGroupRuns = 16_384;

    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly ColumnKind[] _kinds;
    private readonly int _actors;
    private readonly int _targets;
    private readonly long[] _runIndex = new long[RowGroupRuns];
    private readonly int[] _stancePath = new int[RowGroupRuns];
    private readonly double?[][] _numbers;  // final_balance, then per actor its five horizon values
    private readonly int?[][] _years;       // crossover_year, then per actor its event years and target years
    private readonly string[][] _states;    // per actor
    private int _count;
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

        _numbers = [.. Enumerable.Range(0, 1 + (5 * _actors)).Select(_ => new double?[RowGroupRuns])];
        _years = [.. Enumerable.Range(0, 1 + ((3 + _targets) * _actors)).Select(_ => new int?[RowGroupRuns])];
        _states = [.. Enumerable.Range(0, _actors).Select(_ => new string[RowGroupRuns])];
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), _stream, options).GetAwaiter().GetResult();
    }

    /// <summary>Nothing to prepare: the rows are copied into the column buffers as they are written.</summary>
    public object Prepare(IReadOnlyList<RunSummary> runs) => runs;

    /// <summary>Copies a block of rows into the column buffers, writing a row group whenever they are full.</summary>
    public void Write(object prepared)
    {
        foreach (var s in (IReadOnlyList<RunSummary>)prepared)
        {
            int r = _count;
            _runIndex[r] = s.RunIndex;
            _stancePath[r] = s.StancePath;
            _years[0][r] = s.CrossoverYear;
            _numbers[0][r] = Finite(s.FinalBalance);
            for (int i = 0; i < _actors; i++)
            {
                int n = 1 + (5 * i);
                _numbers[n][r] = Finite(s.FinalShare[i]);
                _numbers[n + 1][r] = Finite(s.FinalCredibility[i]);
                _numbers[n + 2][r] = Finite(s.FinalAlignment[i]);
                _numbers[n + 3][r] = Finite(s.FinalDuplication[i]);
                _numbers[n + 4][r] = Finite(s.FinalHedging[i]);
                _states[i][r] = StateName(s.State[i]);
                int y = 1 + ((3 + _targets) * i);
                _years[y][r] = s.RealignmentYear[i];
                _years[y + 1][r] = s.HedgingCrossedYear[i];
                _years[y + 2][r] = s.ThreatExecutedYear[i];
                for (int k = 0; k < _targets; k++)
                {
                    _years[y + 3 + k][r] = s.TargetMetYear[k][i];
                }
            }

            if (++_count == RowGroupRuns)
            {
                FlushOrAbandon();
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
                FlushOrAbandon();
                _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            _stream.Dispose();
        }
    }

    private void FlushOrAbandon()
    {
        try
        {
            Flush();
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    private void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        int n = _count;
        using (var group = _writer.CreateRowGroup())
        {
            int num = 0;
            int year = 0;
            int state = 0;
            for (int c = 0; c < _fields.Length; c++)
            {
                var f = _fields[c];
                var task = _kinds[c] switch
                {
                    ColumnKind.RunIndex => group.WriteAsync<long>(f, _runIndex.AsMemory(0, n)),
                    ColumnKind.StancePath => group.WriteAsync<int>(f, _stancePath.AsMemory(0, n)),
                    ColumnKind.Number => group.WriteAsync<double>(f, _numbers[num++].AsMemory(0, n)),
                    ColumnKind.State => group.WriteAsync(f, new ArraySegment<string>(_states[state++], 0, n)),
                    _ => group.WriteAsync<int>(f, _years[year++].AsMemory(0, n)),
                };
                task.GetAwaiter().GetResult();
            }
        }

        _count = 0;
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    // The CSV's spelling of each state, made once (the enum's values are 0, 1, 2 …).
    private static readonly string[] StateNames = [.. Enum.GetNames<AlignmentState>().Select(n => n.ToLowerInvariant())];

    private static string StateName(AlignmentState s) => StateNames[(int)s];
}
