using Connector.Contracts;
using MassTransit;

namespace Connector.StreamIngest.Tests.Support;

/// <summary>
/// A switch in the service's publish pipe: lets publishes through, holds them until opened, or fails them as a broker
/// that refuses would. Lets a test decide which publishes are confirmed.
/// </summary>
public sealed class PublishGate
{
    private readonly Lock gate = new();
    private TaskCompletionSource opened = NewOpened();
    private bool failing;
    private int passesBeforeBlocking = -1;
    private int attempts;
    private int failures;

    /// <summary>Publish attempts that reached the gate.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>Publish attempts the gate failed.</summary>
    public int Failures => Volatile.Read(ref failures);

    /// <summary>Holds every publish from now on until <see cref="Open"/>.</summary>
    public void Block() => BlockAfter(0);

    /// <summary>Lets <paramref name="passes"/> more publishes through, then holds the rest until <see cref="Open"/>.</summary>
    public void BlockAfter(int passes)
    {
        lock (gate)
        {
            failing = false;
            passesBeforeBlocking = passes;
            if (opened.Task.IsCompleted)
            {
                opened = NewOpened();
            }
        }
    }

    /// <summary>Fails every publish from now on, as an unreachable broker would.</summary>
    public void Fail()
    {
        lock (gate)
        {
            failing = true;
        }
    }

    /// <summary>Lets every publish through, releasing those held.</summary>
    public void Open()
    {
        lock (gate)
        {
            failing = false;
            passesBeforeBlocking = -1;
            opened.TrySetResult();
        }
    }

    public void Configure(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.ConfigurePublish(publish => publish.UseFilter(new GateFilter<IndicatorChanged>(this)));
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts);
        Task wait;
        lock (gate)
        {
            if (failing)
            {
                Interlocked.Increment(ref failures);
                throw new InvalidOperationException("The test's publish gate refuses the message.");
            }

            if (passesBeforeBlocking < 0)
            {
                return;
            }

            if (passesBeforeBlocking > 0)
            {
                passesBeforeBlocking--;
                return;
            }

            wait = opened.Task;
        }

        await wait.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewOpened() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class GateFilter<T>(PublishGate owner) : IFilter<PublishContext<T>>
        where T : class
    {
        public async Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
        {
            await owner.PassAsync(context.CancellationToken);
            await next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("test-publish-gate");
    }
}
