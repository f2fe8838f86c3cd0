namespace Connector.Falcon.Telemetry;

/// <summary>Running counts of the Falcon client in this process, for health checks, logs and tests.</summary>
public interface IFalconClientStatistics
{
    /// <summary>The counts now.</summary>
    FalconClientStatistics Snapshot();
}

/// <summary>A snapshot of the Falcon client's counts.</summary>
/// <param name="Requests">HTTP exchanges with the API (each attempt counts).</param>
/// <param name="Throttled">429 answers.</param>
/// <param name="Retries">Requests sent again (5xx, 408, network errors, timeouts, 429s, rejected tokens).</param>
/// <param name="TokensIssued">Access tokens obtained.</param>
/// <param name="RateLimitLimit">Falcon's <c>X-Ratelimit-Limit</c> (6000 until an answer says otherwise).</param>
/// <param name="RateLimitRemaining">Falcon's last <c>X-Ratelimit-Remaining</c>, the account's headroom; null before any answer.</param>
/// <param name="Budget">Requests per sliding minute this process allows itself (limit × request share).</param>
/// <param name="SentInWindow">Requests this process sent in the last minute.</param>
public sealed record FalconClientStatistics(
    long Requests,
    long Throttled,
    long Retries,
    long TokensIssued,
    int RateLimitLimit,
    int? RateLimitRemaining,
    int Budget,
    int SentInWindow);
