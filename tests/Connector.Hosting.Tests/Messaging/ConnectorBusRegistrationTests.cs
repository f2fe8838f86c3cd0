using Connector.Hosting.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Hosting.Tests.Messaging;

public sealed class ConnectorBusRegistrationTests
{
    private static ServiceProvider Provider(Dictionary<string, string?> environment)
    {
        var configuration = SettingsProbe.Configuration(environment);
        var services = new ServiceCollection();
        services.AddConnectorBus(configuration, bus => bus.AddConsumer<SampleIndicatorConsumer>());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Usage_telemetry_is_off_so_the_bus_never_posts_to_the_internet()
    {
        using var provider = Provider([]);

        Assert.False(provider.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }

    [Fact]
    public void Endpoint_names_are_kebab_case()
    {
        using var provider = Provider([]);

        Assert.Equal("sample-indicator", provider.GetRequiredService<IEndpointNameFormatter>().Consumer<SampleIndicatorConsumer>());
    }

    [Fact]
    public async Task The_bus_address_comes_from_the_rabbitmq_settings()
    {
        // The bus holds async-only disposables.
        await using var provider = Provider(new()
        {
            ["RABBITMQ_HOST"] = "broker.internal",
            ["RABBITMQ_PORT"] = "5673",
            ["RABBITMQ_VHOST"] = "connector",
        });

        var address = provider.GetRequiredService<IBus>().Address;

        Assert.Equal("rabbitmq", address.Scheme);
        Assert.Equal("broker.internal", address.Host);
        Assert.Equal(5673, address.Port);
        Assert.StartsWith("/connector/", address.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_rabbitmq_settings_fail_the_start_validation_not_the_bus_construction()
    {
        var failures = SettingsProbe.StartupFailures(
            new() { ["RABBITMQ_PORT"] = "99999" },
            (services, configuration) => services.AddConnectorBus(configuration));

        Assert.Equal(
            ["RABBITMQ_PORT (rabbitmq.port) is 99999: set it to the broker's AMQP port between 1 and 65535 (5672 by default, usually 5671 with TLS)."],
            failures);
    }

    private sealed class SampleIndicatorConsumer : IConsumer<Contracts.IndicatorChanged>
    {
        public Task Consume(ConsumeContext<Contracts.IndicatorChanged> context) => Task.CompletedTask;
    }
}
