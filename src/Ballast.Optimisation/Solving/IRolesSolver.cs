using System.Runtime.CompilerServices;

namespace Ballast.Optimisation.Solving;

/// <summary>
/// The roles-and-missions solves the CLI and the web need, wherever the solver runs: in this process
/// (<see cref="RolesSolver"/>, when OR-Tools is beside the app) or in the <c>ballast-optimiser</c> companion
/// (<see cref="CompanionRolesSolver"/>). <see cref="RolesSolving.Current"/> picks one.
/// </summary>
public interface IRolesSolver
{
    /// <summary>The federated allocation (<see cref="RolesSolver.Federated"/>).</summary>
    RolesSolution Federated(RolesProblem problem, SolverOptions? options = null);

    /// <summary>The autonomous allocation (<see cref="RolesSolver.Autonomous"/>).</summary>
    RolesSolution Autonomous(RolesProblem problem, SolverOptions? options = null);

    /// <summary>Federated, autonomous and the federated dividend (<see cref="RolesSolver.Dividend"/>).</summary>
    FederatedDividend Dividend(RolesProblem problem, SolverOptions? options = null);
}

/// <summary>
/// OR-Tools in this process. Only this class calls <see cref="RolesSolver"/>, and its methods are never inlined: they are
/// JIT-compiled (and OR-Tools loaded) only when a solve runs here, so an app without OR-Tools can hold the type.
/// </summary>
public sealed class InProcessRolesSolver : IRolesSolver
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.NoInlining)]
    public RolesSolution Federated(RolesProblem problem, SolverOptions? options = null) => RolesSolver.Federated(problem, options);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.NoInlining)]
    public RolesSolution Autonomous(RolesProblem problem, SolverOptions? options = null) => RolesSolver.Autonomous(problem, options);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.NoInlining)]
    public FederatedDividend Dividend(RolesProblem problem, SolverOptions? options = null) => RolesSolver.Dividend(problem, options);
}
