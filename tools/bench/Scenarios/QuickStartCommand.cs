using Bench.Expectations;
using Bench.Probes;
using Bench.Reporting;
using Bench.Stack;

namespace Bench.Scenarios;

/// <summary>
/// <c>quickstart</c>: the whole pipeline on this machine against the simulators — the initial sync of 10,000 indicators
/// with live progress, a summary checked against the Domain's rules, then the live stream followed (with a few changes
/// per second made in opencti-sim) until Ctrl-C.
/// </summary>
internal static class QuickStartCommand
{
    private static readonly TimeSpan LiveReportInterval = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        var progress = ProgressLine.ForConsole();
        context.Say($"quick start: falcon-sim ({options.LatencyMs} ms per request, {Units.Count(options.RateLimitPerMinute)} requests/min), opencti-sim with {Units.Count(options.InitialIndicators)} indicators, stream-ingest, ioc-sync, reconciler");

        // The reconciler's first run comes after the initial sync, so its report shows the synced state.
        await using var stack = await PipelineStack.StartSimulatorsAsync(
            context.StackFor("quickstart", options.InitialIndicators, reconcilerFirstRunDelaySeconds: 120), context.Layout, context.Say, cancellationToken);
        var expected = await BenchCommand.ExpectAsync(context, stack, cancellationToken);
        await stack.StartConsumersAsync(cancellationToken);
        context.Say("starting stream-ingest: the initial sync begins");
        var sync = await InitialSyncScenario.RunAsync(stack, expected, TimeSpan.FromSeconds(options.StallTimeoutSeconds), progress, context.Time, cancellationToken);
        await SummarizeAsync(context, stack, sync, cancellationToken);
        await FollowAsync(context, stack, expected, cancellationToken);
        return sync.Verified ? 0 : 1;
    }

    private static async Task SummarizeAsync(ScenarioContext context, PipelineStack stack, InitialSyncResult sync, CancellationToken cancellationToken)
    {
        var state = await stack.Falcon.StateAsync(cancellationToken);
        var active = state.Indicators.Where(i => !i.Deleted).ToList();
        var streamIngest = await stack.Metrics[Component.StreamIngest.Name].ScrapeAsync(cancellationToken);
        var frames = streamIngest
            .Where(s => string.Equals(s.Name, "stream_ingest_frames_total", StringComparison.Ordinal) && s.Label("event") is "create" or "update" or "delete" or "merge")
            .GroupBy(s => s.Label("outcome"), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Value), StringComparer.Ordinal);

        context.Say("");
        context.Say("summary");
        context.Say($"  time taken            {Units.Seconds(sync.WallSeconds)} from stream-ingest's start to the last IOC in Falcon ({Units.Count(sync.IocsPerSecond)} IOCs/s)");
        context.Say($"  indicators seen       {Units.Count(sync.Indicators)} in OpenCTI; stream-ingest handled {Units.Count(frames.Values.Sum())} frames: {Describe(frames)}");
        context.Say($"  IOCs in Falcon        {Units.Count(active.Count)}: {Describe(active.GroupBy(i => i.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal))}");
        context.Say($"    by action           {Describe(active.GroupBy(i => i.Action, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal))}");
        context.Say($"  skipped by reason     {(sync.SkippedByReason.Count == 0 ? "none" : Describe(sync.SkippedByReason))}");
        context.Say($"  Falcon requests       {Units.Count(sync.FalconRequests)} ({Units.Number(sync.RequestsPerIoc, 4)} per IOC), 429s {Units.Count(sync.TooManyRequests)}: {Describe(sync.RequestsByCall.ToDictionary(p => p.Key, p => (double)p.Value, StringComparer.Ordinal))}");
        context.Say(sync.Verified
            ? $"  checked               every one of the {Units.Count(sync.ExpectedIocs)} IOCs the Domain's rules expect is in Falcon with the expected fields"
            : $"  checked               {Units.Count(sync.MissingIocs)} expected IOCs missing, {Units.Count(sync.MismatchedIocs)} with other fields: {string.Join("; ", sync.Differences)}");
        foreach (var process in sync.Processes)
        {
            context.Say($"  {process.Name,-21} peak {Units.Number(process.PeakRssMb, 0)} MB, CPU {Units.Number(process.CpuSeconds, 1)} s");
        }
    }

    private static async Task FollowAsync(ScenarioContext context, PipelineStack stack, ExpectedIocs expected, CancellationToken cancellationToken)
    {
        var rate = context.Options.LiveRate;
        context.Say("");
        context.Say(rate > 0
            ? $"following the live stream; opencti-sim gets {Units.Number(rate, 1)} changes per second (creates, updates, deletes; --live-rate 0 for none)."
            : "following the live stream.");
        context.Say($"  make your own:  curl -s -X POST {stack.OpenCtiSimUrl}_sim/indicators -H 'Content-Type: application/json' -d \"{{\\\"pattern\\\": \\\"[domain-name:value = 'evil.example']\\\", \\\"score\\\": 80}}\"");
        context.Say($"  look at Falcon: curl -s {stack.FalconSimUrl}_sim/counters   (and /_sim/state)");
        context.Say($"  metrics:        {string.Join("  ", stack.Metrics.Values.Select(m => m.ServiceName))} serve /metrics; logs in {stack.LogDirectory}");
        context.Say("Ctrl-C stops everything.");

        var generator = new ChurnGenerator(expected, context.Policy, context.Time, seed: Environment.TickCount);
        var changes = new List<ChurnEvent>();
        var interval = rate > 0 ? TimeSpan.FromSeconds(1 / rate) : LiveReportInterval;
        var nextReport = context.Time.GetUtcNow() + LiveReportInterval;
        var before = await stack.Falcon.CountersAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            stack.EnsureRunning();
            if (rate > 0)
            {
                var change = generator.Next();
                await change.EmitAsync(stack.OpenCti, context.Time, cancellationToken);
                changes.Add(change);
            }

            if (context.Time.GetUtcNow() >= nextReport)
            {
                // Reading Falcon's whole state costs more as it grows: report less often rather than load the machine.
                var reportStarted = context.Time.GetTimestamp();
                await ReportLiveAsync(context, stack, changes, before, cancellationToken);
                var cost = context.Time.GetElapsedTime(reportStarted);
                nextReport = context.Time.GetUtcNow() + (cost * 10 > LiveReportInterval ? cost * 10 : LiveReportInterval);
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    private static async Task ReportLiveAsync(
        ScenarioContext context, PipelineStack stack, List<ChurnEvent> changes, FalconSimCounters before, CancellationToken cancellationToken)
    {
        var state = await stack.Falcon.StateAsync(cancellationToken);
        ChurnResolver.Resolve(changes, state.Indicators);
        var counters = await stack.Falcon.CountersAsync(cancellationToken);
        var latencies = changes.Where(c => c.Latency is not null).Select(c => c.Latency!.Value.TotalMilliseconds).ToList();
        var summary = Percentiles.Summarize(latencies);
        var kinds = string.Join(", ", changes.GroupBy(c => c.Kind).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        var refused = changes.Count(c => c.HookError is not null);
        context.Say(
            $"[{context.Time.GetLocalNow():HH:mm:ss}] live: {Units.Count(changes.Count)} changes ({(kinds.Length == 0 ? "none" : kinds)}),"
            + $" {Units.Count(latencies.Count)} in Falcon" + (latencies.Count > 0 ? $" (latency p50 {Units.Number(summary.P50, 0)} ms, max {Units.Number(summary.Max, 0)} ms)" : "")
            + (refused > 0 ? $", {refused} refused" : "")
            + $" · Falcon holds {Units.Count(state.ActiveCount)} IOCs · {Units.Count(counters.ApiRequests - before.ApiRequests)} requests since the sync");
    }

    private static string Describe(IReadOnlyDictionary<string, double> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {Units.Count(p.Value)}"));
}
