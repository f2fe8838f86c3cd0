using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.OpenCti.Diagnostics;
using Connector.OpenCti.Json;
using Microsoft.Extensions.Logging;

namespace Connector.OpenCti.LiveStream;

/// <summary>
/// Turns one SSE frame (event name + UTF-8 data) into a typed <see cref="StreamEvent"/>. Dispatches on the event
/// name only. Never throws for bad data: a frame it cannot read becomes <see cref="StreamSkipped"/>.
/// </summary>
internal sealed class StreamFrameParser(bool keepRawData, ILogger logger)
{
    public StreamEvent Parse(string eventName, ReadOnlySpan<byte> data, StreamEventId id) => eventName switch
    {
        "heartbeat" => new StreamHeartbeat(id, ReadHeartbeatTime(data)),
        "create" => ParseIndicatorFrame(IndicatorEventKind.Create, eventName, data, id),
        "update" => ParseIndicatorFrame(IndicatorEventKind.Update, eventName, data, id),
        "delete" => ParseIndicatorFrame(IndicatorEventKind.Delete, eventName, data, id),
        "merge" => ParseIndicatorFrame(IndicatorEventKind.Merge, eventName, data, id),
        "connected" => ParseConnected(data),
        _ => new StreamSkipped(id, eventName, SkipReason.UnknownEvent),
    };

    internal static StreamConnected ParseConnected(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new StreamConnected(null, null);
            }

            return new StreamConnected(ReadId(root, "firstEventId"u8), ReadId(root, "lastEventId"u8))
            {
                FirstEventDate = root.TryGetProperty("firstEventDate"u8, out var firstDate) ? JsonRead.Date(firstDate) : null,
                LastEventDate = root.TryGetProperty("lastEventDate"u8, out var lastDate) ? JsonRead.Date(lastDate) : null,
                StreamSize = root.TryGetProperty("streamSize"u8, out var size) ? JsonRead.Int64(size) : null,
                ConnectionId = root.TryGetProperty("connectionId"u8, out var connection) ? JsonRead.String(connection) : null,
            };
        }
        catch (JsonException)
        {
            return new StreamConnected(null, null);
        }
    }

    internal static DateTimeOffset? ReadHeartbeatTime(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            return reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time)
                ? time.ToUniversalTime()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private StreamEvent ParseIndicatorFrame(IndicatorEventKind kind, string eventName, ReadOnlySpan<byte> data, StreamEventId id)
    {
        // JsonDocument.Parse over our own pooled copy: no per-frame buffer allocation, and the memory outlives the
        // SSE parser's span for as long as the document is read.
        var buffer = ArrayPool<byte>.Shared.Rent(data.Length);
        try
        {
            data.CopyTo(buffer);
            using var document = JsonDocument.Parse(buffer.AsMemory(0, data.Length));
            return ReadIndicatorPayload(kind, eventName, document.RootElement, id);
        }
        catch (JsonException ex)
        {
            OpenCtiLog.FrameMalformed(logger, eventName, id.ToString(), ex.Message);
            return new StreamSkipped(id, eventName, SkipReason.Malformed, ex.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private StreamEvent ReadIndicatorPayload(IndicatorEventKind kind, string eventName, JsonElement root, StreamEventId id)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("data"u8, out var data)
            || data.ValueKind != JsonValueKind.Object)
        {
            return new StreamSkipped(id, eventName, SkipReason.Malformed, "the payload has no data object");
        }

        if (!StixIndicatorReader.IsIndicator(data))
        {
            var type = data.TryGetProperty("type"u8, out var typeElement) ? JsonRead.String(typeElement) : null;
            return new StreamSkipped(id, eventName, SkipReason.NotAnIndicator, type);
        }

        var indicator = StixIndicatorReader.Read(data, keepRawData);
        if (indicator is null)
        {
            return new StreamSkipped(id, eventName, SkipReason.Malformed, "the indicator has no id");
        }

        var context = root.TryGetProperty("context"u8, out var contextElement) && contextElement.ValueKind == JsonValueKind.Object
            ? contextElement
            : default;
        var previous = context.ValueKind == JsonValueKind.Object
            && context.TryGetProperty("reverse_patch"u8, out var reversePatch)
            && reversePatch.ValueKind == JsonValueKind.Array
                ? ReadPrevious(data, reversePatch, eventName, id)
                : null;
        IReadOnlyList<IndicatorSnapshot> sources = kind == IndicatorEventKind.Merge
            && context.ValueKind == JsonValueKind.Object
            && context.TryGetProperty("sources"u8, out var sourcesElement)
            && sourcesElement.ValueKind == JsonValueKind.Array
                ? ReadSourceArray(sourcesElement)
                : Array.Empty<IndicatorSnapshot>();

        // A pattern that was STIX before the change, or a merged source that was, still has IOCs to release.
        if (!indicator.IsStixPattern && previous?.IsStixPattern != true && !sources.Any(static s => s.IsStixPattern))
        {
            return new StreamSkipped(id, eventName, SkipReason.NotStixPattern, indicator.PatternType);
        }

        return new IndicatorEvent(id, kind, indicator)
        {
            Previous = previous,
            MergedSources = sources,
            PayloadType = root.TryGetProperty("type"u8, out var payloadType) ? JsonRead.String(payloadType) : null,
            Referer = root.TryGetProperty("origin"u8, out var origin) && origin.ValueKind == JsonValueKind.Object
                && origin.TryGetProperty("referer"u8, out var referer)
                    ? JsonRead.String(referer)
                    : null,
            Message = root.TryGetProperty("message"u8, out var message) ? JsonRead.String(message) : null,
        };
    }

    private IndicatorSnapshot? ReadPrevious(JsonElement data, JsonElement reversePatch, string eventName, StreamEventId id)
    {
        try
        {
            var before = JsonPatch.Apply(JsonObject.Create(data), reversePatch);
            if (before is not JsonObject)
            {
                return null;
            }

            // Back to a JsonElement so one reader serves both snapshots.
            var written = new ArrayBufferWriter<byte>(4096);
            using (var writer = new Utf8JsonWriter(written))
            {
                before.WriteTo(writer);
            }

            using var document = JsonDocument.Parse(written.WrittenMemory);
            return StixIndicatorReader.Read(document.RootElement, keepRawData);
        }
        catch (JsonPatchException ex)
        {
            OpenCtiLog.ReversePatchFailed(logger, eventName, id.ToString(), ex.Message);
            return null;
        }
    }

    private List<IndicatorSnapshot> ReadSourceArray(JsonElement sources)
    {
        var snapshots = new List<IndicatorSnapshot>(sources.GetArrayLength());
        foreach (var source in sources.EnumerateArray())
        {
            if (StixIndicatorReader.IsIndicator(source) && StixIndicatorReader.Read(source, keepRawData) is { } snapshot)
            {
                snapshots.Add(snapshot);
            }
        }

        return snapshots;
    }

    private static StreamEventId? ReadId(JsonElement root, ReadOnlySpan<byte> name) =>
        root.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && StreamEventId.TryParse(value.GetString(), out var id)
            ? id
            : null;
}
