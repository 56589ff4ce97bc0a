using System.Security.Cryptography;
using System.Text;

namespace Ballast.Games;

/// <summary>
/// Game ids and access codes: 128 random bits from <see cref="RandomNumberGenerator"/>, written in Crockford base 32.
/// Only a salted SHA-256 of each code is stored; a code is checked against every role's hash in constant time.
/// </summary>
internal static class GameCodes
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string NewGameId() => Encode(RandomNumberGenerator.GetBytes(10));

    public static string NewCode() => Encode(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string gameId, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(gameId + "\n" + code.Trim().ToLowerInvariant()))).ToLowerInvariant();

    /// <summary>The role key whose hash matches, or null; every hash is compared, so the time does not depend on which matched.</summary>
    public static string? Match(string gameId, string code, IReadOnlyDictionary<string, string> hashes)
    {
        var given = Convert.FromHexString(Hash(gameId, code));
        string? found = null;
        foreach (var (role, hash) in hashes.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (CryptographicOperations.FixedTimeEquals(given, Convert.FromHexString(hash)))
            {
                found = role;
            }
        }

        return found;
    }

    private static string Encode(byte[] bytes)
    {
        var sb = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            sb.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return sb.ToString();
    }
}
