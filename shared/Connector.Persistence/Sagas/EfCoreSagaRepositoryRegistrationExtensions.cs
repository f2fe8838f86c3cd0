using Connector.Persistence.Schema;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Connector.Persistence.Sagas;

/// <summary>Registers the EF Core saga repository and its store.</summary>
public static class EfCoreSagaRepositoryRegistrationExtensions
{
    /// <summary>
    /// Stores <typeparamref name="TSaga"/> through <typeparamref name="TDbContext"/>, the way
    /// <c>EntityFrameworkRepository(...)</c> does in MassTransit.EntityFrameworkCore:
    /// <c>x.AddSagaStateMachine&lt;M, S&gt;().EfCoreRepository&lt;S, MyDbContext&gt;()</c>.
    /// Register the context itself with <see cref="AddSagaDbContext{TDbContext}"/>.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> EfCoreRepository<TSaga, TDbContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISagaVersion
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        return configurator.Repository(services => services.AddEfCoreSagaRepository<TSaga, TDbContext>());
    }

    /// <summary>
    /// Makes the EF Core repository on <typeparamref name="TDbContext"/> the default for every saga registered
    /// without an explicit repository. Every such saga must implement <see cref="ISagaVersion"/>.
    /// </summary>
    public static void SetEfCoreSagaRepositoryProvider<TDbContext>(this IRegistrationConfigurator configurator)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.SetSagaRepositoryProvider(new EfCoreSagaRepositoryRegistrationProvider<TDbContext>());
    }

    /// <summary>
    /// Registers the repository services for <typeparamref name="TSaga"/> on <typeparamref name="TDbContext"/>:
    /// the per-message repository factory, load and query support (used by saga test harnesses) and the
    /// SQLite write gate. Prefer <see cref="EfCoreRepository{TSaga,TDbContext}"/> inside <c>AddMassTransit</c>.
    /// </summary>
    public static IServiceCollection AddEfCoreSagaRepository<TSaga, TDbContext>(this IServiceCollection services)
        where TSaga : class, ISagaVersion
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton<SagaWriteGate<TDbContext>>();
        services.TryAddSingleton<SagaSchemaInitializer<TDbContext>>();
        services.RegisterSagaRepository<TSaga, TDbContext, SagaConsumeContextFactory<TDbContext, TSaga>,
            EfCoreSagaRepositoryContextFactory<TSaga, TDbContext>>();
        services.RegisterLoadSagaRepository<TSaga, EfCoreSagaRepositoryContextFactory<TSaga, TDbContext>>();
        services.RegisterQuerySagaRepository<TSaga, EfCoreSagaRepositoryContextFactory<TSaga, TDbContext>>();
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TDbContext"/> as a pooled saga store context (lean per message: pooled
    /// instances, no tracking unless a query asks for it), its SQLite write gate, and creates its schema when the
    /// host starts.
    /// Configure the provider in <paramref name="configure"/>, e.g. <c>db => db.UseSagaSqlite(connectionString)</c>.
    /// </summary>
    public static IServiceCollection AddSagaDbContext<TDbContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddDbContextPool<TDbContext>(options =>
        {
            configure(options);
            options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        });
        services.TryAddSingleton<SagaWriteGate<TDbContext>>();
        services.TryAddSingleton<SagaSchemaInitializer<TDbContext>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SagaSchemaHostedService<TDbContext>>());
        return services;
    }
}
