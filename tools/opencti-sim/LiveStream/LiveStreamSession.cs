using OpenCtiSim.Events;
using OpenCtiSim.Filters;
using OpenCtiSim.Stix;

namespace OpenCtiSim.LiveStream;

/// <summary>
/// One live stream connection: the connected frame, the recovery (current state of every matching indicator as
/// <c>create</c> frames), then the tail of the event log filtered by the stream, with heartbeats throughout.
/// </summary>
internal sealed class LiveStreamSession(
    OpenCtiSimPlatform platform,
    string streamId,
    StreamRequest request,
    SseFrameWriter frames,
    string connectionId)
{
    private const int ReadBatch = 256;
    private const int RecoveryFlushEvery = 256;

    private readonly HashSet<string> _sentDependencies = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = platform.Time;
    private readonly TimeSpan _heartbeatInterval = platform.Options.HeartbeatInterval;
    private readonly int _dropAfterFrames = platform.Faults.DropConnectionsAfterFrames;
    private DateTimeOffset _nextHeartbeat;
    private long _frames;

    // The id a heartbeat may carry: the last event this connection has sent or passed over.
    private StreamEventId _lastId;
    private bool _caughtUp;

    public long FramesWritten => _frames;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var info = platform.Log.Info();
        frames.WriteConnected(info, connectionId);
        Count("connected");
        await frames.FlushAsync(cancellationToken);
        _nextHeartbeat = _time.GetUtcNow() + _heartbeatInterval;

        // Without a start position the platform sends what happens from now on.
        var readFrom = request.Start ?? info.Last;
        _lastId = readFrom;
        if (request.Recover is { } recover)
        {
            readFrom = await RecoverAsync(request.Start!.Value, recover, cancellationToken);
        }

        await TailAsync(readFrom, cancellationToken);
    }

    /// <summary>
    /// Sends every matching indicator updated between the start position and the recover date (inclusive), oldest
    /// first, with id <c>"&lt;updated_at-ms&gt;-0"</c>; returns where the tail continues: after the recover date, or
    /// after the snapshot when the recover date lies in the future.
    /// </summary>
    private async Task<StreamEventId> RecoverAsync(StreamEventId start, DateTimeOffset recover, CancellationToken cancellationToken)
    {
        var (items, snapshotLast, _) = platform.Snapshot();
        var filter = CurrentFilter();
        var fromMs = start.Milliseconds;
        var toMs = recover.ToUnixTimeMilliseconds();
        var selected = items
            .Where(i => i.UpdatedAt.ToUnixTimeMilliseconds() >= fromMs && i.UpdatedAt.ToUnixTimeMilliseconds() <= toMs)
            .Where(i => platform.Evaluator.Matches(filter, i))
            .OrderBy(i => i.UpdatedAt)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();

        var sinceFlush = 0;
        foreach (var indicator in selected)
        {
            var frameId = new StreamEventId(indicator.UpdatedAt.ToUnixTimeMilliseconds(), 0);
            WriteRecoveryDependencies(frameId, indicator);
            frames.WriteRecovery(frameId, $"creates a Indicator `{indicator.Name}`", w => frames.WriteIndicatorData(w, indicator));
            Count("create");
            _lastId = frameId;
            if (++sinceFlush >= RecoveryFlushEvery)
            {
                sinceFlush = 0;
                await HeartbeatIfDueAsync(cancellationToken);
                await frames.FlushAsync(cancellationToken);
            }
        }

        await frames.FlushAsync(cancellationToken);
        var afterRecover = new StreamEventId(toMs, long.MaxValue);
        return StreamEventId.Max(start, StreamEventId.Min(afterRecover, snapshotLast));
    }

    private async Task TailAsync(StreamEventId readFrom, CancellationToken cancellationToken)
    {
        var batch = new List<StreamEvent>(ReadBatch);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var appended = platform.Log.AppendSignal;
            batch.Clear();
            platform.Log.ReadAfter(readFrom, ReadBatch, batch);
            if (batch.Count == 0)
            {
                _caughtUp = true;
                await HeartbeatIfDueAsync(cancellationToken);
                await WaitAsync(appended, cancellationToken);
                continue;
            }

            _caughtUp = false;

            // Live events are flushed one by one; a backlog goes out in batches.
            var flushEach = batch.Count <= 8;
            var filter = CurrentFilter();
            foreach (var e in batch)
            {
                var wrote = Process(e, filter);
                readFrom = e.Id;
                _lastId = e.Id;
                if (wrote && flushEach)
                {
                    await frames.FlushAsync(cancellationToken);
                }
            }

            await HeartbeatIfDueAsync(cancellationToken);
            await frames.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Sends what one log event means for this connection; returns whether a frame was written.</summary>
    private bool Process(StreamEvent e, FilterGroup filter)
    {
        if (!e.IsStreamable || e.Current is null)
        {
            return false;
        }

        switch (e.Type)
        {
            case "create" when Matches(filter, e.Current):
                WriteLive("create", e);
                return true;
            case "update":
            {
                var was = e.Previous is not null && Matches(filter, e.Previous);
                var now = Matches(filter, e.Current);
                if (now)
                {
                    // Entering the filter is a create for this stream; staying in it is an update.
                    WriteLive(was ? "update" : "create", e);
                    return true;
                }

                if (was && request.ListenDelete)
                {
                    // Leaving the filter is a delete for this stream, with the update payload.
                    WriteLive("delete", e);
                    return true;
                }

                return false;
            }

            case "delete" when request.ListenDelete && Matches(filter, e.Current):
                WriteLive("delete", e);
                return true;
            case "merge" when Matches(filter, e.Current):
                WriteLive("merge", e);
                return true;
            default:
                return false;
        }
    }

    private void WriteLive(string eventName, StreamEvent e)
    {
        if (eventName != "delete")
        {
            WriteLiveDependencies(e);
        }

        frames.WriteEvent(eventName, e);
        Count(eventName);
    }

    // The marking definitions and the author an indicator references, once per connection, under the parent's id.
    // The platform sends them even with no-dependencies (which only skips core relationships).
    private void WriteLiveDependencies(StreamEvent e)
    {
        foreach (var marking in e.Current!.MarkingRefs)
        {
            if (platform.References.Marking(marking) is { } m && _sentDependencies.Add(m.StandardId))
            {
                frames.WriteLiveDependency(e.Id, e.Origin, $"creates a Marking-Definition `{m.Definition}`", w => StixWriter.WriteMarking(w, m));
                Count("create");
            }
        }

        if (e.Current.CreatedByRef is { } author && platform.References.Identity(author) is { } identity && _sentDependencies.Add(identity.StandardId))
        {
            frames.WriteLiveDependency(e.Id, e.Origin, $"creates a Organization `{identity.Name}`", w => StixWriter.WriteIdentity(w, identity));
            Count("create");
        }
    }

    private void WriteRecoveryDependencies(StreamEventId parentId, SimIndicator indicator)
    {
        foreach (var marking in indicator.MarkingRefs)
        {
            if (platform.References.Marking(marking) is { } m && _sentDependencies.Add(m.StandardId))
            {
                frames.WriteRecovery(parentId, $"creates a Marking-Definition `{m.Definition}`", w => StixWriter.WriteMarking(w, m));
                Count("create");
            }
        }

        if (indicator.CreatedByRef is { } author && platform.References.Identity(author) is { } identity && _sentDependencies.Add(identity.StandardId))
        {
            frames.WriteRecovery(parentId, $"creates a Organization `{identity.Name}`", w => StixWriter.WriteIdentity(w, identity));
            Count("create");
        }
    }

    private async Task HeartbeatIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now < _nextHeartbeat)
        {
            return;
        }

        // Idle and caught up: the position may move to now (the log then gives later events larger ids).
        var id = _caughtUp ? StreamEventId.Max(_lastId, platform.Log.IdleId()) : _lastId;
        _lastId = id;
        frames.WriteHeartbeat(id, now);
        Count("heartbeat");
        _nextHeartbeat = now + _heartbeatInterval;
        await frames.FlushAsync(cancellationToken);
    }

    private async Task WaitAsync(Task appended, CancellationToken cancellationToken)
    {
        var delay = _nextHeartbeat - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, _time, stopDelay.Token);
        await Task.WhenAny(appended, timer);
        await stopDelay.CancelAsync();
    }

    private bool Matches(FilterGroup filter, SimIndicator indicator) => platform.Evaluator.Matches(filter, indicator);

    private FilterGroup CurrentFilter() => platform.FindStream(streamId)?.Filter ?? FilterGroup.Empty;

    private void Count(string eventName)
    {
        platform.CounterSink.FrameSent(eventName);
        _frames++;
        if (_dropAfterFrames > 0 && _frames >= _dropAfterFrames)
        {
            throw new DropConnectionException();
        }
    }
}

/// <summary>Thrown when a fault switch says the connection must be cut now.</summary>
internal sealed class DropConnectionException() : Exception("connection dropped by a fault switch");
