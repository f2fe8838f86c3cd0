using System.Diagnostics;

namespace Connector.Falcon.Telemetry;

/// <summary>
/// Innermost handler: one client span and one measurement per HTTP exchange with Falcon. Tags name the endpoint,
/// method, status, item count and Falcon's trace id; never the URL (IOC values) or headers (the token).
/// </summary>
internal sealed class FalconTelemetryHandler(FalconInstrumentation instrumentation, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = FalconEndpoint.NameOf(request);
        var method = request.Method.Method;
        using var activity = FalconInstrumentation.ActivitySource.StartActivity($"falcon {endpoint}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("falcon.endpoint", endpoint);
            activity.SetTag("http.request.method", method);
            activity.SetTag("server.address", request.RequestUri?.Host);
            if (FalconEndpoint.ItemCountOf(request) is { } items)
            {
                activity.SetTag("falcon.item_count", items);
            }
        }

        var started = time.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            instrumentation.RequestCompleted(endpoint, method, status, status >= 400 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, time.GetElapsedTime(started));
            if (activity is not null)
            {
                activity.SetTag("http.response.status_code", status);
                if (response.Headers.TryGetValues("X-Cs-Traceid", out var traceIds))
                {
                    activity.SetTag("falcon.trace_id", traceIds.FirstOrDefault());
                }

                if (status >= 400)
                {
                    activity.SetStatus(ActivityStatusCode.Error, $"HTTP {status}");
                }
            }

            return response;
        }
        catch (Exception ex)
        {
            var errorType = ex is OperationCanceledException ? "canceled" : ex.GetType().Name;
            instrumentation.RequestCompleted(endpoint, method, null, errorType, time.GetElapsedTime(started));
            activity?.SetTag("error.type", errorType);
            activity?.SetStatus(ActivityStatusCode.Error, errorType);
            throw;
        }
    }
}
