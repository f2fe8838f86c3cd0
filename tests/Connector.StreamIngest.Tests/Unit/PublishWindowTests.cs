using System.Collections.Concurrent;
using Connector.OpenCti.LiveStream;
using Connector.StreamIngest.Ingest;

namespace Connector.StreamIngest.Tests.Unit;

public sealed class PublishWindowTests
{
    private readonly ConcurrentQueue<StreamEventId> confirmed = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> publishes = new(StringComparer.Ordinal);

    [Fact]
    public async Task Positions_are_confirmed_in_stream_order_when_publishes_finish_out_of_order()
    {
        var window = NewWindow(10);
        await PublishFrameAsync(window, Id(1), "a");
        await PublishFrameAsync(window, Id(2), "b");
        await PublishFrameAsync(window, Id(3), "c");

        Finish("c");
        Finish("b");
        await Settled(window, inFlight: 1);
        Assert.Empty(confirmed);

        Finish("a");
        await Settled(window, inFlight: 0);
        Assert.Equal([Id(3)], Confirmed());
    }

    [Fact]
    public async Task A_frame_is_confirmed_only_once_every_one_of_its_messages_is()
    {
        var window = NewWindow(10);
        await PublishFrameAsync(window, Id(1), "md5", "sha256", "domain");

        Finish("md5");
        Finish("domain");
        await Settled(window, inFlight: 1);
        Assert.Empty(confirmed);

        Finish("sha256");
        await Settled(window, inFlight: 0);
        Assert.Equal([Id(1)], Confirmed());
    }

    [Fact]
    public async Task A_frame_without_messages_is_confirmed_as_soon_as_everything_before_it_is()
    {
        var window = NewWindow(10);
        window.Advance(Id(1));
        Assert.Equal([Id(1)], Confirmed());

        await PublishFrameAsync(window, Id(2), "a");
        window.Advance(Id(3));
        Assert.Equal([Id(1)], Confirmed());

        Finish("a");
        await Settled(window, inFlight: 0);
        Assert.Equal([Id(1), Id(3)], Confirmed());
    }

    [Fact]
    public async Task Frames_without_messages_do_not_pile_up_behind_a_held_publish()
    {
        var window = NewWindow(10);
        await PublishFrameAsync(window, Id(1), "held");
        for (var i = 2; i <= 10_000; i++)
        {
            window.Advance(Id(i));
        }

        Assert.Equal(1, window.PendingCheckpoints);
        Assert.Empty(confirmed);

        Finish("held");
        await Settled(window, inFlight: 0);
        Assert.Equal([Id(10_000)], Confirmed());
    }

    [Fact]
    public async Task A_frame_still_handing_out_messages_is_not_confirmed_even_when_those_sent_are_done()
    {
        var window = NewWindow(10);
        var checkpoint = window.Open(Id(1));
        await window.StartAsync(checkpoint, "a", PublishAsync, CancellationToken.None, CancellationToken.None);
        Finish("a");
        await Settled(window, inFlight: 0);
        Assert.Empty(confirmed);

        window.Close(checkpoint);
        Assert.Equal([Id(1)], Confirmed());
    }

