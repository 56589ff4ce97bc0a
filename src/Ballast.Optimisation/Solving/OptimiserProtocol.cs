using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;

namespace Ballast.Optimisation.Solving;

/// <summary>Which solve a request asks the optimiser for.</summary>
public enum SolveKind
{
    /// <summary><see cref="IRolesSolver.Federated"/>: answered with a solution.</summary>
    Federated,

    /// <summary><see cref="IRolesSolver.Autonomous"/>: answered with a solution.</summary>
    Autonomous,

    /// <summary><see cref="IRolesSolver.Dividend"/>: answered with a dividend.</summary>
    Dividend,
}

/// <summary>What the <c>ballast-optimiser</c> companion reads on standard input: one solve of one problem.</summary>
/// <param name="Protocol">The protocol version the caller speaks (<see cref="OptimiserProtocol.Version"/>).</param>
/// <param name="Solve">Which solve.</param>
/// <param name="Problem">The problem, as the caller built it.</param>
/// <param name="Options">Solver settings (the defaults when absent).</param>
public sealed record SolveRequest(int Protocol, SolveKind Solve, RolesProblem Problem, SolverOptions? Options = null);

/// <summary>Why a solve failed, with the location of an input error (the fields of <see cref="BallastInputException"/>).</summary>
/// <param name="Kind"><c>input</c> (the problem is ill-posed or infeasible: a <see cref="BallastInputException"/>), <c>request</c> (the request is malformed or of another protocol version) or <c>failure</c> (the solver failed).</param>
/// <param name="Reason">The reason without its location.</param>
/// <param name="File">Source of the bad input, if any.</param>
/// <param name="Line">1-based line in <paramref name="File"/>, if known.</param>
/// <param name="Field">Field, if known.</param>
/// <param name="Value">Offending value, if any.</param>
public sealed record SolveError(string Kind, string Reason, string? File = null, int? Line = null, string? Field = null, string? Value = null);

/// <summary>What the companion writes on standard output: exactly one of a solution, a dividend or an error.</summary>
/// <param name="Protocol">The protocol version the companion speaks.</param>
/// <param name="Solution">The answer to a federated or autonomous solve.</param>
/// <param name="Dividend">The answer to a dividend solve.</param>
/// <param name="Error">Why the solve failed (the exit code is then non-zero).</param>
public sealed record SolveResponse(int Protocol, RolesSolution? Solution = null, FederatedDividend? Dividend = null, SolveError? Error = null);

/// <summary>
/// The versioned JSON protocol between <c>ballast</c> and its optimiser companion (docs/optimiser.md, "The optimiser
/// companion"): a <see cref="SolveRequest"/> on standard input, a <see cref="SolveResponse"/> on standard output, exit
/// code 0, or 2 with an error. Doubles are written in their shortest round-trip form, so numbers cross unchanged.
/// </summary>
public static partial class OptimiserProtocol
{
    /// <summary>The protocol version; a change of the request or response shape increments it.</summary>
    public const int Version = 1;

    /// <summary>Exit code of a solve that failed (input, request or solver failure), as the CLI's input errors.</summary>
    public const int ErrorExitCode = 2;

    /// <summary>The file name in the locations of a malformed request's errors.</summary>
    public const string RequestName = "optimiser request";

    /// <summary>
    /// camelCase names, enums as camelCase strings, NaN and infinities as strings (a MIP's budget values are NaN), no
    /// computed properties (totals), and unknown or missing members refused so a mismatch cannot pass silently.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        // Plain UTF-8 text (apostrophes and names as written): the output goes to a pipe, never into HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>
    /// The companion's work: reads one request, solves it in this process, writes the response; returns the exit code
    /// (0, or <see cref="ErrorExitCode"/> with an error in the response).
    /// </summary>
    public static int Serve(Stream input, Stream output)
    {
        SolveResponse response;
        try
        {
            var request = ReadRequest(input);
            try
            {
                var solver = new InProcessRolesSolver();
                response = request.Solve switch
                {
                    SolveKind.Federated => new SolveResponse(Version, Solution: solver.Federated(request.Problem, request.Options)),
                    SolveKind.Autonomous => new SolveResponse(Version, Solution: solver.Autonomous(request.Problem, request.Options)),
                    _ => new SolveResponse(Version, Dividend: solver.Dividend(request.Problem, request.Options)),
                };
            }
            catch (BallastInputException e)
            {
                response = new SolveResponse(Version, Error: Located("input", e));
            }
        }
        catch (BallastInputException e)
        {
            response = new SolveResponse(Version, Error: Located("request", e));
        }
        catch (Exception e)
        {
            // A process boundary: whatever the solver throws goes back as a failure, never as a stack trace on stdout.
            response = new SolveResponse(Version, Error: new SolveError("failure", $"{e.GetType().Name}: {e.Message}"));
        }

        JsonSerializer.Serialize(output, response, Json);
        output.Flush();
        return response.Error is null ? 0 : ErrorExitCode;
    }

