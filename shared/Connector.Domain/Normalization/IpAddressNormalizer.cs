using System.Net;
using System.Net.Sockets;
using Connector.Contracts;

namespace Connector.Domain.Normalization;

/// <summary>
/// IP addresses: single addresses only (Falcon IOCs hold no ranges), in the canonical text form.
/// <para>IPv4 is read strictly as four dotted decimal octets 0–255. <c>IPAddress.TryParse</c> is not used for it
/// because it accepts forms that mean something else to other tools (<c>1.2.3</c> → 1.2.0.3, <c>0x7f.1</c>,
/// <c>010.0.0.1</c> which is 8.0.0.1 to inet_aton but 10.0.0.1 to a reader). An octet with a leading zero is
/// therefore rejected as ambiguous rather than guessed.</para>
/// <para>IPv6 is parsed by <see cref="IPAddress"/> and written back in RFC 5952 form (<c>::1</c>, lowercase,
/// longest zero run compressed). Zone indexes (<c>%eth0</c>) and brackets are rejected; an IPv4-mapped address
/// (<c>::ffff:1.2.3.4</c>) is a valid IPv6 value and kept as such.</para>
/// </summary>
internal static class IpAddressNormalizer
{
    public static NormalizationResult NormalizeIpv4(string value)
    {
        if (value.Contains('/', StringComparison.Ordinal))
        {
            return NormalizationResult.Rejected("CIDR ranges are not supported");
        }

        if (value.Contains(':', StringComparison.Ordinal) && IsIpv6(value))
        {
            return NormalizationResult.Rejected("an IPv6 address where an IPv4 address is expected");
        }

        var parts = value.Split('.');
        if (parts.Length != 4)
        {
            return NormalizationResult.Rejected("IPv4 address must be four dotted decimal octets");
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit))
            {
                return NormalizationResult.Rejected("IPv4 address must be four dotted decimal octets");
            }

            if (part.Length > 1 && part[0] == '0')
            {
                return NormalizationResult.Rejected($"IPv4 octet '{part}' has a leading zero (octal or decimal is ambiguous)");
            }

            if (part.Length == 3 && string.CompareOrdinal(part, "255") > 0)
            {
                return NormalizationResult.Rejected($"IPv4 octet '{part}' is greater than 255");
            }
        }

        // Four leading-zero-free octets are already canonical.
        return NormalizationResult.Ok(new IocKey(IocType.Ipv4, value));
    }

    public static NormalizationResult NormalizeIpv6(string value)
    {
        if (value.Contains('/', StringComparison.Ordinal))
        {
            return NormalizationResult.Rejected("CIDR ranges are not supported");
        }

        if (value.Contains('%', StringComparison.Ordinal))
        {
            return NormalizationResult.Rejected("IPv6 zone indexes are not supported");
        }

        if (!value.Contains(':', StringComparison.Ordinal))
        {
            return NormalizeIpv4(value).IsOk
                ? NormalizationResult.Rejected("an IPv4 address where an IPv6 address is expected")
                : NormalizationResult.Rejected("not a valid IPv6 address");
        }

        // Only the characters of the textual forms: keeps out brackets, ports and other notations TryParse tolerates.
        if (!value.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
        {
            return NormalizationResult.Rejected("not a valid IPv6 address");
        }

        return IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? NormalizationResult.Ok(new IocKey(IocType.Ipv6, address.ToString()))
            : NormalizationResult.Rejected("not a valid IPv6 address");
    }

    private static bool IsIpv6(string value) =>
        IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
}
