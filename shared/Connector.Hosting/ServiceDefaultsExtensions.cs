using System.Collections;
using Connector.Hosting.ServiceDefaults;
using Connector.Hosting.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connector.Hosting;

/// <summary>
/// What every service host does first (<see cref="AddServiceDefaults(WebApplicationBuilder, string, string[])"/>) and
/// the endpoints every service serves (<see cref="MapDefaultEndpoints"/>).
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Root of the health endpoints: <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public const string HealthPath = "/health";

    /// <summary>The Prometheus scraping endpoint, served when <c>METRICS_ENABLE</c> is true.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Tag of the checks behind <c>/health/live</c>: the process answers.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of the checks behind <c>/health/ready</c>: the service can do its work (the bus is connected, …).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Sets up a service: the connector's configuration (<c>config.yml</c> and environment variables), the log, metrics and
    /// health settings, Serilog, OpenTelemetry, health checks, and the HTTP listener. The listener is
    /// <c>METRICS_ADDR:METRICS_PORT</c> (default <c>0.0.0.0:9113</c>) unless <c>ASPNETCORE_URLS</c>/<c>--urls</c> is given;
    /// it serves the health endpoints always and <c>/metrics</c> when <c>METRICS_ENABLE</c> is true.
    /// Configuration problems found here (a malformed <c>config.yml</c>) are reported when the host starts, with the rest.
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="serviceName">The service's name in logs and traces, e.g. <c>ioc-sync</c>.</param>
    /// <param name="telemetryNames">The service's own ActivitySource and Meter names (every <c>Connector.*</c> name is included anyway).</param>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName, params string[] telemetryNames) =>
        builder.AddServiceDefaults(serviceName, telemetryNames, Environment.GetEnvironmentVariables(), Directory.GetCurrentDirectory());

    internal static WebApplicationBuilder AddServiceDefaults(
        this WebApplicationBuilder builder, string serviceName, IEnumerable<string> telemetryNames, IDictionary environment, string workingDirectory, TextWriter? logOutput = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ArgumentNullException.ThrowIfNull(telemetryNames);

        var configuration = builder.Configuration;
        if (configuration.TryAddConnectorConfiguration(environment, workingDirectory) is { } fileProblem)
        {
            builder.Services.AddConfigurationProblem(fileProblem.Message);
        }

        builder.Services.AddConnectorLoggingOptions(configuration);
        builder.Services.AddMetricsOptions(configuration);

        // Decided before the host exists, so read leniently now; the validators fail the start on bad values.
        var connector = SettingsBinder.Read<ConnectorOptions>(configuration);
        var metrics = SettingsBinder.Read<MetricsOptions>(configuration);

        builder.Services.AddSingleton(new ServiceDefaultsState(serviceName, metrics.Enable));
        ConnectorLogging.Add(builder.Services, serviceName, connector, logOutput);
        ConnectorTelemetry.Add(builder.Services, configuration, serviceName, telemetryNames, metrics.Enable);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        if (string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(metrics.ListenUrl);
        }

        return builder;
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process answers), <c>/health/ready</c> (every check tagged <c>ready</c>, such as the
    /// MassTransit bus) and, when metrics are enabled, the Prometheus endpoint <c>/metrics</c>.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Mapping health checks builds every registered check, the bus among them, which reads settings. With bad
        // settings the app will not start: RunConnectorAsync reports them, so nothing is mapped here.
        if (!ConnectorHostExtensions.SettingsAreValid(app.Services))
        {
            return app;
        }

        app.MapHealthChecks($"{HealthPath}/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapHealthChecks($"{HealthPath}/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });

        if (app.Services.GetService<ServiceDefaultsState>() is { MetricsEnabled: true })
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }

        return app;
    }
}
