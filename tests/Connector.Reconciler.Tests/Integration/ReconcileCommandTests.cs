using System.Text.Json;
using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.Reconciler.Command;
using Connector.Reconciler.Tests.Support;
using FalconSim;
using Xunit.Abstractions;

namespace Connector.Reconciler.Tests.Integration;

/// <summary>
/// <c>reconciler reconcile [--dry-run] [--show N] [--json]</c> against the simulators and the real broker: the dry run
/// prints the diff, exits 1 on drift and sends nothing; without it, one repair run.
/// </summary>
public sealed class ReconcileCommandTests(RabbitMqBroker broker, ITestOutputHelper output) : IClassFixture<RabbitMqBroker>
{
    private const string CommandEntries = "/iocs/entities/indicators/v1";

    [Fact]
    public async Task The_dry_run_prints_the_diff_exits_1_and_sends_nothing_while_the_real_run_repairs()
    {
        await using var bed = await Testbed.StartAsync(broker);
        Seed(bed);

        var (exitCode, stdout, stderr) = await RunAsync(bed, "reconcile", "--dry-run", "--show", "2");
        output.WriteLine(stdout);

        Assert.True(exitCode == ReconcileCommand.DriftExitCode, $"exit {exitCode}: {stderr}");
        Assert.Contains("Reconciliation (dry run) completed", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^missing\s+1\s+IocObserved", stdout);
        Assert.Matches(@"(?m)^stale\s+1\s+IocObserved", stdout);
        Assert.Matches(@"(?m)^orphan\s+1\s+IocOrphaned", stdout);
        Assert.Matches(@"(?m)^disarmed-desired\s+0\s", stdout);
        Assert.Matches(@"(?m)^total drift\s+3\s*$", stdout);
        Assert.Contains("First 2 of 3 differences:", stdout, StringComparison.Ordinal);
        var itemRows = stdout.Split('\n').SkipWhile(l => !l.StartsWith("First 2", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.Trim().Length > 0).ToList();
        Assert.Equal(2, itemRows.Count);
        Assert.StartsWith("missing", itemRows[0], StringComparison.Ordinal);
        Assert.Contains("198.51.100.7", itemRows[0], StringComparison.Ordinal);
        Assert.StartsWith("stale", itemRows[1], StringComparison.Ordinal);
        Assert.Contains("severity low→high", itemRows[1], StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was sent.", stdout, StringComparison.Ordinal);

        // Nothing reached ioc-sync's queues, and Falcon was only read.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0, bed.Inbox.Count);
        Assert.Equal(0, bed.Falcon.Counters.Requests(CommandEntries, "POST"));
        Assert.Equal(0, bed.Falcon.Counters.Requests(CommandEntries, "PATCH"));
        Assert.Equal(0, bed.Falcon.Counters.Requests(CommandEntries, "DELETE"));
        Assert.Equal(0, bed.Falcon.Counters.IndicatorsCreated + bed.Falcon.Counters.IndicatorsUpdated + bed.Falcon.Counters.IndicatorsDeleted);
        Assert.True(bed.Falcon.Counters.Requests("/iocs/combined/indicator/v1", "GET", 200) > 0);

        // The same command without --dry-run: one repair run, exit 0; the stand-in for ioc-sync was listening all along.
        (exitCode, stdout, stderr) = await RunAsync(bed, "reconcile");
        output.WriteLine(stdout);
        await bed.Inbox.SettleAsync(6);

        Assert.True(exitCode == 0, $"exit {exitCode}: {stderr}");
        Assert.Contains("Sent 6 repair messages: 2 IndicatorChanged, 2 IocObserved, 1 IocOrphaned, 1 RedriveStuckWrites.", stdout, StringComparison.Ordinal);
        Assert.Equal(2, bed.Inbox.Changed.Count);
        Assert.Equal(2, bed.Inbox.Observed.Count);
        Assert.Equal("orphan.example", Assert.Single(bed.Inbox.Orphaned).Value);
        Assert.Single(bed.Inbox.Redrives);
        Assert.Equal(0, bed.Falcon.Counters.IndicatorsCreated + bed.Falcon.Counters.IndicatorsUpdated + bed.Falcon.Counters.IndicatorsDeleted);
    }

    [Fact]
    public async Task The_dry_run_exits_0_when_Falcon_is_in_step_and_can_print_JSON()
    {
        await using var bed = await Testbed.StartAsync(broker);
        var indicator = bed.AddIndicator("[domain-name:value = 'fine.example']", d => d with { Score = 65 });
        bed.Falcon.Store.Seed(bed.OursWith("domain", "fine.example", bed.FieldsFor(indicator, IocType.Domain)));

        var (exitCode, stdout, stderr) = await RunAsync(bed, "reconcile", "--dry-run", "--json");

        Assert.True(exitCode == 0, $"exit {exitCode}: {stderr}");
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("completed", root.GetProperty("outcome").GetString());
        Assert.True(root.GetProperty("dry_run").GetBoolean());
        Assert.Equal("command", root.GetProperty("trigger").GetString());
        Assert.Equal(0, root.GetProperty("drift").GetProperty("total").GetInt32());
        Assert.Equal(1, root.GetProperty("open_cti").GetProperty("desired_iocs").GetInt32());
        Assert.Equal(1, root.GetProperty("falcon").GetProperty("owned_iocs").GetInt32());
        Assert.Equal(0, root.GetProperty("repairs").GetProperty("total").GetInt32());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, bed.Inbox.Count);
    }

    [Fact]
    public async Task Bad_settings_exit_2_naming_each_one_and_nothing_is_read()
    {
        await using var bed = await Testbed.StartAsync(broker);
        var environment = new Dictionary<string, string?>(bed.Environment)
        {
            ["CROWDSTRIKE_CLIENT_SECRET"] = null,
            ["RECONCILER_REPAIR_RATE"] = "-5",
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await ReconcileCommand.RunAsync(["reconcile", "--dry-run"], new System.Collections.Hashtable(environment), AppContext.BaseDirectory, stdout, stderr, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("cannot start: 2 settings need fixing.", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("CROWDSTRIKE_CLIENT_SECRET (crowdstrike.client_secret) is required", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("RECONCILER_REPAIR_RATE (reconciler.repair_rate) is -5", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, bed.Falcon.Counters.TotalRequests);
    }

    [Fact]
    public async Task An_unreachable_OpenCTI_fails_the_run_with_exit_3()
    {
        await using var bed = await Testbed.StartAsync(broker);
        bed.OpenCti.Options.Faults.RejectTokens = true;

        var (exitCode, _, stderr) = await RunAsync(bed, "reconcile", "--dry-run");

        Assert.Equal(ReconcileCommand.FailedExitCode, exitCode);
        Assert.Contains("the reconciliation failed", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.OpenCti.Options.Token, stderr, StringComparison.Ordinal);
    }

    private static void Seed(Testbed bed)
    {
        bed.AddIndicator("[ipv4-addr:value = '198.51.100.7']", d => d with { Score = 50 });
        var stale = bed.AddIndicator("[domain-name:value = 'stale.example']", d => d with { Score = 70 });
        bed.Falcon.Store.Seed(bed.OursWith("domain", "stale.example", bed.FieldsFor(stale, IocType.Domain) with { Severity = "low" }));
        bed.Falcon.Store.Seed(bed.OursWith("domain", "orphan.example", new FalconIocFields
        {
            Action = "detect", MobileAction = "detect", Severity = "high", Platforms = ["windows"], Source = IocPolicy.DefaultSource,
        }));
        bed.Falcon.Store.Seed(new SimIndicatorSeed { Type = "domain", Value = "not-ours.example", CreatedBy = "other", Source = "Manual" });
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Testbed bed, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var exitCode = await ReconcileCommand.RunAsync(args, bed.EnvironmentTable, AppContext.BaseDirectory, stdout, stderr, timeout.Token);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
