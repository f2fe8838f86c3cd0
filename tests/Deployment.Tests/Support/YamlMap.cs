using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Deployment.Tests.Support;

/// <summary>
/// A YAML mapping as plain data: values are <see cref="YamlMap"/>, <see cref="IReadOnlyList{T}"/> of values, strings,
/// or null (an empty or <c>null</c> plain scalar). Anchors, aliases and merge keys (<c>&lt;&lt;: [*a, *b]</c>, as
/// docker compose uses them) are resolved while loading.
/// </summary>
internal sealed class YamlMap(IReadOnlyDictionary<string, object?> entries)
{
    public IReadOnlyDictionary<string, object?> Entries => entries;

    public IEnumerable<string> Keys => entries.Keys;

    public object? this[string key] => entries.TryGetValue(key, out var value) ? value : null;

    public bool Has(string key) => entries.ContainsKey(key);

    public YamlMap? Map(string key) => this[key] as YamlMap;

    public IReadOnlyList<object?> List(string key) => this[key] as IReadOnlyList<object?> ?? [];

    public IEnumerable<YamlMap> Maps(string key) => List(key).OfType<YamlMap>();

    public string? Text(string key) => this[key] as string;

    /// <summary>The mapping at a path of keys, or null where any step is missing or not a mapping.</summary>
    public YamlMap? At(params string[] path)
    {
        var current = this;
        foreach (var key in path)
        {
            current = current?.Map(key);
        }

        return current;
    }

    /// <summary>Every document of a (multi-document) YAML text that is not empty.</summary>
    public static IReadOnlyList<YamlMap> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => Convert(d.RootNode)).OfType<YamlMap>()];
    }

    /// <summary>The one document of a YAML text, which must be a mapping.</summary>
    public static YamlMap Load(string text) => LoadAll(text) switch
    {
        [var single] => single,
        var all => throw new InvalidDataException($"Expected one YAML document holding a mapping, found {all.Count}."),
    };

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMap(map),
        YamlSequenceNode list => list.Children.Select(Convert).ToList(),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode scalar => scalar.Value,
        _ => throw new InvalidDataException($"Unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    /// <summary>
    /// A mapping with its merge keys resolved as YAML 1.1 (and compose) does: keys written in the mapping win over
    /// merged ones, and among merged mappings the first that has a key wins. Aliases are already resolved to their node.
    /// </summary>
    private static YamlMap ConvertMap(YamlMappingNode map)
    {
        var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: "<<", Style: ScalarStyle.Plain })
            {
                continue;
            }

            entries.Add(((YamlScalarNode)key).Value ?? "", Convert(value));
        }

        foreach (var (key, value) in map.Children.Where(c => c.Key is YamlScalarNode { Value: "<<", Style: ScalarStyle.Plain }))
        {
            var merged = value switch
            {
                YamlMappingNode single => [single],
                YamlSequenceNode list => list.Children.Cast<YamlMappingNode>(),
                _ => throw new InvalidDataException($"A merge key at {key.Start} must hold a mapping or a list of mappings."),
            };
            foreach (var source in merged)
            {
                foreach (var (name, item) in ConvertMap(source).Entries)
                {
                    entries.TryAdd(name, item);
                }
            }
        }

        return new YamlMap(entries);
    }
}
