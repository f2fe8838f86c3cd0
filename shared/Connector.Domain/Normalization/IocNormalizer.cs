using Connector.Contracts;

namespace Connector.Domain.Normalization;

/// <summary>
/// Turns a raw value from a pattern into the one canonical form Falcon stores, so the same IOC always has the
/// same <see cref="IocKey"/> (and saga). Surrounding whitespace is ignored for every type. Never throws for
/// bad input: an invalid value is a <see cref="NormalizationResult.Rejected"/> with a reason.
/// </summary>
public static class IocNormalizer
{
    /// <summary>Normalises <paramref name="raw"/> as an IOC of <paramref name="type"/>.</summary>
    public static NormalizationResult TryNormalize(IocType type, string? raw)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return NormalizationResult.Rejected("empty value");
        }

        return type switch
        {
            IocType.Sha256 => HashNormalizer.Normalize(type, value, 64),
            IocType.Md5 => HashNormalizer.Normalize(type, value, 32),
            IocType.Domain => DomainNormalizer.Normalize(value),
            IocType.Ipv4 => IpAddressNormalizer.NormalizeIpv4(value),
            IocType.Ipv6 => IpAddressNormalizer.NormalizeIpv6(value),
            _ => NormalizationResult.Rejected($"unknown IOC type {type}"),
        };
    }
}
