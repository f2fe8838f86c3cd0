namespace OpenCtiSim.Events;

/// <summary>
/// One entry of the platform's event log (OpenCTI's redis stream). Indicator events keep the typed states so a
/// connection can evaluate its stream's filter on the state before and after; the rest is pre-serialized JSON.
/// </summary>
/// <param name="Id">The log id.</param>
/// <param name="Type"><c>create</c>, <c>update</c>, <c>delete</c> or <c>merge</c>.</param>
/// <param name="Scope"><c>external</c>, or <c>internal</c> for platform objects that are never streamed.</param>
/// <param name="Version">The payload version; clients only ever see <c>"4"</c>.</param>
/// <param name="Message">The human-readable <c>message</c>.</param>
/// <param name="Origin">The serialized <c>origin</c> object.</param>
/// <param name="Current">create/update/merge: the state after; delete: the state that was deleted.</param>
/// <param name="Previous">update/merge: the state before.</param>
/// <param name="Sources">merge: the absorbed indicators.</param>
/// <param name="Context">The serialized <c>context</c> object (patch, reverse_patch, sources), or null.</param>
/// <param name="OtherData">The serialized <c>data</c> of an event that is not about an indicator.</param>
internal sealed record StreamEvent(
    StreamEventId Id,
    string Type,
    string Scope,
    int Version,
    string Message,
    string Origin,
    SimIndicator? Current,
    SimIndicator? Previous,
    IReadOnlyList<SimIndicator> Sources,
    byte[]? Context,
    byte[]? OtherData)
{
    public bool IsStreamable => Version >= 4 && string.Equals(Scope, "external", StringComparison.Ordinal);
}
