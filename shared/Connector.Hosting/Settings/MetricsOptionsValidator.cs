using System.Net;
using Microsoft.Extensions.Options;

namespace Connector.Hosting.Settings;

/// <summary>Checks <see cref="MetricsOptions"/> at start.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    private static readonly SettingName Addr = new("metrics", "addr");
    private static readonly SettingName Port = new("metrics", "port");

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        var addr = options.Addr.Trim();
        if (!IPAddress.TryParse(addr, out _) && addr is not ("localhost" or "*"))
        {
            failures.Add($"{Addr} is '{options.Addr}', which is not an IP address: set it to the address to listen on, e.g. 0.0.0.0 (every IPv4 interface, the default), :: or 127.0.0.1.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{Port} is {options.Port}: set it to a TCP port between 1 and 65535 (default {MetricsOptions.DefaultPort}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
