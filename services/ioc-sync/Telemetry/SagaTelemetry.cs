using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Connector.Contracts;
using Connector.IocSync.Sagas;

namespace Connector.IocSync.Telemetry;

/// <summary>
/// Traces the writes sagas decide on. A saga batch carries messages of many traces; each write is a span in the
/// trace of the message that caused it, so an OpenCTI event stays one trace from the stream to the Falcon writer.
/// </summary>
internal static class SagaTelemetry
{
    public static Activity? StartWrite(SyncIoc command, IocSagaEvent cause)
    {
        var activity = IocSyncInstrumentation.ActivitySource.StartActivity(
            "ioc-saga write", ActivityKind.Internal, parentContext: cause.Trace);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("ioc.type", command.Type.ToString());
            activity.SetTag("ioc.value_hash", ValueHash(command.Value));
            activity.SetTag("ioc_sync.operation", command.Operation.ToString());
            activity.SetTag("opencti.indicator.id", cause.IndicatorId);
        }

        return activity;
    }

    public static void RecordBatch(string messageType, int messages, int sagas, int changed, int writes, int attempts)
    {
        IocSyncInstrumentation.SagaBatchSize.Record(messages, new KeyValuePair<string, object?>("message_type", messageType));
        var activity = Activity.Current;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("ioc_sync.saga_batch.messages", messages);
            activity.SetTag("ioc_sync.saga_batch.sagas", sagas);
            activity.SetTag("ioc_sync.saga_batch.changed", changed);
            activity.SetTag("ioc_sync.saga_batch.writes", writes);
            activity.SetTag("ioc_sync.saga_batch.attempts", attempts);
        }
    }

    /// <summary>Identifies a value in traces without writing the value itself (an IOC can be sensitive).</summary>
    public static string ValueHash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));
}
