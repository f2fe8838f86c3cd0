using System.Text.Json.Serialization;

namespace FalconSim;

/// <summary>
/// The live switches as the <c>/_sim/faults</c> hook reads and shows them (snake_case JSON). Each property left
/// null is left unchanged; <see cref="Burst429"/> adds to the pending burst.
/// </summary>
public sealed record FaultSettings
{
    public int? LatencyMs { get; init; }

    public double? ServerErrorRate { get; init; }

    public bool? ServerErrorAfterCommit { get; init; }

    public int? RateLimitPerMinute { get; init; }

    public int? TokenRateLimitPerMinute { get; init; }

    /// <summary>Answer this many next API requests 429.</summary>
    [JsonPropertyName("burst_429")]
    public int? Burst429 { get; init; }

    public int? BadTokenLimitPerMinute { get; init; }

    public int? BadSecretStatus { get; init; }

    public int? TokenLifetimeSeconds { get; init; }

    /// <summary>Base URL the token endpoint redirects to (308); empty string turns the redirect off.</summary>
    public string? TokenRedirectUrl { get; init; }

    public int? Capacity { get; init; }

    public int? MaxIdsPerGet { get; init; }

    public int? MaxIndicatorsPerRequest { get; init; }

    public int? MaxUrlLength { get; init; }

    public int? QueryMaxOffsetPlusLimit { get; init; }

    public bool? RejectPastExpiration { get; init; }

    /// <summary><c>all-or-nothing</c> or <c>partial</c>.</summary>
    public string? BatchMode { get; init; }

    public bool? SearchIncludesDeleted { get; init; }

    public bool? MobileEnabled { get; init; }

    /// <summary>Replaces the set of values that need <c>ignore_warnings=true</c>.</summary>
    public IReadOnlyList<string>? WarningValues { get; init; }

    /// <summary>The current switches of <paramref name="options"/>.</summary>
    public static FaultSettings From(FalconSimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new()
        {
            LatencyMs = (int)options.LatencyPerRequest.TotalMilliseconds,
            ServerErrorRate = options.ServerErrorRate,
            ServerErrorAfterCommit = options.ServerErrorAfterCommit,
            RateLimitPerMinute = options.RateLimitPerMinute,
            TokenRateLimitPerMinute = options.TokenRateLimitPerMinute,
            Burst429 = options.PendingRateLimitBurst,
            BadTokenLimitPerMinute = options.BadTokenLimitPerMinute,
            BadSecretStatus = options.BadSecretStatusCode,
            TokenLifetimeSeconds = (int)options.TokenLifetime.TotalSeconds,
            TokenRedirectUrl = options.TokenRedirectBaseAddress?.ToString() ?? "",
            Capacity = options.Capacity,
            MaxIdsPerGet = options.MaxIdsPerGet,
            MaxIndicatorsPerRequest = options.MaxIndicatorsPerRequest,
            MaxUrlLength = options.MaxUrlLength,
            QueryMaxOffsetPlusLimit = options.QueryMaxOffsetPlusLimit,
            RejectPastExpiration = options.RejectPastExpiration,
            BatchMode = options.BatchFailureMode == BatchFailureMode.AllOrNothing ? "all-or-nothing" : "partial",
            SearchIncludesDeleted = options.SearchIncludesDeletedByDefault,
            MobileEnabled = options.MobileEnabled,
            WarningValues = [.. options.WarningValues.Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>Sets every non-null switch on <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">A value out of range; nothing is changed.</exception>
    public void ApplyTo(FalconSimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ServerErrorRate is < 0 or > 1)
        {
            throw new ArgumentException("server_error_rate must be between 0 and 1.");
        }

        if (LatencyMs < 0 || RateLimitPerMinute < 1 || TokenRateLimitPerMinute < 1 || Burst429 < 0 || BadTokenLimitPerMinute < 0
            || TokenLifetimeSeconds < 1 || Capacity < 0 || MaxIdsPerGet < 1 || MaxIndicatorsPerRequest < 1 || MaxUrlLength < 64
            || QueryMaxOffsetPlusLimit < 1 || BadSecretStatus is < 400 or > 499)
        {
            throw new ArgumentException("A switch is out of range: counts and limits must be positive, bad_secret_status a 4xx.");
        }

        Uri? redirect = null;
        if (!string.IsNullOrEmpty(TokenRedirectUrl) && !Uri.TryCreate(TokenRedirectUrl, UriKind.Absolute, out redirect))
        {
            throw new ArgumentException("token_redirect_url must be an absolute URL.");
        }

        var mode = BatchMode is null ? options.BatchFailureMode : ParseMode(BatchMode);
        options.LatencyPerRequest = LatencyMs is { } latency ? TimeSpan.FromMilliseconds(latency) : options.LatencyPerRequest;
        options.ServerErrorRate = ServerErrorRate ?? options.ServerErrorRate;
        options.ServerErrorAfterCommit = ServerErrorAfterCommit ?? options.ServerErrorAfterCommit;
        options.RateLimitPerMinute = RateLimitPerMinute ?? options.RateLimitPerMinute;
        options.TokenRateLimitPerMinute = TokenRateLimitPerMinute ?? options.TokenRateLimitPerMinute;
        options.BadTokenLimitPerMinute = BadTokenLimitPerMinute ?? options.BadTokenLimitPerMinute;
        options.BadSecretStatusCode = BadSecretStatus ?? options.BadSecretStatusCode;
        options.TokenLifetime = TokenLifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.TokenLifetime;
        options.TokenRedirectBaseAddress = TokenRedirectUrl is null ? options.TokenRedirectBaseAddress : redirect;
        options.Capacity = Capacity ?? options.Capacity;
        options.MaxIdsPerGet = MaxIdsPerGet ?? options.MaxIdsPerGet;
        options.MaxIndicatorsPerRequest = MaxIndicatorsPerRequest ?? options.MaxIndicatorsPerRequest;
        options.MaxUrlLength = MaxUrlLength ?? options.MaxUrlLength;
        options.QueryMaxOffsetPlusLimit = QueryMaxOffsetPlusLimit ?? options.QueryMaxOffsetPlusLimit;
        options.RejectPastExpiration = RejectPastExpiration ?? options.RejectPastExpiration;
        options.BatchFailureMode = mode;
        options.SearchIncludesDeletedByDefault = SearchIncludesDeleted ?? options.SearchIncludesDeletedByDefault;
        options.MobileEnabled = MobileEnabled ?? options.MobileEnabled;
        if (WarningValues is not null)
        {
            options.WarningValues.Clear();
            options.WarningValues.UnionWith(WarningValues);
        }

        if (Burst429 is { } burst)
        {
            options.TriggerRateLimitBurst(burst);
        }
    }

    private static BatchFailureMode ParseMode(string text)
    {
        try
        {
            return FalconSimEnvironment.ParseBatchMode(text);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }
    }
}
