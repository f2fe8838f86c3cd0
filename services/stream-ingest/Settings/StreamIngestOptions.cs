using Connector.Hosting.Settings;

namespace Connector.StreamIngest.Settings;

/// <summary>
/// The stream-ingest service's own tuning: section <c>stream_ingest</c> (<c>STREAM_INGEST_*</c>), new (the Python
/// connector published nothing and had nothing to tune).
/// </summary>
public sealed class StreamIngestOptions : IConnectorSettings
{
    /// <summary>The default bound on unconfirmed publishes: enough to keep RabbitMQ busy, small enough to replay quickly.</summary>
    public const int DefaultMaxInFlight = 2000;

    /// <inheritdoc />
    public static string SectionName => "stream_ingest";

    /// <summary>
    /// How many messages may be published (or be waiting for RabbitMQ's confirm) ahead of the saved position
    /// (<c>STREAM_INGEST_MAX_IN_FLIGHT</c>). When the window is full the stream is read no further until the oldest
    /// frames are confirmed; a crash replays at most this many messages beyond the position last saved.
    /// </summary>
    [ConfigurationKeyName("max_in_flight")]
    public int MaxInFlight { get; set; } = DefaultMaxInFlight;

    /// <summary>
    /// How long one publish may wait for the broker's confirm before it is abandoned and tried again
    /// (<c>STREAM_INGEST_PUBLISH_TIMEOUT</c>, e.g. <c>00:00:30</c>).
    /// </summary>
    [ConfigurationKeyName("publish_timeout")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On shutdown, how long the publishes already started may still complete (and move the saved position) before the
    /// service gives up on them (<c>STREAM_INGEST_DRAIN_TIMEOUT</c>). Unfinished ones are read again after the restart.
    /// </summary>
    [ConfigurationKeyName("drain_timeout")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
