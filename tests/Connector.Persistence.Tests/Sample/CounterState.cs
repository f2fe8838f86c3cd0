using MassTransit;

namespace Connector.Persistence.Tests.Sample;

public sealed class CounterState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public int Count { get; set; }

    public string? Label { get; set; }
}
