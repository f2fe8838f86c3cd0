using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Connector.Hosting.ServiceDefaults;

/// <summary>
/// OpenTelemetry for every service: traces from MassTransit (which carries the trace context through RabbitMQ),
/// our own sources, ASP.NET Core and HttpClient, recorded and exported over OTLP only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; metrics from the same sources plus the runtime, scraped by Prometheus at <c>/metrics</c> when enabled.
/// </summary>
internal static class ConnectorTelemetry
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Names that every service listens to: MassTransit's and all of ours.</summary>
    public static IReadOnlyList<string> DefaultNames { get; } = ["MassTransit", "Connector.*"];

    public static void Add(IServiceCollection services, IConfiguration configuration, string serviceName, IEnumerable<string> names, bool prometheus)
    {
        var all = DefaultNames.Concat(names).Distinct(StringComparer.Ordinal).ToArray();
        var version = typeof(ConnectorTelemetry).Assembly.GetName().Version?.ToString();

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: version))
            .WithTracing(tracing =>
            {
                tracing.AddSource(all)
                    .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !IsOperational(context.Request.Path))
                    .AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]))
                {
                    tracing.AddOtlpExporter();
                }
                else
                {
                    // Nothing would receive the spans: they are still created, so trace ids reach the logs and the
                    // messages to the next service, but not recorded, which spares their attributes and events.
                    tracing.SetSampler(new AlwaysOffSampler());
                }
            });

        if (prometheus)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(all)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        }
    }

    /// <summary>Probes and scrapes, which would drown the traces of real work.</summary>
    public static bool IsOperational(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ServiceDefaultsExtensions.MetricsPath, StringComparison.OrdinalIgnoreCase);
}
