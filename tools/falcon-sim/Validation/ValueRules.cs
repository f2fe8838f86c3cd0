using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FalconSim.Validation;

/// <summary>The format of an IOC value for each type, and the other closed vocabularies of §4 of the spec.</summary>
internal static class ValueRules
{
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { "sha256", "md5", "domain", "ipv4", "ipv6" };

    public static readonly IReadOnlySet<string> Actions = new HashSet<string>(StringComparer.Ordinal) { "no_action", "allow", "prevent_no_ui", "prevent", "detect" };

    public static readonly IReadOnlySet<string> HashOnlyActions = new HashSet<string>(StringComparer.Ordinal) { "allow", "prevent_no_ui", "prevent" };

    public static readonly IReadOnlySet<string> ActionsNeedingSeverity = new HashSet<string>(StringComparer.Ordinal) { "detect", "prevent" };

    public static readonly IReadOnlySet<string> Severities = new HashSet<string>(StringComparer.Ordinal) { "informational", "low", "medium", "high", "critical" };

    public static readonly IReadOnlySet<string> Platforms = new HashSet<string>(StringComparer.Ordinal) { "windows", "mac", "linux", "android", "ios" };

    public static readonly IReadOnlySet<string> MobilePlatforms = new HashSet<string>(StringComparer.Ordinal) { "android", "ios" };

    public static readonly IReadOnlySet<string> MobileActions = new HashSet<string>(StringComparer.Ordinal) { "no_action", "allow", "detect", "prevent" };

    public const int MaxDomainLength = 200;

    public const int MaxTextLength = 200;

    public static bool IsHash(string type) => type is "sha256" or "md5";

    public static bool IsValidValue(string type, string value) => type switch
    {
        "sha256" => IsHex(value, 64),
        "md5" => IsHex(value, 32),
        "domain" => IsDomain(value),
        "ipv4" => IsIpv4(value),
        "ipv6" => IsIpv6(value),
        _ => false,
    };

    /// <summary>Exactly <paramref name="length"/> hex digits, either case (uniqueness ignores case).</summary>
    public static bool IsHex(string value, int length) => value.Length == length && value.All(char.IsAsciiHexDigit);

    /// <summary>
    /// 1–200 characters of labels separated by dots: no whitespace, no URL or path characters, no empty label.
    /// A single trailing dot is accepted and kept, so <c>x.example.</c> is a different value from <c>x.example</c>.
    /// </summary>
    public static bool IsDomain(string value)
    {
        if (value.Length is 0 or > MaxDomainLength || value[0] == '.')
        {
            return false;
        }

        var body = value.EndsWith('.') ? value[..^1] : value;
        if (body.Length == 0 || body.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return body.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.');
    }

    /// <summary>Dotted quad, four decimal octets 0–255 without leading zeros (no shorthand such as <c>10.1</c>).</summary>
    public static bool IsIpv4(string value)
    {
        var parts = value.Split('.');
        return parts.Length == 4 && parts.All(p =>
            p.Length is >= 1 and <= 3
            && p.All(char.IsAsciiDigit)
            && (p.Length == 1 || p[0] != '0')
            && int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>A textual IPv6 address (any valid form, not canonicalised), without zone, brackets or prefix.</summary>
    public static bool IsIpv6(string value) =>
        value.Contains(':', StringComparison.Ordinal)
        && value.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
        && IPAddress.TryParse(value, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;
}
