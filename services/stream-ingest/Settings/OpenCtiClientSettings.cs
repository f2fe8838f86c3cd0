using Connector.Hosting.Settings;
using Connector.OpenCti;
using Connector.OpenCti.LiveStream;

namespace Connector.StreamIngest.Settings;

/// <summary>
/// The OpenCTI client's settings records, built from the validated <see cref="OpenCtiOptions"/> and
/// <see cref="ConnectorOptions"/>: one reading of the configuration for the whole service, so the client never
/// parses settings of its own.
/// </summary>
internal static class OpenCtiClientSettings
{
    public static OpenCtiConnection Connection(OpenCtiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OpenCtiConnection(options.BaseUri, options.Token?.Trim() ?? "");
    }

    public static LiveStreamSettings LiveStream(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LiveStreamSettings(
            options.LiveStreamId?.Trim() ?? "",
            options.LiveStreamListenDelete,
            options.LiveStreamNoDependencies,
            options.LiveStreamWithInferences);
    }

    public static ConnectorIdentity Identity(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConnectorIdentity(options.Id?.Trim() ?? "", options.Name, options.Scope);
    }
}
