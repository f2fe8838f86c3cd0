using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenCtiSim.GraphQl.Resolvers;

/// <summary>Reads typed arguments, failing like GraphQL's input coercion does.</summary>
internal static class Args
{
    public static string RequiredString(JsonObject args, string name, string type = "String!") =>
        OptionalString(args, name) is { Length: > 0 } value
            ? value
            : throw new GraphQlException($"Argument \"{name}\" of required type \"{type}\" was not provided.", "GRAPHQL_VALIDATION_FAILED");

    public static string? OptionalString(JsonObject args, string name) => args[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => throw new GraphQlException($"Argument \"{name}\" must be a string.", "BAD_USER_INPUT"),
    };

    public static int? OptionalInt(JsonObject args, string name) => args[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) && n is >= int.MinValue and <= int.MaxValue => (int)n,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) => i,
        _ => throw new GraphQlException($"Argument \"{name}\" must be an Int.", "BAD_USER_INPUT"),
    };

    public static bool? OptionalBool(JsonObject args, string name) => args[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw new GraphQlException($"Argument \"{name}\" must be a Boolean.", "BAD_USER_INPUT"),
    };

    public static List<string> OptionalStrings(JsonObject args, string name) => args[name] switch
    {
        null => [],
        JsonArray a => [.. a.Select(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new GraphQlException($"Argument \"{name}\" must be a list of strings.", "BAD_USER_INPUT"))],
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => throw new GraphQlException($"Argument \"{name}\" must be a list of strings.", "BAD_USER_INPUT"),
    };
}
