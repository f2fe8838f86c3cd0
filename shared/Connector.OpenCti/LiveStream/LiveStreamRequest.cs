using System.Net.Http.Headers;

namespace Connector.OpenCti.LiveStream;

/// <summary>Builds the live stream request exactly as the Python client sends it (the token is added by the client's auth handler).</summary>
internal static class LiveStreamRequest
{
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    public static Uri Uri(Uri baseAddress, string streamId, DateTimeOffset? recoverUntil)
    {
        var path = "stream/" + System.Uri.EscapeDataString(streamId);
        if (recoverUntil is { } until)
        {
            // Digits, '-', ':', '.', 'T' and 'Z' are all valid in a query: sent as is, like the Python client.
            path += "?recover=" + State.ConnectorState.FormatDate(until);
        }

        return new Uri(baseAddress, path);
    }

    public static HttpRequestMessage Create(Uri uri, LiveStreamSettings settings, StreamEventId lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var headers = request.Headers;
        headers.Accept.Add(EventStream);
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };

        // "listen-delete: false" is the only value that suppresses deletes; send the literal booleans every time.
        headers.TryAddWithoutValidation("listen-delete", settings.ListenDelete ? "true" : "false");
        headers.TryAddWithoutValidation("no-dependencies", settings.NoDependencies ? "true" : "false");
        headers.TryAddWithoutValidation("with-inferences", settings.WithInferences ? "true" : "false");

        // Sent even for "0-0": the platform needs a start position for "recover" to be valid.
        headers.TryAddWithoutValidation("Last-Event-ID", lastEventId.ToString());
        return request;
    }
}
