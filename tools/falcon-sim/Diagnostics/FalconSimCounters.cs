using System.Collections.Concurrent;

namespace FalconSim;

/// <summary>
/// What the simulator answered: requests by endpoint, method and status, and the faults it produced. Counted
/// before the response is sent, so a client that has its answer can read the count. <c>/_sim/*</c> is not counted.
/// </summary>
public sealed class FalconSimCounters
{
    private readonly ConcurrentDictionary<(string Endpoint, string Method, int Status), long> requests = new();
    private long rateLimited;
    private long burstRateLimited;
    private long serverErrorsInjected;
    private long badTokenRequests;
    private long tokensIssued;
    private long tokensRevoked;
    private long indicatorsCreated;
    private long indicatorsUpdated;
    private long indicatorsDeleted;

    /// <summary>All 429 answers, whatever the cause (window, burst, token endpoint, bad-token lockout).</summary>
    public long RateLimited => Interlocked.Read(ref rateLimited);

    /// <summary>429 answers forced by a burst switch.</summary>
    public long BurstRateLimited => Interlocked.Read(ref burstRateLimited);

    /// <summary>5xx answers injected by <see cref="FalconSimOptions.ServerErrorRate"/>.</summary>
    public long ServerErrorsInjected => Interlocked.Read(ref serverErrorsInjected);

    /// <summary>API requests refused 401 for a missing, unknown or expired token.</summary>
    public long BadTokenRequests => Interlocked.Read(ref badTokenRequests);

    public long TokensIssued => Interlocked.Read(ref tokensIssued);

    public long TokensRevoked => Interlocked.Read(ref tokensRevoked);

    public long IndicatorsCreated => Interlocked.Read(ref indicatorsCreated);

    public long IndicatorsUpdated => Interlocked.Read(ref indicatorsUpdated);

    public long IndicatorsDeleted => Interlocked.Read(ref indicatorsDeleted);

    /// <summary>Requests answered on <paramref name="endpoint"/> (a path such as <c>/iocs/entities/indicators/v1</c>), optionally of one method and status.</summary>
    public long Requests(string endpoint, string? method = null, int? status = null) =>
        requests.Where(r => string.Equals(r.Key.Endpoint, endpoint, StringComparison.Ordinal)
                && (method is null || string.Equals(r.Key.Method, method, StringComparison.OrdinalIgnoreCase))
                && (status is null || r.Key.Status == status))
            .Sum(r => r.Value);

    /// <summary>Every Falcon request answered, all endpoints together.</summary>
    public long TotalRequests => requests.Values.Sum();

    /// <summary>A consistent-enough copy of every counter, for the <c>/_sim/counters</c> hook and assertions.</summary>
    public FalconSimCountersSnapshot Snapshot() => new(
        [.. requests.OrderBy(r => r.Key.Endpoint, StringComparer.Ordinal).ThenBy(r => r.Key.Method, StringComparer.Ordinal).ThenBy(r => r.Key.Status)
            .Select(r => new EndpointCount(r.Key.Endpoint, r.Key.Method, r.Key.Status, r.Value))],
        TotalRequests,
        RateLimited,
        BurstRateLimited,
        ServerErrorsInjected,
        BadTokenRequests,
        TokensIssued,
        TokensRevoked,
        IndicatorsCreated,
        IndicatorsUpdated,
        IndicatorsDeleted);

    public void Reset()
    {
        requests.Clear();
        Interlocked.Exchange(ref rateLimited, 0);
        Interlocked.Exchange(ref burstRateLimited, 0);
        Interlocked.Exchange(ref serverErrorsInjected, 0);
        Interlocked.Exchange(ref badTokenRequests, 0);
        Interlocked.Exchange(ref tokensIssued, 0);
        Interlocked.Exchange(ref tokensRevoked, 0);
        Interlocked.Exchange(ref indicatorsCreated, 0);
        Interlocked.Exchange(ref indicatorsUpdated, 0);
        Interlocked.Exchange(ref indicatorsDeleted, 0);
    }

    internal void Request(string endpoint, string method, int status)
    {
        requests.AddOrUpdate((endpoint, method, status), 1, static (_, n) => n + 1);
        if (status == 429)
        {
            Interlocked.Increment(ref rateLimited);
        }
    }

    internal void BurstRateLimit() => Interlocked.Increment(ref burstRateLimited);

    internal void ServerErrorInjected() => Interlocked.Increment(ref serverErrorsInjected);

    internal void BadToken() => Interlocked.Increment(ref badTokenRequests);

    internal void TokenIssued() => Interlocked.Increment(ref tokensIssued);

    internal void TokenRevoked() => Interlocked.Increment(ref tokensRevoked);

    internal void Created(int count) => Interlocked.Add(ref indicatorsCreated, count);

    internal void Updated(int count) => Interlocked.Add(ref indicatorsUpdated, count);

    internal void Deleted(int count) => Interlocked.Add(ref indicatorsDeleted, count);
}

/// <summary>Requests answered for one endpoint, method and status.</summary>
public sealed record EndpointCount(string Endpoint, string Method, int Status, long Count);

/// <summary>A copy of <see cref="FalconSimCounters"/>.</summary>
public sealed record FalconSimCountersSnapshot(
    IReadOnlyList<EndpointCount> Requests,
    long TotalRequests,
    long RateLimited,
    long BurstRateLimited,
    long ServerErrorsInjected,
    long BadTokenRequests,
    long TokensIssued,
    long TokensRevoked,
    long IndicatorsCreated,
    long IndicatorsUpdated,
    long IndicatorsDeleted);
