using System.Diagnostics.CodeAnalysis;
using Connector.OpenCti.LiveStream;

namespace Connector.StreamIngest.Ingest;

/// <summary>
/// Publishes many messages at once and confirms stream positions strictly in stream order: a position is confirmed
/// only when every publish of its frame and of every earlier frame has completed. The bound is on messages not yet
/// covered by a confirmed position, not merely on publishes under way: one publish that hangs stops the reader after
/// at most that many messages, so memory stays bounded and a restart replays at most that many messages beyond the
/// saved position. One window serves one read of the stream; after a reset it is abandoned and a new one starts, so
/// a late completion of the old read can never move the new read's position.
/// </summary>
/// <remarks>
/// A frame with messages is a <see cref="Checkpoint"/> holding a count of unfinished work, one of which is the frame
/// itself until <see cref="Close"/>: its position cannot be confirmed while its messages are still being handed out.
/// A frame without messages (a heartbeat, an indicator that yields nothing) only moves the position
/// (<see cref="Advance"/>): it joins the last open checkpoint, since it must wait for exactly what that one waits for.
/// A publish that never completes (cancelled at stop or reset) leaves its checkpoint, and all later ones, unconfirmed.
/// </remarks>
[SuppressMessage("Reliability", "CA1001", Justification = "The semaphore is never disposed on purpose: see the field.")]
internal sealed class PublishWindow
{
    // Never disposed: publishes still draining may touch it after the read is over, and a SemaphoreSlim holds no
    // unmanaged resource unless its wait handle is asked for.
    private readonly SemaphoreSlim slots;
    private readonly Queue<Checkpoint> pending = new();
    private readonly Lock gate = new();
    private readonly Action<StreamEventId> confirm;
    private readonly Action<int>? inFlightChanged;
    private Checkpoint? last;
    private TaskCompletionSource? idle;
    private int inFlight;
    private bool abandoned;

