namespace Ballast.Exploration.Search;

/// <summary>
/// Hypervolume of a set of points (all objectives minimised): the volume of objective space they dominate up to a
/// reference point (Zitzler and Thiele 1998). Exact: a sweep in two dimensions, slicing along the last objective above
/// that (While, Hingston, Barone and Huband 2006, "A faster algorithm for calculating hypervolume", IEEE TEC 10(1)),
/// which is fast enough for the few hundred points of a search archive in 3–5 objectives.
/// </summary>
public static class Hypervolumes
{
    /// <summary>The hypervolume of <paramref name="points"/> against <paramref name="reference"/>; points not strictly
    /// better than the reference in every objective contribute nothing.</summary>
    public static double Of(IReadOnlyList<double[]> points, double[] reference)
    {
        var inside = points.Where(p => p.Length == reference.Length && p.Select((v, k) => v < reference[k]).All(b => b)).ToList();
        return inside.Count == 0 ? 0 : Slice(inside, reference, reference.Length);
    }

    private static double Slice(List<double[]> points, double[] reference, int d)
    {
        if (d == 1)
        {
            return reference[0] - points.Min(p => p[0]);
        }

        if (d == 2)
        {
            return Strips([.. points.OrderBy(p => p[0]).ThenBy(p => p[1])], reference);
        }

        // Slices along the last objective: between consecutive values, the points at or below the slice dominate a
        // (d−1)-dimensional region of constant hypervolume.
        int last = d - 1;
        var byLast = points.OrderBy(p => p[last]).ToList();
        double volume = 0;
        var active = new List<double[]>();
        for (int i = 0; i < byLast.Count; i++)
        {
            active.Add(byLast[i]);
            double top = i + 1 < byLast.Count ? byLast[i + 1][last] : reference[last];
            double depth = top - byLast[i][last];
            if (depth > 0)
            {
                volume += depth * Slice(active, reference, last);
            }
        }

        return volume;
    }

    /// <summary>Two-dimensional hypervolume of points sorted by the first objective: a staircase of rectangles.</summary>
    private static double Strips(List<double[]> sorted, double[] reference)
    {
        double area = 0;
        double best = reference[1];
        for (int i = 0; i < sorted.Count; i++)
        {
            if (sorted[i][1] >= best)
            {
                continue; // dominated in the plane by an earlier point
            }

            // The strip between this point's second objective and the best so far is covered from its first objective on.
            area += (reference[0] - sorted[i][0]) * (best - sorted[i][1]);
            best = sorted[i][1];
        }

        return area;
    }
}
