using System.Text;
using Ballast.Core;
using Ballast.Data.Csv;
using Ballast.Data.Panel;
using Ballast.Data.Scenarios;
using Ballast.Store;

namespace Ballast.Fuzz;

/// <summary>
/// The fuzz targets: each feeds one input to one of Ballast's readers and lets only the expected kind of failure,
/// an input error (<see cref="BallastInputException"/>, which <see cref="ScenarioException"/> extends), pass. Anything
/// else escapes, which afl counts as a crash and the corpus replay test reports as a failure.
/// </summary>
public static class Harnesses
{
    /// <summary>The harnesses by name, as <c>fuzz/run.sh HARNESS</c> and the corpus folders name them.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["scenario"] = Scenario,
        ["csv-panel"] = CsvPanel,
        ["overrides"] = Overrides,
        ["store"] = Store,
    };

    /// <summary>A scenario file through the loader (YAML reader and every field check).</summary>
    public static void Scenario(byte[] input) => Expect(() => ScenarioLoader.Default.Load(Text(input), "fuzz.yaml"));

    /// <summary>A user panel CSV through the one CSV reader and the panel checks.</summary>
    public static void CsvPanel(byte[] input) =>
        Expect(() => PanelBuilder.FromUserTable(CsvTable.Parse("fuzz.csv", new StringReader(Text(input)))));

    /// <summary>A scenario's <c>parameters:</c> section (overrides and distributions) after a fixed valid header.</summary>
    public static void Overrides(byte[] input)
    {
        var body = string.Join('\n', Text(input).Split('\n').Select(l => "  " + l));
        Expect(() => ScenarioLoader.Default.Load(OverridesHeader + body, "fuzz.yaml"));
    }

    /// <summary>A file opened as a results store.</summary>
    public static void Store(byte[] input)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ballast-fuzz-{Environment.ProcessId}.duckdb");
        File.WriteAllBytes(path, input);
        try
        {
            Expect(() =>
            {
                using var s = ResultStore.Open(path);
                return s.DesignRows;
            });
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".wal");
        }
    }

    /// <summary>The fixed start of the <see cref="Overrides"/> harness's document.</summary>
    public const string OverridesHeader = "name: f\ndescription: d\nquestion: q\nstart: 2024\nhorizon: 2030\nactors: indo-pacific\nus:\n  stance:\n    - { from: 2024, kind: reassure, harshness: 0.2 }\nparameters:\n";

    private static string Text(byte[] input) => Encoding.UTF8.GetString(input);

    private static void Expect<T>(Func<T> read)
    {
        try
        {
            read();
        }
        catch (BallastInputException)
        {
            // the expected answer to bad input
        }
    }
}
