using Connector.Falcon.Http;
using Microsoft.Extensions.Configuration;

namespace Connector.Falcon.Configuration;

/// <summary>
/// Settings of the Falcon API client, bound from the <c>crowdstrike</c> configuration section (yaml keys in
/// snake_case; the hosting layer maps the <c>CROWDSTRIKE_*</c> environment variables into the same section).
/// </summary>
public sealed class FalconOptions
{
    /// <summary>The configuration section these settings are bound from.</summary>
    public const string SectionName = "crowdstrike";

    /// <summary>The us-1 API host, the Python connector's default.</summary>
    public const string DefaultApiBaseUrl = "https://api.crowdstrike.com";

    /// <summary>Falcon's ceiling of indicators in one create or update request.</summary>
    public const int MaxBatchSize = 2000;

    /// <summary>Base URL of the Falcon API (<c>CROWDSTRIKE_API_BASE_URL</c>); the region found at login wins over it.</summary>
    [ConfigurationKeyName("api_base_url")]
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Id of the Falcon API client (<c>CROWDSTRIKE_CLIENT_ID</c>).</summary>
    [ConfigurationKeyName("client_id")]
    public string ClientId { get; set; } = "";

    /// <summary>Secret of the Falcon API client (<c>CROWDSTRIKE_CLIENT_SECRET</c>). Never logged or echoed.</summary>
    [ConfigurationKeyName("client_secret")]
    public string ClientSecret { get; set; } = "";

    /// <summary>Child CID to act on in a Flight Control (MSSP) tenant (<c>CROWDSTRIKE_MEMBER_CID</c>); optional.</summary>
    [ConfigurationKeyName("member_cid")]
    public string? MemberCid { get; set; }

    /// <summary>Indicators per create or update request (<c>CROWDSTRIKE_BATCH_SIZE</c>), 1 to 2000.</summary>
    [ConfigurationKeyName("batch_size")]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Fraction of the account's request budget (6000 per minute, shared by every API client of the customer)
    /// that this process may use (<c>CROWDSTRIKE_REQUEST_SHARE</c>), above 0 and at most 1.
    /// </summary>
    [ConfigurationKeyName("request_share")]
    public double RequestShare { get; set; } = 0.5;

    /// <summary>Retries of a request that failed with a 5xx, 408, a network error or a timeout (<c>CROWDSTRIKE_MAX_RETRIES</c>), 0 to 10.</summary>
    [ConfigurationKeyName("max_retries")]
    public int MaxRetries { get; set; } = 4;

    /// <summary>
    /// Timeout of one HTTP attempt in seconds (<c>CROWDSTRIKE_REQUEST_TIMEOUT</c>). Seconds rather than a
    /// <see cref="TimeSpan"/> because the binder would read a bare <c>30</c> as thirty days.
    /// </summary>
    [ConfigurationKeyName("request_timeout")]
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Sends <c>ignore_warnings=true</c> on creates (<c>CROWDSTRIKE_IGNORE_WARNINGS</c>). Off by default: Falcon warns
    /// about very common values (a detect on a popular domain floods the console), and refusing them is the safer choice.
    /// </summary>
    [ConfigurationKeyName("ignore_warnings")]
    public bool IgnoreWarnings { get; set; }

    /// <summary>
    /// Sends <c>retrodetects=true</c> on creates (<c>CROWDSTRIKE_RETRODETECTS</c>): Falcon then raises detections for
    /// past events matching a new IOC. Off by default, like the Python connector, because a bulk initial sync would
    /// otherwise raise a storm of historical detections.
    /// </summary>
    [ConfigurationKeyName("retrodetects")]
    public bool Retrodetects { get; set; }

    /// <summary>The validated <see cref="ApiBaseUrl"/> as a URI ending with a slash, so relative paths append to it.</summary>
    public Uri ApiBaseUri => FalconUris.WithTrailingSlash(new Uri(ApiBaseUrl, UriKind.Absolute));

    /// <summary>The attempt timeout.</summary>
    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);
}
