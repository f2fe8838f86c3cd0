using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenCtiSim.Stix;

/// <summary>The platform's id schemes: random internal ids, deterministic (uuid v5) standard ids.</summary>
internal static class SimIds
{
    // OpenCTI's namespace for the standard ids of domain objects.
    private static readonly Guid OpenCtiNamespace = Guid.Parse("b639ff3b-00eb-42ed-aa36-a8dd6f8fb4cf");

    private static readonly JsonSerializerOptions JsLike = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>OpenCTI derives an indicator's standard id from its pattern alone (<c>{"pattern": ...}</c>).</summary>
    public static string IndicatorStandardId(string pattern) =>
        "indicator--" + UuidV5(OpenCtiNamespace, $$"""{"pattern":"{{JsonEncodedText.Encode(pattern, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}}"}""");

    public static string IdentityStandardId(string name, string identityClass) =>
        "identity--" + UuidV5(OpenCtiNamespace, JsonSerializer.Serialize(
            new Dictionary<string, string> { ["name"] = name.ToLowerInvariant(), ["identity_class"] = identityClass }, JsLike));

    /// <summary>Label ids are random in OpenCTI; here they derive from the value so tests can compute them.</summary>
    public static string LabelId(string value) => UuidV5(OpenCtiNamespace, "label:" + value.ToLowerInvariant());

    public static string NewInternalId() => Guid.NewGuid().ToString();

    /// <summary>A version-4 uuid drawn from <paramref name="random"/>, so generated data is reproducible.</summary>
    public static string RandomUuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    public static string UuidV5(Guid ns, string name)
    {
        Span<byte> nsBytes = stackalloc byte[16];
        ns.TryWriteBytes(nsBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        nsBytes.CopyTo(input);
        nameBytes.CopyTo(input, 16);
#pragma warning disable CA5350 // RFC 4122 defines uuid v5 with SHA-1; this is an identifier, not security.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
