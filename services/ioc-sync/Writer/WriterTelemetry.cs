using System.Diagnostics;
using Connector.Contracts;
using Connector.IocSync.Telemetry;
using MassTransit;

namespace Connector.IocSync.Writer;

/// <summary>
/// Traces and counts the writer's batches. A batch carries commands of many traces (one per OpenCTI event), so its
/// span links to each of them; the Falcon requests it makes are its children.
/// </summary>
internal static class WriterTelemetry
{
    public static Activity? StartBatch(ConsumeContext<Batch<SyncIoc>> context)
    {
        var links = new List<ActivityLink>(context.Message.Length);
        foreach (var message in context.Message)
        {
            if (MessageTrace.Of(message) is { TraceId: var traceId } linked && traceId != default)
            {
                links.Add(new ActivityLink(linked));
            }
        }

        // A root of its own: the batch belongs to all of its commands' traces equally, so it links to each and is the
        // child of none (the consume span MassTransit opened is in one arbitrary item's trace). Clearing the ambient
        // span only affects this consume call's flow.
        Activity.Current = null;
        var activity = IocSyncInstrumentation.ActivitySource.StartActivity(
            "falcon-writer batch", ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag("ioc_sync.batch.size", context.Message.Length);
        return activity;
    }

    public static void Record(Activity? activity, int batchSize, WriteOutcomes outcomes)
    {
        IocSyncInstrumentation.BatchSize.Record(batchSize);
        foreach (var synced in outcomes.Synced)
        {
            IocSyncInstrumentation.Writes.Add(1,
                new KeyValuePair<string, object?>("operation", synced.Operation.ToString()),
                new KeyValuePair<string, object?>("outcome", synced.Adopted ? "adopted" : "synced"));
        }

        foreach (var failed in outcomes.Failed)
        {
            IocSyncInstrumentation.Writes.Add(1,
                new KeyValuePair<string, object?>("operation", failed.Operation.ToString()),
                new KeyValuePair<string, object?>("outcome", failed.Kind.ToString()));
        }

        activity?.SetTag("ioc_sync.synced", outcomes.Synced.Count);
        activity?.SetTag("ioc_sync.adopted", outcomes.Adopted);
        activity?.SetTag("ioc_sync.failed", outcomes.Failed.Count);
        if (outcomes.Failed.Count > 0)
        {
            activity?.SetStatus(ActivityStatusCode.Error, $"{outcomes.Failed.Count} commands failed");
        }
    }
}
