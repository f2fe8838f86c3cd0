using Microsoft.Extensions.Configuration;

namespace Connector.Hosting.Settings;

/// <summary>How to reach OpenCTI: section <c>opencti</c> (<c>OPENCTI_*</c>), as in the Python connector.</summary>
public sealed class OpenCtiOptions : IConnectorSettings
{
    /// <inheritdoc />
    public static string SectionName => "opencti";

    /// <summary>Base URL of the OpenCTI platform (<c>OPENCTI_URL</c>), e.g. <c>http://opencti:8080</c>. Required.</summary>
    [ConfigurationKeyName("url")]
    public string? Url { get; set; }

    /// <summary>API token of the OpenCTI user the connector acts as (<c>OPENCTI_TOKEN</c>). Required; a secret, never logged.</summary>
    [ConfigurationKeyName("token")]
    public string? Token { get; set; }

    /// <summary>The validated <see cref="Url"/>, ending with a slash so relative paths (<c>graphql</c>, <c>stream/…</c>) append to it.</summary>
    public Uri BaseUri
    {
        get
        {
            var url = Url ?? throw new InvalidOperationException("OPENCTI_URL is not set.");
            return new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
        }
    }
}
