using System.Diagnostics;
using System.Diagnostics.Metrics;
using Connector.Falcon.RateLimiting;

namespace Connector.Falcon.Telemetry;

/// <summary>
/// Owns the Falcon client's <see cref="ActivitySource"/> and <see cref="Meter"/> (both named
/// <see cref="ActivitySourceName"/>), and keeps the running counts behind <see cref="IFalconClientStatistics"/>.
/// Tags carry endpoints, status codes and counts only: never tokens, secrets or IOC values.
/// </summary>
public sealed class FalconInstrumentation : IFalconClientStatistics, IDisposable
{
    /// <summary>Name of the activity source, to subscribe to in OpenTelemetry.</summary>
    public const string ActivitySourceName = "Connector.Falcon";

    /// <summary>Name of the meter, to subscribe to in OpenTelemetry.</summary>
    public const string MeterName = "Connector.Falcon";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    // Bucket bounds in seconds. OpenTelemetry's default bounds (0, 5, 10, 25 … 10000) suit milliseconds: every answer
    // and every wait of a few seconds would fall into the first bucket or two, leaving p95/p99 meaningless.
    // A Falcon answer takes from a few ms (a simulator) to its 30 s request timeout.
    private static readonly double[] RequestDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    // The limiter's waits: none or a few ms while the budget lasts, up to a minute when a 429 or an exhausted window holds every request back.
    private static readonly double[] RateLimitWaitBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _rateLimitWait;
    private readonly FalconRateLimiter _limiter;
    private long _requestCount;
    private long _throttledCount;
    private long _retryCount;
    private long _tokenCount;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public FalconInstrumentation(IMeterFactory meterFactory, FalconRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("falcon.client.requests", "{request}", "HTTP requests sent to Falcon, by endpoint and status.");
        _duration = _meter.CreateHistogram(
            "falcon.client.request.duration",
            "s",
            "Duration of one HTTP exchange with Falcon.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestDurationBuckets });
        _throttled = _meter.CreateCounter<long>("falcon.client.throttled", "{response}", "429 answers from Falcon.");
        _retries = _meter.CreateCounter<long>("falcon.client.retries", "{retry}", "Requests sent again after a failure, a 429 or a rejected token.");
        _rateLimitWait = _meter.CreateHistogram(
            "falcon.client.ratelimit.wait",
            "s",
            "Time a request waited for the client-side rate limiter.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = RateLimitWaitBuckets });
        _meter.CreateObservableGauge("falcon.client.ratelimit.remaining", ObserveRemaining, "{request}", "Falcon's X-Ratelimit-Remaining from the last answer.");
        _meter.CreateObservableGauge("falcon.client.ratelimit.budget", () => (long)_limiter.Budget, "{request}", "Requests per sliding minute this process allows itself.");
    }

    /// <inheritdoc />
    public FalconClientStatistics Snapshot() => new(
        Requests: Interlocked.Read(ref _requestCount),
        Throttled: Interlocked.Read(ref _throttledCount),
        Retries: Interlocked.Read(ref _retryCount),
        TokensIssued: Interlocked.Read(ref _tokenCount),
        RateLimitLimit: _limiter.Limit,
        RateLimitRemaining: _limiter.Remaining,
        Budget: _limiter.Budget,
        SentInWindow: _limiter.SentInWindow);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    internal void RequestCompleted(string endpoint, string method, int? status, string? errorType, TimeSpan duration)
    {
        Interlocked.Increment(ref _requestCount);
        var statusTag = status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
        TagList tags = new()
        {
            { "falcon.endpoint", endpoint },
            { "http.request.method", method },
            { "http.response.status_code", statusTag },
        };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
        if (status == 429)
        {
            Interlocked.Increment(ref _throttledCount);
            _throttled.Add(1, new KeyValuePair<string, object?>("falcon.endpoint", endpoint));
        }
    }

    internal void Retried(string endpoint, string reason)
    {
        Interlocked.Increment(ref _retryCount);
        _retries.Add(1, new("falcon.endpoint", endpoint), new("falcon.retry.reason", reason));
    }

    internal void RateLimitWaited(string endpoint, TimeSpan waited) =>
        _rateLimitWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("falcon.endpoint", endpoint));

    internal void TokenIssued() => Interlocked.Increment(ref _tokenCount);

    private IEnumerable<Measurement<long>> ObserveRemaining() =>
        _limiter.Remaining is { } remaining ? [new Measurement<long>(remaining)] : [];
}
