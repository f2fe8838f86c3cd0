namespace Connector.Persistence.Tests.Sample;

/// <summary>Endpoint policy knobs a test turns, plus the recorder that sees every retried exception.</summary>
public sealed record CounterSagaSettings(int ConcurrentMessageLimit = 16, int RetryLimit = 10)
{
    public RetryRecorder Retries { get; } = new();
}