    /// <param name="maxUnconfirmed">How many messages may be handed out and not yet covered by a confirmed position.</param>
    /// <param name="confirm">Called with each newly confirmed position, in order, never concurrently.</param>
    /// <param name="inFlightChanged">Called with +1 / -1 as publishes start and end (for a gauge).</param>
    public PublishWindow(int maxUnconfirmed, Action<StreamEventId> confirm, Action<int>? inFlightChanged = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUnconfirmed, 1);
        ArgumentNullException.ThrowIfNull(confirm);
        slots = new SemaphoreSlim(maxUnconfirmed, maxUnconfirmed);
        this.confirm = confirm;
        this.inFlightChanged = inFlightChanged;
    }

    /// <summary>Publishes started and not finished yet.</summary>
    public int InFlight
    {
        get
        {
            lock (gate)
            {
                return inFlight;
            }
        }
    }

    /// <summary>Frames with messages whose position is not confirmed yet.</summary>
    public int PendingCheckpoints
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>
    /// Starts a frame that has messages, in stream order. <paramref name="position"/> is what confirming it saves; null
    /// for work that must complete before later positions but has none of its own (a reconciliation request).
    /// </summary>
    public Checkpoint Open(StreamEventId? position)
    {
        var checkpoint = new Checkpoint(position);
        lock (gate)
        {
            pending.Enqueue(checkpoint);
            last = checkpoint;
        }

        return checkpoint;
    }

    /// <summary>
    /// A frame without messages: its position is confirmed at once when nothing is pending, otherwise together with the
    /// last pending frame (it replaces that frame's position, which it follows).
    /// </summary>
    public void Advance(StreamEventId position)
    {
        lock (gate)
        {
            if (last is { } tail)
            {
                tail.Position = position;
            }
            else if (!abandoned)
            {
                confirm(position);
            }
        }
    }

    /// <summary>
    /// Waits for room in the window (this is where a full window holds the reader back), then starts
    /// <paramref name="publish"/> without waiting for it. A publish that throws leaves the checkpoint open.
    /// </summary>
    /// <param name="checkpoint">The frame the message belongs to, not closed yet.</param>
    /// <param name="message">The message.</param>
    /// <param name="publish">Publishes the message; it is expected to retry until it succeeds or is cancelled.</param>
    /// <param name="slotWait">Cancels the wait for room (stop reading).</param>
    /// <param name="publishing">Passed to <paramref name="publish"/>: cancels the publish itself (end of drain, reset).</param>
    public async ValueTask StartAsync<T>(
        Checkpoint checkpoint, T message, Func<T, CancellationToken, Task> publish, CancellationToken slotWait, CancellationToken publishing)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(publish);
        await slots.WaitAsync(slotWait);

        // Only the reader touches Messages, before Close; the drain reads it after the frame completed.
        checkpoint.Messages++;
        Interlocked.Increment(ref checkpoint.Outstanding);
        lock (gate)
        {
            inFlight++;
        }

        inFlightChanged?.Invoke(1);
        _ = RunAsync(checkpoint, message, publish, publishing);
    }

    /// <summary>Ends the frame's hand-out: from now on its position is confirmed as soon as its publishes are.</summary>
    public void Close(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Complete(checkpoint);
    }

    /// <summary>Stops confirming positions: the read this window served is over (reset).</summary>
    public void Abandon()
    {
        lock (gate)
        {
            abandoned = true;
        }
    }

    /// <summary>Completes when no publish is unfinished (cancel the publishing token to make them finish).</summary>
    public Task WhenIdleAsync()
    {
        lock (gate)
        {
            if (inFlight == 0)
            {
                return Task.CompletedTask;
            }

            idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return idle.Task;
        }
    }

    private async Task RunAsync<T>(Checkpoint checkpoint, T message, Func<T, CancellationToken, Task> publish, CancellationToken publishing)
    {
        var published = false;
        try
        {
            // Off the reader's thread at once, so the reader goes on to the next frame while this one is serialised.
            await Task.Yield();
            await publish(message, publishing);
            published = true;
        }
        catch (Exception)
        {
            // Cancelled (stop, reset) or given up: the checkpoint stays open, so no later position is confirmed.
        }
        finally
        {
            if (published)
            {
                Complete(checkpoint);
            }

            TaskCompletionSource? becameIdle = null;
            lock (gate)
            {
                if (--inFlight == 0)
                {
                    becameIdle = idle;
                    idle = null;
                }
            }

            inFlightChanged?.Invoke(-1);
            becameIdle?.SetResult();
        }
    }

    private void Complete(Checkpoint checkpoint)
    {
        if (Interlocked.Decrement(ref checkpoint.Outstanding) != 0)
        {
            return;
        }

        lock (gate)
        {
            StreamEventId? confirmed = null;
            var freed = 0;
            while (pending.TryPeek(out var head) && Volatile.Read(ref head.Outstanding) == 0)
            {
                pending.Dequeue();
                freed += head.Messages;
                confirmed = head.Position ?? confirmed;
            }

            if (pending.Count == 0)
            {
                last = null;
            }

            // Under the lock, so positions are confirmed in order even when publishes finish on several threads.
            if (confirmed is { } position && !abandoned)
            {
                confirm(position);
            }

            // Room comes back only with a confirmed position: that is what bounds the replay after a crash.
            if (freed > 0)
            {
                slots.Release(freed);
            }
        }
    }

    /// <summary>One frame's place in the window.</summary>
    internal sealed class Checkpoint(StreamEventId? position)
    {
        // The frame's own hold (released by Close) plus one per unfinished publish.
        internal int Outstanding = 1;

        // Window room the frame's messages hold until its position is confirmed.
        internal int Messages;

        /// <summary>The position confirmed with this frame (moved forward by frames without messages that follow it).</summary>
        public StreamEventId? Position { get; internal set; } = position;
    }
}
