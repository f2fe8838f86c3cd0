using Connector.Domain.Falcon;
using Connector.Falcon;
using Connector.Falcon.Configuration;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Connector.Hosting;
using Connector.IocSync.Persistence;
using Connector.IocSync.Redrive;
using Connector.IocSync.Settings;
using Connector.IocSync.Sagas;
using Connector.IocSync.Telemetry;
using Connector.IocSync.Writer;
using Connector.Persistence.Sagas;
using Connector.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.IocSync;

/// <summary>
/// Everything the ioc-sync service registers: one saga per IOC (applied in batches), the batched Falcon writer and
/// the stuck-write sweep.
/// </summary>
public static class IocSyncServiceCollectionExtensions
{
    /// <summary>Registers the service's settings, store, Falcon client and bus with its consumers and saga.</summary>
    public static IServiceCollection AddIocSyncServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddIocPolicyOptions(configuration);
        services.AddConnectorSettings<IocSyncOptions>(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IocSyncOptions>, IocSyncOptionsValidator>());
        services.AddFalconClient(configuration.GetSection("crowdstrike"));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => new IocSyncDecider(
            sp.GetRequiredService<IocPolicy>(),
            sp.GetRequiredService<IOptions<IocSyncOptions>>().Value.MaxTransientFailures));
        services.AddSingleton(sp => new IocOwnership(
            sp.GetRequiredService<IOptions<FalconOptions>>().Value.ClientId ?? "",
            sp.GetRequiredService<IocPolicy>(),
            sp.GetRequiredService<IOptions<IocSyncOptions>>().Value.TakeOverForeignIocs));

        var store = configuration[$"{IocSyncOptions.SectionName}:store"] is { Length: > 0 } configured
            ? configured
            : SqliteSagaStoreExtensions.DefaultConnectionString;
        var provider = configuration[$"{IocSyncOptions.SectionName}:store_provider"];
        services.AddSagaDbContext<IocSyncDbContext>(options =>
        {
            // A lost race between replicas is expected and handled (IocSagaBatch applies the batch again and says so);
            // EF Core would log each as an error with a stack trace. Other failures still reach MassTransit's retry
            // and fault logging.
            options.ConfigureWarnings(w => w.Log(
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug)));

            // A bad provider name is reported by the settings check at start; until then SQLite stands in.
            if (string.Equals(provider, IocSyncOptions.PostgreSqlProvider, StringComparison.OrdinalIgnoreCase))
            {
                options.UseNpgsql(store);
            }
            else
            {
                options.UseSagaSqlite(store);
            }
        });
        services.AddScoped<IocSagaBatch>();
        services.AddHostedService<SagaStateGauge>();
        services.AddHealthChecks().AddCheck<SagaStoreHealthCheck>("saga-store", tags: ["ready"]);

        services.AddConnectorBus(configuration, bus =>
        {
            bus.AddConsumer<IocSagaConsumer, IocSagaConsumerDefinition>();
            bus.AddConsumer<FalconWriter, FalconWriterDefinition>();
            bus.AddConsumer<RedriveStuckWritesConsumer, RedriveStuckWritesConsumerDefinition>();
        });
        return services;
    }
}
