using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace FalconSim.Http;

/// <summary>Query string helpers. ASP.NET Core decodes the query like Falcon's gateway: an unencoded <c>+</c> is a space.</summary>
internal static class QueryParameters
{
    /// <summary>Ids from repeated keys (<c>ids=a&amp;ids=b</c>) and comma lists (<c>ids=a,b</c>), blanks dropped.</summary>
    public static List<string> List(StringValues values) =>
        [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    public static bool TryBool(IQueryCollection query, string name, out bool value, out string error)
    {
        value = false;
        error = "";
        var text = query[name].ToString();
        if (text.Length == 0 || bool.TryParse(text, out value))
        {
            return true;
        }

        error = $"Invalid value for '{name}': '{text}' is not true or false.";
        return false;
    }

    public static bool TryInt(IQueryCollection query, string name, int fallback, out int value, out string error)
    {
        value = fallback;
        error = "";
        var text = query[name].ToString();
        if (text.Length == 0 || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        error = $"Invalid value for '{name}': '{text}' is not a non-negative whole number.";
        return false;
    }
}
