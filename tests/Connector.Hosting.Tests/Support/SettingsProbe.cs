using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Hosting.Tests.Support;

/// <summary>
/// Builds configuration the way a service does (connector environment variables, optional config.yml) and runs
/// the start-up validation of whatever settings a test registers.
/// </summary>
internal static class SettingsProbe
{
    public static IConfigurationRoot Configuration(Dictionary<string, string?> environment, string? yaml = null)
    {
        using var directory = new TempDirectory();
        if (yaml is not null)
        {
            directory.Write("config.yml", yaml);
        }

        return new ConfigurationBuilder()
            .AddConnectorConfiguration(new Hashtable(environment), directory.Path)
            .Build();
    }

    /// <summary>Every failure the host would report at start, in order; empty when the settings are valid.</summary>
    public static IReadOnlyList<string> StartupFailures(Dictionary<string, string?> environment, Action<IServiceCollection, IConfiguration> register)
    {
        var configuration = Configuration(environment);
        var services = new ServiceCollection();
        register(services, configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
        catch (AggregateException e)
        {
            return e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures).ToList();
        }
    }

    /// <summary>The bound settings of one class, after validation passed.</summary>
    public static T Bind<T>(Dictionary<string, string?> environment, Action<IServiceCollection, IConfiguration> register, string? yaml = null)
        where T : class
    {
        var configuration = Configuration(environment, yaml);
        var services = new ServiceCollection();
        register(services, configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }
}
