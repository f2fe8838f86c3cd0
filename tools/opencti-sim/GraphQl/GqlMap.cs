namespace OpenCtiSim.GraphQl;

/// <summary>An object with its fields given up front (values as in <see cref="RootResolver"/>).</summary>
internal sealed class GqlMap(string typeName, IReadOnlyDictionary<string, object?> fields) : IGqlObject
{
    public string TypeName => typeName;

    public bool TryGetField(string name, out object? value) => fields.TryGetValue(name, out value);
}
