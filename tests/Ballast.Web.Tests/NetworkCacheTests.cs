using System.Net;
using System.Text.Json;
using Ballast.Core;
using Ballast.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Ballast.Web.Tests;

/// <summary>The network cache: same bytes as computing afresh, one entry per normalised query, bounded.</summary>
public sealed class NetworkCacheTests : IClassFixture<NetworkCacheTests.Servers>
{
    // Distinct queries: years, selections, and one selection in two orders (the answer lists nodes in the order given).
    private static readonly string[] Queries =
    [
        "year=2024", "year=1990", "year=2024&countries=USA,JPN,AUS,IND", "year=2018&countries=USA,JPN,AUS,IND", "year=2024&countries=JPN,USA,AUS,IND",
    ];

    private readonly Servers _s;

    public NetworkCacheTests(Servers s) => _s = s;

    public sealed class Servers : IDisposable
    {
        public BallastFactory Cached { get; } = new();

        public BallastFactory Uncached { get; } = new BallastFactory().With("NetworkCacheEntries", "0");

        public void Dispose()
        {
            Cached.Dispose();
            Uncached.Dispose();
        }
    }

    private static async Task<byte[]> Bytes(HttpClient c, string url)
    {
        using var r = await c.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadAsByteArrayAsync();
    }

    private static string Json(NetworkResponse r) => JsonSerializer.Serialize(r, JsonSerializerOptions.Web);

    [Fact]
    public async Task Cached_answers_are_the_bytes_of_uncached_ones_and_distinct_queries_get_distinct_answers()
    {
        var cached = _s.Cached.CreateClient();
        var uncached = _s.Uncached.CreateClient();
        var answers = new List<string>();
        foreach (var q in Queries)
        {
            var fresh = await Bytes(uncached, "/api/network?" + q);
            var first = await Bytes(cached, "/api/network?" + q);
            var again = await Bytes(cached, "/api/network?" + q);
            Assert.Equal(fresh, first);
            Assert.Equal(fresh, again);
            answers.Add(Convert.ToBase64String(fresh));
        }

        Assert.Equal(Queries.Length, answers.Distinct(StringComparer.Ordinal).Count());
        Assert.True(_s.Cached.Services.GetRequiredService<NetworkCache>().Count >= Queries.Length);
        Assert.Equal(0, _s.Uncached.Services.GetRequiredService<NetworkCache>().Count);
    }

    [Fact]
    public async Task The_network_figure_draws_the_same_with_and_without_the_cache()
    {
        const string url = "/api/figures/network.csv?years=1990,2005,2024";
        using var uncached = _s.Uncached.CreateClient();
        using var cached = _s.Cached.CreateClient();
        var fresh = await (await uncached.GetAsync(url)).Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(fresh);
        Assert.Equal(fresh, await (await cached.GetAsync(url)).Content.ReadAsByteArrayAsync());
        Assert.Equal(fresh, await (await cached.GetAsync(url)).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Bad_queries_are_refused_as_before_and_not_cached()
    {
        var c = _s.Cached.CreateClient();
        await (await c.GetAsync("/api/network?year=1700")).Problem(HttpStatusCode.BadRequest, "year");
        await (await c.GetAsync("/api/network?countries=ATL")).Problem(HttpStatusCode.BadRequest, "countries");
        await (await c.GetAsync("/api/network?countries=USA&group=quad")).Problem(HttpStatusCode.BadRequest, "countries");
    }

    [Fact]
    public void Queries_that_resolve_to_the_same_year_and_countries_share_one_entry()
    {
        using var cache = new NetworkCache(16);
        var a = cache.Network(2024, null, null);
        Assert.Same(a, cache.Network(null, null, null)); // 2024 is the default year
        Assert.Same(cache.Network(2024, "USA,JPN", null), cache.Network(2024, "usa, jpn, USA", null));
        var quad = DataQueries.NetworkQuery(2024, null, "quad").Nodes;
        Assert.Same(cache.Network(2024, null, "quad"), cache.Network(2024, string.Join(',', quad), null));
        Assert.NotSame(cache.Network(2024, "USA,JPN", null), cache.Network(2024, "JPN,USA", null));
        Assert.NotSame(a, cache.Network(2023, null, null));
        Assert.Equal(Json(DataQueries.Network(2024, null, "quad")), Json(cache.Network(2024, null, "quad")));
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_capacity_and_answers_stay_right_when_full()
    {
        using var cache = new NetworkCache(4);
        for (var y = 1990; y <= 2024; y++)
        {
            Assert.Equal(Json(DataQueries.Network(y, null, null)), Json(cache.Network(y, null, null)));
            Assert.InRange(cache.Count, 0, 4);
        }

        var e = Assert.Throws<BallastInputException>(() => cache.Network(1700, null, null));
        Assert.Equal("year", e.Field);
        using var off = new NetworkCache(0);
        Assert.Equal(Json(DataQueries.Network(2005, null, null)), Json(off.Network(2005, null, null)));
        Assert.Equal(0, off.Count);
    }
}
