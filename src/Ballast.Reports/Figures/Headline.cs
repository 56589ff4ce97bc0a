namespace Ballast.Reports.Figures;

/// <summary>The headline numbers: the balance ratio at the horizon with its band, and the crossover summary.</summary>
/// <param name="HorizonYear">Last year.</param>
/// <param name="RatioP5">5th percentile of the balance ratio at the horizon.</param>
/// <param name="RatioP50">Median balance ratio at the horizon.</param>
/// <param name="RatioP95">95th percentile at the horizon.</param>
/// <param name="CrossShare">Share of runs (0–1) whose ratio falls below parity by the horizon.</param>
/// <param name="NeverShare">Share of runs that never cross.</param>
/// <param name="MedianCrossoverYear">Median crossover year among runs that cross, or null when none do.</param>
public sealed record Headline(int HorizonYear, double RatioP5, double RatioP50, double RatioP95, double CrossShare, double NeverShare, int? MedianCrossoverYear)
{
    /// <summary>Computes the headline from a model.</summary>
    public static Headline Of(ReportModel m)
    {
        var last = m.BalanceRatio.Points.Count > 0 ? m.BalanceRatio.Points[^1] : new BandPoint(m.Scenario.HorizonYear, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        int crossed = m.Crossover.CountsByYear.Sum(c => c.Count);
        int? median = null;
        if (crossed > 0)
        {
            // Lower median of the crossing runs' years.
            int half = (crossed + 1) / 2, seen = 0;
            foreach (var c in m.Crossover.CountsByYear.OrderBy(c => c.Year))
            {
                seen += c.Count;
                if (seen >= half)
                {
                    median = c.Year;
                    break;
                }
            }
        }

        double runs = Math.Max(1, m.Crossover.Runs);
        return new Headline(last.Year, last.P5, last.P50, last.P95, crossed / runs, m.Crossover.NeverShare, median);
    }
}
