using Ballast.Core.Network;
using Microsoft.Extensions.Caching.Memory;

namespace Ballast.Web.Api;

/// <summary>
/// Alliance networks and the <c>/api/network</c> answers, kept in memory per normalised query: the year and the
/// countries, in order, that the selection resolves to (so <c>group=quad</c> and the same members given as
/// <c>countries</c> share an entry). The data are embedded and never change while the server runs, so entries never
/// expire; the cache is bounded by <see cref="Hosting.BallastWebOptions.NetworkCacheEntries"/> and, when full, drops the
/// least recently used quarter. A cached answer is the very object the uncached query returns, so the bytes sent are the same.
/// </summary>
public sealed class NetworkCache : IDisposable
{
    private readonly MemoryCache? _cache;

    /// <summary>A cache of at most <paramref name="capacity"/> entries (answers and networks together); 0 turns caching off.</summary>
    public NetworkCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _cache = capacity == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.25 });
    }

    /// <summary>Most entries kept.</summary>
    public int Capacity { get; }

    /// <summary>Entries held now (never more than <see cref="Capacity"/>).</summary>
    public int Count => _cache?.Count ?? 0;

    /// <summary>The <c>/api/network</c> answer of a query; validation errors are thrown as by <see cref="DataQueries.Network(int?, string?, string?)"/>.</summary>
    public NetworkResponse Network(int? year, string? countries, string? group)
    {
        var (y, nodes) = DataQueries.NetworkQuery(year, countries, group);
        return Get(Key(Kind.Answer, y, nodes), () => DataQueries.Network(y, Build(y, nodes)));
    }

    /// <summary>The network of a year among the given countries and its summary, as <see cref="DataQueries.BuildNetwork"/> builds them.</summary>
    public (AllianceNetwork Network, NetworkSummary Summary) Build(int year, IReadOnlyList<string> nodes) =>
        Get(Key(Kind.Network, year, nodes), () => DataQueries.BuildNetwork(year, nodes));

    /// <inheritdoc/>
    public void Dispose() => _cache?.Dispose();

    private T Get<T>((Kind, int, string) key, Func<T> compute)
    {
        if (_cache is null)
        {
            return compute();
        }

        if (_cache.TryGetValue(key, out var hit) && hit is T value)
        {
            return value;
        }

        // Two first requests for one query may both compute it; the answers are equal and the second simply replaces the first.
        value = compute();
        using (var entry = _cache.CreateEntry(key))
        {
            entry.Size = 1;
            entry.Value = value;
        }

        return value;
    }

    // ISO3 codes hold no comma, so the joined list keeps both content and order (the answer lists nodes in the order given).
    private static (Kind, int, string) Key(Kind kind, int year, IReadOnlyList<string> nodes) => (kind, year, string.Join(',', nodes));

    private enum Kind
    {
        Answer,
        Network,
    }
}
