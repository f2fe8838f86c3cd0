using System.Net;
using Connector.OpenCti.State;
using Connector.OpenCti.LiveStream;
using Connector.OpenCti.Tests.Support;

namespace Connector.OpenCti.Tests.Unit;

/// <summary>The stream client's protocol and reconnect rules, against a scripted in-memory server.</summary>
public sealed class LiveStreamClientTests : IDisposable
{
    private static readonly DateTimeOffset RecoverDate = new(2024, 6, 1, 10, 15, 30, 123, TimeSpan.Zero);

    private readonly StreamHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task A_first_run_sends_the_python_clients_request_with_recover_and_last_event_id_zero()
    {
        harness.Handler.ThenEventsThenSilence(Sse.Connected());

        await harness.ReadUntilAsync(ConnectorState.FirstRun(RecoverDate), e => e is StreamConnected);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/base/stream/live-1", request.Uri.AbsolutePath);
        Assert.Equal("?recover=2024-06-01T10:15:30.123Z", request.Uri.Query);
        Assert.Equal("Bearer " + StreamHarness.Token, request.Header("Authorization"));
        Assert.Equal("true", request.Header("listen-delete"));
        Assert.Equal("true", request.Header("no-dependencies"));
        Assert.Equal("false", request.Header("with-inferences"));
        Assert.Equal("text/event-stream", request.Header("Accept"));
        Assert.Equal("no-cache", request.Header("Cache-Control"));
        Assert.Equal("0-0", request.Header("Last-Event-ID"));
    }

    [Theory]
    [InlineData(false, false, true, "false", "false", "true")]
    [InlineData(true, true, false, "true", "true", "false")]
    public async Task The_stream_flags_are_sent_as_literal_booleans(bool listenDelete, bool noDependencies, bool withInferences, string listenHeader, string noDependenciesHeader, string inferencesHeader)
    {
        using var flagged = new StreamHarness(StreamHarness.Fast(new LiveStreamSettings("live-2", listenDelete, noDependencies, withInferences)));
        flagged.Handler.ThenEventsThenSilence(Sse.Connected());

        await flagged.ReadUntilAsync(new ConnectorState(StreamEventId.Parse("5-0"), null), e => e is StreamConnected);

        var request = Assert.Single(flagged.Handler.Requests);
        Assert.Equal(listenHeader, request.Header("listen-delete"));
        Assert.Equal(noDependenciesHeader, request.Header("no-dependencies"));
        Assert.Equal(inferencesHeader, request.Header("with-inferences"));
        Assert.Equal("5-0", request.Header("Last-Event-ID"));
    }

    [Fact]
    public async Task A_position_past_the_recover_date_is_resumed_without_recover()
    {
        harness.Handler.ThenEventsThenSilence(Sse.Connected());
        var later = StreamEventId.FromTimestamp(RecoverDate.AddSeconds(1));

        await harness.ReadUntilAsync(new ConnectorState(later, RecoverDate), e => e is StreamConnected);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(string.Empty, request.Uri.Query);
        Assert.Equal(later.ToString(), request.Header("Last-Event-ID"));
    }

    [Fact]
    public async Task After_the_server_closes_it_reconnects_from_the_last_id_seen_heartbeats_included()
    {
        harness.Handler
            .ThenEvents(Sse.Connected() + Sse.Create("1000-0", "indicator--a") + Sse.Heartbeat("2000-0"))
            .ThenEventsThenSilence(Sse.Connected() + Sse.Create("3000-0", "indicator--b"));

        var events = await harness.ReadUntilAsync(new ConnectorState(StreamEventId.Parse("500-0"), null), e => e is IndicatorEvent { Indicator.Id: "indicator--b" });

        Assert.Equal(["500-0", "2000-0"], harness.Handler.Requests.Select(r => r.Header("Last-Event-ID")));
        Assert.Equal(
            ["connected", "create 1000-0", "heartbeat 2000-0", "connected", "create 3000-0"],
            events.Select(Describe));
        var reconnected = events.OfType<StreamConnected>().ToList();
        Assert.Equal([0, 1], reconnected.Select(c => c.Reconnects));
        Assert.Equal(StreamEventId.Parse("2000-0"), reconnected[1].ResumedFrom);
    }

    [Fact]
    public async Task A_half_received_frame_is_discarded_and_asked_for_again()
    {
        harness.Handler
            .ThenEvents(Sse.Connected() + Sse.Create("1000-0", "indicator--a") + "id: 2000-0\nevent: create\ndata: {\"version\":\"4\",\"data\":{\"id\":\"indicator--cut")
            .ThenEventsThenSilence(Sse.Connected() + Sse.Create("2000-0", "indicator--b"));

        var events = await harness.ReadUntilAsync(ConnectorState.FirstRun(RecoverDate), e => e is IndicatorEvent { Indicator.Id: "indicator--b" });

        Assert.Equal(["connected", "create 1000-0", "connected", "create 2000-0"], events.Select(Describe));
        Assert.Equal("1000-0", harness.Handler.Requests[1].Header("Last-Event-ID"));
    }

