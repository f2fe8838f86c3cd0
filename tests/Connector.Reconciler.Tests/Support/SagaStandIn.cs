using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.Falcon;

namespace Connector.Reconciler.Tests.Support;

/// <summary>
/// What ioc-sync's sagas would do with the reconciler's messages, applied straight to falcon-sim through the Falcon
/// client (ioc-sync is not part of these tests): claims are combined with the domain's rules and created or updated,
/// orphans are disarmed, purges deleted.
/// </summary>
public static class SagaStandIn
{
    public static async Task ApplyAsync(Inbox inbox, IFalconIocClient falcon, IocPolicy policy)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var claims in inbox.Changed.GroupBy(c => c.Key))
        {
            var fields = DesiredStateRules.Combine(claims
                .DistinctBy(c => c.IndicatorInternalId ?? c.IndicatorId)
                .Select(c => FalconFieldRules.Decide(c.Type, c.Attributes!, policy, now))
                .Where(d => d.IsEnforced)
                .Select(d => d.Fields!)) ?? throw new InvalidOperationException($"nothing to write for {claims.Key}");
            var live = await falcon.FindByValuesAsync(claims.Key.Type, [claims.Key.Value]);
            if (live.Count == 0)
            {
                var created = await falcon.CreateAsync([FalconIocWrite.From(claims.Key, fields)]);
                Assert.All(created.Items, i => Assert.Equal(FalconItemStatus.Succeeded, i.Status));
            }
            else
            {
                var updated = await falcon.UpdateAsync([FalconIocUpdate.From(Assert.Single(live).Id, fields)]);
                Assert.All(updated.Items, i => Assert.Equal(FalconItemStatus.Succeeded, i.Status));
            }
        }

        foreach (var orphan in inbox.Orphaned)
        {
            if (orphan.Purge)
            {
                var deleted = await falcon.DeleteAsync([orphan.FalconId!]);
                Assert.All(deleted.Items, i => Assert.Equal(FalconItemStatus.Succeeded, i.Status));
            }
            else
            {
                var disarmed = await falcon.UpdateAsync([FalconIocUpdate.From(orphan.FalconId!, FalconFieldRules.Disarm(orphan.Fields!, policy))]);
                Assert.All(disarmed.Items, i => Assert.Equal(FalconItemStatus.Succeeded, i.Status));
            }
        }
    }
}
