using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Ballast.Core;
using Ballast.Optimisation.Inputs;
using Ballast.Optimisation.Model;
using Ballast.Optimisation.Solving;
using static Ballast.Optimisation.Tests.Instances;

namespace Ballast.Optimisation.Tests;

/// <summary>
/// The <c>ballast-optimiser</c> companion (src/Ballast.Optimiser, built beside the tests by a project reference) and the
/// dispatcher that picks it: the companion's answers equal the in-process solve bit for bit, its errors are the
/// in-process errors, a malformed request is refused with its location, and without OR-Tools or the companion the
/// message says how to install it.
/// </summary>
public sealed class CompanionTests
{
    private static readonly string CompanionDll = Path.Combine(AppContext.BaseDirectory, "Ballast.Optimiser.dll");

    private static CompanionRolesSolver Companion => CompanionRolesSolver.At(CompanionDll);

    /// <summary>The hand-built MIP of the solver tests: three countries, two missions, two theatres, one programme offered.</summary>
    private static RolesProblem Mip() => Make([10, 6, 3], new double[,] { { 2, 1 }, { 1, 1.5 }, { 1, 1 } }, new double[,] { { 30, 5 }, { 12, 20 } },
        programmes: [new ProgrammeOption("p", 1, [1, 2], 1, 1.3)]);

    [Fact]
    public void The_companion_is_built_beside_the_tests()
    {
        Assert.True(File.Exists(CompanionDll), CompanionDll);
        Assert.True(File.Exists(Path.ChangeExtension(CompanionDll, ".runtimeconfig.json")));
    }

    [Fact]
    public void The_companions_dividend_equals_the_in_process_one_bit_for_bit_on_a_mip()
    {
        var p = Mip();
        var here = RolesSolver.Dividend(p);
        var there = Companion.Dividend(p);
        Assert.Equal("SCIP", there.Federated.Solver);
        Assert.Equal(["p"], there.Federated.Programmes.ToArray());
        Same(here, there);
    }

    [Fact]
    public void The_companion_solves_the_embedded_data_as_in_process_lp_and_mip()
    {
        // The command's default (trend budgets, an LP: GLOP, budget values) and its --budget-share 3.5 --programs (SCIP).
        var lp = ProblemBuilder.Build(new OptimiseRequest { Year = 2030 }).Problem;
        var mip = ProblemBuilder.Build(new OptimiseRequest { Year = 2030, BudgetSharePercent = 3.5, Programmes = true }).Problem;
        Same(RolesSolver.Dividend(lp), Companion.Dividend(lp));
        var fed = Companion.Federated(mip);
        Assert.Equal((SolveStatus.Optimal, "SCIP"), (fed.Status, fed.Solver));
        Same(RolesSolver.Federated(mip), fed);
        Same(RolesSolver.Autonomous(mip), Companion.Autonomous(mip));
    }

    [Fact]
    public void Doubles_cross_the_protocol_unchanged_including_nan_infinities_and_negative_zero()
    {
        double[] awkward = [0.1 + 0.2, -0.0, double.Epsilon, double.MaxValue, -double.MinValue, 1e-320, double.NaN, double.PositiveInfinity, double.NegativeInfinity, Math.PI / 3, 2064.0000000000005];
        var s = new RolesSolution(AllocationMode.CheapestCover, SolveStatus.StoppedEarly, "SCIP", awkward[0], awkward[9], awkward[5],
            [.. awkward], [.. awkward], [.. awkward], [], [.. awkward.Reverse()], [1], ["a", "b"], [double.NaN, -0.0]);
        var d = new FederatedDividend(s, s with { Mode = AllocationMode.Autonomous }, s, awkward[1], double.NaN, awkward[10]);
        using var buffer = new MemoryStream();
        JsonSerializer.Serialize(buffer, new SolveResponse(OptimiserProtocol.Version, Solution: s, Dividend: d), OptimiserProtocol.Json);
        var back = OptimiserProtocol.ReadResponse(buffer.ToArray(), 0, string.Empty, "test");
        Same(s, back.Solution!);
        Same(d, back.Dividend!);

        // And the problem going the other way.
        var p = Mip() with { Budget = [0.1 + 0.2, 1e-320, 6.000000000000001], GapWeight = Math.PI };
        using var request = new MemoryStream();
        OptimiserProtocol.WriteRequest(request, new SolveRequest(OptimiserProtocol.Version, SolveKind.Federated, p, new SolverOptions(0.25, 1e-9)));
        request.Position = 0;
        var read = OptimiserProtocol.ReadRequest(request);
        Assert.Equal((SolveKind.Federated, new SolverOptions(0.25, 1e-9)), (read.Solve, read.Options));
        Assert.Equal(Bits(p.Budget), Bits(read.Problem.Budget));
        Assert.Equal(BitConverter.DoubleToInt64Bits(Math.PI), BitConverter.DoubleToInt64Bits(read.Problem.GapWeight));
        Assert.Equal(p.Programmes.Single(), read.Problem.Programmes.Single() with { Members = p.Programmes[0].Members });
        Assert.Equal([1, 2], read.Problem.Programmes[0].Members.ToArray());
    }

