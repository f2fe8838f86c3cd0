using Connector.Contracts;

namespace Connector.Falcon;

/// <summary>
/// Typed access to Falcon's IOC Management API. Bulk calls are split into requests Falcon accepts and answer per
/// item; whole-call failures (after retries) throw <see cref="FalconApiException"/>. Authentication, rate limiting
/// and retries happen underneath, in the HTTP pipeline.
/// </summary>
public interface IFalconIocClient
{
    /// <summary>
    /// Creates IOCs, <c>batch_size</c> per request. Each item answers <see cref="FalconItemStatus.Succeeded"/> (with
    /// the created IOC), <see cref="FalconItemStatus.Duplicate"/> (the value exists: look it up and adopt it),
    /// <see cref="FalconItemStatus.Failed"/> (Falcon's message) or <see cref="FalconItemStatus.Unknown"/>.
    /// </summary>
    Task<FalconBatchResult<FalconIocWrite>> CreateAsync(IReadOnlyList<FalconIocWrite> indicators, string? comment = FalconIocClient.DefaultComment, CancellationToken cancellationToken = default);

    /// <summary>Updates IOCs by id, <c>batch_size</c> per request; null fields stay unchanged.</summary>
    Task<FalconBatchResult<FalconIocUpdate>> UpdateAsync(IReadOnlyList<FalconIocUpdate> updates, string? comment = FalconIocClient.DefaultComment, CancellationToken cancellationToken = default);

    /// <summary>Deletes IOCs by id (Falcon's soft delete: the record stays with <c>deleted: true</c>), 100 ids per request.</summary>
    Task<FalconBatchResult<string>> DeleteAsync(IReadOnlyList<string> ids, string? comment = FalconIocClient.DefaultComment, CancellationToken cancellationToken = default);

    /// <summary>The IOCs with these ids (deleted ones included, flagged); unknown ids are left out. 100 ids per request.</summary>
    Task<IReadOnlyList<FalconIoc>> GetAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Ids of the IOCs matching <paramref name="filter"/> (all when null), paged with <c>after</c>, so past Falcon's 10,000 offset limit.</summary>
    IAsyncEnumerable<string> SearchIdsAsync(FqlFilter? filter, FalconSearchOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The IOCs matching <paramref name="filter"/> (all when null) from the combined endpoint, paged with <c>after</c>.</summary>
    IAsyncEnumerable<FalconIoc> ListAsync(FqlFilter? filter, FalconSearchOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>How many IOCs match <paramref name="filter"/>, from <c>meta.pagination.total</c>; null when Falcon does not say.</summary>
    Task<long?> CountAsync(FqlFilter? filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// The IOCs of <paramref name="type"/> whose value is one of <paramref name="values"/>: one
    /// <c>type:'x'+value:['a','b',…]+deleted:false</c> query per chunk of values. Deleted IOCs only with
    /// <paramref name="includeDeleted"/>.
    /// </summary>
    Task<IReadOnlyList<FalconIoc>> FindByValuesAsync(IocType type, IEnumerable<string> values, bool includeDeleted = false, CancellationToken cancellationToken = default);
}
