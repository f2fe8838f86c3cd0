using Connector.Falcon.Telemetry;
using Microsoft.Extensions.Logging;

namespace Connector.Falcon.RateLimiting;

/// <summary>
/// Sends each attempt only when the process-wide <see cref="FalconRateLimiter"/> allows it, and feeds every answer's
/// rate-limit headers back to it. A 429 is handed on to the retry pipeline, whose next attempt waits here until
/// Falcon's retry time — as does every other request of the process.
/// </summary>
internal sealed class FalconRateLimitHandler(
    FalconRateLimiter limiter,
    FalconInstrumentation instrumentation,
    ILogger<FalconRateLimitHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = FalconEndpoint.NameOf(request);
        var waited = await limiter.AcquireAsync(cancellationToken);
        if (waited > TimeSpan.Zero)
        {
            instrumentation.RateLimitWaited(endpoint, waited);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (limiter.Observe(response) is { } blockedUntil)
        {
            logger.Throttled(endpoint, blockedUntil);
        }

        return response;
    }
}
