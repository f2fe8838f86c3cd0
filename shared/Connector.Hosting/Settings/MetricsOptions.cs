using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Connector.Hosting.Settings;

/// <summary>
/// The service's HTTP listener and its Prometheus endpoint: section <c>metrics</c> (<c>METRICS_*</c>), as in the
/// Python connector. The listener also serves <c>/health/live</c> and <c>/health/ready</c>, whether or not
/// metrics are enabled; an explicit <c>ASPNETCORE_URLS</c> (or <c>--urls</c>) replaces it.
/// </summary>
public sealed class MetricsOptions : IConnectorSettings
{
    /// <summary>The Python connector's metrics port.</summary>
    public const int DefaultPort = 9113;

    /// <inheritdoc />
    public static string SectionName => "metrics";

    /// <summary>Serve Prometheus metrics at <c>/metrics</c> (<c>METRICS_ENABLE</c>).</summary>
    [ConfigurationKeyName("enable")]
    public bool Enable { get; set; }

    /// <summary>Address to listen on (<c>METRICS_ADDR</c>): an IP address, <c>localhost</c> or <c>*</c>.</summary>
    [ConfigurationKeyName("addr")]
    public string Addr { get; set; } = "0.0.0.0";

    /// <summary>TCP port to listen on (<c>METRICS_PORT</c>).</summary>
    [ConfigurationKeyName("port")]
    public int Port { get; set; } = DefaultPort;

    /// <summary>The URL Kestrel listens on, e.g. <c>http://0.0.0.0:9113</c> (IPv6 addresses bracketed).</summary>
    public string ListenUrl
    {
        get
        {
            var addr = Addr.Trim();
            var host = IPAddress.TryParse(addr, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"[{ip}]"
                : addr;
            return $"http://{host}:{Port.ToString(CultureInfo.InvariantCulture)}";
        }
    }
}
