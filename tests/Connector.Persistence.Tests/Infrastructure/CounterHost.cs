using Connector.Persistence.Sagas;
using Connector.Persistence.Sqlite;
using Connector.Persistence.Tests.Sample;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Persistence.Tests.Infrastructure;

/// <summary>
/// One "service process": a DI container with the counter saga on the EF Core repository over a SQLite file,
/// on MassTransit's in-memory test harness. Dispose it to end the process.
/// </summary>
public sealed class CounterHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private int _disposed;

    private CounterHost(ServiceProvider provider, CounterSagaSettings settings, LostRaceInjector injector)
    {
        _provider = provider;
        Settings = settings;
        Injector = injector;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    /// <summary>
    /// The harness logs every EF Core command at debug level, which slows 200-message tests several times over
    /// on a small machine; set PERSISTENCE_TEST_LOGS=1 to see them when a test fails.
    /// </summary>
    public static TextWriter HarnessLog =>
        Environment.GetEnvironmentVariable("PERSISTENCE_TEST_LOGS") == "1" ? Console.Out : TextWriter.Null;

    public IServiceProvider Services => _provider;

    public CounterSagaSettings Settings { get; }

    public LostRaceInjector Injector { get; }

    /// <summary>Starts a host on the in-memory transport, or on the local RabbitMQ when <paramref name="rabbitMq"/> is set.</summary>
    public static async Task<CounterHost> StartAsync(string connectionString, CounterSagaSettings? settings = null, bool rabbitMq = false)
    {
        settings ??= new CounterSagaSettings();
        var injector = new LostRaceInjector();

        var services = new ServiceCollection();
        services.AddSingleton(settings);
        services.AddSagaDbContext<CounterDbContext>(db => db.UseSagaSqlite(connectionString).AddInterceptors(injector));
        services.AddMassTransitTestHarness(HarnessLog, x =>
        {
            x.DisableUsageTelemetry();
            var saga = x.AddSagaStateMachine<CounterStateMachine, CounterState>(typeof(CounterSagaDefinition))
                .EfCoreRepository<CounterState, CounterDbContext>();
            if (rabbitMq)
            {
                // A queue of its own per host, deleted with the connection: runs never see each other's messages.
                saga.Endpoint(e =>
                {
                    e.Name = $"persistence-tests-counter-{Guid.NewGuid():N}";
                    e.Temporary = true;
                    e.PrefetchCount = 32;
                });
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host("127.0.0.1", "/", h =>
                    {
                        h.Username("guest");
                        h.Password("guest");
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
        });

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var host = new CounterHost(provider, settings, injector);
        host.Harness.TestTimeout = TimeSpan.FromSeconds(60);
        await host.Harness.Start();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;

        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
