using Connector.Contracts;
using Connector.IocSync.Persistence;
using Connector.IocSync.Telemetry;
using Connector.IocSync.Writer;
using Connector.Persistence.Sagas;
using Connector.Persistence.Schema;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Connector.IocSync.Sagas;

/// <summary>
/// Applies many messages to their IOC sagas in one store transaction, then sends the writes they call for.
/// </summary>
/// <remarks>
/// MassTransit's saga pipeline commits one transaction per message, which caps a sync at the store's single-row
/// commit rate. Here one batch is: one query for every saga it touches, each message applied in arrival order by the
/// same pure rules (<see cref="IocSyncDecider"/>), one comparison of desired and applied per saga (so several
/// messages for one IOC cost one write), one commit of only the sagas that changed (a replay writes nothing), and
/// then the <see cref="SyncIoc"/> commands. The version column still guards each saga: a lost race (several
/// replicas on PostgreSQL) reloads and applies the batch again. On SQLite the write gate is held from the query to
/// the commit, so this process never races itself.
/// </remarks>
public sealed class IocSagaBatch(
    IocSyncDbContext store,
    SagaWriteGate<IocSyncDbContext> writeGate,
    SagaSchemaInitializer<IocSyncDbContext> schema,
    IocSyncDecider decider,
    TimeProvider time,
    ILogger<IocSagaBatch> logger)
{
    private const int MaxAttempts = 5;

    // Well below SQLite's 32,766 bound variables, and a plan PostgreSQL handles well.
    private const int LoadChunk = 1000;

    /// <summary>Applies <paramref name="events"/>, commits, and sends the resulting writes through <paramref name="sender"/>.</summary>
    /// <returns>The number of writes sent.</returns>
    public async Task<int> ApplyAsync(
        string messageType, IReadOnlyList<IocSagaEvent> events, ISendEndpointProvider sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(sender);
        if (events.Count == 0)
        {
            return 0;
        }

        await schema.EnsureCreatedAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await CommitAsync(events, cancellationToken);
                SagaTelemetry.RecordBatch(messageType, events.Count, outcome.Sagas, outcome.Changed, outcome.Writes.Count, attempt);
                await SendAsync(outcome.Writes, sender, cancellationToken);
                return outcome.Writes.Count;
            }
            catch (DbUpdateException exception) when (LostRace.IsLostRace(exception) && attempt < MaxAttempts)
            {
                // Another replica changed one of these sagas first: start over from what it wrote.
                store.ChangeTracker.Clear();
                IocSyncInstrumentation.SagaLostRaces.Add(1);
                IocSagaLog.LostRace(logger, events.Count, attempt);
            }
        }
    }

    private async Task<Outcome> CommitAsync(IReadOnlyList<IocSagaEvent> events, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(store, cancellationToken);
        await using var transaction = await store.Database.BeginTransactionAsync(cancellationToken);

        var sagas = await LoadAsync(events, cancellationToken);

        // The last message of each saga: the write it leads to continues that message's trace.
        var causes = new Dictionary<Guid, IocSagaEvent>();
        foreach (var message in events)
        {
            if (!sagas.TryGetValue(message.CorrelationId, out var saga))
            {
                if (message.Key is not { } key)
                {
                    continue; // an answer or re-drive for a saga that no longer exists
                }

                saga = New(key);
                store.IocSagas.Add(saga);
                sagas.Add(saga.CorrelationId, saga);
            }

            _ = message.Apply(saga);
            causes[saga.CorrelationId] = message;
        }

        var now = time.GetUtcNow();
        var writes = new List<(SyncIoc Command, IocSagaEvent Cause)>();
        foreach (var (id, cause) in causes)
        {
            var saga = sagas[id];
            if (decider.NextWrite(saga, now) is { } command)
            {
                writes.Add((command, cause));
            }

            saga.CurrentState = IocSagaStatus.Of(saga);
        }

        var changed = Stamp(now);
        if (changed > 0)
        {
            await store.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        store.ChangeTracker.Clear();
        return new Outcome(causes.Count, changed, writes);
    }

    private async Task<Dictionary<Guid, IocSagaState>> LoadAsync(IReadOnlyList<IocSagaEvent> events, CancellationToken cancellationToken)
    {
        var sagas = new Dictionary<Guid, IocSagaState>();
        foreach (var chunk in events.Select(e => e.CorrelationId).Distinct().Chunk(LoadChunk))
        {
            var loaded = await store.IocSagas.AsTracking()
                .Where(s => chunk.Contains(s.CorrelationId))
                .ToListAsync(cancellationToken);
            foreach (var saga in loaded)
            {
                sagas.Add(saga.CorrelationId, saga);
            }
        }

        return sagas;
    }

    /// <summary>Gives every new or changed saga its time and next version; unchanged ones are not written at all.</summary>
    private int Stamp(DateTimeOffset now)
    {
        store.ChangeTracker.DetectChanges();
        var changed = 0;
        foreach (var entry in store.ChangeTracker.Entries<IocSagaState>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.Version = 1;
                    entry.Entity.UpdatedAt = now;
                    changed++;
                    break;
                case EntityState.Modified:
                    entry.Entity.Version++;
                    entry.Entity.UpdatedAt = now;
                    changed++;
                    break;
            }
        }

        return changed;
    }

    private static async Task SendAsync(List<(SyncIoc Command, IocSagaEvent Cause)> writes, ISendEndpointProvider sender, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return;
        }

        var endpoint = await sender.GetSendEndpoint(FalconWriterEndpoint.Address);
        await Task.WhenAll(writes.Select(w => SendOneAsync(endpoint, w.Command, w.Cause, cancellationToken)));
    }

    private static async Task SendOneAsync(ISendEndpoint endpoint, SyncIoc command, IocSagaEvent cause, CancellationToken cancellationToken)
    {
        // Each send runs in its own span, so MassTransit puts the message into the cause's trace.
        using var activity = SagaTelemetry.StartWrite(command, cause);
        await endpoint.Send(command, cancellationToken);
    }

    private static IocSagaState New(IocKey key) => new()
    {
        CorrelationId = key.CorrelationId,
        Type = key.Type,
        Value = key.Value,
    };

    private sealed record Outcome(int Sagas, int Changed, List<(SyncIoc Command, IocSagaEvent Cause)> Writes);
}
