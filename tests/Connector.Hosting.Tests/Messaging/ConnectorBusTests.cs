using Connector.Contracts;
using Connector.Hosting.Tests.Support;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Connector.Hosting.Tests.Messaging;

[Collection(RabbitMqTests.Name)]
public sealed class ConnectorBusTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task A_published_IndicatorChanged_reaches_a_consumer_through_rabbitmq_with_every_field_intact()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var endpoint = $"hosting-test-{Guid.NewGuid():N}";
        using var host = BuildHost(endpoint);
        await host.StartAsync(timeout.Token);
        try
        {
            await WaitUntilReadyAsync(host, timeout.Token);
            var sent = new IndicatorChanged
            {
                IndicatorId = "indicator--1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                IndicatorInternalId = "0a2b8c51-7f3e-4d6a-9b0c-5e1f2a3d4c6b",
                Type = IocType.Ipv6,
                Value = "2001:db8::7",
                Change = IndicatorChangeKind.Upsert,
                Attributes = new IndicatorAttributes
                {
                    Name = "C2 node ü",
                    Description = "Seen in \"campaign\" X; line\nbreak",
                    Score = 87,
                    Platforms = ["windows", "Linux"],
                    Labels = ["apt-x", "c2"],
                    ValidUntil = new DateTimeOffset(2031, 2, 3, 4, 5, 6, 789, TimeSpan.FromHours(2)).AddTicks(1234),
                },
                Version = new DateTimeOffset(2024, 6, 1, 10, 15, 30, 123, TimeSpan.Zero).AddTicks(4567),
                Origin = ChangeOrigin.Reconciler,
                StreamEventId = "1717236930123-4",
                Reason = "value-added",
            };

            await host.Services.GetRequiredService<IBus>().Publish(sent, timeout.Token);
            var received = await host.Services.GetRequiredService<Inbox>().Received.Task.WaitAsync(timeout.Token);

            Assert.Equal(sent.IndicatorId, received.IndicatorId);
            Assert.Equal(sent.IndicatorInternalId, received.IndicatorInternalId);
            Assert.Equal(sent.Type, received.Type);
            Assert.Equal(sent.Value, received.Value);
            Assert.Equal(sent.Change, received.Change);
            Assert.Equal(sent.Version, received.Version);
            Assert.Equal(sent.Version.Offset, received.Version.Offset);
            Assert.Equal(sent.Origin, received.Origin);
            Assert.Equal(sent.StreamEventId, received.StreamEventId);
            Assert.Equal(sent.Reason, received.Reason);
            Assert.Equal(sent.Key, received.Key);
            var attributes = Assert.IsType<IndicatorAttributes>(received.Attributes);
            Assert.Equal(sent.Attributes.Name, attributes.Name);
            Assert.Equal(sent.Attributes.Description, attributes.Description);
            Assert.Equal(sent.Attributes.Score, attributes.Score);
            Assert.Equal(sent.Attributes.Platforms, attributes.Platforms);
            Assert.Equal(sent.Attributes.Labels, attributes.Labels);
            Assert.Equal(sent.Attributes.ValidUntil, attributes.ValidUntil);
            Assert.Equal(sent.Attributes.ValidUntil!.Value.Offset, attributes.ValidUntil!.Value.Offset);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_bus_health_check_is_tagged_ready_and_healthy_once_connected()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var host = BuildHost($"hosting-test-{Guid.NewGuid():N}");
        await host.StartAsync(timeout.Token);
        try
        {
            var report = await WaitUntilReadyAsync(host, timeout.Token);

            var bus = Assert.Single(report.Entries);
            Assert.Equal("masstransit-bus", bus.Key);
            Assert.Equal(HealthStatus.Healthy, bus.Value.Status);
            Assert.Contains("ready", bus.Value.Tags);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private IHost BuildHost(string endpoint)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConnectorConfiguration(new System.Collections.Hashtable(broker.Variables), AppContext.BaseDirectory);
        builder.Services.AddSingleton<Inbox>();
        builder.Services.AddHealthChecks();
        builder.Services.AddConnectorBus(builder.Configuration, bus => bus
            .AddConsumer<CapturingConsumer>()
            .Endpoint(e =>
            {
                e.Name = endpoint;
                e.Temporary = true;
            }));
        return builder.Build();
    }

    private static async Task<HealthReport> WaitUntilReadyAsync(IHost host, CancellationToken cancellationToken)
    {
        var health = host.Services.GetRequiredService<HealthCheckService>();
        while (true)
        {
            var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
            if (report.Status == HealthStatus.Healthy)
            {
                return report;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private sealed class Inbox
    {
        public TaskCompletionSource<IndicatorChanged> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class CapturingConsumer(Inbox inbox) : IConsumer<IndicatorChanged>
    {
        public Task Consume(ConsumeContext<IndicatorChanged> context)
        {
            inbox.Received.TrySetResult(context.Message);
            return Task.CompletedTask;
        }
    }
}
