using System.Net;
using Microsoft.Extensions.Logging;

namespace Connector.Falcon.Telemetry;

/// <summary>Log messages of the Falcon client. Fields are ids, endpoints, statuses and counts: never tokens or secrets.</summary>
internal static partial class FalconClientLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Obtained a Falcon access token for client id {ClientId} (region {Region}, valid {ExpiresInSeconds} s)")]
    public static partial void TokenObtained(this ILogger logger, string clientId, string? region, double expiresInSeconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Falcon login for client id {ClientId} redirected from {From} to {To}; API calls go to {ApiBase} from now on")]
    public static partial void RegionRedirect(this ILogger logger, string clientId, string from, string to, Uri apiBase);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Falcon refused the API client credentials for client id {ClientId} (HTTP {Status}): {FalconMessage}")]
    public static partial void CredentialsRefused(this ILogger logger, string clientId, int status, string falconMessage);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Falcon rejected the access token on {Endpoint}; obtaining a new one and sending the request again")]
    public static partial void TokenRejected(this ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Revoked the Falcon access token of client id {ClientId}")]
    public static partial void TokenRevoked(this ILogger logger, string clientId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Could not revoke the Falcon access token of client id {ClientId}: {Reason}")]
    public static partial void TokenRevokeFailed(this ILogger logger, string clientId, string reason);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Falcon throttled {Endpoint} (429); no request leaves this process before {RetryAt:o}")]
    public static partial void Throttled(this ILogger logger, string endpoint, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Falcon rate-limit headroom is low ({Remaining} of {Limit} left); spacing requests {SpacingMs} ms apart")]
    public static partial void SlowingDown(this ILogger logger, int remaining, int limit, double spacingMs);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Retrying Falcon {Endpoint} (attempt {Attempt}) after {Outcome}; waiting {DelayMs} ms")]
    public static partial void Retrying(this ILogger logger, string endpoint, int attempt, string outcome, double delayMs);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Falcon {Endpoint} answered HTTP {Status} for {ItemCount} items: {Succeeded} succeeded, {Duplicates} duplicate, {Failed} failed, {Unknown} undecided")]
    public static partial void BatchPartlyFailed(this ILogger logger, string endpoint, int status, int itemCount, int succeeded, int duplicates, int failed, int unknown);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Error, Message = "Falcon {Endpoint} failed with HTTP {Status}: {FalconMessage}")]
    public static partial void CallFailed(this ILogger logger, string endpoint, HttpStatusCode? status, string falconMessage);
}
