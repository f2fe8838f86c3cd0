using System.Collections.Concurrent;
using Connector.Contracts;

namespace Connector.Reconciler.Tests.Support;

/// <summary>Everything the stand-in for ioc-sync received from the reconciler.</summary>
public sealed class Inbox
{
    private readonly ConcurrentQueue<IndicatorChanged> _changed = new();
    private readonly ConcurrentQueue<IocObserved> _observed = new();
    private readonly ConcurrentQueue<IocOrphaned> _orphaned = new();
    private readonly ConcurrentQueue<RedriveStuckWrites> _redrives = new();

    public IReadOnlyList<IndicatorChanged> Changed => [.. _changed];

    public IReadOnlyList<IocObserved> Observed => [.. _observed];

    public IReadOnlyList<IocOrphaned> Orphaned => [.. _orphaned];

    public IReadOnlyList<RedriveStuckWrites> Redrives => [.. _redrives];

    public int Count => _changed.Count + _observed.Count + _orphaned.Count + _redrives.Count;

    public void Add(IndicatorChanged message) => _changed.Enqueue(message);

    public void Add(IocObserved message) => _observed.Enqueue(message);

    public void Add(IocOrphaned message) => _orphaned.Enqueue(message);

    public void Add(RedriveStuckWrites message) => _redrives.Enqueue(message);

    public void Clear()
    {
        _changed.Clear();
        _observed.Clear();
        _orphaned.Clear();
        _redrives.Clear();
    }

    /// <summary>
    /// Waits until <paramref name="expected"/> messages arrived, then a little longer, so that a message too many would be
    /// seen too: callers assert exact counts afterwards.
    /// </summary>
    public async Task SettleAsync(int expected, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (Count < expected)
        {
            await Task.Delay(50, cancel.Token);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(750), CancellationToken.None);
    }
}
