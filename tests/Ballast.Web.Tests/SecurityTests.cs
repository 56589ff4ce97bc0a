using System.Net;
using Ballast.Core;
using Ballast.Web.Hosting;

namespace Ballast.Web.Tests;

public sealed class SecurityTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://127.0.0.1:1;http://localhost:2", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://192.168.1.10:8080", false)]
    [InlineData("http://127.0.0.1:1;http://10.0.0.1:2", false)]
    public void Loopback_detection(string urls, bool loopback) => Assert.Equal(loopback, AccessPolicy.IsLoopbackOnly(urls));

    [Fact]
    public void A_public_binding_without_a_key_is_refused_at_start()
    {
        var e = Assert.Throws<BallastInputException>(() => new AccessPolicy("http://0.0.0.0:8080", null));
        Assert.Equal("--urls", e.Field);
        Assert.Contains("API key is required", e.Message, StringComparison.Ordinal);
        Assert.Throws<BallastInputException>(() => AccessPolicy.IsLoopbackOnly("ftp://x"));
    }

    [Fact]
    public async Task With_a_public_binding_every_request_needs_the_key()
    {
        using var f = new BallastFactory().With("Urls", "http://0.0.0.0:8080").With("ApiKey", "s3cret");
        var c = f.CreateClient();
        var p = await (await c.GetAsync("/api/countries")).Problem(HttpStatusCode.Unauthorized, "X-Api-Key");
        Assert.Contains("X-Api-Key", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/countries");
        wrong.Headers.Add("X-Api-Key", "guess");
        await (await c.SendAsync(wrong)).Problem(HttpStatusCode.Unauthorized, "X-Api-Key");
        var right = new HttpRequestMessage(HttpMethod.Get, "/api/countries");
        right.Headers.Add("X-Api-Key", "s3cret");
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(right)).StatusCode);
        var bearer = new HttpRequestMessage(HttpMethod.Get, "/burden");
        bearer.Headers.Authorization = new("Bearer", "s3cret");
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(bearer)).StatusCode);
        var query = await c.GetAsync("/burden?api_key=s3cret");
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Contains(query.Headers.GetValues("Set-Cookie"), v => v.StartsWith(AccessPolicy.Cookie + "=s3cret", StringComparison.Ordinal) && v.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_public_binding_without_a_key_does_not_start()
    {
        using var f = new BallastFactory().With("Urls", "http://0.0.0.0:8080");
        var e = Assert.ThrowsAny<Exception>(() => f.CreateClient());
        Assert.Contains("API key is required", (e.InnerException ?? e).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loopback_needs_no_key()
    {
        using var f = new BallastFactory();
        Assert.Equal(HttpStatusCode.OK, (await f.CreateClient().GetAsync("/api/countries")).StatusCode);
    }

    [Fact]
    public void Bad_limits_are_refused()
    {
        Assert.Equal(("MaxRunsPerJob", "must be a positive number"), new BallastWebOptions { MaxRunsPerJob = 0 }.Check());
        Assert.Null(new BallastWebOptions().Check());
    }
}
