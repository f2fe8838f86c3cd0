using Connector.Contracts;
using Connector.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.EndToEnd.Tests.Support;

/// <summary>
/// Asks the reconciler service for a run the way the system itself does (stream-ingest publishes
/// <see cref="ReconciliationRequested"/> when the stream's history was trimmed), on a bus set up by the project's own
/// <c>AddConnectorBus</c>. The test process has no tracer, so the request carries no trace: the run starts its own.
/// </summary>
internal sealed class ReconciliationRequester : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IBusControl _bus;

    private ReconciliationRequester(ServiceProvider services, IBusControl bus)
    {
        _services = services;
        _bus = bus;
    }

    public static async Task<ReconciliationRequester> StartAsync(RabbitMqBroker broker)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(broker.Variables.ToDictionary(v => "rabbitmq:" + v.Key["RABBITMQ_".Length..].ToLowerInvariant(), v => v.Value))
            .Build();
        var services = new ServiceCollection().AddLogging().AddConnectorBus(configuration).BuildServiceProvider();
        var bus = services.GetRequiredService<IBusControl>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);
        return new ReconciliationRequester(services, bus);
    }

    public async Task RequestAsync(string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _bus.Publish(new ReconciliationRequested { Reason = reason, RequestedAt = DateTimeOffset.UtcNow }, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
