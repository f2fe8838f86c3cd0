using Microsoft.Extensions.Configuration;

namespace Connector.Hosting.Settings;

/// <summary>
/// The connector's identity in OpenCTI and how it reads the live stream: section <c>connector</c>
/// (<c>CONNECTOR_*</c>). Names and defaults are the Python connector's; <see cref="LogFormat"/>,
/// <see cref="LiveStreamStartTimestamp"/>, <see cref="LiveStreamRecoverIsoDate"/> and
/// <see cref="LiveStreamWithInferences"/> are additions (the last three are pycti helper settings).
/// </summary>
public sealed class ConnectorOptions : IConnectorSettings
{
    /// <summary>Name shown in OpenCTI when none is configured.</summary>
    public const string DefaultName = "CrowdStrike Endpoint Security";

    /// <inheritdoc />
    public static string SectionName => "connector";

    /// <summary>UUID that identifies this connector in OpenCTI (<c>CONNECTOR_ID</c>); its saved stream position hangs on it. Required.</summary>
    [ConfigurationKeyName("id")]
    public string? Id { get; set; }

    /// <summary>Name shown in OpenCTI (<c>CONNECTOR_NAME</c>).</summary>
    [ConfigurationKeyName("name")]
    public string Name { get; set; } = DefaultName;

    /// <summary>Scope registered in OpenCTI (<c>CONNECTOR_SCOPE</c>), comma separated.</summary>
    [ConfigurationKeyName("scope")]
    public string Scope { get; set; } = "crowdstrike";

    /// <summary>Log level (<c>CONNECTOR_LOG_LEVEL</c>): <c>debug</c>, <c>info</c>, <c>warn</c>/<c>warning</c> or <c>error</c>.</summary>
    [ConfigurationKeyName("log_level")]
    public string LogLevel { get; set; } = "info";

    /// <summary>Log output (<c>CONNECTOR_LOG_FORMAT</c>, new): <c>json</c> (one JSON object per line) or <c>text</c> (for people).</summary>
    [ConfigurationKeyName("log_format")]
    public string LogFormat { get; set; } = "json";

    /// <summary>Id of the OpenCTI live stream to follow (<c>CONNECTOR_LIVE_STREAM_ID</c>). Required by the services that read OpenCTI.</summary>
    [ConfigurationKeyName("live_stream_id")]
    public string? LiveStreamId { get; set; }

    /// <summary>Receive delete events (<c>CONNECTOR_LIVE_STREAM_LISTEN_DELETE</c>); needed for deletions to reach Falcon.</summary>
    [ConfigurationKeyName("live_stream_listen_delete")]
    public bool LiveStreamListenDelete { get; set; } = true;

    /// <summary>Ask the stream not to send related objects (<c>CONNECTOR_LIVE_STREAM_NO_DEPENDENCIES</c>).</summary>
    [ConfigurationKeyName("live_stream_no_dependencies")]
    public bool LiveStreamNoDependencies { get; set; } = true;

    /// <summary>Include inferred objects (<c>CONNECTOR_LIVE_STREAM_WITH_INFERENCES</c>, new here, a pycti setting).</summary>
    [ConfigurationKeyName("live_stream_with_inferences")]
    public bool LiveStreamWithInferences { get; set; }

    /// <summary>
    /// Where to start reading when OpenCTI holds no saved position for this connector
    /// (<c>CONNECTOR_LIVE_STREAM_START_TIMESTAMP</c>, optional): a stream event id such as <c>1717236930123-0</c>,
    /// <c>0</c> for the beginning, or an ISO 8601 date. Unset: a first run replays every matching indicator.
    /// </summary>
    [ConfigurationKeyName("live_stream_start_timestamp")]
    public string? LiveStreamStartTimestamp { get; set; }

    /// <summary>
    /// ISO 8601 date up to which a first run recovers the current state of matching objects
    /// (<c>CONNECTOR_LIVE_STREAM_RECOVER_ISO_DATE</c>, optional). Unset: the time of the first run.
    /// </summary>
    [ConfigurationKeyName("live_stream_recover_iso_date")]
    public string? LiveStreamRecoverIsoDate { get; set; }
}
