using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Connector.OpenCti.Tests.Support;

/// <summary>
/// An in-memory HTTP server for client tests: answers each request with the next scripted response and records
/// what was sent. When the script runs out, it answers with an event stream that stays open and silent.
/// </summary>
internal sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> script = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly SemaphoreSlim requestArrived = new(0);

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public ScriptedHttpHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        script.Enqueue(respond);
        return this;
    }

    public ScriptedHttpHandler ThenStatus(HttpStatusCode status) =>
        Then((_, _) => Task.FromResult(new HttpResponseMessage(status) { ReasonPhrase = status.ToString() }));

    public ScriptedHttpHandler ThenNetworkError() =>
        Then((_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)")));

    /// <summary>A 200 event stream with this body, then the end of the body (the server closed the connection).</summary>
    public ScriptedHttpHandler ThenEvents(string body) =>
        Then((_, _) => Task.FromResult(EventStream(new MemoryStream(Encoding.UTF8.GetBytes(body)))));

    /// <summary>A 200 event stream with this body, then silence: the connection stays open without frames.</summary>
    public ScriptedHttpHandler ThenEventsThenSilence(string body) =>
        Then((_, cancellationToken) => Task.FromResult(EventStream(new SilentAfterStream(Encoding.UTF8.GetBytes(body)))));

    public ScriptedHttpHandler ThenJson(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        Then((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") }));

    /// <summary>Waits until <paramref name="count"/> requests have arrived in all.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (requests.Count < count)
        {
            await requestArrived.WaitAsync(cancellation.Token);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        requests.Enqueue(new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            body));
        requestArrived.Release();
        return script.TryDequeue(out var respond)
            ? await respond(request, cancellationToken)
            : EventStream(new SilentAfterStream([]));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            requestArrived.Dispose();
        }

        base.Dispose(disposing);
    }

    private static HttpResponseMessage EventStream(Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream") { CharSet = "utf-8" };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>Reads its bytes, then blocks until the reader gives up, like a live connection with nothing to say.</summary>
    private sealed class SilentAfterStream(byte[] bytes) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position < bytes.Length)
            {
                var count = Math.Min(buffer.Length, bytes.Length - position);
                bytes.AsMemory(position, count).CopyTo(buffer);
                position += count;
                return count;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
