using Microsoft.Extensions.Options;

namespace Connector.Hosting.Settings;

/// <summary>Checks <see cref="RabbitMqOptions"/> at start; never echoes the password.</summary>
internal sealed class RabbitMqOptionsValidator : IValidateOptions<RabbitMqOptions>
{
    private static readonly SettingName Host = new("rabbitmq", "host");
    private static readonly SettingName Port = new("rabbitmq", "port");
    private static readonly SettingName PrefetchCount = new("rabbitmq", "prefetch_count");

    public ValidateOptionsResult Validate(string? name, RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (Uri.CheckHostName(options.Host.Trim()) == UriHostNameType.Unknown)
        {
            failures.Add($"{Host} is '{options.Host}', which is not a host name: set it to the broker's host name or IP address only, e.g. rabbitmq; the port, virtual host and credentials have settings of their own.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{Port} is {options.Port}: set it to the broker's AMQP port between 1 and 65535 (5672 by default, usually 5671 with TLS).");
        }

        if (options.PrefetchCount is < 1 or > ushort.MaxValue)
        {
            failures.Add($"{PrefetchCount} is {options.PrefetchCount}: set it between 1 and {ushort.MaxValue}, or leave it unset for MassTransit's default.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
