using System.Collections.Concurrent;
using System.Reflection;
using Connector.Hosting;
using Connector.Hosting.Configuration;
using Connector.Hosting.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Deployment.Tests.Support;

/// <summary>
/// The settings a service reads, found in its registrations: every options class bound for it (an
/// <see cref="IConfigureOptions{TOptions}"/>) that names its section (<c>SectionName</c>) contributes the
/// <see cref="ConfigurationKeyNameAttribute"/> of each property. Renaming a setting in the code changes this list.
/// </summary>
internal sealed class ServiceSettings
{
    private static readonly ConcurrentDictionary<string, ServiceSettings> Cache = new(StringComparer.Ordinal);

    private ServiceSettings(IReadOnlySet<SettingName> settings) => Settings = settings;

    public IReadOnlySet<SettingName> Settings { get; }

    /// <summary>The environment variables of <see cref="Settings"/>, e.g. <c>IOC_SYNC_STORE</c>.</summary>
    public IEnumerable<string> EnvironmentVariables => Settings.Select(s => s.EnvironmentVariable);

    public static ServiceSettings Of(ConnectorService service) => Cache.GetOrAdd(service.Name, _ => Read(service));

    /// <summary>Every setting any of the three services reads.</summary>
    public static IReadOnlySet<SettingName> OfAllServices() => ConnectorService.All.SelectMany(s => Of(s).Settings).ToHashSet();

    /// <summary>
    /// Why the service would not take <paramref name="variable"/> as a setting, or null when it does: a variable of a
    /// connector section must name a setting the service reads; others must be the platform's own (.NET, OpenTelemetry).
    /// </summary>
    public string? ProblemWith(string variable)
    {
        if (IsPlatformVariable(variable))
        {
            return null;
        }

        if (!ConnectorEnvironmentVariables.TryMapToKey(variable, out var key))
        {
            return $"{variable} is neither a connector setting (prefixes {string.Join(", ", ConnectorEnvironmentVariables.Prefixes)}) nor a .NET or OpenTelemetry variable";
        }

        return Settings.Any(s => string.Equals(s.ConfigurationKey, key, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"{variable} ({key}) is not a setting this service reads";
    }

    /// <summary>Variables the runtime and the OpenTelemetry SDK read, and the one that names config.yml.</summary>
    public static bool IsPlatformVariable(string variable) =>
        variable.StartsWith("OTEL_", StringComparison.Ordinal)
        || variable.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
        || variable.StartsWith("DOTNET_", StringComparison.Ordinal)
        || variable == ConnectorConfigurationExtensions.ConfigFileVariable;

    private static ServiceSettings Read(ConnectorService service)
    {
        var builder = service.CreateBuilder(new Dictionary<string, string?>());
        var optionsTypes = builder.Services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Distinct();

        var settings = new HashSet<SettingName>();
        foreach (var type in optionsTypes)
        {
            if (SectionOf(type) is not { } section)
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<ConfigurationKeyNameAttribute>() is { } attribute)
                {
                    settings.Add(new SettingName(section, attribute.Name));
                }
            }
        }

        return new ServiceSettings(settings);
    }

    /// <summary>The section of an options class: <c>IConnectorSettings.SectionName</c> or a <c>SectionName</c> constant.</summary>
    private static string? SectionOf(Type type)
    {
        const BindingFlags Static = BindingFlags.Public | BindingFlags.Static;
        return type.GetProperty(nameof(IConnectorSettings.SectionName), Static)?.GetValue(null) as string
            ?? type.GetField(nameof(IConnectorSettings.SectionName), Static)?.GetValue(null) as string;
    }
}
