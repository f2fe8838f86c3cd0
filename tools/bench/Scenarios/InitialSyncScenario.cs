using Bench.Expectations;
using Bench.Probes;
using Bench.Reporting;
using Bench.Stack;

namespace Bench.Scenarios;

/// <summary>
/// The initial sync: stream-ingest starts with no saved state, recovers every indicator of the live stream, and the
/// pipeline writes the IOCs to Falcon. Done when falcon-sim holds every expected IOC with the expected fields (checked
/// against its full state); the wall time runs from stream-ingest's start to Falcon's last write of an expected IOC.
/// </summary>
internal static class InitialSyncScenario
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StateInterval = TimeSpan.FromSeconds(3);

    public static async Task<InitialSyncResult> RunAsync(
        PipelineStack stack, ExpectedIocs expected, TimeSpan stallTimeout, ProgressLine progress, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(progress);

        var usage = UsageMeter.Start(stack.Processes);
        var countersBefore = await stack.Falcon.CountersAsync(cancellationToken);
        var started = time.GetUtcNow();
        var (_, ready) = stack.StartStreamIngest(cancellationToken);

        FalconComparison? comparison = null;
        var lastCount = -1L;
        var lastProgressAt = started;
        var lastStateAt = DateTimeOffset.MinValue;
        while (true)
        {
            stack.EnsureRunning();
            if (ready.IsFaulted)
            {
                await ready;
            }

            var counters = await stack.Falcon.CountersAsync(cancellationToken);
            var created = counters.IndicatorsCreated - countersBefore.IndicatorsCreated;
            var writes = created + counters.IndicatorsUpdated - countersBefore.IndicatorsUpdated;
            var now = time.GetUtcNow();
            var elapsed = (now - started).TotalSeconds;
            progress.Update(
                $"initial sync: {Units.Count(created)} / {Units.Count(expected.Count)} IOCs in Falcon ({Units.Percent(created, expected.Count)})"
                + $"  {Units.Count(elapsed > 0 ? created / elapsed : 0)} IOCs/s  {Units.Seconds(elapsed)}"
                + $"  requests {Units.Count(counters.ApiRequests - countersBefore.ApiRequests)}  429s {Units.Count(counters.RateLimited - countersBefore.RateLimited)}");

            // Updates count as progress too: a shared IOC is created for one indicator, then updated for the next.
            if (writes != lastCount)
            {
                lastCount = writes;
                lastProgressAt = now;
            }

            var stalled = now - lastProgressAt > stallTimeout;
            if ((created >= expected.Count && now - lastStateAt >= StateInterval) || stalled)
            {
                lastStateAt = now;
                var state = await stack.Falcon.StateAsync(cancellationToken);
                comparison = FalconComparison.Compare(expected.Fields, state.Indicators);
                if (comparison.IsComplete || stalled)
                {
                    break;
                }
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        var end = time.GetUtcNow();
        var after = await stack.Falcon.CountersAsync(cancellationToken);
        progress.Complete(comparison.IsComplete
            ? $"initial sync: all {Units.Count(expected.Count)} expected IOCs are in Falcon with the expected fields."
            : $"initial sync: stalled for {Units.Seconds(stallTimeout.TotalSeconds)} with {Units.Count(comparison.Missing)} IOCs missing and {Units.Count(comparison.Mismatched)} different.");

        var wall = ((comparison.LastWrite ?? end) - started).TotalSeconds;
        var requests = after.ApiRequests - countersBefore.ApiRequests;
        var skipped = stack.Metrics.TryGetValue(Component.StreamIngest.Name, out var streamIngest)
            ? (await streamIngest.ScrapeAsync(cancellationToken)).SumBy("stream_ingest_iocs_skipped_total", "reason")
            : new Dictionary<string, double>();
        return new InitialSyncResult(
            expected.Summary.Indicators,
            expected.Count,
            comparison.Present,
            comparison.Missing,
            comparison.Mismatched,
            comparison.Unexpected,
            comparison.IsComplete,
            Units.Round(wall, 2),
            Units.Round(wall > 0 ? comparison.Present / wall : 0, 1),
            requests,
            Units.Round(expected.Count > 0 ? requests / (double)expected.Count : 0, 5),
            after.RateLimited - countersBefore.RateLimited,
            Delta(after.ByCall(), countersBefore.ByCall()),
            skipped,
            usage.Stop(stack.Processes),
            comparison.Examples,
            Units.LoadAverage());
    }

    /// <summary>Per-call request counts of a window.</summary>
    public static IReadOnlyDictionary<string, long> Delta(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before) =>
        after.Select(pair => (pair.Key, Count: pair.Value - before.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Count > 0)
            .ToDictionary(pair => pair.Key, pair => pair.Count, StringComparer.Ordinal);
}