    [Fact]
    public void An_ill_posed_problem_comes_back_as_the_in_process_input_error()
    {
        var p = Make([5, 5], new double[,] { { 1 }, { 1 } }, new double[,] { { 10 } },
            programmes: [new ProgrammeOption("too_big", 0, [0, 1], 50, 1.5, Committed: true)]);
        var here = Assert.Throws<BallastInputException>(() => RolesSolver.Dividend(p));
        var there = Assert.Throws<BallastInputException>(() => Companion.Dividend(p));
        Assert.Equal("field 'budget': no allocation satisfies the budgets. Committed programmes (too_big) must fit in their members' budgets.", there.Message);
        Assert.Equal((here.Message, here.Field, here.Value), (there.Message, there.Field, there.Value));

        var zero = Assert.Throws<BallastInputException>(() => Companion.Federated(p with { Budget = [0, 0], Programmes = [] }));
        Assert.Equal("field 'budget': every coalition country has a zero investment budget: there is nothing to allocate", zero.Message);
    }

    [Fact]
    public void A_malformed_request_is_refused_with_its_line_and_path()
    {
        var (code, response) = RunCompanion("{\"protocol\": 1,\n \"solve\": \"dividend\",\n \"problem\": {\"countries\": [\"A\"], \"budget\": \"ten\"}}");
        Assert.Equal(2, code);
        var error = Assert.IsType<SolveError>(response.Error);
        Assert.Equal(new SolveError("request", "the value is not of the field's type", OptimiserProtocol.RequestName, 3, "$.problem.budget"), error);

        Assert.Equal(new SolveError("request", "unknown property 'problm'", OptimiserProtocol.RequestName, 1, "$.problm"),
            Serve("{\"protocol\":1,\"solve\":\"dividend\",\"problm\":{}}").Error);
        Assert.Equal(new SolveError("request", "missing required properties: 'problem'", OptimiserProtocol.RequestName, 1, "$"),
            Serve("{\"protocol\":1,\"solve\":\"dividend\"}").Error);
        Assert.Equal(new SolveError("request", "the value is not of the field's type", OptimiserProtocol.RequestName, 1, "$.solve"),
            Serve("{\"protocol\":1,\"solve\":\"cheapest\"}").Error);
        Assert.Equal(new SolveError("request", "the request has no protocol version (an integer 'protocol')", OptimiserProtocol.RequestName, Field: "protocol"),
            Serve("[]").Error);
        Assert.Equal(new SolveError("request", "this optimiser speaks protocol 1, the request protocol 7: install the optimiser of the same version as ballast", OptimiserProtocol.RequestName, Field: "protocol", Value: "7"),
            Serve("{\"protocol\":7,\"anything\":true}").Error);
        var truncated = Serve("{\"protocol\":1,\n\"solve\":").Error!;
        Assert.Equal(("request", OptimiserProtocol.RequestName, 2), (truncated.Kind, truncated.File, truncated.Line));
    }

    [Fact]
    public void A_response_of_another_version_or_no_response_names_the_companion()
    {
        var other = Assert.Throws<InvalidOperationException>(() => OptimiserProtocol.ReadResponse("{\"protocol\":2,\"solution\":{}}"u8, 0, string.Empty, "opt"));
        Assert.Equal("the optimiser (opt) speaks protocol 2, ballast protocol 1: install the optimiser of the same version as ballast", other.Message);
        var none = Assert.Throws<InvalidOperationException>(() => OptimiserProtocol.ReadResponse("Segmentation fault"u8, 139, "first\nlast line\n", "opt"));
        Assert.Equal("the optimiser (opt) wrote no response (exit code 139): last line", none.Message);
        var failed = Assert.Throws<InvalidOperationException>(() => OptimiserProtocol.ReadResponse("{\"protocol\":1,\"error\":{\"kind\":\"failure\",\"reason\":\"DllNotFoundException: libortools\"}}"u8, 2, string.Empty, "opt"));
        Assert.Equal("the optimiser (opt) failed: DllNotFoundException: libortools", failed.Message);
    }

