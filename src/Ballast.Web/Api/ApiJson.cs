using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ballast.Web.Api;

/// <summary>
/// The API's JSON, set once for every endpoint (and the OpenAPI document, which reads the same options): field names
/// follow the CLI's naming rule (docs/outputs.md) — snake_case with the unit in the name — so <c>SharePct</c> is
/// written <c>share_pct</c> as in <c>ballast burden --format json</c>. Records name their unit (<c>MilexUsdBn</c>) and
/// hold values in it; enum values keep their names.
/// </summary>
public static class ApiJson
{
    /// <summary>Applies the API's naming rule and number handling to <paramref name="o"/>.</summary>
    public static void Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.Converters.Add(new JsonStringEnumConverter());
        o.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
    }

    /// <summary>US dollars in billions (the CLI's <c>_usd_bn</c>), null stays null.</summary>
    public static double? UsdBn(double? usd) => usd / 1e9;

    /// <summary>US dollars in millions (the optimiser's unit) in billions.</summary>
    public static double UsdBnFromMillions(double usdMillions) => usdMillions / 1000;
}
