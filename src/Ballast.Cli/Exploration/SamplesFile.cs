using System.Globalization;
using Ballast.Core;

namespace Ballast.Cli.Exploration;

/// <summary>
/// Samples produced elsewhere (e.g. SALib or the EMA Workbench), for <c>ballast sensitivity --samples FILE.csv</c>:
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
            throw new BallastInputException("file not found", file: path, field: "--samples");
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

        var header = lines[i].Split(',').Select(h => h.Trim().Trim('"')).ToList();
        int Column(string name, string field) => header.IndexOf(name) is var k && k >= 0 ? k
            : throw new BallastInputException($"column '{name}' not found; columns: {string.Join(", ", header)}", file: path, line: i + 1, field: field, value: name);
        var px = parameters.Select(p => Column(p, "--params")).ToArray();
        int py = Column(outcome, "--outcome");
        var x = new List<double>();
        var y = new List<double>();
        int rows = 0;
        for (int l = i + 1; l < lines.Length; l++)
        {
            if (string.IsNullOrWhiteSpace(lines[l]))
            {
                continue;
            }

            var cells = lines[l].Split(',');
            if (cells.Length != header.Count)
            {
                throw new BallastInputException($"{cells.Length} cells, the header has {header.Count}", file: path, line: l + 1);
            }

            double Parse(int c, string field) => double.TryParse(cells[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new BallastInputException("not a number", file: path, line: l + 1, field: field, value: cells[c]);
            foreach (var (c, k) in px.Select((c, k) => (c, k)))
            {
                x.Add(Parse(c, parameters[k]));
            }

            y.Add(Parse(py, outcome));
            rows++;
        }

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
