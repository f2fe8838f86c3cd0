using System.Security.Authentication;
using Connector.Hosting.Settings;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Hosting;

/// <summary>The services' MassTransit bus over RabbitMQ, set up the same way in every service.</summary>
public static class ConnectorBusExtensions
{
    /// <summary>Tags of the bus health check; <c>ready</c> puts it behind <c>/health/ready</c>.</summary>
    public static IReadOnlyList<string> HealthCheckTags { get; } = ["ready", "masstransit"];

    /// <summary>
    /// Adds MassTransit on RabbitMQ with <see cref="RabbitMqOptions"/>: kebab-case endpoint names, endpoints for every
    /// registered consumer and saga (<c>ConfigureEndpoints</c>), usage telemetry off (MassTransit would otherwise post
    /// it to the internet) and publisher confirms on (MassTransit's default). No delayed redelivery or scheduler:
    /// RabbitMQ here has no delayed-message plugin.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Configuration holding the <c>rabbitmq</c> section.</param>
    /// <param name="configure">Registers the service's consumers and sagas.</param>
    /// <param name="configureTransport">Adjusts the RabbitMQ bus before the endpoints are configured (topology, filters).</param>
    public static IServiceCollection AddConnectorBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? configure = null,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureTransport = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddRabbitMqOptions(configuration);
        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.SetKebabCaseEndpointNameFormatter();
            x.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "masstransit-bus";
                foreach (var tag in HealthCheckTags)
                {
                    health.Tags.Add(tag);
                }
            });

            configure?.Invoke(x);

            x.UsingRabbitMq((context, cfg) =>
            {
                // Read without validation: the bus is built early (the health checks resolve it when the endpoints are
                // mapped), and bad settings must surface as the start's one clear report, not as an exception here.
                var rabbit = SettingsBinder.Read<RabbitMqOptions>(configuration);
                var port = (ushort)Math.Clamp(rabbit.Port, 1, ushort.MaxValue);
                cfg.Host(rabbit.Host.Trim(), port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                    if (rabbit.UseSsl)
                    {
                        h.UseSsl(ssl =>
                        {
                            ssl.ServerName = rabbit.Host.Trim();
                            ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
                        });
                    }
                });

                if (rabbit.PrefetchCount is { } prefetch)
                {
                    cfg.PrefetchCount = Math.Clamp(prefetch, 1, ushort.MaxValue);
                }

                configureTransport?.Invoke(context, cfg);
                cfg.ConfigureEndpoints(context);
            });
        });

        return services;
    }
}
