using System.Security.Cryptography;
using System.Text;

namespace Connector.Contracts;

/// <summary>
/// One IOC's identity: its type and normalised value. Every message about the same IOC carries the same
/// key, and <see cref="CorrelationId"/> turns it into the id of the saga that owns the IOC.
/// </summary>
/// <param name="Type">The Falcon IOC type.</param>
/// <param name="Value">The normalised value (lowercase hash or domain, canonical IP address).</param>
public readonly record struct IocKey(IocType Type, string Value)
{
    // A fixed namespace makes the id a name-based UUID (RFC 9562 version 5): the same key gives the same
    // id in every process and release, which is what lets any service address the saga without a lookup.
    private static readonly Guid Namespace = new("6f1c3a52-8b0e-4e5c-9d7e-2a4b8f0c1d93");

    /// <summary>Falcon's lowercase type name, e.g. <c>sha256</c>.</summary>
    public string FalconType => Type.ToFalconType();

    /// <summary>The deterministic saga correlation id of this IOC.</summary>
    public Guid CorrelationId => NameBasedGuid(Namespace, $"{FalconType}:{Value}");

    /// <inheritdoc />
    public override string ToString() => $"{FalconType}:{Value}";

    private static Guid NameBasedGuid(Guid ns, string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        ns.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5 ids; it is not used for security.
        SHA1.HashData(input[..length], hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
