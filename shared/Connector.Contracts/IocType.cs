namespace Connector.Contracts;

/// <summary>The kinds of custom IOC that Falcon accepts and this connector manages.</summary>
/// <remarks>Serialised by name; the lowercase name is Falcon's own <c>type</c> value.</remarks>
public enum IocType
{
    Sha256,
    Md5,
    Domain,
    Ipv4,
    Ipv6,
}
