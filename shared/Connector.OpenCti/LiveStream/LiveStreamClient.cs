using System.Diagnostics;
using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Connector.OpenCti.Diagnostics;
using Connector.OpenCti.State;
using Microsoft.Extensions.Logging;

namespace Connector.OpenCti.LiveStream;

/// <summary>
/// Reads an OpenCTI live stream as typed events, for ever: it reconnects with exponential backoff and jitter on
/// network errors, 5xx, closed connections and stalls, resuming after the last position it delivered (duplicates
/// are possible, losses are not). It stops only when cancelled, or with a <see cref="LiveStreamException"/> on 401
/// (bad token or stream) and 410 (stream stopped).
/// </summary>
public sealed class LiveStreamClient(
    IHttpClientFactory httpClientFactory,
    OpenCtiConnection connection,
    LiveStreamSettings settings,
    OpenCtiInstrumentation instrumentation,
    TimeProvider timeProvider,
    ILogger<LiveStreamClient> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> used for the stream (no timeout, no retry handler: this class retries).</summary>
    public const string HttpClientName = "Connector.OpenCti.LiveStream";

    private readonly StreamFrameParser frameParser = new(settings.KeepRawData, logger);

    /// <summary>The stream settings in use.</summary>
    public LiveStreamSettings Settings => settings;

    /// <summary>
    /// Reads the stream from <paramref name="start"/>: <c>Last-Event-ID</c> = <see cref="ConnectorState.StartFrom"/>,
    /// and <c>?recover=</c> while the first-run recovery is under way (<see cref="ConnectorState.IsRecovering"/>).
    /// </summary>
    /// <exception cref="LiveStreamException">OpenCTI refused the stream (401, 410 or another non-retryable status).</exception>
    public IAsyncEnumerable<StreamEvent> ReadAsync(ConnectorState start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        return ReadCoreAsync(start, cancellationToken);
    }

    private async IAsyncEnumerable<StreamEvent> ReadCoreAsync(ConnectorState start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = start.StartFrom;
        var failures = 0;
        var reconnects = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var recoverUntil = (start with { StartFrom = position }).IsRecovering ? start.RecoverUntil : null;
            var resumedFrom = position;
            var receivedFrames = false;
            string? interruption = null;

            using var activity = OpenCtiInstrumentation.ActivitySource.StartActivity("opencti.stream.connection", ActivityKind.Client);
            activity?.SetTag("opencti.stream.id", settings.StreamId);
            activity?.SetTag("opencti.stream.resumed_from", resumedFrom.ToString());

            // Armed only while waiting for the server, so a slow consumer is never taken for a dead connection.
            using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);

            HttpResponseMessage? response = null;
            try
            {
                stall.CancelAfter(settings.StallTimeout);
                response = await SendAsync(position, recoverUntil, linked.Token);
            }
            catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
            {
                interruption = ex.HttpRequestError.ToString();
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                interruption = "no answer";
            }

            if (response is not null && !response.IsSuccessStatusCode)
            {
                var status = response.StatusCode;
                response.Dispose();
                response = null;
                if (!IsRetryable(status))
                {
                    var refused = LiveStreamException.For(status, settings.StreamId);
                    activity?.SetStatus(ActivityStatusCode.Error, refused.Failure.ToString());
                    OpenCtiLog.StreamRefused(logger, settings.StreamId, refused.Message);
                    throw refused;
                }

                interruption = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"HTTP {(int)status}");
            }

            System.IO.Stream? body = null;
            if (response is not null)
            {
                try
                {
                    body = await response.Content.ReadAsStreamAsync(linked.Token);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsConnectionFailure(ex))
                {
                    interruption = "connection lost";
                    response.Dispose();
                }
            }

            if (response is not null && body is not null)
            {
                using (response)
                {
                    SseParser<StreamEvent>? parser = null;
                    await using (body)
                    {
                        parser = SseParser.Create(body, (eventName, data) => frameParser.Parse(eventName, data, CurrentId(parser!, resumedFrom)));
                        var frames = parser.EnumerateAsync(linked.Token).GetAsyncEnumerator(linked.Token);
                        try
                        {
                            while (true)
                            {
                                bool hasFrame;
                                stall.CancelAfter(settings.StallTimeout);
                                try
                                {
                                    hasFrame = await frames.MoveNextAsync();
                                }
                                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsConnectionFailure(ex))
                                {
                                    interruption = stall.IsCancellationRequested ? "stalled" : "connection lost";
                                    break;
                                }

                                stall.CancelAfter(Timeout.InfiniteTimeSpan);
                                if (!hasFrame)
                                {
                                    interruption = "closed by the server";
                                    break;
                                }

                                var item = frames.Current;
                                instrumentation.FrameReceived(item.EventType);
                                var streamEvent = item.Data;
                                if (item.EventId is not null && streamEvent is PositionedStreamEvent positioned)
                                {
                                    position = positioned.Id;
                                    receivedFrames = true;
                                    instrumentation.EventIdReceived(positioned.Id);
                                }

                                if (streamEvent is StreamConnected connected)
                                {
                                    connected = connected with { ResumedFrom = resumedFrom, RecoverUntil = recoverUntil, Reconnects = reconnects };
                                    OpenCtiLog.StreamConnected(logger, settings.StreamId, connected.ConnectionId, connected.FirstEventId?.ToString(), connected.LastEventId?.ToString(), connected.StreamSize);
                                    yield return connected;
                                    if (DetectTrimmedHistory(resumedFrom, recoverUntil, connected) is { } trimmed)
                                    {
                                        OpenCtiLog.HistoryTrimmed(logger, settings.StreamId, trimmed.SavedId.ToString(), trimmed.FirstEventId.ToString());
                                        yield return trimmed;
                                    }

                                    continue;
                                }

                                yield return streamEvent;
                            }
                        }
                        finally
                        {
                            await frames.DisposeAsync();
                        }
                    }
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            interruption ??= "closed by the server";
            activity?.SetStatus(ActivityStatusCode.Error, interruption);
            failures = receivedFrames ? 0 : failures + 1;
            reconnects++;
            var delay = ReconnectDelay(failures);
            instrumentation.Reconnecting(interruption);
            OpenCtiLog.StreamReconnecting(logger, settings.StreamId, interruption, (long)delay.TotalMilliseconds, position.ToString(), reconnects);
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(StreamEventId position, DateTimeOffset? recoverUntil, CancellationToken cancellationToken)
    {
        var uri = LiveStreamRequest.Uri(connection.BaseAddress, settings.StreamId, recoverUntil);
        OpenCtiLog.StreamConnecting(logger, settings.StreamId, uri.AbsolutePath, position.ToString(), recoverUntil is { } r ? ConnectorState.FormatDate(r) : null);
        using var request = LiveStreamRequest.Create(uri, settings, position);
        var client = httpClientFactory.CreateClient(HttpClientName);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private TimeSpan ReconnectDelay(int failures)
    {
        // Full exponential growth from the first failure, capped, then spread over [50 %, 100 %] so that many
        // connectors cut off together do not come back together.
        var exponent = Math.Min(Math.Max(failures - 1, 0), 16);
        var ceiling = Math.Min(settings.InitialReconnectDelay.TotalMilliseconds * Math.Pow(2, exponent), settings.MaxReconnectDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jitter = 0.5 + (Random.Shared.NextDouble() * 0.5);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(ceiling * jitter);
    }

    private static HistoryTrimmed? DetectTrimmedHistory(StreamEventId resumedFrom, DateTimeOffset? recoverUntil, StreamConnected connected)
    {
        // During the first-run recovery the platform rebuilds the state from its database up to the recover date and
        // tails the history after it, so what must still be held is the recover date; otherwise, the saved position.
        StreamEventId? needed = recoverUntil is { } until ? StreamEventId.FromTimestamp(until)
            : resumedFrom.IsZero ? null
            : resumedFrom;
        return needed is { } saved && connected.FirstEventId is { } first && saved < first
            ? new HistoryTrimmed(saved, first)
            : null;
    }

    private static StreamEventId CurrentId(SseParser<StreamEvent> parser, StreamEventId fallback) =>
        StreamEventId.TryParse(parser.LastEventId, out var id) ? id : fallback;

    private static bool IsRetryable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private static bool IsConnectionFailure(Exception exception) =>
        exception is OperationCanceledException or HttpRequestException or IOException or ObjectDisposedException;
}
