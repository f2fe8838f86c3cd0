using System.Globalization;
using Connector.OpenCti.LiveStream;
using Microsoft.Extensions.Configuration;

namespace Connector.OpenCti;

/// <summary>
/// Reads the client's settings from configuration sections <c>opencti</c> (<c>url</c>, <c>token</c>) and
/// <c>connector</c> (<c>id</c>, <c>name</c>, <c>scope</c>, <c>live_stream_id</c>, <c>live_stream_listen_delete</c>,
/// <c>live_stream_no_dependencies</c>, <c>live_stream_with_inferences</c>), the layout of the Python connector's
/// <c>config.yml</c>. Errors name the setting and its environment variable.
/// </summary>
public static class OpenCtiConfiguration
{
    /// <summary>Reads <c>opencti:url</c> and <c>opencti:token</c>.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid.</exception>
    public static OpenCtiConnection ReadConnection(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var url = Required(configuration, "opencti:url", "OPENCTI_URL");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"OPENCTI_URL (opencti:url) must be an absolute http(s) URL such as http://opencti:8080; got '{url}'.");
        }

        // The token's value is never put in a message.
        var token = Required(configuration, "opencti:token", "OPENCTI_TOKEN");
        return new OpenCtiConnection(uri, token);
    }

    /// <summary>Reads <c>connector:id</c>, <c>connector:name</c> and <c>connector:scope</c> (with the Python connector's defaults).</summary>
    /// <exception cref="InvalidOperationException">The id is missing.</exception>
    public static ConnectorIdentity ReadIdentity(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ConnectorIdentity(
            Required(configuration, "connector:id", "CONNECTOR_ID"),
            Optional(configuration, "connector:name") ?? ConnectorIdentity.DefaultName,
            Optional(configuration, "connector:scope") ?? ConnectorIdentity.DefaultScope);
    }

    /// <summary>Reads the <c>connector:live_stream_*</c> settings.</summary>
    /// <exception cref="InvalidOperationException">The stream id is missing or a flag is not a boolean.</exception>
    public static LiveStreamSettings ReadLiveStream(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new LiveStreamSettings(
            Required(configuration, "connector:live_stream_id", "CONNECTOR_LIVE_STREAM_ID"),
            Flag(configuration, "connector:live_stream_listen_delete", "CONNECTOR_LIVE_STREAM_LISTEN_DELETE", true),
            Flag(configuration, "connector:live_stream_no_dependencies", "CONNECTOR_LIVE_STREAM_NO_DEPENDENCIES", true),
            Flag(configuration, "connector:live_stream_with_inferences", "CONNECTOR_LIVE_STREAM_WITH_INFERENCES", false));
    }

    private static string Required(IConfiguration configuration, string key, string variable) =>
        Optional(configuration, key)
        ?? throw new InvalidOperationException($"{variable} ({key}) is required: set the environment variable or the key in config.yml.");

    private static string? Optional(IConfiguration configuration, string key) =>
        configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool Flag(IConfiguration configuration, string key, string variable, bool defaultValue)
    {
        var value = Optional(configuration, key);
        if (value is null)
        {
            return defaultValue;
        }

        // The Python connector's spellings of true and false.
        return value.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{variable} ({key}) must be true or false; got '{value}'.")),
        };
    }
}