    /// <summary>
    /// Reads a request: its protocol version first (a request of another version is refused by name, whatever its
    /// shape), then the request; a malformed one throws a <see cref="BallastInputException"/> located by line and JSON path.
    /// </summary>
    public static SolveRequest ReadRequest(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        try
        {
            using (var doc = JsonDocument.Parse(bytes))
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object
                    || !doc.RootElement.TryGetProperty("protocol", out var version)
                    || !version.TryGetInt32(out int v))
                {
                    throw new BallastInputException("the request has no protocol version (an integer 'protocol')", file: RequestName, field: "protocol");
                }

                if (v != Version)
                {
                    throw new BallastInputException(
                        $"this optimiser speaks protocol {Version}, the request protocol {v}: install the optimiser of the same version as ballast",
                        file: RequestName, field: "protocol", value: v.ToString(CultureInfo.InvariantCulture));
                }
            }

            return JsonSerializer.Deserialize<SolveRequest>(bytes.Span, Json)
                ?? throw new BallastInputException("the request is null", file: RequestName);
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    /// <summary>A JSON error as an input error: its first sentence, the 1-based line and the JSON path.</summary>
    internal static BallastInputException Malformed(JsonException e)
    {
        var reason = e.Message;
        int cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        reason = (cut > 0 ? reason[..cut] : reason).TrimEnd().TrimEnd('.', ' ', '|');

        // The serializer's sentences name .NET types; the location (line and JSON path) already says where.
        reason = WrongType().IsMatch(reason) ? "the value is not of the field's type"
            : MissingMembers().Match(reason) is { Success: true } missing ? "missing required properties: " + missing.Groups["names"].Value
            : UnknownMember().Match(reason) is { Success: true } unknown ? $"unknown property '{unknown.Groups["name"].Value}'"
            : reason;
        return new BallastInputException(reason, file: RequestName, line: e.LineNumber is long l ? (int)l + 1 : null, field: e.Path);
    }

    [GeneratedRegex("^The JSON value could not be converted to ")]
    private static partial Regex WrongType();

    [GeneratedRegex("^JSON deserialization for type '[^']+' was missing required properties including: (?<names>.+)$")]
    private static partial Regex MissingMembers();

    [GeneratedRegex("^The JSON property '(?<name>[^']+)' could not be mapped to any .NET member")]
    private static partial Regex UnknownMember();

    /// <summary>Writes a request as the companion reads it.</summary>
    public static void WriteRequest(Stream output, SolveRequest request) => JsonSerializer.Serialize(output, request, Json);

    /// <summary>
    /// Reads the companion's answer: the response when it solved; the exception its error stands for (an input error
    /// exactly as the in-process solve throws it); an <see cref="InvalidOperationException"/> naming the companion when
    /// it speaks another protocol version or wrote no response (it crashed, or is another program).
    /// </summary>
    /// <param name="output">What the companion wrote on standard output.</param>
    /// <param name="exitCode">Its exit code.</param>
    /// <param name="errors">What it wrote on standard error (its last line is quoted when there is no response).</param>
    /// <param name="companion">The companion's path, for messages.</param>
    public static SolveResponse ReadResponse(ReadOnlySpan<byte> output, int exitCode, string errors, string companion)
    {
        int version;
        try
        {
            using var doc = JsonDocument.Parse(output.ToArray());
            version = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("protocol", out var v) && v.TryGetInt32(out int n) ? n : -1;
        }
        catch (JsonException)
        {
            version = -1;
        }

        if (version < 0)
        {
            var last = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            throw new InvalidOperationException(
                $"the optimiser ({companion}) wrote no response (exit code {exitCode.ToString(CultureInfo.InvariantCulture)})" + (last is null ? string.Empty : ": " + last));
        }

        if (version != Version)
        {
            throw new InvalidOperationException(
                $"the optimiser ({companion}) speaks protocol {version.ToString(CultureInfo.InvariantCulture)}, ballast protocol {Version.ToString(CultureInfo.InvariantCulture)}: install the optimiser of the same version as ballast");
        }

        SolveResponse response;
        try
        {
            response = JsonSerializer.Deserialize<SolveResponse>(output, Json) ?? throw new JsonException("the response is null");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"the optimiser ({companion}) wrote a malformed response: {Malformed(e).Message}", e);
        }

        if (response.Error is { } error)
        {
            throw ToException(error, companion);
        }

        return exitCode == 0
            ? response
            : throw new InvalidOperationException($"the optimiser ({companion}) answered but exited with code {exitCode.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The exception a response's error stands for: an input error as the in-process solve would throw it.</summary>
    public static Exception ToException(SolveError error, string companion) => error.Kind switch
    {
        "input" => new BallastInputException(error.Reason, error.File, error.Line, error.Field, error.Value),
        "request" => new InvalidOperationException(
            $"the optimiser ({companion}) refused the request: {new BallastInputException(error.Reason, error.File, error.Line, error.Field, error.Value).Message}"),
        _ => new InvalidOperationException($"the optimiser ({companion}) failed: {error.Reason}"),
    };

    private static SolveError Located(string kind, BallastInputException e) => new(kind, e.Reason, e.File, e.Line, e.Field, e.Value);
}
