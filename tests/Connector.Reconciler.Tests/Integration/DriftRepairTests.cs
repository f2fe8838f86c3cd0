using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.Reconciler.Tests.Support;
using FalconSim;
using CtiIndicator = OpenCtiSim.SimIndicator;
using FalconRecord = FalconSim.SimIndicator;

namespace Connector.Reconciler.Tests.Integration;

/// <summary>
/// Every kind of drift made on purpose, against opencti-sim, falcon-sim and the real broker: the right messages, in
/// exact numbers, reach ioc-sync's queues; once their effect is applied, a second run finds nothing.
/// </summary>
public sealed class DriftRepairTests(RabbitMqBroker broker) : IClassFixture<RabbitMqBroker>
{
    private const string OtherClient = "another-api-client";
    private const string PythonClient = "python-connector-client";
    private static readonly string Sha256 = new string('a', 32) + new string('B', 32);
    private static readonly string Md5Upper = "0123456789ABCDEF0123456789ABCDEF";

    [Fact]
    public async Task Each_kind_of_drift_is_repaired_by_its_messages_and_a_second_run_finds_nothing()
    {
        await using var bed = await Testbed.StartAsync(broker, new Dictionary<string, string?>
        {
            ["RECONCILER_TO_DELETE_RETENTION_DAYS"] = "30",
            ["RECONCILER_REDRIVE_QUEUE"] = null, // the default: ioc-sync's queue:ioc-sync-redrive
        });
        var now = DateTimeOffset.UtcNow;
        var s = new Scenario(bed, now);

        var before = DateTimeOffset.UtcNow;
        var report = await bed.RunAsync();
        var after = DateTimeOffset.UtcNow;
        await bed.Inbox.SettleAsync(21);

        // The counts of each kind.
        Assert.True(report.Completed, report.Error);
        Assert.Equal(4, report.Drift.Missing);
        Assert.Equal(2, report.Drift.Stale);
        Assert.Equal(4, report.Drift.Orphan);
        Assert.Equal(1, report.Drift.DisarmedDesired);
        Assert.Equal(1, report.Drift.ExpiredToDelete);
        Assert.Equal(1, report.Drift.OwnedElsewhere);
        Assert.Equal(12, report.Drift.Total);
        Assert.Equal(1, report.OpenCti.UnwritableIocs);
        Assert.Equal(2, report.OpenCti.ReleasedIndicators); // revoked, expired
        Assert.Equal(1, report.OpenCti.IndicatorsWithoutIocs);

        // Missing, stale and disarmed-desired IOCs: one upsert per claim, versioned by the indicator's updated_at.
        var upserts = bed.Inbox.Changed;
        Assert.Equal(8, upserts.Count);
        Assert.All(upserts, u =>
        {
            Assert.Equal(IndicatorChangeKind.Upsert, u.Change);
            Assert.Equal(ChangeOrigin.Reconciler, u.Origin);
            Assert.NotNull(u.Attributes);
        });
        var expectedClaims = new (IocKey Key, CtiIndicator Indicator)[]
        {
            (new(IocType.Ipv4, "198.51.100.7"), s.MissingIp),
            (new(IocType.Domain, "shared.example"), s.SharedA),
            (new(IocType.Domain, "shared.example"), s.SharedB),
            (new(IocType.Ipv4, "203.0.113.9"), s.SharedB),
            (new(IocType.Domain, "deleted-by-hand.example"), s.DeletedByHand),
            (new(IocType.Sha256, Sha256.ToLowerInvariant()), s.StaleHash),
            (new(IocType.Md5, Md5Upper.ToLowerInvariant()), s.StalePythonMd5),
            (new(IocType.Domain, "comeback.example"), s.Comeback),
        };
        foreach (var (key, indicator) in expectedClaims)
        {
            var upsert = Assert.Single(upserts, u => u.Key == key && u.IndicatorInternalId == indicator.Id);
            Assert.Equal(indicator.StandardId, upsert.IndicatorId);
            Assert.Equal(indicator.UpdatedAt, upsert.Version);
            Assert.Equal(indicator.Score, upsert.Attributes!.Score);
            Assert.Equal(indicator.Description, upsert.Attributes.Description);
            Assert.Equal(indicator.Labels, upsert.Attributes.Labels);
        }

        // What Falcon really holds, for the sagas: absent for the missing ones, the held fields for the others.
        var observed = bed.Inbox.Observed;
        Assert.Equal(7, observed.Count);
        foreach (var value in new[] { "198.51.100.7", "shared.example", "203.0.113.9", "deleted-by-hand.example" })
        {
            var absent = Assert.Single(observed, o => o.Value == value);
            Assert.False(absent.Exists);
            Assert.Null(absent.FalconId);
            Assert.Null(absent.Fields);
        }

        var staleHash = Assert.Single(observed, o => o.Key == new IocKey(IocType.Sha256, Sha256.ToLowerInvariant()));
        Assert.True(staleHash.Exists);
        Assert.Equal(s.StaleHashSeed.Id, staleHash.FalconId);
        Assert.Equal("low", staleHash.Fields!.Severity);
        var stalePython = Assert.Single(observed, o => o.Key == new IocKey(IocType.Md5, Md5Upper.ToLowerInvariant()));
        Assert.Equal(s.StalePythonSeed.Id, stalePython.FalconId);
        var comeback = Assert.Single(observed, o => o.Value == "comeback.example");
        Assert.Equal(s.ComebackSeed.Id, comeback.FalconId);
        Assert.Contains(FalconTags.ToDelete, comeback.Fields!.Tags);
        Assert.All(observed, o => Assert.InRange(o.ObservedAt, before, after));

        // Orphans are released (armed ones) or purged (TO_DELETE past the retention).
        var orphaned = bed.Inbox.Orphaned;
        Assert.Equal(5, orphaned.Count);
        foreach (var seed in new[] { s.Orphan, s.PythonOrphan, s.RevokedSeed, s.ExpiredSeed })
        {
            var orphan = Assert.Single(orphaned, o => o.FalconId == seed.Id);
            Assert.False(orphan.Purge);
            Assert.Equal(seed.Value, orphan.Value);
            Assert.Equal(seed.Severity, orphan.Fields!.Severity);
        }

        var purge = Assert.Single(orphaned, o => o.Purge);
        Assert.Equal(s.OldToDelete.Id, purge.FalconId);
        Assert.All(orphaned, o => Assert.InRange(o.ObservedAt, before, after));

        // Stuck writes: one re-drive to ioc-sync's queue, every run.
        var redrive = Assert.Single(bed.Inbox.Redrives);
        Assert.InRange(redrive.SentBefore, before - TimeSpan.FromMinutes(15), after - TimeSpan.FromMinutes(15));
        Assert.InRange(redrive.RequestedAt, before, after);

        // Untouched: in sync, not ours, owned elsewhere, recently disarmed, unwritable.
        string[] untouched = ["in-sync.example", "someone-elses.example", "taken.example", "recent-to-delete.example", "mobile-only.example"];
        Assert.DoesNotContain(bed.Inbox.Changed, m => untouched.Contains(m.Value));
        Assert.DoesNotContain(bed.Inbox.Observed, m => untouched.Contains(m.Value));
        Assert.DoesNotContain(bed.Inbox.Orphaned, m => untouched.Contains(m.Value));
        Assert.Equal(21, report.Repairs.Total);
        Assert.Equal(21, bed.Inbox.Count);

        // ioc-sync's effect, then the second run.
        await SagaStandIn.ApplyAsync(bed.Inbox, bed.FalconClient, bed.Policy);
        bed.Inbox.Clear();
        var second = await bed.RunAsync();
        await bed.Inbox.SettleAsync(1);

        Assert.True(second.Completed, second.Error);
        Assert.Equal(0, second.Drift.Total);
        Assert.Equal(1, second.Drift.OwnedElsewhere); // still another client's: reported, never repaired
        Assert.DoesNotContain(second.Items, i => i.Kind != "owned-elsewhere");
        Assert.Single(bed.Inbox.Redrives);
        Assert.Equal(1, bed.Inbox.Count);
        Assert.Equal(1, second.Repairs.Total);
    }

