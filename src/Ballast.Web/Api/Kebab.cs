using System.Text;

namespace Ballast.Web.Api;

/// <summary>Enum values in the scenario schema's spelling (<c>HubAndSpokes</c> → <c>hub-and-spokes</c>), as the loader reads them.</summary>
internal static class Kebab
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var s = value.ToString();
        var sb = new StringBuilder(s.Length + 4);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsUpper(s[i]) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(s[i]));
        }

        return sb.ToString();
    }
}