    [Fact]
    public async Task A_half_received_frame_without_a_final_blank_line_is_discarded()
    {
        // The frame is complete but for the blank line that dispatches it.
        harness.Handler
            .ThenEvents(Sse.Connected() + Sse.Create("1000-0", "indicator--a").TrimEnd('\n') + "\n")
            .ThenEventsThenSilence(Sse.Connected() + Sse.Heartbeat("1500-0"));

        var events = await harness.ReadUntilAsync(new ConnectorState(StreamEventId.Parse("900-0"), null), e => e is StreamHeartbeat);

        Assert.DoesNotContain(events, e => e is IndicatorEvent);
        Assert.Equal("900-0", harness.Handler.Requests[1].Header("Last-Event-ID"));
    }

    [Fact]
    public async Task Skipped_dependency_frames_do_not_move_the_resume_position()
    {
        // OpenCTI sends an indicator's marking under the indicator's own id, just before the indicator.
        var marking = Sse.Frame("2000-0", "create", Sse.Payload("create", """{"id":"marking-definition--1","type":"marking-definition"}"""));
        harness.Handler
            .ThenEvents(Sse.Connected() + Sse.Create("1000-0", "indicator--a") + marking)
            .ThenEventsThenSilence(Sse.Connected() + marking + Sse.Create("2000-0", "indicator--b"));

        var events = await harness.ReadUntilAsync(ConnectorState.FirstRun(RecoverDate), e => e is IndicatorEvent { Indicator.Id: "indicator--b" });

        Assert.Equal("1000-0", harness.Handler.Requests[1].Header("Last-Event-ID"));
        Assert.Equal(2, events.OfType<StreamSkipped>().Count(s => s.Reason == SkipReason.NotAnIndicator));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, LiveStreamFailure.Unauthorized, "check OPENCTI_TOKEN and CONNECTOR_LIVE_STREAM_ID")]
    [InlineData(HttpStatusCode.Gone, LiveStreamFailure.Stopped, "start it in OpenCTI")]
    [InlineData(HttpStatusCode.NotFound, LiveStreamFailure.UnexpectedStatus, "check OPENCTI_URL")]
    public async Task Configuration_errors_stop_the_reader_with_a_clear_message_and_no_retry(HttpStatusCode status, LiveStreamFailure failure, string advice)
    {
        harness.Handler.ThenStatus(status).ThenEventsThenSilence(Sse.Connected());

        var exception = await Assert.ThrowsAsync<LiveStreamException>(() => harness.ReadUntilAsync(ConnectorState.FirstRun(RecoverDate), _ => false));

        Assert.Equal(failure, exception.Failure);
        Assert.Equal(status, exception.StatusCode);
        Assert.Contains(advice, exception.Message, StringComparison.Ordinal);
        Assert.Contains("live-1", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(StreamHarness.Token, exception.ToString(), StringComparison.Ordinal);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Server_errors_throttling_and_network_errors_are_retried_from_the_same_position()
    {
        harness.Handler
            .ThenStatus(HttpStatusCode.InternalServerError)
            .ThenStatus(HttpStatusCode.ServiceUnavailable)
            .ThenStatus(HttpStatusCode.TooManyRequests)
            .ThenNetworkError()
            .ThenEventsThenSilence(Sse.Connected() + Sse.Create("1000-0", "indicator--a"));

        var events = await harness.ReadUntilAsync(new ConnectorState(StreamEventId.Parse("700-0"), null), e => e is IndicatorEvent);

        Assert.Equal(5, harness.Handler.Requests.Count);
        Assert.All(harness.Handler.Requests, r => Assert.Equal("700-0", r.Header("Last-Event-ID")));
        Assert.Equal(4, Assert.IsType<StreamConnected>(events[0]).Reconnects);
    }

    [Fact]
    public async Task A_connection_that_goes_silent_is_replaced_after_the_stall_timeout()
    {
        using var stalling = new StreamHarness(StreamHarness.Fast(new LiveStreamSettings("live-1") { StallTimeout = TimeSpan.FromMilliseconds(300) }));
        stalling.Handler
            .ThenEventsThenSilence(Sse.Connected() + Sse.Heartbeat("1000-0"))
            .ThenEventsThenSilence(Sse.Connected() + Sse.Create("2000-0", "indicator--a"));

        var events = await stalling.ReadUntilAsync(new ConnectorState(StreamEventId.Parse("900-0"), null), e => e is IndicatorEvent);

        Assert.Equal(["900-0", "1000-0"], stalling.Handler.Requests.Select(r => r.Header("Last-Event-ID")));
        Assert.Equal(["connected", "heartbeat 1000-0", "connected", "create 2000-0"], events.Select(Describe));
    }

    [Fact]
    public async Task A_slow_consumer_is_not_taken_for_a_stalled_connection()
    {
        var stallTimeout = TimeSpan.FromMilliseconds(200);
        using var slow = new StreamHarness(StreamHarness.Fast(new LiveStreamSettings("live-1") { StallTimeout = stallTimeout }));
        var connection = new LiveConnection();
        slow.Handler.Then((_, _) => Task.FromResult(connection.Response()));
        await connection.WriteAsync(Sse.Connected() + Sse.Create("1000-0", "indicator--a"));

        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = new List<string>();
        await foreach (var streamEvent in slow.Client.ReadAsync(ConnectorState.FirstRun(RecoverDate), cancellation.Token))
        {
            received.Add(Describe(streamEvent));
            if (streamEvent is IndicatorEvent { Indicator.Id: "indicator--a" })
            {
                // The consumer takes several stall timeouts to handle this event; the next frame comes after.
                await Task.Delay(stallTimeout * 4, cancellation.Token);
                await connection.WriteAsync(Sse.Create("2000-0", "indicator--b"));
            }
            else if (streamEvent is IndicatorEvent)
            {
                break;
            }
        }

        Assert.Equal(["connected", "create 1000-0", "create 2000-0"], received);
        Assert.Single(slow.Handler.Requests);
    }

    [Fact]
    public async Task Resuming_from_an_id_older_than_the_first_event_held_reports_trimmed_history()
    {
        harness.Handler.ThenEventsThenSilence(Sse.Connected(firstEventId: "10000-0", lastEventId: "20000-0") + Sse.Heartbeat("20000-0"));

        var events = await harness.ReadUntilAsync(new ConnectorState(StreamEventId.Parse("5000-3"), null), e => e is StreamHeartbeat);

        Assert.IsType<StreamConnected>(events[0]);
        var trimmed = Assert.IsType<HistoryTrimmed>(events[1]);
        Assert.Equal(StreamEventId.Parse("5000-3"), trimmed.SavedId);
        Assert.Equal(StreamEventId.Parse("10000-0"), trimmed.FirstEventId);
    }

    [Theory]
    [InlineData("10000-0", "10000-0")]
    [InlineData("15000-0", "10000-0")]
    [InlineData("0-0", "10000-0")]
    [InlineData("5000-0", null)]
    public async Task History_is_not_reported_trimmed_when_nothing_was_lost(string saved, string? firstEventId)
    {
        harness.Handler.ThenEventsThenSilence(Sse.Connected(firstEventId: firstEventId, lastEventId: firstEventId) + Sse.Heartbeat("20000-0"));

        var events = await harness.ReadUntilAsync(new ConnectorState(StreamEventId.Parse(saved), null), e => e is StreamHeartbeat);

        Assert.DoesNotContain(events, e => e is HistoryTrimmed);
    }

    [Fact]
    public async Task During_the_first_run_recovery_trimmed_history_is_judged_against_the_recover_date()
    {
        var afterRecoverDate = StreamEventId.FromTimestamp(RecoverDate.AddMinutes(1)).ToString();
        var beforeRecoverDate = StreamEventId.FromTimestamp(RecoverDate.AddMinutes(-1)).ToString();
        harness.Handler
            .ThenEvents(Sse.Connected(firstEventId: beforeRecoverDate) + Sse.Heartbeat("1000-0"))
            .ThenEventsThenSilence(Sse.Connected(firstEventId: afterRecoverDate) + Sse.Heartbeat("1000-0"));

        var events = await harness.ReadUntilAsync(ConnectorState.FirstRun(RecoverDate), e => e is StreamHeartbeat && harness.Handler.Requests.Count == 2);

        var trimmed = Assert.Single(events.OfType<HistoryTrimmed>());
        Assert.Equal(StreamEventId.FromTimestamp(RecoverDate), trimmed.SavedId);
        Assert.Equal(StreamEventId.Parse(afterRecoverDate), trimmed.FirstEventId);
        Assert.All(harness.Handler.Requests, r => Assert.Equal("?recover=2024-06-01T10:15:30.123Z", r.Uri.Query));
    }

    [Fact]
    public async Task Cancelling_the_reader_ends_it_without_reconnecting()
    {
        harness.Handler.ThenEventsThenSilence(Sse.Connected());
        using var cancellation = new CancellationTokenSource();

        var reading = Task.Run(async () =>
        {
            await foreach (var streamEvent in harness.Client.ReadAsync(ConnectorState.FirstRun(RecoverDate), cancellation.Token))
            {
                if (streamEvent is StreamConnected)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Single(harness.Handler.Requests);
    }

    private static string Describe(StreamEvent streamEvent) => streamEvent switch
    {
        StreamConnected => "connected",
        StreamHeartbeat heartbeat => $"heartbeat {heartbeat.Id}",
        IndicatorEvent indicator => $"{indicator.Kind.ToString().ToLowerInvariant()} {indicator.Id}",
        StreamSkipped skipped => $"skipped {skipped.Id}",
        HistoryTrimmed => "trimmed",
        _ => streamEvent.GetType().Name,
    };
}
