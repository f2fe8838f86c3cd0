using System.Globalization;
using Connector.Contracts;
using Connector.Testing;
using FalconSim;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connector.IocSync.Tests.Support;

/// <summary>
/// The real ioc-sync service (its own registrations) running in-process against the real broker, a real SQLite
/// file and falcon-sim over loopback. Restart it on the same file to prove durability.
/// </summary>
internal sealed class IocSyncHost : IAsyncDisposable
{
    private IHost? _host;

    private IocSyncHost(RabbitMqBroker broker, FalconSimHost falcon, string storeFile, IDictionary<string, string?> settings)
    {
        Broker = broker;
        Falcon = falcon;
        StoreFile = storeFile;
        Settings = settings;
    }

    public RabbitMqBroker Broker { get; }

    public FalconSimHost Falcon { get; }

    public string StoreFile { get; }

    public IDictionary<string, string?> Settings { get; }

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The host is not running.");

    public static async Task<IocSyncHost> StartAsync(
        RabbitMqBroker broker, FalconSimHost falcon, string storeFile, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["crowdstrike:api_base_url"] = falcon.BaseAddress.ToString(),
            ["crowdstrike:client_id"] = falcon.Options.ClientId,
            ["crowdstrike:client_secret"] = falcon.Options.ClientSecret,
            ["ioc_sync:store"] = $"Data Source={storeFile}",
            ["ioc_sync:batch_window_ms"] = "50",
            ["rabbitmq:host"] = broker.Host,
            ["rabbitmq:port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["rabbitmq:vhost"] = broker.VirtualHost,
            ["rabbitmq:username"] = broker.Username,
            ["rabbitmq:password"] = broker.Password,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = new IocSyncHost(broker, falcon, storeFile, settings);
        await host.StartAsync();
        return host;
    }

    public async Task StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Services.AddIocSyncServices(builder.Configuration);
        _host = builder.Build();
        await _host.StartAsync();
        await _host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    public async Task StopAsync()
    {
        if (_host is null)
        {
            return;
        }

        await _host.StopAsync();
        _host.Dispose();
        _host = null;
        SqliteConnection.ClearAllPools();
    }

    public async Task PublishAsync(params IndicatorChanged[] changes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var bus = Services.GetRequiredService<IBus>();
        await bus.PublishBatch(changes, timeout.Token);
    }

    /// <summary>Publishes one after the other, so the broker receives them in this order.</summary>
    public async Task PublishInOrderAsync(params IndicatorChanged[] changes)
    {
        foreach (var change in changes)
        {
            await PublishAsync<IndicatorChanged>(change);
        }
    }

    public async Task PublishAsync<T>(T message)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Services.GetRequiredService<IBus>().Publish(message, timeout.Token);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
