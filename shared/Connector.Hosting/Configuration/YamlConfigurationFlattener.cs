using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Connector.Hosting.Configuration;

/// <summary>
/// Turns a YAML document into configuration keys: nested maps become <c>section:key</c>, sequences
/// <c>key:0</c>, <c>key:1</c>, … Scalars keep their text (<c>True</c> stays <c>True</c>; the settings binder reads it);
/// nulls are left out so they fall through to the defaults.
/// </summary>
internal static class YamlConfigurationFlattener
{
    public static Dictionary<string, string?> Flatten(string yaml, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw Malformed(path, e.Start, Describe(e), e);
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (stream.Documents.Count == 0)
        {
            return data;
        }

        if (stream.Documents.Count > 1)
        {
            throw Malformed(path, stream.Documents[1].RootNode.Start, "it holds several YAML documents; keep one");
        }

        switch (stream.Documents[0].RootNode)
        {
            case YamlMappingNode root:
                Visit(root, prefix: null, data, path);
                return data;
            case YamlScalarNode { Value: null or "" } or YamlScalarNode { Tag.Value: "tag:yaml.org,2002:null" }:
                return data;
            case var other:
                throw Malformed(path, other.Start, "its top level must be a map of sections such as 'opencti:' and 'connector:'");
        }
    }

    private static void Visit(YamlNode node, string? prefix, Dictionary<string, string?> data, string path)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
                    {
                        throw Malformed(path, keyNode.Start, "a key must be plain text");
                    }

                    Visit(valueNode, prefix is null ? key : $"{prefix}:{key}", data, path);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Visit(sequence.Children[i], $"{prefix}:{i.ToString(CultureInfo.InvariantCulture)}", data, path);
                }

                break;
            case YamlScalarNode scalar when prefix is not null && !IsNull(scalar):
                if (!data.TryAdd(prefix, scalar.Value))
                {
                    throw Malformed(path, scalar.Start, $"the key '{prefix.Replace(':', '.')}' is given twice");
                }

                break;
        }
    }

    // A plain (unquoted) ~, null or empty value is YAML's null; a quoted "" is an empty string.
    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Value is null
        || (scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL");

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes its messages with the position, which we already state in our own words.
        var message = e.InnerException is YamlException inner && !string.IsNullOrWhiteSpace(inner.Message) ? inner.Message : e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message;
    }

    private static ConfigurationFileException Malformed(string path, Mark start, string reason, Exception? inner = null) =>
        new(
            path,
            $"The configuration file {path} is not usable at line {start.Line.ToString(CultureInfo.InvariantCulture)}, "
            + $"column {start.Column.ToString(CultureInfo.InvariantCulture)}: {reason.TrimEnd('.')}. "
            + "Fix the file, or remove it to configure the connector with environment variables only.",
            start.Line,
            start.Column,
            inner);
}
