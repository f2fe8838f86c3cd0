using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connector.StreamIngest.Health;

/// <summary>Ready once the live stream is connected; unhealthy when OpenCTI refused it.</summary>
internal sealed class LiveStreamHealthCheck(LiveStreamStatus status) : IHealthCheck
{
    /// <summary>The check's name in <c>/health/ready</c>.</summary>
    public const string Name = "opencti-live-stream";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status switch
        {
            { Refusal: { } reason } => HealthCheckResult.Unhealthy(reason),
            { IsConnected: true } => HealthCheckResult.Healthy("The live stream is connected."),
            _ => HealthCheckResult.Unhealthy("Not connected to the live stream yet."),
        });
}
