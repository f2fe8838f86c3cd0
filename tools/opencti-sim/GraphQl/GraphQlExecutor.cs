using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenCtiSim.Stix;

namespace OpenCtiSim.GraphQl;

/// <summary>
/// A root field's resolver: its arguments (variables substituted) in, the result out: a <see cref="JsonNode"/>
/// tree, an <see cref="IGqlObject"/> (fields computed on demand), a list of those, or null.
/// </summary>
internal delegate object? RootResolver(JsonObject arguments);

/// <summary>An object whose fields are computed only when the query selects them (large result sets).</summary>
internal interface IGqlObject
{
    string TypeName { get; }

    /// <summary>The field's value (same kinds as a resolver's result); false when the type has no such field.</summary>
    bool TryGetField(string name, out object? value);
}

/// <summary>A root field: where it lives (Query or Mutation), the arguments it accepts, its resolver.</summary>
internal sealed record RootField(string OperationType, IReadOnlySet<string> Arguments, RootResolver Resolve);

/// <summary>
/// Runs a parsed operation: resolves each root field to a full object (every field the platform knows, with
/// <c>__typename</c>), then keeps what the selection set asks for. Asking for a field the object does not have is
/// a validation error, as on the platform.
/// </summary>
internal sealed class GraphQlExecutor(IReadOnlyDictionary<string, RootField> roots)
{
    /// <summary>Root field names of the operation to run, for counters and logs (parse errors give none).</summary>
    public static IReadOnlyList<string> RootFieldNames(GqlOperation operation, GqlDocument document) =>
        [.. CollectFields(operation.SelectionSet, document).Select(f => f.Name)];

    public static GqlOperation SelectOperation(GqlDocument document, string? operationName)
    {
        if (!string.IsNullOrEmpty(operationName))
        {
            return document.Operations.FirstOrDefault(o => string.Equals(o.Name, operationName, StringComparison.Ordinal))
                ?? throw new GraphQlException($"Unknown operation named \"{operationName}\".", "GRAPHQL_VALIDATION_FAILED");
        }

        return document.Operations.Count == 1
            ? document.Operations[0]
            : throw new GraphQlException("Must provide operation name if query contains multiple operations.", "GRAPHQL_VALIDATION_FAILED");
    }

    /// <summary>
    /// Validates then executes; returns the serialized answer (<c>errors</c> when any, then <c>data</c>). A selection
    /// the types do not allow throws <see cref="GraphQlException"/>, and then nothing of the answer is kept.
    /// </summary>
    public ReadOnlyMemory<byte> Execute(GqlDocument document, GqlOperation operation, JsonObject variables, bool authenticated)
    {
        var typeName = operation.Kind switch
        {
            "query" => "Query",
            "mutation" => "Mutation",
            _ => throw new GraphQlException("Subscriptions are not supported by the simulator.", "GRAPHQL_VALIDATION_FAILED"),
        };
        var fields = CollectFields(operation.SelectionSet, document);
        foreach (var field in fields)
        {
            if (field.Name == "__typename")
            {
                continue;
            }

            if (!roots.TryGetValue(field.Name, out var root) || root.OperationType != typeName)
            {
                throw new GraphQlException($"Cannot query field \"{field.Name}\" on type \"{typeName}\".", "GRAPHQL_VALIDATION_FAILED");
            }

            foreach (var argument in field.Arguments)
            {
                if (!root.Arguments.Contains(argument.Name))
                {
                    throw new GraphQlException(
                        $"Unknown argument \"{argument.Name}\" on field \"{typeName}.{field.Name}\".", "GRAPHQL_VALIDATION_FAILED");
                }
            }
        }

        // Resolve every root field first: errors come before data in the answer.
        var results = new List<(GqlField Field, object? Value)>(fields.Count);
        var errors = new JsonArray();
        foreach (var field in fields)
        {
            if (field.Name == "__typename")
            {
                results.Add((field, typeName));
                continue;
            }

            if (!authenticated)
            {
                results.Add((field, null));
                errors.Add(Error("You must be logged in to do this.", "AUTH_REQUIRED", field.ResponseKey));
                continue;
            }

            var arguments = new JsonObject();
            foreach (var argument in field.Arguments)
            {
                arguments[argument.Name] = argument.Value.Resolve(variables);
            }

            try
            {
                results.Add((field, roots[field.Name].Resolve(arguments)));
            }
            catch (GraphQlException e)
            {
                results.Add((field, null));
                errors.Add(Error(e.Message, e.Code, field.ResponseKey));
            }
        }

        var body = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(body, SimJson.Writer))
        {
            writer.WriteStartObject();
            if (errors.Count > 0)
            {
                writer.WritePropertyName("errors");
                errors.WriteTo(writer);
            }

            writer.WriteStartObject("data");
            var projector = new Projector(document);
            foreach (var (field, value) in results)
            {
                writer.WritePropertyName(field.ResponseKey);
                projector.Write(writer, value, field);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return body.WrittenMemory;
    }

    public static JsonObject Error(string message, string code, string? path = null)
    {
        var error = new JsonObject
        {
            ["message"] = message,
            ["extensions"] = new JsonObject { ["code"] = code },
        };
        if (path is not null)
        {
            error["path"] = new JsonArray(path);
        }

        return error;
    }

    internal static List<GqlField> CollectFields(IReadOnlyList<GqlSelection> selections, GqlDocument document)
    {
        var fields = new List<GqlField>();
        Collect(selections, document, fields, depth: 0);
        return fields;
    }

    private static void Collect(IReadOnlyList<GqlSelection> selections, GqlDocument document, List<GqlField> into, int depth)
    {
        if (depth > 16)
        {
            throw new GraphQlException("Fragments nest too deep (a cycle?).", "GRAPHQL_VALIDATION_FAILED");
        }

        foreach (var selection in selections)
        {
            switch (selection)
            {
                case GqlField field:
                    // Same response key twice (e.g. from a fragment and the query): the platform merges them.
                    var existing = into.FindIndex(f => f.ResponseKey == field.ResponseKey);
                    if (existing < 0)
                    {
                        into.Add(field);
                    }
                    else
                    {
                        into[existing] = into[existing] with { SelectionSet = [.. into[existing].SelectionSet, .. field.SelectionSet] };
                    }

                    break;
                case GqlInlineFragment inline:
                    Collect(inline.SelectionSet, document, into, depth + 1);
                    break;
                case GqlFragmentSpread spread:
                    var fragment = document.Fragments.GetValueOrDefault(spread.Name)
                        ?? throw new GraphQlException($"Unknown fragment \"{spread.Name}\".", "GRAPHQL_VALIDATION_FAILED");
                    Collect(fragment.SelectionSet, document, into, depth + 1);
                    break;
            }
        }
    }
}
