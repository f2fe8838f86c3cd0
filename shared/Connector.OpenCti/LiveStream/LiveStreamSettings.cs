namespace Connector.OpenCti.LiveStream;

/// <summary>
/// Which live stream to read and how (<c>CONNECTOR_LIVE_STREAM_*</c>), plus the reconnect tuning.
/// </summary>
/// <param name="StreamId">The live stream's id (<c>CONNECTOR_LIVE_STREAM_ID</c>), from Data sharing → Live streams.</param>
/// <param name="ListenDelete">Receive delete events (<c>CONNECTOR_LIVE_STREAM_LISTEN_DELETE</c>, default true).</param>
/// <param name="NoDependencies">Skip core relationships (<c>CONNECTOR_LIVE_STREAM_NO_DEPENDENCIES</c>, default true).</param>
/// <param name="WithInferences">Include inferred objects (<c>CONNECTOR_LIVE_STREAM_WITH_INFERENCES</c>, default false).</param>
public sealed record LiveStreamSettings(
    string StreamId,
    bool ListenDelete = true,
    bool NoDependencies = true,
    bool WithInferences = false)
{
    /// <summary>
    /// A connection that delivers no frame for this long is taken as dead and replaced. OpenCTI sends a heartbeat
    /// about every 5 s; the Python client gives up after 45 s.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>The first reconnect delay; it doubles on each failed attempt (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two reconnect attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Keep each indicator's STIX JSON in <see cref="IndicatorSnapshot.Raw"/> (costs a copy per frame).</summary>
    public bool KeepRawData { get; init; }
}
