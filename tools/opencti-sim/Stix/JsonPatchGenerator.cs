using System.Text.Json.Nodes;

namespace OpenCtiSim.Stix;

/// <summary>
/// RFC 6902 patches between two JSON documents, generated the way the platform does it (fast-json-patch's
/// <c>compare</c>): old keys walked from last to first (replace / remove, arrays by index), then adds for new keys.
/// </summary>
internal static class JsonPatchGenerator
{
    public static JsonArray Compare(JsonNode previous, JsonNode current)
    {
        var patches = new JsonArray();
        Generate(previous, current, patches, string.Empty);
        return patches;
    }

    private static void Generate(JsonNode mirror, JsonNode obj, JsonArray patches, string path)
    {
        var oldKeys = KeysOf(mirror);
        var newKeys = KeysOf(obj);
        var deleted = false;
        for (var t = oldKeys.Count - 1; t >= 0; t--)
        {
            var key = oldKeys[t];
            var oldValue = ChildOf(mirror, key);
            var childPath = path + "/" + Escape(key);
            if (HasKey(obj, key))
            {
                var newValue = ChildOf(obj, key);
                if (IsContainer(oldValue) && IsContainer(newValue) && (oldValue is JsonArray) == (newValue is JsonArray))
                {
                    Generate(oldValue!, newValue!, patches, childPath);
                }
                else if (!JsonNode.DeepEquals(oldValue, newValue))
                {
                    patches.Add(Op("replace", childPath, newValue));
                }
            }
            else
            {
                // fast-json-patch replaces the whole parent when an object turns into an array or back; that cannot
                // happen here (both sides are the same kind at every level it recurses into).
                patches.Add(new JsonObject { ["op"] = "remove", ["path"] = childPath });
                deleted = true;
            }
        }

        if (!deleted && newKeys.Count == oldKeys.Count)
        {
            return;
        }

        foreach (var key in newKeys)
        {
            if (!HasKey(mirror, key))
            {
                patches.Add(Op("add", path + "/" + Escape(key), ChildOf(obj, key)));
            }
        }
    }

    private static JsonObject Op(string op, string path, JsonNode? value) =>
        new() { ["op"] = op, ["path"] = path, ["value"] = value?.DeepClone() };

    private static bool IsContainer(JsonNode? node) => node is JsonObject or JsonArray;

    private static List<string> KeysOf(JsonNode node) => node switch
    {
        JsonObject o => [.. o.Select(p => p.Key)],
        JsonArray a => [.. Enumerable.Range(0, a.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        _ => [],
    };

    private static bool HasKey(JsonNode node, string key) => node switch
    {
        JsonObject o => o.ContainsKey(key),
        JsonArray a => int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count,
        _ => false,
    };

    private static JsonNode? ChildOf(JsonNode node, string key) => node switch
    {
        JsonObject o => o[key],
        JsonArray a => a[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)],
        _ => null,
    };

    private static string Escape(string key) =>
        key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
