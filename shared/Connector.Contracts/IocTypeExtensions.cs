namespace Connector.Contracts;

/// <summary>Conversions between <see cref="IocType"/> and Falcon's type names.</summary>
public static class IocTypeExtensions
{
    /// <summary>Falcon's lowercase type name.</summary>
    public static string ToFalconType(this IocType type) => type switch
    {
        IocType.Sha256 => "sha256",
        IocType.Md5 => "md5",
        IocType.Domain => "domain",
        IocType.Ipv4 => "ipv4",
        IocType.Ipv6 => "ipv6",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown IOC type."),
    };

    /// <summary>Parses Falcon's type name; false for types this connector does not manage.</summary>
    public static bool TryParseFalconType(string? falconType, out IocType type)
    {
        switch (falconType?.ToLowerInvariant())
        {
            case "sha256": type = IocType.Sha256; return true;
            case "md5": type = IocType.Md5; return true;
            case "domain": type = IocType.Domain; return true;
            case "ipv4": type = IocType.Ipv4; return true;
            case "ipv6": type = IocType.Ipv6; return true;
            default: type = default; return false;
        }
    }

    /// <summary>True for the hash types, the only ones Falcon lets <c>allow</c>/<c>prevent</c>.</summary>
    public static bool IsHash(this IocType type) => type is IocType.Sha256 or IocType.Md5;
}
