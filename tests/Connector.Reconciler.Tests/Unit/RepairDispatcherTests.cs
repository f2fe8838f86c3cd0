using System.Collections.Concurrent;
using Connector.Contracts;
using Connector.Reconciler.Drift;
using Connector.Reconciler.Repair;
using Connector.Reconciler.Reports;
using Connector.Reconciler.Settings;
using Connector.Reconciler.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Reconciler.Tests.Unit;

public sealed class RepairDispatcherTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Repairs_leave_at_the_configured_rate_and_the_redrive_goes_first()
    {
        var time = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var dispatcher = Dispatcher(sender, time, new ReconcilerSettings { RepairRate = 10, StuckAfterMinutes = 20 });
        var tally = new RepairTally();

        // 30 orphans: 30 messages at 10/s, in chunks of one.
        var repairing = dispatcher.RepairAsync(Orphans(30), Start, tally, CancellationToken.None);

        await Until(() => sender.Published.Count == 1);
        Assert.IsType<RedriveStuckWrites>(sender.All.First());
        await Steady(() => sender.Published.Count, 1);

        time.Advance(TimeSpan.FromSeconds(1));
        await Steady(() => sender.Published.Count, 11);

        time.Advance(TimeSpan.FromSeconds(1.95));
        await Steady(() => sender.Published.Count, 30);
        await repairing;

        var redrive = Assert.Single(sender.All.OfType<RedriveStuckWrites>());
        Assert.Equal(Start - TimeSpan.FromMinutes(20), redrive.SentBefore);
        Assert.Equal(Start, redrive.RequestedAt);
        Assert.Equal(30, tally.ToCounts().IocOrphaned);
        Assert.Equal(1, tally.ToCounts().RedriveStuckWrites);
    }

    [Fact]
    public async Task A_failed_publish_fails_the_repair_but_what_was_confirmed_is_counted()
    {
        var sender = new RecordingSender { FailAfter = 5 };
        var dispatcher = Dispatcher(sender, TimeProvider.System, new ReconcilerSettings { RepairRate = 1000 });
        var tally = new RepairTally();

        await Assert.ThrowsAsync<InvalidOperationException>(() => dispatcher.RepairAsync(Orphans(50), Start, tally, CancellationToken.None));

        Assert.Equal(5, tally.ToCounts().IocOrphaned);
        Assert.Equal(1, tally.ToCounts().RedriveStuckWrites);
    }

    [Fact]
    public async Task The_dry_run_sender_refuses_everything()
    {
        var sender = new DryRunRepairSender();

        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.PublishAsync(new object(), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            sender.SendRedriveAsync(new RedriveStuckWrites { SentBefore = Start, RequestedAt = Start }, CancellationToken.None));
    }

    private static RepairDispatcher Dispatcher(IRepairSender sender, TimeProvider time, ReconcilerSettings settings)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new RepairDispatcher(sender, Options.Create(settings), new ReconcilerMetrics(meters, new ReportStore()), time, NullLogger<RepairDispatcher>.Instance);
    }

    private static DriftResult Orphans(int count)
    {
        var items = Enumerable.Range(0, count)
            .Select(i => new DriftItem(DriftKind.Orphan, new IocKey(IocType.Domain, $"o{i}.example")) { FalconId = $"f{i}" })
            .ToList();
        return new DriftResult(items, DriftCounts.Of(items));
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    // The count reaches the value and stays there: nothing more leaves until time moves.
    private static async Task Steady(Func<int> count, int expected)
    {
        await Until(() => count() >= expected);
        await Task.Delay(200);
        Assert.Equal(expected, count());
    }

    private sealed class RecordingSender : IRepairSender
    {
        public ConcurrentQueue<object> All { get; } = new();

        public ConcurrentQueue<object> Published { get; } = new();

        public int? FailAfter { get; init; }

        public Task PublishAsync(object message, CancellationToken cancellationToken)
        {
            if (FailAfter is { } limit && Published.Count >= limit)
            {
                throw new InvalidOperationException("the broker is gone");
            }

            Published.Enqueue(message);
            All.Enqueue(message);
            return Task.CompletedTask;
        }

        public Task SendRedriveAsync(RedriveStuckWrites command, CancellationToken cancellationToken)
        {
            All.Enqueue(command);
            return Task.CompletedTask;
        }
    }
}
