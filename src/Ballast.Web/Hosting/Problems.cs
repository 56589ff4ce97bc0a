using System.Text.Json;
using System.Text.RegularExpressions;
using Ballast.Data.Scenarios;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ballast.Web.Hosting;

/// <summary>
/// RFC 7807 problem documents: every refusal names the field and the reason, and never carries a stack trace.
/// Input errors keep their location (file, line, column, field, value) as extensions so a client can point at it.
/// </summary>
public static partial class Problems
{
    /// <summary>Content type of problem documents.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>A 400 for one bad field.</summary>
    public static IResult BadRequest(string field, string reason, string? value = null) =>
        Result(Invalid(field, reason, value));

    /// <summary>A problem for an input error, with its location as extensions.</summary>
    public static ProblemDetails FromInput(BallastInputException e)
    {
        var p = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid input",
            Detail = e.Message,
            Type = "https://ballast.invalid/problems/invalid-input",
        };
        p.Extensions["reason"] = e.Reason;
        if (e.Field is not null)
        {
            p.Extensions["field"] = e.Field;
        }

        if (e.File is not null)
        {
            p.Extensions["file"] = e.File;
        }

        if (e.Line is int line)
        {
            p.Extensions["line"] = line;
        }

        if (e is ScenarioException se)
        {
            p.Extensions["column"] = se.Column;
        }

        if (e.Value is not null)
        {
            p.Extensions["value"] = e.Value;
        }

        return p;
    }

    /// <summary>
    /// A wargame rule violation: 400 (a bad move or request), 403 (not this role's to do), 404 (unknown game) or 409 (the
    /// game's state: paused, finished, after the deadline, already submitted), with the rule's stable <c>code</c> and its
    /// field (the game code's header when the rule names none: who is asking was the problem).
    /// </summary>
    public static ProblemDetails FromGameRule(Games.GameRuleException e)
    {
        var (status, title) = e.Kind switch
        {
            Games.GameErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Not allowed for this role"),
            Games.GameErrorKind.NotFound => (StatusCodes.Status404NotFound, "Unknown game"),
            Games.GameErrorKind.Conflict => (StatusCodes.Status409Conflict, "Not possible in the game's state"),
            _ => (StatusCodes.Status400BadRequest, "Against the rules of the game"),
        };
        var p = new ProblemDetails { Status = status, Title = title, Detail = e.Message, Type = "https://ballast.invalid/problems/" + e.Code };
        p.Extensions["code"] = e.Code;
        p.Extensions["reason"] = e.Reason;
        p.Extensions["field"] = e.Field ?? (e.Kind == Games.GameErrorKind.Forbidden ? Api.GameSessions.Header : e.Kind == Games.GameErrorKind.NotFound ? "id" : "game");
        return p;
    }

    /// <summary>A 400 problem for a field.</summary>
    public static ProblemDetails Invalid(string field, string reason, string? value = null) =>
        FromInput(new BallastInputException(reason, field: field, value: value));

    /// <summary>A problem with a status other than 400 (404, 409, 413, 429…).</summary>
    public static ProblemDetails Status(int status, string title, string detail, string? field = null)
    {
        var p = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null)
        {
            p.Extensions["field"] = field;
        }

        return p;
    }

    /// <summary>A 503: the installed server has no optimiser (the <c>ballast-optimiser</c> companion is not installed).</summary>
    internal static ProblemDetails OptimiserMissing(Optimisation.Solving.OptimiserNotInstalledException e)
    {
        var p = Status(StatusCodes.Status503ServiceUnavailable, "Optimiser not installed", e.Message);
        p.Type = "https://ballast.invalid/problems/optimiser-not-installed";
        return p;
    }

    /// <summary>The problem as a result.</summary>
    public static IResult Result(ProblemDetails p) =>
        Results.Json(p, (JsonSerializerOptions?)null, ContentType, p.Status ?? 400);

    /// <summary>Writes a problem directly to a response (middleware).</summary>
    public static Task Write(HttpContext http, ProblemDetails p)
    {
        http.Response.StatusCode = p.Status ?? 400;
        return http.Response.WriteAsJsonAsync(p, (JsonSerializerOptions?)null, ContentType);
    }

    /// <summary>Turns a request-binding failure (bad JSON, bad query value, missing body) into a field-level problem.</summary>
    public static ProblemDetails FromBadRequest(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Status(413, "Request too large", e.Message, "body");
        }

        if (e.InnerException is JsonException je)
        {
            var path = je.Path is { Length: > 0 } jp ? jp.TrimStart('$', '.') : "body";
            var line = je.LineNumber is long l ? $" (line {l + 1})" : string.Empty;
            return Invalid(path.Length == 0 ? "body" : path, $"not valid JSON for this field{line}: {FirstSentence(je.Message)}");
        }

        var bind = BindFailure().Match(e.Message);
        if (bind.Success)
        {
            // The binder names the handler's parameter (budgetSharePct); the client sent the query name (budget_share_pct).
            return Invalid(JsonNamingPolicy.SnakeCaseLower.ConvertName(bind.Groups["name"].Value), $"'{bind.Groups["value"].Value}' is not a valid {Friendly(bind.Groups["type"].Value)}", bind.Groups["value"].Value);
        }

        var required = RequiredMissing().Match(e.Message);
        if (required.Success)
        {
            return Invalid(JsonNamingPolicy.SnakeCaseLower.ConvertName(required.Groups["name"].Value), "is required");
        }

        if (e.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("body", "a JSON body is required (Content-Type: application/json)");
        }

        return Invalid("request", e.Message);
    }

    private static string Friendly(string type) => type switch
    {
        "int" or "Int32" or "int?" => "whole number",
        "double" or "double?" => "number",
        _ => type.TrimEnd('?'),
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex("""Failed to bind parameter "(?<type>[^ "]+) (?<name>[^"]+)" from "(?<value>.*)"\.""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""Required parameter "(?<type>[^ "]+) (?<name>[^"]+)" was not provided""")]
    private static partial Regex RequiredMissing();

    /// <summary>Maps exceptions to problem documents: input errors 400, binding errors 400/413, a missing optimiser 503, anything else a bare 500.</summary>
    internal sealed class ExceptionHandler(ILogger<ExceptionHandler> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            var problem = exception switch
            {
                Games.GameRuleException rule => FromGameRule(rule),
                Optimisation.Solving.OptimiserNotInstalledException missing => OptimiserMissing(missing),
                BallastInputException bie => FromInput(bie),
                BadHttpRequestException bad => FromBadRequest(bad),
                JsonException je => Invalid(je.Path?.TrimStart('$', '.') is { Length: > 0 } f ? f : "body", FirstSentence(je.Message)),
                _ => null,
            };
            if (problem is null)
            {
                log.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
                problem = Status(500, "Internal error", "The server failed to handle the request; the error has been logged.");
            }

            problem.Instance = http.Request.Path;
            await Write(http, problem);
            return true;
        }
    }

    internal static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
