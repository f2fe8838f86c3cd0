using Connector.Hosting;

namespace Connector.IocSync;

/// <summary>Everything the ioc-sync service registers: one saga per IOC and the batched Falcon writer.</summary>
public static class IocSyncServiceCollectionExtensions
{
    /// <summary>Registers the service's settings and its bus; consumers are listed here as they are written.</summary>
    public static IServiceCollection AddIocSyncServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIocPolicyOptions(configuration);

        // The service's consumers and sagas go here, in one list, as they are written.
        services.AddConnectorBus(configuration, bus => { });
        return services;
    }
}
