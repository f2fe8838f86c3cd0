using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Connector.Persistence.Sagas;

/// <summary>Maps saga state classes for the EF Core saga repository.</summary>
public static class SagaModelBuilderExtensions
{
    /// <summary>
    /// Maps <typeparamref name="TSaga"/> as a saga table: <see cref="ISaga.CorrelationId"/> is the key
    /// (assigned by the saga, never generated) and <see cref="ISagaVersion.Version"/> is the concurrency token
    /// the repository checks on every update and delete. Map the remaining columns in <paramref name="configure"/>.
    /// </summary>
    public static EntityTypeBuilder<TSaga> Saga<TSaga>(this ModelBuilder modelBuilder, Action<EntityTypeBuilder<TSaga>>? configure = null)
        where TSaga : class, ISagaVersion
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        var entity = modelBuilder.Entity<TSaga>();
        entity.HasKey(x => x.CorrelationId);
        entity.Property(x => x.CorrelationId).ValueGeneratedNever();
        entity.Property(x => x.Version).IsConcurrencyToken();
        configure?.Invoke(entity);
        return entity;
    }
}
