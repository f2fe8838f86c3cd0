using System.Globalization;
using Connector.EndToEnd.Tests.Otlp.Common;
using Connector.EndToEnd.Tests.Otlp.Trace;

namespace Connector.EndToEnd.Tests.Otlp;

/// <summary>One span as a service exported it, flattened: its resource's <c>service.name</c>, ids in hex, attributes as text.</summary>
public sealed record ReceivedSpan
{
    public required string Service { get; init; }

    public required string Scope { get; init; }

    public required string TraceId { get; init; }

    public required string SpanId { get; init; }

    /// <summary>Null for a root span.</summary>
    public string? ParentSpanId { get; init; }

    public required string Name { get; init; }

    public required Span.Types.SpanKind Kind { get; init; }

    public required IReadOnlyDictionary<string, string> Attributes { get; init; }

    public required IReadOnlyList<ReceivedLink> Links { get; init; }

    public required IReadOnlyDictionary<string, string> ResourceAttributes { get; init; }

    /// <summary>Every attribute value of the span's events, which a secret could hide in as well.</summary>
    public required IReadOnlyList<string> EventAttributeValues { get; init; }

    public string? Attribute(string key) => Attributes.TryGetValue(key, out var value) ? value : null;

    /// <summary>Every text the span carries: its own, its links' and events' attributes, and its resource's.</summary>
    public IEnumerable<string> AllAttributeValues =>
        Attributes.Values
            .Concat(Links.SelectMany(l => l.Attributes.Values))
            .Concat(EventAttributeValues)
            .Concat(ResourceAttributes.Values);

    public override string ToString() =>
        $"{Service} {Kind} '{Name}' {TraceId}/{SpanId} parent {ParentSpanId ?? "-"} links [{string.Join(", ", Links.Select(l => l.TraceId))}] "
        + string.Join(" ", Attributes.Select(a => $"{a.Key}={a.Value}"));

    internal static IEnumerable<ReceivedSpan> From(ResourceSpans resourceSpans)
    {
        var resource = Flatten(resourceSpans.Resource?.Attributes);
        var service = resource.TryGetValue("service.name", out var name) ? name : "";
        foreach (var scopeSpans in resourceSpans.ScopeSpans)
        {
            foreach (var span in scopeSpans.Spans)
            {
                yield return new ReceivedSpan
                {
                    Service = service,
                    Scope = scopeSpans.Scope?.Name ?? "",
                    TraceId = Hex(span.TraceId),
                    SpanId = Hex(span.SpanId),
                    ParentSpanId = span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId),
                    Name = span.Name,
                    Kind = span.Kind,
                    Attributes = Flatten(span.Attributes),
                    Links = [.. span.Links.Select(l => new ReceivedLink(Hex(l.TraceId), Hex(l.SpanId), Flatten(l.Attributes)))],
                    ResourceAttributes = resource,
                    EventAttributeValues = [.. span.Events.SelectMany(e => e.Attributes.Select(a => Text(a.Value)))],
                };
            }
        }
    }

    private static Dictionary<string, string> Flatten(IEnumerable<KeyValue>? attributes)
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes ?? [])
        {
            flat[attribute.Key] = Text(attribute.Value);
        }

        return flat;
    }

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => string.Join(",", value.ArrayValue.Values.Select(Text)),
        AnyValue.ValueOneofCase.KvlistValue => string.Join(",", value.KvlistValue.Values.Select(kv => kv.Key + "=" + Text(kv.Value))),
        AnyValue.ValueOneofCase.BytesValue => Hex(value.BytesValue),
        _ => "",
    };

    private static string Hex(Google.Protobuf.ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}

/// <summary>A span link: the trace and span it points at, and its attributes.</summary>
public sealed record ReceivedLink(string TraceId, string SpanId, IReadOnlyDictionary<string, string> Attributes);
