using System.Net;
using Ballast.Core;
using Ballast.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        Assert.Contains(query.Headers.GetValues("Set-Cookie"), v => v.StartsWith(AccessPolicy.Cookie + "=", StringComparison.Ordinal) && v.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_cookie_holds_a_session_token_derived_from_the_key_never_the_key()
    {
        const string Key = "s3cret-key-value";
        using var f = new BallastFactory().With("Urls", "http://0.0.0.0:8080").With("ApiKey", Key);
        var c = f.CreateClient(new() { HandleCookies = false });
        var query = await c.GetAsync("/burden?api_key=" + Key);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        var cookie = Assert.Single(query.Headers.GetValues("Set-Cookie"));
        var token = cookie[(AccessPolicy.Cookie.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
        Assert.DoesNotContain(Key, cookie, StringComparison.Ordinal);
        Assert.Equal(43, token.Length); // HMAC-SHA256, base64url without padding

        // The token opens the dashboard; the raw key in the cookie no longer does, nor does a guessed token.
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(WithCookie("/api/countries", token))).StatusCode);
        await (await c.SendAsync(WithCookie("/api/countries", Key))).Problem(HttpStatusCode.Unauthorized, "X-Api-Key");
        await (await c.SendAsync(WithCookie("/api/countries", new string('A', 43)))).Problem(HttpStatusCode.Unauthorized, "X-Api-Key");

        // Another process (another per-process secret) derives another token from the same key.
        using var other = new BallastFactory().With("Urls", "http://0.0.0.0:8080").With("ApiKey", Key);
        await (await other.CreateClient(new() { HandleCookies = false }).SendAsync(WithCookie("/api/countries", token))).Problem(HttpStatusCode.Unauthorized, "X-Api-Key");
    }

    private static HttpRequestMessage WithCookie(string url, string value)
    {
        var m = new HttpRequestMessage(HttpMethod.Get, url);
        m.Headers.Add("Cookie", $"{AccessPolicy.Cookie}={value}");
        return m;
    }

    [Fact]
    public async Task The_api_key_never_appears_in_a_log_line()
    {
        const string Key = "s3cret-key-value";
        var logs = new CapturedLogs();
        using var f = new BallastFactory().With("Urls", "http://0.0.0.0:8080").With("ApiKey", Key);
        using var logged = f.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace)));
        var c = logged.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/burden?api_key=" + Key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/api/countries?x=1&api_key=" + Key + "&y=2")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await c.GetAsync("/api/countries?api_key=wrong-guess")).StatusCode);
        var header = new HttpRequestMessage(HttpMethod.Get, "/api/countries");
        header.Headers.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(header)).StatusCode);
        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/burden?api_key=[redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/api/countries?x=1&api_key=[redacted]&y=2", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Key, StringComparison.Ordinal) || l.Contains("wrong-guess", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_public_address_bound_by_Kestrel_configuration_without_a_key_stops_the_server()
    {
        // Kestrel endpoints in configuration (here the command line; Kestrel__Endpoints__X__Url in the environment is the
        // same source) override the address the policy was given: the check is on what was actually bound.
        var store = BallastFactory.TempStore();
        var app = BallastWebApp.Build(["--Kestrel:Endpoints:Public:Url=http://0.0.0.0:0", "--Ballast:Store=" + store]);
        try
        {
            var e = await Assert.ThrowsAsync<BallastInputException>(() => app.StartAsync());
            Assert.Equal("Urls", e.Field);
            Assert.StartsWith("http://0.0.0.0:", e.Value, StringComparison.Ordinal);
            Assert.Contains("an API key is required when listening on anything but loopback", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_loopback_address_bound_by_Kestrel_configuration_starts_without_a_key()
    {
        var store = BallastFactory.TempStore();
        var app = BallastWebApp.Build(["--Kestrel:Endpoints:Local:Url=http://127.0.0.1:0", "--Ballast:Store=" + store]);
        try
        {
            await app.StartAsync();
            Assert.StartsWith("http://127.0.0.1:", Assert.Single(app.Urls), StringComparison.Ordinal);
            await app.StopAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("192.168.1.10", HttpStatusCode.Forbidden)]
    [InlineData("::ffff:10.0.0.1", HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("::ffff:127.0.0.1", HttpStatusCode.OK)]
    [InlineData("::1", HttpStatusCode.OK)]
    public async Task Without_a_key_a_request_arriving_on_a_public_address_is_refused(string local, HttpStatusCode expected)
    {
        // The per-request rule behind the start-up check: no window in which a public address serves without a key.
        var services = new ServiceCollection().AddSingleton(new AccessPolicy("http://127.0.0.1:5080", null)).BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Connection.LocalIpAddress = IPAddress.Parse(local);
        http.Response.Body = new MemoryStream();
        bool reached = false;
        await Guards.ApiKey(http, _ =>
        {
            reached = true;
            return Task.CompletedTask;
        });
        Assert.Equal(expected == HttpStatusCode.OK, reached);
        Assert.Equal((int)expected, http.Response.StatusCode);
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
