namespace Ballast.Calibration.Regressors;

/// <summary>Which military-expenditure series the dependent variable ln M uses.</summary>
public enum SpendingSeries
{
    /// <summary>SIPRI constant 2023 US$ (2001–2024), the series the engine starts from.</summary>
    Sipri,

    /// <summary>
    /// SIPRI constant 2023 US$, back-cast before 2001 by the growth of the World Bank's share of GDP × constant-2015
    /// GDP (1960+, from 1989 for China and 1992 for Russia): a longer panel that shrinks the Nickell bias.
    /// </summary>
    Long,
}

/// <summary>
/// The fixed (non-estimated) parameters the regressors are built with; they come from the parameter registry so the
/// calibration builds threat and spill-ins exactly as the engine does.
/// </summary>
/// <param name="Delta">δ: yearly depreciation of the capability stock (registry <c>delta</c>).</param>
/// <param name="Phi">φ: conversion of spending into capability (registry <c>phi_default</c>).</param>
/// <param name="ThreatDistanceKm">L_T: distance scale of the proximity weights (registry <c>threat_distance_km</c>).</param>
/// <param name="Credibility">c: perceived credibility of the US commitment, held at its default over history (registry <c>initial_credibility</c>).</param>
/// <param name="TheatreShare">θ: theatre share of the US budget (registry <c>us_theatre_share</c>).</param>
/// <param name="LsgDistanceKm">Distance scale of Boulding's loss-of-strength gradient on the US term (registry <c>lsg_distance_km</c>).</param>
/// <param name="Alignment">a_j: alignment of linked allies, held at its default over history (registry <c>initial_alignment</c>).</param>
/// <param name="Spending">Dependent-variable series.</param>
public sealed record DemandSettings(double Delta, double Phi, double ThreatDistanceKm, double Credibility, double TheatreShare, double LsgDistanceKm, double Alignment, SpendingSeries Spending = SpendingSeries.Long)
{
    /// <summary>The registry names of the settings, in constructor order.</summary>
    public static IReadOnlyList<string> RegistryNames { get; } = ["delta", "phi_default", "threat_distance_km", "initial_credibility", "us_theatre_share", "lsg_distance_km", "initial_alignment"];

    /// <summary>Builds the settings from a name → value lookup (the parameter registry).</summary>
    public static DemandSettings From(Func<string, double> value, SpendingSeries spending = SpendingSeries.Long) =>
        new(value("delta"), value("phi_default"), value("threat_distance_km"), value("initial_credibility"), value("us_theatre_share"), value("lsg_distance_km"), value("initial_alignment"), spending);
}
