using System.Security.Cryptography;
using Ballast.Core.Parameters;
using Ballast.Core.Scenarios;
using Ballast.Data.Embedded;
using Ballast.Data.Parameters;
using Ballast.Data.Scenarios;
using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Ballast.Store;

namespace Ballast.Runs.Exploration;

/// <summary>Turns a scenario file into what an exploration runs: compiled inputs, explored parameters, the model and the store layout.</summary>
public static class ExplorationSetup
{
    /// <summary>
    /// Loads and compiles a scenario for exploration. Explored parameters are the scenario's uncertain parameters plus
    /// every registry parameter that is uncertain by default (a distribution in data/parameters.csv) and that the
    /// scenario neither overrides nor redefines.
    /// </summary>
    public static (Scenario Scenario, SimulationModel Model, IReadOnlyList<ExplorationParameter> Parameters, string Hash) Load(string path, ulong seed) =>
        Load(ScenarioLoader.Default.LoadFile(path), File.ReadAllBytes(path), seed);

    /// <summary>
    /// As <see cref="Load(string, ulong)"/> for scenario text a client sent (the web API): <paramref name="label"/> names it
    /// in messages only and is never opened; the hash is over the text's UTF-8 bytes.
    /// </summary>
    public static (Scenario Scenario, SimulationModel Model, IReadOnlyList<ExplorationParameter> Parameters, string Hash) LoadText(string yaml, string label, ulong seed) =>
        Load(ScenarioLoader.Default.Load(yaml, label), Encoding.UTF8.GetBytes(yaml), seed);

    private static (Scenario Scenario, SimulationModel Model, IReadOnlyList<ExplorationParameter> Parameters, string Hash) Load(Scenario scenario, byte[] bytes, ulong seed)
    {
        var widened = Widen(scenario);
        var inputs = ScenarioCompiler.Compile(widened).Inputs;
        var hash = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        return (widened, new SimulationModel(inputs, seed), SimulationModel.ParametersOf(inputs), hash);
    }

    /// <summary>
    /// The scenario with every registry parameter that is uncertain by default (a distribution in
    /// data/parameters.csv) added to its uncertain parameters, unless the scenario overrides or redefines it.
    /// </summary>
    public static Scenario Widen(Scenario scenario)
    {
        var uncertain = scenario.Parameters.Uncertain.ToList();
        foreach (var p in ParameterRegistryLoader.Default.All)
        {
            if (p.Distribution is not null && !scenario.Parameters.Overrides.ContainsKey(p.Name) && uncertain.All(u => u.Name != p.Name))
            {
                uncertain.Add(new UncertainParameter(p.Name, p.Distribution));
            }
        }

        return scenario with { Parameters = scenario.Parameters with { Uncertain = uncertain } };
    }

    /// <summary>The store layout (manifest entries) of an exploration.</summary>
    public static StoreLayout Layout(Scenario scenario, string scenarioHash, Design design, ulong seed, SimulationModel model, IReadOnlyList<ExplorationParameter> parameters)
    {
        string paramText = string.Join(";", parameters.Select(p => $"{p.Name}={p.Distribution}"));
        string key = $"{scenarioHash}|{design.Spec.Describe()}|{seed}|{paramText}|{EmbeddedData.Version()}";
        var entries = new Dictionary<string, string>
        {
            [StoreLayout.ExperimentKey] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16].ToLowerInvariant(),
            ["scenario"] = scenario.Name,
            ["scenario_file"] = Path.GetFileName(scenario.SourceFile ?? scenario.Name),
            ["scenario_hash"] = scenarioHash,
            ["design"] = design.Spec.Describe(),
            ["runs"] = design.Rows.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["parameters"] = paramText,
            ["data_version"] = EmbeddedData.Version(),
            ["program_version"] = typeof(ExplorationSetup).Assembly.GetName().Version?.ToString() ?? "0",
            ["generator"] = "Sobol (Joe–Kuo new-joe-kuo-6.21201) with Owen nested uniform scramble; SplitMix64 counter hash for LHS/MC/Morris",
            ["registry_snapshot"] = string.Join(";", ParameterRegistryLoader.Default.All.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Value}"))),
        };
        return new StoreLayout(entries, parameters, model.Outcomes, model.YearlyIndicators, model.Years);
    }

    /// <summary>Recreates the design a store was run with (designs are pure functions of their description).</summary>
    public static Design DesignOf(ResultStore store) =>
        Design.Create(DesignSpec.FromDescription(store.Manifest["design"]), store.Parameters.Count);
}
