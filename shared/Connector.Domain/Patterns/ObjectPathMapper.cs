using Connector.Contracts;

namespace Connector.Domain.Patterns;

/// <summary>
/// Maps the object paths that name a Falcon IOC type. Object types and property names match in any case
/// (STIX spells them in lowercase, but real feeds do not always); hash names match however they are quoted,
/// cased or hyphenated: <c>'SHA-256'</c>, <c>SHA256</c>, <c>sha-256</c>, <c>'MD5'</c>, <c>md5</c>.
/// </summary>
internal static class ObjectPathMapper
{
    public static IocType? Map(ObjectPath path)
    {
        var type = path.ObjectType.ToLowerInvariant();
        var steps = path.Steps;
        if (steps.Count == 1 && string.Equals(steps[0], "value", StringComparison.OrdinalIgnoreCase))
        {
            return type switch
            {
                "domain-name" or "hostname" => IocType.Domain,
                "ipv4-addr" => IocType.Ipv4,
                "ipv6-addr" => IocType.Ipv6,
                _ => null,
            };
        }

        if (type == "file" && steps.Count == 2 && string.Equals(steps[0], "hashes", StringComparison.OrdinalIgnoreCase))
        {
            var algorithm = steps[1].Replace("-", string.Empty, StringComparison.Ordinal)
                .Replace("_", string.Empty, StringComparison.Ordinal)
                .ToUpperInvariant();
            return algorithm switch
            {
                "SHA256" => IocType.Sha256,
                "MD5" => IocType.Md5,
                _ => null,
            };
        }

        return null;
    }
}
