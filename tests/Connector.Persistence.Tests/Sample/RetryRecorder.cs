using System.Collections.Concurrent;
using MassTransit;

namespace Connector.Persistence.Tests.Sample;

/// <summary>Records the exception behind every retry and every final fault of the saga endpoint.</summary>
public sealed class RetryRecorder : IRetryObserver
{
    private readonly ConcurrentQueue<Exception> _retried = new();
    private readonly ConcurrentQueue<Exception> _faulted = new();

    public IReadOnlyCollection<Exception> Retried => _retried;

    public IReadOnlyCollection<Exception> Faulted => _faulted;

    public Task PostCreate<T>(RetryPolicyContext<T> context) where T : class, PipeContext => Task.CompletedTask;

    public Task PostFault<T>(RetryContext<T> context) where T : class, PipeContext
    {
        _retried.Enqueue(context.Exception);
        return Task.CompletedTask;
    }

    public Task PreRetry<T>(RetryContext<T> context) where T : class, PipeContext => Task.CompletedTask;

    public Task RetryFault<T>(RetryContext<T> context) where T : class, PipeContext
    {
        _faulted.Enqueue(context.Exception);
        return Task.CompletedTask;
    }

    public Task RetryComplete<T>(RetryContext<T> context) where T : class, PipeContext => Task.CompletedTask;
}
