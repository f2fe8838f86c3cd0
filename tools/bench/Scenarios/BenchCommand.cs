using System.Runtime.InteropServices;
using System.Text.Json;
using Bench.Cli;
using Bench.Expectations;
using Bench.Reporting;
using Bench.Stack;

namespace Bench.Scenarios;

/// <summary>
/// <c>bench</c>: initial-sync and live-churn share one stack (the churn runs on the synced base, as in production);
/// the baseline gets a stack of its own with only the simulators. Then the table and the JSON report.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        var startedAt = context.Time.GetUtcNow();
        var machine = Machine();
        var progress = ProgressLine.ForConsole();
        InitialSyncResult? initialSync = null;
        LiveChurnResult? liveChurn = null;
        BaselineResult? baseline = null;

        context.Say($"bench: {string.Join(", ", options.Scenarios)}; falcon-sim {options.LatencyMs} ms per request, {Units.Count(options.RateLimitPerMinute)} requests/min; logs in {context.LogRoot}");
        if (options.Runs(ScenarioNames.InitialSync) || options.Runs(ScenarioNames.LiveChurn))
        {
            var churnEvents = options.Rate * options.DurationSeconds;
            var indicators = options.Runs(ScenarioNames.InitialSync)
                ? options.InitialIndicators
                : ChurnGenerator.BaseIndicatorsFor(churnEvents);
            var runName = options.Runs(ScenarioNames.InitialSync) ? "pipeline" : "live-churn";
            context.Say($"== {(options.Runs(ScenarioNames.InitialSync) ? "initial-sync" : "live-churn base")}: opencti-sim generates {Units.Count(indicators)} indicators");
            await using var stack = await PipelineStack.StartSimulatorsAsync(context.StackFor(runName, indicators), context.Layout, context.Say, cancellationToken);
            var expected = await ExpectAsync(context, stack, cancellationToken);
            await stack.StartConsumersAsync(cancellationToken);
            var sync = await InitialSyncScenario.RunAsync(
                stack, expected, TimeSpan.FromSeconds(options.StallTimeoutSeconds), progress, context.Time, cancellationToken);
            if (options.Runs(ScenarioNames.InitialSync))
            {
                initialSync = sync;
            }

            if (options.Runs(ScenarioNames.LiveChurn))
            {
                if (!sync.Verified)
                {
                    context.Say("== live-churn: skipped, the initial sync did not complete (its latencies would measure the backlog).");
                }
                else
                {
                    context.Say($"== live-churn: {Units.Count(options.Rate)} changes/s for {options.DurationSeconds} s (4 creates, 4 updates, 2 deletes in 10)");
                    var generator = new ChurnGenerator(expected, context.Policy, context.Time, seed: 7);
                    liveChurn = await LiveChurnScenario.RunAsync(stack, generator, options.Rate, options.DurationSeconds, progress, context.Time, cancellationToken);
                }
            }
        }

        if (options.Runs(ScenarioNames.Baseline))
        {
            context.Say($"== baseline: the reference connector's way over {Units.Count(options.BaselineIndicators)} indicators (one search and one write per IOC, sequential)");
            await using var stack = await PipelineStack.StartSimulatorsAsync(
                context.StackFor("baseline", options.BaselineIndicators), context.Layout, context.Say, cancellationToken);
            var expected = await ExpectAsync(context, stack, cancellationToken);
            baseline = await BaselineScenario.RunAsync(stack, expected, progress, context.Time, cancellationToken);
        }

        var comparison = initialSync is { IocsPerSecond: > 0 } && baseline is { IocsPerSecond: > 0, RequestsPerIoc: > 0 } && initialSync.RequestsPerIoc > 0
            ? new ComparisonResult(
                Units.Round(initialSync.IocsPerSecond / baseline.IocsPerSecond, 1),
                Units.Round(baseline.RequestsPerIoc / initialSync.RequestsPerIoc, 1))
            : null;
        var report = new BenchReport(
            startedAt,
            machine,
            new BenchSettings(
                options.Scenarios,
                options.InitialIndicators,
                options.LatencyMs,
                options.RateLimitPerMinute,
                options.Rate,
                options.DurationSeconds,
                options.BaselineIndicators,
                options.ServiceOverrides),
            initialSync,
            liveChurn,
            baseline,
            comparison);

        ResultTable.Write(context.Output, report);
        var outputPath = Path.GetFullPath(options.OutputPath);
        await File.WriteAllTextAsync(outputPath, JsonSerializer.Serialize(report, ReportJsonContext.Default.BenchReport), cancellationToken);
        context.Say($"{Environment.NewLine}report: {outputPath}{Environment.NewLine}logs:   {context.LogRoot}");

        var failed = initialSync is { Verified: false } || baseline is { Verified: false } || liveChurn is { Unresolved: > 0 };
        return failed ? 1 : 0;
    }

    /// <summary>Lists the stream's indicators over GraphQL and applies the Domain's rules to them.</summary>
    public static async Task<ExpectedIocs> ExpectAsync(ScenarioContext context, PipelineStack stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stack);
        var started = context.Time.GetTimestamp();
        var indicators = await IndicatorListing.ListAsync(stack.GraphQl, StackSettings.LiveStreamId, cancellationToken);
        var expected = ExpectedIocs.Compute(indicators, context.Policy, context.Time.GetUtcNow());
        var summary = expected.Summary;
        context.Say(
            $"expected: {Units.Count(summary.Indicators)} indicators → {Units.Count(summary.Iocs)} IOCs in Falcon"
            + $" ({Units.Count(summary.Released)} revoked or expired, {Units.Count(summary.WithoutIoc)} without a supported IOC,"
            + $" {Units.Count(summary.NotEnforced.Values.Sum())} claims turned down: {string.Join(", ", summary.NotEnforced.Select(p => $"{p.Key} {Units.Count(p.Value)}"))});"
            + $" computed in {Units.Seconds(context.Time.GetElapsedTime(started).TotalSeconds)}");
        return expected;
    }

    private static MachineInfo Machine()
    {
        return new MachineInfo(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, Units.LoadAverage());
    }
}
