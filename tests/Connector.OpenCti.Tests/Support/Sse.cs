namespace Connector.OpenCti.Tests.Support;

/// <summary>Builds SSE frames as OpenCTI writes them.</summary>
internal static class Sse
{
    public static string Connected(string? firstEventId = null, string? lastEventId = null) =>
        "event: connected\ndata: {\"lastEventId\":" + Json(lastEventId) + ",\"firstEventId\":" + Json(firstEventId)
        + ",\"streamSize\":0,\"connectionId\":\"test-connection\"}\n\n";

    public static string Heartbeat(string id) => $"id: {id}\nevent: heartbeat\ndata: \"2024-06-01T10:15:30.123Z\"\n\n";

    public static string Create(string id, string indicatorId, string value = "198.51.100.7") =>
        Frame(id, "create", Payload("create", Indicator(indicatorId, value)));

    public static string Frame(string id, string eventName, string data) => $"id: {id}\nevent: {eventName}\ndata: {data}\n\n";

    public static string Indicator(string indicatorId, string value) =>
        $$"""{"id":"{{indicatorId}}","spec_version":"2.1","type":"indicator","name":"{{value}}","pattern":"[ipv4-addr:value = '{{value}}']","pattern_type":"stix"}""";

    public static string Payload(string type, string data) =>
        $$"""{"version":"4","type":"{{type}}","scope":"external","message":"m","origin":{},"data":{{data}}}""";

    private static string Json(string? value) => value is null ? "null" : "\"" + value + "\"";
}
