using Connector.Hosting;

namespace Connector.StreamIngest;

/// <summary>Everything the stream-ingest service registers: reads the OpenCTI live stream and publishes one IndicatorChanged per indicator and IOC.</summary>
public static class StreamIngestServiceCollectionExtensions
{
    /// <summary>Registers the service's settings and its bus; consumers are listed here as they are written.</summary>
    public static IServiceCollection AddStreamIngestServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenCtiOptions(configuration);
        services.AddConnectorOptions(configuration);

        // The service's consumers and sagas go here, in one list, as they are written.
        services.AddConnectorBus(configuration, bus => { });
        return services;
    }
}
