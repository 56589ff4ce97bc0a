using System.Text.Json;
using System.Text.Json.Serialization;
using Ballast.Games.Log;

namespace Ballast.Games;

// The payloads of the log's events. The log keeps the definition and scenario texts, the seed, hashes of the codes and
// every move, signal, inject and outcome, so a game is rebuilt from its log alone.
internal static class EventTypes
{
    public const string Created = "created";
    public const string Moves = "moves";
    public const string Signal = "signal";
    public const string Inject = "inject";
    public const string Paused = "paused";
    public const string Resumed = "resumed";
    public const string Adjudicated = "adjudicated";
    public const string Revealed = "revealed";
}

internal sealed record CreatedEvent(
    string DefinitionText,
    string DefinitionFile,
    string ScenarioText,
    ulong Seed,
    long RealisedRun,
    int BandRuns,
    IReadOnlyList<string> Humans,
    IReadOnlyDictionary<string, string> CodeHashes,
    string? ParentGameId,
    int? BranchTurn);

internal sealed record MovesEvent(int Turn, string TeamId, bool ByModel, IReadOnlyList<Move> Moves, double CostUsdBn);

internal sealed record SignalEvent(int Turn, string TeamId, string Text);

internal sealed record InjectEvent(int Turn, Inject Inject);

internal sealed record TurnEvent(int Turn);

internal sealed record AdjudicatedEvent(int Turn, TurnOutcome Outcome);

internal static class GameJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(GameEvent e) => JsonSerializer.Deserialize<T>(e.Data, Options)
        ?? throw new InvalidDataException($"event {e.Sequence} ({e.Type}) has no payload");
}
