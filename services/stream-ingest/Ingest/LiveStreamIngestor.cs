using System.Diagnostics;
using Connector.Contracts;
using Connector.Domain.Indicators;
using Connector.Hosting.Settings;
using Connector.OpenCti.GraphQl;
using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;
using Connector.StreamIngest.Diagnostics;
using Connector.StreamIngest.Health;
using Connector.StreamIngest.Settings;
using Microsoft.Extensions.Options;
using StreamSnapshot = Connector.OpenCti.IndicatorSnapshot;

namespace Connector.StreamIngest.Ingest;

/// <summary>
/// The service's work: registers the connector in OpenCTI, reads the live stream from the saved position (a first run
/// replays every matching indicator), and publishes one <see cref="IndicatorChanged"/> per (indicator, IOC) of each
/// indicator frame. Positions are saved only once every publish up to them was confirmed by RabbitMQ
/// (<see cref="PublishWindow"/>), so a crash or an outage can repeat messages but never lose one.
/// </summary>
/// <remarks>
/// A reset from the OpenCTI UI stops the read and starts a fresh full run in-process. A live stream OpenCTI refuses
/// (401, 410) or a refused token stops the service with <see cref="StreamIngestExit.StreamRefusedExitCode"/>: that
/// needs a person, and retrying would only hide it.
/// </remarks>
internal sealed class LiveStreamIngestor : BackgroundService
{
    /// <summary>Reason of the reconciliation requested when the stream's history no longer reaches the saved position.</summary>
    public const string HistoryTrimmedReason = "history-trimmed";

    /// <summary>Reason of the reconciliation requested when a reset from the UI starts a fresh run.</summary>
    public const string StateResetReason = "state-reset";

    private const int SkipLogMemory = 10_000;
    private const int MaxPatternInLog = 300;

    private readonly LiveStreamClient stream;
    private readonly ConnectorStateKeeper keeper;
    private readonly ResilientPublisher publisher;
    private readonly StreamIngestMetrics metrics;
    private readonly LiveStreamStatus status;
    private readonly StreamIngestExit exit;
    private readonly IHostApplicationLifetime lifetime;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<LiveStreamIngestor> logger;
    private readonly StreamIngestOptions settings;
    private readonly StartPosition startPosition;
    private readonly RecentKeySet reportedSkips = new(SkipLogMemory);
    private readonly Func<IndicatorChanged, CancellationToken, Task> publishChange;
    private readonly Func<ReconciliationRequested, CancellationToken, Task> publishReconciliation;

    public LiveStreamIngestor(
        LiveStreamClient stream,
        ConnectorStateKeeper keeper,
        ResilientPublisher publisher,
        StreamIngestMetrics metrics,
        LiveStreamStatus status,
        StreamIngestExit exit,
        IHostApplicationLifetime lifetime,
        IOptions<StreamIngestOptions> settings,
        IOptions<ConnectorOptions> connector,
        TimeProvider timeProvider,
        ILogger<LiveStreamIngestor> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(connector);
        this.stream = stream;
        this.keeper = keeper;
        this.publisher = publisher;
        this.metrics = metrics;
        this.status = status;
        this.exit = exit;
        this.lifetime = lifetime;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.settings = settings.Value;
        startPosition = StartPosition.From(connector.Value);
        publishChange = PublishChangeAsync;
        publishReconciliation = PublishReconciliationAsync;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var state = await RegisterAsync(stoppingToken);
            string? reconciliation = null;
            while (true)
            {
                var reset = keeper.ResetRequested;
                state = startPosition.Resolve(state);
                keeper.Confirm(state);
                if (await ReadAsync(state, reconciliation, reset, stoppingToken))
                {
                    state = keeper.BeginFreshRun();
                    reconciliation = StateResetReason;
                    StreamIngestLog.StateReset(logger, state.StartFrom.ToString(), FormatDate(state.RecoverUntil));
                }
                else
                {
                    // The reader only ends on its own if the client gave up without an error: go on from what is confirmed.
                    await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, stoppingToken);
                    state = keeper.Current ?? state;
                    reconciliation = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the stream was read.
        }
        catch (LiveStreamException ex)
        {
            Refuse(ex.Message);
        }
        catch (OpenCtiGraphQlException ex) when (IsRefusal(ex))
        {
            Refuse($"OpenCTI refused the connector's token ({ex.Code}): check OPENCTI_TOKEN and the rights of its user. {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stop visibly, with a non-zero exit code, rather than leave a host that no longer reads the stream.
            StreamIngestLog.Crashed(logger, ex);
            status.Refused(ex.Message);
            exit.Fail(StreamIngestExit.UnexpectedFailureExitCode);
            lifetime.StopApplication();
        }
        finally
        {
            StreamIngestLog.Stopped(logger, keeper.Current?.StartFrom.ToString());
        }
    }

    /// <summary>Reads one run of the stream; true when it ended because of a reset (a fresh run follows).</summary>
    private async Task<bool> ReadAsync(ConnectorState state, string? reconciliation, CancellationToken reset, CancellationToken stoppingToken)
    {
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, reset);

        // Publishes outlive the read on stop (they drain), but not a reset: that run's messages no longer matter.
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(reset);
        var window = new PublishWindow(settings.MaxInFlight, keeper.Confirm, metrics.InFlightChanged);
        StreamIngestLog.ReadingStream(logger, stream.Settings.StreamId, state.StartFrom.ToString(), FormatDate(state.RecoverUntil), settings.MaxInFlight);
        try
        {
            if (reconciliation is not null)
            {
                await RequestReconciliationAsync(window, reconciliation, reading.Token, publishing.Token);
            }

            await foreach (var streamEvent in stream.ReadAsync(state, reading.Token))
            {
                await HandleAsync(streamEvent, window, reading.Token, publishing.Token);
            }

            await DrainAsync(window, publishing);
            return false;
        }
        catch (OperationCanceledException) when (reset.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            window.Abandon();
            await publishing.CancelAsync();
            await window.WhenIdleAsync();
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or LiveStreamException)
        {
            await DrainAsync(window, publishing);
            throw;
        }
    }

