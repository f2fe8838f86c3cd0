using Connector.Domain.Falcon;
using Connector.Hosting.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Hosting;

/// <summary>
/// Registers the connector's settings classes, each bound from its section and validated when the host starts
/// (<c>ValidateOnStart</c>), so each service registers only the settings it uses.
/// </summary>
public static class ConnectorSettingsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TSettings"/> from its section of <paramref name="configuration"/> with the
    /// connector's lenient reading (booleans as yes/no/1/0, empty = unset) and fails the start on any value that
    /// cannot be read. Add an <see cref="IValidateOptions{TOptions}"/> for the class's own rules. Idempotent.
    /// </summary>
    public static OptionsBuilder<TSettings> AddConnectorSettings<TSettings>(this IServiceCollection services, IConfiguration configuration)
        where TSettings : class, IConnectorSettings, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<TSettings>, SettingsSectionBinding<TSettings>>(
            _ => new SettingsSectionBinding<TSettings>(configuration)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TSettings>, SettingsValueValidator<TSettings>>(
            _ => new SettingsValueValidator<TSettings>(configuration)));
        return services.AddOptions<TSettings>().ValidateOnStart();
    }

    /// <summary><see cref="OpenCtiOptions"/> (<c>OPENCTI_URL</c>, <c>OPENCTI_TOKEN</c>), both required.</summary>
    public static IServiceCollection AddOpenCtiOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectorSettings<OpenCtiOptions>(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenCtiOptions>, OpenCtiOptionsValidator>());
        return services;
    }

    /// <summary>
    /// <see cref="ConnectorOptions"/> with the checks of the services that read OpenCTI (id and live stream required).
    /// </summary>
    public static IServiceCollection AddConnectorOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectorLoggingOptions(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());
        return services;
    }

    /// <summary>
    /// <see cref="IocPolicyOptions"/> from the <c>crowdstrike</c> section, and the <see cref="IocPolicy"/> they describe
    /// as a singleton.
    /// </summary>
    public static IServiceCollection AddIocPolicyOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectorSettings<IocPolicyOptions>(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IocPolicyOptions>, IocPolicyOptionsValidator>(
            _ => new IocPolicyOptionsValidator(configuration)));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<IocPolicyOptions>>().Value.ToPolicy());
        return services;
    }

    /// <summary><see cref="MetricsOptions"/> (<c>METRICS_*</c>); registered by the service defaults.</summary>
    public static IServiceCollection AddMetricsOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectorSettings<MetricsOptions>(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        return services;
    }

    /// <summary><see cref="RabbitMqOptions"/> (<c>RABBITMQ_*</c>); registered by <c>AddConnectorBus</c>.</summary>
    public static IServiceCollection AddRabbitMqOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectorSettings<RabbitMqOptions>(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RabbitMqOptions>, RabbitMqOptionsValidator>());
        return services;
    }

    /// <summary>
    /// <see cref="ConnectorOptions"/> with only the log settings checked: every service reads
    /// <c>CONNECTOR_LOG_LEVEL</c> and <c>CONNECTOR_LOG_FORMAT</c>; registered by the service defaults.
    /// </summary>
    public static IServiceCollection AddConnectorLoggingOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectorSettings<ConnectorOptions>(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorLoggingValidator>());
        return services;
    }

    /// <summary>Makes the start fail with <paramref name="message"/> (a problem found before the services existed).</summary>
    internal static IServiceCollection AddConfigurationProblem(this IServiceCollection services, string message)
    {
        services.AddOptions<ConfigurationProblems>().Configure(p => p.Messages.Add(message)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConfigurationProblems>, ConfigurationProblemsValidator>());
        return services;
    }
}
