using System.Collections;
using Connector.Contracts;
using Connector.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connector.Reconciler.Tests.Support;

/// <summary>
/// Stands in for ioc-sync on the real broker: subscribes to what ioc-sync consumes from the reconciler (a temporary
/// queue bound to the three events, and the re-drive queue) and keeps every message in an <see cref="Inbox"/>.
/// </summary>
public sealed class IocSyncStandIn : IAsyncDisposable
{
    private readonly IHost _host;

    private IocSyncStandIn(IHost host) => _host = host;

    public Inbox Inbox => _host.Services.GetRequiredService<Inbox>();

    /// <summary>The stand-in's bus, to publish as another service would (e.g. <c>ReconciliationRequested</c>).</summary>
    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public static async Task<IocSyncStandIn> StartAsync(IDictionary environment, string redriveQueue)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConnectorConfiguration(environment, AppContext.BaseDirectory);
        builder.Services.AddSingleton<Inbox>();
        builder.Services.AddHealthChecks();
        builder.Services.AddConnectorBus(builder.Configuration, bus =>
        {
            bus.AddConsumer<EventCollector>().Endpoint(e =>
            {
                e.Name = $"reconciler-tests-ioc-sync-{Guid.NewGuid():N}";
                e.Temporary = true;
            });
            bus.AddConsumer<RedriveCollector>().Endpoint(e => e.Name = redriveQueue);
        });
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return new IocSyncStandIn(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class EventCollector(Inbox inbox) : IConsumer<IndicatorChanged>, IConsumer<IocObserved>, IConsumer<IocOrphaned>
    {
        public Task Consume(ConsumeContext<IndicatorChanged> context)
        {
            inbox.Add(context.Message);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<IocObserved> context)
        {
            inbox.Add(context.Message);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<IocOrphaned> context)
        {
            inbox.Add(context.Message);
            return Task.CompletedTask;
        }
    }

    private sealed class RedriveCollector(Inbox inbox) : IConsumer<RedriveStuckWrites>
    {
        public Task Consume(ConsumeContext<RedriveStuckWrites> context)
        {
            inbox.Add(context.Message);
            return Task.CompletedTask;
        }
    }
}
