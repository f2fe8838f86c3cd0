using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace OpenCtiSim.Tests.Support;

/// <summary>
/// A live stream connection read with .NET's <see cref="SseParser"/>: frames are pumped into a channel so a test
/// can wait for the next one with a timeout, and see when the server ends or cuts the connection.
/// </summary>
public sealed class SseConnection : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly HttpResponseMessage _response;
    private readonly Channel<SseFrame> _frames = Channel.CreateUnbounded<SseFrame>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    private SseConnection(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _pump = Task.Run(() => PumpAsync(body));
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Why the stream ended: null while open or after a clean end; the exception after a cut.</summary>
    public Exception? Failure { get; private set; }

    public static async Task<SseConnection> OpenAsync(
        OpenCtiSimHost sim,
        string? query = null,
        IReadOnlyDictionary<string, string>? headers = null,
        string? token = null,
        string? streamId = null)
    {
        var response = await SendAsync(sim, query, headers, token, streamId);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return new SseConnection(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Sends the stream request and returns the response as is (for status code tests).</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        OpenCtiSimHost sim,
        string? query = null,
        IReadOnlyDictionary<string, string>? headers = null,
        string? token = null,
        string? streamId = null)
    {
        var client = new HttpClient { BaseAddress = sim.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var path = $"stream/{streamId ?? sim.Options.LiveStreamId}{query}";
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? sim.Options.Token);
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The next frame; fails the test when none comes within the wait.</summary>
    public async Task<SseFrame> NextAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        try
        {
            return await _frames.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no frame within {wait ?? DefaultWait}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("the stream ended", Failure);
        }
    }

    /// <summary>The next frame that is not a heartbeat.</summary>
    public async Task<SseFrame> NextEventAsync(TimeSpan? wait = null)
    {
        while (true)
        {
            var frame = await NextAsync(wait);
            if (frame.Event != "heartbeat")
            {
                return frame;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> frames that are not heartbeats.</summary>
    public async Task<List<SseFrame>> NextEventsAsync(int count, TimeSpan? wait = null)
    {
        var frames = new List<SseFrame>(count);
        while (frames.Count < count)
        {
            frames.Add(await NextEventAsync(wait));
        }

        return frames;
    }

    /// <summary>Asserts that no frame other than heartbeats arrives for <paramref name="quiet"/>.</summary>
    public async Task AssertNoEventAsync(TimeSpan quiet)
    {
        var deadline = DateTime.UtcNow + quiet;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var frame = await NextAsync(deadline - DateTime.UtcNow);
                Assert.True(frame.Event == "heartbeat", $"unexpected {frame.Event} frame {frame.Id}: {frame.Data}");
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until the server ends the stream; returns the frames that came before.</summary>
    public async Task<List<SseFrame>> ReadToEndAsync(TimeSpan? wait = null)
    {
        var frames = new List<SseFrame>();
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        await foreach (var frame in _frames.Reader.ReadAllAsync(timeout.Token))
        {
            frames.Add(frame);
        }

        return frames;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _pump;
        }
        catch (Exception)
        {
            // The pump ends with the response; how it ends does not matter here.
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(Stream body)
    {
        try
        {
            await foreach (var item in SseParser.Create(body).EnumerateAsync(_stop.Token))
            {
                await _frames.Writer.WriteAsync(new SseFrame(item.EventId, item.EventType, item.Data));
            }
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            Failure = e;
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
