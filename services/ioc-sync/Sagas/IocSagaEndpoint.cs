namespace Connector.IocSync.Sagas;

/// <summary>The IOC saga's queue, for commands addressed to one saga (<see cref="Connector.Contracts.RedriveIoc"/>).</summary>
public static class IocSagaEndpoint
{
    /// <summary>The queue name.</summary>
    public const string Name = "ioc-saga";

    /// <summary>The send address of the queue.</summary>
    public static Uri Address { get; } = new($"queue:{Name}");
}
