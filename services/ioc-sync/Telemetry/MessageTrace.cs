using System.Diagnostics;
using MassTransit;

namespace Connector.IocSync.Telemetry;

/// <summary>The trace a message belongs to, read from the headers MassTransit writes when it sends or publishes.</summary>
internal static class MessageTrace
{
    // MassTransit 8 carries the W3C trace parent in Diagnostic-Id; other senders use the W3C header name.
    private const string DiagnosticIdHeader = "Diagnostic-Id";
    private const string TraceParentHeader = "traceparent";

    /// <summary>The message's trace parent, or default when it came without one.</summary>
    public static ActivityContext Of(ConsumeContext message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parent = message.Headers.Get<string>(DiagnosticIdHeader) ?? message.Headers.Get<string>(TraceParentHeader);
        return parent is not null && ActivityContext.TryParse(parent, null, out var context) ? context : default;
    }
}
