using Bench.Stack;

namespace Bench.Reporting;

/// <summary>Prints the report as a three-column table (scenario, measure, value) with the issue's goals beside.</summary>
internal static class ResultTable
{
    public static void Write(TextWriter output, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<(string Scenario, string Measure, string Value, string Goal)>();

        if (report.InitialSync is { } sync)
        {
            rows.Add(("initial-sync", "indicators → expected IOCs", $"{Units.Count(sync.Indicators)} → {Units.Count(sync.ExpectedIocs)}", ""));
            rows.Add(("", "verified in falcon-sim", sync.Verified ? "yes, all present, fields match" : $"NO: {Units.Count(sync.MissingIocs)} missing, {Units.Count(sync.MismatchedIocs)} different", ""));
            rows.Add(("", "wall time", Units.Seconds(sync.WallSeconds), "≤ 60 s at 100k"));
            rows.Add(("", "IOCs per second", Units.Count(sync.IocsPerSecond), "≥ 1,700"));
            rows.Add(("", "Falcon requests (per IOC)", $"{Units.Count(sync.FalconRequests)} ({Units.Number(sync.RequestsPerIoc, 4)})", "≤ 0.005 per IOC"));
            rows.Add(("", "429s", Units.Count(sync.TooManyRequests), "0"));
            foreach (var process in sync.Processes)
            {
                // The broker's peak is over its whole life (it outlives runs); its CPU is this scenario's.
                var measure = process.Name == BrokerProcess.Name ? $"{process.Name}: CPU" : $"{process.Name}: peak RSS, CPU";
                var value = process.Name == BrokerProcess.Name
                    ? $"{Units.Number(process.CpuSeconds, 1)} s"
                    : $"{Units.Number(process.PeakRssMb, 0)} MB, {Units.Number(process.CpuSeconds, 1)} s";
                rows.Add(("", measure, value, IsService(process.Name) ? "≤ 250 MB" : ""));
            }
        }

        if (report.LiveChurn is { } churn)
        {
            rows.Add(("live-churn", "changes (rate achieved)", $"{Units.Count(churn.Events)} ({Units.Number(churn.AchievedRate, 0)}/s of {Units.Count(churn.TargetRate)}/s)", ""));
            rows.Add(("", "reached Falcon", $"{Units.Count(churn.Resolved)}, {Units.Count(churn.Unresolved)} not, {Units.Count(churn.HookFailures)} refused by opencti-sim", "all"));
            rows.Add(("", "latency p50 / p95 / p99", $"{Units.Number(churn.LatencyMs.P50, 0)} / {Units.Number(churn.LatencyMs.P95, 0)} / {Units.Number(churn.LatencyMs.P99, 0)} ms", "p99 ≤ 1,000 ms"));
            rows.Add(("", "latency max / mean", $"{Units.Number(churn.LatencyMs.Max, 0)} / {Units.Number(churn.LatencyMs.Mean, 0)} ms", ""));
            rows.Add(("", "Falcon requests (per change)", $"{Units.Count(churn.FalconRequests)} ({Units.Number(churn.RequestsPerEvent, 3)})", "≤ 0.05 per change"));
            rows.Add(("", "429s", Units.Count(churn.TooManyRequests), "0"));
            foreach (var process in churn.Processes.Where(p => IsService(p.Name) || p.Name == BrokerProcess.Name))
            {
                rows.Add(process.Name == BrokerProcess.Name
                    ? ("", $"{process.Name}: CPU", $"{Units.Number(process.CpuSeconds, 1)} s", "")
                    : ("", $"{process.Name}: peak RSS, CPU", $"{Units.Number(process.PeakRssMb, 0)} MB, {Units.Number(process.CpuSeconds, 1)} s", ""));
            }
        }

        if (report.Baseline is { } baseline)
        {
            rows.Add(("baseline", "indicators → expected IOCs", $"{Units.Count(baseline.Indicators)} → {Units.Count(baseline.ExpectedIocs)}", ""));
            rows.Add(("", "verified in falcon-sim", baseline.Verified ? "yes" : $"NO: {Units.Count(baseline.MissingIocs)} missing", ""));
            rows.Add(("", "wall time", Units.Seconds(baseline.WallSeconds), ""));
            rows.Add(("", "IOCs per second", Units.Number(baseline.IocsPerSecond, 2), ""));
            rows.Add(("", "Falcon requests (per IOC)", $"{Units.Count(baseline.FalconRequests)} ({Units.Number(baseline.RequestsPerIoc, 2)})", ""));
        }

        if (report.Comparison is { } comparison)
        {
            rows.Add(("ours/baseline", "throughput (IOCs/s)", $"{Units.Number(comparison.ThroughputRatio, 0)}× faster", ""));
            rows.Add(("", "requests per IOC", $"{Units.Number(comparison.RequestsPerIocRatio, 0)}× fewer", ""));
        }

        var widths = new[]
        {
            Math.Max("scenario".Length, rows.Max(r => r.Scenario.Length)),
            Math.Max("measure".Length, rows.Max(r => r.Measure.Length)),
            Math.Max("value".Length, rows.Max(r => r.Value.Length)),
        };
        output.WriteLine();
        output.WriteLine($"{"scenario".PadRight(widths[0])}  {"measure".PadRight(widths[1])}  {"value".PadRight(widths[2])}  goal");
        output.WriteLine(new string('-', widths.Sum() + 6 + 16));
        foreach (var (scenario, measure, value, goal) in rows)
        {
            output.WriteLine($"{scenario.PadRight(widths[0])}  {measure.PadRight(widths[1])}  {value.PadRight(widths[2])}  {goal}".TrimEnd());
        }
    }

    private static bool IsService(string name) => name is "stream-ingest" or "ioc-sync" or "reconciler";
}
