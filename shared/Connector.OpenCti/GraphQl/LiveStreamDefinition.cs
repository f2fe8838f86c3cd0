namespace Connector.OpenCti.GraphQl;

/// <summary>A live stream's definition, as the <c>streamCollection</c> query returns it.</summary>
/// <param name="Id">The stream id.</param>
/// <param name="Name">The name shown in OpenCTI.</param>
/// <param name="Filters">The stream's FilterGroup as a JSON string; pass it unchanged to <c>indicators(filters:)</c>.</param>
/// <param name="StreamLive">Whether the stream is started.</param>
/// <param name="StreamPublic">Whether the stream is public.</param>
public sealed record LiveStreamDefinition(string Id, string? Name, string? Filters, bool StreamLive, bool StreamPublic);
