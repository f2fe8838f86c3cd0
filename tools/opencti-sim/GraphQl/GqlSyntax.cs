using System.Text.Json.Nodes;

namespace OpenCtiSim.GraphQl;

/// <summary>A parsed GraphQL document: its operations and named fragments.</summary>
internal sealed record GqlDocument(IReadOnlyList<GqlOperation> Operations, IReadOnlyDictionary<string, GqlFragment> Fragments);

/// <summary>A query or mutation.</summary>
internal sealed record GqlOperation(string Kind, string? Name, IReadOnlyList<GqlVariableDefinition> Variables, IReadOnlyList<GqlSelection> SelectionSet);

internal sealed record GqlVariableDefinition(string Name, string Type, GqlValue? DefaultValue);

internal sealed record GqlFragment(string Name, string TypeCondition, IReadOnlyList<GqlSelection> SelectionSet);

internal abstract record GqlSelection;

internal sealed record GqlField(string? Alias, string Name, IReadOnlyList<GqlArgument> Arguments, IReadOnlyList<GqlSelection> SelectionSet) : GqlSelection
{
    public string ResponseKey => Alias ?? Name;
}

internal sealed record GqlFragmentSpread(string Name) : GqlSelection;

internal sealed record GqlInlineFragment(string? TypeCondition, IReadOnlyList<GqlSelection> SelectionSet) : GqlSelection;

internal sealed record GqlArgument(string Name, GqlValue Value);

/// <summary>A value in the document; variables are substituted when it is resolved.</summary>
internal abstract record GqlValue
{
    public abstract JsonNode? Resolve(JsonObject variables);
}

internal sealed record GqlVariable(string Name) : GqlValue
{
    public override JsonNode? Resolve(JsonObject variables) => variables[Name]?.DeepClone();
}

/// <summary>A scalar or enum literal.</summary>
internal sealed record GqlLiteral(JsonNode? Node) : GqlValue
{
    public override JsonNode? Resolve(JsonObject variables) => Node?.DeepClone();
}

internal sealed record GqlList(IReadOnlyList<GqlValue> Items) : GqlValue
{
    public override JsonNode? Resolve(JsonObject variables) => new JsonArray([.. Items.Select(i => i.Resolve(variables))]);
}

internal sealed record GqlObjectValue(IReadOnlyList<KeyValuePair<string, GqlValue>> Fields) : GqlValue
{
    public override JsonNode? Resolve(JsonObject variables)
    {
        var result = new JsonObject();
        foreach (var (name, value) in Fields)
        {
            result[name] = value.Resolve(variables);
        }

        return result;
    }
}

/// <summary>An error reported in <c>errors[]</c>; <see cref="Code"/> goes to <c>extensions.code</c>.</summary>
internal sealed class GraphQlException(string message, string code = "FUNCTIONAL_ERROR") : Exception(message)
{
    public string Code { get; } = code;
}
