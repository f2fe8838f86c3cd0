using Connector.Domain.Falcon;
using Connector.Falcon;
using Connector.Falcon.Configuration;
using Connector.Hosting;
using Connector.OpenCti;
using Connector.Reconciler.Actual;
using Connector.Reconciler.Desired;
using Connector.Reconciler.Repair;
using Connector.Reconciler.Reports;
using Connector.Reconciler.Runs;
using Connector.Reconciler.Settings;
using Connector.Reconciler.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Reconciler;

/// <summary>Everything the reconciler service registers: the periodic OpenCTI ⇄ Falcon diff and repair.</summary>
public static class ReconcilerServiceCollectionExtensions
{
    // Registration needs an address before the settings are validated; a bad OPENCTI_URL fails the start (with the
    // other problems) before any call could reach this placeholder.
    private static readonly Uri UnsetOpenCtiUrl = new("http://opencti.invalid/");

    /// <summary>
    /// The service: settings, clients, the run (<see cref="IReconciler"/>), the interval scheduler, and the bus with the
    /// <see cref="ReconciliationRequestedConsumer"/>; repairs are published on the bus.
    /// </summary>
    public static IServiceCollection AddReconcilerServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReconciler(configuration);
        services.TryAddSingleton<IRepairSender, BusRepairSender>();
        services.TryAddSingleton<ReconciliationTrigger>();
        services.AddHostedService<ReconciliationScheduler>();

        // The service's consumers, in one list.
        services.AddConnectorBus(configuration, bus => bus.AddConsumer<ReconciliationRequestedConsumer>());
        return services;
    }

    /// <summary>
    /// The run and what it reads with, without a scheduler, a bus or a repair sender: the host adds the
    /// <see cref="IRepairSender"/> it wants (the bus, or none for a dry run).
    /// </summary>
    public static IServiceCollection AddReconciler(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOpenCtiOptions(configuration);
        services.AddConnectorOptions(configuration);
        services.AddIocPolicyOptions(configuration);
        services.AddConnectorSettings<ReconcilerSettings>(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReconcilerSettings>, ReconcilerSettingsValidator>());

        services.AddOpenCtiClient(OpenCtiConnectionOf(configuration));
        services.AddFalconClient(configuration.GetSection(FalconOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FalconOwnership(
            sp.GetRequiredService<IOptions<FalconOptions>>().Value.ClientId.Trim(),
            sp.GetRequiredService<IocPolicy>().Source));

        services.TryAddTransient<DesiredStateReader>();
        services.TryAddTransient<FalconInventory>();
        services.TryAddSingleton<RepairDispatcher>();
        services.TryAddSingleton<ReportStore>();
        services.TryAddSingleton<ReconcilerMetrics>();
        services.TryAddSingleton<IReconciler, Runs.Reconciler>();
        return services;
    }

    private static OpenCtiConnection OpenCtiConnectionOf(IConfiguration configuration)
    {
        var url = configuration["opencti:url"]?.Trim();
        var uri = Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? parsed
            : UnsetOpenCtiUrl;
        return new OpenCtiConnection(uri, configuration["opencti:token"]?.Trim() ?? "");
    }
}
