using System.Security.Cryptography;
using Ballast.Core.Model;
using Ballast.Core.Scenarios;
using Ballast.Data.Scenarios;

namespace Ballast.Runs;

/// <summary>A scenario loaded, validated and compiled into model inputs, with the hash of its text for the manifest.</summary>
/// <param name="Scenario">The validated scenario.</param>
/// <param name="Inputs">The compiled model inputs.</param>
/// <param name="Notes">What the compiler assumed or filled in (shown to the user and saved).</param>
/// <param name="Yaml">The scenario text as read.</param>
/// <param name="Hash">SHA-256 of the scenario text (hex).</param>
public sealed record PreparedScenario(Scenario Scenario, ModelInputs Inputs, IReadOnlyList<string> Notes, string Yaml, string Hash)
{
    /// <summary>Loads, validates and compiles a scenario file.</summary>
    public static PreparedScenario FromFile(string path)
    {
        var scenario = ScenarioLoader.Default.LoadFile(path);
        return Compile(scenario, File.ReadAllText(path));
    }

    /// <summary>Loads, validates and compiles scenario text (e.g. uploaded to the web app); <paramref name="name"/> is used in errors.</summary>
    public static PreparedScenario FromText(string yaml, string name)
    {
        var scenario = ScenarioLoader.Default.Load(yaml, name);
        return Compile(scenario, yaml);
    }

    private static PreparedScenario Compile(Scenario scenario, string yaml)
    {
        var compiled = ScenarioCompiler.Compile(scenario);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(yaml.Replace("\r\n", "\n", StringComparison.Ordinal)))).ToLowerInvariant();
        return new PreparedScenario(scenario, compiled.Inputs, compiled.Notes, yaml, hash);
    }
}
