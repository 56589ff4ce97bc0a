using System.ComponentModel;
using System.Diagnostics;

namespace Ballast.Optimisation.Solving;

/// <summary>
/// Solves in the <c>ballast-optimiser</c> companion process: one process per solve, the request on its standard input
/// and the response on its standard output (<see cref="OptimiserProtocol"/>). Input errors come back as the
/// <see cref="BallastInputException"/> the in-process solve would throw; anything else as an
/// <see cref="InvalidOperationException"/> naming the companion.
/// </summary>
public sealed class CompanionRolesSolver : IRolesSolver
{
    private readonly string fileName;
    private readonly string[] leadingArguments;

    private CompanionRolesSolver(string fileName, string[] leadingArguments, string path)
    {
        this.fileName = fileName;
        this.leadingArguments = leadingArguments;
        Path = path;
    }

    /// <summary>The companion's executable (or its <c>.dll</c>, run with <c>dotnet</c>).</summary>
    public string Path { get; }

    /// <summary>The companion at <paramref name="path"/>: an executable (the tool's command), or a <c>.dll</c> run with the <c>dotnet</c> host.</summary>
    public static CompanionRolesSolver At(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new CompanionRolesSolver(DotnetHost(), [path], path)
            : new CompanionRolesSolver(path, [], path);

    /// <inheritdoc />
    public RolesSolution Federated(RolesProblem problem, SolverOptions? options = null) =>
        Call(SolveKind.Federated, problem, options).Solution ?? throw Incomplete("solution");

    /// <inheritdoc />
    public RolesSolution Autonomous(RolesProblem problem, SolverOptions? options = null) =>
        Call(SolveKind.Autonomous, problem, options).Solution ?? throw Incomplete("solution");

    /// <inheritdoc />
    public FederatedDividend Dividend(RolesProblem problem, SolverOptions? options = null) =>
        Call(SolveKind.Dividend, problem, options).Dividend ?? throw Incomplete("dividend");

    private SolveResponse Call(SolveKind kind, RolesProblem problem, SolverOptions? options)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in leadingArguments)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"the optimiser ({Path}) did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"the optimiser ({Path}) cannot be started: {e.Message}", e);
        }

        using (process)
        {
            // Standard output and error are drained while the request is written, so neither pipe can fill and stall.
            using var output = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                using var input = process.StandardInput.BaseStream;
                OptimiserProtocol.WriteRequest(input, new SolveRequest(OptimiserProtocol.Version, kind, problem, options));
            }
            catch (IOException)
            {
                // The companion closed its input early (it crashed or is not the optimiser): its exit code and output say why.
            }

            reading.GetAwaiter().GetResult();
            string stderr = errors.GetAwaiter().GetResult();
            process.WaitForExit();
            return OptimiserProtocol.ReadResponse(output.ToArray(), process.ExitCode, stderr, Path);
        }
    }

    private InvalidOperationException Incomplete(string what) => new($"the optimiser ({Path}) answered without a {what}");

    /// <summary>The <c>dotnet</c> host: this process's when it is one, the SDK's (<c>DOTNET_HOST_PATH</c>), or the one on the PATH.</summary>
    internal static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}
