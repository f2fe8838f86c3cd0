using Connector.Hosting.Configuration;
using Connector.Hosting.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Hosting;

/// <summary>Runs a service so that bad configuration ends it with one clear message instead of a stack trace.</summary>
public static class ConnectorHostExtensions
{
    /// <summary>The process exit code when the configuration is invalid.</summary>
    public const int InvalidConfigurationExitCode = 2;

    /// <summary>
    /// Validates every setting registered with <c>ValidateOnStart</c>, then runs the host until it stops. When
    /// settings are invalid, writes every problem to stderr (and the log) and returns
    /// <see cref="InvalidConfigurationExitCode"/> without starting anything; otherwise returns 0 after a clean stop.
    /// </summary>
    public static Task<int> RunConnectorAsync(this IHost host, CancellationToken cancellationToken = default) =>
        host.RunConnectorAsync(Console.Error, cancellationToken);

    internal static async Task<int> RunConnectorAsync(this IHost host, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(errors);

        var running = false;
        var lifetime = host.Services.GetService<IHostApplicationLifetime>();
        try
        {
            // Checked before RunAsync so that nothing starts (no listener, no broker connection) with bad settings.
            host.Services.GetService<IStartupValidator>()?.Validate();
            var service = ServiceName(host);
            var configFile = DescribeConfigFile(host);
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Connector.Hosting").ServiceStarting(service, configFile);
            running = true;
            await host.RunAsync(cancellationToken);
            return 0;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && lifetime?.ApplicationStopping.IsCancellationRequested == true)
        {
            // The service stopped itself before it had finished starting (stream-ingest when OpenCTI refuses the
            // stream at once): the host cancels its own start, which is a stop, not a crash. The service's own exit
            // code (if it set one) is applied by its Program.
            return 0;
        }
        catch (Exception e) when (StartupFailure.TryGetProblems(e, out var problems))
        {
            var service = ServiceName(host);
            host.Services.GetService<ILoggerFactory>()?.CreateLogger("Connector.Hosting").ConfigurationInvalid(service, problems.Count, problems);
            await errors.WriteAsync(StartupFailure.Format(service, problems, DescribeConfigFile(host)));
            await errors.FlushAsync(cancellationToken);
            if (!running)
            {
                await DisposeAsync(host);
            }

            return InvalidConfigurationExitCode;
        }
    }

    /// <summary>Whether the settings registered with <c>ValidateOnStart</c> pass; other failures propagate.</summary>
    internal static bool SettingsAreValid(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (Exception e) when (StartupFailure.TryGetProblems(e, out _))
        {
            return false;
        }
    }

    private static string ServiceName(IHost host) =>
        host.Services.GetService<ServiceDefaultsState>()?.ServiceName
        ?? host.Services.GetService<IHostEnvironment>()?.ApplicationName
        ?? "the service";

    private static string DescribeConfigFile(IHost host) =>
        (host.Services.GetService<IConfiguration>() as IConfigurationRoot)?.Providers
            .OfType<ConnectorYamlConfigurationProvider>()
            .Select(p => $"{p.Source.Path} ({(p.Source.Exists ? "found" : "not found")})")
            .FirstOrDefault()
        ?? "no config.yml";

    private static async Task DisposeAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
