using System.Runtime.CompilerServices;
using Connector.Contracts;
using Connector.Falcon;
using Connector.Reconciler.Settings;
using Connector.Reconciler.Telemetry;
using Microsoft.Extensions.Options;

namespace Connector.Reconciler.Actual;

/// <summary>What Falcon holds for this connector, read only: the owned IOCs page by page, and lookups of values.</summary>
public sealed class FalconInventory(
    IFalconIocClient falcon,
    FalconOwnership ownership,
    IOptions<ReconcilerSettings> settings,
    TimeProvider time,
    ILogger<FalconInventory> logger)
{
    /// <summary>Every live (non-deleted) IOC this connector owns, streamed with <c>after</c> paging (any depth).</summary>
    public async IAsyncEnumerable<FalconIoc> ListOwnedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pageSize = settings.Value.FalconPageSize;
        var options = new FalconSearchOptions { PageSize = pageSize };
        var progress = new ProgressLog(time);
        var count = 0;
        await foreach (var ioc in falcon.ListAsync(ownership.LiveOwnedFilter(), options, cancellationToken))
        {
            count++;
            if (count % pageSize == 0 && progress.IsDue())
            {
                logger.FalconProgress(count, count / pageSize);
            }

            yield return ioc;
        }

        logger.FalconListed(count, Math.Max(1, (count + pageSize - 1) / pageSize));
    }

    /// <summary>
    /// The live IOCs Falcon holds for <paramref name="keys"/>, whoever owns them: one <c>value:[…]</c> query per type and
    /// chunk of values. Used for the few IOCs missing from the owned listing, to tell "absent" from "owned elsewhere".
    /// </summary>
    public async Task<IReadOnlyList<FalconIoc>> FindLiveAsync(IEnumerable<IocKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new List<FalconIoc>();
        foreach (var byType in keys.GroupBy(k => k.Type))
        {
            found.AddRange(await falcon.FindByValuesAsync(byType.Key, byType.Select(k => k.Value), includeDeleted: false, cancellationToken));
        }

        return found;
    }
}
