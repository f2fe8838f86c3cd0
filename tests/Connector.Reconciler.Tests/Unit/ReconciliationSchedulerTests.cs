using System.Collections.Concurrent;
using Connector.Reconciler.Reports;
using Connector.Reconciler.Runs;
using Connector.Reconciler.Settings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Reconciler.Tests.Unit;

public sealed class ReconciliationSchedulerTests
{
    [Fact]
    public async Task The_first_run_comes_shortly_after_start_then_one_every_interval()
    {
        var time = new FakeTimeProvider();
        using var reconciler = new FakeReconciler();
        using var scheduler = Scheduler(reconciler, new ReconciliationTrigger(), time, new ReconcilerSettings { IntervalMinutes = 60, FirstRunDelaySeconds = 15 });
        await scheduler.StartAsync(CancellationToken.None);

        await AdvanceAsync(time, TimeSpan.FromSeconds(14));
        Assert.Empty(reconciler.Runs);
        await AdvanceAsync(time, TimeSpan.FromSeconds(1));
        await Until(() => reconciler.Runs.Count == 1);
        await AdvanceAsync(time, TimeSpan.FromMinutes(59));
        Assert.Single(reconciler.Runs);
        await AdvanceAsync(time, TimeSpan.FromMinutes(1));
        await Until(() => reconciler.Runs.Count == 2);

        Assert.All(reconciler.Runs, r => Assert.Equal("interval", r.Trigger));
        Assert.All(reconciler.Runs, r => Assert.False(r.DryRun));
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Requests_during_a_run_merge_into_exactly_one_more_run()
    {
        using var reconciler = new FakeReconciler { Blocking = true };
        var trigger = new ReconciliationTrigger();
        using var scheduler = Scheduler(reconciler, trigger, TimeProvider.System, new ReconcilerSettings { IntervalMinutes = 0 });
        await scheduler.StartAsync(CancellationToken.None);

        Assert.True(trigger.Request("history-trimmed"));
        await Until(() => reconciler.Runs.Count == 1);
        Assert.True(trigger.Request("second"));
        Assert.False(trigger.Request("third"));
        Assert.False(trigger.Request("fourth"));
        reconciler.ReleaseOne();
        await Until(() => reconciler.Runs.Count == 2);
        reconciler.ReleaseOne();
        await Task.Delay(300);

        Assert.Equal(["requested: history-trimmed", "requested: second"], reconciler.Runs.Select(r => r.Trigger));
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task With_interval_zero_nothing_runs_until_requested()
    {
        var time = new FakeTimeProvider();
        using var reconciler = new FakeReconciler();
        var trigger = new ReconciliationTrigger();
        using var scheduler = Scheduler(reconciler, trigger, time, new ReconcilerSettings { IntervalMinutes = 0, DryRun = true });
        await scheduler.StartAsync(CancellationToken.None);

        await AdvanceAsync(time, TimeSpan.FromDays(2));
        Assert.Empty(reconciler.Runs);
        trigger.Request("asked");
        await Until(() => reconciler.Runs.Count == 1);

        Assert.True(reconciler.Runs.Single().DryRun); // RECONCILER_DRY_RUN reaches the service's runs
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_run_does_not_stop_the_schedule()
    {
        var time = new FakeTimeProvider();
        using var reconciler = new FakeReconciler { Fails = true };
        using var scheduler = Scheduler(reconciler, new ReconciliationTrigger(), time, new ReconcilerSettings { IntervalMinutes = 5, FirstRunDelaySeconds = 0 });
        await scheduler.StartAsync(CancellationToken.None);

        await Until(() => reconciler.Runs.Count == 1);
        await AdvanceAsync(time, TimeSpan.FromMinutes(5));
        await Until(() => reconciler.Runs.Count == 2);
        await scheduler.StopAsync(CancellationToken.None);
    }

    private static ReconciliationScheduler Scheduler(IReconciler reconciler, ReconciliationTrigger trigger, TimeProvider time, ReconcilerSettings settings) =>
        new(reconciler, trigger, Options.Create(settings), time, NullLogger<ReconciliationScheduler>.Instance);

    // Lets the scheduler's loop reach its next wait before the clock moves on.
    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan by)
    {
        await Task.Delay(100);
        time.Advance(by);
        await Task.Delay(100);
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private sealed class FakeReconciler : IReconciler, IDisposable
    {
        private readonly SemaphoreSlim _release = new(0);

        public ConcurrentQueue<ReconciliationRequest> RunsQueue { get; } = new();

        public IReadOnlyList<ReconciliationRequest> Runs => [.. RunsQueue];

        public bool Blocking { get; init; }

        public bool Fails { get; init; }

        public void ReleaseOne() => _release.Release();

        public void Dispose() => _release.Dispose();

        public async Task<ReconciliationReport> RunAsync(ReconciliationRequest request, CancellationToken cancellationToken)
        {
            RunsQueue.Enqueue(request);
            if (Blocking)
            {
                await _release.WaitAsync(cancellationToken);
            }

            if (Fails)
            {
                throw new HttpRequestException("OpenCTI is down");
            }

            var now = DateTimeOffset.UtcNow;
            return new ReconciliationReport
            {
                Run = RunsQueue.Count, Trigger = request.Trigger, DryRun = request.DryRun, Outcome = ReportOutcomes.Completed,
                StartedAt = now, CompletedAt = now, DurationSeconds = 0,
            };
        }
    }
}
