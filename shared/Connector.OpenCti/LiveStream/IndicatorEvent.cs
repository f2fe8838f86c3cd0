namespace Connector.OpenCti.LiveStream;

/// <summary>A <c>create</c>, <c>update</c>, <c>delete</c> or <c>merge</c> frame about a STIX indicator.</summary>
/// <param name="Id">The frame's id (not unique: never deduplicate on it).</param>
/// <param name="Kind">The SSE event name.</param>
/// <param name="Indicator">The indicator as the frame's <c>data</c> holds it (for a delete: as it was).</param>
public sealed record IndicatorEvent(StreamEventId Id, IndicatorEventKind Kind, IndicatorSnapshot Indicator) : PositionedStreamEvent(Id)
{
    /// <summary>
    /// The indicator before this change, from <c>context.reverse_patch</c> applied to <c>data</c>. Present for
    /// updates, and for creates and deletes caused by an update (entering or leaving the filter); null otherwise or
    /// when the patch could not be applied.
    /// </summary>
    public IndicatorSnapshot? Previous { get; init; }

    /// <summary>For a merge: the indicators absorbed into <see cref="Indicator"/>. They get no delete event of their own.</summary>
    public IReadOnlyList<IndicatorSnapshot> MergedSources { get; init; } = [];

    /// <summary>The payload's own <c>type</c> (<c>create</c>, <c>update</c>, <c>delete</c>, <c>merge</c>); may differ from <see cref="Kind"/>.</summary>
    public string? PayloadType { get; init; }

    /// <summary><c>origin.referer</c>: <c>init-create</c> marks a first-run recovery frame.</summary>
    public string? Referer { get; init; }

    /// <summary>The human-readable <c>message</c>, e.g. "creates a Indicator `1.2.3.4`".</summary>
    public string? Message { get; init; }

    /// <summary>True for frames of the first-run recovery (current state of an existing indicator, not a live change).</summary>
    public bool IsRecovery => string.Equals(Referer, "init-create", StringComparison.Ordinal);

    /// <summary>The event's time, from its id: the version of the claims it produces.</summary>
    public DateTimeOffset Version => Id.Timestamp;
}
