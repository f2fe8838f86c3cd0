using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenCtiSim.Stix;

namespace OpenCtiSim.Events;

/// <summary>Builds log entries for platform changes: messages, origin and the <c>context</c> of updates and merges.</summary>
internal sealed class EventFactory(bool observableValues)
{
    /// <summary>The id of OpenCTI's built-in admin user, who makes every change in the simulator.</summary>
    public const string AdminUserId = "88ec0c6a-13ce-5e39-b486-354fe4a7084f";

    private const string Origin = $$"""{"socket":"query","referer":"opencti-sim","user_id":"{{AdminUserId}}"}""";

    public static StreamEvent Create(StreamEventId id, SimIndicator created) =>
        new(id, "create", "external", 4, $"creates a Indicator `{created.Name}`", Origin, created, null, [], null, null);

    public static StreamEvent Delete(StreamEventId id, SimIndicator deleted) =>
        new(id, "delete", "external", 4, $"deletes a Indicator `{deleted.Name}`", Origin, deleted, null, [], null, null);

    public StreamEvent Update(StreamEventId id, SimIndicator previous, SimIndicator current)
    {
        var before = StixWriter.IndicatorNode(previous, observableValues);
        var after = StixWriter.IndicatorNode(current, observableValues);
        var patch = JsonPatchGenerator.Compare(before, after);
        var reverse = JsonPatchGenerator.Compare(after, before);
        var context = new JsonObject { ["patch"] = patch, ["reverse_patch"] = reverse };
        var message = $"updates `{ChangedFields(patch)}` of Indicator `{current.Name}`";
        return new StreamEvent(id, "update", "external", 4, message, Origin, current, previous, [], Serialize(context), null);
    }

    public StreamEvent Merge(StreamEventId id, SimIndicator previous, SimIndicator survivor, IReadOnlyList<SimIndicator> sources)
    {
        var before = StixWriter.IndicatorNode(previous, observableValues);
        var after = StixWriter.IndicatorNode(survivor, observableValues);
        var sourceArray = new JsonArray();
        foreach (var source in sources)
        {
            sourceArray.Add(StixWriter.IndicatorNode(source, observableValues));
        }

        var context = new JsonObject
        {
            ["patch"] = JsonPatchGenerator.Compare(before, after),
            ["reverse_patch"] = JsonPatchGenerator.Compare(after, before),
            ["sources"] = sourceArray,
        };
        var names = string.Join(", ", sources.Select(s => $"`{s.Name}`"));
        var message = $"merges Indicator {names} in `{survivor.Name}`";
        return new StreamEvent(id, "merge", "external", 4, message, Origin, survivor, previous, sources, Serialize(context), null);
    }

    /// <summary>A change to a platform-internal object (a connector): logged, never streamed.</summary>
    public static StreamEvent Internal(StreamEventId id, string type, string message, JsonObject data) =>
        new(id, type, "internal", 4, message, Origin, null, null, [], null, Serialize(data));

    /// <summary>An event as an old (pre-version-4) platform wrote it: logged, never streamed.</summary>
    public static StreamEvent Legacy(StreamEventId id, string type, JsonObject data) =>
        new(id, type, "external", 3, "legacy event", Origin, null, null, [], null, Serialize(data));

    // Names the changed fields; inside the extensions, the extension's own field (score, platforms, ...).
    private static string ChangedFields(JsonArray patch) => string.Join(
        ", ",
        patch.Select(op => op!["path"]!.GetValue<string>().Split('/'))
            .Select(path => path.Length > 3 && path[1] == "extensions" ? path[3] : path[1])
            .Distinct(StringComparer.Ordinal));

    private static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, SimJson.Writer))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
