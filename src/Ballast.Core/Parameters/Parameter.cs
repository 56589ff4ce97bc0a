using Ballast.Core.Model;

namespace Ballast.Core.Parameters;

/// <summary>Where a parameter's value comes from.</summary>
public enum SourceKind
{
    /// <summary>Estimated from the historical panel.</summary>
    Calibrated,

    /// <summary>Taken from a cited publication or announcement.</summary>
    Cited,

    /// <summary>An assumption, with a sentence of reasoning.</summary>
    Assumption,
}

/// <summary>A probability distribution for an uncertain parameter.</summary>
/// <param name="Kind">Family.</param>
/// <param name="A">Uniform/triangular minimum; normal/log-normal mean (of the log for log-normal).</param>
/// <param name="B">Uniform maximum; triangular mode; normal/log-normal standard deviation.</param>
/// <param name="C">Triangular maximum (NaN otherwise).</param>
public sealed record Distribution(DistributionKind Kind, double A, double B, double C = double.NaN)
{
    /// <summary>Checks the distribution's own arguments; throws <see cref="BallastInputException"/> when they make no sense.</summary>
    public void Validate(string parameterName)
    {
        bool ok = Kind switch
        {
            DistributionKind.Uniform => A <= B,
            DistributionKind.Normal or DistributionKind.LogNormal => B >= 0,
            DistributionKind.Triangular => A <= B && B <= C,
            _ => false,
        };
        if (!ok || double.IsNaN(A) || double.IsNaN(B) || double.IsInfinity(A) || double.IsInfinity(B))
        {
            throw new BallastInputException(
                $"invalid {Kind} distribution ({A}, {B}, {C}) for parameter '{parameterName}'", field: parameterName);
        }
    }

    /// <summary>Draws a value from a uniform <paramref name="u"/> in (0,1) and a standard normal <paramref name="z"/>.</summary>
    public double Sample(double u, double z) => Kind switch
    {
        DistributionKind.Uniform => A + ((B - A) * u),
        DistributionKind.Normal => A + (B * z),
        DistributionKind.LogNormal => Math.Exp(A + (B * z)),
        DistributionKind.Triangular => SampleTriangular(u),
        _ => throw new InvalidOperationException(Kind.ToString()),
    };

    private double SampleTriangular(double u)
    {
        double range = C - A;
        if (range <= 0)
        {
            return A;
        }

        double f = (B - A) / range;
        return u < f
            ? A + Math.Sqrt(u * range * (B - A))
            : C - Math.Sqrt((1 - u) * range * (C - B));
    }
}

/// <summary>One entry of the parameter registry.</summary>
/// <param name="Name">Registry name (snake_case), the key used by scenarios and overrides.</param>
/// <param name="Value">Default value.</param>
/// <param name="Distribution">Default uncertainty, if the parameter is uncertain by default.</param>
/// <param name="Unit">Unit (e.g. "1/yr", "fraction", "km").</param>
/// <param name="SourceKind">Calibrated, cited or assumption.</param>
/// <param name="Source">Citation, or the sentence of reasoning for an assumption.</param>
/// <param name="Description">What the parameter does in the model.</param>
public sealed record Parameter(
    string Name,
    double Value,
    Distribution? Distribution,
    string Unit,
    SourceKind SourceKind,
    string Source,
    string Description);

/// <summary>An uncertain parameter: its registry name and the distribution each run draws from.</summary>
/// <param name="Name">Registry name.</param>
/// <param name="Distribution">Distribution.</param>
public sealed record UncertainParameter(string Name, Distribution Distribution);
