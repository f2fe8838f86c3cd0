using Connector.Contracts;

namespace Connector.Falcon.Tests.Contract;

/// <summary>Valid IOCs to write, as the connector would build them.</summary>
internal static class TestIocs
{
    public const string Source = "OpenCTI IOC";

    public static readonly DateTimeOffset Expiration = new(2031, 6, 1, 12, 30, 0, TimeSpan.Zero);

    public static FalconIocFields Fields(string severity = "high", params string[] tags) => new()
    {
        Action = "detect",
        MobileAction = "no_action",
        Severity = severity,
        Platforms = ["linux", "mac", "windows"],
        Tags = [.. tags.Order(StringComparer.Ordinal)],
        Description = "from a contract test",
        Expiration = Expiration,
        Source = Source,
    };

    public static FalconIocWrite Domain(string value, string severity = "high") =>
        FalconIocWrite.From(new IocKey(IocType.Domain, value), Fields(severity, "c2"));

    public static FalconIocWrite Write(IocType type, string value) =>
        FalconIocWrite.From(new IocKey(type, value), Fields("medium"));

    public static string Sha256(int n) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n)));
}
