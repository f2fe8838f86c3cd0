using Connector.Persistence.Sagas;
using Connector.Persistence.Sqlite;
using Connector.Persistence.Tests.Infrastructure;
using Connector.Persistence.Tests.Sample;
using MassTransit;
using MassTransit.Saga;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Persistence.Tests;

/// <summary>The repository can be chosen per saga or as the default provider for all sagas.</summary>
public sealed class RepositoryRegistrationTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task When_set_as_the_default_provider_then_sagas_registered_without_a_repository_are_stored_in_the_file()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new CounterSagaSettings());
        services.AddSagaDbContext<CounterDbContext>(db => db.UseSagaSqlite(_database.ConnectionString));
        services.AddMassTransitTestHarness(CounterHost.HarnessLog, x =>
        {
            x.DisableUsageTelemetry();
            x.SetEfCoreSagaRepositoryProvider<CounterDbContext>();
            x.AddSagaStateMachine<CounterStateMachine, CounterState>(typeof(CounterSagaDefinition));
        });
        await using var provider = services.BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = NewId.NextGuid();

        await harness.Bus.Publish(new CounterIncremented(id, 9));

        var stored = await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s is not null, TimeSpan.FromSeconds(30));
        Assert.Equal(9, stored?.Count);
        using var scope = provider.CreateScope();
        Assert.IsType<EfCoreSagaRepositoryContextFactory<CounterState, CounterDbContext>>(
            scope.ServiceProvider.GetRequiredService<ISagaRepositoryContextFactory<CounterState>>());
        await harness.Stop();
    }

    [Fact]
    public void When_the_default_provider_meets_a_saga_without_a_version_then_configuration_fails_naming_it()
    {
        var services = new ServiceCollection();
        services.AddSagaDbContext<CounterDbContext>(db => db.UseSagaSqlite(_database.ConnectionString));

        var error = Assert.Throws<ConfigurationException>(() => services.AddMassTransitTestHarness(CounterHost.HarnessLog, x =>
        {
            x.DisableUsageTelemetry();
            x.SetEfCoreSagaRepositoryProvider<CounterDbContext>();
            x.AddSagaStateMachine<UnversionedStateMachine, UnversionedState>();
        }));

        Assert.Contains(nameof(UnversionedState), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ISagaVersion), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_saga_mapping_keys_by_correlation_id_and_guards_writes_with_the_version()
    {
        using var db = CounterStore.Open(_database.ConnectionString);
        var entity = db.Model.FindEntityType(typeof(CounterState));

        Assert.NotNull(entity);
        Assert.Equal([nameof(CounterState.CorrelationId)], entity.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal(Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never,
            entity.FindProperty(nameof(CounterState.CorrelationId))!.ValueGenerated);
        Assert.True(entity.FindProperty(nameof(CounterState.Version))!.IsConcurrencyToken);
    }
}
