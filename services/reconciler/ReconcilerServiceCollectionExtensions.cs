using Connector.Hosting;

namespace Connector.Reconciler;

/// <summary>Everything the reconciler service registers: the periodic OpenCTI ⇄ Falcon diff and repair.</summary>
public static class ReconcilerServiceCollectionExtensions
{
    /// <summary>Registers the service's settings and its bus; consumers are listed here as they are written.</summary>
    public static IServiceCollection AddReconcilerServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenCtiOptions(configuration);
        services.AddConnectorOptions(configuration);
        services.AddIocPolicyOptions(configuration);

        // The service's consumers and sagas go here, in one list, as they are written.
        services.AddConnectorBus(configuration, bus => { });
        return services;
    }
}
