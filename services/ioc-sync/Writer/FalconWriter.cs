using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.Falcon;
using Connector.IocSync.Sagas;
using Connector.IocSync.Telemetry;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Connector.IocSync.Writer;

/// <summary>
/// Writes batches of <see cref="SyncIoc"/> to Falcon with bulk requests and answers every command with
/// <see cref="IocSynced"/> or <see cref="IocSyncFailed"/>, applied to the sagas directly. Each item is checked
/// locally first so one bad item never fails its batch; a value that already exists is looked up and adopted
/// when it is ours.
/// </summary>
public sealed class FalconWriter(
    IFalconIocClient falcon,
    IocSagaBatch sagas,
    IocSyncDecider decider,
    IocPolicy policy,
    IocOwnership ownership,
    TimeProvider time,
    ILogger<FalconWriter> logger) : IConsumer<Batch<SyncIoc>>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<Batch<SyncIoc>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        var outcomes = new WriteOutcomes(time);
        using var activity = WriterTelemetry.StartBatch(context);

        var creates = new List<SyncIoc>();
        var updates = new List<SyncIoc>();
        var deletes = new List<SyncIoc>();
        foreach (var command in context.Message.Select(m => m.Message))
        {
            if (command.Operation != SyncOperation.Delete && !IsValid(command, outcomes))
            {
                continue;
            }

            var queue = command.Operation switch
            {
                SyncOperation.Create => creates,
                SyncOperation.Update or SyncOperation.Disarm when command.FalconId is null => creates,
                SyncOperation.Update or SyncOperation.Disarm => updates,
                _ => deletes,
            };
            queue.Add(command);
        }

        // Updates first: an IOC deleted by hand since the saga last saw it comes back as a create.
        await UpdateAsync(updates, creates, outcomes, cancellationToken);
        await CreateAsync(creates, outcomes, cancellationToken);
        await DeleteAsync(deletes, outcomes, cancellationToken);

        logger.BatchWritten(context.Message.Length, outcomes.Synced.Count, outcomes.Adopted, outcomes.Failed.Count);
        WriterTelemetry.Record(activity, context.Message.Length, outcomes);

        // The answers go straight to the sagas, in one transaction, instead of one message per command: a batch that
        // fails here is redelivered and written again, which Falcon answers as duplicates that are adopted.
        await sagas.ApplyAsync(nameof(SyncIoc), Answers(context, outcomes), context, cancellationToken);
    }

    private List<IocSagaEvent> Answers(ConsumeContext<Batch<SyncIoc>> context, WriteOutcomes outcomes)
    {
        var traces = new Dictionary<Guid, System.Diagnostics.ActivityContext>(context.Message.Length);
        foreach (var item in context.Message)
        {
            traces[item.Message.WriteId] = MessageTrace.Of(item);
        }

        var answers = new List<IocSagaEvent>(outcomes.Synced.Count + outcomes.Failed.Count);
        foreach (var synced in outcomes.Synced)
        {
            answers.Add(IocSagaEvent.Of(synced, traces.GetValueOrDefault(synced.WriteId)));
        }

        foreach (var failed in outcomes.Failed)
        {
            answers.Add(IocSagaEvent.Of(failed, decider, traces.GetValueOrDefault(failed.WriteId)));
        }

        return answers;
    }

    private bool IsValid(SyncIoc command, WriteOutcomes outcomes)
    {
        if (command.Fields is null)
        {
            outcomes.Fail(command, SyncFailureKind.Invalid, $"{command.Operation} of {command.Key} carries no fields");
            return false;
        }

        var errors = FalconRules.Validate(command.Key, command.Fields, policy.FalconForMobileActive);
        if (errors.Count == 0)
        {
            return true;
        }

        var reason = string.Join("; ", errors);
        logger.InvalidItem(command.Key.ToString(), reason);
        outcomes.Fail(command, SyncFailureKind.Invalid, reason);
        return false;
    }

    private async Task UpdateAsync(List<SyncIoc> commands, List<SyncIoc> creates, WriteOutcomes outcomes, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return;
        }

        var requests = commands.Select(c => FalconIocUpdate.From(c.FalconId!, c.Fields!)).ToList();
        FalconBatchResult<FalconIocUpdate> result;
        try
        {
            result = await falcon.UpdateAsync(requests, cancellationToken: cancellationToken);
        }
        catch (FalconApiException ex)
        {
            FailAll(commands, ex, outcomes);
            return;
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            var item = result.Items[i];
            switch (item.Status)
            {
                case FalconItemStatus.Succeeded when item.Ioc is { Deleted: false } ioc:
                    outcomes.Succeed(command, command.Operation, ioc.Id, ioc.ToFields());
                    break;
                case FalconItemStatus.Succeeded or FalconItemStatus.NotFound when command.Operation == SyncOperation.Update:
                    creates.Add(command);
                    break;
                case FalconItemStatus.Succeeded or FalconItemStatus.NotFound:
                    // Nothing left to disarm: the IOC is gone, which is what a disarm aims at.
                    outcomes.Succeed(command, command.Operation, falconId: null, fields: null);
                    break;
                case FalconItemStatus.Failed:
                    outcomes.Fail(command, SyncFailureKind.Rejected, item.ErrorMessage ?? "Falcon refused the update");
                    break;
                default:
                    outcomes.Fail(command, SyncFailureKind.Transient, item.ErrorMessage ?? "Falcon did not say what became of the update");
                    break;
            }
        }
    }

    private async Task CreateAsync(List<SyncIoc> commands, WriteOutcomes outcomes, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return;
        }

        var toLookUp = new List<SyncIoc>();
        var pending = commands;

        // Two passes: in an all-or-nothing batch the good items of a refused request come back undecided, and
        // are created by the second pass; whatever is still undecided after it is looked up.
        for (var pass = 0; pass < 2 && pending.Count > 0; pass++)
        {
            var requests = pending.Select(c => FalconIocWrite.From(c.Key, c.Fields!)).ToList();
            FalconBatchResult<FalconIocWrite> result;
            try
            {
                result = await falcon.CreateAsync(requests, cancellationToken: cancellationToken);
            }
            catch (FalconApiException ex)
            {
                FailAll(pending, ex, outcomes);
                return;
            }

            var undecided = new List<SyncIoc>();
            for (var i = 0; i < pending.Count; i++)
            {
                var command = pending[i];
                var item = result.Items[i];
                switch (item.Status)
                {
                    case FalconItemStatus.Succeeded when item.Ioc is { } ioc:
                        outcomes.Succeed(command, SyncOperation.Create, ioc.Id, ioc.ToFields());
                        break;
                    case FalconItemStatus.Duplicate:
                        toLookUp.Add(command);
                        break;
                    case FalconItemStatus.Failed:
                        outcomes.Fail(command, SyncFailureKind.Rejected, item.ErrorMessage ?? "Falcon refused the create");
                        break;
                    default:
                        undecided.Add(command);
                        break;
                }
            }

            pending = undecided;
        }

        toLookUp.AddRange(pending);
        await AdoptAsync(toLookUp, outcomes, cancellationToken);
    }

    /// <summary>Looks up values Falcon already holds and takes over the ones that are ours.</summary>
    private async Task AdoptAsync(List<SyncIoc> commands, WriteOutcomes outcomes, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return;
        }

        var adoptions = new List<SyncIoc>();
        var found = new Dictionary<IocKey, FalconIoc>();
        var lookupFailed = new HashSet<IocType>();
        foreach (var group in commands.GroupBy(c => c.Type))
        {
            try
            {
                var existing = await falcon.FindByValuesAsync(group.Key, group.Select(c => c.Value), cancellationToken: cancellationToken);
                foreach (var ioc in existing)
                {
                    if (ioc.TryGetKey(out var key))
                    {
                        found[key with { Value = key.Value.ToLowerInvariant() }] = ioc;
                    }
                }
            }
            catch (FalconApiException ex)
            {
                lookupFailed.Add(group.Key);
                FailAll(group.ToList(), ex, outcomes);
            }
        }

        foreach (var command in commands)
        {
            if (lookupFailed.Contains(command.Type))
            {
                continue;
            }

            if (!found.TryGetValue(command.Key with { Value = command.Value.ToLowerInvariant() }, out var ioc))
            {
                outcomes.Fail(command, SyncFailureKind.Transient, $"Falcon neither created {command.Key} nor holds it");
                continue;
            }

            if (!ownership.MayManage(ioc))
            {
                logger.OwnedElsewhere(command.Key.ToString(), ioc.Id, ioc.CreatedBy, ioc.Source);
                outcomes.Fail(command, SyncFailureKind.OwnedElsewhere, IocOwnership.DescribeForeign(ioc));
                continue;
            }

            if (FalconFieldRules.Satisfies(ioc.ToFields(), command.Fields))
            {
                outcomes.Succeed(command, SyncOperation.Create, ioc.Id, command.Fields, adopted: true);
            }
            else
            {
                adoptions.Add(command with { FalconId = ioc.Id });
            }
        }

        await AdoptByUpdateAsync(adoptions, outcomes, cancellationToken);
    }

    private async Task AdoptByUpdateAsync(List<SyncIoc> commands, WriteOutcomes outcomes, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return;
        }

        var requests = commands.Select(c => FalconIocUpdate.From(c.FalconId!, c.Fields!)).ToList();
        FalconBatchResult<FalconIocUpdate> result;
        try
        {
            result = await falcon.UpdateAsync(requests, cancellationToken: cancellationToken);
        }
        catch (FalconApiException ex)
        {
            FailAll(commands, ex, outcomes);
            return;
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var item = result.Items[i];
            if (item is { Status: FalconItemStatus.Succeeded, Ioc: { } ioc })
            {
                outcomes.Succeed(commands[i], SyncOperation.Create, ioc.Id, ioc.ToFields(), adopted: true);
            }
            else
            {
                var kind = item.Status == FalconItemStatus.Failed ? SyncFailureKind.Rejected : SyncFailureKind.Transient;
                outcomes.Fail(commands[i], kind, item.ErrorMessage ?? "Falcon refused the update of an adopted IOC");
            }
        }
    }

    private async Task DeleteAsync(List<SyncIoc> commands, WriteOutcomes outcomes, CancellationToken cancellationToken)
    {
        var withId = new List<SyncIoc>();
        foreach (var command in commands)
        {
            if (command.FalconId is null)
            {
                outcomes.Succeed(command, SyncOperation.Delete, falconId: null, fields: null);
            }
            else
            {
                withId.Add(command);
            }
        }

        if (withId.Count == 0)
        {
            return;
        }

        FalconBatchResult<string> result;
        try
        {
            result = await falcon.DeleteAsync(withId.Select(c => c.FalconId!).ToList(), cancellationToken: cancellationToken);
        }
        catch (FalconApiException ex)
        {
            FailAll(withId, ex, outcomes);
            return;
        }

        for (var i = 0; i < withId.Count; i++)
        {
            var item = result.Items[i];
            switch (item.Status)
            {
                case FalconItemStatus.Succeeded or FalconItemStatus.NotFound:
                    outcomes.Succeed(withId[i], SyncOperation.Delete, falconId: null, fields: null);
                    break;
                case FalconItemStatus.Failed:
                    outcomes.Fail(withId[i], SyncFailureKind.Rejected, item.ErrorMessage ?? "Falcon refused the delete");
                    break;
                default:
                    outcomes.Fail(withId[i], SyncFailureKind.Transient, item.ErrorMessage ?? "Falcon did not say what became of the delete");
                    break;
            }
        }
    }

    private void FailAll(List<SyncIoc> commands, FalconApiException exception, WriteOutcomes outcomes)
    {
        var kind = exception.IsTransient ? SyncFailureKind.Transient : SyncFailureKind.Rejected;
        logger.RequestFailed(commands.Count, exception.Message);
        foreach (var command in commands)
        {
            outcomes.Fail(command, kind, exception.Message);
        }
    }
}
