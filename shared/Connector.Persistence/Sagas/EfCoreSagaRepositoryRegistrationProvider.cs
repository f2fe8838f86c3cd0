using System.Reflection;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Connector.Persistence.Sagas;

/// <summary>
/// Gives sagas registered without an explicit repository the EF Core repository on <typeparamref name="TDbContext"/>.
/// </summary>
/// <remarks>
/// MassTransit hands over any <see cref="ISaga"/>, while the repository needs <see cref="ISagaVersion"/> for
/// its optimistic lock, so the generic call is closed at run time and a saga without a version is refused at
/// configuration time with a message that names it.
/// </remarks>
public sealed class EfCoreSagaRepositoryRegistrationProvider<TDbContext> : ISagaRepositoryRegistrationProvider
    where TDbContext : DbContext
{
    private static readonly MethodInfo Register = typeof(EfCoreSagaRepositoryRegistrationProvider<TDbContext>)
        .GetMethod(nameof(RegisterVersioned), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <inheritdoc />
    public void Configure<TSaga>(ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
    {
        ArgumentNullException.ThrowIfNull(configurator);
        if (!typeof(ISagaVersion).IsAssignableFrom(typeof(TSaga)))
        {
            throw new ConfigurationException(
                $"Saga {typeof(TSaga).Name} cannot use the EF Core saga repository: it must implement ISagaVersion (int Version) for optimistic concurrency.");
        }

        Register.MakeGenericMethod(typeof(TSaga)).Invoke(null, [configurator]);
    }

    private static void RegisterVersioned<TSaga>(ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISagaVersion =>
        configurator.EfCoreRepository<TSaga, TDbContext>();
}
