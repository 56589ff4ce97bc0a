using Ballast.Core.Countries;
using Ballast.Core.Model;
using Ballast.Core.Scenarios;
using Ballast.Data.Countries;

namespace Ballast.Optimisation.Inputs;

/// <summary>The optimiser's request for a scenario: its actors, agreed programmes and parameter overrides (shared by the CLI and the web API).</summary>
public static class ScenarioOptimisation
{
    /// <summary>
    /// The request for <paramref name="scenario"/> in <paramref name="year"/> (default: its horizon), with budgets at
    /// <paramref name="budgetSharePercent"/> % of GDP or on trend, theatre <paramref name="priorities"/> and, when
    /// <paramref name="programmes"/>, co-development programmes offered as decisions.
    /// </summary>
    public static OptimiseRequest Request(Scenario scenario, int? year, double? budgetSharePercent, IReadOnlyDictionary<string, double> priorities, bool programmes) => new()
    {
        Year = year ?? scenario.HorizonYear,
        BudgetSharePercent = budgetSharePercent,
        Priorities = priorities,
        Programmes = programmes,
        Actors = Actors(scenario),
        Agreed = [.. scenario.Programmes.Select(x => new AgreedProgramme(x.Name, x.Members, Enum.Parse<MissionArea>(x.Mission.ToString()), x.Year))],
        Overrides = scenario.Parameters.Overrides,
    };

    /// <summary>The scenario's actors: its preset set, or its own list.</summary>
    public static IReadOnlyList<Actor> Actors(Scenario scenario)
    {
        if (scenario.Actors.Preset is { } preset)
        {
            return [.. CountryData.ActorSet(preset == ActorPreset.IndoPacific ? "indo-pacific" : "euro-atlantic").Actors];
        }

        return [.. scenario.Actors.Countries.Select(e => new Actor(e.Iso3, e.Role, "scenario " + scenario.Name))];
    }
}
