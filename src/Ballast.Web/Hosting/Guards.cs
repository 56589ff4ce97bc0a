using Microsoft.AspNetCore.Http.Features;

namespace Ballast.Web.Hosting;

/// <summary>Request guards that run before any endpoint: the API key and the request size cap.</summary>
internal static class Guards
{
    /// <summary>
    /// Rejects requests without the key (401 problem) when the policy requires one; <c>?api_key=</c> sets the session
    /// cookie. Without a key, a request that arrived on an address beyond loopback is refused (403): whatever bound it.
    /// </summary>
    public static async Task ApiKey(HttpContext http, RequestDelegate next)
    {
        var policy = http.RequestServices.GetRequiredService<AccessPolicy>();
        if (!policy.KeyRequired)
        {
            // The start-up check stops a server bound beyond loopback without a key; this closes the moment before it.
            if (http.Connection.LocalIpAddress is { } local && !AccessPolicy.IsLoopback(local))
            {
                await Problems.Write(http, Problems.Status(
                    403,
                    "API key required",
                    "This server has no API key and answers on loopback only; start it with an API key to serve other addresses.",
                    AccessPolicy.Header));
                return;
            }

            await next(http);
            return;
        }

        var presented = http.Request.Headers[AccessPolicy.Header].FirstOrDefault();
        var auth = http.Request.Headers.Authorization.FirstOrDefault();
        if (presented is null && auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = auth["Bearer ".Length..].Trim();
        }

        var fromQuery = http.Request.Query[AccessPolicy.Query].FirstOrDefault();
        presented ??= fromQuery;
        var session = presented is null ? http.Request.Cookies[AccessPolicy.Cookie] : null;
        if (session is not null ? !policy.AcceptsSession(session) : !policy.Accepts(presented))
        {
            http.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
            await Problems.Write(http, Problems.Status(
                401,
                "API key required",
                presented is null && session is null
                    ? "This server listens beyond loopback: send the API key in the X-Api-Key header (or open the dashboard once with ?api_key=KEY)."
                    : "The API key does not match.",
                AccessPolicy.Header));
            return;
        }

        if (fromQuery is not null)
        {
            // The browser keeps a session token (derived from the key, never the key) so the dashboard's own requests carry it.
            http.Response.Cookies.Append(AccessPolicy.Cookie, policy.SessionToken!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true });
        }

        await next(http);
    }

    /// <summary>Refuses bodies over the cap: by Content-Length up front (413 problem), by counting when the length is unknown.</summary>
    public static async Task RequestSize(HttpContext http, RequestDelegate next)
    {
        var max = http.RequestServices.GetRequiredService<IOptions<BallastWebOptions>>().Value.MaxRequestBytes;
        if (http.Request.ContentLength is long length && length > max)
        {
            await Problems.Write(http, TooLarge(max));
            return;
        }

        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = max;
        }

        // Hosts without the feature (the test server) still get the cap through a counting stream.
        http.Request.Body = new LimitedStream(http.Request.Body, max);
        await next(http);
    }

    public static Microsoft.AspNetCore.Mvc.ProblemDetails TooLarge(long max) =>
        Problems.Status(413, "Request too large", $"The request body is larger than the limit of {max} bytes (MaxRequestBytes).", "body");

    /// <summary>A read-only stream that throws a 413 <see cref="BadHttpRequestException"/> past its limit.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            _read += n;
            if (_read > limit)
            {
                throw new BadHttpRequestException($"The request body is larger than the limit of {limit} bytes (MaxRequestBytes).", StatusCodes.Status413PayloadTooLarge);
            }

            return n;
        }
    }
}
