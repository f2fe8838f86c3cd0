using System.Collections.Concurrent;
using Connector.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.StreamIngest.Tests.Support;

/// <summary>
/// A consumer on the real broker that keeps every <see cref="IndicatorChanged"/> and <see cref="ReconciliationRequested"/>
/// the service publishes, on a queue of its own (removed when the collector stops).
/// </summary>
public sealed class ChangeCollector : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly IBusControl bus;

    private ChangeCollector(ServiceProvider provider, Received received)
    {
        this.provider = provider;
        bus = provider.GetRequiredService<IBusControl>();
        Sink = received;
    }

    public Received Sink { get; }

    public IReadOnlyList<IndicatorChanged> Changes => [.. Sink.Changes];

    public IReadOnlyList<ReconciliationRequested> Reconciliations => [.. Sink.Reconciliations];

    public static async Task<ChangeCollector> StartAsync(RabbitMqVirtualHost broker)
    {
        var received = new Received();
        var services = new ServiceCollection();
        services.AddSingleton(received);
        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.AddConsumer<ChangeConsumer>();
            x.AddConsumer<ReconciliationConsumer>();
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, h =>
                {
                    h.Username(broker.Username);
                    h.Password(broker.Password);
                });
                cfg.ReceiveEndpoint($"stream-ingest-tests-{Guid.NewGuid():N}", e =>
                {
                    e.AutoDelete = true;
                    e.Durable = false;
                    e.PrefetchCount = 512;
                    e.ConfigureConsumer<ChangeConsumer>(context);
                    e.ConfigureConsumer<ReconciliationConsumer>(context);
                });
            });
        });
        var provider = services.BuildServiceProvider();
        var collector = new ChangeCollector(provider, received);

        // Bound before the service publishes: RabbitMQ drops what reaches an exchange without a queue.
        var handle = await collector.bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        await handle.Ready;
        return collector;
    }

    public void Clear() => Sink.Clear();

    public Task WaitForChangesAsync(Func<IReadOnlyList<IndicatorChanged>, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(() => condition(Changes), what, timeout);

    public async ValueTask DisposeAsync()
    {
        await bus.StopAsync();
        await provider.DisposeAsync();
    }

    public sealed class Received
    {
        public ConcurrentQueue<IndicatorChanged> Changes { get; private set; } = new();

        public ConcurrentQueue<ReconciliationRequested> Reconciliations { get; private set; } = new();

        public void Clear()
        {
            Changes = new();
            Reconciliations = new();
        }
    }

    private sealed class ChangeConsumer(Received received) : IConsumer<IndicatorChanged>
    {
        public Task Consume(ConsumeContext<IndicatorChanged> context)
        {
            received.Changes.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }

    private sealed class ReconciliationConsumer(Received received) : IConsumer<ReconciliationRequested>
    {
        public Task Consume(ConsumeContext<ReconciliationRequested> context)
        {
            received.Reconciliations.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
