namespace FalconSim;

/// <summary>
/// Everything the simulator can be told. The instance is live: the running simulator reads it on every request,
/// so changing latency, fault rates or limits takes effect on the next request.
/// </summary>
public sealed class FalconSimOptions
{
    private int pendingRateLimitBurst;

    /// <summary>The API client id the simulator accepts (<c>FALCON_SIM_CLIENT_ID</c>).</summary>
    public string ClientId { get; set; } = "falcon-sim-client";

    /// <summary>The secret of <see cref="ClientId"/> (<c>FALCON_SIM_CLIENT_SECRET</c>).</summary>
    public string ClientSecret { get; set; } = "falcon-sim-secret";

    /// <summary>More accepted API clients (id → secret), e.g. to create "foreign" IOCs as another client.</summary>
    public IDictionary<string, string> AdditionalClients { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Lifetime of issued tokens, reported as <c>expires_in</c>.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(1799);

    /// <summary>Status for a known client id with a wrong secret. Unconfirmed in the spec: 403 by default.</summary>
    public int BadSecretStatusCode { get; set; } = 403;

    /// <summary>
    /// When set, <c>POST /oauth2/token</c> answers 308 with <c>Location</c> = this base address + <c>oauth2/token</c>,
    /// as us-1 does for credentials of another region.
    /// </summary>
    public Uri? TokenRedirectBaseAddress { get; set; }

    /// <summary>Requests per minute to the token endpoint (sliding 60 s window).</summary>
    public int TokenRateLimitPerMinute { get; set; } = 300;

    /// <summary>
    /// Requests with a missing or bad token allowed per source IP per minute; past it every API request from that
    /// IP gets 429. 0 (default) turns the lockout off; Falcon's number is 15.
    /// </summary>
    public int BadTokenLimitPerMinute { get; set; }

    /// <summary>Delay added to every Falcon request before it is answered.</summary>
    public TimeSpan LatencyPerRequest { get; set; } = TimeSpan.Zero;

    /// <summary>Share of API requests (0..1) answered with a random 500, 502 or 503.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>
    /// When true, an injected 5xx on a write (POST/PATCH/DELETE) is sent after the write was done, like a gateway
    /// that times out while the backend commits. Default false: the write does not happen.
    /// </summary>
    public bool ServerErrorAfterCommit { get; set; }

    /// <summary>API requests per minute for the whole customer, all clients together (sliding 60 s window).</summary>
    public int RateLimitPerMinute { get; set; } = 6000;

    /// <summary>How many of the next API requests will be answered 429 whatever the window says.</summary>
    public int PendingRateLimitBurst => Volatile.Read(ref pendingRateLimitBurst);

    /// <summary>Maximum number of non-deleted IOCs (Falcon: 1,000,000).</summary>
    public int Capacity { get; set; } = 1_000_000;

    /// <summary>Maximum indicators in one create or update body (Falcon: 2000); more is a 400.</summary>
    public int MaxIndicatorsPerRequest { get; set; } = 2000;

    /// <summary>Maximum ids in one get or delete; more is a 400.</summary>
    public int MaxIdsPerGet { get; set; } = 500;

    /// <summary>Maximum length in characters of path plus query string; longer is a 414 (unconfirmed).</summary>
    public int MaxUrlLength { get; set; } = 16_384;

    /// <summary>Default <c>limit</c> of the search endpoints.</summary>
    public int DefaultQueryLimit { get; set; } = 100;

    /// <summary>Largest accepted <c>limit</c> of the search endpoints.</summary>
    public int MaxQueryLimit { get; set; } = 2000;

    /// <summary>Largest <c>offset + limit</c> accepted without <c>after</c> (Falcon: 10,000).</summary>
    public int QueryMaxOffsetPlusLimit { get; set; } = 10_000;

    /// <summary>Maximum property terms in one FQL filter (Falcon: 20).</summary>
    public int MaxFilterProperties { get; set; } = 20;

    /// <summary>The region reported in <c>X-Cs-Region</c>.</summary>
    public string Region { get; set; } = "us-1";

    /// <summary>Whether the tenant has Falcon for Mobile, which allows the <c>android</c> and <c>ios</c> platforms.</summary>
    public bool MobileEnabled { get; set; }

    /// <summary>Refuse an <c>expiration</c> in the past (unconfirmed in the spec, so switchable).</summary>
    public bool RejectPastExpiration { get; set; } = true;

    /// <summary>What a create or update batch with failing items does.</summary>
    public BatchFailureMode BatchFailureMode { get; set; } = BatchFailureMode.AllOrNothing;

    /// <summary>
    /// Whether a search whose filter does not mention <c>deleted</c> also returns deleted IOCs. Unconfirmed;
    /// default false: only non-deleted ones.
    /// </summary>
    public bool SearchIncludesDeletedByDefault { get; set; }

    /// <summary>
    /// Values (compared case-insensitively) whose create fails with a warning unless <c>ignore_warnings=true</c>,
    /// Falcon's treatment of very common values. Empty by default.
    /// </summary>
    public ISet<string> WarningValues { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Seed of the random generator (ids, injected faults); null for a random seed.</summary>
    public int? Seed { get; set; }

    /// <summary>The clock of tokens, rate windows, timestamps and expirations. Fixed at start.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Makes the next <paramref name="count"/> API requests answer 429 (added to any burst pending).</summary>
    public void TriggerRateLimitBurst(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Add(ref pendingRateLimitBurst, count);
    }

    /// <summary>Cancels any pending 429 burst.</summary>
    public void ClearRateLimitBurst() => Interlocked.Exchange(ref pendingRateLimitBurst, 0);

    /// <summary>Takes one request out of the pending burst; true when this request must be answered 429.</summary>
    internal bool TryConsumeRateLimitBurst()
    {
        while (true)
        {
            var current = Volatile.Read(ref pendingRateLimitBurst);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref pendingRateLimitBurst, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>True when <paramref name="clientId"/> is an accepted client with this secret; null when the id is unknown.</summary>
    internal bool? CheckClient(string clientId, string secret)
    {
        if (string.Equals(clientId, ClientId, StringComparison.Ordinal))
        {
            return string.Equals(secret, ClientSecret, StringComparison.Ordinal);
        }

        return AdditionalClients.TryGetValue(clientId, out var expected)
            ? string.Equals(secret, expected, StringComparison.Ordinal)
            : null;
    }
}
