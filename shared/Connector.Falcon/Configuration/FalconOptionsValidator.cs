using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Connector.Falcon.Configuration;

/// <summary>
/// Checks <see cref="FalconOptions"/> at start. Each message names the environment variable, the yaml key and the
/// fix, and never echoes the client secret.
/// </summary>
public sealed partial class FalconOptionsValidator : IValidateOptions<FalconOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FalconOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
        {
            failures.Add(
                $"CROWDSTRIKE_API_BASE_URL (crowdstrike.api_base_url) is '{options.ApiBaseUrl}', which is not an absolute http(s) URL: "
                + $"set it to your Falcon cloud's API URL, e.g. {FalconOptions.DefaultApiBaseUrl} or https://api.eu-1.crowdstrike.com.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add(
                "CROWDSTRIKE_CLIENT_ID (crowdstrike.client_id) is required: set it to the id of a Falcon API client "
                + "with the IOC Management read/write scope.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add(
                "CROWDSTRIKE_CLIENT_SECRET (crowdstrike.client_secret) is required: set it to the secret of that Falcon API client.");
        }

        if (options.MemberCid is { Length: > 0 } cid && !MemberCidPattern().IsMatch(cid))
        {
            failures.Add(
                "CROWDSTRIKE_MEMBER_CID (crowdstrike.member_cid) is not a CID: set it to the child tenant's 32 hexadecimal "
                + "characters (a trailing '-XX' checksum is accepted), or leave it empty outside Flight Control.");
        }

        if (options.BatchSize is < 1 or > FalconOptions.MaxBatchSize)
        {
            failures.Add(
                $"CROWDSTRIKE_BATCH_SIZE (crowdstrike.batch_size) is {options.BatchSize}: set it between 1 and "
                + $"{FalconOptions.MaxBatchSize} (Falcon's limit per request); 500 is a good default.");
        }

        if (double.IsNaN(options.RequestShare) || options.RequestShare <= 0 || options.RequestShare > 1)
        {
            failures.Add(
                $"CROWDSTRIKE_REQUEST_SHARE (crowdstrike.request_share) is {options.RequestShare.ToString(System.Globalization.CultureInfo.InvariantCulture)}: "
                + "set it to the fraction of the account's 6000 requests per minute this connector may use, above 0 and at most 1 (default 0.5).");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add(
                $"CROWDSTRIKE_MAX_RETRIES (crowdstrike.max_retries) is {options.MaxRetries}: set it between 0 and 10.");
        }

        if (double.IsNaN(options.RequestTimeoutSeconds) || options.RequestTimeoutSeconds < 1 || options.RequestTimeoutSeconds > 600)
        {
            failures.Add(
                $"CROWDSTRIKE_REQUEST_TIMEOUT (crowdstrike.request_timeout) is {options.RequestTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}: "
                + "set it to the timeout of one request in seconds, between 1 and 600 (default 30).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[0-9a-fA-F]{32}(-[0-9a-fA-F]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex MemberCidPattern();
}
