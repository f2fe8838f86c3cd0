using Microsoft.Extensions.Configuration;

namespace Connector.Hosting.Settings;

/// <summary>
/// The RabbitMQ broker that carries the services' messages: section <c>rabbitmq</c> (<c>RABBITMQ_*</c>), new
/// (the Python connector had no broker of its own).
/// </summary>
public sealed class RabbitMqOptions : IConnectorSettings
{
    /// <inheritdoc />
    public static string SectionName => "rabbitmq";

    /// <summary>Broker host name or IP address (<c>RABBITMQ_HOST</c>).</summary>
    [ConfigurationKeyName("host")]
    public string Host { get; set; } = "localhost";

    /// <summary>AMQP port (<c>RABBITMQ_PORT</c>); 5671 is the usual one with TLS.</summary>
    [ConfigurationKeyName("port")]
    public int Port { get; set; } = 5672;

    /// <summary>Virtual host (<c>RABBITMQ_VHOST</c>).</summary>
    [ConfigurationKeyName("vhost")]
    public string VirtualHost { get; set; } = "/";

    /// <summary>User name (<c>RABBITMQ_USERNAME</c>).</summary>
    [ConfigurationKeyName("username")]
    public string Username { get; set; } = "guest";

    /// <summary>Password (<c>RABBITMQ_PASSWORD</c>); a secret, never logged.</summary>
    [ConfigurationKeyName("password")]
    public string Password { get; set; } = "guest";

    /// <summary>Connect with TLS (<c>RABBITMQ_USE_SSL</c>), checking the broker's certificate against <see cref="Host"/>.</summary>
    [ConfigurationKeyName("use_ssl")]
    public bool UseSsl { get; set; }

    /// <summary>Messages each consumer may hold unacknowledged (<c>RABBITMQ_PREFETCH_COUNT</c>); unset keeps MassTransit's default.</summary>
    [ConfigurationKeyName("prefetch_count")]
    public int? PrefetchCount { get; set; }
}
