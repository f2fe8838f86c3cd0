using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;

namespace Connector.OpenCti.Tests.Support;

/// <summary>
/// Reads a live stream in the background and collects what arrives, so a test can change the platform while the
/// client reads, and wait for what it expects.
/// </summary>
internal sealed class StreamCollector : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly List<StreamEvent> events = [];
    private readonly SemaphoreSlim arrived = new(0);
    private readonly Task reading;

    public StreamCollector(LiveStreamClient client, ConnectorState start)
    {
        reading = Task.Run(async () =>
        {
            await foreach (var streamEvent in client.ReadAsync(start, stop.Token))
            {
                lock (gate)
                {
                    events.Add(streamEvent);
                }

                arrived.Release();
            }
        });
    }

    public IReadOnlyList<StreamEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    public IReadOnlyList<IndicatorEvent> IndicatorEvents => [.. Events.OfType<IndicatorEvent>()];

    /// <summary>Waits until the collected events satisfy <paramref name="condition"/>; fails the test on timeout or when reading failed.</summary>
    public async Task<IReadOnlyList<StreamEvent>> WaitForAsync(Func<IReadOnlyList<StreamEvent>, bool> condition, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var snapshot = Events;
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (reading.IsCompleted)
            {
                await reading;
                throw new InvalidOperationException("the stream reader ended before the condition was met");
            }

            try
            {
                await arrived.WaitAsync(TimeSpan.FromMilliseconds(200), cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"condition not met; received {snapshot.Count} events, the last ones: {string.Join(", ", snapshot.TakeLast(20))}");
            }
        }
    }

    /// <summary>The task of the reading loop (to observe how it ended).</summary>
    public Task Completion => reading;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (OperationCanceledException)
        {
            // Expected: the reader was stopped.
        }
        catch (Exception)
        {
            // The test that cared has observed it through Completion.
        }

        stop.Dispose();
        arrived.Dispose();
    }
}
