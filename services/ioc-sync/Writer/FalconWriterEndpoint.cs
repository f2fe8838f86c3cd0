namespace Connector.IocSync.Writer;

/// <summary>Where sagas send <see cref="Connector.Contracts.SyncIoc"/>: the Falcon writer's queue.</summary>
public static class FalconWriterEndpoint
{
    /// <summary>The queue name.</summary>
    public const string Name = "falcon-writer";

    /// <summary>The send address of the queue.</summary>
    public static Uri Address { get; } = new($"queue:{Name}");
}
