namespace Ballast.Runs;

/// <summary>
/// Streams per-run summary rows to a CSV as runs finish (in run-index order), so an ensemble of any size is
/// written without holding its runs in memory.
/// </summary>
public sealed class RunSummaryCsv : IRunRowWriter, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly IReadOnlyList<string> _codes;

    /// <summary>Opens the file and writes the header.</summary>
    public RunSummaryCsv(string path, IReadOnlyList<string> codes, IReadOnlyList<double> targetsPercent)
    {
        _codes = codes;
        _writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        _writer.WriteLine(string.Join(',', Header(codes, targetsPercent)));
    }

    /// <summary>The column names: run-level fields, then per actor its horizon values and event years.</summary>
    public static IEnumerable<string> Header(IReadOnlyList<string> codes, IReadOnlyList<double> targetsPercent)
    {
        yield return "run_index";
        yield return "stance_path";
        yield return "crossover_year";
        yield return "final_balance";
        foreach (var c in codes)
        {
            yield return $"share.{c}";
            yield return $"credibility.{c}";
            yield return $"alignment.{c}";
            yield return $"duplication.{c}";
            yield return $"hedging.{c}";
            yield return $"state.{c}";
            yield return $"realignment_year.{c}";
            yield return $"hedging_crossed_year.{c}";
            yield return $"threat_executed_year.{c}";
            foreach (var t in targetsPercent)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"target_{t:0.##}_met_year.{c}");
            }
        }
    }

    /// <summary>Formats a block of runs as CSV lines (thread-safe: touches no shared state).</summary>
    public object Prepare(RunBlockSummary block)
    {
        var b = new StringBuilder(block.Count * 1024);
        for (int lane = 0; lane < block.Count; lane++)
        {
            Append(b, block, lane);
        }

        return b.ToString();
    }

    /// <summary>Appends a block formatted by <see cref="Prepare"/>.</summary>
    public void Write(object prepared) => _writer.Write((string)prepared);

    private void Append(StringBuilder b, RunBlockSummary s, int lane)
    {
        int r = s.Capacity;
        b.Append(s.RunIndex[lane].ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(s.StancePath[lane].ToString(CultureInfo.InvariantCulture)).Append(',');
        Year(b, s.CrossoverYear[lane]);
        b.Append(',');
        Num(b, s.FinalBalance[lane]);
        for (var i = 0; i < _codes.Count; i++)
        {
            int at = (i * r) + lane;
            b.Append(',');
            Num(b, s.FinalShare[at]);
            b.Append(',');
            Num(b, s.FinalCredibility[at]);
            b.Append(',');
            Num(b, s.FinalAlignment[at]);
            b.Append(',');
            Num(b, s.FinalDuplication[at]);
            b.Append(',');
            Num(b, s.FinalHedging[at]);
            b.Append(',').Append(s.State[at].ToString().ToLowerInvariant()).Append(',');
            Year(b, s.RealignmentYear[at]);
            b.Append(',');
            Year(b, s.HedgingCrossedYear[at]);
            b.Append(',');
            Year(b, s.ThreatExecutedYear[at]);
            for (int k = 0; k < s.Targets; k++)
            {
                b.Append(',');
                Year(b, s.TargetMetYear[(((k * s.Actors) + i) * r) + lane]);
            }
        }

        b.Append('\n');
    }

    private static void Num(StringBuilder b, double v)
    {
        if (double.IsFinite(v))
        {
            b.Append(CultureInfo.InvariantCulture, $"{v:G6}");
        }
    }

    private static void Year(StringBuilder b, int? y)
    {
        if (y is int v)
        {
            b.Append(v);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
