using System.Diagnostics;

namespace Ballast.Cli.Tests;

/// <summary>
/// Runs simulated together per vector never interact, so the results must not depend on the vector width the runtime
/// picks (2 lanes with 128-bit vectors, 4 with AVX2, 8 with AVX-512 when <c>DOTNET_MaxVectorTBitWidth=512</c>, which
/// <c>dotnet run</c> of the CLI sets), nor on whether the processor's AVX-512 instructions are used. The width is fixed when
/// the runtime starts, so each width runs in its own process.
/// </summary>
public sealed class LaneWidthTests
{
    [Fact]
    public void Results_are_byte_identical_whatever_the_vector_width()
    {
        var root = RepoPaths.TempDir();
        try
        {
            var widths = new[] { 128, 256, 512 };
            var lanes = new List<int>();
            foreach (int bits in widths)
            {
                var dir = Path.Combine(root, bits.ToString(System.Globalization.CultureInfo.InvariantCulture));
                RunCli(bits, "run", RepoPaths.Scenario("us-conditional-3.5"), "--runs", "300", "--seed", "11", "--threads", "2", "--out", dir, "--format", "json");
                lanes.Add(ManifestLanes(Path.Combine(dir, "manifest.json")));
            }

            // Without AVX-512 instructions at all: the percentiles' selection and the pages' writes take their other paths.
            RunCli(256, ["DOTNET_EnableAVX512=0"], "run", RepoPaths.Scenario("us-conditional-3.5"), "--runs", "300", "--seed", "11", "--threads", "2", "--out", Path.Combine(root, "no-avx512"), "--format", "json");

            // 128-bit vectors always give 2 lanes; the others give 4 or 8 where the hardware has them.
            Assert.Equal(2, lanes[0]);
            Assert.True(lanes[1] >= 2 && lanes[2] >= lanes[1], string.Join(", ", lanes));
            foreach (var file in new[] { "runs.csv", "percentiles.csv", "kpis.json" })
            {
                var reference = File.ReadAllBytes(Path.Combine(root, "128", file));
                foreach (var other in widths.Skip(1).Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("no-avx512"))
                {
                    Assert.True(reference.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(root, other, file))), $"{file} differs between 128-bit vectors and {other}");
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static int ManifestLanes(string path)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("vector_lanes").GetInt32();
    }

    private static void RunCli(int vectorBits, params string[] args) => RunCli(vectorBits, [], args);

    private static void RunCli(int vectorBits, string[] environment, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "ballast.dll");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_MaxVectorTBitWidth"] = vectorBits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var setting in environment)
        {
            start.Environment[setting[..setting.IndexOf('=', StringComparison.Ordinal)]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(3)), "ballast did not finish within 3 minutes");
        Assert.True(p.ExitCode == 0, $"ballast exited {p.ExitCode}: {stderr.Result}");
        _ = stdout.Result;
    }
}
