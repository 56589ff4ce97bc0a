using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ballast.Core;

namespace Ballast.Web.Hosting;

/// <summary>
/// Who may call the app. Bound to loopback only, anyone on the machine may (like any local tool). Bound to anything
/// else, every request must carry the API key (header <c>X-Api-Key</c>, <c>Authorization: Bearer</c>, or the cookie the
/// dashboard sets after <c>?api_key=</c>); starting without a key in that case is refused.
/// </summary>
public sealed class AccessPolicy
{
    /// <summary>Request header carrying the key.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>Cookie the dashboard keeps the key in.</summary>
    public const string Cookie = "ballast_api_key";

    /// <summary>Query parameter that sets the cookie (for opening the dashboard in a browser).</summary>
    public const string Query = "api_key";

    private readonly byte[]? _key;

    /// <summary>Builds the policy; throws <see cref="BallastInputException"/> when a public binding has no key.</summary>
    public AccessPolicy(string urls, string? apiKey)
    {
        LoopbackOnly = IsLoopbackOnly(urls);
        _key = string.IsNullOrEmpty(apiKey) ? null : Encoding.UTF8.GetBytes(apiKey);
        if (!LoopbackOnly && _key is null)
        {
            throw new BallastInputException(
                $"an API key is required when listening on anything but loopback; give --api-key or set {BallastWebOptions.ApiKeyVariable}",
                field: "--urls",
                value: urls);
        }
    }

    /// <summary>True when every address is a loopback address.</summary>
    public bool LoopbackOnly { get; }

    /// <summary>True when requests must carry the key (a public binding, or a key configured on purpose).</summary>
    public bool KeyRequired => _key is not null;

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

            if (!IPAddress.TryParse(host.Trim('[', ']'), out var ip) || !IPAddress.IsLoopback(ip))
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
}
