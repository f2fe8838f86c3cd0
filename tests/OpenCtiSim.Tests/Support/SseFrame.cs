using System.Text.Json.Nodes;

namespace OpenCtiSim.Tests.Support;

/// <summary>One SSE frame as a client sees it: the id (null when the frame has none), the event name, the data.</summary>
public sealed record SseFrame(string? Id, string Event, string Data)
{
    private JsonNode? _json;

    /// <summary>The data parsed once (frames are read many times in a test).</summary>
    public JsonNode? Json => _json ??= JsonNode.Parse(Data);

    public JsonObject Payload => Json!.AsObject();

    /// <summary>The STIX object in <c>data.data</c>.</summary>
    public JsonObject Stix => Payload["data"]!.AsObject();

    public string? StixType => Stix["type"]?.GetValue<string>();

    public string? StixId => Stix["id"]?.GetValue<string>();

    /// <summary>The OpenCTI internal id in the extension, for indicators.</summary>
    public string? InternalId =>
        Stix["extensions"]?["extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba"]?["id"]?.GetValue<string>();

    public StreamEventId EventId => StreamEventId.Parse(Id!);
}