    private async ValueTask HandleAsync(StreamEvent streamEvent, PublishWindow window, CancellationToken reading, CancellationToken publishing)
    {
        switch (streamEvent)
        {
            case IndicatorEvent indicatorEvent:
                await HandleIndicatorAsync(indicatorEvent, window, reading, publishing);
                break;
            case StreamHeartbeat heartbeat:
                metrics.PositionSeen(heartbeat.Id.Milliseconds);
                metrics.FrameHandled("heartbeat", "handled");
                window.Advance(heartbeat.Id);
                break;
            case StreamSkipped skipped:
                // Not a position: dependency frames share the id of the indicator that follows them.
                var outcome = SkipOutcome(skipped.Reason);
                metrics.MessageReceived(skipped.EventName);
                metrics.PositionSeen(skipped.Id.Milliseconds);
                metrics.FrameHandled(skipped.EventName, outcome);
                StreamIngestLog.FrameSkipped(logger, skipped.EventName, skipped.Id.ToString(), outcome, skipped.Detail);
                break;
            case StreamConnected:
                status.Connected();
                metrics.FrameHandled("connected", "handled");
                break;
            case HistoryTrimmed trimmed:
                StreamIngestLog.HistoryTrimmed(logger, trimmed.SavedId.ToString(), trimmed.FirstEventId.ToString());
                await RequestReconciliationAsync(window, HistoryTrimmedReason, reading, publishing);
                break;
        }
    }

