using System.Globalization;
using System.Text.Json.Serialization;
using Connector.Falcon;

namespace Bench.Probes;

/// <summary>falcon-sim's <c>GET /_sim/counters</c>.</summary>
internal sealed record FalconSimCounters(
    IReadOnlyList<FalconSimEndpointCount> Requests,
    long TotalRequests,
    long RateLimited,
    long BurstRateLimited,
    long ServerErrorsInjected,
    long BadTokenRequests,
    long TokensIssued,
    long TokensRevoked,
    long IndicatorsCreated,
    long IndicatorsUpdated,
    long IndicatorsDeleted)
{
    /// <summary>IOC API requests (token and revoke calls left out): what counts against Falcon's budget.</summary>
    public long ApiRequests => Requests.Where(r => !r.Endpoint.StartsWith("/oauth2/", StringComparison.Ordinal)).Sum(r => r.Count);

    /// <summary>Requests by <c>METHOD endpoint</c>, statuses added up.</summary>
    public IReadOnlyDictionary<string, long> ByCall() => Requests
        .GroupBy(r => $"{r.Method} {r.Endpoint}", StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Sum(r => r.Count), StringComparer.Ordinal);
}

/// <summary>Requests answered for one endpoint, method and status.</summary>
internal sealed record FalconSimEndpointCount(string Endpoint, string Method, int Status, long Count);

/// <summary>falcon-sim's <c>GET /_sim/state</c>: every IOC, deleted ones included.</summary>
internal sealed record FalconSimState(int Count, int ActiveCount, IReadOnlyList<FalconSimIndicator> Indicators);

/// <summary>An IOC as falcon-sim's state hook shows it (the API's object).</summary>
internal sealed record FalconSimIndicator(
    string Id,
    string Type,
    string Value,
    string Action,
    string MobileAction,
    string Severity,
    IReadOnlyList<string> Platforms,
    IReadOnlyList<string> Tags,
    bool AppliedGlobally,
    string Source,
    string Description,
    string? Expiration,
    bool Expired,
    bool Deleted,
    string CreatedBy,
    string CreatedOn,
    string ModifiedOn)
{
    /// <summary>When it was created, from Falcon's nanosecond timestamp.</summary>
    public DateTimeOffset CreatedAt => FalconTimestamp.Parse(CreatedOn);

    /// <summary>When it was last written (created, updated or deleted).</summary>
    public DateTimeOffset ModifiedAt => FalconTimestamp.Parse(ModifiedOn);

    /// <summary>The same IOC as the Falcon client reads it, so the Domain's comparisons apply.</summary>
    public FalconIoc ToFalconIoc() => new()
    {
        Id = Id,
        Type = Type,
        Value = Value,
        Action = Action,
        MobileAction = MobileAction,
        Severity = Severity,
        Platforms = Platforms,
        Tags = Tags,
        AppliedGlobally = AppliedGlobally,
        Source = Source,
        Description = Description,
        Expiration = string.IsNullOrEmpty(Expiration) ? null : FalconTimestamp.Parse(Expiration),
        Expired = Expired,
        Deleted = Deleted,
        CreatedBy = CreatedBy,
        CreatedOn = CreatedAt,
        ModifiedOn = ModifiedAt,
    };
}

/// <summary>Falcon's RFC 3339 times with up to nine fraction digits (.NET keeps seven).</summary>
internal static class FalconTimestamp
{
    public static DateTimeOffset Parse(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}

/// <summary>Source-generated JSON for the simulators' hooks (snake_case, like the hooks themselves).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FalconSimCounters))]
[JsonSerializable(typeof(FalconSimState))]
[JsonSerializable(typeof(OpenCtiSimState))]
[JsonSerializable(typeof(OpenCtiSimCounters))]
[JsonSerializable(typeof(IndicatorDraft))]
internal sealed partial class SimJsonContext : JsonSerializerContext;
