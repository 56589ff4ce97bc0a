using Ballast.Core.Model;

namespace Ballast.Optimisation.Model;

/// <summary>
/// Boulding's loss-of-strength gradient as the engine uses it (<see cref="Equations.LossOfStrength"/>, docs/model.md §8):
/// strength projected over <c>d</c> km keeps <c>exp(−d/L)</c> of its value (registry <c>lsg_distance_km</c>), and nothing
/// beyond the projection range.
/// </summary>
public static class LossOfStrength
{
    /// <summary>The share of strength that arrives <paramref name="distanceKm"/> away; 0 beyond <paramref name="rangeKm"/>.</summary>
    /// <param name="distanceKm">Great-circle distance from the capital, km.</param>
    /// <param name="scaleKm">Distance scale L of the gradient, km (registry <c>lsg_distance_km</c>).</param>
    /// <param name="rangeKm">Projection range, km (registry <c>optimiser_projection_range_km</c>).</param>
    public static double Reach(double distanceKm, double scaleKm, double rangeKm) =>
        distanceKm > rangeKm ? 0 : Equations.LossOfStrength(distanceKm, scaleKm);
}
