using System.Security.Cryptography;
using System.Text;

namespace Connector.EndToEnd.Tests.Tracing;

/// <summary>The span attributes the services promise about one IOC (issue 6): names and how the value is hidden.</summary>
internal static class IocTraceAttributes
{
    public const string IndicatorId = "opencti.indicator.id";
    public const string IocType = "ioc.type";
    public const string ValueHash = "ioc.value_hash";
    public const string Operation = "ioc_sync.operation";
    public const string HttpStatus = "http.response.status_code";

    /// <summary>The value as spans name it: the first 8 bytes of its SHA-256 in lowercase hex, never the value itself.</summary>
    public static string HashOf(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));
}
