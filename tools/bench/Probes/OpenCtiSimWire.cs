namespace Bench.Probes;

/// <summary>opencti-sim's <c>GET /_sim/state</c>.</summary>
internal sealed record OpenCtiSimState(int Indicators, string? FirstEventId, string? LastEventId, long Events, int ActiveConnections);

/// <summary>opencti-sim's <c>GET /_sim/counters</c>.</summary>
internal sealed record OpenCtiSimCounters(
    long ConnectionsOpened,
    long ActiveConnections,
    long FramesSent,
    IReadOnlyDictionary<string, long> FramesByEvent,
    IReadOnlyDictionary<string, long> GraphQlCalls,
    long InjectedFailures);

/// <summary>A new indicator for opencti-sim's <c>POST /_sim/indicators</c> (only the fields the bench sets).</summary>
internal sealed record IndicatorDraft(
    string Pattern,
    string? Name,
    string? Description,
    int? Score,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Platforms,
    DateTimeOffset? ValidUntil);
