using System.Diagnostics;
using MassTransit;
using MassTransit.Logging;

namespace Connector.IocSync.Telemetry;

/// <summary>The trace a message belongs to, read from the headers MassTransit writes when it sends or publishes.</summary>
internal static class MessageTrace
{
    // MassTransit 8 carries the W3C trace parent of the send span in MT-Activity-Id (DiagnosticHeaders.ActivityId), not
    // in Diagnostic-Id: reading only the latter found no trace at all, so batch spans had no links and saga writes fell
    // back to whichever message's trace the batch consume ran in. Other senders use the W3C header name.
    private const string TraceParentHeader = "traceparent";

    /// <summary>The message's trace parent, or default when it came without one.</summary>
    public static ActivityContext Of(ConsumeContext message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parent = message.Headers.Get<string>(DiagnosticHeaders.ActivityId) ?? message.Headers.Get<string>(TraceParentHeader);
        return parent is not null && ActivityContext.TryParse(parent, null, out var context) ? context : default;
    }
}
