using System.Collections.Immutable;
using Ballast.Core.Analytics;
using Ballast.Data.Panel;

namespace Ballast.Runs.Validation;

/// <summary>
/// One country of one episode: the realised change of the burden over the episode's window from the data against the
/// model's change (median and 90 % band over the ensemble). Changes are in percentage points of GDP.
/// </summary>
/// <param name="Episode">Episode (scenario) name.</param>
/// <param name="Country">Country (ISO3).</param>
/// <param name="FromYear">First year of the window (the start year).</param>
/// <param name="UntilYear">Last year of the window (the horizon).</param>
/// <param name="RealisedStart">Burden in the first year, from the data, percent of GDP (null without data).</param>
/// <param name="RealisedEnd">Burden in the last year, from the data, percent of GDP (null without data).</param>
/// <param name="ModelStart">The model's initial burden, percent of GDP.</param>
/// <param name="ModelMedian">Median of the model's change, pp.</param>
/// <param name="ModelP5">5th percentile of the model's change, pp.</param>
/// <param name="ModelP95">95th percentile of the model's change, pp.</param>
public sealed record EpisodeRow(string Episode, string Country, int FromYear, int UntilYear, double? RealisedStart, double? RealisedEnd, double ModelStart, double ModelMedian, double ModelP5, double ModelP95)
{
    /// <summary>Realised change, pp of GDP (null without data at either end).</summary>
    public double? Realised => RealisedStart is double a && RealisedEnd is double b ? b - a : null;

    /// <summary>True when the model's median change has the realised change's sign (a realised change of exactly 0 matches only 0).</summary>
    public bool? DirectionMatches => Realised is double r ? Math.Sign(r) == Math.Sign(ModelMedian) : null;

    /// <summary>True when the direction matches and the median change is at least half the realised change's size.</summary>
    public bool? HalfSize => Realised is double r ? DirectionMatches == true && Math.Abs(ModelMedian) >= 0.5 * Math.Abs(r) : null;

    /// <summary>True when the realised change lies in the model's 90 % band.</summary>
    public bool? InsideBand => Realised is double r ? r >= ModelP5 && r <= ModelP95 : null;
}

/// <summary>
/// Runs every historical episode (<c>scenarios/history/</c>) and compares, per episode and checked country, the realised
/// change of the burden over the window with the model's change: direction and at least half the size. The model's
/// change of a run is its burden at the horizon minus its initial burden (the window is the run's years).
/// </summary>
public static class EpisodeChecks
{
    private const string ResourcePrefix = "Ballast.Runs.Episodes.";

    /// <summary>The episodes shipped with Ballast (a copy of <c>scenarios/history/*.yaml</c>), by file name, in name order.</summary>
    public static IReadOnlyList<(string File, string Yaml)> Embedded()
    {
        var assembly = typeof(EpisodeChecks).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var r = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return ("scenarios/history/" + n[ResourcePrefix.Length..], r.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>Runs each episode (<paramref name="runs"/> runs, the episode's seed unless <paramref name="seed"/> is given) and returns its rows.</summary>
    public static IReadOnlyList<EpisodeRow> Run(IEnumerable<PreparedScenario> episodes, int runs, ulong? seed, int threads, CancellationToken cancellationToken = default)
    {
        var rows = new List<EpisodeRow>();
        foreach (var episode in episodes)
        {
            rows.AddRange(Run(episode, runs, seed, threads, cancellationToken));
        }

        return rows;
    }

    /// <summary>The rows of one episode.</summary>
    public static IReadOnlyList<EpisodeRow> Run(PreparedScenario episode, int runs, ulong? seed, int threads, CancellationToken cancellationToken = default)
    {
        var s = episode.Scenario;
        var check = s.Check ?? throw new BallastInputException("the scenario has no 'check' (an episode names the countries, variable and window to compare)", s.SourceFile, field: "check");
        var inputs = episode.Inputs;
        var finals = new List<(long Run, ImmutableArray<double> Share)>();
        var request = new RunRequest(runs, seed ?? s.Seed ?? ScenarioRunner.DefaultSeed, threads, null, RunsFormat.None);
        ScenarioRunner.Run(episode, request, sink: r =>
        {
            lock (finals)
            {
                finals.Add((r.RunIndex, r.FinalShare));
            }
        }, cancellationToken: cancellationToken);

        var data = LongSeries.Default;
        var rows = new List<EpisodeRow>();
        foreach (var code in check.Countries)
        {
            var i = inputs.IndexOf(code);
            if (i < 0)
            {
                continue; // left out of the run for lack of data (the compiler's notes say why)
            }

            var start = inputs.Share[i];
            var changes = finals.Select(f => (f.Share[i] - start) * 100).Order().ToArray();
            rows.Add(new EpisodeRow(s.Name, code, check.FromYear, check.UntilYear,
                data.Burden(code, check.FromYear)?.Share * 100, data.Burden(code, check.UntilYear)?.Share * 100, start * 100,
                Quantiles.Type7(changes, 0.5), Quantiles.Type7(changes, 0.05), Quantiles.Type7(changes, 0.95)));
        }

        return rows;
    }
}
