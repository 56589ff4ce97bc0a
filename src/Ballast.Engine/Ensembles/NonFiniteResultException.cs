using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Ballast.Core;

namespace Ballast.Engine.Ensembles;

/// <summary>
/// A run ended with NaN or an infinity in an indicator: the parameters drove the model outside the numbers it can
/// represent, so the ensemble stops instead of reporting a result built on it. An input error (exit code 2, a 4xx
/// problem); callers that know the scenario add its name and overrides.
/// </summary>
public sealed class NonFiniteResultException : BallastInputException
{
    /// <summary>Creates the error for one indicator of one run.</summary>
    /// <param name="indicator">The indicator's name.</param>
    /// <param name="run">The run's index.</param>
    /// <param name="value">The value found (NaN or an infinity).</param>
    public NonFiniteResultException(string indicator, long run, double value)
        : base($"run {run} ended with {value.ToString(CultureInfo.InvariantCulture)} in '{indicator}': the parameters take the model outside the numbers it can compute; check the overrides against 'ballast params'")
    {
        Indicator = indicator;
        Run = run;
    }

    /// <summary>The indicator that was not finite.</summary>
    public string Indicator { get; }

    /// <summary>The run's index.</summary>
    public long Run { get; }

    /// <summary>
    /// Throws when any indicator of any of the first <paramref name="lanes"/> lanes is not finite in the final year. NaN
    /// and infinities carry forward through the yearly update, so the final year shows them at a cost of one read per
    /// indicator and lane, not a scan of every year.
    /// </summary>
    /// <param name="sim">A simulation that has run to its horizon.</param>
    /// <param name="lanes">Lanes in use.</param>
    public static void ThrowIfAny(Simulation sim, int lanes)
    {
        int last = sim.Inputs.Steps;
        if (lanes == sim.RecordStride && AllFinite(sim.Records.Slice(last * sim.Layout.Count * lanes, sim.Layout.Count * lanes)))
        {
            return; // the common case, decided a vector at a time over the final year's records (a full block has no padding lanes)
        }

        for (int ind = 0; ind < sim.Layout.Count; ind++)
        {
            var values = sim.IndicatorLanes(ind, last)[..lanes];
            for (int lane = 0; lane < values.Length; lane++)
            {
                if (!double.IsFinite(values[lane]))
                {
                    throw new NonFiniteResultException(sim.Layout.Names[ind], sim.RunIndexOf(lane), values[lane]);
                }
            }
        }
    }

    /// <summary>Whether every value is finite: v − v is 0 for finite v and NaN for NaN and the infinities.</summary>
    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
        var acc = Vector<double>.Zero;
        foreach (var v in vectors)
        {
            acc += v - v;
        }

        bool finite = Vector.EqualsAll(acc, Vector<double>.Zero);
        for (int k = vectors.Length * Vector<double>.Count; k < values.Length; k++)
        {
            finite &= double.IsFinite(values[k]);
        }

        return finite;
    }
}
