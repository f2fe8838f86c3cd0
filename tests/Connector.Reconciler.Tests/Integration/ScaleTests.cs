using System.Diagnostics;
using System.Globalization;
using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.Reconciler.Desired;
using Connector.Reconciler.Tests.Support;
using FalconSim;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Connector.Reconciler.Tests.Integration;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleTestGroup
{
    public const string Name = "scale";
}

/// <summary>
/// 50,000 indicators against 50,000-odd Falcon IOCs with 1 % of each kind of drift: the run completes and sends exactly
/// the repairs. No timing assertion: the duration, Falcon requests and memory are printed for the record.
/// </summary>
[Collection(ScaleTestGroup.Name)]
public sealed class ScaleTests(RabbitMqBroker broker, ITestOutputHelper output) : IClassFixture<RabbitMqBroker>
{
    private const int Indicators = 50_000;
    private const int OnePercent = Indicators / 100;

    [Fact]
    public async Task Fifty_thousand_indicators_against_fifty_thousand_IOCs_with_one_percent_of_each_drift()
    {
        await using var bed = await Testbed.StartAsync(broker, new Dictionary<string, string?>
        {
            ["RECONCILER_TO_DELETE_RETENTION_DAYS"] = "30",
            ["RECONCILER_REPAIR_RATE"] = "5000",
        });
        var seeding = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var seeds = new List<SimIndicatorSeed>(Indicators + 2 * OnePercent);
        for (var i = 0; i < Indicators; i++)
        {
            // Alternate IOC types so every normaliser and type filter is in play.
            var (type, falconType, pattern, value) = (i % 3) switch
            {
                0 => (IocType.Domain, "domain", $"[domain-name:value = 'host-{i}.scale.example']", $"host-{i}.scale.example"),
                1 => (IocType.Ipv4, "ipv4", $"[ipv4-addr:value = '10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}']", $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"),
                _ => (IocType.Sha256, "sha256", $"[file:hashes.'SHA-256' = '{Hash(i)}']", Hash(i)),
            };
            var indicator = bed.AddIndicator(pattern, d => d with { Name = null, Description = null, Score = i % 101, Labels = i % 7 == 0 ? ["c2"] : [] });
            if (i >= Indicators - OnePercent)
            {
                continue; // missing
            }

            var fields = bed.FieldsFor(indicator, type);
            seeds.Add(bed.OursWith(falconType, value, i < OnePercent ? fields with { Severity = fields.Severity == "low" ? "high" : "low" } // stale
                : i < 2 * OnePercent ? FalconFieldRules.Disarm(fields, bed.Policy) // disarmed, wanted again
                : fields));
        }

        var armed = new FalconIocFields { Action = "detect", MobileAction = "detect", Severity = "high", Platforms = ["windows"], Source = IocPolicy.DefaultSource };
        for (var j = 0; j < OnePercent; j++)
        {
            seeds.Add(bed.OursWith("domain", $"orphan-{j}.scale.example", armed));
            seeds.Add(bed.OursWith("domain", $"purge-{j}.scale.example", FalconFieldRules.Disarm(armed, bed.Policy)) with { ModifiedOn = now.AddDays(-60) });
        }

        bed.Falcon.Store.Seed(seeds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {Indicators:N0} indicators and {seeds.Count:N0} Falcon IOCs in {seeding.Elapsed.TotalSeconds:0.0} s"));

        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var falconBefore = bed.Falcon.Counters.TotalRequests;
        var graphQlBefore = bed.OpenCti.Platform.Counters.GraphQlCallsOf("indicators");
        using var peak = new PeakHeap();
        var run = Stopwatch.StartNew();
        var report = await bed.RunAsync();
        run.Stop();
        var falconRequests = bed.Falcon.Counters.TotalRequests - falconBefore;
        var graphQlCalls = bed.OpenCti.Platform.Counters.GraphQlCallsOf("indicators") - graphQlBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peakHeap = peak.PeakBytes;
        await bed.Inbox.SettleAsync(8 * OnePercent + 1, TimeSpan.FromMinutes(3));

        Assert.True(report.Completed, report.Error);
        Assert.Equal(Indicators, report.OpenCti.Indicators);
        Assert.Equal(Indicators, report.OpenCti.DesiredIocs);
        Assert.Equal(Indicators - OnePercent + 2 * OnePercent, report.Falcon.OwnedIocs);
        Assert.Equal(OnePercent, report.Drift.Missing);
        Assert.Equal(OnePercent, report.Drift.Stale);
        Assert.Equal(OnePercent, report.Drift.DisarmedDesired);
        Assert.Equal(OnePercent, report.Drift.Orphan);
        Assert.Equal(OnePercent, report.Drift.ExpiredToDelete);
        Assert.Equal(0, report.Drift.OwnedElsewhere);
        Assert.Equal(3 * OnePercent, bed.Inbox.Changed.Count);
        Assert.Equal(3 * OnePercent, bed.Inbox.Observed.Count);
        Assert.Equal(OnePercent, bed.Inbox.Observed.Count(o => !o.Exists));
        Assert.Equal(2 * OnePercent, bed.Inbox.Orphaned.Count);
        Assert.Equal(OnePercent, bed.Inbox.Orphaned.Count(o => o.Purge));
        Assert.Single(bed.Inbox.Redrives);
        Assert.Equal(8 * OnePercent + 1, bed.Inbox.Count);

        // The one structure a run holds whole: the desired set (Falcon's side is streamed; only differences are kept).
        var reader = bed.Reconciler.Services.GetRequiredService<DesiredStateReader>();
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var desired = await reader.ReadAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        var desiredBytes = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        Assert.Equal(Indicators, desired.Iocs.Count);
        GC.KeepAlive(desired);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            run: {run.Elapsed.TotalSeconds:0.00} s (report: {report.DurationSeconds:0.00} s: OpenCTI listing {report.Timings.OpenCtiSeconds:0.00} s, Falcon listing and diff {report.Timings.FalconSeconds:0.00} s, repairs {report.Timings.RepairSeconds:0.00} s), repairs sent: {report.Repairs.Total:N0}
            Falcon requests: {falconRequests:N0} (client's count: {report.Falcon.Requests:N0}); OpenCTI pages: {report.OpenCti.Pages:N0} ({graphQlCalls:N0} GraphQL calls)
            desired set of {desired.Iocs.Count:N0} IOCs retains {desiredBytes / 1048576.0:0.0} MiB
            managed heap: {heapBefore / 1048576.0:0.0} MiB before the run, peak during the run {peakHeap / 1048576.0:0.0} MiB (whole test process: both simulators' stores included)
            allocated during the run: {allocated / 1048576.0:0} MiB (process-wide); peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB
            """));
    }

    private static string Hash(int i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));

    /// <summary>Samples the managed heap size while the run goes on.</summary>
    private sealed class PeakHeap : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakHeap()
        {
            _peak = GC.GetTotalMemory(false);
            _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
        }

        public long PeakBytes
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _peak);
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var now = GC.GetTotalMemory(false);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }
    }
}
