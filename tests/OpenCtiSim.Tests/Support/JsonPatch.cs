using System.Globalization;
using System.Text.Json.Nodes;

namespace OpenCtiSim.Tests.Support;

/// <summary>An RFC 6902 applier written from the RFC, independent of the simulator's patch generator.</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray patch)
    {
        var root = document.DeepClone();
        foreach (var operation in patch)
        {
            var op = operation!["op"]!.GetValue<string>();
            var path = operation["path"]!.GetValue<string>();
            switch (op)
            {
                case "add":
                    root = Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    root = Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "test":
                    Assert.True(JsonNode.DeepEquals(Get(root, path), operation["value"]), $"test failed at {path}");
                    break;
                default:
                    throw new NotSupportedException($"op {op}");
            }
        }

        return root;
    }

    private static string[] Segments(string path)
    {
        Assert.StartsWith("/", path);
        return [.. path[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    private static JsonNode? Get(JsonNode root, string path)
    {
        var node = root;
        foreach (var segment in Segments(path))
        {
            node = node is JsonArray a ? a[int.Parse(segment, CultureInfo.InvariantCulture)] : node!.AsObject()[segment];
        }

        return node;
    }

    private static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value!;
        }

        var segments = Segments(path);
        var parent = Parent(root, segments);
        var last = segments[^1];
        if (parent is JsonArray array)
        {
            var index = last == "-" ? array.Count : int.Parse(last, CultureInfo.InvariantCulture);
            Assert.InRange(index, 0, array.Count);
            array.Insert(index, value);
        }
        else
        {
            parent.AsObject()[last] = value;
        }

        return root;
    }

    private static void Remove(JsonNode root, string path)
    {
        var segments = Segments(path);
        var parent = Parent(root, segments);
        var last = segments[^1];
        if (parent is JsonArray array)
        {
            var index = int.Parse(last, CultureInfo.InvariantCulture);
            Assert.InRange(index, 0, array.Count - 1);
            array.RemoveAt(index);
        }
        else
        {
            Assert.True(parent.AsObject().Remove(last), $"nothing to remove at {path}");
        }
    }

    private static JsonNode Parent(JsonNode root, string[] segments)
    {
        var node = root;
        foreach (var segment in segments[..^1])
        {
            node = (node is JsonArray a ? a[int.Parse(segment, CultureInfo.InvariantCulture)] : node.AsObject()[segment])
                ?? throw new InvalidOperationException($"no parent at {segment}");
        }

        return node;
    }
}
