using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.OpenCti.Json;

/// <summary>
/// Applies JSON Patch documents (RFC 6902: add, remove, replace, move, copy, test) to <see cref="JsonNode"/> trees.
/// OpenCTI's update events carry <c>context.reverse_patch</c>, which turns the new object back into the previous one.
/// </summary>
public static class JsonPatch
{
    /// <summary>
    /// Applies <paramref name="operations"/> in order to <paramref name="document"/>, which is changed in place, and
    /// returns the result (a different node only when an operation replaced the whole document).
    /// </summary>
    /// <exception cref="JsonPatchException">An operation is malformed, its target is missing, or a <c>test</c> failed.</exception>
    public static JsonNode? Apply(JsonNode? document, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw new JsonPatchException($"Patch operation #{i} is not a JSON object.");
            }

            document = ApplyOne(document, operation, i);
        }

        return document;
    }

    /// <summary>Applies a patch given as JSON (an array of operations) to <paramref name="document"/>.</summary>
    /// <exception cref="JsonPatchException">The patch is not an array, or cannot be applied.</exception>
    public static JsonNode? Apply(JsonNode? document, JsonElement operations) =>
        operations.ValueKind == JsonValueKind.Array
            ? Apply(document, JsonArray.Create(operations)!)
            : throw new JsonPatchException("A JSON patch must be an array of operations.");

    private static JsonNode? ApplyOne(JsonNode? document, JsonObject operation, int index)
    {
        var op = RequiredString(operation, "op", index);
        var path = JsonPointer.Parse(RequiredString(operation, "path", index));
        switch (op)
        {
            case "add":
                return Add(document, path, RequiredValue(operation, index));
            case "remove":
                return Remove(document, path, out _);
            case "replace":
                return Replace(document, path, RequiredValue(operation, index));
            case "move":
                {
                    var from = JsonPointer.Parse(RequiredString(operation, "from", index));
                    if (string.Equals(from.Text, path.Text, StringComparison.Ordinal))
                    {
                        _ = Get(document, from);
                        return document;
                    }

                    if (path.IsInside(from))
                    {
                        throw new JsonPatchException($"Operation #{index} moves '{from.Text}' into its own child '{path.Text}'.");
                    }

                    document = Remove(document, from, out var moved);
                    return Add(document, path, moved);
                }

            case "copy":
                {
                    var from = JsonPointer.Parse(RequiredString(operation, "from", index));
                    return Add(document, path, Get(document, from)?.DeepClone());
                }

            case "test":
                {
                    var expected = RequiredValue(operation, index);
                    if (!JsonNode.DeepEquals(Get(document, path), expected))
                    {
                        throw new JsonPatchException($"Operation #{index}: test of '{path.Text}' failed.");
                    }

                    return document;
                }

            default:
                throw new JsonPatchException($"Operation #{index} has an unknown op '{op}'.");
        }
    }

    private static JsonNode? Add(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }

        switch (Parent(document, path))
        {
            case JsonObject parent:
                parent[path.LastToken] = value;
                break;
            case JsonArray parent:
                var at = JsonPointer.ArrayIndex(path.LastToken, parent.Count, allowEnd: true, path.Text);
                if (at > parent.Count)
                {
                    throw new JsonPatchException($"Index {at} of '{path.Text}' is past the end of an array of {parent.Count}.");
                }

                parent.Insert(at, value);
                break;
            default:
                throw new JsonPatchException($"The parent of '{path.Text}' is not an object or array.");
        }

        return document;
    }

    private static JsonNode? Remove(JsonNode? document, JsonPointer path, out JsonNode? removed)
    {
        if (path.IsRoot)
        {
            removed = document;
            return null;
        }

        switch (Parent(document, path))
        {
            case JsonObject parent:
                if (!parent.TryGetPropertyValue(path.LastToken, out removed))
                {
                    throw new JsonPatchException($"'{path.Text}' does not exist.");
                }

                parent.Remove(path.LastToken);
                break;
            case JsonArray parent:
                var at = ExistingIndex(parent, path);
                removed = parent[at];
                parent.RemoveAt(at);
                break;
            default:
                throw new JsonPatchException($"The parent of '{path.Text}' is not an object or array.");
        }

        return document;
    }

    private static JsonNode? Replace(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }

        switch (Parent(document, path))
        {
            case JsonObject parent:
                if (!parent.ContainsKey(path.LastToken))
                {
                    throw new JsonPatchException($"'{path.Text}' does not exist.");
                }

                parent[path.LastToken] = value;
                break;
            case JsonArray parent:
                var at = ExistingIndex(parent, path);
                parent.RemoveAt(at);
                parent.Insert(at, value);
                break;
            default:
                throw new JsonPatchException($"The parent of '{path.Text}' is not an object or array.");
        }

        return document;
    }

    private static JsonNode? Get(JsonNode? document, JsonPointer path)
    {
        var current = document;
        for (var i = 0; i < path.Tokens.Count; i++)
        {
            current = Child(current, path.Tokens[i], path);
        }

        return current;
    }

    private static JsonNode? Parent(JsonNode? document, JsonPointer path)
    {
        var current = document;
        for (var i = 0; i < path.Tokens.Count - 1; i++)
        {
            current = Child(current, path.Tokens[i], path);
        }

        return current;
    }

    private static JsonNode? Child(JsonNode? node, string token, JsonPointer path) => node switch
    {
        JsonObject obj => obj.TryGetPropertyValue(token, out var child)
            ? child
            : throw new JsonPatchException($"'{path.Text}' does not exist: no member '{token}'."),
        JsonArray array => array[ExistingIndex(array, token, path)],
        _ => throw new JsonPatchException($"'{path.Text}' does not exist: '{token}' is below a value that is not an object or array."),
    };

    private static int ExistingIndex(JsonArray array, JsonPointer path) => ExistingIndex(array, path.LastToken, path);

    private static int ExistingIndex(JsonArray array, string token, JsonPointer path)
    {
        var at = JsonPointer.ArrayIndex(token, array.Count, allowEnd: false, path.Text);
        return at < array.Count
            ? at
            : throw new JsonPatchException($"Index {at} of '{path.Text}' is outside an array of {array.Count}.");
    }

    private static string RequiredString(JsonObject operation, string name, int index) =>
        operation.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new JsonPatchException($"Operation #{index} has no string '{name}'.");

    // The value is cloned: a node belongs to one parent, and the patch must stay usable.
    private static JsonNode? RequiredValue(JsonObject operation, int index) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw new JsonPatchException($"Operation #{index} has no 'value'.");
}