    private async ValueTask HandleIndicatorAsync(IndicatorEvent indicatorEvent, PublishWindow window, CancellationToken reading, CancellationToken publishing)
    {
        var eventName = EventName(indicatorEvent.Kind);
        metrics.MessageReceived(eventName);
        metrics.PositionSeen(indicatorEvent.Id.Milliseconds);

        using var activity = StreamIngestInstrumentation.ActivitySource.StartActivity(ActivityName(indicatorEvent.Kind), ActivityKind.Internal);
        activity?.SetTag("opencti.stream.event_id", indicatorEvent.Id.ToString());
        activity?.SetTag("opencti.stream.event", eventName);
        activity?.SetTag("opencti.indicator.id", indicatorEvent.Indicator.Id);
        activity?.SetTag("opencti.stream.recovery", indicatorEvent.IsRecovery);

        IndicatorPlan plan;
        try
        {
            plan = IndicatorChangePlanner.Plan(indicatorEvent, timeProvider.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One bad frame must not stop the stream (the Python connector's crash loop); the reconciler repairs it.
            StreamIngestLog.FrameFailed(logger, eventName, indicatorEvent.Id.ToString(), indicatorEvent.Indicator.Id, ex);
            metrics.FrameHandled(eventName, "failed");
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            return;
        }

        activity?.SetTag("stream_ingest.ioc_count", plan.Changes.Count);
        ReportSkipped(indicatorEvent.Indicator, plan.Skipped);

        if (plan.Changes.Count == 0)
        {
            window.Advance(indicatorEvent.Id);
            metrics.FrameHandled(eventName, "no-iocs");
            return;
        }

        var checkpoint = window.Open(indicatorEvent.Id);
        foreach (var change in plan.Changes)
        {
            await window.StartAsync(checkpoint, change, publishChange, reading, publishing);
        }

        // Only once every message is under way: a read cancelled half-way leaves the frame unconfirmed.
        window.Close(checkpoint);
        metrics.FrameHandled(eventName, "published");
    }

    private async ValueTask RequestReconciliationAsync(PublishWindow window, string reason, CancellationToken reading, CancellationToken publishing)
    {
        // Ahead of the positions that follow: a crash before it is confirmed replays the read, and with it the request.
        var checkpoint = window.Open(position: null);
        var request = new ReconciliationRequested { Reason = reason, RequestedAt = timeProvider.GetUtcNow() };
        await window.StartAsync(checkpoint, request, publishReconciliation, reading, publishing);
        window.Close(checkpoint);
    }

    private async Task PublishChangeAsync(IndicatorChanged change, CancellationToken cancellationToken)
    {
        await publisher.PublishAsync(change, cancellationToken);
        metrics.IocPublished(change.Change);
    }

    private async Task PublishReconciliationAsync(ReconciliationRequested request, CancellationToken cancellationToken)
    {
        await publisher.PublishAsync(request, cancellationToken);
        metrics.ReconciliationRequested(request.Reason);
    }

    private void ReportSkipped(StreamSnapshot indicator, IReadOnlyList<SkippedIoc> skipped)
    {
        if (skipped.Count == 0)
        {
            return;
        }

        foreach (var item in skipped)
        {
            metrics.IocSkipped(SkipReasonCategory.Of(item));
        }

        var reasons = skipped.Count == 1 ? skipped[0].Reason : string.Join("; ", skipped.Select(s => s.Reason));
        if (reportedSkips.Add(indicator.Id + "\n" + reasons))
        {
            var pattern = indicator.Pattern is { Length: > MaxPatternInLog } lengthy ? lengthy[..MaxPatternInLog] + "…" : indicator.Pattern;
            StreamIngestLog.IndicatorSkipped(logger, indicator.Id, pattern, reasons);
        }
    }

    private async Task<ConnectorState> RegisterAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await keeper.RegisterAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !(ex is OpenCtiGraphQlException graphQl && IsRefusal(graphQl)))
            {
                StreamIngestLog.RegisterFailed(logger, (long)delay.TotalMilliseconds, ex);
                await Task.Delay(delay, timeProvider, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task DrainAsync(PublishWindow window, CancellationTokenSource publishing)
    {
        StreamIngestLog.Draining(logger, (long)settings.DrainTimeout.TotalMilliseconds, window.InFlight);
        publishing.CancelAfter(settings.DrainTimeout);
        try
        {
            // The publish timeout bounds an attempt that ignores cancellation; past that, the host's own shutdown timeout.
            await window.WhenIdleAsync().WaitAsync(settings.DrainTimeout + settings.PublishTimeout, timeProvider);
        }
        catch (TimeoutException)
        {
            // What did not complete stays unconfirmed and is read again after the restart.
        }
    }

    private void Refuse(string reason)
    {
        StreamIngestLog.StreamRefused(logger, reason);
        status.Refused(reason);
        exit.Fail(StreamIngestExit.StreamRefusedExitCode);
        lifetime.StopApplication();
    }

    // A token the platform refuses, or a user without the rights: retrying cannot help.
    private static bool IsRefusal(OpenCtiGraphQlException exception) =>
        exception.Code is "AUTH_REQUIRED" or "FORBIDDEN_ACCESS";

    private static string? FormatDate(DateTimeOffset? date) => date is { } d ? ConnectorState.FormatDate(d) : null;

    private static string EventName(IndicatorEventKind kind) => kind switch
    {
        IndicatorEventKind.Create => "create",
        IndicatorEventKind.Update => "update",
        IndicatorEventKind.Delete => "delete",
        _ => "merge",
    };

    private static string ActivityName(IndicatorEventKind kind) => kind switch
    {
        IndicatorEventKind.Create => "stream-ingest create",
        IndicatorEventKind.Update => "stream-ingest update",
        IndicatorEventKind.Delete => "stream-ingest delete",
        _ => "stream-ingest merge",
    };

    private static string SkipOutcome(SkipReason reason) => reason switch
    {
        SkipReason.NotAnIndicator => "not-an-indicator",
        SkipReason.NotStixPattern => "not-stix-pattern",
        SkipReason.Malformed => "malformed",
        _ => "unknown-event",
    };
}