    [Fact]
    public async Task A_full_window_holds_the_reader_until_the_oldest_frame_is_confirmed()
    {
        var window = NewWindow(2);
        await PublishFrameAsync(window, Id(1), "a", "b");

        var next = window.Open(Id(2));
        var waiting = window.StartAsync(next, "c", PublishAsync, CancellationToken.None, CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(2, window.InFlight);

        // Half of the frame is not enough: room comes back with a confirmed position.
        Finish("a");
        await Settled(window, inFlight: 1);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        Finish("b");
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([Id(1)], Confirmed());
    }

    [Fact]
    public async Task One_held_publish_stops_the_reader_after_the_window_even_when_later_publishes_succeed()
    {
        var window = NewWindow(3);
        await PublishFrameAsync(window, Id(1), "held");
        await PublishFrameAsync(window, Id(2), "b");
        await PublishFrameAsync(window, Id(3), "c");
        Finish("b");
        Finish("c");
        await Settled(window, inFlight: 1);

        var fourth = window.Open(Id(4));
        var waiting = window.StartAsync(fourth, "d", PublishAsync, CancellationToken.None, CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted, "the reader must not run ahead of a publish that is not confirmed");
        Assert.Empty(confirmed);

        Finish("held");
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([Id(3)], Confirmed());
    }

    [Fact]
    public async Task A_publish_that_never_completes_holds_back_its_position_and_every_later_one()
    {
        var window = NewWindow(10);
        using var publishing = new CancellationTokenSource();
        await PublishFrameAsync(window, Id(1), publishing.Token, "a");
        await PublishFrameAsync(window, Id(2), publishing.Token, "b");
        await PublishFrameAsync(window, Id(3), publishing.Token, "c");
        Finish("a");
        Finish("c");
        await Settled(window, inFlight: 1);

        // Stop: "b" is cancelled, as a publish to an unreachable broker is when the drain ends.
        await publishing.CancelAsync();
        await window.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([Id(1)], Confirmed());
        Assert.Equal(2, window.PendingCheckpoints);
    }

    [Fact]
    public async Task A_failed_wait_for_a_slot_leaves_the_frame_unconfirmed()
    {
        var window = NewWindow(1);
        await PublishFrameAsync(window, Id(1), "a");
        using var reading = new CancellationTokenSource();
        var second = window.Open(Id(2));
        var waiting = window.StartAsync(second, "b", PublishAsync, reading.Token, CancellationToken.None).AsTask();

        await reading.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Finish("a");
        await Settled(window, inFlight: 0);

        Assert.Equal([Id(1)], Confirmed());
    }

    [Fact]
    public async Task Work_without_a_position_holds_back_later_positions_until_it_is_done()
    {
        var window = NewWindow(10);
        var request = window.Open(position: null);
        await window.StartAsync(request, "reconcile", PublishAsync, CancellationToken.None, CancellationToken.None);
        window.Close(request);
        window.Advance(Id(5));
        Assert.Empty(confirmed);

        Finish("reconcile");
        await Settled(window, inFlight: 0);
        Assert.Equal([Id(5)], Confirmed());
    }

    [Fact]
    public async Task An_abandoned_window_confirms_nothing_more()
    {
        var window = NewWindow(10);
        await PublishFrameAsync(window, Id(1), "a");
        window.Abandon();

        Finish("a");
        await Settled(window, inFlight: 0);
        window.Advance(Id(2));

        Assert.Empty(confirmed);
    }

    [Fact]
    public async Task Many_concurrent_publishes_end_with_the_last_position_confirmed_and_positions_never_going_back()
    {
        var window = NewWindow(64);
        for (var i = 1; i <= 2000; i++)
        {
            var checkpoint = window.Open(Id(i));
            for (var m = 0; m < i % 3; m++)
            {
                await window.StartAsync(checkpoint, $"{i}/{m}", YieldingPublishAsync, CancellationToken.None, CancellationToken.None);
            }

            window.Close(checkpoint);
        }

        await window.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var positions = Confirmed();
        Assert.Equal(Id(2000), positions[^1]);
        Assert.True(positions.Zip(positions.Skip(1)).All(p => p.First < p.Second), "confirmed positions only move forward");
    }

    private static StreamEventId Id(long sequence) => new(1_717_236_930_000, sequence);

    private static async Task YieldingPublishAsync(string message, CancellationToken cancellationToken)
    {
        await Task.Delay(message.Length % 2, cancellationToken);
        await Task.Yield();
    }

    private PublishWindow NewWindow(int maxInFlight) => new(maxInFlight, confirmed.Enqueue);

    private Task PublishFrameAsync(PublishWindow window, StreamEventId id, params string[] messages) =>
        PublishFrameAsync(window, id, CancellationToken.None, messages);

    private async Task PublishFrameAsync(PublishWindow window, StreamEventId id, CancellationToken publishing, params string[] messages)
    {
        var checkpoint = window.Open(id);
        foreach (var message in messages)
        {
            await window.StartAsync(checkpoint, message, PublishAsync, CancellationToken.None, publishing);
        }

        window.Close(checkpoint);
    }

    private Task PublishAsync(string message, CancellationToken cancellationToken) =>
        Completion(message).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource Completion(string message) =>
        publishes.GetOrAdd(message, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private void Finish(string message) => Completion(message).SetResult();

    private List<StreamEventId> Confirmed() => [.. confirmed];

    private static async Task Settled(PublishWindow window, int inFlight)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (window.InFlight != inFlight)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the window never got to {inFlight} publishes in flight");
            await Task.Delay(5);
        }
    }
}