    [Fact]
    public void Without_or_tools_or_the_companion_the_error_says_how_to_install_it()
    {
        var empty = Directory.CreateTempSubdirectory("ballast-path-");
        try
        {
            var e = Assert.Throws<OptimiserNotInstalledException>(() => RolesSolving.Choose(false, null, empty.FullName, windows: false));
            Assert.Equal("the optimiser is not installed: run `dotnet tool install --global --add-source artifacts/nupkg ballast-optimiser` (README, Install)", e.Message);
            Assert.Throws<OptimiserNotInstalledException>(() => RolesSolving.Choose(false, "  ", null, windows: false));

            // The companion on the PATH (its .exe on Windows), or named by BALLAST_OPTIMISER ahead of it.
            File.WriteAllText(Path.Combine(empty.FullName, "ballast-optimiser"), string.Empty);
            var onPath = Assert.IsType<CompanionRolesSolver>(RolesSolving.Choose(false, null, "/nowhere" + Path.PathSeparator + empty.FullName, windows: false));
            Assert.Equal(Path.Combine(empty.FullName, "ballast-optimiser"), onPath.Path);
            Assert.Throws<OptimiserNotInstalledException>(() => RolesSolving.Choose(false, null, empty.FullName, windows: true));
            var named = Assert.IsType<CompanionRolesSolver>(RolesSolving.Choose(false, CompanionDll, empty.FullName, windows: false));
            Assert.Equal(CompanionDll, named.Path);
            var missing = Assert.Throws<BallastInputException>(() => RolesSolving.Choose(false, Path.Combine(empty.FullName, "gone.dll"), empty.FullName, windows: false));
            Assert.Equal("BALLAST_OPTIMISER", missing.Field);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void With_or_tools_beside_the_app_the_solve_stays_in_process()
    {
        // The tests, like a source build, have OR-Tools: whatever the PATH or BALLAST_OPTIMISER say.
        Assert.IsType<InProcessRolesSolver>(RolesSolving.Current);
        Assert.IsType<InProcessRolesSolver>(RolesSolving.Choose(true, "/nowhere/ballast-optimiser", null, windows: false));
        var p = Mip();
        Same(RolesSolver.Dividend(p), RolesSolving.Dividend(p));
    }

    private static SolveResponse Serve(string request)
    {
        using var output = new MemoryStream();
        int code = OptimiserProtocol.Serve(new MemoryStream(Encoding.UTF8.GetBytes(request)), output);
        var response = JsonSerializer.Deserialize<SolveResponse>(output.ToArray(), OptimiserProtocol.Json)!;
        Assert.Equal(response.Error is null ? 0 : 2, code);
        return response;
    }

    /// <summary>Runs the built companion on raw request text: its exit code and response.</summary>
    private static (int Code, SolveResponse Response) RunCompanion(string request)
    {
        var start = new ProcessStartInfo(CompanionRolesSolver.DotnetHost()) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(CompanionDll);
        using var process = Process.Start(start)!;
        using (var input = process.StandardInput.BaseStream)
        {
            input.Write(Encoding.UTF8.GetBytes(request));
        }

        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        return (process.ExitCode, JsonSerializer.Deserialize<SolveResponse>(output.ToArray(), OptimiserProtocol.Json)!);
    }

    private static long[] Bits(IEnumerable<double> xs) => [.. xs.Select(BitConverter.DoubleToInt64Bits)];

    private static void Same(FederatedDividend a, FederatedDividend b)
    {
        Same(a.Federated, b.Federated);
        Same(a.Autonomous, b.Autonomous);
        Same(a.CheapestCover, b.CheapestCover);
        Assert.Equal(Bits([a.Dividend, a.DividendShareOfSpending, a.DividendShareOfInvestment]), Bits([b.Dividend, b.DividendShareOfSpending, b.DividendShareOfInvestment]));
    }

    /// <summary>Equal to the bit: every double compared by its 64 bits (NaN with NaN, −0 apart from 0).</summary>
    private static void Same(RolesSolution a, RolesSolution b)
    {
        Assert.Equal((a.Mode, a.Status, a.Solver), (b.Mode, b.Status, b.Solver));
        Assert.Equal(Bits([a.Objective, a.BestBound, a.RelativeGap]), Bits([b.Objective, b.BestBound, b.RelativeGap]));
        Assert.Equal(Bits(a.Investment), Bits(b.Investment));
        Assert.Equal(Bits(a.Capability), Bits(b.Capability));
        Assert.Equal(Bits(a.Gap), Bits(b.Gap));
        Assert.Equal(Bits(a.Duplication), Bits(b.Duplication));
        Assert.Equal(Bits(a.Spend), Bits(b.Spend));
        Assert.Equal(Bits(a.ProgrammeCost), Bits(b.ProgrammeCost));
        Assert.Equal(Bits(a.BudgetValue), Bits(b.BudgetValue));
        Assert.Equal(a.Programmes.ToArray(), b.Programmes.ToArray());
    }
}
