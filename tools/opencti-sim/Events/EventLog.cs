namespace OpenCtiSim.Events;

/// <summary>What the <c>connected</c> frame reports about the log.</summary>
internal sealed record EventLogInfo(StreamEventId First, StreamEventId Last, long Size);

/// <summary>
/// The platform's event log, shaped like a redis stream: strictly increasing ids <c>"&lt;ms&gt;-&lt;seq&gt;"</c>,
/// reads after an id, trimming from the start, and a signal for readers waiting at the end.
/// </summary>
internal sealed class EventLog(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<StreamEvent> _events = [];
    private StreamEventId _last = StreamEventId.Zero;

    // Ids handed out by idle heartbeats: the next event must sort after them, or a client that saved one would skip it.
    private StreamEventId _floor = StreamEventId.Zero;
    private TaskCompletionSource _appended = NewSignal();

    public StreamEventId LastId
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>Completes at the next append. Take it before reading, so no append can slip between.</summary>
    public Task AppendSignal
    {
        get
        {
            lock (_gate)
            {
                return _appended.Task;
            }
        }
    }

    /// <summary>Appends the event built for the next id (the builder runs under the lock and gets the id first).</summary>
    public StreamEvent Append(Func<StreamEventId, StreamEvent> build)
    {
        TaskCompletionSource signal;
        StreamEvent appended;
        lock (_gate)
        {
            var id = NextId();
            appended = build(id);
            if (appended.Id != id)
            {
                throw new InvalidOperationException("an event must carry the id it was given");
            }

            _events.Add(appended);
            _last = id;
            signal = _appended;
            _appended = NewSignal();
        }

        signal.TrySetResult();
        return appended;
    }

    /// <summary>Copies up to <paramref name="max"/> events with ids after <paramref name="after"/> into <paramref name="into"/>.</summary>
    public void ReadAfter(StreamEventId after, int max, List<StreamEvent> into)
    {
        lock (_gate)
        {
            var start = FirstIndexAfter(after);
            var end = Math.Min(_events.Count, start + max);
            for (var i = start; i < end; i++)
            {
                into.Add(_events[i]);
            }
        }
    }

    public EventLogInfo Info()
    {
        lock (_gate)
        {
            return _events.Count == 0
                ? new EventLogInfo(StreamEventId.Zero, _last, 0)
                : new EventLogInfo(_events[0].Id, _last, _events.Count);
        }
    }

    /// <summary>
    /// The id an idle heartbeat may carry: <c>"&lt;now-ms&gt;-0"</c> when that is past the last event (and then no
    /// later event may take an id at or below it), else the last event id.
    /// </summary>
    public StreamEventId IdleId()
    {
        var now = StreamEventId.At(time.GetUtcNow());
        lock (_gate)
        {
            if (now <= _last)
            {
                return _last;
            }

            _floor = StreamEventId.Max(_floor, now);
            return now;
        }
    }

    /// <summary>Drops every event with an id before <paramref name="keepFrom"/>; returns how many went.</summary>
    public int TrimBefore(StreamEventId keepFrom)
    {
        lock (_gate)
        {
            var count = FirstIndexAtOrAfter(keepFrom);
            _events.RemoveRange(0, count);
            return count;
        }
    }

    /// <summary>Keeps only the newest <paramref name="keep"/> events; returns how many went.</summary>
    public int TrimToCount(int keep)
    {
        lock (_gate)
        {
            var count = Math.Max(0, _events.Count - Math.Max(0, keep));
            _events.RemoveRange(0, count);
            return count;
        }
    }

    private StreamEventId NextId()
    {
        var ms = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds(), _last.Milliseconds);
        var id = ms == _last.Milliseconds ? new StreamEventId(ms, _last.Sequence + 1) : new StreamEventId(ms, 0);
        return id > _floor ? id : new StreamEventId(_floor.Milliseconds, _floor.Sequence + 1);
    }

    private int FirstIndexAfter(StreamEventId after)
    {
        int lo = 0, hi = _events.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_events[mid].Id <= after)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private int FirstIndexAtOrAfter(StreamEventId id)
    {
        int lo = 0, hi = _events.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_events[mid].Id < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