    [Fact]
    public async Task Without_a_retention_TO_DELETE_leftovers_are_kept_for_ever()
    {
        await using var bed = await Testbed.StartAsync(broker);
        bed.Falcon.Store.Seed(new SimIndicatorSeed
        {
            Type = "domain",
            Value = "ancient-to-delete.example",
            Action = "no_action",
            MobileAction = "no_action",
            Tags = [FalconTags.ToDelete],
            Source = IocPolicy.DefaultSource,
            ModifiedOn = DateTimeOffset.UtcNow.AddYears(-3),
        });

        var report = await bed.RunAsync();
        await bed.Inbox.SettleAsync(1);

        Assert.Equal(0, report.Drift.Total);
        Assert.Equal(1, report.Falcon.DisarmedIocs);
        Assert.Empty(bed.Inbox.Orphaned);
        Assert.Single(bed.Inbox.Redrives);
    }

    /// <summary>One IOC (or indicator) per case, named after what it tests.</summary>
    private sealed class Scenario
    {
        public Scenario(Testbed bed, DateTimeOffset now)
        {
            var store = bed.Falcon.Store;

            // In sync, written out by hand (not through the rules) so the field mapping itself is checked too.
            bed.AddIndicator("[domain-name:value = 'in-sync.example']", d => d with
            {
                Score = 70, Platforms = ["windows", "linux"], Labels = ["c2"], Description = "C2 domain",
            });
            store.Seed(new SimIndicatorSeed
            {
                Type = "domain", Value = "in-sync.example", Action = "detect", MobileAction = "detect", Severity = "high",
                Platforms = ["linux", "windows"], Tags = ["c2"], Description = "C2 domain", Source = "OpenCTI IOC",
            });

            // Missing: never written; claimed by two indicators; deleted by hand in Falcon.
            MissingIp = bed.AddIndicator("[ipv4-addr:value = '198.51.100.7']", d => d with { Score = 50 });
            SharedA = bed.AddIndicator("[domain-name:value = 'shared.example']", d => d with { Score = 30, Labels = ["a"] });
            SharedB = bed.AddIndicator("[domain-name:value = 'SHARED.example.' OR ipv4-addr:value = '203.0.113.9']", d => d with { Score = 85 });
            DeletedByHand = bed.AddIndicator("[domain-name:value = 'deleted-by-hand.example']");
            store.Seed(bed.OursWith("domain", "deleted-by-hand.example", bed.FieldsFor(DeletedByHand, IocType.Domain)) with { Deleted = true });

            // Stale: ours with another severity; the Python connector's (its source, another client, an unnormalised value) with other tags.
            StaleHash = bed.AddIndicator($"[file:hashes.'SHA-256' = '{Sha256}']", d => d with { Score = 90 });
            StaleHashSeed = store.Seed(bed.OursWith("sha256", Sha256.ToLowerInvariant(), bed.FieldsFor(StaleHash, IocType.Sha256) with { Severity = "low" }));
            StalePythonMd5 = bed.AddIndicator($"[file:hashes.MD5 = '{Md5Upper.ToLowerInvariant()}']", d => d with { Labels = ["ransomware"] });
            StalePythonSeed = store.Seed(bed.OursWith("md5", Md5Upper, bed.FieldsFor(StalePythonMd5, IocType.Md5) with { Tags = [] }, createdBy: PythonClient));

            // Disarmed (TO_DELETE), and wanted again.
            Comeback = bed.AddIndicator("[domain-name:value = 'comeback.example']");
            ComebackSeed = store.Seed(bed.OursWith("domain", "comeback.example", FalconFieldRules.Disarm(bed.FieldsFor(Comeback, IocType.Domain), bed.Policy)));

            // Orphans: ours; the Python connector's; a revoked indicator's; an expired indicator's.
            var armed = new FalconIocFields
            {
                Action = "detect", MobileAction = "detect", Severity = "critical", Platforms = ["windows"], Source = "OpenCTI IOC",
            };
            Orphan = store.Seed(bed.OursWith("domain", "orphan.example", armed));
            PythonOrphan = store.Seed(bed.OursWith("domain", "python-orphan.example", armed, createdBy: PythonClient));
            bed.AddIndicator("[domain-name:value = 'revoked.example']", d => d with { Revoked = true });
            RevokedSeed = store.Seed(bed.OursWith("domain", "revoked.example", armed));
            bed.AddIndicator("[domain-name:value = 'expired.example']", d => d with { ValidFrom = now.AddDays(-20), ValidUntil = now.AddDays(-1) });
            ExpiredSeed = store.Seed(bed.OursWith("domain", "expired.example", armed));

            // TO_DELETE and unwanted: past the 30-day retention (purge), and recent (kept).
            var disarmed = FalconFieldRules.Disarm(armed, bed.Policy);
            OldToDelete = store.Seed(bed.OursWith("domain", "old-to-delete.example", disarmed) with { ModifiedOn = now.AddDays(-40) });
            store.Seed(bed.OursWith("domain", "recent-to-delete.example", disarmed) with { ModifiedOn = now.AddDays(-1) });

            // Not ours at all, and a wanted value another client owns.
            store.Seed(new SimIndicatorSeed { Type = "domain", Value = "someone-elses.example", CreatedBy = OtherClient, Source = "Manual" });
            bed.AddIndicator("[domain-name:value = 'taken.example']");
            store.Seed(new SimIndicatorSeed { Type = "domain", Value = "taken.example", CreatedBy = OtherClient, Source = "Threat team" });

            // No IOC: another pattern language; a claim no platform of which Falcon can use.
            bed.AddIndicator("rule evil { condition: true }", d => d with { PatternType = "yara" });
            bed.AddIndicator("[domain-name:value = 'mobile-only.example']", d => d with { Platforms = ["android"] });
        }

        public CtiIndicator MissingIp { get; }

        public CtiIndicator SharedA { get; }

        public CtiIndicator SharedB { get; }

        public CtiIndicator DeletedByHand { get; }

        public CtiIndicator StaleHash { get; }

        public FalconRecord StaleHashSeed { get; }

        public CtiIndicator StalePythonMd5 { get; }

        public FalconRecord StalePythonSeed { get; }

        public CtiIndicator Comeback { get; }

        public FalconRecord ComebackSeed { get; }

        public FalconRecord Orphan { get; }

        public FalconRecord PythonOrphan { get; }

        public FalconRecord RevokedSeed { get; }

        public FalconRecord ExpiredSeed { get; }

        public FalconRecord OldToDelete { get; }
    }
}
