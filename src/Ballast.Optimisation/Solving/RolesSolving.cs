using System.Reflection;

namespace Ballast.Optimisation.Solving;

/// <summary>
/// Where roles-and-missions problems are solved, for the CLI and the web alike: in this process when OR-Tools is beside
/// the app (a source build, <c>dotnet run</c>, the tests), otherwise in the <c>ballast-optimiser</c> companion tool
/// (the installed <c>ballast</c> tool ships without OR-Tools; README, Install): the one at the path in
/// <c>BALLAST_OPTIMISER</c>, or the one on the PATH.
/// </summary>
public static class RolesSolving
{
    /// <summary>The companion's command (<c>.exe</c> on Windows).</summary>
    public const string CompanionCommand = "ballast-optimiser";

    /// <summary>The environment variable that names the companion's executable or <c>.dll</c>, ahead of the PATH.</summary>
    public const string CompanionVariable = "BALLAST_OPTIMISER";

    /// <summary>The error when there is neither OR-Tools nor the companion.</summary>
    public const string NotInstalled = "the optimiser is not installed: run `dotnet tool install --global --add-source artifacts/nupkg ballast-optimiser` (README, Install)";

    private static readonly Lazy<bool> OrToolsHere = new(OrToolsBesideTheApp);

    /// <summary>The solver for this process, looked up on each call (a companion installed while a server runs is found).</summary>
    public static IRolesSolver Current =>
        Choose(OrToolsHere.Value, Environment.GetEnvironmentVariable(CompanionVariable), Environment.GetEnvironmentVariable("PATH"), OperatingSystem.IsWindows());

    /// <summary>Federated, autonomous and the federated dividend, solved where <see cref="Current"/> says.</summary>
    public static FederatedDividend Dividend(RolesProblem problem, SolverOptions? options = null) => Current.Dividend(problem, options);

    /// <summary>
    /// The rule: OR-Tools here, else the companion named by <paramref name="variable"/> (which must exist), else
    /// <see cref="CompanionCommand"/> in a folder of <paramref name="path"/>; else an <see cref="OptimiserNotInstalledException"/>.
    /// </summary>
    public static IRolesSolver Choose(bool orToolsHere, string? variable, string? path, bool windows)
    {
        if (orToolsHere)
        {
            return new InProcessRolesSolver();
        }

        if (!string.IsNullOrWhiteSpace(variable))
        {
            return File.Exists(variable)
                ? CompanionRolesSolver.At(variable)
                : throw new BallastInputException($"{CompanionVariable} names no file; set it to the optimiser's executable or unset it to use the {CompanionCommand} on the PATH", field: CompanionVariable, value: variable);
        }

        string command = windows ? CompanionCommand + ".exe" : CompanionCommand;
        foreach (var folder in (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var candidate = Path.Combine(folder, command);
            if (File.Exists(candidate))
            {
                return CompanionRolesSolver.At(candidate);
            }
        }

        throw new OptimiserNotInstalledException();
    }

    /// <summary>True when the OR-Tools assembly resolves in this app (it is in the app's dependencies and beside it).</summary>
    private static bool OrToolsBesideTheApp()
    {
        try
        {
            Assembly.Load(new AssemblyName("Google.OrTools"));
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }
}

/// <summary>
/// Neither OR-Tools nor the companion is there (<see cref="RolesSolving.NotInstalled"/>). An input error for the CLI
/// (exit code 2, like a missing data file); the web answers 503, since the request is fine and the server lacks a part.
/// </summary>
public sealed class OptimiserNotInstalledException() : BallastInputException(RolesSolving.NotInstalled);
