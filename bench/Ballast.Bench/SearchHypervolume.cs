using System.Globalization;
using Ballast.Data.Csv;
using Ballast.Exploration.Search;
using Ballast.Runs.Search;

namespace Ballast.Bench;

/// <summary>
/// Hypervolumes of several <c>ballast search --format csv</c> outputs (Pareto sets of the same objectives) against one
/// reference point and normalisation, so a short run can be compared with a long one (bench/search-convergence.sh).
/// </summary>
public static class SearchHypervolume
{
    /// <summary>Normalisation margin: the reference point is this far beyond the worst value of every objective.</summary>
    private const double Margin = 0.1;

    /// <summary>Prints each file's hypervolume and its ratio to the last file's; returns the process exit code.</summary>
    public static int Run(string objectives, IReadOnlyList<string> files)
    {
        var parsed = objectives.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PolicyObjective.Parse).ToList();
        // Every objective minimised, as the search sees it (maximised ones negated).
        var sets = files.Select(f => Points(f, parsed)).ToList();
        var all = sets.SelectMany(s => s).ToList();
        int d = parsed.Count;
        var ideal = Enumerable.Range(0, d).Select(k => all.Min(p => p[k])).ToArray();
        var nadir = Enumerable.Range(0, d).Select(k => all.Max(p => p[k])).ToArray();
        // Objectives on which every policy of every file agrees add nothing: a unit span keeps them out of the way.
        var span = Enumerable.Range(0, d).Select(k => nadir[k] > ideal[k] ? nadir[k] - ideal[k] : 1).ToArray();
        var reference = Enumerable.Repeat(1 + Margin, d).ToArray();
        var volumes = sets.Select(s => Hypervolumes.Of([.. s.Select(p => p.Select((v, k) => (v - ideal[k]) / span[k]).ToArray())], reference)).ToList();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"objectives (minimised; normalised over all files to [0,1], reference point {1 + Margin} in each): {string.Join("; ", parsed.Select((o, k) => $"{o.Name} from {Natural(o, ideal[k])} to {Natural(o, nadir[k])}"))}"));
        for (int i = 0; i < files.Count; i++)
        {
            Console.WriteLine(string.Create(c, $"{files[i]}: {sets[i].Count} policies, hypervolume {volumes[i]:F6}, {volumes[i] / volumes[^1]:P2} of the last file's"));
        }

        return 0;
    }

    /// <summary>A minimised value back in the objective's own direction.</summary>
    private static double Natural(PolicyObjective o, double v) => o.Maximise ? -v : v;

    private static List<double[]> Points(string file, IReadOnlyList<PolicyObjective> objectives)
    {
        var table = CsvTable.Load(file);
        var columns = objectives.Select(o => table.Column($"{o.Statistic.Name}_{o.Outcome}")).ToArray();
        return [.. table.Records.Select(r => objectives.Select((o, k) =>
        {
            double v = double.Parse(r[columns[k]], NumberStyles.Float, CultureInfo.InvariantCulture);
            return o.Maximise ? -v : v;
        }).ToArray())];
    }
}
