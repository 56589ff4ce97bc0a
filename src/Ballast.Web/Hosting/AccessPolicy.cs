using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Ballast.Web.Hosting;

/// <summary>
/// Who may call the app. Bound to loopback only, anyone on the machine may (like any local tool). Bound to anything
/// else, every request must carry the API key (header <c>X-Api-Key</c>, <c>Authorization: Bearer</c>, or the session
/// cookie the dashboard gets after <c>?api_key=</c>); starting without a key in that case is refused, judged both on the
/// configured URLs and on the addresses the server actually bound (Kestrel endpoints in configuration override URLs).
/// </summary>
public sealed class AccessPolicy
{
    /// <summary>Request header carrying the key.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>Cookie the dashboard keeps its session token in (never the key itself).</summary>
    public const string Cookie = "ballast_api_key";

    /// <summary>Query parameter that sets the cookie (for opening the dashboard in a browser).</summary>
    public const string Query = "api_key";

    /// <summary>Environment variable read for the key when none is configured.</summary>
    public const string KeyVariable = "BALLAST_API_KEY";

    private const string KeyRequiredReason = $"an API key is required when listening on anything but loopback; give --api-key or set {KeyVariable}";

    private readonly byte[]? _key;

    /// <summary>Builds the policy; throws <see cref="BallastInputException"/> when a public binding has no key.</summary>
    public AccessPolicy(string urls, string? apiKey)
    {
        LoopbackOnly = IsLoopbackOnly(urls);
        _key = string.IsNullOrEmpty(apiKey) ? null : Encoding.UTF8.GetBytes(apiKey);
        if (!LoopbackOnly && _key is null)
        {
            throw new BallastInputException(KeyRequiredReason, field: "--urls", value: urls);
        }

        if (_key is not null)
        {
            // HMAC of the key under a secret drawn at start: a stolen cookie or log line never reveals the key, and a
            // restart (a new secret) ends every browser session.
            var mac = HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), _key);
            SessionToken = Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }
    }

    /// <summary>The key in force: the configured one, else <see cref="KeyVariable"/>'s, else null (no key).</summary>
    public static string? KeyOrEnvironment(string? configured) =>
        string.IsNullOrEmpty(configured) ? Environment.GetEnvironmentVariable(KeyVariable) : configured;

    /// <summary>The value of the session cookie (base64url HMAC-SHA256 of the key, this process only), or null without a key.</summary>
    public string? SessionToken { get; }

    /// <summary>True when every address is a loopback address.</summary>
    public bool LoopbackOnly { get; }

    /// <summary>True when requests must carry the key (a public binding, or a key configured on purpose).</summary>
    public bool KeyRequired => _key is not null;

    /// <summary>
    /// Checks the addresses the server actually listens on (after start); throws <see cref="BallastInputException"/>
    /// naming the first one beyond loopback when there is no key.
    /// </summary>
    public void CheckBound(IEnumerable<string> addresses)
    {
        if (_key is not null)
        {
            return;
        }

        foreach (var address in addresses)
        {
            if (!IsLoopbackOnly(address))
            {
                throw new BallastInputException(KeyRequiredReason, field: "Urls", value: address);
            }
        }
    }

    /// <summary>True for a loopback address, IPv4-mapped ones included (a dual-stack socket reports ::ffff:127.0.0.1).</summary>
    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>True when every URL's host is loopback (127.0.0.0/8, ::1 or localhost).</summary>
    public static bool IsLoopbackOnly(string urls)
    {
        var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0)
        {
            throw new BallastInputException("no address to listen on", field: "--urls", value: urls);
        }

        foreach (var url in list)
        {
            // Kestrel's wildcard forms are not URIs; they mean "every interface".
            var host = HostOf(url);
            if (host is null)
            {
                throw new BallastInputException("not a URL like http://127.0.0.1:5080", field: "--urls", value: url);
            }

            if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!IPAddress.TryParse(host.Trim('[', ']'), out var ip) || !IsLoopback(ip))
            {
                return false;
            }
        }

        return true;
    }

    private static string? HostOf(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }

        var scheme = url[..schemeEnd];
        if (scheme is not ("http" or "https"))
        {
            return null;
        }

        var rest = url[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? authority[..(close + 1)] : null;
        }

        var colon = authority.LastIndexOf(':');
        var host = colon >= 0 ? authority[..colon] : authority;
        return host.Length == 0 ? null : host;
    }

    /// <summary>True when the presented key matches (constant-time comparison).</summary>
    public bool Accepts(string? presented)
    {
        if (_key is null)
        {
            return true;
        }

        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        return CryptographicOperations.FixedTimeEquals(bytes, _key);
    }

    /// <summary>True when the presented session cookie is this process's token (constant-time comparison).</summary>
    public bool AcceptsSession(string? token)
    {
        if (_key is null)
        {
            return true;
        }

        return token is not null && SessionToken is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(SessionToken));
    }
}
