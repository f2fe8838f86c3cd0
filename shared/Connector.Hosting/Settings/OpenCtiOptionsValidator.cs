using Microsoft.Extensions.Options;

namespace Connector.Hosting.Settings;

/// <summary>Checks <see cref="OpenCtiOptions"/> at start; never echoes the token or the URL (which may hold credentials).</summary>
internal sealed class OpenCtiOptionsValidator : IValidateOptions<OpenCtiOptions>
{
    private static readonly SettingName Url = new("opencti", "url");
    private static readonly SettingName Token = new("opencti", "token");

    public ValidateOptionsResult Validate(string? name, OpenCtiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Url))
        {
            failures.Add($"{Url} is required: set it to your OpenCTI base URL, e.g. http://opencti:8080.");
        }
        else if (!IsHttpUrl(options.Url))
        {
            failures.Add($"{Url} is not an absolute http(s) URL without query: set it to your OpenCTI base URL, e.g. http://opencti:8080.");
        }

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add($"{Token} is required: set it to the API token of the OpenCTI user this connector acts as (OpenCTI profile → API access).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment);
}
