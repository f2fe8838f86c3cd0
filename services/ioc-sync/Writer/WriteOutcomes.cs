using Connector.Contracts;

namespace Connector.IocSync.Writer;

/// <summary>The answers of one batch, one per <see cref="SyncIoc"/>, gathered and then applied to the sagas together.</summary>
internal sealed class WriteOutcomes(TimeProvider time)
{
    private readonly List<IocSynced> _synced = [];
    private readonly List<IocSyncFailed> _failed = [];

    public IReadOnlyList<IocSynced> Synced => _synced;

    public IReadOnlyList<IocSyncFailed> Failed => _failed;

    public int Adopted { get; private set; }

    public void Succeed(SyncIoc command, SyncOperation operation, string? falconId, FalconIocFields? fields, bool adopted = false)
    {
        if (adopted)
        {
            Adopted++;
        }

        _synced.Add(new IocSynced
        {
            CorrelationId = command.CorrelationId,
            WriteId = command.WriteId,
            Operation = operation,
            FalconId = falconId,
            Fields = fields,
            Adopted = adopted,
            CompletedAt = time.GetUtcNow(),
        });
    }

    public void Fail(SyncIoc command, SyncFailureKind kind, string reason) =>
        _failed.Add(new IocSyncFailed
        {
            CorrelationId = command.CorrelationId,
            WriteId = command.WriteId,
            Operation = command.Operation,
            Kind = kind,
            Reason = reason,
            FailedAt = time.GetUtcNow(),
        });
}
