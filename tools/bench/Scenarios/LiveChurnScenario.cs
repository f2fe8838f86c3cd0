using Bench.Reporting;
using Bench.Stack;

namespace Bench.Scenarios;

/// <summary>
/// live-churn: on a stack whose initial sync is done, opencti-sim gets a steady rate of creates, updates and deletes
/// through its hooks. Each change's latency runs from the hook call to the moment Falcon holds its outcome, read from
/// the IOC's own write time in falcon-sim's state once the run is over (so polling does not blur or load the measure).
/// </summary>
internal static class LiveChurnScenario
{
    private const int MaxConcurrentHookCalls = 64;
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StateInterval = TimeSpan.FromSeconds(5);

    public static async Task<LiveChurnResult> RunAsync(
        PipelineStack stack, ChurnGenerator generator, int rate, int durationSeconds, ProgressLine progress, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(progress);

        var total = rate * durationSeconds;
        var events = new List<ChurnEvent>(total);
        for (var i = 0; i < total; i++)
        {
            events.Add(generator.Next());
        }

        var usage = UsageMeter.Start(stack.Processes);
        var before = await stack.Falcon.CountersAsync(cancellationToken);
        using var gate = new SemaphoreSlim(MaxConcurrentHookCalls);
        var calls = new List<Task>(total);
        var started = time.GetUtcNow();
        var startTimestamp = time.GetTimestamp();
        var nextReport = TimeSpan.Zero;
        for (var i = 0; i < total; i++)
        {
            // Paced on the schedule, not on the previous call: a slow answer must not lower the rate.
            var due = TimeSpan.FromSeconds(i / (double)rate);
            var wait = due - time.GetElapsedTime(startTimestamp);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            await gate.WaitAsync(cancellationToken);
            var change = events[i];
            calls.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        await change.EmitAsync(stack.OpenCti, time, cancellationToken);
                    }
                    finally
                    {
                        gate.Release();
                    }
                },
                cancellationToken));

            var elapsed = time.GetElapsedTime(startTimestamp);
            if (elapsed >= nextReport)
            {
                nextReport = elapsed + TimeSpan.FromSeconds(1);
                stack.EnsureRunning();
                var counters = await stack.Falcon.CountersAsync(cancellationToken);
                progress.Update(
                    $"live churn: {Units.Count(i + 1)} / {Units.Count(total)} changes sent ({Units.Number((i + 1) / Math.Max(elapsed.TotalSeconds, 0.001), 0)}/s)"
                    + $"  Falcon writes {Units.Count(Writes(counters) - Writes(before))}  requests {Units.Count(counters.ApiRequests - before.ApiRequests)}  {Units.Seconds(elapsed.TotalSeconds)}");
            }
        }

        await Task.WhenAll(calls);
        var sendSeconds = time.GetElapsedTime(startTimestamp).TotalSeconds;

        // Settle: until every change's outcome is in Falcon, or nothing moved for the settle timeout.
        var emitted = events.Where(e => e.HookError is null).ToList();
        var lastResolvedAt = time.GetUtcNow();
        var resolved = 0;
        while (true)
        {
            stack.EnsureRunning();
            var state = await stack.Falcon.StateAsync(cancellationToken);
            var newly = ChurnResolver.Resolve(emitted, state.Indicators);
            resolved += newly;
            var now = time.GetUtcNow();
            if (newly > 0)
            {
                lastResolvedAt = now;
            }

            progress.Update($"live churn: settling, {Units.Count(resolved)} / {Units.Count(emitted.Count)} changes in Falcon  {Units.Seconds((now - started).TotalSeconds)}");
            if (resolved == emitted.Count || now - lastResolvedAt > SettleTimeout)
            {
                break;
            }

            await Task.Delay(StateInterval, cancellationToken);
        }

        var after = await stack.Falcon.CountersAsync(cancellationToken);
        var latencies = emitted.Where(e => e.Latency is not null).Select(e => e.Latency!.Value.TotalMilliseconds).ToList();
        var summary = Percentiles.Summarize(latencies);
        progress.Complete(
            $"live churn: {Units.Count(resolved)} / {Units.Count(emitted.Count)} changes reached Falcon; latency p50 {Units.Number(summary.P50, 0)} ms,"
            + $" p95 {Units.Number(summary.P95, 0)} ms, p99 {Units.Number(summary.P99, 0)} ms");

        var requests = after.ApiRequests - before.ApiRequests;
        return new LiveChurnResult(
            rate,
            durationSeconds,
            total,
            events.GroupBy(e => e.Kind).ToDictionary(g => g.Key.ToString().ToLowerInvariant(), g => g.Count(), StringComparer.Ordinal),
            Units.Round(total / sendSeconds, 1),
            events.Count(e => e.HookError is not null),
            resolved,
            emitted.Count - resolved,
            new LatencySummary(Units.Round(summary.P50, 1), Units.Round(summary.P95, 1), Units.Round(summary.P99, 1), Units.Round(summary.Max, 1), Units.Round(summary.Mean, 1)),
            requests,
            Units.Round(total > 0 ? requests / (double)total : 0, 4),
            after.RateLimited - before.RateLimited,
            InitialSyncScenario.Delta(after.ByCall(), before.ByCall()),
            usage.Stop(stack.Processes),
            Units.LoadAverage());
    }

    private static long Writes(Probes.FalconSimCounters counters) =>
        counters.IndicatorsCreated + counters.IndicatorsUpdated + counters.IndicatorsDeleted;
}
