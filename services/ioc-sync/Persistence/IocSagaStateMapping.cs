using System.Text.Json;
using Connector.Contracts;
using Connector.IocSync.Sagas;
using Connector.Persistence.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Connector.IocSync.Persistence;

/// <summary>
/// How an <see cref="IocSagaState"/> is stored: one row per IOC, the claimants and Falcon fields as JSON documents
/// (they are only ever read whole), enums as names, and times as UTC ticks so SQLite can compare them in queries.
/// </summary>
internal static class IocSagaStateMapping
{
    private static readonly ValueConverter<DateTimeOffset, long> Ticks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    private static readonly ValueConverter<DateTimeOffset?, long?> NullableTicks =
        new(v => v.HasValue ? v.Value.UtcTicks : null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);

    private static readonly ValueConverter<List<Claimant>, string> ClaimantsJson =
        new(v => JsonSerializer.Serialize(v, IocSyncJsonContext.Default.ListClaimant),
            v => JsonSerializer.Deserialize(v, IocSyncJsonContext.Default.ListClaimant) ?? new List<Claimant>());

    // Compared as stored: the claims hold lists (labels, platforms) that records compare by reference, so an element-wise
    // comparison would see every replayed claim as a change and write the saga again. The JSON also covers any field
    // a later contract version adds.
    private static readonly ValueComparer<List<Claimant>> ClaimantsComparer =
        new((a, b) => ClaimantsText(a) == ClaimantsText(b), v => v.Count, v => v.ToList());

    private static readonly ValueConverter<FalconIocFields?, string?> FieldsJson =
        new(v => v == null ? null : JsonSerializer.Serialize(v, IocSyncJsonContext.Default.FalconIocFields),
            v => v == null ? null : JsonSerializer.Deserialize(v, IocSyncJsonContext.Default.FalconIocFields));

    private static string ClaimantsText(List<Claimant>? claimants) =>
        claimants is null ? string.Empty : JsonSerializer.Serialize(claimants, IocSyncJsonContext.Default.ListClaimant);

    public static void Map(ModelBuilder modelBuilder) =>
        modelBuilder.Saga<IocSagaState>(saga =>
        {
            saga.ToTable("ioc_sagas");
            saga.Ignore(x => x.Key);
            saga.Property(x => x.CurrentState).HasMaxLength(32);
            saga.Property(x => x.Type).HasConversion<string>().HasMaxLength(8);
            saga.Property(x => x.Value).HasMaxLength(256);
            saga.Property(x => x.Claimants).HasConversion(ClaimantsJson, ClaimantsComparer);
            saga.Property(x => x.Applied).HasConversion<string>().HasMaxLength(16);
            saga.Property(x => x.AppliedFields).HasConversion(FieldsJson);
            saga.Property(x => x.WriteFields).HasConversion(FieldsJson);
            saga.Property(x => x.BlockedFields).HasConversion(FieldsJson);
            saga.Property(x => x.WriteOperation).HasConversion<string>().HasMaxLength(8);
            saga.Property(x => x.BlockedOperation).HasConversion<string>().HasMaxLength(8);
            saga.Property(x => x.WriteSentAt).HasConversion(NullableTicks);
            saga.Property(x => x.UpdatedAt).HasConversion(Ticks);

            // The stuck-write sweep looks sagas up by the age of their write.
            saga.HasIndex(x => x.WriteSentAt);
        });
}
