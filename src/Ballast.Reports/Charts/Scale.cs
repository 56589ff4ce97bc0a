namespace Ballast.Reports.Charts;

/// <summary>
/// A linear map from data values to pixels, with "nice" tick values (1, 2, 2.5, 5 × 10^k): maps
/// [<paramref name="min"/>, <paramref name="max"/>] to [<paramref name="from"/>, <paramref name="to"/>] pixels.
/// </summary>
/// <param name="min">Lowest data value.</param>
/// <param name="max">Highest data value; an empty or inverted domain is widened above <paramref name="min"/>.</param>
/// <param name="from">Pixel of <paramref name="min"/>.</param>
/// <param name="to">Pixel of <paramref name="max"/>.</param>
public sealed class Scale(double min, double max, double from, double to)
{
    /// <summary>Lowest data value.</summary>
    public double Min { get; } = min;

    /// <summary>Highest data value.</summary>
    public double Max { get; } = max > min ? max : min + (min == 0 ? 1 : Math.Abs(min) * 0.1);

    /// <summary>Pixel of <see cref="Min"/>.</summary>
    public double From { get; } = from;

    /// <summary>Pixel of <see cref="Max"/>.</summary>
    public double To { get; } = to;

    /// <summary>The pixel of a value.</summary>
    public double this[double v] => From + ((v - Min) / (Max - Min) * (To - From));

    /// <summary>About <paramref name="count"/> nice tick values inside the domain.</summary>
    public IReadOnlyList<double> Ticks(int count = 5)
    {
        double step = NiceStep((Max - Min) / Math.Max(1, count));
        var ticks = new List<double>();
        for (double t = Math.Ceiling((Min / step) - 1e-9) * step; t <= Max + (step * 1e-9); t += step)
        {
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }

        return ticks;
    }

    /// <summary>A nice step at or above <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw)
    {
        if (!(raw > 0) || double.IsInfinity(raw))
        {
            return 1;
        }

        double mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / mag;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * mag;
    }

    /// <summary>Domain [lo, hi] widened to nice step boundaries (used so axes start and end on a tick).</summary>
    public static (double Lo, double Hi) NiceDomain(double lo, double hi, int count = 5)
    {
        if (!(hi > lo))
        {
            hi = lo + (lo == 0 ? 1 : Math.Abs(lo) * 0.1);
        }

        double step = NiceStep((hi - lo) / count);
        return (Math.Floor((lo / step) + 1e-9) * step, Math.Ceiling((hi / step) - 1e-9) * step);
    }
}
