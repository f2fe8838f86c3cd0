using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenCtiSim.GraphQl;

/// <summary>
/// Writes what a selection set asks for: walks a resolver's result and writes the answer straight to JSON.
/// Asking for a field the type does not have, or selecting into a scalar, is a validation error as on the platform.
/// </summary>
internal sealed class Projector(GqlDocument document)
{
    // Every row of a list shares its selection set: collect its fields once.
    private readonly Dictionary<GqlField, List<GqlField>> _fields = new(ReferenceEqualityComparer.Instance);

    public void Write(Utf8JsonWriter w, object? value, GqlField field)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case JsonObject obj:
                WriteObject(w, new JsonGqlObject(obj), field);
                break;
            case IGqlObject obj:
                WriteObject(w, obj, field);
                break;
            case JsonArray array:
                w.WriteStartArray();
                foreach (var item in array)
                {
                    Write(w, item, field);
                }

                w.WriteEndArray();
                break;
            case JsonValue leaf:
                RequireLeaf(field);
                leaf.WriteTo(w);
                break;
            case string text:
                RequireLeaf(field);
                w.WriteStringValue(text);
                break;
            case bool flag:
                RequireLeaf(field);
                w.WriteBooleanValue(flag);
                break;
            case int number:
                RequireLeaf(field);
                w.WriteNumberValue(number);
                break;
            case long number:
                RequireLeaf(field);
                w.WriteNumberValue(number);
                break;
            case IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    Write(w, item, field);
                }

                w.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"a resolver returned a {value.GetType().Name}");
        }
    }

    private void WriteObject(Utf8JsonWriter w, IGqlObject obj, GqlField field)
    {
        if (field.SelectionSet.Count == 0)
        {
            throw new GraphQlException(
                $"Field \"{field.Name}\" of type \"{obj.TypeName}\" must have a selection of subfields.", "GRAPHQL_VALIDATION_FAILED");
        }

        if (!_fields.TryGetValue(field, out var children))
        {
            children = GraphQlExecutor.CollectFields(field.SelectionSet, document);
            _fields[field] = children;
        }

        w.WriteStartObject();
        foreach (var child in children)
        {
            w.WritePropertyName(child.ResponseKey);
            if (child.Name == "__typename")
            {
                w.WriteStringValue(obj.TypeName);
            }
            else if (obj.TryGetField(child.Name, out var childValue))
            {
                Write(w, childValue, child);
            }
            else
            {
                throw new GraphQlException($"Cannot query field \"{child.Name}\" on type \"{obj.TypeName}\".", "GRAPHQL_VALIDATION_FAILED");
            }
        }

        w.WriteEndObject();
    }

    private static void RequireLeaf(GqlField field)
    {
        if (field.SelectionSet.Count > 0)
        {
            throw new GraphQlException(
                $"Field \"{field.Name}\" must not have a selection since its type has no subfields.", "GRAPHQL_VALIDATION_FAILED");
        }
    }

    /// <summary>A JSON object built in full by a resolver, with its type in <c>__typename</c>.</summary>
    private sealed class JsonGqlObject(JsonObject obj) : IGqlObject
    {
        public string TypeName => obj["__typename"]?.GetValue<string>() ?? "Object";

        public bool TryGetField(string name, out object? value)
        {
            var found = obj.TryGetPropertyValue(name, out var node);
            value = node;
            return found;
        }
    }
}
