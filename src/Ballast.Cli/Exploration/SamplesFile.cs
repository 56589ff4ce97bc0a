using Ballast.Data.Csv;

namespace Ballast.Cli.Exploration;

/// <summary>
/// Samples produced elsewhere (e.g. SALib or the EMA Workbench), for <c>ballast sensitivity --samples-file FILE.csv</c>:
/// a CSV with a header row naming the columns, one row per model run in the order the design produced them, and an
/// optional first line <c># design: sobol</c> (add <c>second_order=true</c> for Saltelli designs with B_A rows) or
/// <c># design: morris</c>. Without that line the design is inferred: Morris when every consecutive row changes one
/// parameter within each block of D+1 rows, otherwise Saltelli (D+2 rows per base sample, or 2D+2 if only that divides).
/// </summary>
internal sealed record SamplesFile(string Path, string? Design, bool? SecondOrder, double[] X, double[] Y, int Rows)
{
    public static SamplesFile Load(string path, IReadOnlyList<string> parameters, string outcome)
    {
        if (!File.Exists(path))
        {
            throw new BallastInputException("file not found", file: path, field: "--samples-file");
        }

        var lines = File.ReadAllLines(path);
        string? design = null;
        bool? secondOrder = null;
        int i = 0;
        for (; i < lines.Length && lines[i].TrimStart().StartsWith('#'); i++)
        {
            var body = lines[i].TrimStart().TrimStart('#').Trim();
            if (body.StartsWith("design:", StringComparison.OrdinalIgnoreCase))
            {
                var words = body["design:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                design = words.Length > 0 ? words[0].ToLowerInvariant() : null;
                if (design is not ("sobol" or "saltelli" or "morris"))
                {
                    throw new BallastInputException($"unknown design '{design}' in the header; allowed: sobol, morris", file: path, line: i + 1, field: "design");
                }

                secondOrder = words.Skip(1).Any(w => w.Equals("second_order=true", StringComparison.OrdinalIgnoreCase)) ? true
                    : words.Skip(1).Any(w => w.Equals("second_order=false", StringComparison.OrdinalIgnoreCase)) ? false : null;
            }
        }

        if (i >= lines.Length)
        {
            throw new BallastInputException("no header row", file: path, line: i + 1);
        }

        // The comment lines become blank lines, which the CSV reader skips, so the lines it reports stay the file's.
        var t = CsvTable.Parse(path, new StringReader(string.Join('\n', lines.Select((l, k) => k < i ? string.Empty : l))));
        int Column(string name, string field) => t.Has(name) ? t.Column(name)
            : throw new BallastInputException($"column '{name}' not found; columns: {string.Join(", ", t.Header)}", file: path, line: i + 1, field: field, value: name);
        var px = parameters.Select(p => Column(p, "--params")).ToArray();
        int py = Column(outcome, "--outcome");
        var x = new List<double>();
        var y = new List<double>();
        foreach (var r in t.Records)
        {
            foreach (var c in px)
            {
                x.Add(r.RequiredNumber(c));
            }

            y.Add(r.RequiredNumber(py));
        }

        int rows = t.Records.Count;
        return new SamplesFile(path, design == "saltelli" ? "sobol" : design, secondOrder, x.ToArray(), y.ToArray(), rows);
    }

    /// <summary>The design, from the header or inferred.</summary>
    public (string Design, bool SecondOrder) Resolve(int d)
    {
        if (Design == "morris")
        {
            return ("morris", false);
        }

        if (Design == "sobol" && SecondOrder is bool so)
        {
            return ("sobol", so);
        }

        if (Design is null && LooksLikeMorris(d))
        {
            return ("morris", false);
        }

        bool first = Rows % (d + 2) == 0;
        bool second = Rows % ((2 * d) + 2) == 0;
        return (first, second) switch
        {
            (true, false) => ("sobol", false),
            (false, true) => ("sobol", true),
            (true, true) => throw new BallastInputException(
                $"{Rows} rows fit a Saltelli design both with and without second-order rows; add '# design: sobol second_order=true|false' as the first line", file: Path),
            _ => throw new BallastInputException(
                $"{Rows} rows are neither a Saltelli design for {d} parameters (a multiple of {d + 2} or {(2 * d) + 2}) nor Morris trajectories (a multiple of {d + 1})", file: Path),
        };
    }

    private bool LooksLikeMorris(int d)
    {
        if (Rows % (d + 1) != 0)
        {
            return false;
        }

        for (int r = 0; r < Rows; r++)
        {
            if (r % (d + 1) == d)
            {
                continue;
            }

            int changed = 0;
            for (int j = 0; j < d; j++)
            {
                changed += X[(r * d) + j] != X[((r + 1) * d) + j] ? 1 : 0;
            }

            if (changed != 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parameter values rescaled to [0, 1] by each column's observed range, so Morris effects are per full range.</summary>
    public double[] Normalised(int d)
    {
        var z = (double[])X.Clone();
        for (int j = 0; j < d; j++)
        {
            double lo = double.PositiveInfinity;
            double hi = double.NegativeInfinity;
            for (int r = 0; r < Rows; r++)
            {
                lo = Math.Min(lo, X[(r * d) + j]);
                hi = Math.Max(hi, X[(r * d) + j]);
            }

            for (int r = 0; r < Rows; r++)
            {
                z[(r * d) + j] = hi > lo ? (X[(r * d) + j] - lo) / (hi - lo) : 0;
            }
        }

        return z;
    }
}
