using Connector.Hosting;
using Connector.Hosting.Settings;
using Connector.OpenCti;
using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;
using Connector.StreamIngest.Diagnostics;
using Connector.StreamIngest.Health;
using Connector.StreamIngest.Ingest;
using Connector.StreamIngest.Settings;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.StreamIngest;

/// <summary>Everything the stream-ingest service registers: reads the OpenCTI live stream and publishes one IndicatorChanged per indicator and IOC.</summary>
public static class StreamIngestServiceCollectionExtensions
{
    /// <summary>
    /// Registers the service's settings, the OpenCTI client (built from the validated settings), the bus, the live stream
    /// reader and its ready check.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The connector's configuration.</param>
    /// <param name="configureTransport">Adjusts the RabbitMQ bus (tests add publish filters here).</param>
    public static IServiceCollection AddStreamIngestServices(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureTransport = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOpenCtiOptions(configuration);
        services.AddConnectorOptions(configuration);
        services.AddConnectorSettings<StreamIngestOptions>(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StreamIngestOptions>, StreamIngestOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The OpenCTI client's records come from the validated options, read when first needed (after the start's checks).
        services.AddOpenCtiClient(sp => OpenCtiClientSettings.Connection(sp.GetRequiredService<IOptions<OpenCtiOptions>>().Value));
        services.TryAddSingleton(sp => OpenCtiClientSettings.LiveStream(sp.GetRequiredService<IOptions<ConnectorOptions>>().Value));
        services.TryAddSingleton(sp => OpenCtiClientSettings.Identity(sp.GetRequiredService<IOptions<ConnectorOptions>>().Value));
        services.TryAddSingleton<LiveStreamClient>();
        services.TryAddSingleton<ConnectorStateKeeper>();

        // The service publishes only: no consumers.
        services.AddConnectorBus(configuration, configure: null, configureTransport);

        services.TryAddSingleton<StreamIngestMetrics>();
        services.TryAddSingleton<LiveStreamStatus>();
        services.TryAddSingleton<StreamIngestExit>();
        services.TryAddSingleton<ResilientPublisher>();
        services.AddHealthChecks().AddCheck<LiveStreamHealthCheck>(LiveStreamHealthCheck.Name, tags: [ServiceDefaultsExtensions.ReadyTag]);

        // Hosted services stop in reverse order: the reader first (draining its publishes while the bus is still up), then
        // the keeper (which sends the last confirmed position), then the bus.
        services.AddHostedService(sp => sp.GetRequiredService<ConnectorStateKeeper>());
        services.AddHostedService<LiveStreamIngestor>();
        return services;
    }
}
